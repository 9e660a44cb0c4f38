#!/usr/bin/env python3
"""delete_ids.py IN OUT ID[,ID...] - delete persons or team members by hand.

What a person editing the XML would do when someone leaves: remove the
<person> or <member> element, every element that references it (coverage,
touchpoint, influence, dotted-line) and the reports-to attributes naming
it.  Used by tests/checks/whatif_equivalence.sh to check that
`relmap check --without` reports exactly what the edited file gives.
"""
import sys
import xml.etree.ElementTree as ET

REFS = ("member", "person", "from", "to")


def main():
    src, dst, ids = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))
    tree = ET.parse(src)
    for parent in tree.getroot().iter():
        for child in list(parent):
            if child.tag in ("person", "member") and child.get("id") in ids:
                parent.remove(child)
            elif any(child.get(k) in ids for k in REFS):
                parent.remove(child)
            elif child.get("reports-to") in ids:
                del child.attrib["reports-to"]
    tree.write(dst, encoding="UTF-8", xml_declaration=True)


if __name__ == "__main__":
    main()
