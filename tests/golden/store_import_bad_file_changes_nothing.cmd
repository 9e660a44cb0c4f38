import cli/acme.xml --db $OUT/db.sqlite && { "$relmap" import cli/two.xml load/dangling.xml --db $OUT/db.sqlite; echo "import exit $?"; "$relmap" accounts --db $OUT/db.sqlite; }
