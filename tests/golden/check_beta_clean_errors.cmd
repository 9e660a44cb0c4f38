check cli/two.xml --account beta
