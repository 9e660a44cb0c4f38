/*
 * render_org.c - relmap's compact org-chart layout (the "org" engine).
 *
 * dot draws an org chart as wide as its widest rank: a manager's twelve
 * reports stand side by side, and every subtree below them too, so a
 * 60-person account came out 6,500 x 1,900 pt.  Org-chart tools draw it
 * compact instead (d3-org-chart's compact mode, Visio's stacked charts):
 *
 *  - reports who manage nobody stand in two columns on either side of a
 *    vertical spine under their manager, one stub line into each card;
 *  - reports with reports of their own (whole subtrees) stand in rows
 *    beside that stack, left and right of the manager's trunk line, and
 *    wrap into further rows once a row is wider than the page's aspect
 *    ratio asks for, so the chart grows down as much as across;
 *  - a department is a box around the part of the chart it holds (each
 *    connected piece of the tree in that department), with room for it
 *    reserved in the layout so boxes never cover other cards;
 *  - the title block, the team (a row of cards) and the legend stand in
 *    a strip above the chart.
 *
 * Positions are computed here from the node sizes Graphviz measures (its
 * text layout plugin, as for every other engine), then written as `pos`
 * of nodes, `pos` of edges (reporting lines as elbow connectors, other
 * lines as gentle curves between the cards) and `bb` of clusters and the
 * graph.  Graphviz's "nop2" engine (neato -n2) then draws that graph as
 * it is, so `-T dot` output drawn by `neato -n2` or by `dot` (the graph
 * says layout=nop2) gives the same picture.
 *
 * Everything here is linear in the size of the graph but for sorting,
 * and no layout can run away: the bound of --layout-timeout is not
 * needed for it.  The coordinates are computed with y growing down and
 * flipped at the end, since Graphviz's y grows up.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP_X 14.0    /* between neighbouring blocks */
#define GAP_Y 24.0    /* from a manager's card to the row below */
#define LEAF_GAP 10.0 /* between stacked cards */
#define STUB 10.0     /* from the spine to a stacked card */
#define CM 6.0        /* a department box's margin */
#define STRIP_GAP 14.0
#define STRIP_MIN_W 1100.0 /* the strip wraps at the chart's width, or this */

typedef struct onode {
	Agnode_t *n;
	double w, h;         /* the card, in points */
	int32_t parent;      /* tree parent, -1 for a root */
	int32_t first, next; /* children in edge order */
	int32_t n_children;
	int strip;           /* in a strip cluster (team, legend) */
	int tree;            /* a card of the chart */
	const char *dept;    /* department (clustered persons), or NULL */
	Agraph_t *piece;     /* the department box this card is in */
	int starts;          /* ... and whether it starts that box */
	int homog;           /* its whole subtree is in its department */
	double pad_l, pad_r, pad_t, pad_b;
	/* The block: the card and everything under it. */
	double bw, bh;       /* size */
	double cx, cy;       /* the card's centre in it */
	double ox, oy;       /* its top-left in the parent's block */
	int route;           /* 0: from the bus; 1/2: stacked left/right */
	double bus, spine;   /* in the parent's block */
	double ax, ay;       /* absolute top-left of the block */
} onode;

typedef struct org {
	Agraph_t *g;
	render_graph *rg;
	const relmap_style *st;
	double aspect;
	onode *nd;
	size_t n;          /* nodes */
	size_t max_seq;
	int32_t *by_seq;   /* AGSEQ -> index */
	int32_t *order;    /* post-order of the tree */
	size_t n_order;
	sbuf pos;
	double label_h;    /* department box labels */
	double hdr_w, hdr_h; /* the title block and the strip above the chart */
	int32_t title;       /* the title block's node, -1 */
	size_t n_pieces, n_depts; /* department boxes, and departments */
	int no_boxes;        /* too many boxes for the departments: none */
} org;

static int32_t index_of(const org *o, Agnode_t *n)
{
	size_t s = (size_t)AGSEQ(n);
	return s <= o->max_seq ? o->by_seq[s] : -1;
}

static int is_strip_cluster(Agraph_t *sub)
{
	const char *name = agnameof(sub);
	return name && (strcmp(name, "cluster_team") == 0 ||
			strcmp(name, "cluster_legend") == 0 ||
			strcmp(name, "cluster_diff") == 0);
}

static int invisible(void *obj)
{
	const char *s = agget(obj, "style");
	return s && strstr(s, "invis") != NULL;
}

/* A reporting line (reports-to, a summary under its manager) or a removed
 * person's line from the old manager: the tree the chart is drawn as. */
static int tree_edge(Agedge_t *e)
{
	const char *cls = agget(e, "class");
	if (cls && strcmp(cls, "reports-to") == 0)
		return 1;
	const char *head = agnameof(aghead(e));
	return head && strncmp(head, "r:", 2) == 0;
}

static int collect_nodes(org *o)
{
	Agraph_t *g = o->g;
	o->n = (size_t)agnnodes(g);
	o->max_seq = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
		if ((size_t)AGSEQ(n) > o->max_seq)
			o->max_seq = (size_t)AGSEQ(n);
	/* Room for a group per department of lone cards (build_tree). */
	o->nd = calloc(2 * o->n + 1, sizeof(*o->nd));
	o->by_seq = malloc((o->max_seq + 1) * sizeof(*o->by_seq));
	o->order = malloc((2 * o->n + 1) * sizeof(*o->order));
	if (!o->nd || !o->by_seq || !o->order)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i <= o->max_seq; i++)
		o->by_seq[i] = -1;
	size_t k = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n), k++) {
		onode *d = &o->nd[k];
		d->n = n;
		d->parent = d->first = d->next = -1;
		d->tree = !invisible(n);
		d->dept = render_graph_department(o->rg, n);
		if (strcmp(agnameof(n), "title") == 0) {
			d->tree = 0;
			o->title = (int32_t)k;
		}
		o->by_seq[AGSEQ(n)] = (int32_t)k;
	}
	for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
		if (!is_strip_cluster(sub))
			continue;
		for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
			int32_t i = index_of(o, n);
			if (i >= 0) {
				o->nd[i].strip = 1;
				o->nd[i].tree = 0;
			}
		}
	}
	return 0;
}

static void link_children(org *o)
{
	int32_t *last = (int32_t *)o->order; /* scratch until post_order */
	for (size_t i = 0; i < o->n; i++) {
		o->nd[i].first = o->nd[i].next = -1;
		o->nd[i].n_children = 0;
		last[i] = -1;
	}
	for (size_t i = 0; i < o->n; i++) {
		int32_t p = o->nd[i].parent;
		if (p < 0)
			continue;
		if (last[p] < 0)
			o->nd[p].first = (int32_t)i;
		else
			o->nd[last[p]].next = (int32_t)i;
		last[p] = (int32_t)i;
		o->nd[p].n_children++;
	}
}

typedef struct lone_ref {
	const char *dept;
	int32_t i;
} lone_ref;

static int cmp_lone_ref(const void *x, const void *y)
{
	const lone_ref *a = x, *b = y;
	int c = strcmp(a->dept, b->dept);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/*
 * Cards with no manager and no reports on the chart (a CRM export with no
 * reporting lines, a handful of outsiders) would each be a department box
 * of their own: those of one department are gathered under a group node
 * with no card (n NULL), laid out as one block and boxed once.
 */
static int group_lone_cards(org *o)
{
	size_t n = o->n, nl = 0;
	unsigned char *has_child = calloc(n ? n : 1, 1);
	lone_ref *lone = malloc((n ? n : 1) * sizeof(*lone));
	if (!has_child || !lone) {
		free(has_child);
		free(lone);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (o->nd[i].parent >= 0)
			has_child[o->nd[i].parent] = 1;
	for (size_t i = 0; i < n; i++)
		if (o->nd[i].tree && o->nd[i].parent < 0 && !has_child[i] &&
		    o->nd[i].dept)
			lone[nl++] = (lone_ref){ o->nd[i].dept, (int32_t)i };
	qsort(lone, nl, sizeof(*lone), cmp_lone_ref);
	for (size_t k = 0; k < nl;) {
		size_t run = 1;
		while (k + run < nl && strcmp(lone[k].dept, lone[k + run].dept) == 0)
			run++;
		if (run >= 2) {
			onode *g = &o->nd[o->n];
			memset(g, 0, sizeof(*g));
			g->parent = g->first = g->next = -1;
			g->tree = 1;
			g->dept = lone[k].dept;
			for (size_t j = 0; j < run; j++)
				o->nd[lone[k + j].i].parent = (int32_t)o->n;
			o->n++;
		}
		k += run;
	}
	free(has_child);
	free(lone);
	return 0;
}

/* Children in the order of the edges (cgraph's: by head), which is the
 * order of the input file. */
static int build_tree(org *o)
{
	Agraph_t *g = o->g;
	int32_t *rank = malloc((2 * o->n + 1) * sizeof(*rank));
	if (!rank)
		return RELMAP_ENOMEM;
	for (Agnode_t *t = agfstnode(g); t; t = agnxtnode(g, t)) {
		int32_t ti = index_of(o, t);
		if (ti < 0 || !o->nd[ti].tree)
			continue;
		for (Agedge_t *e = agfstout(g, t); e; e = agnxtout(g, e)) {
			int32_t hi = index_of(o, aghead(e));
			if (hi < 0 || hi == ti || !o->nd[hi].tree ||
			    o->nd[hi].parent >= 0 || !tree_edge(e))
				continue;
			o->nd[hi].parent = ti;
		}
	}
	if (group_lone_cards(o)) {
		free(rank);
		return RELMAP_ENOMEM;
	}
	/* Children lists follow node order; a node's place among its
	 * siblings is its creation order, as in the file. */
	link_children(o);
	/* Post-order from the roots; whatever a root does not reach sits on
	 * a cycle (which the loaders refuse) and becomes a root itself. */
	size_t n_order = 0, sp = 0;
	int32_t *stack = rank;
	unsigned char *seen = calloc(o->n ? o->n : 1, 1);
	if (!seen) {
		free(rank);
		return RELMAP_ENOMEM;
	}
	for (int pass = 0; pass < 2; pass++) {
		n_order = 0;
		memset(seen, 0, o->n ? o->n : 1);
		for (size_t r = 0; r < o->n; r++) {
			if (!o->nd[r].tree || o->nd[r].parent >= 0)
				continue;
			stack[sp++] = (int32_t)r;
			seen[r] = 1;
			while (sp) {
				int32_t x = stack[sp - 1];
				/* Children first: push them all, mark x done
				 * by flipping it negative. */
				if (x >= 0) {
					stack[sp - 1] = -x - 1;
					for (int32_t c = o->nd[x].first; c >= 0;
					     c = o->nd[c].next) {
						if (seen[c])
							continue;
						seen[c] = 1;
						stack[sp++] = c;
					}
				} else {
					o->order[n_order++] = -x - 1;
					sp--;
				}
			}
		}
		int broken = 0;
		for (size_t i = 0; i < o->n; i++)
			if (o->nd[i].tree && !seen[i]) {
				o->nd[i].parent = -1;
				broken = 1;
			}
		if (!broken)
			break;
		link_children(o);
	}
	o->n_order = n_order;
	free(seen);
	free(rank);
	return 0;
}

/* The stack above pushes children in reverse of their order onto it;
 * post-order only needs children before parents, which holds. */

/* ---- department boxes ---- */

static int same_dept(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/*
 * Whether card d stands right under its parent, in the stack of reports
 * who manage nobody or in a plain row of them (block() decides the same
 * way): only such cards share the parent's department box.  A report
 * with reports of its own stands in a row of subtrees, and one box round
 * both would cover the subtrees between them; it gets a box of its own,
 * unless the parent's whole subtree is in the department (one box round
 * the parent's whole block then, which covers nothing else).
 */
static int near_parent(const org *o, const onode *d)
{
	if (d->n_children)
		return 0;
	size_t leaves = 0, subs = 0;
	for (int32_t c = o->nd[d->parent].first; c >= 0; c = o->nd[c].next) {
		if (o->nd[c].n_children) {
			subs++;
		} else {
			/* A box round part of a stack would cover the rest. */
			if (!same_dept(o->nd[c].dept, d->dept))
				return 0;
			leaves++;
		}
	}
	return subs == 0 || leaves >= 2;
}

/* Whether card d is in its parent's department box. */
static int continues_piece(const org *o, const onode *d)
{
	return d->parent >= 0 && same_dept(o->nd[d->parent].dept, d->dept) &&
	       (o->nd[d->parent].homog || near_parent(o, d));
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A department box for each card that starts a piece of its department
 * (its parent is in another one, or is not near: near_parent), holding
 * the piece's cards. */
static int make_pieces(org *o, const relmap_style *st)
{
	size_t k = 0;
	char name[48];
	for (size_t j = 0; j < o->n_order; j++) { /* children first */
		onode *d = &o->nd[o->order[j]];
		d->homog = d->dept != NULL;
		for (int32_t c = d->first; c >= 0 && d->homog; c = o->nd[c].next)
			d->homog = o->nd[c].homog && same_dept(o->nd[c].dept,
								d->dept);
	}
	/* How many boxes there would be, for how many departments: a chart
	 * whose departments are all over it would get a box round nearly
	 * every card (an untidy account: 1,714 of them), and none is drawn
	 * then (render.c says so). */
	const char **starts = malloc((o->n_order + 1) * sizeof(*starts));
	size_t n_starts = 0, n_depts = 0;
	if (!starts)
		return RELMAP_ENOMEM;
	for (size_t j = 0; j < o->n_order; j++) {
		onode *d = &o->nd[o->order[j]];
		if (d->dept && !continues_piece(o, d))
			starts[n_starts++] = d->dept;
	}
	qsort(starts, n_starts, sizeof(*starts), cmp_str);
	for (size_t i = 0; i < n_starts; i++)
		n_depts += i == 0 || strcmp(starts[i - 1], starts[i]) != 0;
	free(starts);
	o->n_pieces = n_starts;
	o->n_depts = n_depts;
	if (n_starts > 2 * n_depts + 4) {
		o->no_boxes = 1;
		return 0;
	}
	for (size_t j = o->n_order; j-- > 0;) { /* roots first */
		onode *d = &o->nd[o->order[j]];
		if (!d->dept)
			continue;
		if (continues_piece(o, d)) {
			d->piece = o->nd[d->parent].piece;
			if (d->piece && d->n && !agsubnode(d->piece, d->n, 1))
				return RELMAP_ENOMEM;
			continue;
		}
		snprintf(name, sizeof(name), "cluster_dept_%zu", ++k);
		Agraph_t *sub = agsubg(o->g, name, 1);
		sbuf b = { 0 };
		sbuf_add_html(&b, d->dept);
		sbuf id = { 0 };
		sbuf_add(&id, "dept-");
		sbuf_add_idpart(&id, d->dept);
		sbuf_addf(&id, "-%zu", k);
		int bad = !sub || b.nomem || id.nomem ||
			  render_cluster_style(sub, &st->department) ||
			  render_set_html(sub, "label", b.data) ||
			  render_set(sub, "id", id.data) ||
			  render_set(sub, "class", "department") ||
			  (d->n && !agsubnode(sub, d->n, 1));
		sbuf_free(&b);
		sbuf_free(&id);
		if (bad)
			return RELMAP_ENOMEM;
		d->piece = sub;
		d->starts = 1;
	}
	/* A tooltip, which the SVG makes the box's title. */
	sbuf t = { 0 };
	for (size_t j = 0; j < o->n_order; j++) {
		onode *d = &o->nd[o->order[j]];
		if (!d->starts)
			continue;
		int n = agnnodes(d->piece);
		sbuf_clear(&t);
		sbuf_add(&t, "department: ");
		sbuf_add_esc(&t, d->dept);
		sbuf_addf(&t, " (%d person%s)", n, n == 1 ? "" : "s");
		if (t.nomem || render_set(d->piece, "tooltip", t.data)) {
			sbuf_free(&t);
			return RELMAP_ENOMEM;
		}
	}
	sbuf_free(&t);
	return 0;
}

/* ---- measuring ---- */

/*
 * Graphviz sizes every card from its label with the text layout plugin
 * while it initialises any layout.  "nop2" with every card at the origin
 * and no edges to route does only that; the sizes are read before the
 * layout is freed.
 */
/*
 * sizes[2i], sizes[2i+1]: card i's width and height in points (0 for a
 * group); then the tallest department label and strip label.  Graphviz
 * lays the graph out (nop2) in this process.  0 or -1.
 */
static int measure_here(org *o, GVC_t *gvc, double *sizes, int keep)
{
	Agraph_t *g = o->g;
	/* Sizes only: no pango layout is drawn from this pass. */
	render_textcache_serve(1);
	int rc = gvc ? gvLayout(gvc, g, "nop2") : -1;
	render_textcache_serve(0);
	if (rc != 0)
		return -1;
	for (size_t i = 0; i < o->n; i++) {
		Agnode_t *n = o->nd[i].n;
		sizes[2 * i] = n ? ND_width(n) * 72.0 : 0;
		sizes[2 * i + 1] = n ? ND_height(n) * 72.0 : 0;
	}
	double label_h = 0, strip_h = 0;
	for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
		if (!GD_label(sub))
			continue;
		double h = GD_label(sub)->dimen.y;
		if (is_strip_cluster(sub))
			strip_h = h > strip_h ? h : strip_h;
		else
			label_h = h > label_h ? h : label_h;
	}
	sizes[2 * o->n] = label_h;
	sizes[2 * o->n + 1] = strip_h;
	/* The labels, for drawing the same graph with Graphviz's SVG
	 * writer (render_kept.c); without memory, they are made again. */
	if (keep)
		render_graph_keep(o->rg, render_kept_take(g));
	gvFreeLayout(gvc, g);
	return 0;
}

static int measure(org *o, int keep_labels, double *title_w,
		   double *title_h, double *strip_label_h)
{
	Agraph_t *g = o->g;
	for (size_t i = 0; i < o->n; i++)
		if (o->nd[i].n && render_set(o->nd[i].n, "pos", "0,0"))
			return RELMAP_ENOMEM;
	const char *splines = agget(g, "splines");
	char *keep = splines ? strdup(splines) : NULL;
	double *sizes = malloc((2 * o->n + 2) * sizeof(*sizes));
	if (!sizes || (splines && !keep) || render_set(g, "splines", "") ||
	    render_set(g, "bb", ""))
		goto fail;
	if (measure_here(o, render_gvc(), sizes, keep_labels) != 0)
		goto fail;
	for (size_t i = 0; i < o->n; i++) {
		o->nd[i].w = sizes[2 * i];
		o->nd[i].h = sizes[2 * i + 1];
	}
	*title_w = *title_h = 0;
	if (o->title >= 0) {
		*title_w = o->nd[o->title].w;
		*title_h = o->nd[o->title].h;
	}
	o->label_h = sizes[2 * o->n];
	*strip_label_h = sizes[2 * o->n + 1];
	free(sizes);
	sizes = NULL;
	/* Graphviz 2.42 sizes a cluster's label only once the cluster has a
	 * box, and places it with a margin: no less than the font asks. */
	const char *fs = style_attrs_get(&o->st->department, "fontsize");
	double est = (fs && atof(fs) > 0 ? atof(fs) : 14) * 1.5 + 6;
	if (o->label_h < est)
		o->label_h = est;
	const char *lf = style_attrs_get(&o->st->legend, "fontsize");
	const char *tf = style_attrs_get(&o->st->team, "fontsize");
	double lfs = lf && atof(lf) > 0 ? atof(lf) : 14;
	double tfs = tf && atof(tf) > 0 ? atof(tf) : 14;
	est = (lfs > tfs ? lfs : tfs) * 1.5 + 6;
	if (*strip_label_h < est)
		*strip_label_h = est;
	int rc = render_set(g, "splines", keep ? keep : "");
	free(keep);
	return rc;
fail:
	free(keep);
	free(sizes);
	return RELMAP_EINTERNAL;
}

/* ---- the chart ---- */

typedef struct row {
	size_t first, count; /* into the subtree list */
	size_t n_left;       /* how many stand left of the trunk */
	double left_w, right_w, h;
} row;

/* How many spines a stack of n cards gets: about as tall as wide. */
static size_t spines_for(size_t n, double w, double h)
{
	double k = sqrt((double)n * (h + LEAF_GAP) / (2.0 * (w + STUB) * 2.0));
	size_t s = (size_t)floor(k + 0.5);
	if (s < 1)
		s = 1;
	if (2 * s > n)
		s = (n + 1) / 2;
	return s ? s : 1;
}

/* What a block's children are: stacked cards, then rows of subtrees on
 * either side of the channel the manager's trunk runs down. */
typedef struct plan {
	const int32_t *sub;
	size_t n_sub;
	int stack;             /* a stack stands in the first row */
	double stack_w, stack_h, trunk_in_stack;
	double chan_l, chan_r; /* the channel: the stack, or a gap */
	double mw, mh;         /* the manager's card (0 for the top) */
	row *rows;
	size_t n_rows;
	double left_ext, right_ext, rows_h;
} plan;

/* Rows of at most `wmax` points (at least one subtree each), and each
 * row's split: its first subtrees left of the trunk, the rest right, as
 * even in width as the order allows; a lone subtree with no stack beside
 * it hangs straight under the manager. */
static void plan_rows(const org *o, plan *pl, double wmax)
{
	const int32_t *sub = pl->sub;
	pl->n_rows = 0;
	for (size_t i = 0; i < pl->n_sub;) {
		row *r = &pl->rows[pl->n_rows++];
		r->first = i;
		r->count = 0;
		double wsum = pl->n_rows == 1 && pl->stack ? pl->stack_w + GAP_X
							   : 0;
		while (i < pl->n_sub) {
			double cw = o->nd[sub[i]].bw + GAP_X;
			if (r->count && wsum + cw > wmax)
				break;
			wsum += cw;
			r->count++;
			i++;
		}
	}
	if (!pl->n_rows && pl->stack) {
		pl->rows[0] = (row){ 0, 0, 0, 0, 0, 0 };
		pl->n_rows = 1;
	}
	pl->left_ext = pl->right_ext = pl->mw / 2;
	pl->rows_h = 0;
	for (size_t r = 0; r < pl->n_rows; r++) {
		row *w = &pl->rows[r];
		double tot = 0, h = r == 0 && pl->stack ? pl->stack_h : 0;
		for (size_t i = 0; i < w->count; i++) {
			const onode *c = &o->nd[sub[w->first + i]];
			tot += c->bw + GAP_X;
			h = c->bh > h ? c->bh : h;
		}
		int with_stack = r == 0 && pl->stack;
		if (w->count == 1 && !with_stack) {
			const onode *c = &o->nd[sub[w->first]];
			w->n_left = 0;
			w->left_w = c->cx;
			w->right_w = c->bw - c->cx;
		} else {
			double acc = 0;
			size_t m = 0;
			while (m < w->count) {
				double cw = o->nd[sub[w->first + m]].bw + GAP_X;
				if (acc + cw / 2 > tot / 2)
					break;
				acc += cw;
				m++;
			}
			if (!with_stack && m == 0 && w->count > 1)
				m = 1;
			w->n_left = m;
			w->left_w = acc + pl->chan_l;
			w->right_w = tot - acc + pl->chan_r;
		}
		w->h = h;
		pl->left_ext = w->left_w > pl->left_ext ? w->left_w : pl->left_ext;
		pl->right_ext = w->right_w > pl->right_ext ? w->right_w
							   : pl->right_ext;
		pl->rows_h += h + GAP_Y;
	}
}

/*
 * The row width that would draw the whole map largest on the page if
 * this block were the chart (fewer rows on a tie): the page's aspect
 * ratio, with the title block and strip above it counted.  Tried for one
 * row, two, ... and, for long lists, row counts growing by a quarter each
 * time.  (Aiming each block at the page's aspect ratio alone stacked
 * small blocks into tall ones the top could not widen again.)
 */
static double best_width(const org *o, plan *pl)
{
	double total = pl->stack ? pl->stack_w + GAP_X : 0, widest = 0;
	for (size_t i = 0; i < pl->n_sub; i++) {
		const onode *c = &o->nd[pl->sub[i]];
		total += c->bw + GAP_X;
		widest = c->bw + GAP_X > widest ? c->bw + GAP_X : widest;
	}
	if (pl->stack && widest < pl->stack_w + GAP_X)
		widest = pl->stack_w + GAP_X;
	double best = total, best_score = 1e300;
	size_t max_rows = pl->n_sub + (pl->stack ? 1 : 0);
	for (size_t r = 1; r <= max_rows;
	     r = r < 16 ? r + 1 : r + (r + 3) / 4) {
		double wmax = total / (double)r;
		if (wmax < widest)
			wmax = widest;
		plan_rows(o, pl, wmax);
		double w = pl->left_ext + pl->right_ext;
		double h = pl->mh + GAP_Y + pl->rows_h;
		double dw = w > o->hdr_w ? w : o->hdr_w;
		double dh = h + o->hdr_h;
		double score = -(o->aspect / dw < 1 / dh ? o->aspect / dw
							 : 1 / dh);
		if (score < best_score - 1e-9) {
			best_score = score;
			best = wmax;
		}
		if (pl->n_rows < r)
			break; /* no more rows to be had */
	}
	return best;
}

/*
 * Lay out the block of node x (or of the virtual top above every root,
 * x < 0), its children's blocks being done.  Fills the children's ox, oy,
 * route, bus and spine, and x's bw, bh, cx, cy.
 */
static int block(org *o, int32_t x, int32_t *kids, size_t n_kids,
		 double *out_w, double *out_h)
{
	onode *p = x >= 0 ? &o->nd[x] : NULL;
	int32_t *leaf = malloc((n_kids ? n_kids : 1) * sizeof(*leaf));
	int32_t *sub = malloc((n_kids ? n_kids : 1) * sizeof(*sub));
	plan pl;
	size_t n_leaf = 0, n_sub = 0;
	double *col_w = NULL;
	int rc = RELMAP_ENOMEM;

	memset(&pl, 0, sizeof(pl));
	pl.rows = malloc((n_kids + 1) * sizeof(*pl.rows));
	if (!leaf || !sub || !pl.rows)
		goto out;
	pl.mw = p ? p->w : 0;
	pl.mh = p ? p->h : 0;
	for (size_t i = 0; i < n_kids; i++) {
		onode *c = &o->nd[kids[i]];
		if (p && c->n_children == 0)
			leaf[n_leaf++] = kids[i];
		else
			sub[n_sub++] = kids[i];
	}
	/* A few reports and no subtree: a plain row reads best. */
	if (n_leaf <= 1 || (n_sub == 0 && n_leaf <= 3)) {
		n_sub = 0;
		for (size_t i = 0; i < n_kids; i++)
			sub[n_sub++] = kids[i];
		n_leaf = 0;
	}

	/* The stack: spines, each with a column left and right of it. */
	if (n_leaf) {
		double mxw = 0, mxh = 0;
		for (size_t i = 0; i < n_leaf; i++) {
			onode *c = &o->nd[leaf[i]];
			mxw = c->bw > mxw ? c->bw : mxw;
			mxh = c->bh > mxh ? c->bh : mxh;
		}
		size_t n_spines = spines_for(n_leaf, mxw, mxh);
		size_t n_stack_rows = (n_leaf + 2 * n_spines - 1) / (2 * n_spines);
		size_t per_spine = 2 * n_stack_rows;
		double pitch = mxh + LEAF_GAP;
		col_w = calloc(2 * n_spines, sizeof(*col_w));
		if (!col_w)
			goto out;
		for (size_t i = 0; i < n_leaf; i++) {
			size_t s = i / per_spine, side = (i % per_spine) % 2;
			onode *c = &o->nd[leaf[i]];
			if (c->bw > col_w[2 * s + side])
				col_w[2 * s + side] = c->bw;
		}
		double xw = 0;
		for (size_t s = 0; s < n_spines; s++) {
			double spine = xw + col_w[2 * s] + STUB;
			if (n_spines % 2 && s == n_spines / 2)
				pl.trunk_in_stack = spine;
			if (n_spines % 2 == 0 && s == n_spines / 2)
				pl.trunk_in_stack = xw - GAP_X / 2;
			for (size_t i = s * per_spine;
			     i < n_leaf && i < (s + 1) * per_spine; i++) {
				onode *c = &o->nd[leaf[i]];
				size_t t = i - s * per_spine;
				c->route = 1 + (int)(t % 2);
				c->spine = spine; /* relative to the stack */
				c->ox = t % 2 ? spine + STUB
					      : spine - STUB - c->bw;
				c->oy = (double)(t / 2) * pitch;
			}
			xw = spine + STUB + col_w[2 * s + 1] + GAP_X;
		}
		pl.stack = 1;
		pl.stack_w = xw - GAP_X;
		pl.stack_h = (double)n_stack_rows * pitch - LEAF_GAP;
	}
	/* The channel the trunk runs down, from the manager through every
	 * row: the stack itself, or a gap. */
	pl.chan_l = pl.stack ? pl.trunk_in_stack + GAP_X : GAP_X / 2;
	pl.chan_r = pl.stack ? pl.stack_w - pl.trunk_in_stack + GAP_X
			     : GAP_X / 2;
	/* The manager's department box goes round its card and the stack:
	 * the subtrees beside the stack stay clear of the card too. */
	if (pl.stack && p && p->piece) {
		double half = pl.mw / 2 + CM + GAP_X;
		pl.chan_l = pl.chan_l > half ? pl.chan_l : half;
		pl.chan_r = pl.chan_r > half ? pl.chan_r : half;
	}
	pl.sub = sub;
	pl.n_sub = n_sub;
	plan_rows(o, &pl, best_width(o, &pl));

	double pad_l = p ? p->pad_l : 0, pad_r = p ? p->pad_r : 0;
	double trunk = pad_l + pl.left_ext;
	double y = !p ? 0 : p->n ? p->pad_t + pl.mh + GAP_Y : p->pad_t;
	for (size_t r = 0; r < pl.n_rows; r++) {
		row *w = &pl.rows[r];
		double bus = y - GAP_Y / 2;
		if (w->count == 1 && !(r == 0 && pl.stack)) {
			onode *c = &o->nd[sub[w->first]];
			c->ox = trunk - c->cx;
			c->oy = y;
			c->route = 0;
			c->bus = bus;
		} else {
			double xl = trunk - pl.chan_l;
			for (size_t i = w->n_left; i-- > 0;) {
				onode *c = &o->nd[sub[w->first + i]];
				xl -= c->bw + GAP_X;
				c->ox = xl + GAP_X;
				c->oy = y;
				c->route = 0;
				c->bus = bus;
			}
			double xr = trunk + pl.chan_r;
			for (size_t i = w->n_left; i < w->count; i++) {
				onode *c = &o->nd[sub[w->first + i]];
				c->ox = xr;
				c->oy = y;
				c->route = 0;
				c->bus = bus;
				xr += c->bw + GAP_X;
			}
		}
		if (r == 0 && pl.stack) {
			double sx = trunk - pl.trunk_in_stack;
			for (size_t i = 0; i < n_leaf; i++) {
				onode *c = &o->nd[leaf[i]];
				c->ox += sx;
				c->oy += y;
				c->spine += sx;
				c->bus = bus;
			}
		}
		y += w->h + GAP_Y;
	}
	double bh = pl.n_rows ? y - GAP_Y : (p ? p->pad_t + pl.mh : 0);
	*out_w = pad_l + pl.left_ext + pl.right_ext + pad_r;
	*out_h = bh + (p ? p->pad_b : 0);
	if (p) {
		p->cx = trunk;
		p->cy = p->pad_t + pl.mh / 2;
	}
	rc = 0;
out:
	free(col_w);
	free(leaf);
	free(sub);
	free(pl.rows);
	return rc;
}

static int lay_out_chart(org *o, double *w, double *h)
{
	int32_t *kids = malloc((o->n ? o->n : 1) * sizeof(*kids));
	if (!kids)
		return RELMAP_ENOMEM;
	for (size_t j = 0; j < o->n_order; j++) {
		int32_t x = o->order[j];
		onode *d = &o->nd[x];
		if (d->starts) {
			d->pad_l = d->pad_r = d->pad_b = CM;
			d->pad_t = CM + o->label_h;
		}
		size_t nk = 0;
		for (int32_t c = d->first; c >= 0; c = o->nd[c].next)
			kids[nk++] = c;
		if (!nk) {
			d->bw = d->pad_l + d->w + d->pad_r;
			d->bh = d->pad_t + d->h + d->pad_b;
			d->cx = d->pad_l + d->w / 2;
			d->cy = d->pad_t + d->h / 2;
			continue;
		}
		if (block(o, x, kids, nk, &d->bw, &d->bh)) {
			free(kids);
			return RELMAP_ENOMEM;
		}
	}
	size_t nk = 0;
	for (size_t i = 0; i < o->n; i++)
		if (o->nd[i].tree && o->nd[i].parent < 0)
			kids[nk++] = (int32_t)i;
	int rc = nk ? block(o, -1, kids, nk, w, h) : 0;
	if (!nk)
		*w = *h = 0;
	free(kids);
	return rc;
}

/* Absolute positions, parents before children (reverse post-order). */
static void place_chart(org *o, double x0, double y0)
{
	for (size_t j = o->n_order; j-- > 0;) {
		onode *d = &o->nd[o->order[j]];
		if (d->parent < 0) {
			d->ax = x0 + d->ox;
			d->ay = y0 + d->oy;
		} else {
			onode *p = &o->nd[d->parent];
			d->ax = p->ax + d->ox;
			d->ay = p->ay + d->oy;
		}
	}
}

/* ---- the strip: team and legend ---- */

/*
 * A strip cluster's cards: the first, then the others in columns of as
 * many as fit its height (one row when they are as tall), wrapping into
 * more rows when that grows wider than `max_w`.  Returns the content's
 * size; positions are relative to its top-left, in ax/ay.
 */
/* One try of strip_cluster with the first band `min_band` tall at least;
 * returns how many bands it took. */
static int strip_try(org *o, Agraph_t *sub, double max_w, double min_band,
		     double *w, double *h)
{
	const double gap = 8;
	double band_top = 0, band_h = 0, col_x = 0, col_w = 0, y = 0;
	double right = 0, bottom = 0;
	int first = 1, bands = 1;
	for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
		int32_t i = index_of(o, n);
		if (i < 0)
			continue;
		onode *d = &o->nd[i];
		if (first) {
			band_h = d->h > min_band ? d->h : min_band;
			col_x = d->w + gap;
			first = 0;
			d->ax = d->ay = 0;
		} else {
			/* Cards much smaller than the first (the legend's
			 * role samples beside its key): two to a column. */
			if (band_top == 0 && band_h < 2 * d->h + gap &&
			    2 * d->h + gap <= 1.6 * band_h)
				band_h = 2 * d->h + gap;
			if (y > band_top && y + d->h > band_top + band_h) {
				col_x += col_w + gap; /* the next column */
				col_w = 0;
				y = band_top;
			}
			if (col_x > 0 && col_x + d->w > max_w && y == band_top) {
				band_top = bottom + gap; /* a band below */
				band_h = d->h;
				col_x = col_w = 0;
				y = band_top;
				bands++;
			}
			d->ax = col_x;
			d->ay = y;
			y += d->h + gap;
			col_w = d->w > col_w ? d->w : col_w;
		}
		right = d->ax + d->w > right ? d->ax + d->w : right;
		bottom = d->ay + d->h > bottom ? d->ay + d->h : bottom;
	}
	*w = right;
	*h = bottom;
	return bands;
}

/*
 * A strip cluster's cards: the first, then the others in columns of as
 * many as fit its height (one row when they are as tall), wrapping into
 * a band below when that grows wider than `max_w`; but a few more cards
 * to a column first, when that keeps them in the first band and no
 * taller (the legend's last role sample under the others, not alone in a
 * band of its own).  Returns the content's size; positions are relative
 * to its top-left, in ax/ay.
 */
static void strip_cluster(org *o, Agraph_t *sub, double max_w, double *w,
			  double *h)
{
	double bw, bh, tw, th;
	if (strip_try(o, sub, max_w, 0, &bw, &bh) == 1)
		return (void)(*w = bw, *h = bh);
	for (double band = 0; (band += 12) < bh;)
		if (strip_try(o, sub, max_w, band, &tw, &th) == 1 && th <= bh) {
			*w = tw;
			*h = th;
			return;
		}
	strip_try(o, sub, max_w, 0, w, h);
}

/* ---- writing it down ---- */

static void add_pt(sbuf *b, double x, double y)
{
	char nx[32], ny[32];
	render_num(nx, x);
	render_num(ny, y);
	sbuf_addf(b, "%s%s,%s", b->len ? " " : "", nx, ny);
}

static int set_box(void *obj, const char *attr, double x0, double y0,
		   double x1, double y1)
{
	char a[32], b[32], c[32], d[32], buf[140];
	render_num(a, x0);
	render_num(b, y0);
	render_num(c, x1);
	render_num(d, y1);
	snprintf(buf, sizeof(buf), "%s,%s,%s,%s", a, b, c, d);
	return render_set(obj, attr, buf);
}

/* A polyline as a piecewise cubic Bezier (the form `pos` takes), in
 * Graphviz's coordinates (y up, total height H). */
static void polyline(sbuf *b, const double *pts, size_t n, double H)
{
	sbuf_clear(b);
	for (size_t i = 0; i < n; i++) {
		double x = pts[2 * i], y = H - pts[2 * i + 1];
		if (i == 0) {
			add_pt(b, x, y);
			continue;
		}
		double px = pts[2 * i - 2], py = H - pts[2 * i - 1];
		add_pt(b, px + (x - px) / 3, py + (y - py) / 3);
		add_pt(b, px + 2 * (x - px) / 3, py + 2 * (y - py) / 3);
		add_pt(b, x, y);
	}
}

static double node_x(const onode *d)
{
	return d->ax + d->cx;
}

static double node_y(const onode *d)
{
	return d->ay + d->cy;
}

/* Where the line from the centre of d towards (tx, ty) leaves its box. */
static void clip(const onode *d, double tx, double ty, double *x, double *y)
{
	double cx = node_x(d), cy = node_y(d);
	double dx = tx - cx, dy = ty - cy;
	double hw = d->w / 2, hh = d->h / 2;
	double s = 1;
	if (fabs(dx) * hh > fabs(dy) * hw)
		s = dx != 0 ? hw / fabs(dx) : 0;
	else
		s = dy != 0 ? hh / fabs(dy) : 0;
	if (s > 1)
		s = 1;
	*x = cx + dx * s;
	*y = cy + dy * s;
}

static int route_tree_edge(org *o, Agedge_t *e, const onode *p,
			   const onode *c, double H)
{
	double pts[12];
	size_t n = 0;
	double mx = node_x(p), my = node_y(p) + p->h / 2;
	double bus = p->ay + c->bus;
	pts[n * 2] = mx, pts[n * 2 + 1] = my, n++;
	pts[n * 2] = mx, pts[n * 2 + 1] = bus, n++;
	if (c->route == 0) {
		double cx = node_x(c), cy = node_y(c) - c->h / 2;
		pts[n * 2] = cx, pts[n * 2 + 1] = bus, n++;
		pts[n * 2] = cx, pts[n * 2 + 1] = cy, n++;
	} else {
		double sx = p->ax + c->spine, cy = node_y(c);
		double side = c->route == 1 ? node_x(c) + c->w / 2
					    : node_x(c) - c->w / 2;
		pts[n * 2] = sx, pts[n * 2 + 1] = bus, n++;
		pts[n * 2] = sx, pts[n * 2 + 1] = cy, n++;
		pts[n * 2] = side, pts[n * 2 + 1] = cy, n++;
	}
	polyline(&o->pos, pts, n, H);
	return o->pos.nomem ? RELMAP_ENOMEM
			    : render_set(e, "pos", o->pos.data);
}

static int has_arrow(Agedge_t *e)
{
	const char *a = agget(e, "arrowhead");
	const char *dir = agget(e, "dir");
	if (dir && (strcmp(dir, "none") == 0 || strcmp(dir, "back") == 0))
		return 0;
	return !a || strcmp(a, "none") != 0;
}

/* Any other line: a gentle curve between the two cards, bowed to one
 * side so that lines in both directions between two cards stay apart. */
static int route_curve(org *o, Agedge_t *e, const onode *t, const onode *h,
		       double H)
{
	double tx = node_x(t), ty = node_y(t), hx = node_x(h), hy = node_y(h);
	double x0, y0, x1, y1;
	clip(t, hx, hy, &x0, &y0);
	clip(h, tx, ty, &x1, &y1);
	double dx = x1 - x0, dy = y1 - y0;
	double len = sqrt(dx * dx + dy * dy);
	if (len < 1) {
		/* Cards touching or one inside the other: a short loop. */
		dx = 0;
		dy = -1;
		len = 1;
	}
	double ux = dx / len, uy = dy / len;
	double arrow = 0;
	if (has_arrow(e)) {
		const char *as = agget(e, "arrowsize");
		double s = as && as[0] ? atof(as) : 1;
		if (!(s > 0 && s < 10))
			s = 1;
		arrow = 10 * s;
		if (arrow > len / 2)
			arrow = len / 2;
	}
	double ex = x1 - ux * arrow, ey = y1 - uy * arrow;
	double bow = len * 0.12;
	if (bow > 60)
		bow = 60;
	double nx = -uy * bow, ny = ux * bow;
	sbuf *b = &o->pos;
	sbuf_clear(b);
	if (arrow > 0) {
		char a[32], c[32];
		render_num(a, x1);
		render_num(c, H - y1);
		sbuf_addf(b, "e,%s,%s", a, c);
	}
	add_pt(b, x0, H - y0);
	add_pt(b, x0 + (ex - x0) / 3 + nx, H - (y0 + (ey - y0) / 3 + ny));
	add_pt(b, x0 + 2 * (ex - x0) / 3 + nx,
	       H - (y0 + 2 * (ey - y0) / 3 + ny));
	add_pt(b, ex, H - ey);
	return b->nomem ? RELMAP_ENOMEM : render_set(e, "pos", b->data);
}

static int write_positions(org *o, double H)
{
	char x[32], y[32], buf[80];
	for (size_t i = 0; i < o->n; i++) {
		onode *d = &o->nd[i];
		if (!d->n)
			continue; /* a group: no card */
		if (!d->tree && !d->strip) {
			/* invisible helpers: out of the way */
			if (render_set(d->n, "pos", "0,0"))
				return RELMAP_ENOMEM;
			continue;
		}
		render_num(x, node_x(d));
		render_num(y, H - node_y(d));
		snprintf(buf, sizeof(buf), "%s,%s", x, y);
		if (render_set(d->n, "pos", buf))
			return RELMAP_ENOMEM;
		/* The size measured, as a minimum (in inches, rounded up), so
		 * the DOT says what was laid out, and a reader with other
		 * fonts draws no card smaller than its place. */
		render_num(x, ceil(d->w / 72.0 * 100) / 100);
		render_num(y, ceil(d->h / 72.0 * 100) / 100);
		if (render_set(d->n, "width", x) || render_set(d->n, "height", y))
			return RELMAP_ENOMEM;
	}
	for (Agnode_t *n = agfstnode(o->g); n; n = agnxtnode(o->g, n)) {
		for (Agedge_t *e = agfstout(o->g, n); e; e = agnxtout(o->g, e)) {
			int32_t ti = index_of(o, agtail(e));
			int32_t hi = index_of(o, aghead(e));
			if (ti < 0 || hi < 0)
				continue;
			onode *t = &o->nd[ti], *h = &o->nd[hi];
			int rc;
			if (invisible(e) || (!t->tree && !t->strip) ||
			    (!h->tree && !h->strip))
				rc = render_set(e, "style", "invis") ||
				     render_set(e, "pos", "");
			else if (h->parent == ti && tree_edge(e))
				rc = route_tree_edge(o, e, t, h, H);
			else
				rc = route_curve(o, e, t, h, H);
			if (rc)
				return RELMAP_ENOMEM;
		}
	}
	return 0;
}

/* The department boxes: around the cards of each piece. */
static int write_pieces(org *o, double H)
{
	for (Agraph_t *sub = agfstsubg(o->g); sub; sub = agnxtsubg(sub)) {
		const char *name = agnameof(sub);
		if (!name || strncmp(name, "cluster_dept_", 13) != 0)
			continue;
		double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
		for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
			int32_t i = index_of(o, n);
			if (i < 0)
				continue;
			onode *d = &o->nd[i];
			double l = node_x(d) - d->w / 2, r = node_x(d) + d->w / 2;
			double t = node_y(d) - d->h / 2, b = node_y(d) + d->h / 2;
			x0 = l < x0 ? l : x0;
			x1 = r > x1 ? r : x1;
			y0 = t < y0 ? t : y0;
			y1 = b > y1 ? b : y1;
		}
		if (x0 > x1)
			continue;
		x0 -= CM;
		x1 += CM;
		y0 -= CM + o->label_h;
		y1 += CM;
		if (set_box(sub, "bb", x0, H - y1, x1, H - y0))
			return RELMAP_ENOMEM;
	}
	return 0;
}

/* The strip's boxes: each strip cluster in turn, in rows at most `max_w`
 * wide, from `top` down; *w and *h get the strip's size. */
typedef struct sbox {
	Agraph_t *sub;
	double x, y, w, h;
} sbox;
#define STRIP_PAD 10.0

/* The room a strip box's heading takes: none for a blank label. */
static double box_label_h(Agraph_t *sub, double lh)
{
	const char *l = agget(sub, "label");
	return l && strspn(l, " ") < strlen(l) ? lh : 0;
}

static size_t lay_out_strip(org *o, double max_w, double title_w,
			    double title_h, double lh, sbox *boxes, double *w,
			    double *h)
{
	/* The first row starts beside the title block when there is room. */
	double sx = title_w > 0 ? title_w + STRIP_GAP : 0, sy = 0;
	double row_h = title_h;
	size_t nb = 0;
	*w = title_w;
	*h = title_h;
	for (Agraph_t *sub = agfstsubg(o->g); sub && nb < 3;
	     sub = agnxtsubg(sub)) {
		if (!is_strip_cluster(sub) || !agfstnode(sub))
			continue;
		double bw, bh;
		strip_cluster(o, sub, max_w - 2 * STRIP_PAD, &bw, &bh);
		bw += 2 * STRIP_PAD;
		bh += 2 * STRIP_PAD + box_label_h(sub, lh);
		if (sx > 0 && sx + bw > max_w) {
			sx = 0;
			sy += row_h + (sy == 0 && title_h > 0 ? 6 : STRIP_GAP);
			row_h = 0;
		}
		boxes[nb++] = (sbox){ sub, sx, sy, bw, bh };
		sx += bw + STRIP_GAP;
		*w = sx - STRIP_GAP > *w ? sx - STRIP_GAP : *w;
		row_h = bh > row_h ? bh : row_h;
		*h = sy + row_h;
	}
	return nb;
}

int render_org_layout(render_graph *rg, const relmap_style *st,
		      double aspect, int keep_labels, render_org_result *res)
{
	org o;
	int rc;
	memset(&o, 0, sizeof(o));
	o.title = -1;
	o.g = render_graph_root(rg);
	o.rg = rg;
	o.st = st;
	o.aspect = aspect > 0.2 && aspect < 20 ? aspect : 16.0 / 9.0;
	double title_w = 0, title_h = 0, strip_lh = 0, strip_w, strip_h;
	sbox boxes[3];
	size_t nb;

	double t0 = render_clock();
	if ((rc = collect_nodes(&o)) || (rc = build_tree(&o)) ||
	    (rc = make_pieces(&o, st)))
		goto out;
	double t1 = render_clock();
	rc = measure(&o, keep_labels, &title_w, &title_h, &strip_lh);
	render_prof_add(&render_prof->measure, t1);
	if (rc)
		goto out;
	t0 += render_clock() - t1; /* the rest is the layout's */

	/* The title block and the strip beside and under it (the team, the
	 * legend) stand above the chart: the chart's top level is shaped for
	 * what is left of the page (best_width). */
	nb = lay_out_strip(&o, STRIP_MIN_W, title_w, title_h, strip_lh, boxes,
			   &strip_w, &strip_h);
	o.hdr_h = strip_h > 0 ? strip_h + STRIP_GAP : 0;
	o.hdr_w = strip_w;

	double cw = 0, ch = 0;
	if ((rc = lay_out_chart(&o, &cw, &ch)))
		goto out;
	nb = lay_out_strip(&o, cw > STRIP_MIN_W ? cw : STRIP_MIN_W, title_w,
			   title_h, strip_lh, boxes, &strip_w, &strip_h);
	double chart_top = strip_h > 0 ? strip_h + STRIP_GAP : 0;
	double W = cw, Hh = chart_top + ch;
	if (strip_w > W)
		W = strip_w;
	if (title_w > W)
		W = title_w;
	if (W < 1)
		W = 1;
	if (Hh < 1)
		Hh = 1;
	/* The chart centred under the strip when narrower. */
	place_chart(&o, (W - cw) / 2, chart_top);
	for (size_t k = 0; k < nb; k++) {
		sbox *b = &boxes[k];
		double x0 = b->x, y0 = b->y;
		for (Agnode_t *n = agfstnode(b->sub); n;
		     n = agnxtnode(b->sub, n)) {
			int32_t i = index_of(&o, n);
			if (i < 0)
				continue;
			onode *d = &o.nd[i];
			d->ax += x0 + STRIP_PAD;
			d->ay += y0 + STRIP_PAD + box_label_h(b->sub, strip_lh);
			d->cx = d->w / 2;
			d->cy = d->h / 2;
		}
		if (set_box(b->sub, "bb", x0, Hh - (y0 + b->h), x0 + b->w,
			    Hh - y0)) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
	}
	if (o.title >= 0) {
		onode *d = &o.nd[o.title];
		d->strip = 1; /* written like the strip's cards */
		d->ax = d->ay = 0;
		d->cx = d->w / 2;
		d->cy = d->h / 2;
	}
	if ((rc = write_positions(&o, Hh)) || (rc = write_pieces(&o, Hh)) ||
	    (rc = set_box(o.g, "bb", 0, 0, W, Hh)) ||
	    (rc = render_set(o.g, "layout", "nop2")))
		goto out;
	res->width = W;
	res->height = Hh;
	res->n_pieces = o.n_pieces;
	res->n_departments = o.n_depts;
	res->no_boxes = o.no_boxes;
	render_prof_add(&render_prof->layout, t0);
out:
	free(o.nd);
	free(o.by_seq);
	free(o.order);
	sbuf_free(&o.pos);
	return rc;
}
