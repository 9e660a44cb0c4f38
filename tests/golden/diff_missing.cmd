diff diff/old.xml diff/nope.xml
