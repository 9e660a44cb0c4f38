render cli/acme.xml --deck
