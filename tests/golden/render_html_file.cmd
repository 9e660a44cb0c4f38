render render/hostile-html.xml -T html -o $OUT/x.html
