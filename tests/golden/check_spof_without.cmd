check cli/acme.xml --spof --without u2 --fail-on never
