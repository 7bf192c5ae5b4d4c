"""The report text shared by the command line and the dashboard: the status line, the week report, reports of a range of weeks."""
