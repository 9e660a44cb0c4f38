render cli/acme.xml -T gif
