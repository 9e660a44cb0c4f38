check cli/acme.xml --format junit --account acme
