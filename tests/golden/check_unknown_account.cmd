check cli/two.xml --account gamma
