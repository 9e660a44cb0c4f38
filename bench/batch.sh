#!/usr/bin/env bash
# bench/batch.sh [RELMAP] - batch rendering against one dot (issue 12).
#
# Imports 200 generated accounts of 60 persons into a store and writes
# relmap's own DOT of each (untimed).  Then, in one run, times
#   relmap render --db DB --all --out-dir DIR -T svg -j 1
#   relmap render --db DB --all --out-dir DIR -T svg -j 2
#   dot -Tsvg -O A.dot B.dot ...   (one dot process drawing the 200 DOT files)
# BENCH_REPEAT times each, interleaved so a neighbour's load hits all three
# alike, and prints the medians and the ratios: -j 1 / dot (the target is
# at most 1.5) and -j 2 / -j 1 (at most 0.6).  Checks that -j 1 and -j 2
# wrote the same bytes.  On demand only, not in ctest; run on an otherwise
# idle machine with at least 2 cores.
#
# Environment: RELMAP (default build/relmap), BENCH_ACCOUNTS (200),
# BENCH_PERSONS (60), BENCH_SEED (1), BENCH_REPEAT (3), BENCH_FORMAT (svg).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
relmap=$(realpath "${1:-${RELMAP:-$here/../build/relmap}}")
accounts=${BENCH_ACCOUNTS:-200} persons=${BENCH_PERSONS:-60}
seed=${BENCH_SEED:-1} repeat=${BENCH_REPEAT:-3} fmt=${BENCH_FORMAT:-svg}
command -v dot >/dev/null || { echo "bench: Graphviz 'dot' is not installed" >&2; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/relmap-batch.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch"

python3 "$here/../tests/tools/genaccount.py" --persons "$persons" \
  --seed "$seed" --accounts "$accounts" -o accounts.xml
"$relmap" import accounts.xml --db db.sqlite
# The styled graphs dot draws: the same that relmap lays out and draws.
"$relmap" render --db db.sqlite --all --out-dir dots -T dot 2>/dev/null
dots=(dots/*.dot)

now() { date +%s%N; }
# One timed run of `render --all -j $1` into out-$1: wall milliseconds.
run_jobs() {
  local j=$1 t0 t1
  rm -rf "out-$j"
  t0=$(now)
  "$relmap" render --db db.sqlite --all --out-dir "out-$j" -j "$j" \
    -T "$fmt" 2>/dev/null
  t1=$(now)
  echo $(( (t1 - t0) / 1000000 ))
}
# One timed run of a single dot over every DOT file: wall milliseconds.
run_dot() {
  local t0 t1
  rm -f dots/*."$fmt"
  t0=$(now)
  dot -T"$fmt" -O "${dots[@]}"
  t1=$(now)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

echo "cores online: $(getconf _NPROCESSORS_ONLN)" >&2
t1s=() t2s=() tds=()
for ((i = 0; i < repeat; i++)); do
  t1s+=("$(run_jobs 1)")
  tds+=("$(run_dot)")
  t2s+=("$(run_jobs 2)")
  echo "run $((i + 1)): -j 1 ${t1s[-1]} ms, dot ${tds[-1]} ms, -j 2 ${t2s[-1]} ms" >&2
done
ms1=$(median "${t1s[@]}")
ms2=$(median "${t2s[@]}")
msd=$(median "${tds[@]}")
diff -r out-1 out-2 >/dev/null || { echo "FAIL: -j 1 and -j 2 differ" >&2; exit 1; }
n=$(ls out-1 | wc -l)
echo "| accounts x persons | files | one dot | -j 1 | -j 2 | -j 1 / dot | -j 2 / -j 1 |"
echo "|---|---|---|---|---|---|---|"
awk -v a="$accounts" -v p="$persons" -v n="$n" -v m1="$ms1" -v m2="$ms2" -v md="$msd" \
  'BEGIN { printf "| %d x %d | %d | %.2f s | %.2f s | %.2f s | %.2f | %.2f |\n", a, p, n, md / 1000, m1 / 1000, m2 / 1000, m1 / md, m2 / m1 }'
