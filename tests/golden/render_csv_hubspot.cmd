render csv/hubspot-contacts.csv --as-of 2026-11-01 --preset hubspot --account "Acme Corp" -T dot -o "$OUT/m.dot"; echo "exit $?"; ls "$OUT"
