check csv/salesforce-contacts.csv --preset salesforce --as-of 2026-11-01 --limit max_bytes=100
