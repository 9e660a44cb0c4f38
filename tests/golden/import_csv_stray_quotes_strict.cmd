import csv/stray-quotes.csv --account acme --strict --db $OUT/db.sqlite; echo "exit $?"; ls $OUT
