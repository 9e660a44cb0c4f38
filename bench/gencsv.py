#!/usr/bin/env python3
"""gencsv.py - a Salesforce-style Contact export for the import benchmark.

    bench/gencsv.py [--persons N] [--accounts K] [--seed S] [-o FILE]

The same arguments give the same bytes.  The file looks like what Excel
saves from a Salesforce report: a UTF-8 byte-order mark, CRLF line ends,
RFC 4180 quoting (some titles hold a comma).  Persons are spread over K
accounts (default 1: one account of a million persons is the worst case
for one import), each account an org chart in which every person but the
first reports to an earlier one (ReportsToId), so reports-to resolution
and the cycle search do their full work.
"""
import argparse
import csv
import random
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=1000000)
    ap.add_argument("--accounts", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    firsts = ["Maria", "John", "Aiko", "Lars", "Fatima", "Chen", "Olu",
              "Sofia", "Raj", "Emma", "Diego", "Anna", "Kwame", "Mei"]
    lasts = ["Lopez", "Smith", "Tanaka", "Berg", "Khan", "Wei", "Adeyemi",
             "Rossi", "Patel", "Novak", "Garcia", "Ivanova", "Mensah", "Li"]
    titles = ["VP Sales", "Director, IT", "Engineer", "CFO", "Buyer",
              "Head of Procurement", "Analyst", "Manager, Operations"]
    depts = ["Sales", "IT", "Finance", "Procurement", "Operations", "Legal"]
    roles = ["Decision Maker", "Economic Buyer", "Influencer",
             "Technical Buyer", "Evaluator", "User", ""]
    out = (sys.stdout if args.output == "-"
           else open(args.output, "w", encoding="utf-8", newline=""))
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Id", "AccountId", "FirstName", "LastName", "Title",
                "Department", "ReportsToId", "Email", "Role"])
    n, k = args.persons, max(1, args.accounts)
    per = (n + k - 1) // k
    for i in range(n):
        a, j = divmod(i, per)
        boss = "" if j == 0 else "003%012d" % (a * per + rng.randrange(j))
        f, l = rng.choice(firsts), rng.choice(lasts)
        w.writerow(["003%012d" % i, "001%012d" % a, f, l, rng.choice(titles),
                    rng.choice(depts), boss,
                    "%s.%s%d@example.com" % (f.lower(), l.lower(), i),
                    rng.choice(roles)])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
