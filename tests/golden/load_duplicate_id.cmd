check load/duplicate-id.xml
