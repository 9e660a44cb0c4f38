check load/namespace.xml
