const fs = require("fs");
const path = require("path");
const vm = require("vm");

for (const name of ["dom_utils.js", "old_utils.js"]) {
  vm.runInNewContext(fs.readFileSync(path.join(__dirname, "../../backend/app/scraper/" + name), "utf8"), {});
}
vm.runInNewContext(fs.readFileSync(path.join(__dirname, "../../backend/app/scraper/dom_utils.js"), "utf8"), {});
vm.runInNewContext(fs.readFileSync(path.join(__dirname, "../../backend/app/scraper/old_utils.js"), "utf8"), {});
