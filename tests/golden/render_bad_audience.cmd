render cli/acme.xml --audience boss
