check cli/acme.xml -o /nonexistent-dir/report.txt
