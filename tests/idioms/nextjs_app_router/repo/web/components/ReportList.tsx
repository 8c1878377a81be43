"use client";
import { useEffect, useState } from "react";

export function ReportList() {
  const [reports, setReports] = useState([]);
  useEffect(() => {
    fetch("/api/reports").then((r) => r.json()).then(setReports);
  }, []);
  return <ul>{reports.length}</ul>;
}
