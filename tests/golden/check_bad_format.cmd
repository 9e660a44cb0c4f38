check cli/acme.xml --format yaml
