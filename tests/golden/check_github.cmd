check cli/two.xml --format github --fail-on warning
