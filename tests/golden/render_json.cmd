render cli/acme.xml -T json
