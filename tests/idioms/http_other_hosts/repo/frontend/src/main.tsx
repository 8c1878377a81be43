fetch("https://api.github.com/user");
fetch("http://localhost:8000/v1/user");
