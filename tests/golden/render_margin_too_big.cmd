render cli/acme.xml --page 4:3 --margin 4in -o $OUT/x.svg
