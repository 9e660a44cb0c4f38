import cli/acme.xml cli/two.xml --db $OUT/db.sqlite && "$relmap" accounts --db $OUT/db.sqlite --format json --as-of 2026-12-01
