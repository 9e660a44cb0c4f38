#!/usr/bin/env bash
# bench/batch.sh [RELMAP] - batch rendering speed-up (issue 3, item 4).
#
# Imports 200 generated accounts of 60 persons into a store, then times
# `relmap render --db DB --all --out-dir DIR -T svg` with -j 1 and -j 2
# (BENCH_REPEAT runs each, median wall time) and prints the ratio; the
# target is -j 2 <= 0.6 x -j 1.  Checks that both runs wrote the same
# bytes.  On demand only, not in ctest; run on an otherwise idle machine
# with at least 2 cores.
#
# Environment: RELMAP (default build/relmap), BENCH_ACCOUNTS (200),
# BENCH_PERSONS (60), BENCH_SEED (1), BENCH_REPEAT (3), BENCH_FORMAT (svg).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
relmap=$(realpath "${1:-${RELMAP:-$here/../build/relmap}}")
accounts=${BENCH_ACCOUNTS:-200} persons=${BENCH_PERSONS:-60}
seed=${BENCH_SEED:-1} repeat=${BENCH_REPEAT:-3} fmt=${BENCH_FORMAT:-svg}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/relmap-batch.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch"

python3 "$here/../tests/tools/genaccount.py" --persons "$persons" \
  --seed "$seed" --accounts "$accounts" -o accounts.xml
"$relmap" import accounts.xml --db db.sqlite

# One timed run of `render --all -j $1` into out-$1: wall milliseconds.
run_jobs() {
  local j=$1 t0 t1
  rm -rf "out-$j"
  t0=$(date +%s%N)
  "$relmap" render --db db.sqlite --all --out-dir "out-$j" -j "$j" \
    -T "$fmt" 2>/dev/null
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

echo "cores online: $(getconf _NPROCESSORS_ONLN)" >&2
# -j 1 and -j 2 alternate, so a neighbour's load hits both alike.
t1s=() t2s=()
for ((i = 0; i < repeat; i++)); do
  t1s+=("$(run_jobs 1)")
  t2s+=("$(run_jobs 2)")
  echo "run $((i + 1)): -j 1 ${t1s[-1]} ms, -j 2 ${t2s[-1]} ms" >&2
done
ms1=$(median "${t1s[@]}")
ms2=$(median "${t2s[@]}")
diff -r out-1 out-2 >/dev/null || { echo "FAIL: -j 1 and -j 2 differ" >&2; exit 1; }
n=$(ls out-1 | wc -l)
echo "| accounts x persons | files | -j 1 | -j 2 | ratio -j2/-j1 |"
echo "|---|---|---|---|---|"
awk -v a="$accounts" -v p="$persons" -v n="$n" -v m1="$ms1" -v m2="$ms2" \
  'BEGIN { printf "| %d x %d | %d | %.2f s | %.2f s | %.2f |\n", a, p, n, m1 / 1000, m2 / 1000, m2 / m1 }'
