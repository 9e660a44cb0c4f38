#!/usr/bin/env bash
# diff_planted.sh RELMAP_BIN SOURCE_DIR SCRATCH_DIR
#
# Issue 5's acceptance for `relmap diff`: on generated 300-person
# accounts (tests/tools/genaccount.py) with five planted changes
# (tests/tools/plant.py: a person removed, one added, one moved, an
# attitude changed, a coverage dropped below 0.4), the JSON diff holds
# exactly those changes (and the moves of the removed person's reports)
# plus the gaps that `relmap check -f json` says opened and closed, in
# the documented order.  Then the as-of variant: the same file at two
# dates reports exactly the coverage steps of at least 0.1 or across the
# covered line, and the gap changes, per the two check reports.
set -u
relmap=$1 src=$2 scratch=$3
gen="$src/tests/tools/genaccount.py"
plant="$src/tests/tools/plant.py"
mkdir -p "$scratch" || exit 2
fail=0

compare() { # OLD_CHECK NEW_CHECK DIFF_JSON EXPECTED_JSON|-
  python3 - "$@" <<'PY'
import json, sys
old_check, new_check, diff_json, expected = sys.argv[1:5]
KINDS = ["account-added", "account-removed", "person-added", "person-removed",
         "moved", "role", "attitude", "influence", "title", "department",
         "coverage", "member-added", "member-removed", "gap-closed",
         "gap-opened"]
GAPS = ["uncovered-decision-maker", "unmanaged-blocker", "stale-relationship",
        "single-threaded", "missing-economic-buyer", "no-champion"]
o = json.load(open(old_check))["accounts"][0]
n = json.load(open(new_check))["accounts"][0]
d = json.load(open(diff_json))
changes = d["accounts"][0]["changes"] if d["accounts"] else []
bad = []

def key(c):
    g = GAPS.index(c["gap"]) if c["kind"].startswith("gap-") else -1
    return (KINDS.index(c["kind"]), g, (c.get("person") or c.get("member") or "").encode())
if changes != sorted(changes, key=key):
    bad.append("changes are not in the documented order")

gaps = lambda a: {(g["kind"], g.get("person")) for g in a["gaps"]}
want_gaps = {("gap-closed",) + g for g in gaps(o) - gaps(n)} | \
            {("gap-opened",) + g for g in gaps(n) - gaps(o)}
got_gaps = {(c["kind"], c["gap"], c.get("person")) for c in changes
            if c["kind"].startswith("gap-")}
if got_gaps != want_gaps:
    bad.append("gaps: missing %s, spurious %s" %
               (sorted(want_gaps - got_gaps, key=str), sorted(got_gaps - want_gaps, key=str)))
rest = [c for c in changes if not c["kind"].startswith("gap-")]

if expected != "-":
    want = json.load(open(expected))
    got = [(c["kind"], c["person"], c.get("old", c.get("manager")), c.get("new", c.get("manager")))
           for c in rest]
    exp = []
    for c in want:
        if c["kind"] == "person-added":
            exp.append((c["kind"], c["person"], c["new"], c["new"]))
        elif c["kind"] == "person-removed":
            exp.append((c["kind"], c["person"], c["old"], c["old"]))
        else:
            exp.append((c["kind"], c["person"], c["old"], c["new"]))
    def same(a, b):
        if a[:2] != b[:2]:
            return False
        return all(abs(x - y) < 1e-9 if isinstance(x, float) and isinstance(y, float)
                   else x == y for x, y in zip(a[2:], b[2:]))
    if len(got) != len(exp) or not all(same(a, b) for a, b in zip(got, exp)):
        bad.append("changes differ:\n want %s\n got  %s" % (exp, got))
else:
    # Same file at two dates: only coverage steps (and gaps) may differ.
    op = {p["id"]: p for p in o["persons"]}
    npp = {p["id"]: p for p in n["persons"]}
    want, unsure = set(), set()
    for i in op:
        step = abs(npp[i]["coverage"] - op[i]["coverage"])
        if op[i]["covered"] != npp[i]["covered"] or step >= 0.1 + 1e-6:
            want.add(i)
        elif step > 0.1 - 1e-6:
            unsure.add(i)  # at the threshold within print precision
    got = {c["person"] for c in rest if c["kind"] == "coverage"}
    other = [c for c in rest if c["kind"] != "coverage"]
    if other:
        bad.append("as-of: unexpected changes %s" % other)
    if (got - unsure) != want:
        bad.append("as-of coverage: missing %s, spurious %s" %
                   (sorted(want - got), sorted(got - want - unsure)))
    print("as-of: %d coverage changes, %d gap changes" % (len(got), len(got_gaps)))
if bad:
    print("FAIL", diff_json)
    for b in bad:
        print(" ", b)
    sys.exit(1)
print("ok %s: %d changes, %d gaps" % (diff_json, len(changes), len(got_gaps)))
PY
}

for seed in 3 5 8 13 21; do
  old="$scratch/g$seed.xml" new="$scratch/g$seed-planted.xml"
  python3 "$gen" --persons 300 --seed "$seed" -o "$old" || { echo "FAIL genaccount"; exit 1; }
  "$relmap" check "$old" -f json --fail-on never >"$scratch/old$seed.json" || { echo "FAIL check old"; fail=1; continue; }
  python3 "$plant" "$old" "$new" "$scratch/old$seed.json" --seed "$seed" >"$scratch/want$seed.json" || { echo "FAIL plant"; fail=1; continue; }
  "$relmap" check "$new" -f json --fail-on never >"$scratch/new$seed.json" || { echo "FAIL check new"; fail=1; continue; }
  status=0
  "$relmap" diff "$old" "$new" -f json >"$scratch/diff$seed.json" || status=$?
  [ "$status" = 1 ] || { echo "FAIL seed $seed: diff exit $status, want 1"; fail=1; }
  compare "$scratch/old$seed.json" "$scratch/new$seed.json" "$scratch/diff$seed.json" "$scratch/want$seed.json" || fail=1
  # The same diff in the other formats: one line per change in text.
  lines=$("$relmap" diff "$old" "$new" | grep -c ': \(person-\|moved\|attitude\|coverage\|gap-\)')
  want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["changes"])' "$scratch/diff$seed.json")
  [ "$lines" = "$want" ] || { echo "FAIL seed $seed: text has $lines change lines, json $want"; fail=1; }

  # The same file at two as-of dates.
  "$relmap" check "$old" -f json --fail-on never --as-of 2027-02-15 >"$scratch/late$seed.json" || { echo "FAIL check late"; fail=1; continue; }
  status=0
  "$relmap" diff "$old" --new-as-of 2027-02-15 -f json >"$scratch/asof$seed.json" || status=$?
  [ "$status" -le 1 ] || { echo "FAIL seed $seed: as-of diff exit $status"; fail=1; }
  compare "$scratch/old$seed.json" "$scratch/late$seed.json" "$scratch/asof$seed.json" - || fail=1

  # No change, exit 0.
  status=0
  "$relmap" diff "$old" "$old" >/dev/null || status=$?
  [ "$status" = 0 ] || { echo "FAIL seed $seed: identical files exit $status"; fail=1; }
done
exit $fail
