check cli/acme.xml --without p1,,p2
