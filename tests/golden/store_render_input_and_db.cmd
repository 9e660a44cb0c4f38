import cli/acme.xml --db $OUT/db.sqlite && "$relmap" render cli/acme.xml --db $OUT/db.sqlite
