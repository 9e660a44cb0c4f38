/*
 * style_gvattr.h - Graphviz attribute names and value checks.
 *
 * Style sheets pass Graphviz attributes through, so a typo would otherwise
 * be ignored silently by Graphviz.  This table knows every attribute of
 * Graphviz 2.42, which kinds of object it applies to, and the syntax of its
 * value where that is simple to check (colours, numbers, booleans, shapes,
 * styles, arrows, fixed keywords).
 */
#ifndef RELMAP_STYLE_GVATTR_H
#define RELMAP_STYLE_GVATTR_H

#include <stddef.h>

/* Kinds of Graphviz object (bit set). */
enum {
	GVK_ROOT = 1,    /* the root graph */
	GVK_CLUSTER = 2, /* a cluster subgraph */
	GVK_NODE = 4,
	GVK_EDGE = 8
};

typedef struct gvattr_info gvattr_info;

/* The attribute called `name` (case-sensitive, as Graphviz), or NULL. */
const gvattr_info *gvattr_find(const char *name);

/* GVK_* bits the attribute applies to. */
unsigned gvattr_kinds(const gvattr_info *a);

/* Why relmap sets the attribute itself or refuses it, or NULL when a style
 * sheet may set it. */
const char *gvattr_reserved(const gvattr_info *a);

/* Check `value`; 0 if fine, else -1 and a description of what is expected
 * in `want` ("a colour (#rrggbb, ...)"). */
int gvattr_check(const gvattr_info *a, const char *value, char *want,
		 size_t wantlen);

/* A known attribute name within a small edit distance of `name` that
 * applies to `kinds`, for "did you mean" hints; NULL if none. */
const char *gvattr_suggest(const char *name, unsigned kinds);

/* One colour as Graphviz reads it: #rrggbb, #rrggbbaa, "H,S,V" or "H S V"
 * with numbers in [0, 1], or a colour name (X11, or /scheme/name).  Returns
 * 0 and its red, green and blue bytes, or -1. */
int gvattr_color(const char *value, unsigned char rgb[3]);

#endif
