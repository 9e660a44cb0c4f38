render cli/acme.xml --style cli/no-such-style.xml
