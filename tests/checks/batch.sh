#!/usr/bin/env bash
# batch.sh RELMAP SOURCE_DIR SCRATCH_DIR
# render --all over a store of 20 generated accounts:
# 1. -j 1 and -j 2 write the same files, byte for byte, and each is the
#    file a single `render --account ID` writes.
# 2. --shard 1/3, 2/3 and 3/3 together draw every account exactly once.
# 3. An account whose output cannot be written (a directory stands where
#    its file goes) is reported, exit 73, and the others are drawn.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }

python3 "$src/tests/tools/genaccount.py" --persons 40 --seed 7 --accounts 20 \
  -o accounts.xml || fail "genaccount"
"$relmap" import accounts.xml --db db.sqlite || fail "import"
ids=$(grep -o '<account id="[^"]*"' accounts.xml | cut -d'"' -f2 | sort)
[ "$(echo "$ids" | wc -l)" = 20 ] || fail "expected 20 accounts"

# 1. the same bytes whatever -j
"$relmap" render --db db.sqlite --all --out-dir j1 -j 1 2>j1.err ||
  fail "render -j 1: $(cat j1.err)"
"$relmap" render --db db.sqlite --all --out-dir j2 -j 2 2>j2.err ||
  fail "render -j 2: $(cat j2.err)"
grep -qx 'rendered 20 of 20 accounts into j1' j1.err || fail "summary: $(cat j1.err)"
[ "$(ls j1 | sed 's/\.svg$//' | sort)" = "$ids" ] || fail "file names: $(ls j1)"
diff -r j1 j2 >/dev/null || fail "-j 1 and -j 2 differ"
for id in acct-1 acct-20; do
  "$relmap" render --db db.sqlite --account "$id" -o "single-$id.svg" ||
    fail "render --account $id"
  cmp -s "single-$id.svg" "j1/$id.svg" || fail "$id: batch and single differ"
done
# The same from the XML file directly.
"$relmap" render accounts.xml --all --out-dir xml -T dot -j 2 2>/dev/null ||
  fail "render FILE --all"
[ "$(ls xml | wc -l)" = 20 ] || fail "render FILE --all: $(ls xml)"

# 2. shards cover every account exactly once
for k in 1 2 3; do
  "$relmap" render --db db.sqlite --all --out-dir "shard$k" --shard "$k/3" \
    -T dot 2>/dev/null || fail "shard $k/3"
done
all=$(ls shard1 shard2 shard3 | grep '\.dot$' | sed 's/\.dot$//' | sort)
[ "$all" = "$ids" ] || fail "shards do not cover every account once: $all"
for k in 1 2 3; do
  [ -n "$(ls "shard$k")" ] || fail "shard $k/3 is empty (unlikely with 20)"
done
# Stable: the same shard again gives the same accounts.
"$relmap" render --db db.sqlite --all --out-dir again --shard 2/3 -T dot \
  2>/dev/null || fail "shard 2/3 again"
[ "$(ls again)" = "$(ls shard2)" ] || fail "shard 2/3 is not stable"

# 3. one failure does not stop the others
mkdir -p broken/acct-7.svg
status=0
"$relmap" render --db db.sqlite --all --out-dir broken -j 2 2>broken.err ||
  status=$?
[ "$status" = 73 ] || fail "exit $status with a broken account, want 73"
grep -q '^acct-7: error: broken/acct-7.svg: cannot write: is a directory$' \
  broken.err || fail "no error line for acct-7: $(cat broken.err)"
[ "$(grep -c ': error: ' broken.err)" = 1 ] || fail "more than one error"
grep -qx 'rendered 19 of 20 accounts into broken' broken.err ||
  fail "summary: $(cat broken.err)"
for f in j1/*.svg; do
  b=${f#j1/}
  [ "$b" = acct-7.svg ] && continue
  cmp -s "$f" "broken/$b" || fail "broken/$b missing or different"
done
echo "ok"
