check cli/acme.xml --as-of 2027-06-01 --fail-on never
