import cli/two.xml cli/acme.xml --db $OUT/db.sqlite && "$relmap" render --db $OUT/db.sqlite --account acme -T json
