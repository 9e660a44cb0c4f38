import cli/acme.xml --db $OUT/db.sqlite && cd $OUT && "$relmap" export --db db.sqlite --account nope -o x.xml; echo "exit $?"; test -e x.xml && echo "x.xml written" || echo "no x.xml"
