#!/usr/bin/env python3
"""genrandom.py --persons N [--seed S] [-o FILE]: a less tidy account.

Unlike genaccount.py's neat org chart (departments as subtrees, a tenth of
the persons key), this one draws everything at random: a deep, uneven
reporting tree, influence uniform in [0, 1) (so about a third of the
persons are key persons), buying roles and attitudes uniform, departments
spread over many subtrees, and N/3 influence lines, N/15 dotted lines and
N/5 coverage records between random persons.  Big-account rendering must
stay fast and narrow on it too.  Same arguments, same bytes.
"""
import argparse
import random
import sys

ROLES = ["decision-maker", "economic-buyer", "technical-buyer", "user-buyer",
         "influencer", "champion", "gatekeeper", "blocker", "user", "unknown"]
ATTITUDES = ["champion", "supporter", "neutral", "skeptic", "opponent", "unknown"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", dest="out")
    a = ap.parse_args()
    n, rnd = a.persons, random.Random(a.seed)
    out = ['<relmap version="1" as-of="2026-11-01">',
           '<account id="r%d" name="Random %d">' % (a.seed, a.seed), '<team>']
    out += ['<member id="u%d" name="Member %d" role="account-executive"/>' % (i, i)
            for i in range(6)]
    out.append('</team>')
    dept = {}
    for i in range(n):
        if i == 0:
            m, d = None, "Executive"
        else:
            lo = max(0, min(int(i * 0.6), i - 1))
            m = rnd.randrange(lo, i) if rnd.random() < 0.7 else rnd.randrange(0, i)
            # Mostly the manager's department, sometimes another one.
            d = dept[m] if m and rnd.random() < 0.8 else "Dept %d" % rnd.randrange(9)
        dept[i] = d
        rt = ' reports-to="p%d"' % m if m is not None else ''
        out.append('<person id="p%d" name="Person %d" title="Title %d" department="%s" '
                   'role="%s" attitude="%s" influence="%.2f"%s/>'
                   % (i, i, i % 97, d, rnd.choice(ROLES), rnd.choice(ATTITUDES),
                      rnd.random(), rt))
    for _ in range(n // 3):
        x, y = rnd.sample(range(n), 2)
        w = rnd.uniform(-1, 1)
        out.append('<influence from="p%d" to="p%d" weight="%.2f"/>'
                   % (x, y, w if abs(w) >= 0.01 else 0.5))
    for _ in range(n // 15):
        x, y = rnd.sample(range(n), 2)
        out.append('<dotted-line from="p%d" to="p%d"/>' % (x, y))
    seen = set()
    for _ in range(n // 5):
        k = (rnd.randrange(6), rnd.randrange(n))
        if k in seen:
            continue
        seen.add(k)
        out.append('<coverage member="u%d" person="p%d" strength="%.2f"/>'
                   % (k[0], k[1], rnd.random()))
    out.append('</account></relmap>')
    text = "\n".join(out) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
