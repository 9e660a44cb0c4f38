check cli/acme.xml --frob
