export function getBaseUrl(): string {
  return (window as any).__RUNTIME_CONFIG__.apiBase;
}
