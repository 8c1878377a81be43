module.exports = { pageExtensions: ["page.tsx", "api.ts"], basePath: "/docs" };
