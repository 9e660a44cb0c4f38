/*
 * render.c - relmap_render(): an analysed account to SVG, PNG, PDF or DOT.
 *
 * The DOT output is the styled graph before layout, exactly the graph the
 * other formats lay out, so `dot -Tsvg` on it draws the same picture (it
 * is also the benchmark baseline: nothing else happens around layout).
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

relmap_render_profile *render_prof;

double render_clock(void)
{
	struct timespec ts;
	if (!render_prof)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int write_dot(char **out, size_t *len, Agraph_t *g, relmap_diags *diags)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return RELMAP_ENOMEM;
	int bad = agwrite(g, f) == EOF;
	if (fclose(f) != 0 || bad) {
		free(buf);
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot write the DOT graph");
		return RELMAP_ENOMEM;
	}
	*out = buf; /* open_memstream ends it with a NUL */
	*len = n;
	return 0;
}

static const char *find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* The last occurrence of `needle` in hay[0..len). */
static const char *find_last(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/*
 * Move the byte offsets of a classic PDF cross-reference table (and
 * startxref) that lie after `at` by `delta`.  cairo 1.16 writes such a
 * table: "xref", subsections "first count", entries "oooooooooo ggggg n".
 * Returns 0, or -1 when the table does not look like that.
 */
static int shift_xref(char *pdf, size_t len, size_t at, long delta)
{
	const char *sx = find_last(pdf, len, "startxref");
	if (!sx)
		return -1;
	char *p = (char *)sx + 9;
	while (p < pdf + len && (*p == '\r' || *p == '\n' || *p == ' '))
		p++;
	char *num = p;
	unsigned long xref = strtoul(num, &p, 10);
	if (p == num || xref >= len)
		return -1;
	unsigned long moved = xref > at ? xref + (unsigned long)delta : xref;
	/* xref itself, where the (already shifted) table now is. */
	char *t = pdf + moved;
	if (moved + 4 >= len || memcmp(t, "xref", 4) != 0)
		return -1;
	t += 4;
	for (;;) {
		while (t < pdf + len && (*t == '\r' || *t == '\n' || *t == ' '))
			t++;
		if (t >= pdf + len || *t < '0' || *t > '9')
			break; /* "trailer" */
		char *e;
		strtoul(t, &e, 10);
		unsigned long count = strtoul(e, &e, 10);
		t = e;
		while (t < pdf + len && (*t == '\r' || *t == '\n' || *t == ' '))
			t++;
		for (unsigned long i = 0; i < count; i++, t += 20) {
			if (t + 20 > pdf + len)
				return -1;
			unsigned long off = strtoul(t, NULL, 10);
			if (t[17] == 'n' && off > at) {
				char digits[11];
				snprintf(digits, sizeof(digits), "%010lu",
					 off + (unsigned long)delta);
				memcpy(t, digits, 10);
			}
		}
	}
	/* The startxref number: same digits unless the shift crosses a power
	 * of ten, which a few bytes of a date never make it do here. */
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lu", moved);
	if (n != (int)(p - num))
		return -1;
	memcpy(num, digits, (size_t)n);
	return 0;
}

/*
 * cairo 1.16 writes the time of rendering into the PDF's /CreationDate,
 * in local time with its zone ("Z" or "+05'30"), so two renders differ.
 * The date becomes the analysis's as-of date at midnight UTC, and the
 * cross-reference offsets after it move by the change in length.
 */
static int fix_pdf_date(char **pdf, size_t *len, int32_t as_of)
{
	static const char key[] = "/CreationDate (";
	const char *at = find(*pdf, *len, key);
	if (!at)
		return 0;
	size_t start = (size_t)(at - *pdf) + strlen(key) - 1; /* the '(' */
	const char *close = memchr(*pdf + start, ')', *len - start);
	if (!close)
		return 0;
	size_t old = (size_t)(close - *pdf) + 1 - start;
	char date[11], lit[32];
	relmap_date_format(date, as_of);
	int n = snprintf(lit, sizeof(lit), "(D:%.4s%.2s%.2s000000Z)", date,
			 date + 5, date + 8);
	size_t nlen = *len - old + (size_t)n;
	char *out = malloc(nlen + 1);
	if (!out)
		return RELMAP_ENOMEM;
	memcpy(out, *pdf, start);
	memcpy(out + start, lit, (size_t)n);
	memcpy(out + start + n, *pdf + start + old, *len - start - old);
	out[nlen] = '\0';
	if (shift_xref(out, nlen, start, (long)n - (long)old) != 0) {
		/* Not the layout expected: keep cairo's bytes, valid if not
		 * reproducible. */
		free(out);
		return 0;
	}
	free(*pdf);
	*pdf = out;
	*len = nlen;
	return 0;
}

static int has_departments(const relmap_account *a)
{
	for (size_t i = 0; i < a->n_persons; i++)
		if (a->persons[i].department && a->persons[i].department[0])
			return 1;
	return 0;
}

int relmap_coverage_mode_parse(relmap_coverage_mode *out, const char *name)
{
	if (name && strcasecmp(name, "cards") == 0)
		*out = RELMAP_COVERAGE_CARDS;
	else if (name && strcasecmp(name, "lines") == 0)
		*out = RELMAP_COVERAGE_LINES;
	else
		return RELMAP_EUSAGE;
	return 0;
}

int relmap_audience_parse(relmap_audience *out, const char *name)
{
	if (name && strcasecmp(name, "team") == 0)
		*out = RELMAP_AUDIENCE_TEAM;
	else if (name && strcasecmp(name, "customer") == 0)
		*out = RELMAP_AUDIENCE_CUSTOMER;
	else
		return RELMAP_EUSAGE;
	return 0;
}

/*
 * dot's x-positioning (network simplex) is what runs away on big charts:
 * at 1,900 drawn nodes, 29 s unbounded against 2 s with nslimit=0.2
 * (iterations per node), and the bounded layout came out narrower, not
 * worse.  So above BIG_CHART nodes it is bounded, unless the style says.
 */
#define BIG_CHART 1000

static int set_layout_bounds(Agraph_t *g, const view *v,
			     const relmap_style *st, int org)
{
	if (v->n_drawn + v->n_summaries <= BIG_CHART || org ||
	    style_attrs_get(&st->graph, "nslimit"))
		return 0;
	return render_set(g, "nslimit", "0.2");
}

/* Subgraphs take the root's bgcolor when they are made, and a rounded
 * cluster without a fill paints it: so the whole tree goes transparent. */
static int set_transparent(Agraph_t *g)
{
	if (render_set(g, "bgcolor", "transparent"))
		return RELMAP_ENOMEM;
	for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub))
		if (set_transparent(sub))
			return RELMAP_ENOMEM;
	return 0;
}

/* What depends on the output rather than the map: pixels per inch for
 * PNG (the other formats are in points) and a transparent background. */
static int set_output_attrs(Agraph_t *g, relmap_format fmt,
			    const relmap_render_options *opts)
{
	char num[32];
	if (fmt == RELMAP_FORMAT_PNG) {
		render_num(num, opts->dpi);
		if (render_set(g, "dpi", num))
			return RELMAP_ENOMEM;
	}
	if (opts->transparent && set_transparent(g))
		return RELMAP_ENOMEM;
	return 0;
}

/* The styled graph with what the layout and the output format add. */
static int build_graph(render_graph **rg, const relmap_analysis *an,
		       const relmap_style *style,
		       const render_graph_options *go, relmap_format fmt,
		       const relmap_render_options *opts)
{
	int rc;
	double t0 = render_clock();
	if ((rc = render_graph_build(rg, an, style, go)) ||
	    (rc = set_layout_bounds(render_graph_root(*rg), go->view, style,
				       go->org)) ||
	    (rc = set_output_attrs(render_graph_root(*rg), fmt, opts)))
		return rc;
	render_prof_add(&render_prof->graph, t0);
	return 0;
}

/*
 * A PNG with no page is drawn at --dpi unless that would make it more
 * than MAX_PNG_SIDE pixels a side: a 400-person chart at 192 dpi was
 * 10,000 pixels wide, 10 MB and 40 s of encoding, and no slide or screen
 * shows it.  Then it is drawn at the dpi that fits, with a warning;
 * --page (or a lower --dpi) chooses otherwise.  cairo's own limit is
 * 32,767.
 */
#define MAX_PNG_SIDE 8192.0

static int cap_png(Agraph_t *g, double w, double h, double dpi,
		   relmap_diags *diags)
{
	double side = (w > h ? w : h) / 72.0 * dpi;
	if (!(side > MAX_PNG_SIDE))
		return 0;
	double fit = floor(MAX_PNG_SIDE * 72.0 / (w > h ? w : h));
	if (fit < 1)
		fit = 1;
	char num[32];
	render_num(num, fit);
	relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
			 "the PNG is drawn at %s dpi, not %g, to stay within %.0f pixels a side; --page or --dpi chooses the size",
			 num, dpi, MAX_PNG_SIDE);
	return render_set(g, "dpi", num);
}

/* No page holds more cards than this legibly (a 16:9 slide at 7 pt holds
 * about 60 of the default style's): views with more are folded further
 * before their cards are measured. */
#define MAX_PAGE_CARDS 150

/* The smallest text on a person's card, in points: the name, the title,
 * the department line (drawn when persons are not grouped by department),
 * the coverage chips (at the title's size) and the gap badge. */
static double person_min_font(const relmap_style *st, int clusters)
{
	const char *fs = style_attrs_get(&st->person, "fontsize");
	double f = fs ? atof(fs) : 14;
	if (!(f > 0))
		f = 14;
	if (st->title_fontsize > 0 && st->title_fontsize < f)
		f = st->title_fontsize;
	if (!clusters && st->department_fontsize > 0 &&
	    st->department_fontsize < f)
		f = st->department_fontsize;
	if (st->gap_marker[0] && st->gap_marker_fontsize > 0 &&
	    st->gap_marker_fontsize < f)
		f = st->gap_marker_fontsize;
	return f;
}

/* The scale a drawing of w x h points gets to fit inside the page less
 * its margins (render_layout.c: fit_page). */
static double page_scale(const render_page *page, double w, double h)
{
	double iw = page->width - 2 * page->margin;
	double ih = page->height - 2 * page->margin;
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	return iw / w < ih / h ? iw / w : ih / h;
}

/*
 * The next view to try when the map is too small to read on the page:
 * one level less kept by depth, down to the key and gap persons alone;
 * then only the error gaps (from the top level down again); then only
 * the top of the chart.  0 when there is nothing left to fold.
 */
static int next_fold(view_options *vo)
{
	if (vo->keep_depth > (vo->keep_rule == 2 ? 1 : 0)) {
		vo->keep_depth--;
		return 1;
	}
	if (vo->keep_rule == 2 || vo->neutral)
		return 0;
	vo->keep_rule++;
	vo->keep_depth = 1;
	return 1;
}

/* How many cards (persons and summaries) view options `vo` draw, with the
 * chart's depth in *depth; or a negative RELMAP_E* code. */
static long count_cards(const render_req *rq, const view_options *vo,
			int *depth)
{
	view *v = NULL;
	relmap_diags scratch;
	relmap_diags_init(&scratch, 1);
	int rc = view_build(&v, rq->an, vo, &scratch);
	relmap_diags_free(&scratch);
	long cards = rc ? rc : (long)(v->n_drawn + v->n_summaries);
	if (!rc && depth)
		*depth = v->depth;
	view_free(v);
	return cards;
}

int render_fold_to_cards(const render_req *rq, size_t max_cards,
			 view_options *vo)
{
	const relmap_render_options *opts = rq->opts;
	*vo = (view_options){ opts->focus, opts->focus_hops,
			      opts->view != RELMAP_VIEW_FULL,
			      opts->view == RELMAP_VIEW_AUTO ? opts->collapse_above
							     : 0,
			      opts->audience == RELMAP_AUDIENCE_CUSTOMER, 0, 0,
			      rq->only };
	if (opts->view != RELMAP_VIEW_AUTO || rq->page)
		return 0;
	int depth = 0;
	long cards = count_cards(rq, vo, &depth);
	if (cards < 0 || (size_t)cards <= max_cards)
		return cards < 0 ? (int)cards : 0;
	/* Folding keeps the key and gap persons and their managers (rule
	 * 0) however deep they are, which is what the default view holds
	 * already; then only those with an error gap (rule 1); then none
	 * (rule 2).  Under each rule, the deepest level kept whole that
	 * still fits.  The customer's view folds by shape alone. */
	view_options try = *vo;
	try.collapse = 1;
	try.collapse_above = 0;
	for (int rule = vo->neutral ? 0 : 1; rule <= 2; rule++) {
		try.keep_rule = vo->neutral ? 0 : rule;
		for (int d = depth; d >= (try.keep_rule == 2 ? 1 : 0); d--) {
			try.keep_depth = d;
			cards = count_cards(rq, &try, NULL);
			if (cards < 0)
				return (int)cards;
			if ((size_t)cards <= max_cards) {
				*vo = try;
				return 1;
			}
		}
		if (vo->neutral)
			break;
	}
	*vo = try; /* the most folded there is */
	return 1;
}

/* The view for `vo`, stacked, with how coverage is shown; its warnings
 * go to diags. */
static int prepare_view(view **v, const relmap_analysis *an,
			const view_options *vo, const relmap_style *style,
			const relmap_render_options *opts, relmap_diags *diags)
{
	int rc;
	if ((rc = view_build(v, an, vo, diags)))
		return rc;
	view *w = *v;
	w->chips = opts->coverage == RELMAP_COVERAGE_CARDS && !vo->neutral;
	if (w->chips)
		w->coverage_lines = 0;
	if ((rc = view_stack(w, an, (unsigned)style->leaf_stagger,
			     (unsigned)style->stack_width, style->stack_ratio)))
		return rc;
	if (opts->view == RELMAP_VIEW_AUTO && w->n_folded)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%zu persons are more than %zu: %zu %s are folded into %zu summaries; --full draws everyone",
				 w->n_kept, opts->collapse_above, w->n_folded,
				 vo->neutral ? "who manage nobody"
					     : "with no key person and no gap among them",
				 w->n_summaries);
	if (w->lines_off)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%s lines are left out of this overview (they would cross too much of the chart); --focus ID or --full draws them",
				 vo->neutral ? "dotted" : "dotted and influence");
	return 0;
}

/* The graph of view v, laid out already for the org engine (its size in
 * *w and *h; 0 for the other engines). */
static int prepare_graph(render_graph **rg, const relmap_analysis *an,
			 const relmap_style *style, render_graph_options *go,
			 view *v, relmap_format fmt,
			 const relmap_render_options *opts,
			 const render_page *page, double *w, double *h,
			 relmap_diags *diags)
{
	int rc;
	go->view = v;
	go->clusters = opts->clusters;
	/* A big chart whose departments are spread over many subtrees is
	 * drawn wide by dot with clusters (each must be one box): in a
	 * collapsed view that would defeat the stacking, so they go.  The
	 * org layout boxes each piece of a department instead, and leaves
	 * them out itself when there would be too many (render_org.c). */
	size_t n_depts = 0, pieces = 0;
	if (go->clusters && !go->org && v->n_folded &&
	    (pieces = view_department_pieces(v, an, &n_depts)) >
		    2 * n_depts + 4) {
		go->clusters = 0;
		if (pieces != (size_t)-1)
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 0, 0, "the %zu departments drawn are spread over %zu parts of the chart: drawn without department clusters",
					 n_depts, pieces);
	}
	*w = *h = 0;
	if ((rc = build_graph(rg, an, style, go, fmt, opts)))
		return rc;
	if (!go->org)
		return 0;
	double aspect = 16.0 / 9.0;
	if (page)
		aspect = (page->width - 2 * page->margin) /
			 (page->height - 2 * page->margin);
	render_org_result res;
	/* Graphviz's own SVG writer draws text from the measured labels
	 * alone: they are kept for the drawing (render_kept.c). */
	int keep = fmt == RELMAP_FORMAT_SVG && !opts->text_as_paths &&
		   render_kept_enabled();
	rc = render_org_layout(*rg, style, aspect, keep, &res);
	if (rc == 0 && res.no_boxes) {
		/* Drawn again without department grouping, so each card
		 * says its department instead. */
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "the %zu departments drawn are spread over %zu parts of the chart: drawn without department clusters",
				 res.n_departments, res.n_pieces);
		render_graph_free(*rg);
		*rg = NULL;
		go->clusters = 0;
		if ((rc = build_graph(rg, an, style, go, fmt, opts)) == 0)
			rc = render_org_layout(*rg, style, aspect, keep,
					       &res);
	}
	if (rc == 0) {
		*w = res.width;
		*h = res.height;
	}
	if (rc == RELMAP_EINTERNAL)
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "Graphviz could not measure the cards of the map");
	return rc;
}

int render_request_init(render_req *rq, relmap_style **own_style,
			render_page *page, const relmap_analysis *an,
			const relmap_style *style, relmap_format fmt,
			const relmap_render_options *opts, relmap_diags *diags)
{
	static const relmap_render_options defaults = RELMAP_RENDER_OPTIONS_INIT;
	int rc;

	memset(rq, 0, sizeof(*rq));
	*own_style = NULL;
	if (!opts)
		opts = &defaults;
	if (!an || !an->account) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "nothing to render: no analysed account");
		return RELMAP_EUSAGE;
	}
	switch (fmt) {
	case RELMAP_FORMAT_SVG:
		rq->gvformat = opts->text_as_paths ? "svg:cairo" : "svg";
		break;
	case RELMAP_FORMAT_PNG: rq->gvformat = "png"; break;
	case RELMAP_FORMAT_PDF: rq->gvformat = "pdf"; break;
	case RELMAP_FORMAT_DOT: rq->gvformat = NULL; break;
	case RELMAP_FORMAT_JSON:
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "json is the analysis report, not a drawing (see report.h)");
		return RELMAP_EUSAGE;
	case RELMAP_FORMAT_HTML:
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "html is one page of the whole map (relmap_render), not pages of a deck");
		return RELMAP_EUSAGE;
	default:
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "unknown output format %d", (int)fmt);
		return RELMAP_EUSAGE;
	}
	rq->engine = opts->engine ? opts->engine : "org";
	if (!relmap_engine_valid(rq->engine)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "unknown layout engine '%s' (org, dot, neato, fdp, sfdp, circo, twopi)",
				 rq->engine);
		return RELMAP_EUSAGE;
	}
	rq->org = strcmp(rq->engine, "org") == 0;
	*page = (render_page){ opts->page_width, opts->page_height,
			       opts->page_margin };
	if (page->width > 0 || page->height > 0) {
		if (!(page->width > 0 && page->height > 0) ||
		    !(page->margin >= 0) || 2 * page->margin >= page->width ||
		    2 * page->margin >= page->height) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "the page margin (%gpt) leaves no room on a %gpt x %gpt page",
					 page->margin, page->width, page->height);
			return RELMAP_EUSAGE;
		}
		rq->page = page;
	}
	if (fmt == RELMAP_FORMAT_PNG && !(opts->dpi >= 1 && opts->dpi <= 2400)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "dpi must be from 1 to 2400, not %g", opts->dpi);
		return RELMAP_EUSAGE;
	}
	if (!style) {
		if ((rc = relmap_style_load(own_style, "default", diags)))
			return rc;
		style = *own_style;
	}
	rq->an = an;
	rq->style = style;
	rq->fmt = fmt;
	rq->opts = opts;
	rq->min_text = opts->min_text;
	return 0;
}

int render_draw(char **out, size_t *out_len, const render_req *rq,
		view **kept, double *text_out, view_options *chosen,
		relmap_diags *diags)
{
	const relmap_analysis *an = rq->an;
	const relmap_style *style = rq->style;
	const relmap_render_options *opts = rq->opts;
	relmap_format fmt = rq->fmt;
	const render_page *pagep = rq->page;
	render_graph *rg = NULL;
	view *v = NULL;
	int rc;

	if (out) {
		*out = NULL;
		*out_len = 0;
	}
	/* Which persons are drawn (view.h): the focus, then collapsing when
	 * asked for or when the map would be too big to read or lay out. */
	view_options vo = { opts->focus, opts->focus_hops,
			    opts->view != RELMAP_VIEW_FULL,
			    opts->view == RELMAP_VIEW_AUTO ? opts->collapse_above
							   : 0,
			    opts->audience == RELMAP_AUDIENCE_CUSTOMER, 0, 0,
			    rq->only };
	render_graph_options go = { rq->engine, opts->clusters, opts->legend,
				    opts->title,
				    opts->audience == RELMAP_AUDIENCE_CUSTOMER,
				    NULL, NULL, rq->org, rq->page_ref,
				    rq->page_label, rq->no_team };
	/* What changed in our view of the customer is ours too. */
	if (!go.customer)
		go.diff = relmap_diff_find_account(opts->diff, an->account->id);

	/* With a page, the org chart folds level by level until its person
	 * text is legible on the page: from the deepest level up to only the
	 * key and gap persons and the managers above them. */
	int fit = rq->org && pagep && opts->view == RELMAP_VIEW_AUTO &&
		  rq->min_text > 0 && fmt != RELMAP_FORMAT_DOT;
	double font = person_min_font(style, opts->clusters);
	double text = 0, draw_w = 0, draw_h = 0;
	int fit_folded = 0;
	for (int level = -1;; level--) {
		double w = 0, h = 0;
		relmap_diags scratch;
		draw_w = draw_h = 0;
		relmap_diags_init(&scratch, 20);
		/* Only the first view's warnings: the later ones say the
		 * same of a smaller map. */
		relmap_diags *vd = level == -1 && !rq->quiet ? diags : &scratch;
		render_graph_free(rg);
		view_free(v);
		rg = NULL;
		v = NULL;
		if (rq->start && level == -1)
			vo = *rq->start;
		double t0 = render_clock();
		rc = prepare_view(&v, an, &vo, style, opts, vd);
		render_prof_add(&render_prof->view, t0);
		/* Far more cards than a page holds legibly: fold on without
		 * measuring them all (a deck's big parts, a big account). */
		int hopeless = fit && !rq->start &&
			       v && v->n_drawn + v->n_summaries > MAX_PAGE_CARDS &&
			       (vo.keep_depth > 0 || vo.keep_rule < 2 ||
				level == -1);
		if (!rc && !hopeless)
			rc = prepare_graph(&rg, an, style, &go, v, fmt, opts,
					   pagep, &w, &h, vd);
		relmap_diags_free(&scratch);
		if (rc)
			goto out;
		draw_w = w;
		draw_h = h;
		if (fit && rq->start)
			text = font * page_scale(pagep, w, h);
		if (!fit || rq->start)
			break;
		double sc = hopeless ? 0 : page_scale(pagep, w, h);
		text = font * sc;
		if (!hopeless && text + 1e-9 >= rq->min_text)
			break;
		/* Fold one level more: keep_depth counts down from the
		 * chart's depth; the collapse rules then keep only key and
		 * gap persons and their managers. */
		if (level == -1) {
			vo.collapse = 1;
			vo.collapse_above = 0;
			vo.keep_depth = v->depth;
		}
		if (!next_fold(&vo)) {
			if (hopeless) { /* nothing left to fold: draw it */
				rc = prepare_graph(&rg, an, style, &go, v, fmt,
						   opts, pagep, &w, &h, diags);
				if (rc)
					goto out;
				draw_w = w;
				draw_h = h;
				text = font * page_scale(pagep, w, h);
			}
			break;
		}
		fit_folded = 1;
	}
	if (text_out)
		*text_out = text;
	if (chosen)
		*chosen = vo;
	if (fit_folded && v->n_folded && !rq->quiet)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%zu of %zu persons are folded into %zu summaries so that names stay legible on the page (%.1f pt, at least %g); --deck draws every person on pages of their own, --full draws everyone smaller",
				 v->n_folded, v->n_kept, v->n_summaries, text,
				 rq->min_text);
	if (fit && text + 1e-9 < rq->min_text && !rq->quiet)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "person text is %.1f pt on the page, under %g pt even with everyone folded who can be; --focus ID draws a part of the map larger",
				 text, rq->min_text);
	if (!out) {
		rc = 0; /* planning only */
		goto out;
	}
	if (fmt == RELMAP_FORMAT_DOT) {
		double t0 = render_clock();
		rc = write_dot(out, out_len, render_graph_root(rg), diags);
		render_prof_add(&render_prof->drawing, t0);
		goto out;
	}
	if (rq->org && fmt == RELMAP_FORMAT_PNG && !pagep &&
	    (rc = cap_png(render_graph_root(rg), draw_w, draw_h, opts->dpi,
			  diags)))
		goto out;
	if (rq->org) {
		/* Laid out already: Graphviz draws it as it is (nop2), with no
		 * bound, since nothing is left to run away (--layout-timeout
		 * bounds layouts, not drawings).  In this process, where the
		 * cards were measured: a child would start Graphviz, pango and
		 * fontconfig over again and measure every card a second time
		 * (a third of a 1,000-person render).  The bytes are the same
		 * either way (cmp'd over the samples and generated accounts,
		 * SVG and PNG). */
		rc = render_layout_kept(out, out_len, render_graph_root(rg),
					render_graph_kept(rg), rq->gvformat,
					pagep, diags);
		goto finish;
	}

	/* Department clusters are what Graphviz 2.42 trips over (runaway
	 * layouts, "trouble in init_rank"): without them is the fallback. */
	int can_retry = go.clusters && has_departments(an->account);
	if (rq->cut_short < 0 && can_retry) {
		rc = RELMAP_ETIMEOUT;
	} else if (rq->cut_short > 0 && can_retry) {
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "Graphviz crashed (signal %d) while drawing the map",
				 rq->cut_short);
		rc = RELMAP_EINTERNAL;
	} else
		rc = render_layout(out, out_len, render_graph_root(rg),
				   rq->engine, rq->gvformat, pagep,
				   opts->layout_timeout, !can_retry, diags);
	if ((rc == RELMAP_ETIMEOUT || rc == RELMAP_EINTERNAL) && can_retry) {
		if (rc == RELMAP_ETIMEOUT)
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 0, 0, "layout did not finish within %g s; drawn again without department clusters",
					 opts->layout_timeout);
		else
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 0, 0, "Graphviz failed with department clusters; drawn again without them");
		render_graph_free(rg);
		rg = NULL;
		go.clusters = 0;
		if ((rc = build_graph(&rg, an, style, &go, fmt, opts)))
			goto out;
		rc = render_layout(out, out_len, render_graph_root(rg),
				   rq->engine, rq->gvformat, pagep,
				   opts->layout_timeout, 1, diags);
		if (rc == RELMAP_ETIMEOUT)
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "layout did not finish within %g s even without department clusters; try --engine or a longer --layout-timeout",
					 opts->layout_timeout);
	} else if (rc == RELMAP_ETIMEOUT) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "layout did not finish within %g s; try --engine or a longer --layout-timeout",
				 opts->layout_timeout);
	}
finish:;
	double t0 = render_clock();
	if (rc == 0 && fmt == RELMAP_FORMAT_PDF)
		rc = fix_pdf_date(out, out_len, an->as_of);
	if (rc == 0 && fmt == RELMAP_FORMAT_SVG && opts->text_as_paths)
		rc = render_svg_cairo_ids(out, out_len);
	if (rc == 0 && fmt == RELMAP_FORMAT_SVG)
		rc = render_svg_finish(out, out_len, an, go.customer);
	render_prof_add(&render_prof->post, t0);
out:
	if (rc && out) {
		free(*out);
		*out = NULL;
		*out_len = 0;
	}
	render_graph_free(rg);
	if (kept && rc == 0)
		*kept = v;
	else
		view_free(v);
	return rc;
}

int relmap_render(char **out, size_t *out_len, const relmap_analysis *an,
		  const relmap_style *style, relmap_format fmt,
		  const relmap_render_options *opts, relmap_diags *diags)
{
	return render_account(out, out_len, an, style, fmt, opts, 0, diags);
}

int render_account(char **out, size_t *out_len, const relmap_analysis *an,
		   const relmap_style *style, relmap_format fmt,
		   const relmap_render_options *opts, int cut_short,
		   relmap_diags *diags)
{
	relmap_style *own_style = NULL;
	render_page page;
	render_req rq;
	int rc;

	*out = NULL;
	*out_len = 0;
	if (fmt == RELMAP_FORMAT_HTML)
		return render_html(out, out_len, an, style, opts, diags);
	if ((rc = render_request_init(&rq, &own_style, &page, an, style, fmt,
				      opts, diags)) == 0) {
		render_warn_links(an->account, diags);
		rq.cut_short = cut_short;
		render_prof = rq.opts->profile;
		relmap_render_warm_wait(); /* timed on its own */
		rc = render_draw(out, out_len, &rq, NULL, NULL, NULL, diags);
		render_prof = NULL;
	}
	relmap_style_free(own_style);
	return rc;
}
