/* test_render.c - drawing accounts through Graphviz. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "document.h"
#include "relmap/relmap.h"

/* ---- building accounts by hand ---- */

typedef struct acct {
	relmap_document *doc;
	relmap_account *a;
	relmap_analysis *an;
} acct;

static const char *keep(acct *t, const char *s)
{
	return s ? arena_strdup(document_arena(t->doc), s) : NULL;
}

static void acct_new(acct *t, const char *id, const char *name)
{
	t->doc = document_new("test.xml");
	assert_non_null(t->doc);
	t->a = document_add_account(t->doc);
	t->a->id = keep(t, id);
	t->a->name = keep(t, name);
	t->an = NULL;
}

static void member(acct *t, const char *id, const char *name,
		   relmap_member_role role)
{
	relmap_member *m = document_add_member(t->doc, t->a);
	m->id = keep(t, id);
	m->name = keep(t, name);
	m->role = role;
}

static int32_t person(acct *t, const char *id, const char *name,
		      const char *title, const char *dept, int32_t manager,
		      relmap_role role, double influence, relmap_attitude att)
{
	relmap_person *p = document_add_person(t->doc, t->a);
	p->id = keep(t, id);
	p->name = keep(t, name);
	p->title = keep(t, title);
	p->department = keep(t, dept);
	p->manager = manager;
	p->role = role;
	p->influence = influence;
	p->attitude = att;
	return (int32_t)(t->a->n_persons - 1);
}

static void influence(acct *t, int32_t from, int32_t to, double w)
{
	relmap_influence *f = document_add_influence(t->doc, t->a);
	f->from = from;
	f->to = to;
	f->weight = w;
}

static void coverage(acct *t, int32_t m, int32_t p, double s)
{
	relmap_coverage *c = document_add_coverage(t->doc, t->a);
	c->member = m;
	c->person = p;
	c->strength = s;
}

static void dotted(acct *t, int32_t from, int32_t to)
{
	relmap_dotted_line *d = document_add_dotted_line(t->doc, t->a);
	d->from = from;
	d->to = to;
}

static void analyse(acct *t)
{
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	assert_int_equal(relmap_date_parse(&o.as_of, "2026-11-01"), 0);
	assert_int_equal(relmap_analysis_run(&t->an, t->a, &o), 0);
}

static void acct_free(acct *t)
{
	relmap_analysis_free(t->an);
	relmap_document_free(t->doc);
}

/* Names and titles with everything Graphviz, HTML-like labels or XML
 * treat specially. */
static const char *const special[] = {
	"Tom & Jerry <CEO>",
	"Jane \"JD\" O'Doe",
	"Zo\xC3\xAB \xC5\x81ukasz-M\xC3\xBCller",
	"\xE7\x8E\x8B\xE4\xBC\x9F (Wang Wei)",
	"Emoji \xF0\x9F\x98\x80 Person",
	"back\\slash \\N \\G \\n \\l \\E \\T \\H",
	"Literal &amp; and &#39; and &lt; and &nbsp;",
	"-dash- --double-- x>y<z",
	"C:\\Temp\\new \\\\ double",
	"It's a 'quote' \"twice\"",
};
#define N_SPECIAL (sizeof(special) / sizeof(special[0]))

/* A small account whose names are the strings above, with every kind of
 * edge, a gap and a department cluster. */
static void special_account(acct *t)
{
	acct_new(t, "special", "Ampersand & <Angle> \xE2\x80\x94 Co");
	member(t, "u1", special[1], RELMAP_MEMBER_ACCOUNT_EXECUTIVE);
	member(t, "u_2", "S\xC3\xB8ren", RELMAP_MEMBER_SALES_ENGINEER);
	int32_t ceo = person(t, "p1", special[0], special[9], "R&D <Labs>", -1,
			     RELMAP_ROLE_DECISION_MAKER, 0.9,
			     RELMAP_ATTITUDE_NEUTRAL);
	int32_t p2 = person(t, "p2", special[2], special[8], "Finance", ceo,
			    RELMAP_ROLE_ECONOMIC_BUYER, 0.8,
			    RELMAP_ATTITUDE_SUPPORTER);
	int32_t p3 = person(t, "p3", special[3], special[6],
			    "\xE6\x8A\x80\xE6\x9C\xAF\xE9\x83\xA8", ceo,
			    RELMAP_ROLE_TECHNICAL_BUYER, 0.7,
			    RELMAP_ATTITUDE_CHAMPION);
	int32_t p4 = person(t, "p4", special[4], special[7], "Finance", p2,
			    RELMAP_ROLE_INFLUENCER, 0.4,
			    RELMAP_ATTITUDE_SKEPTIC);
	int32_t p5 = person(t, "p5", special[5], special[5], NULL, ceo,
			    RELMAP_ROLE_BLOCKER, 0.6,
			    RELMAP_ATTITUDE_OPPONENT);
	person(t, "p.6", special[6], NULL, "Finance", p2, RELMAP_ROLE_USER, 0.1,
	       RELMAP_ATTITUDE_UNKNOWN);
	person(t, "p7", special[7], special[1], "Finance", p2,
	       RELMAP_ROLE_GATEKEEPER, 0.2, RELMAP_ATTITUDE_CHAMPION);
	person(t, "p8", special[8], special[0], NULL, p3, RELMAP_ROLE_USER, 0.3,
	       RELMAP_ATTITUDE_SUPPORTER);
	person(t, "p9", special[9], special[4], NULL, p3, RELMAP_ROLE_USER, 0.3,
	       RELMAP_ATTITUDE_SUPPORTER);
	t->a->persons[0].url = keep(t, "https://example.com/?a=1&b=2");
	t->a->persons[1].url = keep(t, "javascript:alert(1)");
	dotted(t, p4, p3);
	influence(t, p3, ceo, 0.7);
	influence(t, p5, p2, -0.6);
	coverage(t, 0, p2, 0.8);
	coverage(t, 1, p3, 0.5);
	coverage(t, 0, p4, 0.2);
	analyse(t);
}

/* A big account with many departments and cross edges: the kind of
 * clustered graph that keeps Graphviz 2.42's dot busy. */
static void big_account(acct *t, int n, int depts)
{
	char id[32], name[64], dept[32];
	uint32_t seed = 12345;
	acct_new(t, "big", "Big Corp");
	for (int i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "u%d", i + 1);
		member(t, id, id, RELMAP_MEMBER_ACCOUNT_EXECUTIVE);
	}
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		snprintf(id, sizeof(id), "p%d", i + 1);
		snprintf(name, sizeof(name), "Person %d", i + 1);
		snprintf(dept, sizeof(dept), "Dept %02u", (seed >> 8) % (unsigned)depts);
		person(t, id, name, "Manager of things", dept,
		       i ? (int32_t)((seed >> 4) % (unsigned)i) : -1,
		       (relmap_role)(i % RELMAP_ROLE_COUNT), (i % 10) / 10.0,
		       (relmap_attitude)(i % RELMAP_ATTITUDE_COUNT));
	}
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		int32_t a = (int32_t)((seed >> 8) % (unsigned)n);
		int32_t b = (int32_t)((seed >> 18) % (unsigned)n);
		if (a != b)
			influence(t, a, b, i % 3 ? 0.5 : -0.5);
		if (i % 2 == 0)
			coverage(t, i % 4, a, (i % 10) / 10.0);
	}
	analyse(t);
}

static relmap_style *style_from(const char *text)
{
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(relmap_style_load_memory(&st, text, strlen(text),
						  "test-style.xml", &d),
			 0);
	relmap_diags_free(&d);
	return st;
}

static relmap_style *default_style(void)
{
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(relmap_style_load(&st, "default", &d), 0);
	relmap_diags_free(&d);
	return st;
}

typedef struct output {
	char *data;
	size_t len;
} output;

static int draw(output *o, const relmap_analysis *an, const relmap_style *st,
		relmap_format fmt, const relmap_render_options *ro,
		relmap_diags *d)
{
	int rc = relmap_render(&o->data, &o->len, an, st, fmt, ro, d);
	/* Say why when a test fails on an unexpected diagnostic. */
	for (size_t i = 0; getenv("RELMAP_TEST_VERBOSE") && i < d->count; i++)
		fprintf(stderr, "diag: %s: %s\n",
			relmap_severity_name(d->items[i].severity),
			d->items[i].message);
	return rc;
}

/* Every <text> of an SVG, in document order. */
static size_t svg_texts(const output *o, char ***texts)
{
	xmlDocPtr doc = xmlReadMemory(o->data, (int)o->len, "map.svg", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
	assert_non_null(doc);
	size_t n = 0, cap = 64;
	char **out = malloc(cap * sizeof(*out));
	xmlNode *node = xmlDocGetRootElement(doc);
	/* Depth-first over the tree. */
	while (node) {
		if (node->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)node->name, "text") == 0) {
			if (n == cap)
				out = realloc(out, (cap *= 2) * sizeof(*out));
			out[n++] = (char *)xmlNodeGetContent(node);
		}
		if (node->children && node->type == XML_ELEMENT_NODE) {
			node = node->children;
			continue;
		}
		while (node && !node->next)
			node = node->parent;
		if (node)
			node = node->next;
	}
	xmlFreeDoc(doc);
	*texts = out;
	return n;
}

static void free_texts(char **texts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		xmlFree(texts[i]);
	free(texts);
}

static int has_text(char **texts, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(texts[i], want) == 0)
			return 1;
	return 0;
}

static const char *find_in(const output *o, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= o->len; i++)
		if (memcmp(o->data + i, needle, n) == 0)
			return o->data + i;
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the lines of `text` in place. */
static void sort_lines(char *text)
{
	size_t n = 0, len = strlen(text);
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	char **lines = malloc((n + 1) * sizeof(*lines));
	char *copy = strdup(text);
	size_t k = 0;
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save))
		lines[k++] = l;
	qsort(lines, k, sizeof(*lines), cmp_str);
	char *p = text;
	for (size_t i = 0; i < k; i++)
		p += sprintf(p, "%s\n", lines[i]);
	*p = '\0';
	free(lines);
	free(copy);
}

/* ---- tests ---- */

/* The special account's javascript: link is left out with a warning, once
 * per render; nothing else may be said. */
static void assert_only_link_warnings(const relmap_diags *d, size_t renders)
{
	assert_int_equal(d->count, renders);
	for (size_t i = 0; i < d->count; i++) {
		assert_int_equal(d->items[i].severity, RELMAP_SEVERITY_WARNING);
		if (!strstr(d->items[i].message, "person 'p2'") ||
		    !strstr(d->items[i].message, "URL scheme 'javascript'"))
			fail_msg("unexpected diagnostic: %s", d->items[i].message);
	}
}

static void render__special_characters_survive_exactly_in_svg(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	/* One text per title: no wrapping. */
	relmap_style *st = style_from(
		"<relmap-style version=\"1\"><person title-wrap=\"0\"/></relmap-style>");
	output o;
	special_account(&t);
	for (int clusters = 0; clusters <= 1; clusters++) {
		ro.clusters = clusters;
		assert_int_equal(draw(&o, t.an, st, RELMAP_FORMAT_SVG, &ro, &d), 0);
		char **texts;
		size_t n = svg_texts(&o, &texts);
		for (size_t i = 0; i < N_SPECIAL; i++) {
			if (!has_text(texts, n, special[i]))
				fail_msg("'%s' is not a text of the SVG", special[i]);
		}
		assert_true(has_text(texts, n, "Ampersand & <Angle> \xE2\x80\x94 Co"));
		assert_true(has_text(texts, n, "S\xC3\xB8ren"));
		/* Departments: cluster labels, or a line in the node. */
		assert_true(has_text(texts, n, "R&D <Labs>"));
		assert_true(has_text(texts, n, "\xE6\x8A\x80\xE6\x9C\xAF\xE9\x83\xA8"));
		free_texts(texts, n);
		free(o.data);
	}
	assert_only_link_warnings(&d, 2);
	relmap_style_free(st);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__persons_carry_ids_links_tooltips_and_gaps(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = default_style();
	output o;
	special_account(&t);
	assert_int_equal(draw(&o, t.an, st, RELMAP_FORMAT_SVG, NULL, &d), 0);
	assert_only_link_warnings(&d, 1);
	/* Stable ids from the person and member ids ('-' is written as an
	 * entity by Graphviz; '_' doubled, other bytes as _HH). */
	assert_non_null(find_in(&o, "id=\"p&#45;p1\""));
	assert_non_null(find_in(&o, "id=\"p&#45;p.6\""));
	assert_non_null(find_in(&o, "id=\"m&#45;u__2\""));
	/* http links are kept, javascript: is not. */
	assert_non_null(find_in(&o, "xlink:href=\"https://example.com/?a=1&amp;b=2\""));
	assert_null(find_in(&o, "javascript:"));
	/* The tooltip tells role, attitude, influence and coverage. */
	assert_non_null(find_in(&o, "role: decision&#45;maker, attitude: neutral, influence: 0.9"));
	assert_non_null(find_in(&o, "coverage: 0 (not covered), key person"));
	/* The uncovered decision maker and the unmanaged blocker show the
	 * gap marker; nobody else does. */
	size_t gaps = 0;
	for (const char *p = o.data; (p = strstr(p, "\xE2\x9A\xA0 GAP</text>")); p++)
		gaps++;
	assert_int_equal(gaps, 2 + 1); /* two persons and the legend */
	/* Classes to select on: role, attitude, coverage, key, gap kinds. */
	assert_non_null(find_in(&o, "class=\"node person role&#45;decision&#45;maker attitude&#45;neutral uncovered coverage&#45;none key gap gap&#45;uncovered&#45;decision&#45;maker\""));
	assert_non_null(find_in(&o, "class=\"node member member&#45;"));
	/* The document's own title and description come first in <svg>;
	 * the tooltip is the node's title; no <a> lacks its href. */
	const char *root = find_in(&o, "<svg ");
	assert_non_null(root);
	const char *title = strstr(root, "<title>");
	assert_non_null(title);
	assert_ptr_equal(title, strchr(root, '>') + 2);
	assert_non_null(strstr(title, "</title>\n<desc>Account "));
	assert_non_null(find_in(&o, "Gaps: 2 errors"));
	assert_non_null(find_in(&o, "<title>Tom &amp; Jerry &lt;CEO&gt;, "));
	for (const char *p = o.data; (p = strstr(p, "<a ")); p++)
		assert_true(strncmp(p, "<a xlink:href=", 14) == 0);
	free(o.data);
	relmap_style_free(st);
	acct_free(&t);
	relmap_diags_free(&d);
}

/* -T html: one page whose data block cannot be ended or read as markup by
 * any name; for the customer, no planning data and no planning script. */
static void render__html_is_one_safe_page(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	output o, again;
	acct_new(&t, "h", "</script><script>x()</script>");
	member(&t, "u1", "Line\xE2\x80\xA8Sep", RELMAP_MEMBER_ACCOUNT_EXECUTIVE);
	int32_t p1 = person(&t, "p1", "</script><!-- & \xE2\x80\xA9", "a\xFF" "b",
			    "<style>", -1, RELMAP_ROLE_DECISION_MAKER, 0.9,
			    RELMAP_ATTITUDE_SKEPTIC);
	person(&t, "p2", "Ann", "VP", "Ops", p1, RELMAP_ROLE_USER, 0.1,
	       RELMAP_ATTITUDE_NEUTRAL);
	coverage(&t, 0, 1, 0.8);
	analyse(&t);
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_HTML, &ro, &d), 0);
	assert_int_equal(draw(&again, t.an, NULL, RELMAP_FORMAT_HTML, &ro, &d), 0);
	assert_int_equal(o.len, again.len);
	assert_memory_equal(o.data, again.data, o.len);
	assert_int_equal(strlen(o.data), o.len);
	assert_non_null(strstr(o.data, "<!DOCTYPE html>\n"));
	assert_non_null(strstr(o.data, "content=\"default-src 'none'; script-src 'sha256-"));
	const char *data = strstr(o.data, "<script type=\"application/json\" id=\"relmap-data\">");
	assert_non_null(data);
	data = strchr(data, '>') + 1;
	const char *end = strstr(data, "</script>");
	assert_non_null(end);
	/* The first "</script>" after the data block's start is its own end:
	 * every < > & and line separator inside is a \u escape. */
	for (const char *c = data; c < end; c++) {
		assert_false(*c == '<' || *c == '>' || *c == '&');
		assert_false((unsigned char)c[0] == 0xE2 && (unsigned char)c[1] == 0x80 &&
			     ((unsigned char)c[2] == 0xA8 || (unsigned char)c[2] == 0xA9));
	}
	assert_non_null(strstr(data, "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2029"));
	assert_non_null(strstr(data, "a\xEF\xBF\xBD" "b")); /* invalid UTF-8 as U+FFFD */
	assert_non_null(strstr(data, "\"members\""));
	assert_non_null(strstr(data, "\"gaps\""));
	assert_non_null(strstr(end, "RM.start();"));
	free(o.data);
	free(again.data);
	/* The customer's page: the org chart's data and the core script. */
	ro.audience = RELMAP_AUDIENCE_CUSTOMER;
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_HTML, &ro, &d), 0);
	assert_null(find_in(&o, "\"members\""));
	assert_null(find_in(&o, "\"gaps\""));
	assert_null(find_in(&o, "attitude"));
	assert_null(find_in(&o, "coverage"));
	assert_null(find_in(&o, "Line"));
	assert_non_null(find_in(&o, "RM.start();"));
	free(o.data);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__text_as_paths_has_no_text_elements(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	output o, again;
	special_account(&t);
	ro.text_as_paths = 1;
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d), 0);
	assert_int_equal(draw(&again, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d), 0);
	assert_only_link_warnings(&d, 2);
	assert_int_equal(o.len, again.len);
	assert_memory_equal(o.data, again.data, o.len);
	assert_null(find_in(&o, "<text"));
	assert_non_null(find_in(&o, "<use xlink:href=\"#glyph"));
	assert_non_null(find_in(&o, "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""));
	const char *root = find_in(&o, "<svg ");
	assert_non_null(root);
	assert_non_null(strstr(root, "<title>Relationship map: "));
	assert_non_null(strstr(root, "</title>\n<desc>Account "));
	free(o.data);
	free(again.data);
	/* Without it, the same map has its text as text. */
	ro.text_as_paths = 0;
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d), 0);
	assert_non_null(find_in(&o, "<text"));
	free(o.data);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__same_input_gives_the_same_bytes(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = default_style();
	special_account(&t);
	for (int f = RELMAP_FORMAT_SVG; f <= RELMAP_FORMAT_DOT; f++) {
		output a, b;
		relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
		assert_int_equal(draw(&a, t.an, st, (relmap_format)f, &ro, &d), 0);
		/* In-process and in a child process alike. */
		ro.layout_timeout = 0;
		assert_int_equal(draw(&b, t.an, st, (relmap_format)f, &ro, &d), 0);
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
			size_t i = 0;
			while (i < a.len && i < b.len && a.data[i] == b.data[i])
				i++;
			fail_msg("%s differs: %zu and %zu bytes, first at %zu; %zu diagnostics",
				 relmap_format_name((relmap_format)f), a.len,
				 b.len, i, d.count);
		}
		assert_int_equal(a.data[a.len], '\0');
		free(a.data);
		free(b.data);
	}
	assert_only_link_warnings(&d, 8);
	relmap_style_free(st);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__png_and_pdf_are_well_formed_and_undated(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	output o;
	special_account(&t);
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_PNG, NULL, &d), 0);
	assert_true(o.len > 8);
	assert_memory_equal(o.data, "\x89PNG\r\n\x1a\n", 8);
	/* No tIME chunk: nothing that changes from run to run. */
	for (size_t i = 8; i + 8 <= o.len;) {
		uint32_t n = ((uint32_t)(unsigned char)o.data[i] << 24) |
			     ((uint32_t)(unsigned char)o.data[i + 1] << 16) |
			     ((uint32_t)(unsigned char)o.data[i + 2] << 8) |
			     (uint32_t)(unsigned char)o.data[i + 3];
		assert_memory_not_equal(o.data + i + 4, "tIME", 4);
		i += 12 + n;
	}
	free(o.data);

	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_PDF, NULL, &d), 0);
	assert_memory_equal(o.data, "%PDF-", 5);
	assert_non_null(find_in(&o, "%%EOF"));
	/* cairo's creation time becomes the as-of date. */
	assert_non_null(find_in(&o, "/CreationDate (D:20261101000000Z)"));
	free(o.data);
	assert_only_link_warnings(&d, 2);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__dot_output_reads_back_as_the_same_graph(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	output o;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	special_account(&t);
	/* dot's graph, with the team and its coverage lines */
	ro.engine = "dot";
	ro.coverage = RELMAP_COVERAGE_LINES;
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_DOT, &ro, &d), 0);
	assert_only_link_warnings(&d, 1); /* the DOT has no unsafe link either */
	relmap_diags_free(&d);
	assert_int_equal(strlen(o.data), o.len);
	Agraph_t *g = agmemread(o.data);
	assert_non_null(g);
	/* This process has drawn already, and gvContext() gave cgraph's
	 * prototype graph a node label default of "\N", which a graph read
	 * now would write out; relmap's own graphs do not (render_ids.c),
	 * nor does a graph read in a fresh process. */
	Agsym_t *label = agattr(g, AGNODE, "label", NULL);
	if (label && label->defval[0])
		agattr(g, AGNODE, "label", "");
	/* The legend samples only the roles the account has. */
	int used[RELMAP_ROLE_COUNT] = { 0 }, roles = 0;
	for (size_t i = 0; i < t.a->n_persons; i++)
		if (!used[t.a->persons[i].role]++)
			roles++;
	assert_true(roles > 1 && roles < RELMAP_ROLE_COUNT);
	/* persons + members + the legend's key and role samples */
	assert_int_equal(agnnodes(g),
			 (int)(t.a->n_persons + t.a->n_members + 1 + roles));
	/* reports-to 8, dotted 1, influence 2, coverage 3, legend samples */
	assert_int_equal(agnedges(g), 8 + 1 + 2 + 3 + roles);
	assert_int_equal(agnsubg(g), 6); /* team, 3 departments, persons, legend */
	/*
	 * Written again, it has the same lines.  (Their order can differ
	 * here: cgraph's default id discipline orders subgraphs by the
	 * address of their names, which in a process with a used heap is not
	 * the order they were read in.  relmap numbers names in creation order
	 * instead, and a fresh `dot` meets them in file order.)
	 */
	char *again = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&again, &len);
	agwrite(g, f);
	fclose(f);
	assert_int_equal(len, o.len);
	sort_lines(again);
	sort_lines(o.data);
	assert_string_equal(again, o.data);
	free(again);
	agclose(g);
	free(o.data);
	acct_free(&t);
}

static void render__every_engine_draws(void **state)
{
	(void)state;
	static const char *const engines[] = { "dot", "neato", "fdp", "sfdp",
					       "circo", "twopi" };
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = default_style();
	special_account(&t);
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
		relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
		output o;
		ro.engine = engines[i];
		assert_int_equal(draw(&o, t.an, st, RELMAP_FORMAT_SVG, &ro, &d), 0);
		char **texts;
		size_t n = svg_texts(&o, &texts);
		assert_true(has_text(texts, n, special[0]));
		free_texts(texts, n);
		free(o.data);
		/* The DOT says which engine, so dot -Tsvg on it agrees. */
		assert_int_equal(draw(&o, t.an, st, RELMAP_FORMAT_DOT, &ro, &d), 0);
		char want[64];
		snprintf(want, sizeof(want), "layout=%s", engines[i]);
		assert_non_null(find_in(&o, want));
		free(o.data);
	}
	relmap_style_free(st);
	acct_free(&t);
	relmap_diags_free(&d);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void render__slow_layouts_are_cut_short(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	output o;
	big_account(&t, 2000, 40);
	ro.engine = "dot"; /* the org layout cannot run away */
	ro.layout_timeout = 0.2;
	ro.view = RELMAP_VIEW_FULL; /* every person: a layout too slow */
	double start = now();
	int rc = draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d);
	double took = now() - start;
	/* Two bounded attempts and the graph building around them. */
	assert_true(took < 5);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].severity, RELMAP_SEVERITY_WARNING);
	assert_string_equal(d.items[0].message,
		"layout did not finish within 0.2 s; drawn again without department clusters");
	if (rc == 0) {
		assert_memory_equal(o.data, "<?xml", 5);
		assert_null(find_in(&o, "class=\"cluster\"><title>cluster_dept"));
		free(o.data);
	} else {
		assert_int_equal(rc, RELMAP_ETIMEOUT);
		assert_null(o.data);
		assert_int_equal(d.count, 2);
		assert_int_equal(d.items[1].severity, RELMAP_SEVERITY_ERROR);
		assert_non_null(strstr(d.items[1].message, "even without department clusters"));
	}
	relmap_diags_free(&d);

	/* Without clusters to drop, a timeout is an error at once. */
	ro.clusters = 0;
	ro.layout_timeout = 0.05;
	rc = draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d);
	if (rc != 0) {
		assert_int_equal(rc, RELMAP_ETIMEOUT);
		assert_int_equal(d.count, 1);
		assert_string_equal(d.items[0].message,
			"layout did not finish within 0.05 s; try --engine or a longer --layout-timeout");
	} else {
		free(o.data);
	}
	relmap_diags_free(&d);
	acct_free(&t);
}

static void render__graphviz_messages_become_diagnostics(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	/* twopi warns about a root node that does not exist. */
	relmap_style *st = style_from(
		"<relmap-style version=\"1\"><graph root=\"no-such-node\"/></relmap-style>");
	output o;
	special_account(&t);
	ro.engine = "twopi";

	/* Nothing reaches standard error, in-process or in the child. */
	fflush(stderr);
	int saved = dup(2);
	char path[] = "/tmp/relmap-test-stderr-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	dup2(fd, 2);
	for (int inproc = 0; inproc <= 1; inproc++) {
		ro.layout_timeout = inproc ? 0 : 30;
		assert_int_equal(draw(&o, t.an, st, RELMAP_FORMAT_SVG, &ro, &d), 0);
		free(o.data);
		int found = 0;
		for (size_t i = 0; i < d.count; i++)
			if (d.items[i].severity == RELMAP_SEVERITY_WARNING &&
			    strncmp(d.items[i].message, "graphviz: ", 10) == 0 &&
			    strstr(d.items[i].message, "no-such-node"))
				found = 1;
		assert_true(found);
		relmap_diags_free(&d);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	off_t size = lseek(fd, 0, SEEK_END);
	close(fd);
	unlink(path);
	assert_int_equal(size, 0);
	relmap_style_free(st);
	acct_free(&t);
}

static void render__bad_requests_are_usage_errors(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	output o;
	special_account(&t);
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_JSON, &ro, &d),
			 RELMAP_EUSAGE);
	assert_null(o.data);
	ro.engine = "osage";
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, &ro, &d),
			 RELMAP_EUSAGE);
	assert_int_equal(d.count, 2);
	assert_string_equal(d.items[1].message,
		"unknown layout engine 'osage' (org, dot, neato, fdp, sfdp, circo, twopi)");
	relmap_diags_free(&d);
	acct_free(&t);
}

static void render__options_leave_out_legend_title_and_clusters(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	output o;
	special_account(&t);
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_DOT, &ro, &d), 0);
	assert_non_null(find_in(&o, "cluster_legend"));
	assert_non_null(find_in(&o, "cluster_dept_1"));
	assert_non_null(find_in(&o, "coverage score 62.5"));
	free(o.data);
	ro.legend = ro.title = ro.clusters = 0;
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_DOT, &ro, &d), 0);
	assert_null(find_in(&o, "cluster_legend"));
	assert_null(find_in(&o, "cluster_dept"));
	assert_null(find_in(&o, "coverage score"));
	/* The team keeps its cluster. */
	assert_non_null(find_in(&o, "cluster_team"));
	free(o.data);
	assert_only_link_warnings(&d, 2);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__empty_account_still_draws(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	output o;
	acct_new(&t, "empty", NULL);
	analyse(&t);
	assert_int_equal(draw(&o, t.an, NULL, RELMAP_FORMAT_SVG, NULL, &d), 0);
	char **texts;
	size_t n = svg_texts(&o, &texts);
	assert_true(has_text(texts, n, "empty")); /* the id stands in */
	/* Nothing drawn, nothing to explain: no legend. */
	assert_false(has_text(texts, n, "Legend"));
	assert_null(find_in(&o, "cluster_legend"));
	free_texts(texts, n);
	free(o.data);
	acct_free(&t);
	relmap_diags_free(&d);
}

static void render__formats_and_engines_by_name(void **state)
{
	(void)state;
	relmap_format f;
	assert_int_equal(relmap_format_parse(&f, "SVG"), 0);
	assert_int_equal(f, RELMAP_FORMAT_SVG);
	assert_int_equal(relmap_format_parse(&f, "gv"), 0);
	assert_int_equal(f, RELMAP_FORMAT_DOT);
	assert_int_equal(relmap_format_parse(&f, "jpeg"), RELMAP_EUSAGE);
	assert_int_equal(relmap_format_from_path(&f, "out/map.v2.PDF"), 0);
	assert_int_equal(f, RELMAP_FORMAT_PDF);
	assert_int_equal(relmap_format_from_path(&f, "dir.svg/map"), RELMAP_EUSAGE);
	assert_int_equal(relmap_format_from_path(&f, ".png"), RELMAP_EUSAGE);
	assert_int_equal(relmap_format_from_path(&f, "map."), RELMAP_EUSAGE);
	for (int i = 0; i < RELMAP_FORMAT_COUNT; i++) {
		assert_int_equal(relmap_format_parse(&f, relmap_format_name((relmap_format)i)), 0);
		assert_int_equal(f, i);
	}
	assert_null(relmap_format_name(RELMAP_FORMAT_COUNT));
	assert_true(relmap_engine_valid("circo"));
	assert_false(relmap_engine_valid("Dot"));
	assert_false(relmap_engine_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render__special_characters_survive_exactly_in_svg),
		cmocka_unit_test(render__persons_carry_ids_links_tooltips_and_gaps),
		cmocka_unit_test(render__text_as_paths_has_no_text_elements),
		cmocka_unit_test(render__html_is_one_safe_page),
		cmocka_unit_test(render__same_input_gives_the_same_bytes),
		cmocka_unit_test(render__png_and_pdf_are_well_formed_and_undated),
		cmocka_unit_test(render__dot_output_reads_back_as_the_same_graph),
		cmocka_unit_test(render__every_engine_draws),
		cmocka_unit_test(render__slow_layouts_are_cut_short),
		cmocka_unit_test(render__graphviz_messages_become_diagnostics),
		cmocka_unit_test(render__bad_requests_are_usage_errors),
		cmocka_unit_test(render__options_leave_out_legend_title_and_clusters),
		cmocka_unit_test(render__empty_account_still_draws),
		cmocka_unit_test(render__formats_and_engines_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
