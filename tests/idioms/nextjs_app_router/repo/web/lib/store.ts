const reports: Record<string, unknown> = {};

export function listReports() {
  return Object.values(reports);
}

export function saveReport(report: { id: string }) {
  reports[report.id] = report;
  return report;
}

export function getReport(id: string) {
  return reports[id];
}
