check cli/acme.xml --fail-on never
