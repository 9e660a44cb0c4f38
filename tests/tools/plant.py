#!/usr/bin/env python3
"""plant.py IN OUT CHECK_JSON [--seed S] - plant the five changes of
issue 5's diff acceptance in a one-account relmap file.

Writes OUT with exactly these edits to IN, chosen by the seed:
  - a person removed (not the root), with every element referencing it;
    those who reported to it now have no manager (each is then moved);
  - a person added under an existing person, with no edges;
  - a person moved to a new manager outside its own subtree;
  - a person's attitude changed;
  - a covered person's coverage dropped to 0.3 (its touchpoints removed,
    its coverage edges set to 0.3): below the covered line of 0.4.
The five persons are distinct.  CHECK_JSON is `relmap check -f json` of
IN (the reference coverage).  Prints the expected non-gap changes as a
JSON list of {"kind", "person", "old", "new"} (the diff report's keys)
sorted like the report: change kind, then person id in byte order.
Used by tests/checks/diff_planted.sh.
"""
import argparse
import json
import random
import sys
import xml.etree.ElementTree as ET

ATTITUDES = ["champion", "supporter", "neutral", "skeptic", "opponent",
             "unknown"]
KIND_ORDER = ["person-added", "person-removed", "moved", "role", "attitude",
              "influence", "title", "department", "coverage"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("check_json")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    tree = ET.parse(args.src)
    acct = tree.getroot().find("account")
    persons = {p.get("id"): p for p in acct.findall("person")}
    report = json.load(open(args.check_json))["accounts"][0]
    coverage = {p["id"]: p for p in report["persons"]}
    ids = sorted(persons)
    manager = {i: persons[i].get("reports-to") for i in ids}
    reports = {i: [] for i in ids}
    for i, m in manager.items():
        if m:
            reports[m].append(i)

    def subtree(root):
        out, todo = set(), [root]
        while todo:
            x = todo.pop()
            out.add(x)
            todo.extend(reports[x])
        return out

    expected = []
    used = set()

    # Removed: a non-root person with at most a few reports.
    gone = rng.choice([i for i in ids if manager[i] and len(reports[i]) <= 3])
    used.add(gone)
    expected.append({"kind": "person-removed", "person": gone,
                     "old": manager[gone], "new": None})
    for r in reports[gone]:
        used.add(r)
        expected.append({"kind": "moved", "person": r, "old": gone,
                         "new": None})
    for parent in tree.getroot().iter():
        for child in list(parent):
            if child.tag == "person" and child.get("id") == gone:
                parent.remove(child)
            elif any(child.get(k) == gone for k in
                     ("member", "person", "from", "to")):
                parent.remove(child)
            elif child.get("reports-to") == gone:
                del child.attrib["reports-to"]
    left = [i for i in ids if i != gone]

    # Added: a fresh id under a remaining person.
    n = 1
    while "p%d" % n in persons:
        n += 1
    new_id = "p%d" % n
    boss = rng.choice(left)
    el = ET.SubElement(acct, "person", {"id": new_id, "name": "Planted Hire",
                                        "reports-to": boss, "role": "user",
                                        "influence": "0.1"})
    el.tail = "\n"
    used.add(new_id)
    expected.append({"kind": "person-added", "person": new_id, "old": None,
                     "new": boss})

    # Moved: to a manager outside its subtree, not its dotted-line boss.
    dotted = {(d.get("from"), d.get("to")) for d in acct.findall("dotted-line")}
    while True:
        mover = rng.choice([i for i in left if manager[i] and i not in used])
        below = subtree(mover)
        choices = [i for i in left if i not in below and i != manager[mover]
                   and (mover, i) not in dotted]
        if choices:
            break
    target = rng.choice(choices)
    persons[mover].set("reports-to", target)
    used.add(mover)
    expected.append({"kind": "moved", "person": mover, "old": manager[mover],
                     "new": target})

    # Attitude.
    who = rng.choice([i for i in left if i not in used])
    old = persons[who].get("attitude", "unknown")
    new = rng.choice([a for a in ATTITUDES if a != old])
    persons[who].set("attitude", new)
    used.add(who)
    expected.append({"kind": "attitude", "person": who, "old": old,
                     "new": new})

    # Coverage dropped below the covered line.
    # A key person when there is one, so that a gap opens too.
    covered = [i for i in left if i not in used and coverage[i]["covered"]]
    key = [i for i in covered if coverage[i]["key"]]
    covered = key or covered
    victim = rng.choice(covered)
    found = False
    for child in list(acct):
        if child.get("person") != victim:
            continue
        if child.tag == "touchpoint":
            acct.remove(child)
        elif child.tag == "coverage":
            child.set("strength", "0.3")
            found = True
    if not found:
        members = acct.find("team").findall("member")
        el = ET.SubElement(acct, "coverage", {"member": members[0].get("id"),
                                              "person": victim,
                                              "strength": "0.3"})
        el.tail = "\n"
    expected.append({"kind": "coverage", "person": victim,
                     "old": coverage[victim]["coverage"], "new": 0.3})

    tree.write(args.dst, encoding="UTF-8", xml_declaration=True)
    expected.sort(key=lambda c: (KIND_ORDER.index(c["kind"]),
                                 c["person"].encode()))
    json.dump(expected, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
