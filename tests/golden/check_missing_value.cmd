check cli/acme.xml --format
