import { getReport } from "../../../../lib/store";

export async function GET(_req: Request, { params }: { params: { id: string } }) {
  return Response.json(getReport(params.id));
}
