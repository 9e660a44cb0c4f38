check csv/orgchart.csv --preset pipedrive
