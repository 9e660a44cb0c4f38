import csv/team-coverage.csv --preset salesforce --map "member-name=Member Name" --db $OUT/db.sqlite
