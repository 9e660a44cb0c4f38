check cli/acme.xml --fail-on sometimes
