render cli/acme.xml -T dot
