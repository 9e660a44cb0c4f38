render cli/two.xml -o "$OUT/x.svg"; echo "exit $?"; ls "$OUT"
