check cli/acme.xml --without p2,zz --without u9
