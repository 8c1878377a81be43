const api = process.env.NEXT_PUBLIC_API_URL;

fetch(`${api}/stats`);
fetch(`${import.meta.env.VITE_REPORTS_URL}/reports/latest`);
fetch(`${import.meta.env.VITE_MONITOR_URL}/health`);
