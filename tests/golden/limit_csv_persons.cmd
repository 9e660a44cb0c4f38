check csv/salesforce-contacts.csv --preset salesforce --ragged pad --as-of 2026-11-01 --limit max_persons=3
