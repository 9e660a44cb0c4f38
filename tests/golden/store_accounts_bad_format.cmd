accounts --db $OUT/db.sqlite --format yaml
