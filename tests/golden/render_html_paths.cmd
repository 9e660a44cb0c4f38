render cli/acme.xml -T html --text-as-paths -o $OUT/x.html
