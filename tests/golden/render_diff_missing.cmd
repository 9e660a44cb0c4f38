render diff/new.xml --diff diff/nope.xml --account acme -T dot
