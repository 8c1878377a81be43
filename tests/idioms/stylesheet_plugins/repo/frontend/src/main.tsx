import "./tailwind.css";
document.body.className = "app";
