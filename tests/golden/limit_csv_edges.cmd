import csv/team-people.csv csv/team-coverage.csv --preset salesforce --db $OUT/db.sqlite --limit max_edges=1
