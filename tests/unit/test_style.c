/* test_style.c - style sheets: the default, lookup by name, checks. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "embedded.h"
#include "relmap/relmap.h"
#include "style_internal.h"

/* A scratch directory for style files, removed after each test. */
static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/relmap-test-style-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	unsetenv("RELMAP_STYLE_PATH");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	unsetenv("RELMAP_STYLE_PATH");
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load `text` as a style sheet called "theme.xml"; returns the code. */
static int load_text(relmap_style **st, const char *text, relmap_diags *d)
{
	return relmap_style_load_memory(st, text, strlen(text), "theme.xml", d);
}

/* Diagnostic i as "FILE:LINE:COL: severity: message". */
static const char *diag_text(const relmap_diags *d, size_t i)
{
	static char buf[1024];
	assert_true(i < d->count);
	const relmap_diag *g = &d->items[i];
	snprintf(buf, sizeof(buf), "%s:%d:%d: %s: %s", g->file ? g->file : "-",
		 g->line, g->column, relmap_severity_name(g->severity),
		 g->message);
	return buf;
}

static void style__default_loads_with_the_briefs_values(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(relmap_style_load(&st, "default", &d), 0);
	assert_int_equal(d.count, 0); /* not even a contrast warning */
	assert_string_equal(st->font, "DejaVu Sans");
	assert_true(st->band_min[STYLE_BAND_STRONG] == 0.7);
	assert_true(st->band_min[STYLE_BAND_MEDIUM] == 0.4);
	assert_string_equal(style_attrs_get(&st->edge[STYLE_EDGE_REPORTS_TO], "style"), "solid");
	assert_string_equal(style_attrs_get(&st->edge[STYLE_EDGE_DOTTED_LINE], "style"), "dotted");
	assert_string_equal(style_attrs_get(&st->edge[STYLE_EDGE_INFLUENCE], "style"), "dashed");
	assert_string_equal(style_attrs_get(&st->edge[STYLE_EDGE_CONFLICT], "arrowhead"), "tee");
	assert_non_null(style_attrs_get(&st->gap, "color"));
	assert_true(strstr(st->gap_marker, "GAP") != NULL);
	/* Every role has a shape of its own. */
	for (int i = 0; i < RELMAP_ROLE_COUNT; i++) {
		const char *a = style_attrs_get(&st->role[i], "shape");
		assert_non_null(a);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(a, style_attrs_get(&st->role[j], "shape"));
	}
	/* Every attitude has a fill. */
	for (int i = 0; i < RELMAP_ATTITUDE_COUNT; i++)
		assert_non_null(style_attrs_get(&st->attitude[i], "fillcolor"));
	relmap_style_free(st);
	relmap_diags_free(&d);
}

/* The built-in sheet skips the XSD when it loads; check it here. */
static void style__builtin_sheet_matches_the_schema(void **state)
{
	(void)state;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(
		relmap_embedded_style_xsd, (int)strlen(relmap_embedded_style_xsd));
	assert_non_null(pc);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlDocPtr doc = xmlReadMemory(relmap_embedded_default_style,
				      (int)strlen(relmap_embedded_default_style),
				      "default.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
}

static void style__names_resolve_through_the_style_path(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	char env[200], path[256];

	write_file("midnight.xml",
		   "<relmap-style version=\"1\"><graph bgcolor=\"#111827\"/></relmap-style>\n");
	/* Empty entries and a missing directory are skipped. */
	snprintf(env, sizeof(env), "::/nonexistent-relmap-dir:%s", dir);
	setenv("RELMAP_STYLE_PATH", env, 1);
	assert_int_equal(relmap_style_load(&st, "midnight", &d), 0);
	assert_string_equal(style_attrs_get(&st->graph, "bgcolor"), "#111827");
	/* The rest is the default's. */
	assert_string_equal(style_attrs_get(&st->graph, "rankdir"), "TB");
	relmap_style_free(st);

	/* A value with a '/' or ending in .xml is a path, not a name. */
	snprintf(path, sizeof(path), "%s/midnight.xml", dir);
	assert_int_equal(relmap_style_load(&st, path, &d), 0);
	relmap_style_free(st);
	assert_int_equal(d.count, 0);

	/* An unknown name lists every place it looked. */
	assert_int_equal(relmap_style_load(&st, "nosuch", &d), RELMAP_ENOENT);
	assert_null(st);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "no style named 'nosuch'"));
	assert_non_null(strstr(d.items[0].message, "/nonexistent-relmap-dir/nosuch.xml"));
	snprintf(path, sizeof(path), "%s/nosuch.xml", dir);
	assert_non_null(strstr(d.items[0].message, path));
	relmap_diags_free(&d);

	/* A missing path is ENOENT too, naming the file. */
	assert_int_equal(relmap_style_load(&st, "./no/such/theme.xml", &d),
			 RELMAP_ENOENT);
	assert_string_equal(d.items[0].file, "./no/such/theme.xml");
	relmap_diags_free(&d);
}

static void style__default_always_resolves_and_can_be_overridden(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;

	/* Nothing on the path: the compiled-in copy (or the installed one). */
	setenv("RELMAP_STYLE_PATH", dir, 1);
	assert_int_equal(relmap_style_load(&st, "default", &d), 0);
	relmap_style_free(st);

	/* A default.xml on the path comes first. */
	write_file("default.xml",
		   "<relmap-style version=\"1\"><font name=\"DejaVu Serif\"/></relmap-style>\n");
	assert_int_equal(relmap_style_load(&st, "default", &d), 0);
	assert_string_equal(st->font, "DejaVu Serif");
	relmap_style_free(st);
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
}

static void style__a_theme_changes_only_what_it_says(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\">\n"
		"  <attitude value=\"champion\" fillcolor=\"#064e3b\"/>\n"
		"  <band name=\"strong\" min=\"0.8\"/>\n"
		"  <person penwidth-max=\"5\" margin=\"\"/>\n"
		"</relmap-style>\n", &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(style_attrs_get(&st->attitude[RELMAP_ATTITUDE_CHAMPION], "fillcolor"), "#064e3b");
	assert_string_equal(style_attrs_get(&st->attitude[RELMAP_ATTITUDE_CHAMPION], "fontcolor"), "#ffffff");
	assert_true(st->band_min[STYLE_BAND_STRONG] == 0.8);
	assert_true(st->band_min[STYLE_BAND_MEDIUM] == 0.4);
	assert_true(st->person_penwidth_max == 5);
	/* An empty value removes the default's. */
	assert_null(style_attrs_get(&st->person, "margin"));
	assert_int_equal(style_band_of(st, 0.79), STYLE_BAND_MEDIUM);
	assert_int_equal(style_band_of(st, 0.8), STYLE_BAND_STRONG);
	assert_int_equal(style_band_of(st, 0.39), STYLE_BAND_WEAK);
	relmap_style_free(st);
	relmap_diags_free(&d);
}

static void style__bad_colours_are_reported_where_they_are(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\">\n"
		"  <attitude value=\"champion\" fillcolor=\"gren\"/>\n"
		"  <band name=\"weak\"   color=\"#12345\"/>\n"
		"  <title name-fontcolor=\"#ggg000\"/>\n"
		"  <edge kind=\"coverage\" color=\"red:blue;0.5\"/>\n"
		"</relmap-style>\n", &d), RELMAP_EDATA);
	assert_null(st);
	assert_int_equal(d.count, 3);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:2:30: error: bad value 'gren' for fillcolor on <attitude value=\"champion\">: "
		"expected a colour (#rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name), or colours separated by ':'");
	assert_string_equal(diag_text(&d, 1),
		"theme.xml:3:23: error: bad value '#12345' for color on <band name=\"weak\">: "
		"expected a colour (#rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name), or colours separated by ':'");
	assert_string_equal(diag_text(&d, 2),
		"theme.xml:4:10: error: bad value '#ggg000' for name-fontcolor on <title>: "
		"expected a colour: #rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name");
	relmap_diags_free(&d);
}

static void style__unknown_elements_and_attributes_are_named(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<relmap-style version=\"1\">\n"
		"  <colour/>\n"
		"\t<person fillcolour=\"#ffffff\" shape=\"blob\"/>\n"
		"  <role value=\"boss\" shape=\"box\"/>\n"
		"  <edge kind=\"reports-to\" rankdir=\"LR\" label=\"x\" penwidth-min=\"2\"/>\n"
		"  <graph labelloc=\"t\"/>\n"
		"  <gap marker=\"\xE2\x9A\xA0 \xE6\xBC\x8F\" image=\"x.png\"/>\n"
		"  <person/>\n"
		"</relmap-style>\n", &d), RELMAP_EDATA);
	const char *want[] = {
		"theme.xml:3:3: error: unknown element <colour> in a style sheet (expected graph, font, person, attitude, role, gap, member, cluster, edge, band, legend or title)",
		"theme.xml:4:10: error: unknown attribute 'fillcolour' on <person>; did you mean 'fillcolor'?",
		"theme.xml:4:31: error: bad value 'blob' for shape on <person>: expected a Graphviz node shape (box, ellipse, hexagon, octagon, ...)",
		"theme.xml:5:9: error: unknown value 'boss' in <role value>; expected one of unknown, decision-maker, economic-buyer, technical-buyer, user-buyer, influencer, champion, gatekeeper, blocker, user",
		"theme.xml:6:27: error: 'rankdir' does not apply to <edge kind=\"reports-to\"> (Graphviz reads it on the whole graph)",
		"theme.xml:6:40: error: 'label' cannot be set in a style sheet: relmap sets it from the data",
		"theme.xml:6:50: error: 'penwidth-min' does not apply to <edge kind=\"reports-to\">",
		"theme.xml:7:10: error: 'labelloc' places the title block; set it on <title>",
		/* columns count characters, not bytes */
		"theme.xml:8:21: error: 'image' cannot be set in a style sheet: it would make Graphviz read files",
		"theme.xml:9:3: error: <person> is given twice; the first is at line 4, column 2",
	};
	assert_int_equal(d.count, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < d.count; i++)
		assert_string_equal(diag_text(&d, i), want[i]);
	relmap_diags_free(&d);
}

static void style__doctype_and_entities_are_refused(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	/* A billion laughs never gets expanded: the DOCTYPE stops it. */
	assert_int_equal(load_text(&st,
		"<?xml version=\"1.0\"?>\n"
		"  <!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
		"<relmap-style version=\"1\"><legend label=\"&b;\"/></relmap-style>\n",
		&d), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:2:3: error: a style sheet may not have a DOCTYPE (no DTD or entity is read)");
	relmap_diags_free(&d);

	/* External entities need a DOCTYPE too; an undeclared one is an error. */
	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\"><legend label=\"&xxe;\"/></relmap-style>", &d),
		RELMAP_EDATA);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].line, 1);
	assert_non_null(strstr(d.items[0].message, "xxe"));
	relmap_diags_free(&d);
}

static void style__malformed_and_foreign_documents_fail_cleanly(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st, "<relmap-style version=\"1\">\n<graph>\n", &d),
			 RELMAP_EDATA);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].severity, RELMAP_SEVERITY_ERROR);
	relmap_diags_free(&d);

	assert_int_equal(load_text(&st, "<style version=\"1\"/>", &d), RELMAP_EDATA);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:1:1: error: the root element is <style>; a style sheet is <relmap-style version=\"1\">");
	relmap_diags_free(&d);

	assert_int_equal(load_text(&st, "<relmap-style version=\"2\"/>", &d), RELMAP_EDATA);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:1:15: error: unsupported style sheet version '2'; this relmap reads version 1");
	relmap_diags_free(&d);

	assert_int_equal(load_text(&st, "", &d), RELMAP_EDATA);
	assert_true(d.count >= 1);
	relmap_diags_free(&d);
	assert_null(st);
}

static void style__ranges_and_thresholds_are_checked(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\">\n"
		"  <band name=\"medium\" min=\"0.9\"/>\n"
		"</relmap-style>\n", &d), RELMAP_EDATA);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:2:3: error: band 'medium' starts at 0.9, above band 'strong' at 0.7");
	relmap_diags_free(&d);

	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\"><band name=\"strong\" min=\"1.5\"/>"
		"<band name=\"weak\" min=\"0.1\"/><person title-wrap=\"2.5\"/></relmap-style>",
		&d), RELMAP_EDATA);
	assert_int_equal(d.count, 3);
	assert_string_equal(d.items[0].message,
		"bad value '1.5' for min on <band name=\"strong\">: expected a number from 0 to 1");
	assert_string_equal(d.items[1].message,
		"'min' does not apply to <band name=\"weak\">");
	assert_string_equal(d.items[2].message,
		"bad value '2.5' for title-wrap on <person>: expected a whole number from 0 to 200");
	relmap_diags_free(&d);
}

static void style__poor_text_contrast_is_a_warning(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<relmap-style version=\"1\">\n"
		"  <attitude value=\"neutral\" fillcolor=\"yellow\" fontcolor=\"white\"/>\n"
		"</relmap-style>\n", &d), 0);
	assert_non_null(st);
	assert_int_equal(d.count, 1);
	assert_string_equal(diag_text(&d, 0),
		"theme.xml:2:3: warning: attitude 'neutral': text colour white on fill yellow has a contrast of 1.1:1; at least 4.5:1 reads well on slides");
	relmap_style_free(st);
	relmap_diags_free(&d);
}

/* Values of every checked kind that Graphviz reads: relmap's checks and
 * the XSD both let them through. */
static void style__valid_values_pass_both_checks(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(load_text(&st,
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<!-- a comment -->\n"
		"<relmap-style version=\"1\" name=\"all\" description=\"every kind of value\">\n"
		"  <graph ranksep=\"0.5 equally\" splines=\"ortho\" size=\"10,5!\" pad=\"0.2,0.1\"\n"
		"         ratio=\"compress\" bgcolor=\"/blues9/3\" newrank=\"true\" dpi=\"144\"/>\n"
		"  <person fillcolor=\"0.5 0.5 0.5\" color=\"red:blue;0.5\" style=\"filled,rounded\"\n"
		"          margin=\"0.1,0.2\" fixedsize=\"false\" peripheries=\"2\" fontname=\"DejaVu Serif\"/>\n"
		"  <role value=\"user\" shape=\"cylinder\" fontcolor=\"#ff000080\"/>\n"
		"  <edge kind=\"influence\" arrowhead=\"lnormaloinv\" arrowtail=\"odot\" dir=\"both\"\n"
		"        color=\"grey50\" style=\"setlinewidth(2),dashed\"/>\n"
		"  <band name=\"weak\" color=\"transparent\"/>\n"
		"  <cluster kind=\"department\" pencolor=\"DarkSlateGray\" labeljust=\"r\"/>\n"
		"  <title labelloc=\"b\" labeljust=\"c\"/>\n"
		"</relmap-style>\n", &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(style_attrs_get(&st->graph, "ranksep"), "0.5 equally");
	relmap_style_free(st);
	relmap_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(style__default_loads_with_the_briefs_values, setup, teardown),
		cmocka_unit_test(style__builtin_sheet_matches_the_schema),
		cmocka_unit_test_setup_teardown(style__names_resolve_through_the_style_path, setup, teardown),
		cmocka_unit_test_setup_teardown(style__default_always_resolves_and_can_be_overridden, setup, teardown),
		cmocka_unit_test(style__a_theme_changes_only_what_it_says),
		cmocka_unit_test(style__bad_colours_are_reported_where_they_are),
		cmocka_unit_test(style__unknown_elements_and_attributes_are_named),
		cmocka_unit_test(style__doctype_and_entities_are_refused),
		cmocka_unit_test(style__malformed_and_foreign_documents_fail_cleanly),
		cmocka_unit_test(style__ranges_and_thresholds_are_checked),
		cmocka_unit_test(style__poor_text_contrast_is_a_warning),
		cmocka_unit_test(style__valid_values_pass_both_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
