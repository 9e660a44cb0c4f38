check cli/acme.xml -o "$OUT/report.txt" --fail-on never && cat "$OUT/report.txt"
