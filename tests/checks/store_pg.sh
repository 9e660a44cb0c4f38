#!/usr/bin/env bash
# store_pg.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The store on PostgreSQL, against a real server started here: initdb into
# a temporary directory, the server listening on a Unix socket in it only
# (no TCP), stopped on any exit.  A server that cannot start is a failure,
# not a skip: CI installs it (scripts/debian-packages.txt).
# 1. The store's unit tests (tests/unit/test_store.c, RELMAP_TEST_STORE)
#    run against PostgreSQL (RELMAP_TEST_DB) and SQLite.
# 2. Every command that takes --db (import, accounts, export, check,
#    render, render --all --shard K/N, diff --old-db/--new-db) gives the
#    same stdout, stderr and exit code on PostgreSQL as on SQLite, the
#    store's name aside; a password in the URI is never printed.
# 3. kill -9 of an import at random moments leaves the database as before
#    or after it, 10 of 10 times: its export equals the export before the
#    import or after a complete one.  A reader (accounts) while the import
#    holds its transaction is not blocked and sees one of the two.
set -u
relmap=$(realpath "$1") src=$(realpath "$2") scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; scratch=$(realpath "$scratch")
cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }

bindir=$(pg_config --bindir 2>/dev/null)
[ -x "$bindir/initdb" ] ||
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] ||
  fail "no PostgreSQL server (initdb, pg_ctl): install postgresql"
psql=$bindir/psql; [ -x "$psql" ] || psql=psql
# A short path: the socket's name must fit in 107 bytes.
pgdir=$(mktemp -d /tmp/relmap-pg.XXXXXX) || fail "mktemp"
# postgres refuses to run as root: then the server runs as Debian's
# postgres user (or nobody), and owns the directory.
as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres; id -u postgres >/dev/null 2>&1 || user=nobody
  chown "$user" "$pgdir"
  as=(runuser -u "$user" --)
fi
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop \
    >/dev/null 2>&1
  rm -rf "$pgdir"
}
trap stop EXIT
"${as[@]}" "$bindir/initdb" -D "$pgdir/data" -A trust -U relmap -E UTF8 \
  --locale=C.UTF-8 --no-sync >initdb.log 2>&1 || { cat initdb.log; fail "initdb"; }
# fsync off: what is checked here is a killed client, not a power cut.
"${as[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
  -o "-k $pgdir -h '' -c fsync=off" start >/dev/null ||
  { cat "$pgdir/server.log"; fail "the PostgreSQL server did not start"; }

uri() { echo "postgresql:///$1?host=$pgdir&user=relmap"; }
sql() { PGOPTIONS='-c client_min_messages=warning' "$psql" -X -q -At -v ON_ERROR_STOP=1 -h "$pgdir" -U relmap \
          -d "${2:-postgres}" -c "$1"; }
newdb() { sql "DROP DATABASE IF EXISTS $1 WITH (FORCE)" &&
          sql "CREATE DATABASE $1${2:+ TEMPLATE $2}"; }

# 1. the unit tests on both back ends
[ -n "${RELMAP_TEST_STORE:-}" ] || fail "RELMAP_TEST_STORE is not set (run through ctest)"
newdb unit || fail "createdb"
( cd "$src/tests/data" && RELMAP_TEST_DB=$(uri unit) "$RELMAP_TEST_STORE" ) \
  >unit-pg.log 2>&1 || { cat unit-pg.log; fail "test_store on PostgreSQL"; }
( cd "$src/tests/data" && RELMAP_TEST_DB= "$RELMAP_TEST_STORE" ) \
  >unit-sqlite.log 2>&1 || { cat unit-sqlite.log; fail "test_store on SQLite"; }
tests=$(grep -c '^\[       OK \]' unit-pg.log)

# 2. the same commands on both back ends.  both NAME ARGS...: relmap ARGS
# with @A@ .. @D@ naming four stores and @O@ an output directory.
for db in a b c d; do newdb $db || fail "createdb $db"; done
n_same=0
both() {
  local name=$1 k x; shift
  for k in sqlite pg; do
    local -A at=([O]=$scratch/out.$k/$name)
    for x in A B C D; do
      if [ $k = sqlite ]; then at[$x]=$scratch/${x,,}.sqlite
      else at[$x]=$(uri "${x,,}"); fi
    done
    local args=()
    for x in "$@"; do
      for n in A B C D O; do x=${x//@$n@/"${at[$n]}"}; done
      args+=("$x")
    done
    local status=0
    ( cd "$src/tests/data" && "$relmap" "${args[@]}" ) \
      >"$name.$k.out" 2>"$name.$k.err" || status=$?
    echo "exit $status" >>"$name.$k.err"
    for x in A B C D O; do
      sed -i "s|${at[$x]}|@$x@|g" "$name.$k.out" "$name.$k.err"
    done
  done
  for x in out err; do
    cmp -s "$name.sqlite.$x" "$name.pg.$x" || {
      diff -u "$name.sqlite.$x" "$name.pg.$x" | head -30
      fail "$name: std$x differs between SQLite and PostgreSQL"; }
  done
  [ -d "out.sqlite/$name" ] && { diff -r "out.sqlite/$name" "out.pg/$name" ||
    fail "$name: the files written differ"; }
  n_same=$((n_same + 1))
}
expect() { grep -qx "exit $2" "$1.pg.err" || { cat "$1.pg.err"; fail "$1: want exit $2"; }; }
samples=(cli/acme.xml cli/two.xml ../../samples/startup.xml
         ../../samples/midmarket.xml ../../samples/enterprise.xml)
both import import "${samples[@]}" --db @A@; expect import 0
both accounts accounts --db @A@ --as-of 2026-12-01
both accounts-json accounts --db @A@ --format json --as-of 2026-12-01
both export export --db @A@
both export-acme export --db @A@ --account acme -o -
both check check --db @A@ --account acme --as-of 2026-11-01 --format json \
  --fail-on never
both check-text check --db @A@ --as-of 2026-11-01
both render-json render --db @A@ --account acme --as-of 2026-11-01 -T json
both render-svg render --db @A@ --account acme --as-of 2026-11-01 -T svg
both render-shard1 render --db @A@ --all --out-dir @O@ --shard 1/2 -j 1
both render-shard2 render --db @A@ --all --out-dir @O@ --shard 2/2 -j 1
both reimport import cli/acme.xml "${samples[@]}" --db @A@
both export-again export --db @A@
cmp -s export.pg.out export-again.pg.out || fail "a second import changed the store"
both import-bad import cli/two.xml load/dangling.xml --db @A@; expect import-bad 65
both export-after-bad export --db @A@
cmp -s export.pg.out export-after-bad.pg.out || fail "a failed import changed the store"
both unknown-account export --db @A@ --account nope; expect unknown-account 65
both csv import csv/team-people.csv csv/team-coverage.csv --preset salesforce \
  --map "member-name=Member Name" --db @B@
both csv-edges import csv/team-touchpoints.csv --preset salesforce \
  --map "channel=Activity Type" "--map=date=Activity Date" --db @B@
both csv-unknown import csv/team-bad-coverage.csv --preset salesforce --db @B@
both export-csv export --db @B@
both diff-old import diff/old.xml --db @C@
both diff-new import diff/new.xml --db @D@
both diff diff --old-db @C@ --new-db @D@ --account beta
both diff-json diff --old-db @C@ --new-db @D@ -f json

# Errors only PostgreSQL has: no such database, another application's,
# empty; the password never shows.
bad="postgresql://relmap:s3cret@/no_such_db?host=$pgdir&password=s3cret"
"$relmap" accounts --db "$bad" >/dev/null 2>err.txt; s=$?
[ $s = 66 ] || fail "an unreachable database: exit $s, want 66"
grep -q s3cret err.txt && fail "the password was printed: $(cat err.txt)"
grep -q 'postgresql://relmap@/no_such_db' err.txt || fail "no database named: $(cat err.txt)"
"$relmap" import "$src/tests/data/cli/acme.xml" --db "$bad" 2>err.txt; s=$?
[ $s = 73 ] || fail "import into an unreachable database: exit $s, want 73"
grep -q s3cret err.txt && fail "the password was printed: $(cat err.txt)"
# libpq quotes a malformed part of a URI, which may be the password.
"$relmap" accounts --db "postgresql://relmap:s3%zzcret@/x?host=$pgdir" 2>err.txt
grep -q 's3%zzcret' err.txt && fail "the password was printed: $(cat err.txt)"
newdb other && sql "CREATE TABLE t (x int)" other || fail "createdb other"
"$relmap" accounts --db "$(uri other)" 2>err.txt; s=$?
[ $s = 65 ] && grep -q 'another application' err.txt || fail "another application's database: exit $s $(cat err.txt)"
newdb empty || fail "createdb empty"
"$relmap" export --db "$(uri empty)" 2>err.txt; s=$?
[ $s = 65 ] && grep -q 'it is empty' err.txt || fail "an empty database: exit $s $(cat err.txt)"
[ "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" empty)" = 0 ] ||
  fail "a reader created tables"

# 3. kill -9 during an import
python3 "$src/tests/tools/genaccount.py" --persons 20000 --seed 3 -o big.xml ||
  fail "genaccount"
newdb base a || fail "createdb base"
"$relmap" export --db "$(uri base)" >before.xml || fail "export before"
list() { "$relmap" accounts --db "$(uri "$1")" --format json --as-of 2026-11-01; }
list base >before.json || fail "accounts before"
newdb complete base || fail "createdb full"
start=$(date +%s%N)
"$relmap" import big.xml --db "$(uri complete)" || fail "complete import"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
"$relmap" export --db "$(uri complete)" >after.xml || fail "export after"
list complete >after.json || fail "accounts after"
cmp -s before.xml after.xml && fail "the big import changed nothing"
RANDOM=3
seen_before=0 seen_after=0 mid=0 reads=0
for try in 1 2 3 4 5 6 7 8 9 10; do
  newdb kill base || fail "createdb kill"
  "$relmap" import big.xml --db "$(uri kill)" 2>/dev/null &
  pid=$!
  # Reading the XML takes about the first third; aim most kills at the
  # database work after it, a few past the end.
  delay=$(( ms / 3 + RANDOM % (ms * 4 / 5 + 1) ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  # The import's advisory lock: it is inside its transaction.
  held=$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
  if [ "$held" = 1 ]; then
    mid=$((mid + 1))
    timeout 10 "$relmap" accounts --db "$(uri kill)" --format json \
      --as-of 2026-11-01 >read.json || fail "try $try: a reader failed or waited"
    cmp -s read.json before.json || cmp -s read.json after.json ||
      fail "try $try: a reader saw half an import"
    reads=$((reads + 1))
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # The server ends the killed session (rolling back) once it sees the
  # socket closed; wait for that before reading.
  for i in $(seq 100); do
    [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'kill'")" = 0 ] && break
    sleep 0.1
  done
  "$relmap" export --db "$(uri kill)" >now.xml || fail "try $try: export"
  if cmp -s now.xml before.xml; then
    seen_before=$((seen_before + 1))
  elif cmp -s now.xml after.xml; then
    seen_after=$((seen_after + 1))
  else
    fail "try $try (killed after $delay ms): a half import"
  fi
done
echo "ok: test_store ($tests tests) on PostgreSQL and SQLite; $n_same commands alike on both; 10 kills during a ${ms} ms import: $seen_before before, $seen_after after, $mid inside the transaction ($reads reads not blocked)"
