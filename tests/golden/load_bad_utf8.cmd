check load/bad-utf8.xml
