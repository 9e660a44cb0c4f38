check csv/orgchart.csv --map name=Employee
