module.exports = { aliasPaths: { "@": "src" } };
