import csv/salesforce-report.csv --preset salesforce --db $OUT/db.sqlite && "$relmap" accounts --db $OUT/db.sqlite --as-of 2026-11-01 && "$relmap" export --db $OUT/db.sqlite
