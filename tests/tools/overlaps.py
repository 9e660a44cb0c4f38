#!/usr/bin/env python3
"""overlaps.py FILE.dot... - cards and boxes of relmap's org chart that
cover one another.

Reads `relmap render -T dot` output of the org engine (every node has its
`pos`, `width` and `height`, every cluster its `bb`) with Graphviz's gvpr
and reports, per file:

  - two cards (nodes) whose boxes overlap by more than 0.5 pt;
  - a cluster's box (a department, the team, the legend) that covers a
    card that is not in it;
  - a card outside the drawing's bounding box.

Prints one line per problem (at most 20 per file) and exits 1 if any.
"""
import subprocess
import sys

GVPR = r'''
BEG_G {
  graph_t sg;
  for (sg = fstsubg($G); sg; sg = nxtsubg(sg)) {
    if (substr(sg.name, 0, 7) == "cluster" && sg.bb != "") {
      node_t n;
      printf("C\t%s\t%s\t", sg.name, sg.bb);
      for (n = fstnode(sg); n; n = nxtnode_sg(sg, n)) printf("%s ", n.name);
      printf("\n");
    }
  }
  printf("G\t%s\n", $G.bb);
}
N {
  if ($.style != "invis")
    printf("N\t%s\t%s\t%s\t%s\n", $.name, $.pos, $.width, $.height);
}
'''

EPS = 0.5


def boxes(path):
    out = subprocess.run(["gvpr", GVPR, path], capture_output=True,
                         text=True, check=True).stdout
    nodes, clusters, bb = {}, [], None
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] == "N" and f[2]:
            x, y = (float(v) for v in f[2].rstrip("!").split(","))
            w, h = float(f[3]) * 72, float(f[4]) * 72
            nodes[f[1]] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        elif f[0] == "C":
            b = tuple(float(v) for v in f[2].split(","))
            clusters.append((f[1], b, set(f[3].split())))
        elif f[0] == "G" and f[1]:
            bb = tuple(float(v) for v in f[1].split(","))
    return nodes, clusters, bb


def cover(a, b):
    return (min(a[2], b[2]) - max(a[0], b[0]) > EPS and
            min(a[3], b[3]) - max(a[1], b[1]) > EPS)


def check(path):
    nodes, clusters, bb = boxes(path)
    problems = []
    items = sorted(nodes.items(), key=lambda kv: kv[1][0])
    for i, (na, a) in enumerate(items):
        for nb, b in items[i + 1:]:
            if b[0] >= a[2] - EPS:
                break
            if cover(a, b):
                problems.append(f"cards {na} and {nb} overlap")
        if bb and (a[0] < bb[0] - EPS or a[1] < bb[1] - EPS or
                   a[2] > bb[2] + EPS or a[3] > bb[3] + EPS):
            problems.append(f"card {na} lies outside the drawing")
    for name, box, members in clusters:
        for n, b in nodes.items():
            if n not in members and cover(box, b):
                problems.append(f"box {name} covers card {n}")
    return problems


def main():
    bad = 0
    for path in sys.argv[1:]:
        problems = check(path)
        for p in problems[:20]:
            print(f"{path}: {p}")
        if len(problems) > 20:
            print(f"{path}: ... and {len(problems) - 20} more")
        print(f"{path}: {len(problems)} overlap(s)")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
