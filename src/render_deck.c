/*
 * render_deck.c - relmap_render_deck(): one account as legible pages.
 *
 * The pages are found breadth first.  Page 1 draws the whole account as
 * --page draws it: folded level by level until person text is legible
 * (render.c, render_draw).  Each summary on a page ("+17 under X") then
 * becomes a page of its own drawing X and the persons folded under X (X's
 * reports' subtrees), which may fold again; those summaries become pages
 * in turn.  A page that can only draw its manager and one summary of all
 * the rest (too many reports for one page) is split instead: half of the
 * manager's reports' subtrees on one page, half on the next.  Every step
 * draws strictly fewer persons than the page it came from, so it ends,
 * and every person is drawn somewhere (a folded one on the page of its
 * summary; a page of one person always fits).
 *
 * Each page is chosen first (render_draw without output) and then drawn
 * with the page numbers of its summaries' pages, which are known by then:
 * the pages a page's summaries open come after it in the queue.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Person text on a deck's page, at least (the 8 pt). */
#define DECK_MIN_TEXT 8.0

typedef struct dpage {
	unsigned char *only; /* persons it may draw; NULL: all (page 1) */
	size_t n_only;       /* how many (n_persons for page 1) */
	char *data;          /* the rendered page */
	size_t len;
	int32_t *drawn;      /* persons drawn, in file order */
	size_t n_drawn;
	/* Its summaries: the manager each hangs under (n_persons for the
	 * top) and the page it opened (an index). */
	int32_t *ref_x, *ref_page;
	size_t n_refs;
	int skip;            /* says nothing its pages do not: left out */
	view_options chosen; /* its view, chosen in the first pass */
	int32_t number;      /* printed page number, from 1 */
} dpage;

struct relmap_deck {
	relmap_format fmt;
	int32_t as_of;       /* for the PDF's date */
	double width, height; /* the page, in points */
	dpage *pages;
	size_t n_pages, cap;
};

size_t relmap_deck_count(const relmap_deck *d)
{
	return d ? d->n_pages : 0;
}

const char *relmap_deck_page(const relmap_deck *d, size_t i, size_t *len)
{
	if (!d || i >= d->n_pages) {
		*len = 0;
		return NULL;
	}
	*len = d->pages[i].len;
	return d->pages[i].data;
}

const int32_t *relmap_deck_persons(const relmap_deck *d, size_t i,
				   size_t *n)
{
	if (!d || i >= d->n_pages) {
		*n = 0;
		return NULL;
	}
	*n = d->pages[i].n_drawn;
	return d->pages[i].drawn;
}

void relmap_deck_free(relmap_deck *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_pages; i++) {
		free(d->pages[i].only);
		free(d->pages[i].data);
		free(d->pages[i].drawn);
		free(d->pages[i].ref_x);
		free(d->pages[i].ref_page);
	}
	free(d->pages);
	free(d);
}

/* A new page for the persons marked in `only` (taken over), or NULL. */
static dpage *add_page(relmap_deck *d, unsigned char *only, size_t n_only)
{
	if (d->n_pages == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		dpage *p = realloc(d->pages, cap * sizeof(*p));
		if (!p)
			return NULL;
		d->pages = p;
		d->cap = cap;
	}
	dpage *p = &d->pages[d->n_pages++];
	memset(p, 0, sizeof(*p));
	p->only = only;
	p->n_only = n_only;
	return p;
}

/* The root, within set `in`, of the subtree folded person k stands in:
 * the highest manager above k that is still in `in`. */
static int32_t root_in(const relmap_account *a, const unsigned char *in,
		       int32_t k)
{
	size_t steps = 0;
	while (steps++ <= a->n_persons) {
		int32_t m = a->persons[k].manager;
		if (m < 0 || (size_t)m >= a->n_persons || !in[m])
			break;
		k = m;
	}
	return k;
}

/*
 * The pages summary s of view v opens: {its manager} + its folded persons
 * (one page), or, when that is all the page `from` could draw already,
 * its folded subtrees split in two halves (two pages), or a lone subtree
 * without the manager.  *first gets the first new page's index.
 */
static int open_pages(relmap_deck *d, const relmap_account *a, const view *v,
		      size_t s, size_t from, size_t *first)
{
	size_t np = a->n_persons;
	int32_t x = v->summaries[s].manager;
	unsigned char *f = calloc(np ? np : 1, 1);
	unsigned char *g = NULL;
	int32_t *roots = NULL;
	int rc = RELMAP_ENOMEM;
	size_t n = 0, n_roots = 0;

	if (!f)
		goto out;
	for (size_t k = 0; k < np; k++)
		if (v->person[k] == (int32_t)s) {
			f[k] = 1;
			n++;
		}
	*first = d->n_pages;
	size_t with_x = n + (x >= 0);
	if (with_x < d->pages[from].n_only) {
		if (x >= 0)
			f[x] = 1;
		if (!add_page(d, f, with_x))
			goto out;
		f = NULL;
		rc = 0;
		goto out;
	}
	/* No progress with the manager: split the folded subtrees. */
	roots = malloc(n * sizeof(*roots));
	if (!roots)
		goto out;
	for (size_t k = 0; k < np; k++)
		if (f[k] && root_in(a, f, (int32_t)k) == (int32_t)k)
			roots[n_roots++] = (int32_t)k;
	if (n_roots < 2) {
		/* One subtree: on its own, without the manager. */
		if (!add_page(d, f, n))
			goto out;
		f = NULL;
		rc = 0;
		goto out;
	}
	g = calloc(np ? np : 1, 1);
	if (!g)
		goto out;
	/* Which half each folded person goes to, by its subtree's root
	 * (all found before any is moved: root_in walks the set f). */
	size_t half = n_roots / 2, ng = 0;
	for (size_t k = 0; k < np; k++) {
		if (!f[k])
			continue;
		int32_t r = root_in(a, f, (int32_t)k);
		size_t at = 0;
		while (at < n_roots && roots[at] != r)
			at++;
		g[k] = at >= half;
	}
	for (size_t k = 0; k < np; k++) {
		if (!g[k])
			continue;
		f[k] = 0;
		ng++;
	}
	if (x >= 0) {
		f[x] = g[x] = 1;
		ng++;
	}
	size_t nf = 0;
	for (size_t k = 0; k < np; k++)
		nf += f[k];
	if (!add_page(d, f, nf))
		goto out;
	f = NULL;
	if (!add_page(d, g, ng))
		goto out;
	g = NULL;
	rc = 0;
out:
	free(f);
	free(g);
	free(roots);
	return rc;
}

/* The first printed page (from 1) that draws what page i would have: the
 * page itself, or for a page left out the first of the pages it opened
 * (all of them come after it, so the walk ends).  0 when there is none. */
static int32_t number_of(const relmap_deck *d, size_t i)
{
	const dpage *p = &d->pages[i];
	if (!p->skip)
		return p->number;
	int32_t best = 0;
	for (size_t r = 0; r < p->n_refs; r++) {
		int32_t n = number_of(d, (size_t)p->ref_page[r]);
		if (n > 0 && (best == 0 || n < best))
			best = n;
	}
	return best;
}

int relmap_render_deck(relmap_deck **out, const relmap_analysis *an,
		       const relmap_style *style, relmap_format fmt,
		       const relmap_render_options *opts, relmap_diags *diags)
{
	static const relmap_render_options defaults = RELMAP_RENDER_OPTIONS_INIT;
	relmap_style *own_style = NULL;
	relmap_render_options o;
	render_page page;
	render_req rq;
	relmap_deck *d = NULL;
	int32_t *refs = NULL;
	unsigned char *seen = NULL;
	int rc;

	*out = NULL;
	o = opts ? *opts : defaults;
	if (fmt != RELMAP_FORMAT_SVG && fmt != RELMAP_FORMAT_PNG &&
	    fmt != RELMAP_FORMAT_PDF) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "a deck is drawn as svg, png or pdf pages, not %s",
				 relmap_format_name(fmt) ? relmap_format_name(fmt)
							 : "that");
		return RELMAP_EUSAGE;
	}
	if (o.focus) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "--focus does not go with a deck, which draws every person");
		return RELMAP_EUSAGE;
	}
	if (!(o.page_width > 0 && o.page_height > 0))
		relmap_page_parse(&o.page_width, &o.page_height, "16:9");
	if (o.min_text < DECK_MIN_TEXT)
		o.min_text = DECK_MIN_TEXT;
	o.view = RELMAP_VIEW_AUTO;
	o.engine = "org";
	/* The org chart is drawn in this process whatever the bound
	 * (render.c); no bound also keeps a later change of engine from
	 * forking a child per page, which for a 3,000-person deck costs more
	 * than the pages. */
	if (fmt == RELMAP_FORMAT_SVG && !o.text_as_paths)
		o.layout_timeout = 0;
	if ((rc = render_request_init(&rq, &own_style, &page, an, style, fmt,
				      &o, diags)))
		goto out;
	render_warn_links(an->account, diags);
	rq.quiet = 1;

	const relmap_account *a = an->account;
	size_t np = a->n_persons;
	rc = RELMAP_ENOMEM;
	if (!(d = calloc(1, sizeof(*d))) ||
	    !(refs = calloc(np + 1, sizeof(*refs))) ||
	    !(seen = calloc(np ? np : 1, 1)) || !add_page(d, NULL, np))
		goto out;
	d->fmt = fmt;
	d->as_of = an->as_of;
	d->width = o.page_width;
	d->height = o.page_height;

	/* Pages after the first leave out the legend and the team (the
	 * first explains the marks and the initials): room for the chart. */
	relmap_render_options later = o;
	later.legend = 0;

	/* 1. Choose every page's view; the pages its summaries open.  The
	 * page's label and its summaries' page numbers are not known yet:
	 * the widest stand in for them, so the page drawn is no larger. */
	int32_t *wide = malloc((np + 1) * sizeof(*wide));
	if (!wide)
		goto out;
	for (size_t x = 0; x <= np; x++)
		wide[x] = 999;
	for (size_t i = 0; i < d->n_pages; i++) {
		view *v = NULL;
		double text = 0;
		rq.opts = i ? &later : &o;
		rq.no_team = i > 0;
		rq.only = d->pages[i].only;
		rq.page_ref = wide;
		rq.page_label = "page 999 of 999";
		view_options chosen;
		if ((rc = render_draw(NULL, NULL, &rq, &v, &text, &chosen,
				      diags))) {
			free(wide);
			goto out;
		}
		dpage *p = &d->pages[i];
		p->chosen = chosen;
		p->chosen.only = NULL; /* the page's own, set when drawn */
		p->ref_x = malloc((v->n_summaries + 1) * sizeof(int32_t));
		p->ref_page = malloc((v->n_summaries + 1) * sizeof(int32_t));
		p->drawn = malloc((v->n_drawn + 1) * sizeof(int32_t));
		if (!p->ref_x || !p->ref_page || !p->drawn) {
			view_free(v);
			free(wide);
			rc = RELMAP_ENOMEM;
			goto out;
		}
		for (size_t s = 0; s < v->n_summaries; s++) {
			size_t first;
			if ((rc = open_pages(d, a, v, s, i, &first))) {
				view_free(v);
				free(wide);
				goto out;
			}
			p = &d->pages[i]; /* add_page may have moved it */
			int32_t x = v->summaries[s].manager;
			p->ref_x[p->n_refs] = x >= 0 ? x : (int32_t)np;
			p->ref_page[p->n_refs++] = (int32_t)first;
		}
		for (size_t k = 0; k < np; k++)
			if (v->person[k] == VIEW_DRAWN)
				p->drawn[p->n_drawn++] = (int32_t)k;
		/* A page that draws only the manager its summary hangs under
		 * says nothing the pages it opened do not: left out. */
		p->skip = i > 0 && v->n_summaries == 1 && v->n_drawn <= 1 &&
			  (v->n_drawn == 0 ||
			   p->drawn[0] == v->summaries[0].manager);
		view_free(v);
	}

	free(wide);

	/* 2. A page left out must draw nobody that no shown page draws. */
	for (size_t i = 0; i < d->n_pages; i++)
		for (size_t k = 0; !d->pages[i].skip && k < d->pages[i].n_drawn; k++)
			seen[d->pages[i].drawn[k]] = 1;
	for (size_t i = 0; i < d->n_pages; i++) {
		dpage *p = &d->pages[i];
		for (size_t k = 0; p->skip && k < p->n_drawn; k++)
			if (!seen[p->drawn[k]])
				p->skip = 0;
		for (size_t k = 0; !p->skip && k < p->n_drawn; k++)
			seen[p->drawn[k]] = 1;
	}
	memset(seen, 0, np ? np : 1);

	/* 3. Numbers, and the pages drawn with them. */
	int32_t n_shown = 0;
	for (size_t i = 0; i < d->n_pages; i++)
		if (!d->pages[i].skip)
			d->pages[i].number = ++n_shown;
	char label[64];
	size_t w = 0, n_small = 0;
	double smallest = 0;
	int32_t smallest_page = 0;
	for (size_t i = 0; i < d->n_pages; i++) {
		dpage *p = &d->pages[i];
		if (p->skip)
			continue;
		for (size_t r = 0; r < p->n_refs; r++)
			refs[p->ref_x[r]] = number_of(d, (size_t)p->ref_page[r]);
		for (size_t k = 0; k < p->n_drawn; k++)
			seen[p->drawn[k]] = 1;
		snprintf(label, sizeof(label), "page %d of %d", (int)p->number,
			 (int)n_shown);
		rq.opts = i ? &later : &o;
		rq.no_team = i > 0;
		rq.only = p->only;
		rq.page_ref = refs;
		rq.page_label = label;
		view_options start = p->chosen;
		start.only = p->only;
		rq.start = &start;
		double text = 0;
		rc = render_draw(&p->data, &p->len, &rq, NULL, &text, NULL,
				 diags);
		if (rc == 0 && text > 0 && text + 1e-9 < o.min_text) {
			if (!n_small++ || text < smallest) {
				smallest = text;
				smallest_page = p->number;
			}
		}
		rq.start = NULL;
		for (size_t r = 0; r < p->n_refs; r++)
			refs[p->ref_x[r]] = 0;
		if (rc)
			goto out;
		/* The shown pages first, in order (the skipped ones' memory
		 * goes at the end). */
		if (w != i) {
			dpage t = d->pages[w];
			d->pages[w] = *p;
			d->pages[i] = t;
		}
		w++;
	}
	for (size_t i = w; i < d->n_pages; i++) {
		dpage *p = &d->pages[i];
		free(p->only);
		free(p->data);
		free(p->drawn);
		free(p->ref_x);
		free(p->ref_page);
	}
	d->n_pages = w;
	if (n_small)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "%zu deck page%s put person text under %g pt even for one part of the chart (%.1f pt on page %d): a card too big for a page, such as a very long name",
				 n_small, n_small == 1 ? "" : "s", o.min_text,
				 smallest, (int)smallest_page);
	for (size_t k = 0; k < np; k++) {
		if (!seen[k]) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "deck: person '%s' is on no page",
					 a->persons[k].id);
			rc = RELMAP_EINTERNAL;
			goto out;
		}
	}
	*out = d;
	d = NULL;
	rc = 0;
out:
	relmap_deck_free(d);
	free(refs);
	free(seen);
	relmap_style_free(own_style);
	return rc;
}

int relmap_deck_pdf(char **out, size_t *len, const relmap_deck *d,
		    relmap_diags *diags)
{
	*out = NULL;
	*len = 0;
	if (!d || d->fmt != RELMAP_FORMAT_SVG) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "a PDF deck is made of an SVG deck");
		return RELMAP_EUSAGE;
	}
	const char **pages = malloc((d->n_pages + 1) * sizeof(*pages));
	size_t *lens = malloc((d->n_pages + 1) * sizeof(*lens));
	int rc = RELMAP_ENOMEM;
	if (pages && lens) {
		for (size_t i = 0; i < d->n_pages; i++) {
			pages[i] = d->pages[i].data;
			lens[i] = d->pages[i].len;
		}
		rc = render_deck_pdf_pages(out, len, pages, lens, d->n_pages,
					   d->width, d->height, d->as_of,
					   diags);
	}
	free(pages);
	free(lens);
	return rc;
}

int relmap_deck_pptx(char **out, size_t *len, const relmap_deck *d,
		     const relmap_analysis *an, relmap_diags *diags)
{
	*out = NULL;
	*len = 0;
	if (!d || d->fmt != RELMAP_FORMAT_SVG || !an || !an->account) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "a PowerPoint deck is made of an SVG deck and its analysis");
		return RELMAP_EUSAGE;
	}
	size_t n = d->n_pages ? d->n_pages : 1;
	const char **pages = malloc(n * sizeof(*pages));
	size_t *lens = malloc(n * sizeof(*lens));
	const int32_t **who = malloc(n * sizeof(*who));
	size_t *n_who = malloc(n * sizeof(*n_who));
	int rc = RELMAP_ENOMEM;
	if (pages && lens && who && n_who) {
		for (size_t i = 0; i < d->n_pages; i++) {
			pages[i] = d->pages[i].data;
			lens[i] = d->pages[i].len;
			who[i] = d->pages[i].drawn;
			n_who[i] = d->pages[i].n_drawn;
		}
		rc = render_deck_pptx_pages(out, len, pages, lens, who, n_who,
					    d->n_pages, d->width, d->height,
					    an, diags);
	}
	free(pages);
	free(lens);
	free(who);
	free(n_who);
	return rc;
}
