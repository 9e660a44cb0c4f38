#!/usr/bin/env python3
"""legibility.py - the smallest person text of relmap SVG maps, in points
on the page.

For each SVG (relmap render output; with --page it is exactly the page's
size), every text inside a person's node (a <g class="node person ...">)
is measured as it lands on the page: its font-size times every scale on
the way there (the transforms of its ancestors, and the root's width in
points over its viewBox width).  Prints one line per file:

    FILE: N persons, smallest person text X pt (NAME)

and, with --min PT, exits 1 when a file's smallest person text is under PT
(or a file has no person at all).  Used by tests/checks/legibility.sh and
quoted in the README.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def length_pt(value):
    m = re.match(r"\s*([0-9.]+)\s*(pt|px|in|cm|mm)?\s*$", value or "")
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    return n * {"pt": 1, "px": 0.75, "in": 72, "cm": 72 / 2.54,
                "mm": 72 / 25.4}[unit]


def transform_scale(t):
    """The scale factor of a transform list (uniform scales only)."""
    s = 1.0
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", t or ""):
        nums = [float(x) for x in re.split(r"[\s,]+", args.strip()) if x]
        if name == "scale" and nums:
            s *= nums[0]
        elif name == "matrix" and len(nums) == 6:
            s *= (nums[0] ** 2 + nums[1] ** 2) ** 0.5
    return s


def measure(path):
    root = ET.parse(path).getroot()
    base = 1.0
    w = length_pt(root.get("width"))
    vb = root.get("viewBox")
    if w and vb:
        vw = float(re.split(r"[\s,]+", vb.strip())[2])
        if vw > 0:
            base = w / vw
    persons, smallest, who = 0, None, ""

    def walk(el, scale, in_person, name):
        nonlocal persons, smallest, who
        scale *= transform_scale(el.get("transform"))
        cls = (el.get("class") or "").split()
        if el.tag == SVG + "g" and "node" in cls and "person" in cls:
            persons += 1
            in_person = True
            t = el.find(SVG + "title")
            name = el.get("id") or ""
            if t is not None and t.text:
                name = t.text.split("\n")[0]
        if el.tag == SVG + "text" and in_person:
            fs = el.get("font-size")
            if fs:
                size = float(fs) * scale * base
                if smallest is None or size < smallest:
                    smallest, who = size, name
        for child in el:
            walk(child, scale, in_person, name)

    walk(root, 1.0, False, "")
    return persons, smallest, who


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("svg", nargs="+")
    ap.add_argument("--min", type=float, default=None, metavar="PT",
                    help="exit 1 when a file's smallest person text is under PT")
    args = ap.parse_args()
    bad = 0
    for path in args.svg:
        persons, smallest, who = measure(path)
        if smallest is None:
            print(f"{path}: no person text")
            bad += args.min is not None
            continue
        print(f"{path}: {persons} persons, smallest person text "
              f"{smallest:.1f} pt ({who})")
        if args.min is not None and smallest + 1e-6 < args.min:
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
