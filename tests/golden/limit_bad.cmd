check cli/acme.xml --limit max_things=3
