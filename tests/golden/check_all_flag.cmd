check cli/two.xml --all -f json --fail-on never
