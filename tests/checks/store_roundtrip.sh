#!/usr/bin/env bash
# store_roundtrip.sh RELMAP SOURCE_DIR SCRATCH_DIR
# 1. Every sample survives import -> export (canonically equal XML: the
#    export of the export is the same bytes), and check --format json from
#    the XML and from --db give the same report.
# 2. kill -9 of an import at random moments never corrupts the database
#    nor leaves half an import: PRAGMA integrity_check says ok, and the
#    account list is the one before the import or after a complete one.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
asof=2026-11-01
samples=("$src"/samples/*.xml "$src"/tests/data/cli/acme.xml)

# 1. round trips
"$relmap" import "${samples[@]}" --db db.sqlite || fail "import of the samples"
for s in "${samples[@]}"; do
  for id in $(grep -o '<account id="[^"]*"' "$s" | cut -d'"' -f2); do
    "$relmap" export --db db.sqlite --account "$id" -o "$id.xml" ||
      fail "export of $id"
    # The export reads back and exports to the same bytes.
    "$relmap" import "$id.xml" --db "again-$id.sqlite" || fail "re-import of $id"
    "$relmap" export --db "again-$id.sqlite" -o "$id.again.xml" ||
      fail "re-export of $id"
    cmp -s "$id.xml" "$id.again.xml" || fail "$id: export is not stable"
    "$relmap" check "$s" --account "$id" --as-of $asof --format json \
      --fail-on never >"$id.file.json" || fail "check of $s"
    "$relmap" check --db db.sqlite --account "$id" --as-of $asof \
      --format json --fail-on never >"$id.db.json" || fail "check --db $id"
    cmp -s "$id.file.json" "$id.db.json" ||
      fail "$id: check from the XML and from --db differ"
    "$relmap" check "$id.xml" --as-of $asof --format json --fail-on never |
      cmp -s - "$id.file.json" || fail "$id: check of the export differs"
  done
done

# 2. kill -9 during an import
python3 "$src/tests/tools/genaccount.py" --persons 50000 --seed 3 -o big.xml ||
  fail "genaccount"
list() { "$relmap" accounts --db "$1" --format json --as-of $asof; }
cp db.sqlite base.sqlite
list base.sqlite >before.json || fail "accounts before"
cp base.sqlite full.sqlite
start=$(date +%s%N)
"$relmap" import big.xml --db full.sqlite || fail "complete import"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
list full.sqlite >after.json || fail "accounts after"
cmp -s before.json after.json && fail "the big import changed nothing"
RANDOM=3
seen_before=0 seen_after=0 mid=0
for try in 1 2 3 4 5 6 7 8 9 10; do
  rm -f kill.sqlite kill.sqlite-wal kill.sqlite-shm
  cp base.sqlite kill.sqlite
  "$relmap" import big.xml --db kill.sqlite 2>/dev/null &
  pid=$!
  # Reading the XML takes about the first third; aim most kills at the
  # database work after it, a few past the end.
  delay=$(( ms / 3 + RANDOM % (ms * 4 / 5 + 1) ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # A WAL with frames in it: the kill hit the transaction itself.
  [ -s kill.sqlite-wal ] && mid=$((mid + 1))
  ok=$(sqlite3 kill.sqlite 'PRAGMA integrity_check') ||
    fail "try $try: sqlite3 failed"
  [ "$ok" = ok ] || fail "try $try (killed after $delay ms): integrity_check: $ok"
  list kill.sqlite >now.json || fail "try $try: accounts"
  if cmp -s now.json before.json; then
    seen_before=$((seen_before + 1))
  elif cmp -s now.json after.json; then
    seen_after=$((seen_after + 1))
  else
    fail "try $try (killed after $delay ms): a half import"
  fi
done
echo "ok: round trips of ${#samples[@]} files; 10 kills during a ${ms} ms import: $seen_before before, $seen_after after, $mid inside the transaction"
