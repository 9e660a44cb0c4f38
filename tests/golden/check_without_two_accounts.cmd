check cli/two.xml --without b2 -f json --fail-on never
