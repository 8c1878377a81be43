"use client";
import { useEffect, useState } from "react";

export function ReportView({ id }: { id: string }) {
  const [report, setReport] = useState(null);
  useEffect(() => {
    fetch(`/api/reports/${id}`).then((r) => r.json()).then(setReport);
  }, [id]);
  return <article>{JSON.stringify(report)}</article>;
}
