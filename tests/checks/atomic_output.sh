#!/usr/bin/env bash
# atomic_output.sh RELMAP SOURCE_DIR SCRATCH_DIR
# An error never leaves a partial or changed output file; special files are
# written in place; a successful write leaves no temporary file.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
good=$src/tests/data/cli/acme.xml
bad=$scratch/bad.xml
printf '<relmap version="1"><account id="a"><person id="p" name="P" influence="2"/></account></relmap>\n' >"$bad"

# 1. an existing output survives a failing render byte for byte
echo "precious" >map.svg
"$relmap" render "$bad" -o map.svg 2>/dev/null; rc=$?
[ $rc = 65 ] || fail "bad input: exit $rc, want 65"
[ "$(cat map.svg)" = precious ] || fail "existing output changed on error"

# 2. no output file appears when the render fails
"$relmap" render "$bad" -o new.svg 2>/dev/null
[ ! -e new.svg ] || fail "partial output created on error"
"$relmap" check "$bad" -o new.txt 2>/dev/null
[ ! -e new.txt ] || fail "partial report created on error"

# 3. a successful write replaces the file and leaves nothing else behind
"$relmap" render "$good" -o map.svg || fail "render failed"
head -c 5 map.svg | grep -q '<?xml' || fail "map.svg is not SVG"
left=$(ls -A | grep -v -x -e map.svg -e bad.xml || true)
[ -z "$left" ] || fail "temporary files left: $left"

# 4. special files are written in place, never replaced
"$relmap" render "$good" -o /dev/null || fail "cannot write /dev/null"
[ -c /dev/null ] || fail "/dev/null replaced"
mkfifo pipe
cat pipe >from-pipe & reader=$!
"$relmap" check "$good" -o pipe --fail-on never || fail "cannot write a named pipe"
wait $reader
[ -p pipe ] || fail "named pipe replaced"
grep -q "coverage score" from-pipe || fail "nothing came through the pipe"

# 5. an output in a missing directory is exit 73 with a message
"$relmap" check "$good" -o missing/dir/r.txt 2>err.txt; rc=$?
[ $rc = 73 ] || fail "missing dir: exit $rc, want 73"
grep -q "missing/dir/r.txt: error: cannot create" err.txt || fail "message: $(cat err.txt)"

# 6. a write error on standard output is exit 74
"$relmap" check "$good" --fail-on never >/dev/full 2>err.txt; rc=$?
[ $rc = 74 ] || fail "stdout /dev/full: exit $rc, want 74"
echo "atomic output: ok"
