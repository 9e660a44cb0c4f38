check csv/two-accounts.csv --as-of 2026-11-01 --limit max_accounts=1
