render cli/acme.xml --audience customer -T json
