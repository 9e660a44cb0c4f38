check csv/hr-orgchart.csv --account oracle-hr --explain-columns --as-of 2026-11-01 --fail-on never
