#!/usr/bin/env bash
# Regenerate the seed corpora in fuzz/corpus/<target>/ from the samples and
# the test data.  The XML and CSV targets read their options from the first
# input bytes (see fuzz_xml.c, fuzz_csv.c), so each seed is written with
# option bytes in front; the style target takes the sheet as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
rm -rf "$out"
mkdir -p "$out/fuzz_xml" "$out/fuzz_csv" "$out/fuzz_style"

# seed TARGET NAME OPTION-BYTES(octal escapes) FILE
seed() {
	{ printf "$3"; cat "$4"; } >"$out/$1/$2"
}

# XML: byte 0 bit 0 = schema validation; the rest lowers max_depth.
for f in samples/startup.xml samples/midmarket.xml tests/data/load/*.xml \
	 tests/data/cli/*.xml; do
	n=$(basename "$f" .xml)
	seed fuzz_xml "$n-v.xml" '\001' "$f"
done
# A few without the schema plug, so the loader's own checks face it alone.
for f in samples/startup.xml tests/data/load/valid-full.xml \
	 tests/data/load/bad-values.xml tests/data/load/deep.xml; do
	n=$(basename "$f" .xml)
	seed fuzz_xml "$n-n.xml" '\000' "$f"
done

# CSV: byte 0 = preset (bits 0-1), pad (4), default account (8), mappings
# (16, 32) taken from byte 1, strict quotes (64), header notes (128).
seed fuzz_csv salesforce.csv '\001\000' tests/data/csv/salesforce-contacts.csv
seed fuzz_csv salesforce-pad.csv '\005\000' tests/data/csv/salesforce-contacts.csv
seed fuzz_csv hubspot.csv '\002\000' tests/data/csv/hubspot-contacts.csv
seed fuzz_csv dynamics.csv '\003\000' tests/data/csv/dynamics-contacts.csv
seed fuzz_csv orgchart.csv '\010\000' tests/data/csv/orgchart.csv
seed fuzz_csv orgchart-map.csv '\070\041' tests/data/csv/orgchart.csv
seed fuzz_csv salesforce-report.csv '\201\000' tests/data/csv/salesforce-report.csv
seed fuzz_csv salesforce-report-classic.csv '\001\000' tests/data/csv/salesforce-report-classic.csv
seed fuzz_csv hr-orgchart.csv '\210\000' tests/data/csv/hr-orgchart.csv
seed fuzz_csv stray-quotes.csv '\010\000' tests/data/csv/stray-quotes.csv
seed fuzz_csv stray-quotes-strict.csv '\110\000' tests/data/csv/stray-quotes.csv
for f in tests/data/csv/team-*.csv; do
	n=$(basename "$f" .csv)
	seed fuzz_csv "$n.csv" '\001\000' "$f"
	seed fuzz_csv "$n-none.csv" '\000\000' "$f"
done

# Style sheets: the default, the test themes, and one sheet per element of
# the default (small seeds that reach each element's parser quickly).
cp styles/default.xml "$out/fuzz_style/default.xml"
cp tests/data/style/bad.xml "$out/fuzz_style/bad.xml"
cp tests/data/render/nowrap.xml "$out/fuzz_style/nowrap.xml"
cp tests/data/render/theme-dark.xml "$out/fuzz_style/theme-dark.xml"
i=0
grep -o '<[a-z-]* [^>]*/>' styles/default.xml | while IFS= read -r el; do
	i=$((i + 1))
	printf '<relmap-style version="1" name="t%d">\n  %s\n</relmap-style>\n' \
		"$i" "$el" >"$out/fuzz_style/element-$i.xml"
done
