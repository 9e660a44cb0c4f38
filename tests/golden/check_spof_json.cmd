check cli/acme.xml --spof -f json
