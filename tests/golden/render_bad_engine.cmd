render cli/acme.xml --engine spring
