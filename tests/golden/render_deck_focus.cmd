render cli/acme.xml --deck --focus p1 -o $OUT/x.pdf
