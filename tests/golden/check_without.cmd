check cli/acme.xml --without p2
