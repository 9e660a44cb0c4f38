diff diff/old.xml diff/new.xml --account beta -o $OUT/d.txt; echo "exit $?"; cat $OUT/d.txt
