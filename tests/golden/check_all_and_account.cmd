check cli/two.xml --all --account beta
