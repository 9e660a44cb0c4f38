check cli/two.xml --format markdown --fail-on never
