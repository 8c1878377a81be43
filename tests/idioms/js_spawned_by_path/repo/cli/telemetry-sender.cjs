process.stdin.on("data", () => process.exit(0));
