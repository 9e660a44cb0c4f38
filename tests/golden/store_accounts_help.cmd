accounts --help
