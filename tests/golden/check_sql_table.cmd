check sql/northwind-employees.sqlite --table Employees --account northwind --as-of 2026-11-01 --fail-on never --explain-columns
