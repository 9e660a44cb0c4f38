/*
 * render_internal.h - what the parts of the renderer share.
 *
 *   render_text.c    strings: a growing buffer, escaping for Graphviz
 *   render_ids.c     a cgraph id discipline numbering names in order
 *   render_attr.c    setting attributes: what all the parts below share
 *   render_graph.c   the styled cgraph graph (nodes, clusters, edges)
 *   render_legend.c  the legend cluster and the title block
 *   render_diff.c    the changes of render --diff, marked on the graph
 *   render_org.c     the compact org-chart layout (the "org" engine)
 *   render_deck.c    decks: an account as legible pages
 *   render_deck_pdf.c  a deck's pages as one PDF (librsvg and cairo)
 *   render_layout.c  layout and rendering, bounded in a child process
 *   render_svg.c     the SVG made accessible and valid against SVG 1.1
 *   render_html.c    -T html: the SVG, the data and the viewer in one page
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
/* Text as it is, with each byte that starts no valid UTF-8 sequence
 * replaced by U+FFFD. */
void sbuf_add_utf8(sbuf *b, const char *s);
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
/* The same without waiting for relmap_render_warm_up's thread: for that
 * thread itself (render_warm.c). */
Agraph_t *render_ids_agopen_unwaited(render_ids **ids, const char *name);
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
	/* For the org engine (render_org.c): no layout-only objects (stacking
	 * lengths, the invisible top, the legend's invisible edges), persons
	 * not put in department clusters (the layout makes one box per piece
	 * of a department; render_graph_department says which), the legend
	 * key as a strip. */
	int org;
	/* Decks (render_deck.c): per person (index n_persons: the top), the
	 * page (from 1) that draws what a summary under them folds, 0 for
	 * none; NULL outside a deck.  And a line for the title block
	 * ("page 2 of 9"), or NULL. */
	const int32_t *page_ref;
	const char *page_label;
	int no_team; /* leave the team's cards out (a deck's later pages) */
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
/* Whether a person's URL is one the map links to: http, https, mailto. */
int render_safe_url(const char *u);
void render_graph_free(render_graph *rg); /* NULL is a no-op */

/* ---- render_kept.c ---- */

/* The labels Graphviz made for the nodes of a graph when it measured
 * them, kept for drawing the same graph (see render_kept.c). */
typedef struct render_kept render_kept;

/* Whether the org engine keeps labels for its SVG drawing (1, the
 * default); 0 draws with two full passes, for tests comparing the two. */
void render_kept_enable(int on);
int render_kept_enabled(void);
/* How many labels the last drawing with kept labels was given back. */
size_t render_kept_given(void);
void render_kept_count_reset(void); /* at the start of each drawing */

/* Take every node's label out of Graphviz's layout of g, before
 * gvFreeLayout: NULL when out of memory (the labels stay, freed with the
 * layout). */
render_kept *render_kept_take(Agraph_t *g);
void render_kept_free(render_kept *k); /* NULL is a no-op */
/* Before the drawing pass's gvLayout: nodes with a kept label get an
 * empty label of their measured size.  0 or RELMAP_ENOMEM. */
int render_kept_before(render_kept *k, Agraph_t *g);
/* After it (laid_out: the layout succeeded): the kept labels go back in
 * the layout, and the attributes as they were. */
void render_kept_after(render_kept *k, Agraph_t *g, int laid_out);

/* The labels kept for rg's graph (NULL: none); rg takes k and frees it. */
void render_graph_keep(render_graph *rg, render_kept *k);
render_kept *render_graph_kept(const render_graph *rg);
/* The department a person or summary node is grouped by (clusters on and
 * the person has one), else NULL.  Borrowed from the account. */
const char *render_graph_department(const render_graph *rg, Agnode_t *n);

/* ---- render_attr.c ---- */

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
/* Whether style attributes `a` set `name` (to something not empty). */
int render_has_attr(const style_attrs *a, const char *name);
/* An object not of the kind the graph's defaults describe (a member among
 * person nodes): every default its own style does not set is reset to ""
 * (Graphviz's built-in default), then its own style set.  0 or
 * RELMAP_ENOMEM. */
int render_set_over_defaults(void *obj, const style_attrs *defaults,
			     const style_attrs *own);

/* ---- render_chips.c ---- */

/* Coverage on the cards: per person, the team members with a relationship
 * (pair strength above 0), and each member's initials. */
typedef struct render_chips render_chips;

int render_chips_new(render_chips **out, const relmap_analysis *an);
void render_chips_free(render_chips *c); /* NULL is a no-op */
/* A member's initials ("PR"; "JD2" for a second "JD"). */
const char *render_chips_initials(const render_chips *c, size_t member);
/* How many members have a relationship with the person. */
size_t render_chips_count(const render_chips *c, size_t person);
/* HTML table cells for the person's chips, strongest first (at most four
 * and a "+N" cell); returns how many cells. */
size_t render_chips_cells(sbuf *b, const render_chips *c,
			  const relmap_style *st, size_t person);
/* One chip cell: `text` in bold at the title font size on `bg`, dashed
 * border in `fg` when `dashed`. */
void render_chip_cell(sbuf *b, const relmap_style *st, const char *text,
		      const char *bg, const char *fg, int dashed);
/* White or black, whichever contrasts more with a "#rrggbb" colour (black
 * for any other colour name): at least 4.58:1 for every colour. */
const char *render_text_on(const char *bg);
/* "\ncovered by: PR Priya Raman 0.82 (strong); ..." for a tooltip. */
void render_chips_tooltip(sbuf *b, const render_chips *c,
			  const relmap_style *st, size_t person);

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
 * for a map without persons).  With `strip`, the key's sections stand
 * side by side (a strip under the title) and the role samples are not
 * chained by invisible edges (the org layout places them). */
int render_legend_add(Agraph_t *g, const relmap_analysis *an,
		      const relmap_style *st, const struct view *v, int strip);
/* The title block, as an HTML-like label for the root graph, in *out;
 * for the customer, only the account, its industry and the date; then
 * `page_label` on a line of its own when not NULL. */
int render_title_label(sbuf *out, const relmap_analysis *an,
		       const relmap_style *st, int customer,
		       const char *page_label);

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

/* A page to fit the drawing on (render.h: page_width, ...), in points. */
typedef struct render_page {
	double width, height, margin;
} render_page;

/* ---- render.c: one drawing ---- */

/* What relmap_render checked of its arguments, and what a deck's page
 * adds (render_deck.c). */
typedef struct render_req {
	const relmap_analysis *an;
	const relmap_style *style;       /* never NULL */
	relmap_format fmt;
	const relmap_render_options *opts; /* never NULL */
	const char *engine;
	const char *gvformat;            /* NULL for DOT */
	int org;                         /* the org engine */
	const render_page *page;         /* NULL: the drawing's own size */
	const unsigned char *only;       /* persons it may draw; NULL: all */
	const int32_t *page_ref;         /* render_graph_options.page_ref */
	const char *page_label;          /* render_graph_options.page_label */
	double min_text;                 /* fold to this on a page; 0 never */
	int no_team;                     /* render_graph_options.no_team */
	int quiet;                       /* no warnings about the view */
	/* The view chosen already (render_draw's *chosen): drawn as it is,
	 * with no folding for the page; NULL to choose. */
	const struct view_options *start;
	/* A batch worker's clustered layout was cut short already
	 * (render_account): 0 no, -1 it ran past the bound, else the signal
	 * that killed Graphviz. */
	int cut_short;
} render_req;

/* Check relmap_render's arguments into *rq (*page is where rq->page may
 * point; *own_style gets the default style when `style` is NULL, which
 * the caller frees).  0 or RELMAP_EUSAGE (with an error in diags). */
int render_request_init(render_req *rq, relmap_style **own_style,
			render_page *page, const relmap_analysis *an,
			const relmap_style *style, relmap_format fmt,
			const relmap_render_options *opts, relmap_diags *diags);
/* Draw rq into *out (malloc'd, *len bytes and a NUL), folding it to be
 * legible on the page; with out NULL only choose the view.  *kept (when
 * not NULL) gets the view drawn, *text the person text's size on the page
 * (0 with no page), *chosen the view's options (for rq->start).  0 or a
 * RELMAP_E* code. */
int render_draw(char **out, size_t *len, const render_req *rq,
		struct view **kept, double *text,
		struct view_options *chosen, relmap_diags *diags);

/* ---- render_deck_pdf.c ---- */

/* n SVG pages as one PDF of pages `width` x `height` points, dated
 * `as_of`.  0, RELMAP_EINTERNAL (librsvg could not read or draw a page)
 * or RELMAP_ENOMEM; *out is malloc'd, *len bytes. */
int render_deck_pdf_pages(char **out, size_t *len, const char *const *svg,
			  const size_t *svg_len, size_t n, double width,
			  double height, int32_t as_of, relmap_diags *diags);

/* ---- render_deck_pptx.c ---- */

/* n SVG pages (and the persons each draws, as indices) as a .pptx of
 * `width` x `height` point pages; see relmap_deck_pptx. */
int render_deck_pptx_pages(char **out, size_t *len, const char *const *svg,
			   const size_t *svg_len, const int32_t *const *who,
			   const size_t *n_who, size_t n, double width,
			   double height, const relmap_analysis *an,
			   relmap_diags *diags);

/* ---- render --profile (render.c) ---- */

/* The profile of the render under way, or NULL: not timed. */
extern relmap_render_profile *render_prof;
/* A monotonic clock in seconds (0 when nothing is timed). */
double render_clock(void);
/* Add the time since t0 to *slot of render_prof, e.g.
 * render_prof_add(&render_prof->view, t0); a no-op when not timed. */
#define render_prof_add(slot, t0) \
	do { \
		if (render_prof) \
			*(slot) += render_clock() - (t0); \
	} while (0)

/* ---- render_org.c ---- */

/*
 * Lay the graph of `rg` out as a compact org chart (render_org.c) for a
 * drawing about `aspect` (width / height) in shape: sets `pos` of every
 * node and edge, `bb` of the graph and of the clusters (and makes the
 * department clusters), and layout=nop2, so that render_layout() with
 * engine "nop2" draws it.  The cards are measured in this process, where
 * they are drawn: no org layout runs away, so none is bounded in a child.
 * *res gets the drawing's size and what became
 * of the department boxes.  0, RELMAP_EINTERNAL (Graphviz could not
 * measure the cards) or RELMAP_ENOMEM.
 */
typedef struct render_org_result {
	double width, height; /* the drawing, in points */
	/* Department boxes: how many the chart's pieces would need, for how
	 * many departments; no_boxes when that was too many to draw any. */
	size_t n_pieces, n_departments;
	int no_boxes;
} render_org_result;

int render_org_layout(render_graph *rg, const relmap_style *st,
		      double aspect, int keep_labels, render_org_result *res);

/* ---- render_layout.c ---- */

/* This process's Graphviz context, made at the first call (NULL if
 * Graphviz cannot make one).  It lives as long as the process. */
GVC_t *render_gvc(void);
/* The same without waiting for relmap_render_warm_up's thread (for that
 * thread); and whether the context was made already. */
GVC_t *render_gvc_unwaited(void);
int render_gvc_started(void);

/* ---- render_textcache.c ---- */

/* Put a cache of pango's text measurements in front of pango's textlayout
 * plugin in gvc (nothing when Graphviz has no pango plugin). */
void render_textcache_install(GVC_t *gvc);
/* Whether measurements kept may be given again (1: measuring, or drawing
 * with Graphviz's own SVG writer) or pango must be asked (0: cairo draws
 * the text with pango's layout).  0 by default. */
void render_textcache_serve(int on);


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

/* Draw g, laid out by the org engine, with "nop2" in this process, giving
 * Graphviz the labels kept from measuring it (render_kept.c).  As
 * render_layout with no bound. */
int render_layout_kept(char **out, size_t *len, Agraph_t *g, render_kept *kept,
		       const char *gvformat, const render_page *page,
		       relmap_diags *diags);

/*
 * A batch worker's bound (batch.c): with a watch set, bounded layouts run
 * in this process, and begin() is called before each (`timeout` seconds,
 * whether it is the `last` attempt, the diagnostics so far) and end()
 * after it, before the drawing.  Whoever watches kills the process when
 * end() does not come in time: a worker forked before Graphviz started
 * never forks again.  NULL (the default): bounded layouts fork a child.
 */
typedef struct render_watch {
	void (*begin)(void *ctx, double timeout, int last,
		      const relmap_diags *so_far);
	void (*end)(void *ctx);
	void *ctx;
} render_watch;

void render_watch_set(const render_watch *w);

/*
 * relmap_render for an account whose clustered layout a batch worker did
 * not live through (`cut_short`: -1, the watchdog killed it past the
 * bound; > 0, Graphviz died of that signal): drawn at once without
 * department clusters, with the warnings relmap_render gives when its
 * layout child ran out of time or crashed.  0: relmap_render.
 */
int render_account(char **out, size_t *out_len, const relmap_analysis *an,
		   const relmap_style *style, relmap_format fmt,
		   const relmap_render_options *opts, int cut_short,
		   relmap_diags *diags);

/* ---- render_svg.c ---- */

/* cairo's SVG (--text-as-paths) with its surface ids numbered as a fresh
 * process numbers them (from 1), whatever this process drew before.  0 or
 * RELMAP_ENOMEM. */
int render_svg_cairo_ids(char **svg, size_t *len);

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

/* The view options that draw at most `max_cards` cards (persons and
 * summaries), folding level by level as fitting to a page does; for the
 * automatic view without a page only.  1 when the view folds more than
 * the default one, 0 when not, or a negative RELMAP_E* code. */
struct view_options;
int render_fold_to_cards(const render_req *rq, size_t max_cards,
			 struct view_options *vo);

/* ---- render_html.c ---- */

/* relmap_render() for RELMAP_FORMAT_HTML: the SVG of the first view, the
 * account's data and the viewer in one page (docs/html.md). */
int render_html(char **out, size_t *out_len, const relmap_analysis *an,
		const relmap_style *style, const relmap_render_options *opts,
		relmap_diags *diags);

#endif
