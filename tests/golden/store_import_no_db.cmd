import cli/acme.xml
