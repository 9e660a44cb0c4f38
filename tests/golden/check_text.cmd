check cli/acme.xml
