check load/empty.xml
