#!/usr/bin/env bash
# limits.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The loaders' limits (docs/limits.md) on inputs too big for fixtures,
# generated here:
# 1. a 5,000-person account loads with the defaults; with max_persons one
#    lower the error names the limit at the line of the last person;
# 2. max_bytes bounds a pipe too (standard input has no size), and an
#    input of exactly max_bytes loads;
# 3. a CSV header of 1,025 columns passes the default max_columns
#    (1,024): error at column 1,025; 1,024 columns load;
# 4. a style sheet over 1 MiB is refused with the limit named.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }

# 1. persons per account
python3 "$src/tests/tools/genaccount.py" --persons 5000 --seed 3 -o big.xml ||
  fail "genaccount"
"$relmap" check big.xml --fail-on never -f json >/dev/null 2>err ||
  fail "5,000 persons with the default limits: $(cat err)"
last=$(grep -n '<person ' big.xml | tail -1 | cut -d: -f1)
code=0; "$relmap" check big.xml --limit max_persons=4999 2>err || code=$?
[ "$code" = 65 ] || fail "max_persons=4999: exit $code, want 65"
grep -q "^big.xml:$last:[0-9]*: error: too many persons in account '[^']*': the limit is 4999 (max_persons, docs/limits.md)\$" err ||
  fail "max_persons message (want line $last): $(cat err)"

# 2. max_bytes on a pipe, and exactly at the limit
size=$(wc -c <big.xml)
code=0; cat big.xml | "$relmap" check - --limit max_bytes=100000 2>err || code=$?
[ "$code" = 65 ] || fail "max_bytes on a pipe: exit $code, want 65"
grep -q '^<stdin>:[0-9]*: error: the input is too large: the limit is 100000 bytes (max_bytes, docs/limits.md)$' err ||
  fail "max_bytes message: $(cat err)"
cat big.xml | "$relmap" check - --limit "max_bytes=$size" --fail-on never \
  >/dev/null 2>err || fail "exactly max_bytes: $(cat err)"

# 3. CSV columns
cols() { # N: a header of id, name and N-2 more columns, and one row
  { printf 'id,name'; for ((i = 3; i <= $1; i++)); do printf ',c%d' "$i"; done
    printf '\np1,P'; for ((i = 3; i <= $1; i++)); do printf ','; done; echo; }
}
cols 1024 >ok.csv
"$relmap" check ok.csv --account a --fail-on never >/dev/null 2>err ||
  fail "1,024 columns: $(cat err)"
cols 1025 >wide.csv
code=0; "$relmap" check wide.csv --account a 2>err || code=$?
[ "$code" = 65 ] || fail "1,025 columns: exit $code, want 65"
grep -qx 'wide.csv:1:1025: error: too many fields in the row: the limit is 1024 (max_columns, docs/limits.md)' err ||
  fail "max_columns message: $(cat err)"

# 4. style sheet size
{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<relmap-style version="1" name="big">'
  printf '<!-- %s -->\n' "$(head -c 1100000 /dev/zero | tr '\0' x)"
  echo '</relmap-style>'; } >big-style.xml
bytes=$(wc -c <big-style.xml)
code=0
"$relmap" render "$src/tests/data/cli/acme.xml" --style ./big-style.xml -T dot \
  -o out.dot 2>err || code=$?
[ "$code" = 65 ] || fail "big style: exit $code, want 65: $(cat err)"
grep -q "a style sheet of $bytes bytes is too large: the limit is 1048576 bytes (docs/limits.md)" err ||
  fail "style size message: $(cat err)"
[ ! -e out.dot ] || fail "out.dot written despite the error"
echo "ok"
