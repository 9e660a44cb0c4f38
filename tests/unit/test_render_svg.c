/* test_render_svg.c - render_svg_finish(): Graphviz's SVG made valid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static char *finish(const char *in, const relmap_analysis *an, int customer)
{
	size_t len = strlen(in);
	char *buf = malloc(len + 1);
	assert_non_null(buf);
	memcpy(buf, in, len + 1);
	assert_int_equal(render_svg_finish(&buf, &len, an, customer), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void account(relmap_account *a, relmap_analysis *an)
{
	memset(a, 0, sizeof(*a));
	memset(an, 0, sizeof(*an));
	a->id = "acme";
	a->name = "Tom & Jerry <Co>";
	an->account = a;
	an->as_of = 20393; /* 2025-11-01 */
	an->has_score = 1;
	an->coverage_score = 62.54;
	an->n_errors = 1;
}

static void render_svg__tooltips_become_titles_and_no_a_lacks_href(void **state)
{
	(void)state;
	relmap_account a;
	relmap_analysis an;
	account(&a, &an);
	static const char in[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\" \"y\">\n"
		"<svg width=\"1pt\"\n xmlns=\"http://www.w3.org/2000/svg\">\n"
		"<g id=\"graph0\" class=\"graph\">\n<title>relmap</title>\n"
		"<g id=\"p&#45;1\" class=\"node person\">\n<title>p:1</title>\n"
		"<g id=\"a_p&#45;1\"><a xlink:title=\"Ann &amp; Bo&#10;role\">\n"
		"<polygon points=\"0,0\"/>\n</a>\n</g>\n</g>\n"
		"<g id=\"p&#45;2\" class=\"node person\">\n<title>p:2</title>\n"
		"<g id=\"a_p&#45;2\"><a xlink:href=\"https://x/\" xlink:title=\"Cy\">\n"
		"<a xlink:title=\"inner\"><text>Cy</text></a>\n</a>\n</g>\n</g>\n"
		"<g id=\"legend\" class=\"cluster\">\n<title>cluster_legend</title>\n"
		"<text>Legend</text>\n</g>\n"
		"</g>\n</svg>\n";
	char *out = finish(in, &an, 0);
	/* The document's title and desc, first in the root. */
	assert_non_null(strstr(out, "xmlns=\"http://www.w3.org/2000/svg\">\n"
				    "<title>Relationship map: Tom &amp; Jerry &lt;Co&gt;</title>\n"
				    "<desc>Account Tom &amp; Jerry &lt;Co&gt; (id acme) as of 2025-11-01. "
				    "Coverage score 62.5. 0 persons, 0 team members; key persons covered: 0 of 0. "
				    "Gaps: 1 error, 0 warnings.</desc>\n<g id=\"graph0\""));
	assert_non_null(strstr(out, "class=\"graph\">\n<title>Relationship map: Tom &amp; Jerry &lt;Co&gt;</title>"));
	/* One DOCTYPE: the one given. */
	assert_null(strstr(strstr(out, "<!DOCTYPE") + 1, "<!DOCTYPE"));
	/* A tooltip without a link: the node's title, the <a> a plain <g>. */
	assert_non_null(strstr(out, "<title>Ann &amp; Bo&#10;role</title>\n<g id=\"a_p&#45;1\"><g>\n<polygon points=\"0,0\"/>\n</g>\n</g>"));
	/* A link stays; its tooltip is the node's title too; an <a> inside
	 * it without a link keeps its tooltip as a title of its own. */
	assert_non_null(strstr(out, "<title>Cy</title>\n<g id=\"a_p&#45;2\"><a xlink:href=\"https://x/\" xlink:title=\"Cy\">\n"
				    "<g><title>inner</title><text>Cy</text></g>\n</a>\n</g>"));
	/* No tooltip: Graphviz's title stays. */
	assert_non_null(strstr(out, "<title>cluster_legend</title>"));
	assert_null(strstr(out, "<a xlink:title"));
	free(out);
}

static void render_svg__cairo_svg_gets_doctype_title_and_desc(void **state)
{
	(void)state;
	relmap_account a;
	relmap_analysis an;
	account(&a, &an);
	an.has_score = 0;
	a.name = NULL;
	static const char in[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\">\n"
		"<defs>\n</defs>\n</svg>\n";
	char *out = finish(in, &an, 0);
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
		" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\">\n"
		"<title>Relationship map: acme</title>\n"
		"<desc>Account acme (id acme) as of 2025-11-01. Coverage score n/a (no key person has influence). "
		"0 persons, 0 team members; key persons covered: 0 of 0. Gaps: 1 error, 0 warnings.</desc>\n"
		"<defs>\n</defs>\n</svg>\n");
	free(out);
}

static void render_svg__the_customer_desc_has_no_figures_of_ours(void **state)
{
	(void)state;
	relmap_account a;
	relmap_analysis an;
	account(&a, &an);
	a.name = "Acme";
	static const char in[] = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n</svg>\n";
	char *out = finish(in, &an, 1);
	assert_non_null(strstr(out, "<desc>Account Acme (id acme) as of 2025-11-01. 0 persons.</desc>"));
	assert_null(strstr(out, "overage"));
	assert_null(strstr(out, "Gaps"));
	assert_null(strstr(out, "team"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render_svg__tooltips_become_titles_and_no_a_lacks_href),
		cmocka_unit_test(render_svg__cairo_svg_gets_doctype_title_and_desc),
		cmocka_unit_test(render_svg__the_customer_desc_has_no_figures_of_ours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
