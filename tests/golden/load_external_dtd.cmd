check load/external-dtd.xml
