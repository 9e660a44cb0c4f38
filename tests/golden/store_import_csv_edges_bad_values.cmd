import csv/team-people.csv csv/team-bad-touchpoints.csv --preset salesforce --db $OUT/db.sqlite
