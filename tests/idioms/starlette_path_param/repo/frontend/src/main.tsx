const name = 'a';
fetch("/api/files/docs/2024/report.pdf");
fetch("/api/blobs/" + name + "/versions/3");
