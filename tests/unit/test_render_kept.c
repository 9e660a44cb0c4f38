/*
 * test_render_kept.c - the org engine's SVG drawn with the labels kept
 * from measuring (render_kept.c) is the same bytes as with two full
 * Graphviz passes, over the samples, the render fixtures, every style,
 * pages, the customer's view, the full view and -T html.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relmap/relmap.h"
#include "render_internal.h"

/* Run from tests/data (tests/CMakeLists.txt). */
static const char *const inputs[] = {
	"../../samples/startup.xml",  "../../samples/midmarket.xml",
	"../../samples/enterprise.xml", "cli/acme.xml",
	"render/special.xml",         "render/hostile-ids.xml",
	"render/hostile-html.xml",    "render/links.xml",
	"render/fold.xml",            "render/no-managers.xml",
};

typedef struct variant {
	const char *name;
	const char *style;
	relmap_format fmt;
	int page, customer, full;
} variant;

static const variant variants[] = {
	{ "default", "default", RELMAP_FORMAT_SVG, 0, 0, 0 },
	{ "16:9", "default", RELMAP_FORMAT_SVG, 1, 0, 0 },
	{ "customer", "default", RELMAP_FORMAT_SVG, 0, 1, 0 },
	{ "full", "default", RELMAP_FORMAT_SVG, 0, 0, 1 },
	{ "dark", "dark", RELMAP_FORMAT_SVG, 1, 0, 0 },
	{ "print", "print", RELMAP_FORMAT_SVG, 0, 0, 0 },
	{ "colorblind", "colorblind", RELMAP_FORMAT_SVG, 0, 1, 0 },
	{ "html", "default", RELMAP_FORMAT_HTML, 0, 0, 0 },
};

static char *draw(const relmap_analysis *an, const relmap_style *st,
		  const variant *v, int keep, size_t *len)
{
	relmap_render_options o = RELMAP_RENDER_OPTIONS_INIT;
	relmap_diags d;
	char *out = NULL;
	relmap_diags_init(&d, 50);
	if (v->page)
		assert_int_equal(relmap_page_parse(&o.page_width,
						   &o.page_height, "16:9"),
				 0);
	o.audience = v->customer ? RELMAP_AUDIENCE_CUSTOMER
				 : RELMAP_AUDIENCE_TEAM;
	if (v->full)
		o.view = RELMAP_VIEW_FULL;
	render_kept_enable(keep);
	int rc = relmap_render(&out, len, an, st, v->fmt, &o, &d);
	render_kept_enable(1);
	if (rc != 0)
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "%s\n", d.items[i].message);
	assert_int_equal(rc, 0);
	relmap_diags_free(&d);
	return out;
}

static void render_kept__same_bytes_as_two_passes(void **state)
{
	(void)state;
	size_t cases = 0, given = 0;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		relmap_document *doc = NULL;
		relmap_diags d;
		relmap_diags_init(&d, 50);
		assert_int_equal(relmap_document_load_xml(&doc, inputs[i],
							  NULL, &d),
				 0);
		relmap_analysis_options ao = RELMAP_ANALYSIS_OPTIONS_INIT;
		relmap_analysis *an = NULL;
		assert_int_equal(relmap_analysis_run(&an, &doc->accounts[0],
						     &ao),
				 0);
		for (size_t k = 0; k < sizeof(variants) / sizeof(variants[0]);
		     k++) {
			const variant *v = &variants[k];
			relmap_style *st = NULL;
			assert_int_equal(relmap_style_load(&st, v->style, &d),
					 0);
			size_t a_len = 0, b_len = 0;
			char *a = draw(an, st, v, 0, &a_len);
			assert_int_equal(render_kept_given(), 0);
			char *b = draw(an, st, v, 1, &b_len);
			given += render_kept_given();
			if (a_len != b_len || memcmp(a, b, a_len) != 0)
				fail_msg("%s, %s: the SVG with kept labels differs from two passes",
					 inputs[i], v->name);
			free(a);
			free(b);
			relmap_style_free(st);
			cases++;
		}
		relmap_analysis_free(an);
		relmap_document_free(doc);
		relmap_diags_free(&d);
	}
	/* The labels were given back, not made again: the comparison
	 * compares something. */
	assert_true(given > cases * 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render_kept__same_bytes_as_two_passes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
