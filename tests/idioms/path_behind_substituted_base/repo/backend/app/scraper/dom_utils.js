function visible(el) { return el.offsetParent !== null; }
