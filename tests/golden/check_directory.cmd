check cli
