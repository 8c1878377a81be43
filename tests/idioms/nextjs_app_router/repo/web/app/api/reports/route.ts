import { listReports, saveReport } from "../../../lib/store";

export async function GET() {
  return Response.json(listReports());
}

export async function POST(request: Request) {
  return Response.json(saveReport(await request.json()));
}

export async function DELETE() {
  return Response.json({ cleared: true });
}
