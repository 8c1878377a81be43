exports.icons = function icons(done) { done(); };
