import csv/stray-quotes.csv --account acme --db $OUT/db.sqlite && "$relmap" export --db $OUT/db.sqlite
