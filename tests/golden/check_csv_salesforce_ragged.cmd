check csv/salesforce-contacts.csv --as-of 2026-11-01 --preset salesforce
