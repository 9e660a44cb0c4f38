/*
 * render_attr.c - setting Graphviz attributes on the graph's objects: the
 * one thing every part of the renderer shares.  The graph builder
 * (render_graph.c) calls its decorations (render_legend.c, render_diff.c,
 * render_chips.c) and the org layout (render_org.c); they all set
 * attributes here and call nothing back, so the pipeline reads one way:
 * view -> graph -> decorations -> layout -> drawing -> SVG finishing.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <string.h>

static int kind_of(void *obj)
{
	int t = AGTYPE(obj);
	return t == AGINEDGE || t == AGOUTEDGE ? AGEDGE : t;
}

int render_set(void *obj, const char *name, const char *value)
{
	Agraph_t *root = agroot(agraphof(obj));
	int kind = kind_of(obj);
	Agsym_t *sym = agattr(root, kind, (char *)name, NULL);
	if (!sym && !(sym = agattr(root, kind, (char *)name, "")))
		return RELMAP_ENOMEM;
	return agxset(obj, sym, (char *)value) == 0 ? 0 : RELMAP_ENOMEM;
}

int render_set_html(void *obj, const char *name, const char *html)
{
	Agraph_t *g = agraphof(obj);
	char *h = agstrdup_html(agroot(g), (char *)html);
	if (!h)
		return RELMAP_ENOMEM;
	/* agxset keeps the HTML mark of a string made by agstrdup_html. */
	int rc = render_set(obj, name, h);
	agstrfree(agroot(g), h);
	return rc;
}

int render_set_all(void *obj, const style_attrs *a)
{
	for (size_t i = 0; i < a->count; i++)
		if (a->items[i].value[0] &&
		    render_set(obj, a->items[i].name, a->items[i].value))
			return RELMAP_ENOMEM;
	return 0;
}

int render_has_attr(const style_attrs *a, const char *name)
{
	for (size_t i = 0; i < a->count; i++)
		if (a->items[i].value[0] && strcmp(a->items[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * Objects that are not of the kind the graph defaults describe (a member
 * among person nodes, an influence among reports-to edges) get every
 * default their own style does not set reset to "", which Graphviz reads
 * as its built-in default, so one kind's look never leaks into another.
 */
int render_set_over_defaults(void *obj, const style_attrs *defaults,
			      const style_attrs *own)
{
	for (size_t i = 0; i < defaults->count; i++) {
		const style_attr *d = &defaults->items[i];
		if (d->value[0] && !render_has_attr(own, d->name) &&
		    render_set(obj, d->name, ""))
			return RELMAP_ENOMEM;
	}
	return render_set_all(obj, own);
}

int render_cluster_style(Agraph_t *sub, const style_attrs *a)
{
	/* Root graph attributes are the defaults of every subgraph, and the
	 * title block places the root's label: keep clusters at Graphviz's
	 * own label placement unless their style says otherwise. */
	if ((!render_has_attr(a, "labelloc") && render_set(sub, "labelloc", "t")) ||
	    (!render_has_attr(a, "labeljust") && render_set(sub, "labeljust", "c")))
		return RELMAP_ENOMEM;
	return render_set_all(sub, a);
}

