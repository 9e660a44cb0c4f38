#!/usr/bin/env python3
"""genaccount.py - write realistic, seeded relmap accounts (the brief's XML).

Writes relmap XML for tests and benchmarks.  Each account has a reporting
tree under a chief executive, split into departments with a head each;
titles by level; buying roles and attitudes in realistic proportions;
influence values, a few exactly at the 0.7 and 0.5 thresholds and just
under them; dotted lines across departments; influence edges, some
negative (conflicts); a small team; coverage edges, a few exactly at 0.4;
and touchpoints of every channel and many ages, a few exactly 90 days old
and a few dated after as-of (so ignored).  Names sometimes hold '&',
accents and CJK text, escaped as XML requires.

The same arguments always give the same bytes.  A 1,000,000-person account
is about 380 MB and takes about 15 s: lines are joined into large blocks
before they are written.

Person ids are p1..pN (p1 is the chief executive), member ids u1..uM.
Used by tests/checks/reference.sh, bench/run.sh and other tests.
"""
import argparse
import bisect
import datetime
import random
import sys

FIRST = ["Maria", "Tom", "Ana", "Lee", "Priya", "John", "Chen", "Fatima",
         "Olga", "Kwame", "Sofia", "Liam", "Aiko", "Mateo", "Nadia", "Omar",
         "Grace", "Ivan", "Lucía", "José", "Zoë", "Søren", "Łukasz", "Ünal",
         "François", "Björn", "Chloé", "Raj", "Emma", "Noah", "Yusuf", "Mei",
         "Hannah", "Diego", "Elena", "Kofi", "Sara", "Pedro", "Ines", "Amir"]
LAST = ["Lopez", "Ng", "Ruiz", "Park", "Patel", "Smith", "Wang", "Khan",
        "Ivanova", "Mensah", "Rossi", "Murphy", "Tanaka", "García", "Haddad",
        "Müller", "Nowak", "Øberg", "Dubois", "Silva", "O'Brien", "Kim",
        "Nguyen", "Schmidt", "Cohen", "Okafor", "Jensen", "Costa", "Singh",
        "Brown", "Yılmaz", "Novák", "Fernández", "Lindqvist", "Abe", "Moreau"]
CJK = ["王伟", "李娜", "张敏", "佐藤 花子", "鈴木 一郎", "김민준", "陈静", "高橋 健"]
DEPARTMENTS = ["Finance", "Technology", "Procurement", "Operations", "Sales",
               "Marketing", "Legal & Compliance", "Human Resources",
               "Security", "Engineering", "Customer Service", "Supply Chain",
               "Research & Development", "Data & Analytics", "Facilities",
               "Manufacturing"]
HEAD_TITLE = {
    "Finance": "Chief Financial Officer",
    "Technology": "Chief Technology Officer",
    "Operations": "Chief Operating Officer",
    "Marketing": "Chief Marketing Officer",
    "Security": "Chief Information Security Officer",
    "Human Resources": "Chief People Officer",
    "Legal & Compliance": "General Counsel",
}
LEVEL_TITLES = [
    ["SVP {d}", "VP {d}"],
    ["Director, {d}", "Senior Director, {d}", "Head of {d}"],
    ["Senior Manager, {d}", "Manager, {d}", "Program Manager"],
    ["Team Lead", "Principal, {d} & Strategy", "Senior Specialist"],
    ["Analyst", "Engineer", "Specialist", "Coordinator", "Associate"],
]
ACCOUNTS = ["Acme Corp", "Globex", "Initech", "Smith & Sons", "Umbrella plc",
            "Société Générale de Widgets", "北京数据科技", "Stark & Wayne",
            "Hooli", "Vandelay Industries", "Müller Logistik GmbH", "Wonka"]
INDUSTRIES = ["Manufacturing", "Banking", "Retail", "Healthcare", "Energy",
              "Logistics", "Software", "Media & Entertainment"]
STAGES = ["prospect", "onboarding", "active", "renewal", "expansion",
          "churn-risk"]
MEMBER_ROLES = ["account-executive", "sales-engineer", "customer-success",
                "executive-sponsor", "partner"]
CHANNELS = ["meeting"] * 25 + ["call"] * 20 + ["email"] * 30 + \
    ["event"] * 8 + ["support"] * 10 + ["social"] * 7
SENTIMENTS = ['', '', ' sentiment="positive"', ' sentiment="positive"',
              ' sentiment="neutral"', ' sentiment="negative"']
# Attitude proportions (of 100).
ATTITUDES = ["unknown"] * 30 + ["neutral"] * 30 + ["supporter"] * 18 + \
    ["skeptic"] * 10 + ["champion"] * 5 + ["opponent"] * 7
# Buying roles below the department heads (of 100).
DEEP_ROLES = ["user"] * 38 + ["unknown"] * 22 + ["user-buyer"] * 10 + \
    ["influencer"] * 14 + ["technical-buyer"] * 6 + ["gatekeeper"] * 4 + \
    ["blocker"] * 3 + ["champion"] * 2 + ["decision-maker"] * 1
HEAD_ROLES = ["influencer"] * 35 + ["technical-buyer"] * 25 + \
    ["decision-maker"] * 20 + ["gatekeeper"] * 8 + ["blocker"] * 6 + \
    ["champion"] * 6


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def make_names(rng):
    """A pool of escaped full names, mostly Latin, some accented or CJK."""
    names = []
    for f in FIRST:
        for l in LAST:
            names.append(esc(f + " " + l))
    names += [esc(c) for c in CJK] * 12
    names.append(esc("Jean-Luc D'Arcy & Co"))
    rng.shuffle(names)
    return names


def influence_for(rng, level):
    """Influence by level in the tree, with a few values on thresholds."""
    r = rng.random()
    if r < 0.04:
        return "0.7"
    if r < 0.07:
        return "0.5"
    if r < 0.08:
        return "0.69"
    if r < 0.09:
        return "0.49"
    lo, hi = [(0.8, 0.99), (0.55, 0.9), (0.35, 0.75), (0.2, 0.55),
              (0.05, 0.4), (0.0, 0.3)][min(level, 5)]
    return "%.2f" % (lo + (hi - lo) * rng.random())


class Sink:
    """Joins lines into large blocks before writing them."""

    def __init__(self, f):
        self.f = f
        self.buf = []

    def w(self, s):
        self.buf.append(s)
        if len(self.buf) >= 32768:
            self.flush()

    def flush(self):
        self.f.write("".join(self.buf))
        self.buf.clear()


def gen_account(rng, out, index, n, n_members, n_depts, as_of, names):
    acc_name = esc(ACCOUNTS[index % len(ACCOUNTS)] +
                   ("" if index < len(ACCOUNTS) else " %d" % index))
    w = out.w
    w('  <account id="acct-%d" name="%s" industry="%s" segment="%s" '
      'stage="%s" value="%d" url="https://example.com/a/%d">\n' %
      (index + 1, acc_name, esc(rng.choice(INDUSTRIES)),
       rng.choice(["enterprise", "mid-market", "smb"]),
       rng.choice(STAGES), rng.randrange(10, 5000) * 1000, index + 1))
    w("    <team>\n")
    for m in range(n_members):
        w('      <member id="u%d" name="%s" role="%s"/>\n' %
          (m + 1, names[(index * 7 + m * 13) % len(names)],
           MEMBER_ROLES[m % len(MEMBER_ROLES)]))
    w("    </team>\n")

    depts = [DEPARTMENTS[i % len(DEPARTMENTS)] +
             ("" if i < len(DEPARTMENTS) else " %d" % (i // len(DEPARTMENTS) + 1))
             for i in range(n_depts)]
    edepts = [esc(d) for d in depts]
    no_economic_buyer = rng.random() < 0.2
    level = [0] * n          # depth under the CEO
    dept_of = [-1] * n
    manager = [-1] * n
    heads = []
    members_of = [[] for _ in depts]
    fan = [rng.randrange(3, 9) for _ in depts]
    rand = rng.random
    rr = rng.randrange
    nn = len(names)
    # Person 0 is the CEO; the next n_depts are the department heads;
    # everyone else joins a department (weighted) under a heap-like tree
    # so the depth grows with log(size).
    dweights = [1.0 / (1 + (i % 7)) for i in range(n_depts)]
    cum = []
    t = 0.0
    for x in dweights:
        t += x
        cum.append(t)
    for p in range(1, n):
        if p <= n_depts:
            d = p - 1
            manager[p] = 0
            level[p] = 1
        else:
            d = bisect.bisect_left(cum, rand() * t)
            if d >= n_depts:
                d = n_depts - 1
            k = len(members_of[d])
            if k == 0:
                manager[p] = 0 if not heads else heads[d]
            else:
                manager[p] = members_of[d][(k - 1) // fan[d]]
            level[p] = level[manager[p]] + 1
        dept_of[p] = d
        if p <= n_depts:
            heads.append(p)
        members_of[d].append(p)

    for p in range(n):
        lv = level[p]
        if p == 0:
            title, dep, role = "Chief Executive Officer", "Executive", "decision-maker"
        else:
            d = dept_of[p]
            dep = edepts[d]
            if lv == 1:
                title = esc(HEAD_TITLE.get(depts[d], "")) or \
                    esc(rng.choice(LEVEL_TITLES[0]).format(d=depts[d]))
                if depts[d] == "Finance":
                    role = "influencer" if no_economic_buyer else "economic-buyer"
                else:
                    role = HEAD_ROLES[rr(100)]
            else:
                title = esc(LEVEL_TITLES[min(lv - 1, 4)][rr(len(LEVEL_TITLES[min(lv - 1, 4)]))]
                            .format(d=depts[d]))
                role = DEEP_ROLES[rr(100)]
                if role == "decision-maker" and lv > 3:
                    role = "influencer"
            if role == "economic-buyer" and no_economic_buyer:
                role = "influencer"
        att = ATTITUDES[rr(100)]
        mgr = ' reports-to="p%d"' % (manager[p] + 1) if manager[p] >= 0 else ""
        w('    <person id="p%d" name="%s" title="%s" department="%s"%s '
          'role="%s" influence="%s" attitude="%s"/>\n' %
          (p + 1, names[rr(nn)], title, dep, mgr, role,
           influence_for(rng, lv), att))
    if n_depts >= 2 and n > n_depts + 2:
        # Dotted lines: about 3% of people also answer to another
        # department's head.
        for _ in range(max(1, n // 33)):
            p = rr(1, n)
            q = heads[rr(len(heads))]
            if p != q and dept_of[p] != dept_of[q]:
                w('    <dotted-line from="p%d" to="p%d"/>\n' % (p + 1, q + 1))

    # Influence edges: mostly within a department or up to a manager's
    # peers, some across; 15% are conflicts.
    for _ in range(n):
        a = rr(n)
        r = rand()
        if r < 0.5 and manager[a] >= 0:
            b = manager[a]
            if rand() < 0.5 and manager[b] >= 0:
                b = manager[b]
        elif r < 0.8 and dept_of[a] >= 0:
            lst = members_of[dept_of[a]]
            b = lst[rr(len(lst))]
        else:
            b = rr(n)
        if a == b:
            continue
        if rand() < 0.15:
            wt = "-%.2f" % (0.1 + 0.8 * rand())
        else:
            x = rand()
            wt = "1" if x < 0.02 else "%.2f" % (0.1 + 0.85 * rand())
        if rand() < 0.5:
            a, b = b, a
        w('    <influence from="p%d" to="p%d" weight="%s"/>\n' % (a + 1, b + 1, wt))

    # Coverage: the top of the tree is courted more, and strength falls
    # with depth; a few strengths sit exactly on or just under 0.4.
    cov_member = [-1] * n
    for p in range(n):
        lv = level[p]
        if lv <= 1:
            k = 1 + rr(3)
        else:
            r = rand()
            k = 0 if r < 0.3 else 1 if r < 0.75 else 2 if r < 0.93 else 3
        for j in range(k):
            m = rr(n_members)
            if j == 0:
                cov_member[p] = m
            r = rand()
            if r < 0.05:
                s = "0.4"
            elif r < 0.08:
                s = "0.39"
            else:
                top = 0.95 if lv <= 1 else 0.8 if lv <= 3 else 0.6
                s = "%.2f" % (0.05 + (top - 0.05) * rand())
            w('    <coverage member="u%d" person="p%d" strength="%s"/>\n' %
              (m + 1, p + 1, s))

    # Touchpoints: about one per person; ages mostly recent, a few
    # exactly 90 days old, some on as-of itself and some in the future.
    dates = {}
    for p in range(n):
        r = rand()
        k = 0 if r < 0.4 else 1 if r < 0.75 else 2 if r < 0.9 else 4
        for _ in range(k):
            m = cov_member[p] if cov_member[p] >= 0 and rand() < 0.7 \
                else rr(n_members)
            r = rand()
            if r < 0.04:
                age = 90
            elif r < 0.07:
                age = -1 - rr(30)
            elif r < 0.09:
                age = 0
            elif r < 0.12:
                age = 91
            else:
                age = int(rng.expovariate(1 / 75.0))
            ds = dates.get(age)
            if ds is None:
                ds = (as_of - datetime.timedelta(days=age)).isoformat()
                dates[age] = ds
            w('    <touchpoint member="u%d" person="p%d" channel="%s" '
              'date="%s"%s/>\n' % (m + 1, p + 1, CHANNELS[rr(100)], ds,
                                   SENTIMENTS[rr(6)]))
    w("  </account>\n")


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="genaccount.py",
        usage="%(prog)s --persons N [--seed S] [--accounts K] [--as-of DATE]"
              " [--members M] [--departments D] [-o FILE]",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: %(prog)s --persons 3000 --seed 2 --accounts 2 "
               "-o acme.xml")
    ap.add_argument("--persons", type=int, required=True, metavar="N",
                    help="persons per account, >= 1 (the CEO, one head per "
                    "department, then everyone else)")
    ap.add_argument("--seed", type=int, default=1, metavar="S",
                    help="random seed; the same arguments give the same "
                    "bytes (default 1)")
    ap.add_argument("--accounts", type=int, default=1, metavar="K",
                    help="accounts in the file, ids acct-1..acct-K, each "
                    "with N persons (default 1)")
    ap.add_argument("--as-of", default="2026-11-01", metavar="DATE",
                    help="the file's as-of date, YYYY-MM-DD; touchpoint ages "
                    "count back from it (default 2026-11-01)")
    ap.add_argument("--members", type=int, default=4, metavar="M",
                    help="team members per account, ids u1..uM (default 4)")
    ap.add_argument("--departments", type=int, default=None, metavar="D",
                    help="departments per account (default N/25, within "
                    "2..16; at most N-1)")
    ap.add_argument("-o", "--output", default="-", metavar="FILE",
                    help="output file, '-' for standard output (default -)")
    args = ap.parse_args(argv)
    if args.persons < 1 or args.accounts < 1 or args.members < 1:
        ap.error("--persons, --accounts and --members must be >= 1")
    as_of = datetime.date.fromisoformat(args.as_of)
    n = args.persons
    depts = args.departments
    if depts is None:
        depts = max(2, min(16, n // 25))
    depts = max(1, min(depts, n - 1)) if n > 1 else 0
    rng = random.Random(args.seed)
    names = make_names(rng)
    if args.output == "-":
        f = open(sys.stdout.fileno(), "w", encoding="utf-8",
                 buffering=1 << 20, closefd=False)
    else:
        f = open(args.output, "w", encoding="utf-8", buffering=1 << 20)
    with f:
        out = Sink(f)
        out.w('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<relmap version="1" as-of="%s">\n' % as_of.isoformat())
        for i in range(args.accounts):
            gen_account(rng, out, i, n, args.members, depts, as_of, names)
        out.w("</relmap>\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
