render csv/hr-orgchart.csv --account oracle-hr --as-of 2026-11-01 -T dot -o "$OUT/m.dot"; echo "exit $?"; ls "$OUT"
