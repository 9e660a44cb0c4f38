diff diff/old.xml diff/new.xml --account acme --coverage-threshold 0.05
