check load/no-such-file.xml
