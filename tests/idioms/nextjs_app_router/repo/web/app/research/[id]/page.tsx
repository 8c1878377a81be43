import { ReportView } from "../../../components/ReportView";

export default function ResearchPage({ params }: { params: { id: string } }) {
  return <ReportView id={params.id} />;
}
