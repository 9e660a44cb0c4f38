render cli/two.xml --all --out-dir cli/two.xml/maps
