render cli/acme.xml --audience customer --diff cli/acme.xml
