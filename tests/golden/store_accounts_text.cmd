import cli/two.xml cli/acme.xml ../../samples/startup.xml --db $OUT/db.sqlite && "$relmap" accounts --db $OUT/db.sqlite
