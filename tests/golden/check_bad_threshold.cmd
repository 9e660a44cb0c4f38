check cli/acme.xml --covered-threshold 1.5
