function hidden(el) { return el.offsetParent === null; }
