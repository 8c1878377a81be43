fetch("/api/users");
fetch("/api/orders");
fetch("/api/reports/daily");
fetch("/hooks/stripe", { method: "POST" });
fetch("/api/billing/invoices");
