check cli/no-such-file.xml
