check cli/acme.xml --without u1,p3 --without p8 -f json
