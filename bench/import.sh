#!/usr/bin/env bash
# relmap import benchmark: a 1,000,000-person CSV into the store.
#
#   bench/import.sh [RELMAP]        (or RELMAP=path bench/import.sh)
#
# Not part of the test suite; see bench/README.md.  The issue's budget is
# 10 s and 1 GiB for the import; the script fails when a run exceeds it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
relmap=${1:-${RELMAP:-$root/build/relmap}}
persons=${BENCH_IMPORT_PERSONS:-1000000}
seed=${BENCH_SEED:-1}
max_s=${BENCH_IMPORT_MAX_S:-10}
max_kb=${BENCH_IMPORT_MAX_KB:-1048576}

[ -x "$relmap" ] || { echo "no relmap binary at $relmap" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/relmap-import.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

echo "generating $persons persons (seed $seed) ..." >&2
python3 "$here/gencsv.py" --persons "$persons" --accounts 1 --seed "$seed" \
	-o "$scratch/one.csv"
python3 "$here/gencsv.py" --persons "$persons" --accounts 1000 --seed "$seed" \
	-o "$scratch/many.csv"

fail=0
# run LABEL DB FILE: one timed import; prints a table row.
run() {
	local label=$1 db=$2 file=$3 t s kb
	/usr/bin/time -f '%e %M' -o "$scratch/time" \
		"$relmap" import "$file" --preset salesforce --db "$db" >&2
	read -r s kb <"$scratch/time"
	printf '| %s | %s s | %d MB |\n' "$label" "$s" $((kb / 1024))
	t=$(awk -v s="$s" -v m="$max_s" 'BEGIN { print (s > m) }')
	if [ "$t" = 1 ] || [ "$kb" -gt "$max_kb" ]; then
		echo "over budget: $label ($s s, $kb KB)" >&2
		fail=1
	fi
}

echo "| import of $persons persons ($(du -m "$scratch/one.csv" | cut -f1) MB CSV) | wall time | peak RSS |"
echo "|---|---|---|"
run "1 account, new database" "$scratch/one.sqlite" "$scratch/one.csv"
run "1 account, same file again (replace)" "$scratch/one.sqlite" "$scratch/one.csv"
run "1,000 accounts, new database" "$scratch/many.sqlite" "$scratch/many.csv"
run "1,000 accounts, same file again" "$scratch/many.sqlite" "$scratch/many.csv"
sqlite3 "$scratch/one.sqlite" 'PRAGMA integrity_check' >&2 2>/dev/null || true
exit $fail
