check load/valid-full.xml --fail-on never -o $OUT/report.txt
