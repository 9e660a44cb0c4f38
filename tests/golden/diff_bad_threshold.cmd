diff diff/old.xml diff/new.xml --coverage-threshold 2
