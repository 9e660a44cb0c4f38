accounts --db cli/acme.xml
