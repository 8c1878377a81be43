module.exports = function override(config) { return config; };
