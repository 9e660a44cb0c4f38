/* test_report.c - the junit, markdown and github reports: exact output for
 * a small account, escaping of hostile names, JUnit valid per its XSD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "document.h"
#include "relmap/analyze.h"
#include "relmap/report.h"

/* Every test builds one account in a fresh document, then analyses it. */
static relmap_document *doc;
static relmap_analysis *an;

static relmap_account *acct(void)
{
	return &doc->accounts[0];
}

static int setup(void **state)
{
	(void)state;
	doc = document_new("cli/acme.xml");
	if (!doc || !document_add_account(doc))
		return -1;
	acct()->id = "acme";
	acct()->name = "Acme Corp";
	acct()->pos = (relmap_pos){ 3, 3 };
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	relmap_analysis_free(an);
	an = NULL;
	relmap_document_free(doc);
	doc = NULL;
	return 0;
}

static const char *str(const char *s)
{
	return arena_strdup(document_arena(doc), s);
}

static int32_t member(const char *id, const char *name)
{
	relmap_member *m = document_add_member(doc, acct());
	assert_non_null(m);
	m->id = str(id);
	m->name = str(name);
	return (int32_t)(acct()->n_members - 1);
}

static int32_t person(const char *id, const char *name, relmap_role role,
		      double influence, int line)
{
	relmap_person *p = document_add_person(doc, acct());
	assert_non_null(p);
	p->id = str(id);
	p->name = str(name);
	p->manager = -1;
	p->role = role;
	p->influence = influence;
	p->pos = (relmap_pos){ line, 5 };
	return (int32_t)(acct()->n_persons - 1);
}

static void cover(int32_t m, int32_t p, double strength)
{
	relmap_coverage *c = document_add_coverage(doc, acct());
	assert_non_null(c);
	c->member = m;
	c->person = p;
	c->strength = strength;
}

/* Jane covers Tom (economic buyer) well; Tom's manager, the decision
 * maker `dm_id`/`dm_name`, is uncovered and reached through Tom.  Gaps:
 * uncovered-decision-maker (error), single-threaded and no-champion
 * (warnings). */
static void small(const char *dm_id, const char *dm_name)
{
	int32_t u1 = member("u1", "Jane Doe");
	int32_t p1 = person(dm_id, dm_name, RELMAP_ROLE_DECISION_MAKER, 0.9, 6);
	int32_t p2 = person("p2", "Tom Ng", RELMAP_ROLE_ECONOMIC_BUYER, 0.8, 8);
	acct()->persons[p1].title = str("CEO");
	acct()->persons[p2].manager = p1;
	acct()->persons[p2].reports_to = acct()->persons[p1].id;
	cover(u1, p2, 0.8);
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	assert_int_equal(relmap_date_parse(&o.as_of, "2026-11-01"), 0);
	assert_int_equal(relmap_analysis_run(&an, acct(), &o), 0);
	assert_int_equal(an->n_errors, 1);
	assert_int_equal(an->n_warnings, 2);
}

enum format { JUNIT, JUNIT_WARNINGS_FAIL, MARKDOWN, GITHUB };

/* The report of `an` (none when count is 0) in `f`; free it. */
static char *report(enum format f, size_t count)
{
	const relmap_analysis *list[1] = { an };
	char *out = NULL;
	size_t len = 0;
	int rc = -1;
	switch (f) {
	case JUNIT:
		rc = relmap_report_junit(&out, &len, doc->path, list, count, 0);
		break;
	case JUNIT_WARNINGS_FAIL:
		rc = relmap_report_junit(&out, &len, doc->path, list, count,
					 RELMAP_REPORT_WARNINGS_FAIL);
		break;
	case MARKDOWN:
		rc = relmap_report_markdown(&out, &len, doc->path, list, count);
		break;
	case GITHUB:
		rc = relmap_report_github(&out, &len, doc->path, list, count);
		break;
	}
	assert_int_equal(rc, 0);
	assert_non_null(out);
	assert_int_equal(len, strlen(out));
	return out;
}

/* ---- exact output for a small account ---- */

static const char junit_small[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<testsuites>\n"
	"  <testsuite name=\"acme\" package=\"relmap\" id=\"0\" hostname=\"relmap\" timestamp=\"2026-11-01T00:00:00\" tests=\"7\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
	"    <properties>\n"
	"      <property name=\"input\" value=\"cli/acme.xml\"/>\n"
	"      <property name=\"as-of\" value=\"2026-11-01\"/>\n"
	"      <property name=\"account-name\" value=\"Acme Corp\"/>\n"
	"      <property name=\"coverage-score\" value=\"47.1\"/>\n"
	"    </properties>\n"
	"    <testcase name=\"Maria Lopez (p1)\" classname=\"relmap.acme.uncovered-decision-maker\" time=\"0\">\n"
	"      <failure message=\"Maria Lopez (p1), CEO, coverage 0.00\" type=\"uncovered-decision-maker\">cli/acme.xml:6:5\n"
	"access path: Jane Doe (u1) -&gt; Tom Ng (p2) -&gt; Maria Lopez (p1), strength 0.4\n"
	"</failure>\n"
	"    </testcase>\n"
	"    <testcase name=\"Tom Ng (p2)\" classname=\"relmap.acme.uncovered-decision-maker\" time=\"0\"/>\n"
	"    <testcase name=\"Maria Lopez (p1)\" classname=\"relmap.acme.stale-relationship\" time=\"0\"/>\n"
	"    <testcase name=\"Tom Ng (p2)\" classname=\"relmap.acme.stale-relationship\" time=\"0\"/>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.single-threaded\" time=\"0\"/>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.missing-economic-buyer\" time=\"0\"/>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.no-champion\" time=\"0\"/>\n"
	"    <system-out>cli/acme.xml:3:3: warning: single-threaded: account 'acme': 1 covered person, fewer than 2\n"
	"cli/acme.xml:3:3: warning: no-champion: account 'acme': no covered person is a champion\n"
	"</system-out>\n"
	"    <system-err/>\n"
	"  </testsuite>\n"
	"</testsuites>\n";

static const char junit_small_warnings_fail[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<testsuites>\n"
	"  <testsuite name=\"acme\" package=\"relmap\" id=\"0\" hostname=\"relmap\" timestamp=\"2026-11-01T00:00:00\" tests=\"7\" failures=\"3\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
	"    <properties>\n"
	"      <property name=\"input\" value=\"cli/acme.xml\"/>\n"
	"      <property name=\"as-of\" value=\"2026-11-01\"/>\n"
	"      <property name=\"account-name\" value=\"Acme Corp\"/>\n"
	"      <property name=\"coverage-score\" value=\"47.1\"/>\n"
	"    </properties>\n"
	"    <testcase name=\"Maria Lopez (p1)\" classname=\"relmap.acme.uncovered-decision-maker\" time=\"0\">\n"
	"      <failure message=\"Maria Lopez (p1), CEO, coverage 0.00\" type=\"uncovered-decision-maker\">cli/acme.xml:6:5\n"
	"access path: Jane Doe (u1) -&gt; Tom Ng (p2) -&gt; Maria Lopez (p1), strength 0.4\n"
	"</failure>\n"
	"    </testcase>\n"
	"    <testcase name=\"Tom Ng (p2)\" classname=\"relmap.acme.uncovered-decision-maker\" time=\"0\"/>\n"
	"    <testcase name=\"Maria Lopez (p1)\" classname=\"relmap.acme.stale-relationship\" time=\"0\"/>\n"
	"    <testcase name=\"Tom Ng (p2)\" classname=\"relmap.acme.stale-relationship\" time=\"0\"/>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.single-threaded\" time=\"0\">\n"
	"      <failure message=\"account 'acme': 1 covered person, fewer than 2\" type=\"single-threaded\">cli/acme.xml:3:3\n"
	"</failure>\n"
	"    </testcase>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.missing-economic-buyer\" time=\"0\"/>\n"
	"    <testcase name=\"acme\" classname=\"relmap.acme.no-champion\" time=\"0\">\n"
	"      <failure message=\"account 'acme': no covered person is a champion\" type=\"no-champion\">cli/acme.xml:3:3\n"
	"</failure>\n"
	"    </testcase>\n"
	"    <system-out/>\n"
	"    <system-err/>\n"
	"  </testsuite>\n"
	"</testsuites>\n";

static const char markdown_small[] =
	"# relmap check: cli/acme.xml\n"
	"\n"
	"As of 2026-11-01: 1 account, 1 error, 2 warnings.\n"
	"\n"
	"| Account | Coverage score | Errors | Warnings |\n"
	"| --- | ---: | ---: | ---: |\n"
	"| Acme Corp (acme) | 47.1 | 1 | 2 |\n"
	"\n"
	"## Acme Corp (acme)\n"
	"\n"
	"Coverage score 47.1; 2 persons, 2 key, 1 covered.\n"
	"\n"
	"- **error** uncovered-decision-maker: Maria Lopez (p1), CEO, coverage 0.00 (cli/acme.xml, line 6)\n"
	"  - access path: Jane Doe (u1) → Tom Ng (p2) → Maria Lopez (p1), strength 0.4\n"
	"- **warning** single-threaded: account 'acme': 1 covered person, fewer than 2 (cli/acme.xml, line 3)\n"
	"- **warning** no-champion: account 'acme': no covered person is a champion (cli/acme.xml, line 3)\n";

static const char github_small[] =
	"::error file=cli/acme.xml,line=6,col=5,title=uncovered-decision-maker::Maria Lopez (p1), CEO, coverage 0.00; access path: Jane Doe (u1) -> Tom Ng (p2) -> Maria Lopez (p1), strength 0.4\n"
	"::warning file=cli/acme.xml,line=3,col=3,title=single-threaded::account 'acme': 1 covered person, fewer than 2\n"
	"::warning file=cli/acme.xml,line=3,col=3,title=no-champion::account 'acme': no covered person is a champion\n";

static void assert_report(enum format f, const char *want)
{
	char *got = report(f, 1);
	assert_string_equal(got, want);
	free(got);
}

static void test_report__junit_exact_warnings_pass_in_system_out(void **state)
{
	(void)state;
	small("p1", "Maria Lopez");
	assert_report(JUNIT, junit_small);
}

static void test_report__junit_exact_warnings_fail_with_flag(void **state)
{
	(void)state;
	small("p1", "Maria Lopez");
	assert_report(JUNIT_WARNINGS_FAIL, junit_small_warnings_fail);
}

static void test_report__markdown_exact(void **state)
{
	(void)state;
	small("p1", "Maria Lopez");
	assert_report(MARKDOWN, markdown_small);
}

static void test_report__github_exact(void **state)
{
	(void)state;
	small("p1", "Maria Lopez");
	assert_report(GITHUB, github_small);
}

static void test_report__no_accounts(void **state)
{
	(void)state;
	char *s = report(JUNIT, 0);
	assert_string_equal(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<testsuites/>\n");
	free(s);
	s = report(MARKDOWN, 0);
	assert_string_equal(s, "# relmap check: cli/acme.xml\n\n"
			       "0 accounts, 0 errors, 0 warnings.\n");
	free(s);
	s = report(GITHUB, 0);
	assert_string_equal(s, "");
	free(s);
}

/* ---- JUnit: test cases per rule ---- */

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A blocker below the influence bound is checked (and passes); a plain
 * person gets no test case at all. */
static void test_report__junit_checks_blockers_not_plain_persons(void **state)
{
	(void)state;
	person("p3", "Lee Park", RELMAP_ROLE_BLOCKER, 0.3, 10);
	person("p4", "Pat Plain", RELMAP_ROLE_USER, 0.1, 11);
	small("p1", "Maria Lopez");
	char *s = report(JUNIT, 1);
	assert_int_equal(count(s, "classname=\"relmap.acme.unmanaged-blocker\""), 1);
	assert_non_null(strstr(s, "<testcase name=\"Lee Park (p3)\" classname="
			       "\"relmap.acme.unmanaged-blocker\" time=\"0\"/>"));
	assert_null(strstr(s, "p4"));
	assert_non_null(strstr(s, "tests=\"8\" failures=\"1\""));
	free(s);
}

/* ---- JUnit against the XSD, with libxml2's own validator ---- */

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* 0 when `xml` is valid per tests/data/junit/junit.xsd (the tests run in
 * tests/data); the validator's messages go to stderr unless `silent`. */
static int junit_validate_ex(const char *xml, int silent)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt("junit/junit.xsd");
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "report.xml", NULL,
				    XML_PARSE_NONET);
	if (vc && silent)
		xmlSchemaSetValidStructuredErrors(vc, quiet, NULL);
	int rc = vc && d ? xmlSchemaValidateDoc(vc, d) : -1;
	xmlFreeDoc(d);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static int junit_validate(const char *xml)
{
	return junit_validate_ex(xml, 0);
}

static void test_report__junit_valid_per_xsd(void **state)
{
	(void)state;
	/* The validator does reject: a suite without its attributes. */
	assert_int_not_equal(junit_validate_ex(
		"<testsuites><testsuite/></testsuites>", 1), 0);
	small("p1", "Maria Lopez");
	for (int f = JUNIT; f <= JUNIT_WARNINGS_FAIL; f++) {
		char *s = report((enum format)f, 1);
		assert_int_equal(junit_validate(s), 0);
		free(s);
		s = report((enum format)f, 0);
		assert_int_equal(junit_validate(s), 0);
		free(s);
	}
}

/* Markup is escaped by the writer; control characters and bytes that are
 * not UTF-8 (possible from CSV), overlong forms included, become U+FFFD, so the report stays
 * well-formed and valid. */
static void test_report__junit_hostile_name_stays_valid(void **state)
{
	(void)state;
	small("p<1>", "<b>&\"x\"\x01\xff\xc1\xbf ]]> \xe6\x9d\x8e");
	char *s = report(JUNIT, 1);
	assert_int_equal(junit_validate(s), 0);
	assert_non_null(strstr(s, "name=\"&lt;b&gt;&amp;&quot;x&quot;"
			       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd ]]&gt; \xe6\x9d\x8e (p&lt;1&gt;)\""));
	assert_null(strstr(s, "\x01"));
	assert_null(strstr(s, "<b>"));
	free(s);
}

/* ---- Markdown escaping ---- */

static void test_report__markdown_escapes_hostile_name(void **state)
{
	(void)state;
	small("p_1", "*B*|<i>_x_`c`&[l](u)$m$~s~\\#!\nnext");
	char *s = report(MARKDOWN, 1);
	assert_non_null(strstr(s, "- **error** uncovered-decision-maker: "
			       "\\*B\\*\\|&lt;i&gt;\\_x\\_\\`c\\`&amp;\\[l\\](u)"
			       "\\$m\\$\\~s\\~\\\\\\#\\! next (p\\_1), CEO, "
			       "coverage 0.00 (cli/acme.xml, line 6)\n"));
	assert_null(strstr(s, "<i>"));
	assert_null(strstr(s, "\nnext"));
	free(s);
}

static void test_report__markdown_escapes_table_cells(void **state)
{
	(void)state;
	acct()->name = "A|B <C>";
	small("p1", "Maria Lopez");
	char *s = report(MARKDOWN, 1);
	assert_non_null(strstr(s, "\n| A\\|B &lt;C&gt; (acme) | 47.1 | 1 | 2 |\n"));
	assert_non_null(strstr(s, "\n## A\\|B &lt;C&gt; (acme)\n"));
	free(s);
}

/* ---- GitHub escaping ---- */

static void test_report__github_escapes_message_and_properties(void **state)
{
	(void)state;
	small("p1", "50% a\r\nb: c, d");
	doc->path = "dir:a,b%.xml";
	char *s = report(GITHUB, 1);
	assert_string_equal(s,
		"::error file=dir%3Aa%2Cb%25.xml,line=6,col=5,"
		"title=uncovered-decision-maker::50%25 a%0D%0Ab: c, d (p1), CEO, "
		"coverage 0.00; access path: Jane Doe (u1) -> Tom Ng (p2) -> "
		"50%25 a%0D%0Ab: c, d (p1), strength 0.4\n"
		"::warning file=dir%3Aa%2Cb%25.xml,line=3,col=3,"
		"title=single-threaded::account 'acme': 1 covered person, fewer "
		"than 2\n"
		"::warning file=dir%3Aa%2Cb%25.xml,line=3,col=3,"
		"title=no-champion::account 'acme': no covered person is a "
		"champion\n");
	free(s);
}

/* Without a known position the annotation names the file only. */
static void test_report__github_without_position(void **state)
{
	(void)state;
	acct()->pos = (relmap_pos){ 0, 0 };
	small("p1", "Maria Lopez");
	char *s = report(GITHUB, 1);
	assert_non_null(strstr(s, "::warning file=cli/acme.xml,"
			       "title=no-champion::"));
	free(s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_report__junit_exact_warnings_pass_in_system_out),
		T(test_report__junit_exact_warnings_fail_with_flag),
		T(test_report__markdown_exact),
		T(test_report__github_exact),
		T(test_report__no_accounts),
		T(test_report__junit_checks_blockers_not_plain_persons),
		T(test_report__junit_valid_per_xsd),
		T(test_report__junit_hostile_name_stays_valid),
		T(test_report__markdown_escapes_hostile_name),
		T(test_report__markdown_escapes_table_cells),
		T(test_report__github_escapes_message_and_properties),
		T(test_report__github_without_position),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
