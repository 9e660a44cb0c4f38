import sql/northwind-employees.sqlite --sql "SELECT EmployeeID, FirstName, LastName, Title, ReportsTo FROM Employees" --db $OUT/db.sqlite && "$relmap" export --db $OUT/db.sqlite
