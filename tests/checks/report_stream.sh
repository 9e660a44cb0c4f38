#!/usr/bin/env bash
# report_stream.sh RELMAP_BIN SOURCE_DIR SCRATCH_DIR
#
# The reports of `relmap check` are written as they are made (no tree, no
# buffer of the whole report).  This checks, on hostile and generated data:
#
# 1. The JSON report parses, and Python writing the parsed value back in
#    jansson's JSON_INDENT(2) | JSON_REAL_PRECISION(15) style gives the same
#    bytes: the layout, the string escapes ('"', '\\', \b \f \n \r \t, other
#    control characters as upper-case \u00XX, '/', DEL and U+2028 as they
#    are) and the reals ("%.15g", ".0" on integers, exponents without '+'
#    or leading zeros) of the hand-written writer cannot drift from the
#    jansson output the report used to be (tests/unit/test_report_json.c
#    compares with jansson itself).
# 2. Every format gives the same bytes on standard output, through a pipe
#    and into a file; a write that fails midway is exit 74 with its cause.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch" || exit 2
fail=0 runs=0
say_fail() { echo "FAIL: $*"; fail=1; }

# A Python writer in jansson's style: the reference for the bytes.
cat >"$scratch/jansson_style.py" <<'EOF'
import json, sys

def real(v):
    s = "%.15g" % v
    if "." not in s and "e" not in s:
        s += ".0"
    if "e" in s:
        mant, exp = s.split("e")
        sign = "-" if exp.startswith("-") else ""
        exp = exp.lstrip("+-").lstrip("0") or "0"
        s = mant + "e" + sign + exp
    return s

ESC = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n",
       "\r": "\\r", "\t": "\\t"}

def string(s):
    out = ['"']
    for c in s:
        if c in ESC:
            out.append(ESC[c])
        elif ord(c) < 0x20:
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)

def dump(v, depth):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return real(v)
    if isinstance(v, str):
        return string(v)
    pad = "\n" + "  " * (depth + 1)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[" + ",".join(pad + dump(x, depth + 1) for x in v) + \
            "\n" + "  " * depth + "]"
    if not v:
        return "{}"
    return "{" + ",".join(pad + string(k) + ": " + dump(x, depth + 1)
                          for k, x in v.items()) + "\n" + "  " * depth + "}"

raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")
value = json.loads(text)
again = dump(value, 0) + "\n"
if again != text:
    i = next((i for i, (a, b) in enumerate(zip(again, text)) if a != b),
             min(len(again), len(text)))
    print("differs at character %d:\n relmap: %r\n jansson: %r"
          % (i, text[max(0, i - 40):i + 40], again[max(0, i - 40):i + 40]))
    sys.exit(1)
EOF

# Hostile names: every control character the CSV reader lets through,
# quotes, backslashes, '/', DEL, U+2028, 4-byte UTF-8, in ids too.
python3 - "$scratch/hostile.csv" <<'EOF'
import sys
names = ['Maria "The Boss" Lopez', "Tom \\ Ng", "Ana/Ruiz </script>",
         "Lee\tPark", "Bell\x07 Ring\x01\x02\x1f", "Back\bspace\fFeed",
         "Esc\x1b[31mRed", "DEL\x7fete", "Line\u2028Sep\u2029Para",
         "Emoji \U0001F600 \U0010FFFF", "CR\rLF\nBoth", "Lucía Øberg 李小龍",
         "\\u0000 literal", "Zero width\u200b joiner\u200d"]
q = lambda v: '"' + v.replace('"', '""') + '"'
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    f.write("Id,AccountId,FirstName,LastName,Title,ReportsToId,Role\r\n")
    for i, n in enumerate(names):
        first, _, last = n.partition(" ")
        role = ["Decision Maker", "Economic Buyer", ""][i % 3]
        boss = 'id0/"x"\t0' if i else ""
        f.write(",".join(q(v) for v in [
            'id%d/"x"\t%d' % (i, i), "acme\\1", first, last,
            "Title %d\x0b" % i, boss, role]) + "\r\n")
EOF
# The same in XML, which has a team, coverage and access paths (XML keeps
# tab, line feed and carriage return as character references).
cat >"$scratch/hostile.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<relmap version="1" as-of="2026-11-01">
  <account id="a/&quot;1&quot;&#9;" name="Acme \ &#10;Corp&#13; &#127; &#x2028;">
    <team>
      <member id="u&quot;1" name="Jane &quot;J&quot; Doe" role="account-executive"/>
    </team>
    <person id="p/1" name="Maria&#9;Lopez &#x1F600;" role="decision-maker" influence="0.95"/>
    <person id="p\2" name="Tom&#10;Ng" reports-to="p/1" role="economic-buyer" influence="0.8"/>
    <person id="p&#x2029;3" name="Ana &lt;/script&gt;" reports-to="p/1" role="technical-buyer" influence="0.7" attitude="opponent"/>
    <person id="p&#127;4" name="Lee \u0041" reports-to="p&#x2029;3" role="blocker" influence="0.6" attitude="opponent"/>
    <influence from="p\2" to="p&#x2029;3" weight="0.33333333333333333"/>
    <coverage member="u&quot;1" person="p\2" strength="0.8"/>
    <touchpoint member="u&quot;1" person="p/1" channel="email" date="2026-01-02"/>
  </account>
</relmap>
EOF
python3 "$src/tests/tools/genaccount.py" --persons 3000 --accounts 2 --seed 7 \
  -o "$scratch/generated.xml" || { echo "FAIL: genaccount.py"; exit 1; }

inputs=("$scratch/hostile.xml" "$scratch/generated.xml"
        "$src/tests/data/render/hostile-ids.xml" "$src/tests/data/render/special.xml")
for f in "$src"/samples/*.xml "$src"/tests/data/cli/*.xml; do inputs+=("$f"); done

# json_like_jansson NAME ARGS...: the JSON report of ARGS, written back.
json_like_jansson() {
  local name=$1; shift
  runs=$((runs + 1))
  if ! "$relmap" check "$@" --format json --fail-on never \
      >"$scratch/$name.json" 2>"$scratch/$name.err"; then
    say_fail "$name: relmap check failed: $(head -n 3 "$scratch/$name.err")"
    return
  fi
  python3 "$scratch/jansson_style.py" "$scratch/$name.json" \
    || say_fail "$name: the JSON is not what jansson would write"
}

i=0
for f in "${inputs[@]}"; do
  i=$((i + 1))
  json_like_jansson "in$i" "$f" --all
  json_like_jansson "in$i-spof" "$f" --all --spof
done
json_like_jansson csv "$scratch/hostile.csv" --preset salesforce --as-of 2026-11-01
json_like_jansson csv-spof "$scratch/hostile.csv" --preset salesforce --as-of 2026-11-01 --spof
grep -q '\\u0007' "$scratch/csv.json" || say_fail "the CSV's BEL is not escaped as \\u0007"
grep -q '\\u001B' "$scratch/csv.json" || say_fail "the CSV's ESC is not escaped as \\u001B (upper case)"

# Standard output, a pipe and a file: the same bytes for every format.
for fmt in text json junit markdown github; do
  for f in "$scratch/hostile.xml" "$scratch/generated.xml"; do
    runs=$((runs + 1))
    b=$(basename "$f" .xml)
    "$relmap" check "$f" --all --format "$fmt" --fail-on never >"$scratch/o-stdout" 2>/dev/null
    "$relmap" check "$f" --all --format "$fmt" --fail-on never | cat >"$scratch/o-pipe"
    "$relmap" check "$f" --all --format "$fmt" --fail-on never -o "$scratch/o-file"
    cmp -s "$scratch/o-stdout" "$scratch/o-pipe" || say_fail "$fmt $b: stdout and pipe differ"
    cmp -s "$scratch/o-stdout" "$scratch/o-file" || say_fail "$fmt $b: stdout and -o FILE differ"
    [ -s "$scratch/o-file" ] || say_fail "$fmt $b: empty report"
  done
done

# A device that fills up midway through the report.
if [ -w /dev/full ]; then
  runs=$((runs + 1))
  "$relmap" check "$scratch/generated.xml" --all --format json -o /dev/full 2>"$scratch/full.err"
  rc=$?
  [ $rc = 74 ] || say_fail "json to /dev/full: exit $rc, want 74"
  grep -q "cannot write" "$scratch/full.err" || say_fail "json to /dev/full: $(cat "$scratch/full.err")"
fi

if [ $fail = 0 ]; then
  echo "report streaming: $runs runs, all as jansson would write them"
fi
exit $fail
