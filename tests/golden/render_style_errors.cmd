render cli/acme.xml --style style/bad.xml -o "$OUT/x.svg"; echo "exit $?"; ls "$OUT"
