async function start() {
  if (import.meta.env.DEV) {
    const { setupWorker } = await import("msw/browser");
    const { handlers } = await import("./mocks/handlers");
    await setupWorker(...handlers).start();
  }
  await fetch("/api/real");
}
start();
