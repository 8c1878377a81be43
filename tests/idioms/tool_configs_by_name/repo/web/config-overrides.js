const { aliasPaths } = require("./config/paths");

module.exports = function override(config) {
  config.resolve.alias = aliasPaths;
  return config;
};
