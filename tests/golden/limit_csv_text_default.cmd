check limits/long-field.csv --account a --as-of 2026-11-01
