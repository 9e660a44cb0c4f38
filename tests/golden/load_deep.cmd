check load/deep.xml
