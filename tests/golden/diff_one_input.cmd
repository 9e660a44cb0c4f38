diff diff/old.xml
