check cli/acme.xml --format json
