check cli/acme.xml --spof -f junit
