render sql/northwind-employees.sqlite --sql "SELECT EmployeeID, FirstName, LastName, Title, ReportsTo FROM Employees" --as-of 2026-11-01 -T dot -o "$OUT/m.dot"; echo "exit $?"; ls "$OUT"
