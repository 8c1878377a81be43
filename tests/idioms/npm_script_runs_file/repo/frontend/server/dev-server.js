const { port } = require("./port");
console.log(port);
