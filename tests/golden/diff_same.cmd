diff diff/old.xml diff/old.xml
