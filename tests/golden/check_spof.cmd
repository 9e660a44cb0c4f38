check cli/acme.xml --spof
