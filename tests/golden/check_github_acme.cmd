check cli/acme.xml -f github
