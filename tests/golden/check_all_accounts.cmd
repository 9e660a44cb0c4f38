check cli/two.xml -f json --fail-on never
