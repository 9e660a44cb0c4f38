/*
 * render_html.c - -T html: the map as one self-contained page.
 *
 * The page is the SVG map of the first view (the same drawing -T svg
 * writes), the account's data as JSON in a <script type="application/json">
 * block, and the viewer (src/html/viewer*.js, viewer*.css, compiled in by
 * cmake/embed.cmake) inline.  Nothing is fetched: a Content-Security-Policy
 * meta tag allows no source at all except the page's own script and style,
 * named by their SHA-256 hashes, so even markup that got into the page by
 * mistake could run nothing.  docs/html.md describes the page and its data.
 *
 * Input text reaches the page two ways only: inside the SVG, which
 * Graphviz escapes (& < > as entities), and inside the JSON, whose
 * strings are valid UTF-8 with < > & U+2028 U+2029 escaped as \uXXXX, so
 * no string can end the script block or be read as markup.  The viewer
 * puts text into the page with textContent only.
 *
 * For the customer (render.h) the data holds what the customer's own org
 * chart shows: names, titles, departments, links, reporting and dotted
 * lines; and the viewer is the core script without the team's part, so
 * the file names no attitude, coverage, gap or team member anywhere.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"
#include "report_internal.h"
#include "embedded.h"
#include "view.h"
#include "lazylib.h"

#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many cards (persons and summaries) in the first view: a
 * browser lays out a 1,000-card map in well under a second, a 2,500-card
 * one in two to three. */
#define HTML_MAX_CARDS 1000

/* How many touchpoints of a person the panel lists, latest first. */
#define HTML_TOUCHPOINTS 5

typedef struct html_data {
	const relmap_analysis *an;
	const view *v;
	const relmap_style *st;
	int customer;
	sbuf tmp;
	int nomem;
} html_data;

/* A JSON string of input text: valid UTF-8 (jansson refuses anything
 * else), or null for NULL. */
static json_t *jstr(html_data *h, const char *s)
{
	if (!s)
		return json_null();
	sbuf_clear(&h->tmp);
	sbuf_add_utf8(&h->tmp, s);
	if (h->tmp.nomem) {
		h->nomem = 1;
		return NULL;
	}
	return json_stringn(sbuf_str(&h->tmp), h->tmp.len);
}

/* Set key `k` of `o` to `v` (consumed); a NULL v is out of memory. */
static void put(html_data *h, json_t *o, const char *k, json_t *v)
{
	if (!v || json_object_set_new(o, k, v))
		h->nomem = 1;
}

static void push(html_data *h, json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v))
		h->nomem = 1;
}

/* The SVG id of a person's node or a summary's ("p-" or "fold-" and the
 * escaped id), as render_graph.c writes them. */
static json_t *svg_id(html_data *h, const char *prefix, const char *id)
{
	sbuf_clear(&h->tmp);
	sbuf_add(&h->tmp, prefix);
	sbuf_add_idpart(&h->tmp, id);
	if (h->tmp.nomem) {
		h->nomem = 1;
		return NULL;
	}
	return json_stringn(sbuf_str(&h->tmp), h->tmp.len);
}

static json_t *date_str(int32_t days)
{
	char date[11];
	relmap_date_format(date, days);
	return json_string(date);
}

static int by_date_desc(const void *a, const void *b)
{
	const relmap_touchpoint *x = *(const relmap_touchpoint *const *)a;
	const relmap_touchpoint *y = *(const relmap_touchpoint *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return x < y ? -1 : x > y; /* file order among the same day */
}

/* Per person, the touchpoints up to the as-of date, latest first. */
typedef struct touch_index {
	const relmap_touchpoint **tp; /* grouped by person */
	size_t *start;                /* n_persons + 1 offsets into tp */
} touch_index;

static int touch_index_build(touch_index *ti, const relmap_analysis *an)
{
	const relmap_account *a = an->account;
	ti->tp = calloc(a->n_touchpoints ? a->n_touchpoints : 1,
			sizeof(*ti->tp));
	ti->start = calloc(a->n_persons + 2, sizeof(*ti->start));
	if (!ti->tp || !ti->start)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < a->n_touchpoints; i++)
		if (a->touchpoints[i].date <= an->as_of)
			ti->start[(size_t)a->touchpoints[i].person + 2]++;
	for (size_t i = 0; i < a->n_persons; i++)
		ti->start[i + 2] += ti->start[i + 1];
	for (size_t i = 0; i < a->n_touchpoints; i++)
		if (a->touchpoints[i].date <= an->as_of)
			ti->tp[ti->start[(size_t)a->touchpoints[i].person +
					 1]++] = &a->touchpoints[i];
	for (size_t i = 0; i < a->n_persons; i++)
		qsort(ti->tp + ti->start[i], ti->start[i + 1] - ti->start[i],
		      sizeof(*ti->tp), by_date_desc);
	return 0;
}

/* The strength band as the SVG's classes name it: "none" for 0. */
static const char *band_name(const html_data *h, double v)
{
	if (!(v > 0))
		return "none";
	return style_band_name(style_band_of(h->st, v > 1 ? 1 : v));
}

/* The team's view of a person: role, attitude, influence, coverage by
 * whom, touchpoints, gaps. */
static void person_team(html_data *h, json_t *o, size_t i,
			const touch_index *ti, size_t *pair)
{
	const relmap_analysis *an = h->an;
	const relmap_account *a = an->account;
	const relmap_person *p = &a->persons[i];
	const relmap_person_result *r = &an->persons[i];

	put(h, o, "role", json_string(relmap_role_name(p->role)));
	put(h, o, "attitude", json_string(relmap_attitude_name(p->attitude)));
	put(h, o, "influence", json_real(p->influence));
	put(h, o, "key", json_boolean(r->key));
	put(h, o, "coverage", json_real(r->coverage));
	put(h, o, "covered", json_boolean(r->covered));
	put(h, o, "band", json_string(band_name(h, r->coverage)));
	/* Pairs are sorted by person, then member; the panel and the chips
	 * list them strongest first. */
	json_t *cov = json_array();
	for (; *pair < an->n_pairs && an->pairs[*pair].person == (int32_t)i;
	     (*pair)++) {
		const relmap_pair *pr = &an->pairs[*pair];
		if (!(pr->strength > 0))
			continue;
		json_t *c = json_object();
		put(h, c, "member", json_integer(pr->member));
		put(h, c, "strength", json_real(pr->strength));
		put(h, c, "band", json_string(band_name(h, pr->strength)));
		push(h, cov, c);
	}
	put(h, o, "by", cov);
	json_t *tps = json_array();
	size_t n = ti->start[i + 1] - ti->start[i];
	for (size_t k = 0; k < n && k < HTML_TOUCHPOINTS; k++) {
		const relmap_touchpoint *t = ti->tp[ti->start[i] + k];
		json_t *c = json_object();
		put(h, c, "member", json_integer(t->member));
		put(h, c, "date", date_str(t->date));
		put(h, c, "channel", json_string(relmap_channel_name(t->channel)));
		put(h, c, "sentiment",
		    json_string(relmap_sentiment_name(t->sentiment)));
		push(h, tps, c);
	}
	put(h, o, "touchpoints", tps);
	put(h, o, "n_touchpoints", json_integer((json_int_t)n));
	if (r->latest_touch != INT32_MIN && n)
		put(h, o, "latest", date_str(r->latest_touch));
}

static json_t *persons_json(html_data *h)
{
	const relmap_account *a = h->an->account;
	const view *v = h->v;
	json_t *arr = json_array();
	touch_index ti = { NULL, NULL };
	size_t pair = 0;

	if (!arr || (!h->customer && touch_index_build(&ti, h->an))) {
		h->nomem = 1;
		goto out;
	}
	for (size_t i = 0; i < a->n_persons && !h->nomem; i++) {
		const relmap_person *p = &a->persons[i];
		json_t *o = json_object();
		int32_t state = v && i < v->n_persons ? v->person[i] : VIEW_DRAWN;
		put(h, o, "id", jstr(h, p->id));
		put(h, o, "node", svg_id(h, "p-", p->id));
		put(h, o, "name", jstr(h, p->name));
		put(h, o, "title", jstr(h, p->title));
		put(h, o, "department", jstr(h, p->department));
		put(h, o, "manager", json_integer(p->manager));
		/* drawn, folded into a summary (its index), or not in the
		 * view at all (a focus leaves them out) */
		put(h, o, "shown", json_string(state == VIEW_DRAWN ? "drawn"
					      : state >= 0	   ? "folded"
								   : "hidden"));
		if (state >= 0)
			put(h, o, "fold", json_integer(state));
		if (render_safe_url(p->url))
			put(h, o, "url", jstr(h, p->url));
		if (!h->customer)
			person_team(h, o, i, &ti, &pair);
		push(h, arr, o);
	}
out:
	free(ti.tp);
	free(ti.start);
	return arr;
}

static json_t *members_json(html_data *h, const render_chips *chips)
{
	const relmap_account *a = h->an->account;
	json_t *arr = json_array();
	for (size_t i = 0; i < a->n_members && !h->nomem; i++) {
		const relmap_member *m = &a->members[i];
		json_t *o = json_object();
		const char *role = relmap_member_role_name(m->role);
		put(h, o, "id", jstr(h, m->id));
		put(h, o, "node", svg_id(h, "m-", m->id));
		put(h, o, "name", jstr(h, m->name));
		put(h, o, "role", role ? json_string(role) : json_null());
		put(h, o, "initials",
		    jstr(h, render_chips_initials(chips, i)));
		push(h, arr, o);
	}
	return arr;
}

static json_t *summaries_json(html_data *h)
{
	const relmap_account *a = h->an->account;
	const view *v = h->v;
	json_t *arr = json_array();
	for (size_t s = 0; v && s < v->n_summaries && !h->nomem; s++) {
		const view_summary *vs = &v->summaries[s];
		json_t *o = json_object();
		put(h, o, "node", vs->manager >= 0
				  ? svg_id(h, "fold-", a->persons[vs->manager].id)
				  : json_string("fold-top"));
		put(h, o, "manager", json_integer(vs->manager));
		put(h, o, "count", json_integer((json_int_t)vs->count));
		push(h, arr, o);
	}
	return arr;
}

/* The gaps as `check` lists them: same order, same words. */
static json_t *gaps_json(html_data *h)
{
	const relmap_analysis *an = h->an;
	const relmap_account *a = an->account;
	json_t *arr = json_array();
	char *line = NULL;
	size_t len = 0;

	for (size_t i = 0; i < an->n_gaps && !h->nomem; i++) {
		const relmap_gap *g = &an->gaps[i];
		FILE *f = open_memstream(&line, &len);
		if (!f) {
			h->nomem = 1;
			break;
		}
		report_gap_line(f, an, g);
		if (fclose(f)) {
			h->nomem = 1;
			break;
		}
		json_t *o = json_object();
		put(h, o, "kind", json_string(relmap_gap_kind_name(g->kind)));
		put(h, o, "severity",
		    json_string(relmap_severity_name(g->severity)));
		put(h, o, "person", json_integer(g->person));
		put(h, o, "text", jstr(h, line));
		if (report_gap_has_path_kind(g->kind)) {
			if (g->has_path) {
				json_t *via = json_array();
				for (size_t k = 0; k < g->via_len; k++)
					push(h, via, jstr(h, relmap_account_node_id(
							       a, (size_t)g->via[k])));
				put(h, o, "via", via);
				put(h, o, "strength", json_real(g->path_strength));
			} else {
				put(h, o, "via", json_null());
			}
		}
		free(line);
		line = NULL;
		push(h, arr, o);
	}
	free(line);
	return arr;
}

static json_t *lines_json(html_data *h)
{
	const relmap_account *a = h->an->account;
	json_t *arr = json_array();
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		json_t *o = json_pack("{s:I,s:I}", "from",
				      (json_int_t)a->dotted_lines[i].from, "to",
				      (json_int_t)a->dotted_lines[i].to);
		push(h, arr, o);
	}
	return arr;
}

static json_t *influences_json(html_data *h)
{
	const relmap_account *a = h->an->account;
	json_t *arr = json_array();
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		push(h, arr, json_pack("{s:I,s:I,s:f}", "from",
				       (json_int_t)f->from, "to",
				       (json_int_t)f->to, "weight", f->weight));
	}
	return arr;
}

static json_t *data_json(html_data *h)
{
	const relmap_analysis *an = h->an;
	const relmap_account *a = an->account;
	render_chips *chips = NULL;
	json_t *o = json_object(), *acc = json_object();

	put(h, o, "relmap", json_integer(1));
	put(h, o, "audience", json_string(h->customer ? "customer" : "team"));
	put(h, acc, "id", jstr(h, a->id));
	put(h, acc, "name", jstr(h, a->name));
	put(h, acc, "as_of", date_str(an->as_of));
	if (!h->customer) {
		put(h, acc, "coverage_score",
		    an->has_score ? json_real(an->coverage_score) : json_null());
		put(h, acc, "errors", json_integer((json_int_t)an->n_errors));
		put(h, acc, "warnings", json_integer((json_int_t)an->n_warnings));
	}
	put(h, o, "account", acc);
	put(h, o, "persons", persons_json(h));
	put(h, o, "folds", summaries_json(h));
	put(h, o, "dotted_lines", lines_json(h));
	if (!h->customer) {
		if (render_chips_new(&chips, an))
			h->nomem = 1;
		else
			put(h, o, "members", members_json(h, chips));
		put(h, o, "influences", influences_json(h));
		put(h, o, "gaps", gaps_json(h));
	}
	render_chips_free(chips);
	return o;
}

/* The JSON text, safe inside a <script> block whatever it holds: '<',
 * '>' and '&' (so no "</script>" or "<!--") and U+2028, U+2029 (line
 * terminators to old JavaScript parsers) as \u escapes.  Outside strings
 * JSON has none of them, so the escape is always inside a string. */
static void add_script_json(sbuf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '<')
			sbuf_add(b, "\\u003c");
		else if (*p == '>')
			sbuf_add(b, "\\u003e");
		else if (*p == '&')
			sbuf_add(b, "\\u0026");
		else if ((unsigned char)p[0] == 0xE2 &&
			 (unsigned char)p[1] == 0x80 &&
			 ((unsigned char)p[2] == 0xA8 ||
			  (unsigned char)p[2] == 0xA9)) {
			sbuf_add(b, p[2] == (char)0xA8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else {
			sbuf_addn(b, p, 1);
		}
	}
}

/* "sha256-BASE64" of `s`, for the Content-Security-Policy; GLib's, loaded
 * when first needed (lazylib.h).  0, or -1 when GLib cannot be loaded or
 * is out of memory. */
static int add_csp_hash(sbuf *b, const char *s)
{
	const char *why = "";
	const lazy_glib *gl = lazy_glib_get(&why);
	guint8 digest[32];
	gsize n = sizeof(digest);
	GChecksum *ck = gl ? gl->checksum_new(G_CHECKSUM_SHA256) : NULL;
	if (!ck)
		return -1;
	gl->checksum_update(ck, (const guchar *)s, (gssize)strlen(s));
	gl->checksum_get_digest(ck, digest, &n);
	gl->checksum_free(ck);
	gchar *b64 = gl->base64_encode(digest, n);
	if (!b64)
		return -1;
	sbuf_add(b, "'sha256-");
	sbuf_add(b, b64);
	sbuf_add(b, "'");
	gl->free(b64);
	return 0;
}

static const char *skip_n(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; s + n <= end; s++)
		if (*s == needle[0] && memcmp(s, needle, n) == 0)
			return s + n;
	return NULL;
}

/* The font family most text elements name (" font-family=\"...\"" value),
 * or {NULL, 0}. */
typedef struct span {
	const char *p;
	size_t n;
} span;

static span common_font(const char *p, const char *end)
{
	enum { MAX_FONTS = 8 };
	span font[MAX_FONTS];
	size_t count[MAX_FONTS] = { 0 }, n = 0, best = 0;
	while ((p = skip_n(p, end, " font-family=\"")) != NULL) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			break;
		size_t k = 0;
		while (k < n && !(font[k].n == (size_t)(q - p) &&
				  memcmp(font[k].p, p, font[k].n) == 0))
			k++;
		if (k == n && n < MAX_FONTS)
			font[n++] = (span){ p, (size_t)(q - p) };
		if (k < n)
			count[k]++;
		p = q;
	}
	for (size_t k = 1; k < n; k++)
		if (count[k] > count[best])
			best = k;
	return n ? font[best] : (span){ NULL, 0 };
}

/*
 * The SVG as the page holds it, made lighter for the browser (a big
 * account's map is most of the file, and the browser lays out every
 * element before the first view):
 *  - from the root <svg> on: no XML declaration, DOCTYPE or comments;
 *  - the root's width and height are 100%, so the map is laid out once,
 *    at the window's size, and the viewBox alone says what is in view;
 *  - the font family most text names is said once on the root, which
 *    every text inherits, instead of on each text;
 *  - no <title> but the document's: the tooltips are the panel's, from
 *    the data;
 *  - the wrappers Graphviz writes around each object's drawing for a
 *    tooltip (<g id="a_..."><g>, see render_svg.c) are left out, and
 *    their contents kept.
 * Graphviz escapes '<' and '>' in attribute values and text, so scanning
 * tags by '<' and '>' is exact here.
 */
static void add_inline_svg(sbuf *b, const char *svg, size_t len)
{
	const char *end = svg + len, *p = svg;
	const char *root = skip_n(p, end, "<svg");
	span font = { NULL, 0 };
	if (!root) {
		sbuf_addn(b, svg, len);
		return;
	}
	font = common_font(root, end);
	const char *te = memchr(root, '>', (size_t)(end - root));
	const char *w = te ? skip_n(root, te, " width=\"") : NULL;
	const char *wq = w ? memchr(w, '"', (size_t)(te - w)) : NULL;
	const char *hh = wq ? skip_n(wq, te, " height=\"") : NULL;
	const char *hq = hh ? memchr(hh, '"', (size_t)(te - hh)) : NULL;
	if (!hq) {
		sbuf_addn(b, root - 4, (size_t)(end - root + 4));
		return;
	}
	sbuf_add(b, "<svg width=\"100%\" height=\"100%\"");
	if (font.p) {
		sbuf_add(b, " font-family=\"");
		sbuf_addn(b, font.p, font.n);
		sbuf_add(b, "\"");
	}
	p = hq + 1;
	/* Per open <g>: kept (1) or left out (0). */
	unsigned char *keep = NULL;
	size_t depth = 0, cap = 0;
	int titles = 0;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt) {
			sbuf_addn(b, p, (size_t)(end - p));
			break;
		}
		sbuf_addn(b, p, (size_t)(lt - p));
		const char *gt = memchr(lt, '>', (size_t)(end - lt));
		const char *next = gt ? gt + 1 : end;
		int skip_nl = 0;
		if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *ce = skip_n(lt, end, "-->");
			next = ce ? ce : end;
			skip_nl = 1;
		} else if ((size_t)(end - lt) >= 7 && memcmp(lt, "<title>", 7) == 0 &&
			   titles++ > 0) {
			const char *ce = skip_n(lt, end, "</title>");
			next = ce ? ce : end;
			skip_nl = 1;
		} else if ((size_t)(end - lt) >= 2 && memcmp(lt, "<g", 2) == 0 &&
			   (lt[2] == ' ' || lt[2] == '>')) {
			int wrapper = (size_t)(end - lt) > 9 &&
				      memcmp(lt, "<g id=\"a_", 9) == 0 &&
				      (size_t)(end - next) >= 3 &&
				      memcmp(next, "<g>", 3) == 0;
			if (depth + 2 > cap) {
				size_t ncap = cap ? cap * 2 : 64;
				unsigned char *k = realloc(keep, ncap);
				if (!k) {
					b->nomem = 1;
					break;
				}
				keep = k;
				cap = ncap;
			}
			if (wrapper) {
				keep[depth++] = 0;
				keep[depth++] = 0;
				next += 3;
			} else {
				keep[depth++] = 1;
				sbuf_addn(b, lt, (size_t)(next - lt));
			}
		} else if ((size_t)(end - lt) >= 4 && memcmp(lt, "</g>", 4) == 0) {
			int kept = depth ? keep[--depth] : 1;
			if (kept)
				sbuf_addn(b, lt, 4);
			else
				skip_nl = 1;
		} else if (font.p && (size_t)(end - lt) >= 5 &&
			   memcmp(lt, "<text", 5) == 0) {
			const char *f = skip_n(lt, next, " font-family=\"");
			if (f && (size_t)(next - f) > font.n &&
			    memcmp(f, font.p, font.n) == 0 && f[font.n] == '"') {
				const char *a = f - 14; /* " font-family=\"" */
				sbuf_addn(b, lt, (size_t)(a - lt));
				sbuf_addn(b, f + font.n + 1,
					  (size_t)(next - (f + font.n + 1)));
			} else {
				sbuf_addn(b, lt, (size_t)(next - lt));
			}
		} else {
			sbuf_addn(b, lt, (size_t)(next - lt));
		}
		p = next;
		if (skip_nl && p < end && *p == '\n')
			p++;
	}
	free(keep);
}

static void add_text(sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			sbuf_add(b, "&amp;");
		else if (*s == '<')
			sbuf_add(b, "&lt;");
		else if (*s == '>')
			sbuf_add(b, "&gt;");
		else if (*s == '"')
			sbuf_add(b, "&quot;");
		else if ((unsigned char)*s < 0x20)
			sbuf_add(b, " ");
		else
			sbuf_addn(b, s, 1);
	}
}

static int page(sbuf *o, const relmap_analysis *an, const char *svg,
		size_t svg_len, const char *json, int customer)
{
	sbuf script = { 0 }, style = { 0 }, name = { 0 };
	const relmap_account *a = an->account;

	sbuf_add(&script, relmap_embedded_viewer_js);
	sbuf_add(&style, relmap_embedded_viewer_css);
	if (!customer) {
		sbuf_add(&script, relmap_embedded_viewer_team_js);
		sbuf_add(&style, relmap_embedded_viewer_team_css);
	}
	sbuf_add(&script, "RM.start();\n");
	sbuf_add_utf8(&name, a->name && a->name[0] ? a->name : a->id);

	sbuf_add(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\""
		    "default-src 'none'; script-src ");
	int hashed = add_csp_hash(o, sbuf_str(&script)) == 0;
	sbuf_add(o, "; style-src ");
	hashed = add_csp_hash(o, sbuf_str(&style)) == 0 && hashed;
	sbuf_add(o, "; img-src data:; base-uri 'none'; form-action 'none'\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta name=\"generator\" content=\"relmap\">\n<title>Relationship map: ");
	add_text(o, sbuf_str(&name));
	sbuf_add(o, "</title>\n<style>");
	sbuf_add(o, sbuf_str(&style));
	sbuf_add(o, "</style>\n</head>\n<body class=\"");
	sbuf_add(o, customer ? "customer" : "team");
	sbuf_add(o, "\">\n<div id=\"map\">\n");
	add_inline_svg(o, svg, svg_len);
	sbuf_add(o, "</div>\n<script type=\"application/json\" id=\"relmap-data\">");
	add_script_json(o, json);
	sbuf_add(o, "</script>\n<script>");
	sbuf_add(o, sbuf_str(&script));
	sbuf_add(o, "</script>\n</body>\n</html>\n");
	int nomem = script.nomem || style.nomem || name.nomem;
	sbuf_free(&script);
	sbuf_free(&style);
	sbuf_free(&name);
	return nomem || o->nomem ? RELMAP_ENOMEM : hashed ? 0 : RELMAP_EINTERNAL;
}

int render_html(char **out, size_t *out_len, const relmap_analysis *an,
		const relmap_style *style, const relmap_render_options *opts,
		relmap_diags *diags)
{
	static const relmap_render_options defaults = RELMAP_RENDER_OPTIONS_INIT;
	relmap_render_options o = opts ? *opts : defaults;
	relmap_style *own_style = NULL;
	render_page pg;
	render_req rq;
	view *v = NULL;
	char *svg = NULL, *json = NULL;
	size_t svg_len = 0;
	sbuf b = { 0 };
	int rc;

	o.text_as_paths = 0; /* the viewer needs the SVG's structure */
	if ((rc = render_request_init(&rq, &own_style, &pg, an, style,
				      RELMAP_FORMAT_SVG, &o, diags)))
		goto out;
	render_warn_links(an->account, diags);
	/* The browser lays out every card of the first view before it shows
	 * anything: a big untidy account is folded further, level by level,
	 * and its persons are a click away in their summaries. */
	view_options first;
	int folded = render_fold_to_cards(&rq, HTML_MAX_CARDS, &first);
	if (folded < 0) {
		rc = folded;
		goto out;
	}
	if (folded)
		rq.start = &first;
	if ((rc = render_draw(&svg, &svg_len, &rq, &v, NULL, NULL, diags)))
		goto out;
	if (folded)
		relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL, 0, 0,
				 "the page's first view draws %zu cards (at most %d): %zu persons are folded into %zu summaries, each opened with a click",
				 v->n_drawn + v->n_summaries, HTML_MAX_CARDS,
				 v->n_folded, v->n_summaries);
	html_data h = { an, v, rq.style,
			o.audience == RELMAP_AUDIENCE_CUSTOMER, { 0 }, 0 };
	json_t *data = data_json(&h);
	if (data && !h.nomem)
		json = json_dumps(data, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(data);
	sbuf_free(&h.tmp);
	if (!json) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	if ((rc = page(&b, an, svg, svg_len, json, h.customer)))
		goto out;
	*out = b.data;
	*out_len = b.len;
	b.data = NULL;
out:
	sbuf_free(&b);
	free(json);
	free(svg);
	view_free(v);
	relmap_style_free(own_style);
	return rc;
}
