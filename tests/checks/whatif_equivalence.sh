#!/usr/bin/env bash
# whatif_equivalence.sh RELMAP_BIN SOURCE_DIR SCRATCH_DIR
#
# `relmap check --without X` must report exactly what `relmap check` gives
# on the same file with X deleted by hand (tests/tools/delete_ids.py).
# Compares the JSON reports byte for byte (the text report points at
# lines, which the hand edit moves) for several X on generated 300-person
# accounts: the chief executive, members, middle managers, leaves, several
# ids at once, the whole team.  Then checks `--spof` against brute force:
# one `--without` run per person and member, collecting the error gaps
# that are not in the baseline.
set -u
relmap=$1 src=$2 scratch=$3
gen="$src/tests/tools/genaccount.py"
del="$src/tests/tools/delete_ids.py"
mkdir -p "$scratch" || exit 2
fail=0 runs=0

for seed in 7 11; do
  xml="$scratch/g$seed.xml"
  python3 "$gen" --persons 300 --seed "$seed" -o "$xml" || { echo "FAIL genaccount"; exit 1; }
  for ids in p1 u1 u2 p2 p3,p4 p17 p150 p299 u1,p40,p41 u1,u2,u3,u4 p2,p5,p9,p33; do
    runs=$((runs + 1))
    cut="$scratch/g$seed-${ids//,/_}.xml"
    python3 "$del" "$xml" "$cut" "$ids" || { echo "FAIL delete $ids"; fail=1; continue; }
    "$relmap" check "$xml" --without "$ids" -f json --fail-on never >"$scratch/a.json" 2>&1
    "$relmap" check "$cut" -f json --fail-on never >"$scratch/b.json" 2>&1
    if ! cmp -s "$scratch/a.json" "$scratch/b.json"; then
      echo "FAIL seed $seed --without $ids differs from the hand-deleted file:"
      diff "$scratch/b.json" "$scratch/a.json" | head -20
      fail=1
    fi
  done

  # --spof against one full re-analysis per candidate.
  runs=$((runs + 1))
  "$relmap" check "$xml" --spof -f json --fail-on never >"$scratch/spof.json" || { echo "FAIL --spof"; fail=1; }
  python3 - "$relmap" "$xml" "$scratch/spof.json" <<'PY' || fail=1
import json, subprocess, sys, xml.etree.ElementTree as ET
relmap, xml, spof = sys.argv[1:4]
def errors(args):
    out = subprocess.run([relmap, "check", xml, "-f", "json", "--fail-on", "never"] + args,
                         check=True, capture_output=True).stdout
    acct = json.loads(out)["accounts"][0]
    return {(g["kind"], g["person"]) for g in acct["gaps"] if g["severity"] == "error"}
base = errors([])
ids = [e.get("id") for e in ET.parse(xml).getroot().iter() if e.tag in ("member", "person")]
want = {}
for i in ids:
    opened = sorted(errors(["--without", i]) - base,
                    key=lambda g: (g[0] != "uncovered-decision-maker", g[1]))
    if opened:
        want[i] = opened
got = {s["id"]: [(o["kind"], o["person"]) for o in s["opens"]]
       for s in json.load(open(spof))["accounts"][0]["spof"]}
def order(gs):
    return sorted(gs, key=lambda g: (g[0] != "uncovered-decision-maker", int(g[1][1:])))
ok = set(got) == set(want) and all(got[k] == order(want[k]) for k in want)
if not ok:
    print("FAIL --spof differs from brute force")
    print(" want", {k: order(v) for k, v in want.items()})
    print(" got ", got)
    sys.exit(1)
print(f"spof: {len(got)} candidates, {sum(map(len, got.values()))} gaps, brute force agrees ({len(ids)} runs)")
PY
done
echo "$runs what-if runs"
exit $fail
