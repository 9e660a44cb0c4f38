check cli/acme.xml cli/two.xml
