/*
 * render_internal.h - what the parts of the renderer share.
 *
 *   render_text.c    strings: a growing buffer, escaping for Graphviz
 *   render_ids.c     a cgraph id discipline numbering names in order
 *   render_graph.c   the styled cgraph graph (nodes, clusters, edges)
 *   render_legend.c  the legend cluster and the title block
 *   render_diff.c    the changes of render --diff, marked on the graph
 *   render_layout.c  layout and rendering, bounded in a child process
 *   render_svg.c     the SVG made accessible and valid against SVG 1.1
 *   render.c         relmap_render(): formats, fallback, PDF dates
 *   view.c           which persons are drawn, and stacking (view.h)
 */
#ifndef RELMAP_RENDER_INTERNAL_H
#define RELMAP_RENDER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "relmap/analyze.h"
#include "relmap/diag.h"
#include "relmap/diff.h"
#include "relmap/render.h"
#include "style_internal.h"

/* ---- render_text.c ---- */

/* A growing NUL-terminated string; `nomem` sticks once an append fails,
 * so callers check once at the end. */
typedef struct sbuf {
	char *data;
	size_t len;
	size_t cap;
	int nomem;
} sbuf;

void sbuf_add(sbuf *b, const char *s);
void sbuf_addn(sbuf *b, const char *s, size_t n);
void sbuf_addf(sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Text for an HTML-like label: entities for & < > " ', backslashes doubled
 * (Graphviz expands \N, \G, ... even in HTML labels), control characters
 * as spaces and invalid UTF-8 as U+FFFD, so the text comes out exactly. */
void sbuf_add_html(sbuf *b, const char *s);
/* Text for a plain escString attribute (tooltip): backslashes doubled, and
 * '&' written as "&amp;" since Graphviz's SVG writer keeps entity-looking
 * sequences as they are. */
void sbuf_add_esc(sbuf *b, const char *s);
const char *sbuf_str(const sbuf *b); /* "" before the first append */
void sbuf_clear(sbuf *b);
void sbuf_free(sbuf *b);

/* A number as Graphviz reads it: at most two decimals, no trailing zeros,
 * always '.' (C locale). */
void render_num(char buf[32], double v);

/* A value for an SVG id: letters, digits, '.' and '-' kept, '_' doubled,
 * other bytes as _HH, so distinct ids stay distinct. */
void sbuf_add_idpart(sbuf *b, const char *s);

/* ---- render_ids.c ---- */

typedef struct render_ids render_ids;

/* A new directed root graph whose named objects have ids in creation
 * order.  *ids must be freed with render_ids_free() after agclose() of
 * the graph, even when NULL is returned (out of memory). */
Agraph_t *render_ids_agopen(render_ids **ids, const char *name);
/* Whether cgraph asked for an id the discipline could not allocate. */
int render_ids_failed(const render_ids *ids);
void render_ids_free(render_ids *ids); /* NULL is a no-op */

/* ---- render_graph.c ---- */

struct view;

typedef struct render_graph_options {
	const char *engine;
	int clusters;
	int legend;
	int title;
	int customer; /* RELMAP_AUDIENCE_CUSTOMER: see render.h */
	const relmap_account_diff *diff; /* render --diff: NULL for none */
	/* Which persons are drawn and how reports are stacked (view.h); it
	 * must have been stacked (view_stack). */
	const struct view *view;
} render_graph_options;

typedef struct render_graph render_graph;

/* Build the styled graph of `an`.  0, or RELMAP_ENOMEM. */
int render_graph_build(render_graph **out, const relmap_analysis *an,
		       const relmap_style *st, const render_graph_options *o);
Agraph_t *render_graph_root(const render_graph *rg);
/* A warning for every person whose URL the map leaves out (not http,
 * https or mailto), naming the person and the scheme; once per render,
 * not per layout attempt. */
void render_warn_links(const relmap_account *a, relmap_diags *diags);
void render_graph_free(render_graph *rg); /* NULL is a no-op */

/* Set attribute `name` of `obj` (declaring it with default "" when the
 * graph does not have it yet).  0 or RELMAP_ENOMEM. */
int render_set(void *obj, const char *name, const char *value);
/* The same with an HTML-like label value. */
int render_set_html(void *obj, const char *name, const char *html);
/* Every attribute of `a` with a non-empty value. */
int render_set_all(void *obj, const style_attrs *a);
/* A cluster's attributes, keeping it from inheriting the title block's
 * label placement from the root graph. */
int render_cluster_style(Agraph_t *sub, const style_attrs *a);

/* ---- render_style.c ---- */

/*
 * The `style` of a person node: the role's style (or <person>'s when the
 * role sets none, since a shape may need its own), then the features of
 * the attitude's and, for a gap person, <gap>'s style added to it.  A
 * feature is not repeated; a border line style (solid, dashed, dotted,
 * bold, invis) replaces the earlier layer's.  So a role's "filled" and an
 * attitude's "dashed" give "filled,dashed".  `out` holds `cap` bytes;
 * "" when no layer sets a style.
 */
void render_person_style(char *out, size_t cap, const relmap_style *st,
			 relmap_role role, relmap_attitude attitude, int gap);

/* ---- render_legend.c ---- */

/* The legend cluster: a key table (attitudes, lines, coverage bands, the
 * gap marker, folded persons and the focus) and one sample node per role
 * shape, each only when the map of `an` in view `v` draws it (none at all
 * for a map without persons). */
int render_legend_add(Agraph_t *g, const relmap_analysis *an,
		      const relmap_style *st, const struct view *v);
/* The title block, as an HTML-like label for the root graph, in *out;
 * for the customer, only the account, its industry and the date. */
int render_title_label(sbuf *out, const relmap_analysis *an,
		       const relmap_style *st, int customer);

/* ---- render_diff.c ---- */

/* The removed persons of `d` as ghost nodes ("r:ID") with dashed lines
 * from their old managers, in a subgraph of their own.  Call it after
 * the person nodes ("p:ID") and before any edge.  0 or RELMAP_ENOMEM. */
int render_diff_ghosts(Agraph_t *g, const relmap_account_diff *d,
		       const relmap_style *st);
/* Mark the added and changed persons of `d` on the built graph `g` and
 * add the legend block of the marks when `legend`.  Call it after the
 * edges and before the legend cluster.  0 or RELMAP_ENOMEM. */
int render_diff_mark(Agraph_t *g, const relmap_analysis *an,
		     const relmap_account_diff *d, const relmap_style *st,
		     int legend);

/* ---- render_layout.c ---- */

/* A page to fit the drawing on (render.h: page_width, ...), in points. */
typedef struct render_page {
	double width, height, margin;
} render_page;

/*
 * Lay `g` out and render it to `gvformat` ("svg", "png", "pdf") with one
 * Graphviz context made for it.  With timeout > 0 both happen in a child
 * process that is killed after `timeout` seconds (RELMAP_ETIMEOUT); else
 * in this process.  Graphviz's messages become diagnostics ("graphviz:
 * ..."); a failure is an error when this is the `last` attempt, else a
 * warning (the caller tries again).  0, RELMAP_ETIMEOUT, RELMAP_EINTERNAL
 * or RELMAP_ENOMEM; on success *out is malloc'd with a NUL after *len
 * bytes.  With a `page` (else NULL), the drawing is scaled and padded to
 * exactly that page.
 */
int render_layout(char **out, size_t *len, Agraph_t *g, const char *engine,
		  const char *gvformat, const render_page *page,
		  double timeout, int last, relmap_diags *diags);

/* ---- render_svg.c ---- */

/*
 * Rewrite Graphviz's SVG in *svg (*len bytes, malloc'd; replaced on
 * success): a document <title> and <desc> from `an` first in the root,
 * tooltips as the <title> of their node, edge or cluster, no <a> without
 * xlink:href, a DOCTYPE when there is none.  For the `customer` the desc
 * says only what the customer knows (account, date, number of persons):
 * no score, coverage, gaps or team.  0 or RELMAP_ENOMEM.
 */
int render_svg_finish(char **svg, size_t *len, const relmap_analysis *an,
		      int customer);

#endif
