TITLE = "reports"
