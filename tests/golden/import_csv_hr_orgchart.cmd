import csv/hr-orgchart.csv --account oracle-hr --db $OUT/db.sqlite && "$relmap" export --db $OUT/db.sqlite
