check csv/salesforce-contacts.csv --as-of 2026-11-01 --preset salesforce --ragged pad --account 0015g00000Acme1 --fail-on never
