/*
 * render_internal.h - what the parts of the renderer share.
 *
 *   render_text.c    strings: a growing buffer, escaping for Graphviz
 *   render_ids.c     a cgraph id discipline numbering names in order
 *   render_graph.c   the styled cgraph graph (nodes, clusters, edges)
 *   render_legend.c  the legend cluster and the title block
 *   render_layout.c  layout and rendering, bounded in a child process
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
	/* Which persons are drawn and how reports are stacked (view.h); it
	 * must have been stacked (view_stack). */
	const struct view *view;
} render_graph_options;

typedef struct render_graph render_graph;

/* Build the styled graph of `an`.  0, or RELMAP_ENOMEM. */
int render_graph_build(render_graph **out, const relmap_analysis *an,
		       const relmap_style *st, const render_graph_options *o);
Agraph_t *render_graph_root(const render_graph *rg);
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

/* ---- render_legend.c ---- */

/* The legend cluster: a key table (attitudes, lines, coverage bands, the
 * gap marker) and one sample node per role shape. */
int render_legend_add(Agraph_t *g, const relmap_style *st);
/* The title block, as an HTML-like label for the root graph, in *out. */
int render_title_label(sbuf *out, const relmap_analysis *an,
		       const relmap_style *st);

/* ---- render_layout.c ---- */

/*
 * Lay `g` out and render it to `gvformat` ("svg", "png", "pdf") with one
 * Graphviz context made for it.  With timeout > 0 both happen in a child
 * process that is killed after `timeout` seconds (RELMAP_ETIMEOUT); else
 * in this process.  Graphviz's messages become diagnostics ("graphviz:
 * ..."); a failure is an error when this is the `last` attempt, else a
 * warning (the caller tries again).  0, RELMAP_ETIMEOUT, RELMAP_EINTERNAL
 * or RELMAP_ENOMEM; on success *out is malloc'd with a NUL after *len
 * bytes.
 */
int render_layout(char **out, size_t *len, Agraph_t *g, const char *engine,
		  const char *gvformat, double timeout, int last,
		  relmap_diags *diags);

#endif
