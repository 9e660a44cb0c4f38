check cli/two.xml --account alpha --without b2
