render diff/new.xml --diff diff/old.xml --account acme -T json
