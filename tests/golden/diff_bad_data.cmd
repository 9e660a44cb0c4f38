diff diff/old.xml load/bad-values.xml
