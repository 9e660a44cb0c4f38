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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
			     const relmap_style *st)
{
	if (v->n_drawn + v->n_summaries <= BIG_CHART ||
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
	if ((rc = render_graph_build(rg, an, style, go)) ||
	    (rc = set_layout_bounds(render_graph_root(*rg), go->view, style)) ||
	    (rc = set_output_attrs(render_graph_root(*rg), fmt, opts)))
		return rc;
	return 0;
}

int relmap_render(char **out, size_t *out_len, const relmap_analysis *an,
		  const relmap_style *style, relmap_format fmt,
		  const relmap_render_options *opts, relmap_diags *diags)
{
	static const relmap_render_options defaults = RELMAP_RENDER_OPTIONS_INIT;
	relmap_style *own_style = NULL;
	render_graph *rg = NULL;
	view *v = NULL;
	const char *gvformat;
	int rc;

	*out = NULL;
	*out_len = 0;
	if (!opts)
		opts = &defaults;
	if (!an || !an->account) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "nothing to render: no analysed account");
		return RELMAP_EUSAGE;
	}
	switch (fmt) {
	case RELMAP_FORMAT_SVG:
		gvformat = opts->text_as_paths ? "svg:cairo" : "svg";
		break;
	case RELMAP_FORMAT_PNG: gvformat = "png"; break;
	case RELMAP_FORMAT_PDF: gvformat = "pdf"; break;
	case RELMAP_FORMAT_DOT: gvformat = NULL; break;
	case RELMAP_FORMAT_JSON:
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "json is the analysis report, not a drawing (see report.h)");
		return RELMAP_EUSAGE;
	default:
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "unknown output format %d", (int)fmt);
		return RELMAP_EUSAGE;
	}
	const char *engine = opts->engine ? opts->engine : "dot";
	if (!relmap_engine_valid(engine)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "unknown layout engine '%s' (dot, neato, fdp, sfdp, circo, twopi)",
				 engine);
		return RELMAP_EUSAGE;
	}
	if (!style) {
		if ((rc = relmap_style_load(&own_style, "default", diags)))
			return rc;
		style = own_style;
	}

	render_page page = { opts->page_width, opts->page_height,
			     opts->page_margin };
	const render_page *pagep = NULL;
	if (page.width > 0 || page.height > 0) {
		if (!(page.width > 0 && page.height > 0) ||
		    !(page.margin >= 0) || 2 * page.margin >= page.width ||
		    2 * page.margin >= page.height) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "the page margin (%gpt) leaves no room on a %gpt x %gpt page",
					 page.margin, page.width, page.height);
			return RELMAP_EUSAGE;
		}
		pagep = &page;
	}
	if (fmt == RELMAP_FORMAT_PNG && !(opts->dpi >= 1 && opts->dpi <= 2400)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "dpi must be from 1 to 2400, not %g", opts->dpi);
		return RELMAP_EUSAGE;
	}

	/* Which persons are drawn (view.h): the focus, then collapsing when
	 * asked for or when the map would be too big to read or lay out. */
	view_options vo = { opts->focus, opts->focus_hops,
			    opts->view != RELMAP_VIEW_FULL,
			    opts->view == RELMAP_VIEW_AUTO ? opts->collapse_above
							   : 0,
			    opts->audience == RELMAP_AUDIENCE_CUSTOMER };
	if ((rc = view_build(&v, an, &vo, diags)) ||
	    (rc = view_stack(v, an, (unsigned)style->leaf_stagger,
			     (unsigned)style->stack_width,
			     style->stack_ratio)))
		goto out;
	if (opts->view == RELMAP_VIEW_AUTO && v->n_folded)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%zu persons are more than %zu: %zu %s are folded into %zu summaries; --full draws everyone",
				 v->n_kept, opts->collapse_above, v->n_folded,
				 vo.neutral ? "who manage nobody"
					    : "with no key person and no gap among them",
				 v->n_summaries);

	if (v->lines_off)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%s lines are left out of this overview (they would cross too much of the chart); --focus ID or --full draws them",
				 vo.neutral ? "dotted" : "dotted and influence");
	/* A big chart whose departments are spread over many subtrees is
	 * drawn wide with clusters (each must be one box): in a collapsed
	 * view that would defeat the stacking, so they go. */
	int clusters = opts->clusters;
	size_t n_depts = 0, pieces = 0;
	if (clusters && v->n_folded &&
	    (pieces = view_department_pieces(v, an, &n_depts)) >
		    2 * n_depts + 4) {
		clusters = 0;
		if (pieces != (size_t)-1)
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 0, 0, "the %zu departments drawn are spread over %zu parts of the chart: drawn without department clusters",
					 n_depts, pieces);
	}

	render_warn_links(an->account, diags);
	render_graph_options go = { engine, clusters, opts->legend,
				    opts->title,
				    opts->audience == RELMAP_AUDIENCE_CUSTOMER,
				    NULL, v };
	/* What changed in our view of the customer is ours too. */
	if (!go.customer)
		go.diff = relmap_diff_find_account(opts->diff, an->account->id);
	if ((rc = build_graph(&rg, an, style, &go, fmt, opts)))
		goto out;
	if (fmt == RELMAP_FORMAT_DOT) {
		rc = write_dot(out, out_len, render_graph_root(rg), diags);
		goto out;
	}

	/* Department clusters are what Graphviz 2.42 trips over (runaway
	 * layouts, "trouble in init_rank"): without them is the fallback. */
	int can_retry = go.clusters && has_departments(an->account);
	rc = render_layout(out, out_len, render_graph_root(rg), engine,
			   gvformat, pagep, opts->layout_timeout, !can_retry,
			   diags);
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
				   engine, gvformat, pagep,
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
	if (rc == 0 && fmt == RELMAP_FORMAT_PDF)
		rc = fix_pdf_date(out, out_len, an->as_of);
	if (rc == 0 && fmt == RELMAP_FORMAT_SVG)
		rc = render_svg_finish(out, out_len, an, go.customer);
out:
	if (rc) {
		free(*out);
		*out = NULL;
		*out_len = 0;
	}
	render_graph_free(rg);
	view_free(v);
	relmap_style_free(own_style);
	return rc;
}
