check load/bad-structure.xml
