check cli/two.xml --format junit --fail-on warning
