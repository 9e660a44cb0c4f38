import cli/two.xml --db $OUT/db.sqlite && cd $OUT && "$relmap" render --db db.sqlite -T json
