import --db $OUT/db.sqlite
