render cli/two.xml --all
