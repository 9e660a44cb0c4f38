import csv/salesforce-report-classic.csv --preset salesforce --db $OUT/db.sqlite && "$relmap" export --db $OUT/db.sqlite
