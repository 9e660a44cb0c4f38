/*
 * render_kept.c - the cards' labels Graphviz made when measuring, drawn.
 *
 * The org engine lays Graphviz out twice: once to measure every card
 * (render_org.c) and once, with the cards placed, to draw (nop2).  Each
 * time Graphviz parses every HTML label and lays its table out again.  A
 * label does not change between the two passes (same text, fonts and
 * node), so the measuring pass's labels are taken out of its layout before
 * it is freed, the drawing pass is given those nodes with an empty label
 * (their width and height, the measured size rounded up, give their size
 * either way), and the kept labels are put back before Graphviz draws: at
 * 1,000 persons the drawing pass's layout went from 4.5 to 2 ms.
 *
 * Only for Graphviz's own SVG writer: it writes text from the label's
 * spans alone, where cairo's renderers (PNG, PDF, --text-as-paths) draw
 * with the PangoLayout of each span, which the measuring pass does not
 * keep (render_textcache.c).  The bytes are those of two full passes:
 * tests/unit/test_render_kept.c compares them over the samples, the render
 * fixtures, every style, a page, the customer's view, the full view and
 * -T html.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>

/* libgvc's, declared in its private headers (common/labels.h). */
extern void free_label(textlabel_t *p);

typedef struct kept_label {
	Agnode_t *n;
	textlabel_t *label;
	double w, h; /* the node's measured size, in inches */
	char *made_of; /* what the label was made of (signature()) */
	size_t made_of_len;
	char *attr; /* the label attribute while the drawing pass runs */
} kept_label;

/*
 * What a node's label and the room around it are made of: the node's
 * attributes that Graphviz reads into either, all but the size.  A label
 * is given back only to a node with the same ones when it is drawn
 * (a deck's summaries, say, get their page numbers after the layout).
 */
static const char *const made_of[] = {
	"label", "fontname", "fontsize", "fontcolor", "margin", "shape",
	"labelloc", "labeljust", "nojustify", "peripheries", "orientation",
	"distortion", "skew", "regular", "sides", "fixedsize", "image",
};

static char *signature(Agnode_t *n, size_t *len)
{
	sbuf b = { 0 };
	for (size_t i = 0; i < sizeof(made_of) / sizeof(made_of[0]); i++) {
		const char *v = agget(n, (char *)made_of[i]);
		sbuf_add(&b, v ? v : "");
		sbuf_addn(&b, "", 1); /* a NUL between values */
	}
	if (b.nomem) {
		sbuf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.data;
}

/*
 * Whether a node's kept label can stand in for the one Graphviz would
 * make again: an HTML label, centred (Graphviz reads the room around an
 * HTML label only to put it at the top or bottom, labelloc t or b), on a
 * polygon or ellipse, whose size is its width and height whenever they are
 * no smaller than the size measured (poly_init's rule; "plain" is sized by
 * its label alone, records lay their label out as fields).
 */
static int replaceable(Agnode_t *n)
{
	char *label = agget(n, "label");
	if (!label || !aghtmlstr(label))
		return 0;
	const char *loc = agget(n, "labelloc");
	if (loc && *loc && *loc != 'c')
		return 0;
	const char *image = agget(n, "image");
	if (image && *image)
		return 0;
	static const char *const own_size[] = { "plain", "record", "Mrecord",
						"point", "epsf" };
	const char *shape = agget(n, "shape");
	for (size_t i = 0; shape && i < 5; i++)
		if (strcmp(shape, own_size[i]) == 0)
			return 0;
	return 1;
}

static int enabled = 1;
static size_t given; /* labels given back by the last drawing */

void render_kept_enable(int on)
{
	enabled = on;
}

int render_kept_enabled(void)
{
	return enabled;
}

size_t render_kept_given(void)
{
	return given;
}

void render_kept_count_reset(void)
{
	given = 0;
}

struct render_kept {
	kept_label *items;
	size_t n;
};

render_kept *render_kept_take(Agraph_t *g)
{
	render_kept *k = calloc(1, sizeof(*k));
	size_t cap = (size_t)agnnodes(g);
	if (!k || !(k->items = calloc(cap ? cap : 1, sizeof(*k->items)))) {
		free(k);
		return NULL;
	}
	for (Agnode_t *n = agfstnode(g); n && k->n < cap; n = agnxtnode(g, n)) {
		if (!ND_label(n))
			continue;
		size_t len = 0;
		char *sig = replaceable(n) ? signature(n, &len) : NULL;
		if (!sig)
			continue; /* made again when drawn */
		k->items[k->n++] = (kept_label){ n, ND_label(n), ND_width(n),
						 ND_height(n), sig, len, NULL };
		ND_label(n) = NULL; /* not freed with the layout */
	}
	return k;
}

void render_kept_free(render_kept *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++) {
		if (k->items[i].label)
			free_label(k->items[i].label);
		free(k->items[i].made_of);
	}
	free(k->items);
	free(k);
}

/* An attribute as a size in inches, or -1 when not set or not one. */
static double inches(Agnode_t *n, Agsym_t *sym)
{
	const char *s = sym ? agxget(n, sym) : NULL;
	char *end;
	double v = s && *s ? strtod(s, &end) : -1;
	return s && *s && !*end ? v : -1;
}

int render_kept_before(render_kept *k, Agraph_t *g)
{
	Agsym_t *label = agattr(g, AGNODE, "label", NULL);
	Agsym_t *width = agattr(g, AGNODE, "width", NULL);
	Agsym_t *height = agattr(g, AGNODE, "height", NULL);
	if (!label)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < k->n; i++) {
		kept_label *e = &k->items[i];
		/* Only a node whose size the drawing pass takes from its width
		 * and height anyway, as they are no smaller than measured (the
		 * org layout writes the measured size rounded up), and with
		 * nothing that makes its label changed since. */
		if (!e->label || inches(e->n, width) < e->w ||
		    inches(e->n, height) < e->h)
			continue;
		size_t len = 0;
		char *sig = signature(e->n, &len);
		int same = sig && len == e->made_of_len &&
			   memcmp(sig, e->made_of, len) == 0;
		free(sig);
		if (!same)
			continue;
		/* A reference of its own, so that setting "" frees nothing
		 * (an HTML string stays one: the flag is the string's). */
		e->attr = agstrdup(g, agxget(e->n, label));
		if (!e->attr || agxset(e->n, label, ""))
			return RELMAP_ENOMEM;
	}
	return 0;
}

void render_kept_after(render_kept *k, Agraph_t *g, int laid_out)
{
	Agsym_t *label = agattr(g, AGNODE, "label", NULL);
	for (size_t i = 0; i < k->n; i++) {
		kept_label *e = &k->items[i];
		if (!e->attr)
			continue;
		if (laid_out && ND_label(e->n)) {
			free_label(ND_label(e->n));
			ND_label(e->n) = e->label; /* freed with the layout */
			e->label = NULL;
			given++;
		}
		if (label)
			agxset(e->n, label, e->attr);
		agstrfree(g, e->attr);
		e->attr = NULL;
	}
}
