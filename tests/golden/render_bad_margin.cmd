render cli/acme.xml --page 16:9 --margin 2 -o $OUT/x.svg
