check load/bad-values.xml
