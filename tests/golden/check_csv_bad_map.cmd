check csv/orgchart.csv --map boss=Employee
