check cli/two.xml --account beta --fail-on warning
