/*
 * render_svg.c - Graphviz's SVG made accessible and valid SVG 1.1.
 *
 * Graphviz 2.42's SVG writer gives the document no <title> or <desc> of
 * its own, names every object by its internal node name (<title>p:p7</title>)
 * and writes a tooltip without a link as <a xlink:title="..."> without
 * xlink:href, which the SVG 1.1 DTD rejects (href is #REQUIRED on <a>).
 * One pass over its text fixes all three:
 *
 *  - the root <svg> gets a <title> (the account) and a <desc> (as-of date,
 *    coverage score, gap counts) as its first children, and the graph
 *    group's <title> becomes the account title too;
 *  - a node, edge or cluster group whose drawing carries a tooltip gets
 *    that tooltip as its <title>, which is what browsers show on hover
 *    and screen readers read;
 *  - an <a> without xlink:href becomes a plain <g> (with the tooltip as a
 *    <title> of its own when no enclosing object took it).
 *
 * The same pass adds the DOCTYPE to the cairo SVG of --text-as-paths,
 * which has none.  Graphviz escapes '<' and '>' in attribute values,
 * comments and text, so scanning for tags by '<' is exact here.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char doctype[] =
	"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
	" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";

typedef struct span {
	const char *p;
	size_t n;
} span;

static const char *find_n(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; s + n <= end; s++)
		if (*s == needle[0] && memcmp(s, needle, n) == 0)
			return s;
	return NULL;
}

static int starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* The end of the tag at s (just past its '>'), or `end`. */
static const char *tag_end(const char *s, const char *end)
{
	const char *gt = memchr(s, '>', (size_t)(end - s));
	return gt ? gt + 1 : end;
}

/* The value of attribute `name` (with its '=' and quote, e.g.
 * " xlink:title=\"") in the tag [s, e), or {NULL, 0}. */
static span attr_in(const char *s, const char *e, const char *name)
{
	span v = { NULL, 0 };
	const char *a = find_n(s, e, name);
	if (!a)
		return v;
	a += strlen(name);
	const char *q = memchr(a, '"', (size_t)(e - a));
	if (!q)
		return v;
	v.p = a;
	v.n = (size_t)(q - a);
	return v;
}

/* A Graphviz object group: <g id="..." class="node|edge|cluster|graph ...">. */
static int object_group(const char *s, const char *e)
{
	return starts(s, e, "<g id=\"") && attr_in(s, e, " class=\"").p;
}

static const char *next_object(const char *s, const char *end)
{
	while ((s = find_n(s, end, "<g id=\"")) != NULL) {
		if (object_group(s, tag_end(s, end)))
			return s;
		s++;
	}
	return end;
}

/* Text for element content: & < > escaped, control characters as
 * spaces (not allowed in XML 1.0); the loaders hand over UTF-8. */
static void add_text(sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			sbuf_add(b, "&amp;");
		else if (c == '<')
			sbuf_add(b, "&lt;");
		else if (c == '>')
			sbuf_add(b, "&gt;");
		else if (c < 0x20 || c == 0x7F)
			sbuf_add(b, " ");
		else
			sbuf_addn(b, s, 1);
	}
}

static void doc_title(sbuf *b, const relmap_account *a)
{
	sbuf_add(b, "Relationship map: ");
	add_text(b, a->name && a->name[0] ? a->name : a->id);
}

static void doc_desc(sbuf *b, const relmap_analysis *an, int customer)
{
	const relmap_account *a = an->account;
	char date[11], num[32];
	size_t key_covered = 0;

	for (size_t i = 0; i < a->n_persons; i++)
		key_covered += an->persons[i].key && an->persons[i].covered;
	relmap_date_format(date, an->as_of);
	sbuf_add(b, "Account ");
	add_text(b, a->name && a->name[0] ? a->name : a->id);
	sbuf_add(b, " (id ");
	add_text(b, a->id);
	sbuf_addf(b, ") as of %s. ", date);
	if (customer) {
		/* Our figures are not the customer's to see (render.h). */
		sbuf_addf(b, "%zu person%s.", a->n_persons,
			  a->n_persons == 1 ? "" : "s");
		return;
	}
	if (an->has_score) {
		snprintf(num, sizeof(num), "%.1f", an->coverage_score);
		sbuf_addf(b, "Coverage score %s. ", num);
	} else {
		sbuf_add(b, "Coverage score n/a (no key person has influence). ");
	}
	sbuf_addf(b, "%zu person%s, %zu team member%s; key persons covered: %zu of %zu. ",
		  a->n_persons, a->n_persons == 1 ? "" : "s", a->n_members,
		  a->n_members == 1 ? "" : "s", key_covered, an->n_key);
	sbuf_addf(b, "Gaps: %zu error%s, %zu warning%s", an->n_errors,
		  an->n_errors == 1 ? "" : "s", an->n_warnings,
		  an->n_warnings == 1 ? "" : "s");
	size_t count[RELMAP_GAP_KIND_COUNT] = { 0 };
	for (size_t i = 0; i < an->n_gaps; i++)
		if ((unsigned)an->gaps[i].kind < RELMAP_GAP_KIND_COUNT)
			count[an->gaps[i].kind]++;
	int first = 1;
	for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++) {
		if (!count[k])
			continue;
		sbuf_addf(b, "%s%s: %zu", first ? " (" : ", ",
			  relmap_gap_kind_name((relmap_gap_kind)k), count[k]);
		first = 0;
	}
	sbuf_add(b, first ? "." : ").");
}

/* A stack of open <a> elements: kept as <a> (1) or turned into <g> (0). */
typedef struct astack {
	unsigned char *v;
	size_t n, cap;
	int nomem;
} astack;

static void push(astack *s, unsigned char kept)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		unsigned char *v = realloc(s->v, cap);
		if (!v) {
			s->nomem = 1;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = kept;
}

int render_svg_finish(char **svg, size_t *len, const relmap_analysis *an,
		      int customer)
{
	const char *in = *svg, *end = *svg + *len, *p = in;
	const char *hoisted = NULL; /* the <a> whose tooltip an object took */
	sbuf o = { 0 }, title = { 0 }, desc = { 0 };
	astack st = { 0 };
	int root_done = 0, rc = RELMAP_ENOMEM;

	doc_title(&title, an->account);
	doc_desc(&desc, an, customer);
	if (!find_n(in, end, "<!DOCTYPE")) {
		const char *decl = starts(in, end, "<?xml") ? tag_end(in, end)
							   : in;
		sbuf_addn(&o, in, (size_t)(decl - in));
		if (decl != in)
			sbuf_add(&o, "\n");
		sbuf_add(&o, doctype);
		while (decl < end && (*decl == '\n' || *decl == '\r'))
			decl++;
		p = decl;
	}
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt) {
			sbuf_addn(&o, p, (size_t)(end - p));
			break;
		}
		sbuf_addn(&o, p, (size_t)(lt - p));
		const char *te = tag_end(lt, end);
		if (!root_done && starts(lt, end, "<svg") &&
		    (lt[4] == ' ' || lt[4] == '\n' || lt[4] == '>')) {
			sbuf_addn(&o, lt, (size_t)(te - lt));
			sbuf_addf(&o, "\n<title>%s</title>\n<desc>%s</desc>",
				  sbuf_str(&title), sbuf_str(&desc));
			root_done = 1;
			p = te;
		} else if (object_group(lt, te) &&
			   starts(te, end, "\n<title>")) {
			const char *t0 = te + 8;
			const char *t1 = find_n(t0, end, "</title>");
			if (!t1) {
				sbuf_addn(&o, lt, (size_t)(te - lt));
				p = te;
				continue;
			}
			sbuf_addn(&o, lt, (size_t)(t0 - lt));
			span cls = attr_in(lt, te, " class=\"");
			const char *bound = next_object(t1, end);
			const char *a = find_n(t1, bound, "<a ");
			span tip = a ? attr_in(a, tag_end(a, bound), " xlink:title=\"")
				     : (span){ NULL, 0 };
			if (cls.n == 5 && memcmp(cls.p, "graph", 5) == 0) {
				sbuf_add(&o, sbuf_str(&title));
			} else if (tip.p) {
				sbuf_addn(&o, tip.p, tip.n);
				hoisted = a;
			} else {
				sbuf_addn(&o, t0, (size_t)(t1 - t0));
			}
			p = t1;
		} else if (starts(lt, end, "<a ") || starts(lt, end, "<a>")) {
			if (attr_in(lt, te, " xlink:href=\"").p) {
				sbuf_addn(&o, lt, (size_t)(te - lt));
				push(&st, 1);
			} else {
				span tip = attr_in(lt, te, " xlink:title=\"");
				sbuf_add(&o, "<g>");
				if (tip.p && lt != hoisted) {
					sbuf_add(&o, "<title>");
					sbuf_addn(&o, tip.p, tip.n);
					sbuf_add(&o, "</title>");
				}
				push(&st, 0);
			}
			p = te;
		} else if (starts(lt, end, "</a>")) {
			int kept = st.n ? st.v[--st.n] : 1;
			sbuf_add(&o, kept ? "</a>" : "</g>");
			p = lt + 4;
		} else {
			sbuf_addn(&o, lt, 1);
			p = lt + 1;
		}
	}
	if (o.nomem || title.nomem || desc.nomem || st.nomem || !o.data)
		goto out;
	free(*svg);
	*svg = o.data;
	*len = o.len;
	o.data = NULL;
	rc = 0;
out:
	sbuf_free(&o);
	sbuf_free(&title);
	sbuf_free(&desc);
	free(st.v);
	return rc;
}

/*
 * cairo numbers its surfaces from a counter of the whole process, and its
 * SVG names them by it (<g id="surface1">): a second drawing in the same
 * process says "surface6".  Numbered from the first one found, the ids
 * are what a fresh process writes, so a warm batch worker and a single
 * render give the same bytes.
 */
int render_svg_cairo_ids(char **svg, size_t *len)
{
	static const char key[] = "surface";
	const char *end = *svg + *len;
	const char *first = find_n(*svg, end, "id=\"surface");
	if (!first)
		return 0;
	unsigned long base = strtoul(first + 11, NULL, 10);
	if (base <= 1)
		return 0;
	sbuf o = { 0 };
	const char *p = *svg, *s;
	while ((s = find_n(p, end, key))) {
		const char *d = s + sizeof(key) - 1;
		char *de;
		unsigned long n = strtoul(d, &de, 10);
		sbuf_addn(&o, p, (size_t)(d - p));
		/* Only ids and references to them: '"surfaceN' and '#surfaceN'. */
		if (de > d && s > *svg && (s[-1] == '"' || s[-1] == '#') &&
		    n >= base) {
			char num[24];
			snprintf(num, sizeof(num), "%lu", n - base + 1);
			sbuf_add(&o, num);
			p = de;
		} else {
			p = d;
		}
	}
	sbuf_addn(&o, p, (size_t)(end - p));
	if (o.nomem || !o.data) {
		sbuf_free(&o);
		return RELMAP_ENOMEM;
	}
	free(*svg);
	*svg = o.data;
	*len = o.len;
	return 0;
}
