const { task, src, dest } = require("gulp");

task("build:icons", () => src("nodes/**/*.svg").pipe(dest("dist/nodes")));
