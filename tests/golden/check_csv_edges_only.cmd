check csv/team-coverage.csv --preset salesforce
