import cli/acme.xml --db $OUT/db.sqlite && "$relmap" export --db $OUT/db.sqlite
