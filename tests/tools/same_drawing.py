#!/usr/bin/env python3
"""same_drawing.py RELMAP_SVG DOT_SVG: exit 0 when both draw the same.

relmap rewrites the titles and tooltip anchors of Graphviz's SVG
(src/render_svg.c); the drawing itself, element by element, must be what
`dot -Tsvg` makes of relmap's DOT output.
"""
import sys
import xml.etree.ElementTree as ET

DRAW = {'path', 'polygon', 'polyline', 'ellipse', 'text', 'image'}


def drawing(path):
    out = []
    for e in ET.parse(path).iter():
        tag = e.tag.rsplit('}', 1)[-1]
        if tag in DRAW:
            out.append((tag, sorted(e.attrib.items()), e.text))
    return out


a, b = drawing(sys.argv[1]), drawing(sys.argv[2])
if a != b:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print('first difference at drawing element %d:\n  relmap %r\n  dot    %r' % (i, x, y))
            break
    else:
        print('relmap draws %d elements, dot %d' % (len(a), len(b)))
    sys.exit(1)
