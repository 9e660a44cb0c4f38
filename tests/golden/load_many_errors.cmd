check load/many-errors.xml
