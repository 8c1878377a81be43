import { ReportList } from "../components/ReportList";

export default function Home() {
  return <ReportList />;
}
