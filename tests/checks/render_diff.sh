#!/usr/bin/env bash
# render_diff.sh RELMAP SOURCE_DIR SCRATCH_DIR
#
# `relmap render NEW --diff OLD` marks the changes that `relmap diff`
# reports: every added person's node has a NEW badge, every changed one
# a badge line per change, every removed one a REMOVED ghost node, and
# the legend block is there; no other node is marked.  The SVG is
# well-formed (xmllint), the same on two runs, and the same as `dot`
# draws from relmap's DOT; with an identical OLD nothing is marked.
# Runs on the diff fixture and on a generated 300-person account with
# planted changes (tests/tools/plant.py).
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch" || exit 2
fail=0
data=$src/tests/data/diff

check() { # NAME OLD NEW [--account ID]
  local name=$1 old=$2 new=$3; shift 3
  local out=$scratch/$name
  "$relmap" diff "$old" "$new" "$@" -f json >"$out.diff.json"
  [ $? -le 1 ] || { echo "FAIL $name: diff failed"; fail=1; return; }
  for run in 1 2; do
    "$relmap" render "$new" --diff "$old" "$@" --layout-timeout 0 -o "$out.$run.svg" ||
      { echo "FAIL $name: render --diff failed"; fail=1; return; }
  done
  cmp -s "$out.1.svg" "$out.2.svg" || { echo "FAIL $name: SVG differs between runs"; fail=1; }
  xmllint --noout "$out.1.svg" || { echo "FAIL $name: SVG is not well-formed"; fail=1; }
  "$relmap" render "$new" --diff "$old" "$@" -T dot -o "$out.dot" || { echo "FAIL $name: -T dot"; fail=1; }
  dot -Tsvg "$out.dot" -o "$out.dot.svg" 2>/dev/null
  python3 "$src/tests/tools/same_drawing.py" "$out.1.svg" "$out.dot.svg" ||
    { echo "FAIL $name: dot draws something else from relmap's DOT"; fail=1; }
  python3 - "$out.1.svg" "$out.diff.json" <<'PY' || fail=1
import json, sys, xml.etree.ElementTree as ET
svg, diff = sys.argv[1:3]
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(svg).getroot()
texts = {}
for g in root.iter(NS + "g"):
    if g.get("id"):
        texts[g.get("id")] = ["".join(t.itertext()) for t in g.iter(NS + "text")]
d = json.load(open(diff))
changes = d["accounts"][0]["changes"] if d["accounts"] else []
bad = []
added = {c["person"] for c in changes if c["kind"] == "person-added"}
if any(c["kind"] == "account-added" for c in changes):
    # The whole account is new: every person on the map.
    added = {i[2:] for i in texts if i.startswith("p-")}
removed = {c["person"] for c in changes if c["kind"] == "person-removed"}
person_kinds = ("moved", "role", "attitude", "influence", "coverage", "title", "department")
changed = {}
for c in changes:
    if c["kind"] in person_kinds:
        changed.setdefault(c["person"], []).append(c)
for p in added:
    if "NEW" not in texts.get("p-" + p, []):
        bad.append("added %s has no NEW badge" % p)
for p in removed:
    if "REMOVED" not in texts.get("removed-" + p, []):
        bad.append("removed %s has no ghost" % p)
for p, cs in changed.items():
    t = texts.get("p-" + p, [])
    for c in cs:
        k = c["kind"]
        if k in ("role", "attitude"):
            want = "%s: %s → %s" % (k, c["old"], c["new"])
        elif k in ("influence", "coverage"):
            want = "%s: %.2f → %.2f" % (k, c["old"], c["new"])
        elif k == "moved":
            want = "moved "
        else:
            want = "new " + k
        if not any(x.startswith(want) for x in t):
            bad.append("changed %s lacks '%s' in %s" % (p, want, t))
marked = {i for i, t in texts.items()
          if i.startswith("p-") and any(x == "NEW" or "→" in x or x.startswith(("moved ", "new title", "new department")) for x in t)}
want_marked = {"p-" + p for p in added | set(changed)}
if marked != want_marked:
    bad.append("marked nodes differ: spurious %s, missing %s" %
               (sorted(marked - want_marked), sorted(want_marked - marked)))
ghosts = {i for i in texts if i.startswith("removed-")}
if ghosts != {"removed-" + p for p in removed}:
    bad.append("ghosts differ: %s" % sorted(ghosts))
lines = sum(1 for t in root.iter(NS + "title") if t.text == "reported here before")
want_lines = sum(1 for c in changes if c["kind"] == "person-removed" and c["manager"])
if lines != want_lines:
    bad.append("%d ghost lines, want %d" % (lines, want_lines))
if changes and "diff-legend" not in texts:
    bad.append("no legend block for the marks")
if bad:
    print("FAIL", svg)
    for b in bad:
        print(" ", b)
    sys.exit(1)
print("ok %s: %d added, %d changed, %d removed marked" % (svg, len(added), len(changed), len(removed)))
PY
}

check fixture "$data/old.xml" "$data/new.xml" --account acme
check fixture-beta "$data/old.xml" "$data/new.xml" --account beta
check account-added "$src/tests/data/cli/acme.xml" "$data/new.xml" --account beta
python3 "$src/tests/tools/genaccount.py" --persons 300 --seed 5 -o "$scratch/g.xml" || exit 1
"$relmap" check "$scratch/g.xml" -f json --fail-on never >"$scratch/g.json"
python3 "$src/tests/tools/plant.py" "$scratch/g.xml" "$scratch/g2.xml" "$scratch/g.json" --seed 5 >/dev/null || exit 1
check planted "$scratch/g.xml" "$scratch/g2.xml"

# Nothing changed: the plain map.
"$relmap" render "$data/old.xml" --account acme --diff "$data/old.xml" -o "$scratch/same.svg" &&
  "$relmap" render "$data/old.xml" --account acme -o "$scratch/plain.svg" &&
  cmp -s "$scratch/same.svg" "$scratch/plain.svg" || { echo "FAIL: --diff with no change alters the map"; fail=1; }
exit $fail
