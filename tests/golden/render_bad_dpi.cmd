render cli/acme.xml --dpi 0 -o $OUT/x.png
