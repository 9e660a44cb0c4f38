#!/usr/bin/env python3
"""reference.py - an independent check of `relmap check --format json`.

    reference.py INPUT.xml REPORT.json [--as-of DATE] [analysis options]

Recomputes the analysis of every account in INPUT.xml straight from the
product brief ("The analysis (exact)") and compares it with REPORT.json:

  * the persons, in order, with the same key flag, covered flag and a
    coverage within 1e-6;
  * the same gaps in the same order (kind, then person), with severities;
  * the coverage score within 0.01 (null exactly when no key influence);
  * every access path: null exactly when no path exists; otherwise each
    hop is a real edge of the brief's graph, the product of the hops'
    strengths is the reported strength, that strength is within 1e-6 of
    the best possible, no path as strong has fewer hops, and (in accounts
    of up to 400 persons) no such path has a smaller id sequence.

Written from the brief, not from the C code: pair strengths come from
dictionaries, and the best paths from a layered relaxation (the best
product with at most k hops, for k = 1, 2, ...), which also yields the
fewest hops directly.  Standard library only.  Exits 0 when everything
matches, 1 with one line per mismatch otherwise, 2 on bad usage.
"""
import argparse
import datetime
import json
import math
import sys
import xml.etree.ElementTree as ET

DEFAULT_WEIGHTS = {"meeting": 1.0, "call": 0.6, "event": 0.5, "email": 0.3,
                   "support": 0.3, "social": 0.1}
GAP_ORDER = ["uncovered-decision-maker", "unmanaged-blocker",
             "stale-relationship", "single-threaded",
             "missing-economic-buyer", "no-champion"]
SEVERITY = {"uncovered-decision-maker": "error", "unmanaged-blocker": "error"}
# Strengths within this of each other tie (the brief's 1e-12).
TIE = 1e-12
# Accounts up to this size also get the id-sequence tie-break checked
# (one backward relaxation per target).
LEX_MAX_PERSONS = 400
# Below this best strength the brief's absolute tie tolerance makes every
# path a tie, so "fewest hops" is not checked there.
TINY = 1e-9


def day(text):
    return datetime.date.fromisoformat(text).toordinal()


class Account:
    def __init__(self, el):
        self.id = el.get("id")
        self.name = el.get("name")
        self.members = []      # ids in order
        self.persons = []      # dicts in order
        self.dotted = []       # (from, to) ids
        self.influence = []    # (from, to, weight)
        self.coverage = []     # (member, person, strength)
        self.touch = []        # (member, person, channel, day)
        for child in el:
            tag = child.tag
            if tag == "team":
                for m in child:
                    if m.tag == "member":
                        self.members.append(m.get("id"))
            elif tag == "person":
                self.persons.append({
                    "id": child.get("id"),
                    "manager": child.get("reports-to"),
                    "role": child.get("role", "unknown"),
                    "attitude": child.get("attitude", "unknown"),
                    "influence": float(child.get("influence", "0")),
                })
            elif tag == "dotted-line":
                self.dotted.append((child.get("from"), child.get("to")))
            elif tag == "influence":
                self.influence.append((child.get("from"), child.get("to"),
                                       float(child.get("weight"))))
            elif tag == "coverage":
                self.coverage.append((child.get("member"),
                                      child.get("person"),
                                      float(child.get("strength"))))
            elif tag == "touchpoint":
                self.touch.append((child.get("member"), child.get("person"),
                                   child.get("channel"),
                                   day(child.get("date"))))


def pair_strengths(acc, as_of, opt):
    """{(member, person): strength} for every pair the brief defines."""
    explicit = {}
    decayed = {}
    for m, p, s in acc.coverage:
        explicit[(m, p)] = max(explicit.get((m, p), 0.0), s)
    for m, p, ch, d in acc.touch:
        if d > as_of:
            continue
        age = as_of - d
        w = opt["weights"][ch] * math.pow(0.5, age / opt["half_life"])
        decayed[(m, p)] = decayed.get((m, p), 0.0) + w
    out = {}
    for key in set(explicit) | set(decayed):
        out[key] = max(explicit.get(key, 0.0),
                       1.0 - math.exp(-decayed.get(key, 0.0)))
    return out


def latest_touch(acc, as_of):
    latest = {}
    for _m, p, _ch, d in acc.touch:
        if d <= as_of and (p not in latest or d > latest[p]):
            latest[p] = d
    return latest


def person_edges(acc, opt):
    """{person: {neighbour: strength}} with the brief's max over edges."""
    adj = {p["id"]: {} for p in acc.persons}

    def add(a, b, s):
        if a == b or s <= 0:
            return
        if s > adj[a].get(b, 0.0):
            adj[a][b] = s
        if s > adj[b].get(a, 0.0):
            adj[b][a] = s

    h = opt["hierarchy"]
    for p in acc.persons:
        if p["manager"] is not None:
            add(p["id"], p["manager"], h)
    for a, b in acc.dotted:
        add(a, b, h)
    for a, b, w in acc.influence:
        if w > 0:
            add(a, b, w)
    return adj


def best_paths(acc, pairs, adj):
    """Best product and fewest hops among the best, for every person.

    best[k][v] is the strongest walk from a member to v with at most k
    hops; the first level is the member edges.  Only nodes that improved
    in round k can improve others in round k + 1.  Returns {person:
    (best strength, [(hops, strength) at each improvement])}.
    """
    cur = {}
    for (m, p), s in pairs.items():
        if s > 0 and s > cur.get(p, 0.0):
            cur[p] = s
    history = {p: [(1, s)] for p, s in cur.items()}
    changed = set(cur)
    k = 1
    while changed:
        k += 1
        new = {}
        for u in changed:
            su = cur[u]
            for v, w in adj[u].items():
                c = su * w
                if c > cur.get(v, 0.0) and c > new.get(v, 0.0):
                    new[v] = c
        changed = set()
        for v, c in new.items():
            if c > cur.get(v, 0.0):
                cur[v] = c
                history.setdefault(v, []).append((k, c))
                changed.add(v)
    return {p: (cur[p], history[p]) for p in cur}


def smallest_best_path(acc, pairs, adj, target, best, hops):
    """The smallest id sequence among paths as strong as the best (within
    the tie tolerance) with the fewest hops, built greedily from the member:
    a prefix is kept only if the strongest completion (from a backward
    relaxation out of the target) still reaches the best strength."""
    back = [{target: 1.0}]       # back[r][x]: best product x..target, <= r hops
    for r in range(1, hops):
        prev = back[-1]
        cur = dict(prev)
        for x, bx in prev.items():
            for y, w in adj[x].items():
                if bx * w > cur.get(y, 0.0):
                    cur[y] = bx * w
        back.append(cur)
    need = best - TIE - 1e-15 * best

    def ok(product, node, left):
        return product * back[left].get(node, 0.0) >= need

    firsts = sorted((m, p, s) for (m, p), s in pairs.items() if s > 0)
    for m, v, s in firsts:
        if not ok(s, v, hops - 1):
            continue
        path, product = [m, v], s
        for left in range(hops - 2, -1, -1):
            step = min((y for y, w in adj[path[-1]].items()
                        if ok(product * w, y, left)), default=None)
            if step is None:
                break
            product *= adj[path[-1]][step]
            path.append(step)
        else:
            return path
    return None


def analyse(acc, as_of, opt):
    pairs = pair_strengths(acc, as_of, opt)
    latest = latest_touch(acc, as_of)
    thr = opt["covered"]
    members = acc.members
    persons = []
    for p in acc.persons:
        pid = p["id"]
        cov = max([pairs.get((m, pid), 0.0) for m in members], default=0.0)
        key = (p["role"] in ("decision-maker", "economic-buyer") or
               p["influence"] >= opt["key"])
        persons.append({"id": pid, "coverage": cov, "covered": cov >= thr,
                        "key": key})
    gaps = []
    for p, r in zip(acc.persons, persons):
        if r["key"] and not r["covered"]:
            gaps.append(("uncovered-decision-maker", r["id"]))
    for p, r in zip(acc.persons, persons):
        if ((p["role"] == "blocker" or p["attitude"] == "opponent") and
                p["influence"] >= opt["blocker"] and not r["covered"]):
            gaps.append(("unmanaged-blocker", r["id"]))
    for p, r in zip(acc.persons, persons):
        if (r["key"] and r["covered"] and r["id"] in latest and
                as_of - latest[r["id"]] > opt["stale"]):
            gaps.append(("stale-relationship", r["id"]))
    covered = [r["id"] for r in persons if r["covered"]]
    single = len(covered) < 2
    if not single:
        reach = [frozenset(m for m in members
                           if pairs.get((m, pid), 0.0) >= thr)
                 for pid in covered]
        single = len(reach[0]) == 1 and all(s == reach[0] for s in reach)
    if single:
        gaps.append(("single-threaded", None))
    if not any(p["role"] == "economic-buyer" for p in acc.persons):
        gaps.append(("missing-economic-buyer", None))
    if not any(r["covered"] and (p["attitude"] == "champion" or
                                 p["role"] == "champion")
               for p, r in zip(acc.persons, persons)):
        gaps.append(("no-champion", None))
    den = sum(p["influence"] for p, r in zip(acc.persons, persons) if r["key"])
    num = sum(p["influence"] for p, r in zip(acc.persons, persons)
              if r["key"] and r["covered"])
    score = 100.0 * num / den if den > 0 else None
    return persons, gaps, score, pairs


def check_account(acc, rep, as_of, opt, errors, stats):
    where = "account %s" % acc.id
    if rep.get("id") != acc.id:
        errors.append("%s: report has id %r" % (where, rep.get("id")))
        return
    persons, gaps, score, pairs = analyse(acc, as_of, opt)
    got_persons = rep.get("persons", [])
    if [p.get("id") for p in got_persons] != [p["id"] for p in persons]:
        errors.append("%s: persons differ in ids or order" % where)
    else:
        for want, got in zip(persons, got_persons):
            if abs(got["coverage"] - want["coverage"]) > 1e-6:
                errors.append("%s: person %s coverage %r, want %r" %
                              (where, want["id"], got["coverage"],
                               want["coverage"]))
            if got["covered"] != want["covered"]:
                errors.append("%s: person %s covered %r, want %r" %
                              (where, want["id"], got["covered"],
                               want["covered"]))
            if got["key"] != want["key"]:
                errors.append("%s: person %s key %r, want %r" %
                              (where, want["id"], got["key"], want["key"]))
    got_score = rep.get("coverage_score")
    if (score is None) != (got_score is None) or (
            score is not None and abs(score - got_score) > 0.01):
        errors.append("%s: coverage_score %r, want %r" %
                      (where, got_score, score))

    got_gaps = [(g.get("kind"), g.get("person")) for g in rep.get("gaps", [])]
    if got_gaps != gaps:
        missing = [g for g in gaps if g not in got_gaps]
        extra = [g for g in got_gaps if g not in gaps]
        errors.append("%s: gaps differ; missing %s; unexpected %s%s" %
                      (where, missing[:10], extra[:10],
                       "" if missing or extra else " (order differs)"))
    for g in rep.get("gaps", []):
        want_sev = SEVERITY.get(g.get("kind"), "warning")
        if g.get("severity") != want_sev:
            errors.append("%s: gap %s %s has severity %r" %
                          (where, g.get("kind"), g.get("person"),
                           g.get("severity")))

    need_paths = [g for g in rep.get("gaps", [])
                  if g.get("kind") in ("uncovered-decision-maker",
                                       "unmanaged-blocker")]
    if not need_paths:
        return
    adj = person_edges(acc, opt)
    best = best_paths(acc, pairs, adj)
    members = set(acc.members)
    for g in need_paths:
        who = "%s: %s %s" % (where, g["kind"], g.get("person"))
        if "path" not in g:
            errors.append("%s: no 'path' key" % who)
            continue
        path = g["path"]
        target = g.get("person")
        b = best.get(target)
        if path is None:
            if b is not None:
                errors.append("%s: path null, but one of strength %.17g "
                              "exists" % (who, b[0]))
            else:
                stats["none"] += 1
            continue
        if b is None:
            errors.append("%s: a path is reported but none exists" % who)
            continue
        via = path.get("via", [])
        strength = path.get("strength")
        if len(via) < 2 or via[0] not in members or via[-1] != target:
            errors.append("%s: path %s must run from a member to the "
                          "person" % (who, via))
            continue
        product = pairs.get((via[0], via[1]), 0.0)
        ok = product > 0
        for u, v in zip(via[1:], via[2:]):
            s = adj.get(u, {}).get(v, 0.0)
            if s <= 0:
                ok = False
            product *= s
        if not ok or len(set(via)) != len(via):
            errors.append("%s: path %s uses a hop that is not an edge (or "
                          "repeats a node)" % (who, via))
            continue
        if abs(product - strength) > 1e-9:
            errors.append("%s: path %s has product %.17g but reports %.17g"
                          % (who, via, product, strength))
        if strength < b[0] - 1e-6:
            errors.append("%s: path strength %.17g, the best is %.17g" %
                          (who, strength, b[0]))
        if b[0] < TINY:
            stats["tiny"] += 1
            continue
        fewest = min(k for k, s in b[1] if s >= b[0] - TIE - 1e-15 * b[0])
        hops = len(via) - 1
        if hops != fewest:
            errors.append("%s: path %s has %d hops; a path as strong has %d"
                          % (who, via, hops, fewest))
        elif len(acc.persons) <= LEX_MAX_PERSONS:
            want = smallest_best_path(acc, pairs, adj, target, b[0], hops)
            stats["lex"] += 1
            if want != via:
                errors.append("%s: path %s, but %s ties and has the "
                              "smaller id sequence" % (who, via, want))
        stats["paths"] += 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("report")
    ap.add_argument("--as-of", help="as-of date (default: the file's)")
    ap.add_argument("--covered-threshold", type=float, default=0.4)
    ap.add_argument("--key-influence", type=float, default=0.7)
    ap.add_argument("--blocker-influence", type=float, default=0.5)
    ap.add_argument("--stale-days", type=float, default=90.0)
    ap.add_argument("--half-life", type=float, default=90.0)
    ap.add_argument("--hierarchy-strength", type=float, default=0.5)
    ap.add_argument("--channel-weight", action="append", default=[],
                    metavar="CHANNEL=W")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    weights = dict(DEFAULT_WEIGHTS)
    for cw in args.channel_weight:
        ch, _, w = cw.partition("=")
        if ch not in weights:
            ap.error("unknown channel %r" % ch)
        weights[ch] = float(w)
    opt = {"covered": args.covered_threshold, "key": args.key_influence,
           "blocker": args.blocker_influence, "stale": args.stale_days,
           "half_life": args.half_life, "hierarchy": args.hierarchy_strength,
           "weights": weights}

    root = ET.parse(args.input).getroot()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    errors = []
    as_of_text = args.as_of or root.get("as-of")
    if as_of_text is None:
        as_of_text = report.get("as_of")
    if report.get("relmap") != 1:
        errors.append("report: \"relmap\" is %r, want 1" % report.get("relmap"))
    if report.get("as_of") != as_of_text:
        errors.append("report: as_of %r, want %r" %
                      (report.get("as_of"), as_of_text))
    as_of = day(as_of_text)
    accounts = [Account(el) for el in root if el.tag == "account"]
    got = report.get("accounts", [])
    if len(got) != len(accounts):
        errors.append("report has %d accounts, input %d" %
                      (len(got), len(accounts)))
    stats = {"paths": 0, "none": 0, "tiny": 0, "lex": 0}
    for acc, rep in zip(accounts, got):
        check_account(acc, rep, as_of, opt, errors, stats)
    if errors:
        for e in errors[:50]:
            print("reference: %s: %s" % (args.input, e), file=sys.stderr)
        if len(errors) > 50:
            print("reference: %s: and %d more mismatches" %
                  (args.input, len(errors) - 50), file=sys.stderr)
        return 1
    if not args.quiet:
        print("reference: %s: %d accounts match (%d paths checked, %d of "
              "them for id order; %d with no path; %d too weak to rank by "
              "hops)" % (args.input, len(accounts), stats["paths"],
                         stats["lex"], stats["none"], stats["tiny"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
