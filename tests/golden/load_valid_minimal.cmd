check load/valid-minimal.xml --fail-on never -o $OUT/report.txt
