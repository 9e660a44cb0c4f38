/* test_load.c - the XML loader: values, defaults, every error with its
 * exact text and position, hostile input, and the schema. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "relmap/relmap.h"

/* The unit tests run in tests/data. */
#define DATA "load/"

static const relmap_load_options no_schema = { 0, 64, 0, RELMAP_LIMITS_INIT };

/* Load `xml` from memory as "t.xml"; the diagnostics stay in *d. */
static int load_opts(relmap_document **doc, relmap_diags *d, const char *xml,
		     const relmap_load_options *opts)
{
	relmap_diags_init(d, 20);
	return relmap_document_load_xml_memory(doc, xml, strlen(xml), "t.xml",
					       opts, d);
}

static int load(relmap_document **doc, relmap_diags *d, const char *xml)
{
	return load_opts(doc, d, xml, NULL);
}

/* Load a document that must be valid, with and without the schema. */
static relmap_document *load_ok(const char *xml)
{
	relmap_document *doc = NULL;
	relmap_diags d;
	for (int schema = 0; schema < 2; schema++) {
		relmap_load_options o = RELMAP_LOAD_OPTIONS_INIT;
		o.validate_schema = schema;
		relmap_document_free(doc);
		int rc = load_opts(&doc, &d, xml, &o);
		if (rc != 0 || d.count != 0) {
			for (size_t i = 0; i < d.count; i++)
				fprintf(stderr, "%d:%d: %s\n", d.items[i].line,
					d.items[i].column, d.items[i].message);
		}
		assert_int_equal(rc, 0);
		assert_int_equal(d.count, 0);
		assert_non_null(doc);
		relmap_diags_free(&d);
	}
	return doc;
}

/* "LINE:COL: MESSAGE" for each diagnostic, one per line. */
static char *render(const relmap_diags *d)
{
	size_t cap = 64;
	for (size_t i = 0; i < d->count; i++)
		cap += strlen(d->items[i].message) + 32;
	char *s = malloc(cap), *o = s;
	*o = '\0';
	for (size_t i = 0; i < d->count; i++)
		o += sprintf(o, "%d:%d: %s\n", d->items[i].line,
			     d->items[i].column, d->items[i].message);
	return s;
}

/* Load `xml`, which must fail with EDATA, with and without the schema,
 * and compare the diagnostics with `want` (render's format): the schema
 * plug must never change what the loader says. */
static void expect_errors(const char *xml, const char *want)
{
	char *first = NULL;
	for (int schema = 0; schema < 2; schema++) {
		relmap_load_options o = RELMAP_LOAD_OPTIONS_INIT;
		o.validate_schema = schema;
		relmap_document *doc = NULL;
		relmap_diags d;
		assert_int_equal(load_opts(&doc, &d, xml, &o), RELMAP_EDATA);
		assert_null(doc);
		char *got = render(&d);
		for (size_t i = 0; i < d.count; i++)
			assert_string_equal(d.items[i].file, "t.xml");
		assert_string_equal(got, want);
		if (first)
			assert_string_equal(got, first);
		free(first);
		first = got;
		relmap_diags_free(&d);
	}
	free(first);
}

#define HEAD "<?xml version=\"1.0\"?>\n<relmap version=\"1\">\n"
#define ACCOUNT(body) HEAD "  <account id=\"a\">\n" body "  </account>\n</relmap>\n"

/* ------------------------------------------------------------------ */
/* Valid documents */

static void load__valid_full_file(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "valid-full.xml",
						  NULL, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(doc->path, DATA "valid-full.xml");
	assert_true(doc->has_as_of);
	int32_t asof;
	relmap_date_parse(&asof, "2026-11-01");
	assert_int_equal(doc->as_of, asof);
	assert_int_equal(doc->n_accounts, 2);

	const relmap_account *a = &doc->accounts[0];
	assert_string_equal(a->id, "acme");
	assert_string_equal(a->name, "Acme & Sons <Ltd> \"Q\" 'A'");
	assert_string_equal(a->industry, "Manufacturing");
	assert_string_equal(a->segment, "enterprise");
	assert_string_equal(a->url, "https://example.com/acme?a=1&b=2");
	assert_int_equal(a->stage, RELMAP_STAGE_CHURN_RISK);
	assert_true(a->has_value);
	assert_true(a->value == 1.5e6);
	assert_int_equal(a->pos.line, 4);
	assert_int_equal(a->pos.column, 3);

	assert_int_equal(a->n_members, 5);
	assert_string_equal(a->members[0].id, "u1");
	assert_string_equal(a->members[0].name, "Jane Doe");
	assert_int_equal(a->members[0].role, RELMAP_MEMBER_ACCOUNT_EXECUTIVE);
	assert_int_equal(a->members[1].role, RELMAP_MEMBER_SALES_ENGINEER);
	assert_string_equal(a->members[1].name, "Zo\xc3\xab \xc3\x98"
						 "deg\xc3\xa5rd");
	assert_int_equal(a->members[2].role, RELMAP_MEMBER_CUSTOMER_SUCCESS);
	assert_string_equal(a->members[2].name, "\xe6\x9d\x8e\xe5\xa8\x9c");
	assert_int_equal(a->members[3].role, RELMAP_MEMBER_EXECUTIVE_SPONSOR);
	assert_string_equal(a->members[3].name, "Chief \xf0\x9f\x9a\x80");
	assert_int_equal(a->members[4].role, RELMAP_MEMBER_PARTNER);
	assert_string_equal(a->members[4].name, "Partner & Co");
	assert_int_equal(a->members[0].pos.line, 7);
	assert_int_equal(a->members[0].pos.column, 7);

	assert_int_equal(a->n_persons, 10);
	const relmap_person *p = &a->persons[0];
	assert_string_equal(p->id, "p1");
	assert_string_equal(p->name, "Maria Lopez");
	assert_string_equal(p->title, "Chief Executive Officer");
	assert_string_equal(p->department, "Executive");
	assert_string_equal(p->email, "maria@example.com");
	assert_string_equal(p->url, "https://example.com/p1");
	assert_null(p->reports_to);
	assert_int_equal(p->manager, -1);
	assert_int_equal(p->role, RELMAP_ROLE_DECISION_MAKER);
	assert_int_equal(p->attitude, RELMAP_ATTITUDE_CHAMPION);
	assert_true(p->influence == 0.95);
	assert_int_equal(p->pos.line, 13);
	assert_int_equal(p->pos.column, 5);

	static const relmap_role roles[10] = {
		RELMAP_ROLE_DECISION_MAKER, RELMAP_ROLE_ECONOMIC_BUYER,
		RELMAP_ROLE_TECHNICAL_BUYER, RELMAP_ROLE_USER_BUYER,
		RELMAP_ROLE_INFLUENCER, RELMAP_ROLE_CHAMPION,
		RELMAP_ROLE_GATEKEEPER, RELMAP_ROLE_BLOCKER, RELMAP_ROLE_USER,
		RELMAP_ROLE_UNKNOWN,
	};
	static const relmap_attitude atts[7] = {
		RELMAP_ATTITUDE_CHAMPION, RELMAP_ATTITUDE_SUPPORTER,
		RELMAP_ATTITUDE_NEUTRAL, RELMAP_ATTITUDE_SKEPTIC,
		RELMAP_ATTITUDE_OPPONENT, RELMAP_ATTITUDE_UNKNOWN,
		RELMAP_ATTITUDE_UNKNOWN,
	};
	static const double infl[7] = { 0.95, 1, 0, 0.5, 1e-3, 0.25, 0 };
	for (int i = 0; i < 10; i++) {
		assert_int_equal(a->persons[i].role, roles[i]);
		if (i < 7) {
			assert_int_equal(a->persons[i].attitude, atts[i]);
			assert_true(a->persons[i].influence == infl[i]);
		}
	}
	assert_string_equal(a->persons[1].reports_to, "p1");
	assert_int_equal(a->persons[1].manager, 0);
	assert_int_equal(a->persons[4].manager, 2);
	assert_string_equal(a->persons[9].id, "p10");

	assert_int_equal(a->n_dotted_lines, 1);
	assert_int_equal(a->dotted_lines[0].from, 6);
	assert_int_equal(a->dotted_lines[0].to, 1);
	assert_int_equal(a->n_influences, 2);
	assert_int_equal(a->influences[0].from, 2);
	assert_int_equal(a->influences[0].to, 0);
	assert_true(a->influences[0].weight == 0.7);
	assert_true(a->influences[1].weight == -1);
	assert_int_equal(a->n_coverages, 2);
	assert_int_equal(a->coverages[0].member, 0);
	assert_int_equal(a->coverages[0].person, 1);
	assert_true(a->coverages[0].strength == 0.8);
	assert_true(a->coverages[1].strength == 0);
	assert_int_equal(a->n_touchpoints, 6);
	static const relmap_channel ch[6] = {
		RELMAP_CHANNEL_MEETING, RELMAP_CHANNEL_CALL,
		RELMAP_CHANNEL_EMAIL, RELMAP_CHANNEL_EVENT,
		RELMAP_CHANNEL_SUPPORT, RELMAP_CHANNEL_SOCIAL,
	};
	static const relmap_sentiment se[6] = {
		RELMAP_SENTIMENT_POSITIVE, RELMAP_SENTIMENT_NEUTRAL,
		RELMAP_SENTIMENT_NEGATIVE, RELMAP_SENTIMENT_NEUTRAL,
		RELMAP_SENTIMENT_NEUTRAL, RELMAP_SENTIMENT_NEUTRAL,
	};
	for (int i = 0; i < 6; i++) {
		assert_int_equal(a->touchpoints[i].channel, ch[i]);
		assert_int_equal(a->touchpoints[i].sentiment, se[i]);
	}
	int32_t day;
	relmap_date_parse(&day, "2026-10-02");
	assert_int_equal(a->touchpoints[0].date, day);
	relmap_date_parse(&day, "2024-02-29");
	assert_int_equal(a->touchpoints[3].date, day);
	assert_int_equal(a->touchpoints[5].member, 4);
	assert_int_equal(a->touchpoints[5].person, 5);

	/* Ids are per account. */
	assert_string_equal(doc->accounts[1].id, "beta");
	assert_string_equal(doc->accounts[1].persons[0].id, "p1");
	assert_ptr_equal(relmap_document_find_account(doc, "beta"),
			 &doc->accounts[1]);
	relmap_document_free(doc);
	relmap_diags_free(&d);
}

static void load__defaults_for_optional_attributes(void **state)
{
	(void)state;
	relmap_document *doc = load_ok(
		"<relmap version='1'><account id='a'>"
		"<team><member id='u' name='U'/></team>"
		"<person id='p' name='P'/>"
		"<touchpoint member='u' person='p' channel='call' date='2026-01-01'/>"
		"</account></relmap>");
	assert_false(doc->has_as_of);
	const relmap_account *a = &doc->accounts[0];
	assert_null(a->name);
	assert_null(a->industry);
	assert_null(a->segment);
	assert_null(a->url);
	assert_int_equal(a->stage, RELMAP_STAGE_NONE);
	assert_false(a->has_value);
	assert_int_equal(a->members[0].role, RELMAP_MEMBER_NONE);
	const relmap_person *p = &a->persons[0];
	assert_null(p->title);
	assert_null(p->department);
	assert_null(p->email);
	assert_null(p->url);
	assert_null(p->reports_to);
	assert_int_equal(p->manager, -1);
	assert_int_equal(p->role, RELMAP_ROLE_UNKNOWN);
	assert_int_equal(p->attitude, RELMAP_ATTITUDE_UNKNOWN);
	assert_true(p->influence == 0);
	assert_int_equal(a->touchpoints[0].sentiment, RELMAP_SENTIMENT_NEUTRAL);
	relmap_document_free(doc);
}

static void load__forward_references_resolve(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "valid-minimal.xml",
						  NULL, &d), 0);
	const relmap_account *a = &doc->accounts[0];
	assert_int_equal(a->n_persons, 2);
	assert_string_equal(a->persons[0].id, "p2");
	assert_int_equal(a->persons[0].manager, 1);
	assert_string_equal(a->persons[0].reports_to, "p1");
	assert_string_equal(a->persons[1].name, "");
	assert_int_equal(a->coverages[0].member, 0);
	assert_int_equal(a->coverages[0].person, 0);
	assert_true(a->coverages[0].strength == 0.4);
	assert_int_equal(a->touchpoints[0].member, 0);
	assert_int_equal(a->touchpoints[0].person, 0);
	relmap_document_free(doc);
	relmap_diags_free(&d);
}

static void load__special_characters_preserved(void **state)
{
	(void)state;
	relmap_document *doc = load_ok(
		"<relmap version='1'><account id='a&amp;b'>"
		"<person id='x&amp;y' name='&amp; &lt; &gt; &quot; &apos; "
		"&#38;&#x26;&#60; \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80'"
		" title='a&#10;b&#9;c' department='&amp;amp;'/>"
		"<person id='z' name='\"' reports-to='x&#38;y'/>"
		"</account></relmap>");
	const relmap_account *a = &doc->accounts[0];
	assert_string_equal(a->id, "a&b");
	assert_string_equal(a->persons[0].id, "x&y");
	assert_string_equal(a->persons[0].name,
			    "& < > \" ' &&< \xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
	assert_string_equal(a->persons[0].title, "a\nb\tc");
	assert_string_equal(a->persons[0].department, "&amp;");
	assert_string_equal(a->persons[1].name, "\"");
	assert_int_equal(a->persons[1].manager, 0);
	relmap_document_free(doc);
}

static void load__numbers_in_every_decimal_form(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		double value;
	} ok[] = {
		{ "0.7", 0.7 }, { "1", 1 }, { "1e-3", 1e-3 }, { ".5", 0.5 },
		{ "1.", 1 }, { "+0.25", 0.25 }, { " 0.5 ", 0.5 },
		{ "5E-1", 0.5 }, { "0.1e+1", 1 }, { "-0", 0 },
		{ "0.30000000000000004441", 0.30000000000000004441 },
		{ "000.125", 0.125 }, { "1e-400", 0 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char xml[256];
		snprintf(xml, sizeof(xml),
			 "<relmap version='1'><account id='a'>"
			 "<person id='p' name='n' influence='%s'/>"
			 "</account></relmap>", ok[i].text);
		relmap_document *doc = load_ok(xml);
		assert_true(doc->accounts[0].persons[0].influence == ok[i].value);
		relmap_document_free(doc);
	}
}

static void load__numbers_rejected_with_reason(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"NaN", "nan", "INF", "-INF", "inf", "", " ", "0x1", "1.5",
		"abc", "1e", "--1", "1 2", "1e400", "0.5x", ".", "e5", "1,5",
		"+", "\xc2\xa0" "1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char xml[256], want[256];
		snprintf(xml, sizeof(xml),
			 "<relmap version='1'><account id='a'>"
			 "<person id='p' name='n' influence='%s'/>"
			 "</account></relmap>", bad[i]);
		snprintf(want, sizeof(want),
			 "1:37: attribute 'influence' of <person> must be a "
			 "number from 0 to 1, not '%s'\n", bad[i]);
		expect_errors(xml, want);
	}
	expect_errors(ACCOUNT("    <team><member id='u' name='U'/></team>\n"
			      "    <person id='p' name='P'/><person id='q' name='Q'/>\n"
			      "    <influence from='p' to='q' weight='1.0001'/>\n"
			      "    <coverage member='u' person='p' strength='-0.1'/>\n"),
		      "6:5: attribute 'weight' of <influence> must be a number from -1 to 1, not '1.0001'\n"
		      "7:5: attribute 'strength' of <coverage> must be a number from 0 to 1, not '-0.1'\n");
	expect_errors("<relmap version='1'><account id='a' value='-5'/></relmap>",
		      "1:21: attribute 'value' of <account> must be a non-negative number, not '-5'\n");
}

static void load__bad_enum_lists_allowed_values(void **state)
{
	(void)state;
	expect_errors(ACCOUNT("    <team><member id='u' name='U' role='boss'/></team>\n"
			      "    <person id='p' name='P' role='Decision-Maker' attitude='hostile'/>\n"
			      "    <touchpoint member='u' person='p' channel='fax' date='2026-01-01' sentiment=' positive'/>\n"),
		      "4:11: attribute 'role' of <member> must be one of account-executive, sales-engineer, customer-success, executive-sponsor or partner, not 'boss'\n"
		      "5:5: attribute 'role' of <person> must be one of decision-maker, economic-buyer, technical-buyer, user-buyer, influencer, champion, gatekeeper, blocker, user or unknown, not 'Decision-Maker'\n"
		      "5:5: attribute 'attitude' of <person> must be one of champion, supporter, neutral, skeptic, opponent or unknown, not 'hostile'\n"
		      "6:5: attribute 'channel' of <touchpoint> must be one of meeting, call, email, event, support or social, not 'fax'\n"
		      "6:5: attribute 'sentiment' of <touchpoint> must be one of neutral, positive or negative, not ' positive'\n");
	expect_errors("<relmap version='1'><account id='a' stage='won'/></relmap>",
		      "1:21: attribute 'stage' of <account> must be one of prospect, onboarding, active, renewal, expansion or churn-risk, not 'won'\n");
}

static void load__dates_checked_against_calendar(void **state)
{
	(void)state;
	relmap_document *doc = load_ok("<relmap version='1' as-of=' 2024-02-29 '>"
				       "<account id='a'/></relmap>");
	int32_t day;
	relmap_date_parse(&day, "2024-02-29");
	assert_int_equal(doc->as_of, day);
	relmap_document_free(doc);
	static const char *const bad[] = {
		"2023-02-29", "2026-13-01", "2026-04-31", "2026-1-01",
		"26-01-01", "2026-01-01Z", "2026-01-01T00:00:00", "0000-01-01",
		"", "yesterday",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char xml[256], want[256];
		snprintf(xml, sizeof(xml),
			 "<relmap version='1' as-of='%s'><account id='a'/></relmap>",
			 bad[i]);
		snprintf(want, sizeof(want),
			 "1:1: attribute 'as-of' of <relmap> must be a date (YYYY-MM-DD), not '%s'\n",
			 bad[i]);
		expect_errors(xml, want);
	}
}

static void load__version_must_be_1(void **state)
{
	(void)state;
	expect_errors("<relmap version='2'><account id='a'/></relmap>",
		      "1:1: attribute 'version' of <relmap> must be 1, not '2'\n");
	expect_errors("<relmap version=' 1'><account id='a'/></relmap>",
		      "1:1: attribute 'version' of <relmap> must be 1, not ' 1'\n");
	expect_errors("<relmap><account id='a'/></relmap>",
		      "1:1: missing required attribute 'version' on <relmap>\n");
}

/* ------------------------------------------------------------------ */
/* Structure */

static void load__missing_required_attributes(void **state)
{
	(void)state;
	expect_errors(HEAD "  <account>\n"
		      "    <team><member/></team>\n"
		      "    <person/>\n"
		      "    <dotted-line/>\n"
		      "    <influence/>\n"
		      "    <coverage/>\n"
		      "    <touchpoint sentiment='neutral'/>\n"
		      "  </account>\n</relmap>\n",
		      "3:3: missing required attribute 'id' on <account>\n"
		      "4:11: missing required attribute 'id' on <member>\n"
		      "4:11: missing required attribute 'name' on <member>\n"
		      "5:5: missing required attribute 'id' on <person>\n"
		      "5:5: missing required attribute 'name' on <person>\n"
		      "6:5: missing required attribute 'from' on <dotted-line>\n"
		      "6:5: missing required attribute 'to' on <dotted-line>\n"
		      "7:5: missing required attribute 'from' on <influence>\n"
		      "7:5: missing required attribute 'to' on <influence>\n"
		      "7:5: missing required attribute 'weight' on <influence>\n"
		      "8:5: missing required attribute 'member' on <coverage>\n"
		      "8:5: missing required attribute 'person' on <coverage>\n"
		      "8:5: missing required attribute 'strength' on <coverage>\n"
		      "9:5: missing required attribute 'member' on <touchpoint>\n"
		      "9:5: missing required attribute 'person' on <touchpoint>\n"
		      "9:5: missing required attribute 'channel' on <touchpoint>\n"
		      "9:5: missing required attribute 'date' on <touchpoint>\n");
}

static void load__empty_ids_rejected(void **state)
{
	(void)state;
	expect_errors(HEAD "  <account id=''>\n"
		      "    <person id='' name='x'/>\n"
		      "    <person id='p' name='y' reports-to=''/>\n"
		      "    <coverage member='' person='p' strength='1'/>\n"
		      "  </account>\n</relmap>\n",
		      "3:3: attribute 'id' of <account> must not be empty\n"
		      "4:5: attribute 'id' of <person> must not be empty\n"
		      "5:5: attribute 'reports-to' of <person> must not be empty\n"
		      "6:5: attribute 'member' of <coverage> must not be empty\n");
}

static void load__unknown_attributes_and_elements(void **state)
{
	(void)state;
	expect_errors(HEAD "  <account id='a' foo='1' xml:lang='en'>\n"
		      "    <person id='p' name='P' foo='bar'><note/></person>\n"
		      "    <member id='u' name='U'/>\n"
		      "    <team><person id='q' name='Q'/><team/></team>\n"
		      "    <contact><deeper><deepest/></deeper></contact>\n"
		      "  </account>\n"
		      "  <person id='r' name='R'/>\n"
		      "</relmap>\n",
		      "3:3: unknown attribute 'foo' on <account>\n"
		      "3:3: unknown attribute 'xml:lang' on <account>\n"
		      "4:5: unknown attribute 'foo' on <person>\n"
		      "4:39: unknown element <note> in <person>\n"
		      "5:5: element <member> is not allowed in <account> (members go in <team>)\n"
		      "6:11: element <person> is not allowed in <team>\n"
		      "6:36: element <team> is not allowed in <team>\n"
		      "7:5: unknown element <contact> in <account>\n"
		      "9:3: element <person> is not allowed in <relmap>\n");
}

static void load__root_must_be_relmap_without_namespace(void **state)
{
	(void)state;
	expect_errors("<accounts><account id='a'/></accounts>",
		      "1:1: root element must be <relmap>, not <accounts>\n");
	expect_errors("<relmap xmlns='urn:x' version='1'><account id='a'/></relmap>",
		      "1:1: element <relmap> is in namespace 'urn:x'; relmap elements have no namespace\n");
	expect_errors("<r:relmap xmlns:r='urn:x' version='1'/>",
		      "1:1: root element must be <relmap>, not <r:relmap>\n");
	expect_errors("<relmap version='1' xmlns:x='urn:x'><account id='a' x:v='1'/></relmap>",
		      "1:37: unknown attribute 'x:v' on <account>\n");
	expect_errors("<relmap version='1'></relmap>",
		      "1:1: <relmap> must contain at least one <account>\n");
}

static void load__schema_location_hint_allowed(void **state)
{
	(void)state;
	relmap_document *doc = load_ok(
		"<relmap version='1' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
		" xsi:noNamespaceSchemaLocation='/etc/never-read.xsd'>"
		"<account id='a'/></relmap>");
	relmap_document_free(doc);
}

static void load__text_content_rejected_where_it_stands(void **state)
{
	(void)state;
	expect_errors(HEAD "  <account id='a'>\n"
		      "    <person id='p' name='P'>\n"
		      "      \xc3\xa9t\xc3\xa9 <!-- one message per element --> more\n"
		      "    </person>\n"
		      "    <team>\t x</team> y\n"
		      "    <person id='q' name='Q'><![CDATA[ ]]></person>\n"
		      "  </account>\n</relmap>\n",
		      "5:7: text is not allowed in <person>\n"
		      "7:13: text is not allowed in <team>\n"
		      "7:22: text is not allowed in <account>\n"
		      "8:29: text is not allowed in <person>\n");
	/* Blank text is fine everywhere, leaf elements included. */
	relmap_document *doc = load_ok(HEAD "  <account id='a'>\r\n\t<person id='p' name='P'>\n \t\r\n</person>"
				       "<team> </team>\n  </account>\n</relmap>\n");
	relmap_document_free(doc);
}

/* ------------------------------------------------------------------ */
/* Ids and references */

static void load__duplicate_id_names_first_line(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "duplicate-id.xml",
						  &no_schema, &d), RELMAP_EDATA);
	char *got = render(&d);
	assert_string_equal(got,
			    "9:5: duplicate id 'p2' (first defined at line 8)\n"
			    "10:5: duplicate id 'u1' (first defined at line 5)\n"
			    "12:3: duplicate account id 'acme' (first defined at line 3)\n"
			    "15:7: duplicate id 'p1' (first defined at line 14)\n");
	free(got);
	relmap_diags_free(&d);
}

static void load__dangling_references_say_what_was_expected(void **state)
{
	(void)state;
	expect_errors(ACCOUNT("    <team><member id='u1' name='U'/></team>\n"
			      "    <person id='p1' name='A'/>\n"
			      "    <person id='p9' name='B' reports-to='p99'/>\n"
			      "    <dotted-line from='p1' to='p42'/>\n"
			      "    <influence from='nobody' to='p1' weight='0.5'/>\n"
			      "    <coverage member='u7' person='p1' strength='0.5'/>\n"
			      "    <touchpoint member='u1' person='ghost' channel='call' date='2026-01-01'/>\n"),
		      "6:5: person 'p9' reports to unknown id 'p99'\n"
		      "7:5: attribute 'to' of <dotted-line> refers to unknown id 'p42' (expected a person)\n"
		      "8:5: attribute 'from' of <influence> refers to unknown id 'nobody' (expected a person)\n"
		      "9:5: attribute 'member' of <coverage> refers to unknown id 'u7' (expected a team member)\n"
		      "10:5: attribute 'person' of <touchpoint> refers to unknown id 'ghost' (expected a person)\n");
}

static void load__references_to_the_wrong_kind(void **state)
{
	(void)state;
	/* Backward and forward references give the same messages. */
	const char *want =
		"%d:5: person 'p1' reports to team member 'u1' (expected a person)\n"
		"%d:5: attribute 'from' of <dotted-line> refers to team member 'u1' (expected a person)\n"
		"%d:5: attribute 'member' of <coverage> refers to person 'p1' (expected a team member)\n"
		"%d:5: attribute 'person' of <coverage> refers to team member 'u1' (expected a person)\n";
	const char *body = "    <person id='p1' name='A' reports-to='u1'/>\n"
			   "    <dotted-line from='u1' to='p1'/>\n"
			   "    <coverage member='p1' person='u1' strength='0.5'/>\n";
	char xml[1024], exp[1024];
	snprintf(xml, sizeof(xml), ACCOUNT("    <team><member id='u1' name='U'/></team>\n%s"), body);
	snprintf(exp, sizeof(exp), want, 5, 6, 7, 7);
	expect_errors(xml, exp);
	snprintf(xml, sizeof(xml), ACCOUNT("%s    <team><member id='u1' name='U'/></team>\n"), body);
	snprintf(exp, sizeof(exp), want, 4, 5, 6, 6);
	expect_errors(xml, exp);
}

static void load__self_references_refused(void **state)
{
	(void)state;
	expect_errors(ACCOUNT("    <person id='p1' name='A' reports-to='p1'/>\n"
			      "    <dotted-line from='p1' to='p1'/>\n"
			      "    <influence from='p1' to='p1' weight='1'/>\n"),
		      "4:5: person 'p1' reports to itself\n"
		      "5:5: <dotted-line> from 'p1' to itself\n"
		      "6:5: <influence> from 'p1' to itself\n");
}

static void load__reports_to_cycle_named_in_order(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "cycle.xml", NULL,
						  &d), RELMAP_EDATA);
	char *got = render(&d);
	/* Once per cycle, from the person written first; p4 only leads into
	 * a cycle and is not named. */
	assert_string_equal(got,
			    "5:5: reports-to cycle: p3 -> p1 -> p2 -> p3\n"
			    "9:5: person 'p5' reports to itself\n"
			    "10:5: reports-to cycle: x1 -> x2 -> x1\n");
	free(got);
	relmap_diags_free(&d);
}

static void load__long_cycle_shortened(void **state)
{
	(void)state;
	char *xml = malloc(100000), *o = xml;
	o += sprintf(o, "<relmap version='1'><account id='a'>\n");
	for (int i = 0; i < 1000; i++)
		o += sprintf(o, "<person id='p%d' name='n' reports-to='p%d'/>\n", i,
			     (i + 1) % 1000);
	sprintf(o, "</account></relmap>\n");
	relmap_document *doc = NULL;
	relmap_diags d;
	assert_int_equal(load(&doc, &d, xml), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_string_equal(d.items[0].message,
			    "reports-to cycle of 1000 persons: p0 -> p1 -> p2 -> p3 -> p4 -> "
			    "p5 -> p6 -> p7 -> p8 -> p9 -> p10 -> p11 -> p12 -> p13 -> p14 -> "
			    "p15 -> p16 -> p17 -> p18 -> p19 -> ... -> p0");
	relmap_diags_free(&d);
	free(xml);
}

/* Many ids, short and long (sharing long prefixes, around the 16 bytes
 * the id table keeps inline), with references forward and back. */
static void load__many_ids_resolve(void **state)
{
	(void)state;
	static const char *const fmt[] = { "%d", "p%013d", "p%014d", "p%015d",
					   "a-rather-long-person-id-%06d" };
	for (size_t f = 0; f < 5; f++) {
		int n = 20000;
		char *xml = malloc((size_t)n * 160 + 100), *o = xml;
		char id[64], mgr[64];
		o += sprintf(o, "<relmap version='1'><account id='a'>\n");
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof(id), fmt[f], i);
			/* Even persons report to the next one (forward), odd
			 * ones to the one before (back); the last to no one. */
			int m = i % 2 == 0 ? i + 1 : i - 1;
			if (i == n - 2)
				m = -1;
			snprintf(mgr, sizeof(mgr), fmt[f], m);
			o += sprintf(o, "<person id='%s' name='n'%s%s%s/>\n", id,
				     m >= 0 ? " reports-to='" : "", m >= 0 ? mgr : "",
				     m >= 0 ? "'" : "");
		}
		sprintf(o, "</account></relmap>\n");
		relmap_document *doc = NULL;
		relmap_diags d;
		relmap_diags_init(&d, 0);
		int rc = relmap_document_load_xml_memory(&doc, xml, strlen(xml),
							 "t.xml", &no_schema, &d);
		/* Pairs report to each other: one cycle per pair but the last. */
		assert_int_equal(rc, RELMAP_EDATA);
		assert_int_equal(d.errors, (size_t)(n / 2 - 1));
		char want[256], a[64], b[64];
		snprintf(a, sizeof(a), fmt[f], 0);
		snprintf(b, sizeof(b), fmt[f], 1);
		snprintf(want, sizeof(want), "reports-to cycle: %s -> %s -> %s", a,
			 b, a);
		assert_string_equal(d.items[0].message, want);
		relmap_diags_free(&d);

		/* Without the cycles, every reference resolves. */
		o = xml;
		o += sprintf(o, "<relmap version='1'><account id='a'>\n");
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof(id), fmt[f], i);
			snprintf(mgr, sizeof(mgr), fmt[f], (i * 7919 + 1) % n);
			o += sprintf(o, "<person id='%s' name='n'/>"
				     "<influence from='%s' to='%s' weight='1'/>\n",
				     id, id, mgr);
		}
		sprintf(o, "</account></relmap>\n");
		rc = load_opts(&doc, &d, xml, &no_schema);
		if (rc)
			fail_msg("%s", d.items[0].message);
		const relmap_account *acc = &doc->accounts[0];
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof(id), fmt[f], i);
			assert_string_equal(acc->persons[i].id, id);
			assert_int_equal(acc->influences[i].from, i);
			assert_int_equal(acc->influences[i].to, (i * 7919 + 1) % n);
		}
		relmap_document_free(doc);
		relmap_diags_free(&d);
		free(xml);
	}
}

/* ------------------------------------------------------------------ */
/* Positions */

static void load__positions_point_at_the_start_tag(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "multiline.xml",
						  NULL, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 4);
	/* After a comment holding a two-byte character: column 15. */
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[0].column, 15);
	/* After a tab that ends a three-line tag. */
	assert_int_equal(d.items[1].line, 7);
	assert_int_equal(d.items[1].column, 25);
	/* Emoji count one column each. */
	assert_int_equal(d.items[2].line, 9);
	assert_int_equal(d.items[2].column, 5);
	assert_int_equal(d.items[3].line, 9);
	assert_int_equal(d.items[3].column, 39);
	relmap_diags_free(&d);
}

/* Line and column of byte `off` of `s`, counting characters. */
static void pos_of(const char *s, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Start tags that straddle the loader's 256 KiB chunks, multi-line and on
 * lines that began long before, are still placed at their '<'. */
static void load__positions_across_chunk_boundaries(void **state)
{
	(void)state;
	const size_t chunk = 256 * 1024;
	static const long shifts[] = { -300, -81, -80, -40, -9, -2, -1, 0, 1,
				       2, 5, 79, 81, 4097 };
	static const char *const fill[] = { "\n ", "x", "\xc3\xa9" };
	for (size_t f = 0; f < 3; f++) {
		for (size_t k = 0; k < sizeof(shifts) / sizeof(shifts[0]); k++) {
			size_t cap = chunk * 2 + 10000;
			char *xml = malloc(cap), *o = xml;
			o += sprintf(o, "<relmap version='1'><account id='a'>\n<!--");
			size_t target = (size_t)((long)chunk + shifts[k]);
			size_t flen = strlen(fill[f]);
			/* A comment fills the space up to the tag, so the tag's
			 * line starts far back (unless the filler breaks lines). */
			while ((size_t)(o - xml) + 3 + flen <= target)
				o += sprintf(o, "%s", fill[f]);
			while ((size_t)(o - xml) + 3 < target)
				*o++ = ' ';
			o += sprintf(o, "-->");
			size_t lt = (size_t)(o - xml);
			o += sprintf(o, "<person\n  id='p' name='n'\n  zz='1'/>\n");
			o += sprintf(o, "</account></relmap>\n");
			int line, col;
			pos_of(xml, lt, &line, &col);
			relmap_document *doc = NULL;
			relmap_diags d;
			assert_int_equal(load_opts(&doc, &d, xml, &no_schema),
					 RELMAP_EDATA);
			assert_int_equal(d.count, 1);
			assert_string_equal(d.items[0].message,
					    "unknown attribute 'zz' on <person>");
			if (d.items[0].line != line || d.items[0].column != col)
				fail_msg("fill %zu shift %ld: got %d:%d, want %d:%d",
					 f, shifts[k], d.items[0].line,
					 d.items[0].column, line, col);
			relmap_diags_free(&d);
			free(xml);
		}
	}
}

static void load__crlf_line_ends(void **state)
{
	(void)state;
	expect_errors("<relmap version='1'>\r\n  <account id='a'>\r\n"
		      "    <person\r\n id='p'\r\n name='n' bad='1'/>\r\n"
		      "  </account>\r\n</relmap>\r\n",
		      "3:5: unknown attribute 'bad' on <person>\n");
}

/* ------------------------------------------------------------------ */
/* Malformed and hostile input */

static void load__malformed_xml_reports_libxml2_message(void **state)
{
	(void)state;
	expect_errors(ACCOUNT("    <person id='p1' name='A'>\n"),
		      "5:13: opening and ending tag mismatch: person line 4 and account\n");
	expect_errors("<relmap version='1'><account id='a' name='x' name='y'/></relmap>",
		      "1:54: attribute name redefined\n");
	expect_errors("<relmap version='1'><account id='a' name='a<b'/></relmap>",
		      "1:44: unescaped '<' not allowed in attributes values\n");
	expect_errors("<relmap version='1'><account id='a'/></relmap><relmap/>",
		      "1:47: extra content at the end of the document\n");
	expect_errors("<relmap version='1'><account id='a'/>",
		      "1:38: unexpected end of file: <relmap> at line 1 is not closed\n");
	expect_errors("<relmap version='1'><account id='a' name='&nbsp;'/></relmap>",
		      "1:49: entity 'nbsp' not defined\n");
}

static void load__empty_and_blank_input(void **state)
{
	(void)state;
	expect_errors("", "1:1: document is empty\n");
	expect_errors("  \n  ", "2:3: document is empty\n");
	expect_errors("<?xml version='1.0'?>\n", "2:1: document is empty\n");
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "empty.xml", NULL,
						  &d), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message, "document is empty");
	relmap_diags_free(&d);
}

static void load__invalid_utf8_reported(void **state)
{
	(void)state;
	expect_errors("<relmap version='1'>\n  <account id='a' name='Caf\xe9'/>\n</relmap>\n",
		      "2:28: input is not proper UTF-8, indicate encoding ! Bytes: 0xE9 0x27 0x2F 0x3E\n");
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void load__entity_bomb_refused_fast(void **state)
{
	(void)state;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "entity-bomb.xml",
						  NULL, &d), RELMAP_EDATA);
	assert_true(seconds_since(&t0) < 2.0);
	char *got = render(&d);
	assert_string_equal(got, "2:1: document type declarations (<!DOCTYPE>) are not allowed\n");
	free(got);
	relmap_diags_free(&d);
}

static void load__external_entities_never_read(void **state)
{
	(void)state;
	static const char *const files[] = { DATA "external-entity.xml",
					     DATA "external-dtd.xml" };
	for (int i = 0; i < 2; i++) {
		relmap_document *doc = NULL;
		relmap_diags d = RELMAP_DIAGS_INIT;
		assert_int_equal(relmap_document_load_xml(&doc, files[i], NULL, &d),
				 RELMAP_EDATA);
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].line, 2);
		assert_int_equal(d.items[0].column, 1);
		assert_string_equal(d.items[0].message,
				    "document type declarations (<!DOCTYPE>) are not allowed");
		relmap_diags_free(&d);
	}
	/* Even a DOCTYPE with no declarations is refused. */
	expect_errors("<!DOCTYPE relmap>\n<relmap version='1'><account id='a'/></relmap>",
		      "1:1: document type declarations (<!DOCTYPE>) are not allowed\n");
}

static void load__depth_limit(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "deep.xml", NULL,
						  &d), RELMAP_EDATA);
	char *got = render(&d);
	assert_string_equal(got,
			    "4:5: unknown element <x> in <account>\n"
			    "4:191: elements are nested more than 64 deep\n");
	free(got);
	relmap_diags_free(&d);

	/* A smaller limit applies to valid elements too. */
	relmap_load_options o = { 1, 3, 0, RELMAP_LIMITS_INIT };
	assert_int_equal(load_opts(&doc, &d, "<relmap version='1'><account id='a'>"
				   "<team><member id='u' name='U'/></team></account></relmap>",
				   &o), RELMAP_EDATA);
	got = render(&d);
	assert_string_equal(got, "1:43: elements are nested more than 3 deep\n");
	free(got);
	relmap_diags_free(&d);

	/* Far deeper than libxml2's own limit: still one clean error. */
	size_t n = 100000;
	char *xml = malloc(n * 7 + 100), *p = xml;
	p += sprintf(p, "<relmap version='1'>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "<a>");
	*p = '\0';
	assert_int_equal(load(&doc, &d, xml), RELMAP_EDATA);
	got = render(&d);
	assert_string_equal(got,
			    "1:21: unknown element <a> in <relmap>\n"
			    "1:210: elements are nested more than 64 deep\n");
	free(got);
	relmap_diags_free(&d);
	free(xml);
}

static void load__limits_set_by_name(void **state)
{
	(void)state;
	relmap_limits l = RELMAP_LIMITS_INIT;
	assert_int_equal(l.max_bytes, (size_t)1 << 30);
	assert_int_equal(relmap_limits_set(&l, "max_persons=12"), 0);
	assert_int_equal(l.max_persons, 12);
	assert_int_equal(relmap_limits_set(&l, "max_bytes=0"), 0);
	assert_int_equal(l.max_bytes, 0);
	assert_int_equal(relmap_limits_set(&l, "max_columns=7"), 0);
	assert_int_equal(l.max_columns, 7);
	assert_int_equal(relmap_limits_set(&l, "max_person=1"), RELMAP_EUSAGE);
	assert_int_equal(relmap_limits_set(&l, "max_text=-1"), RELMAP_EUSAGE);
	assert_int_equal(relmap_limits_set(&l, "max_text= 1"), RELMAP_EUSAGE);
	assert_int_equal(relmap_limits_set(&l, "max_text="), RELMAP_EUSAGE);
	assert_int_equal(relmap_limits_set(&l, "max_text"), RELMAP_EUSAGE);
	assert_int_equal(relmap_limits_set(&l,
			 "max_text=99999999999999999999999"), RELMAP_EUSAGE);
	assert_int_equal(l.max_text, 4096);

	/* max_bytes from memory: parsed up to the limit, the error where
	 * parsing stopped; with the limit just big enough, it loads. */
	const char *xml = "<relmap version='1'>\n<account id='a'>\n"
			  "<person id='p' name='n'/>\n</account>\n</relmap>\n";
	relmap_load_options o = RELMAP_LOAD_OPTIONS_INIT;
	relmap_document *doc = NULL;
	relmap_diags d;
	o.limits.max_bytes = strlen(xml);
	assert_int_equal(load_opts(&doc, &d, xml, &o), 0);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	o.limits.max_bytes = strlen(xml) - 1;
	assert_int_equal(load_opts(&doc, &d, xml, &o), RELMAP_EDATA);
	assert_null(doc);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
			    "the input is too large: the limit is 84 bytes "
			    "(max_bytes, docs/limits.md)");
	relmap_diags_free(&d);
}

static void load__huge_values(void **state)
{
	(void)state;
	/* A 5 MB name is over the default max_text, a clean error; with
	 * that limit off it loads, and past libxml2's own 10 MB limit is a
	 * clean error still. */
	size_t n = 5 * 1000 * 1000;
	char *xml = malloc(2 * n + 200);
	sprintf(xml, "<relmap version='1'><account id='a'><person id='p' name='");
	size_t o = strlen(xml);
	memset(xml + o, 'x', n);
	strcpy(xml + o + n, "'/></account></relmap>");
	relmap_document *doc = NULL;
	relmap_diags d;
	assert_int_equal(load(&doc, &d, xml), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
			    "name=\"...\" on <person> is 5000000 bytes long: the "
			    "limit is 4096 bytes (max_text, docs/limits.md)");
	relmap_diags_free(&d);

	relmap_load_options unlimited = RELMAP_LOAD_OPTIONS_INIT;
	unlimited.limits.max_text = 0;
	assert_int_equal(load_opts(&doc, &d, xml, &unlimited), 0);
	assert_int_equal(strlen(doc->accounts[0].persons[0].name), n);
	relmap_document_free(doc);
	relmap_diags_free(&d);

	memset(xml + o, 'x', 2 * n);
	strcpy(xml + o + 2 * n, "'/></account></relmap>");
	assert_int_equal(load_opts(&doc, &d, xml, &unlimited), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 1);
	assert_string_equal(d.items[0].message,
			    "a tag or text is too long (the limit is 10 MB)");
	relmap_diags_free(&d);
	free(xml);
	char *got;

	/* A long id in a message is cut short, and control characters are
	 * shown escaped so a diagnostic stays on one line. */
	xml = malloc(1000);
	sprintf(xml, "<relmap version='1'><account id='a'>"
		     "<person id='p' name='n' reports-to='%0200d'/>"
		     "<person id='q' name='n' reports-to='a&#10;b&#9;c'/>"
		     "</account></relmap>", 7);
	assert_int_equal(load(&doc, &d, xml), RELMAP_EDATA);
	got = render(&d);
	assert_string_equal(got,
			    "1:37: person 'p' reports to unknown id '0000000000000000000000000000000000000000000000000000000000000000...'\n"
			    "1:276: person 'q' reports to unknown id 'a\\nb\\tc'\n");
	free(got);
	relmap_diags_free(&d);
	free(xml);
}

static void load__stops_after_the_diags_limit(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_xml(&doc, DATA "many-errors.xml",
						  NULL, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 20);
	assert_int_equal(d.errors, 20);
	assert_int_equal(d.items[19].line, 23);
	relmap_diags_free(&d);
	relmap_diags_init(&d, 3);
	assert_int_equal(relmap_document_load_xml(&doc, DATA "many-errors.xml",
						  NULL, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 3);
	relmap_diags_free(&d);
	relmap_diags_init(&d, 0);
	assert_int_equal(relmap_document_load_xml(&doc, DATA "many-errors.xml",
						  NULL, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 30);
	relmap_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Files, standard input, memory */

static void load__missing_file_is_enoent(void **state)
{
	(void)state;
	relmap_document *doc = (relmap_document *)1;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, DATA "no-such-file.xml",
						  NULL, &d), RELMAP_ENOENT);
	assert_null(doc);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, DATA "no-such-file.xml");
	assert_int_equal(d.items[0].line, 0);
	assert_string_equal(d.items[0].message,
			    "cannot open: No such file or directory");
	relmap_diags_free(&d);
	assert_int_equal(relmap_document_load_xml(&doc, "load", NULL, &d),
			 RELMAP_ENOENT);
	assert_string_equal(d.items[0].message, "cannot open: Is a directory");
	relmap_diags_free(&d);
}

static void load__stdin_read_with_dash(void **state)
{
	(void)state;
	const char *xml = "<relmap version='1'><account id='s'/></relmap>";
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], xml, strlen(xml)), (ssize_t)strlen(xml));
	close(fds[1]);
	int saved = dup(STDIN_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	int rc = relmap_document_load_xml(&doc, "-", NULL, &d);
	dup2(saved, STDIN_FILENO);
	close(saved);
	assert_int_equal(rc, 0);
	assert_string_equal(doc->path, "<stdin>");
	assert_string_equal(doc->accounts[0].id, "s");
	relmap_document_free(doc);
	relmap_diags_free(&d);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void load__memory_and_file_agree(void **state)
{
	(void)state;
	static const char *const files[] = { "valid-full.xml", "bad-values.xml",
					     "bad-structure.xml", "cycle.xml" };
	for (size_t i = 0; i < 4; i++) {
		char path[256];
		snprintf(path, sizeof(path), DATA "%s", files[i]);
		size_t len;
		char *data = read_file(path, &len);
		relmap_document *a = NULL, *b = NULL;
		relmap_diags da = RELMAP_DIAGS_INIT, db = RELMAP_DIAGS_INIT;
		int ra = relmap_document_load_xml(&a, path, NULL, &da);
		int rb = relmap_document_load_xml_memory(&b, data, len, path,
							 NULL, &db);
		assert_int_equal(ra, rb);
		char *ga = render(&da), *gb = render(&db);
		assert_string_equal(ga, gb);
		if (a) {
			assert_int_equal(a->n_accounts, b->n_accounts);
			assert_int_equal(a->accounts[0].n_persons,
					 b->accounts[0].n_persons);
		}
		free(ga);
		free(gb);
		relmap_document_free(a);
		relmap_document_free(b);
		relmap_diags_free(&da);
		relmap_diags_free(&db);
		free(data);
	}
	/* A NULL name gets a placeholder. */
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml_memory(&doc, "<x/>", 4, NULL,
							 NULL, &d), RELMAP_EDATA);
	assert_string_equal(d.items[0].file, "<memory>");
	relmap_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* The schema */

static void load__schema_is_the_shipped_file(void **state)
{
	(void)state;
	size_t len;
	char *data = read_file("../../schema/relmap.xsd", &len);
	assert_int_equal(strlen(relmap_schema_xsd()), len);
	assert_memory_equal(relmap_schema_xsd(), data, len);
	free(data);
}

static int schema_validate(xmlSchemaPtr schema, const char *path)
{
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(v, NULL, NULL);
	int rc = xmlSchemaValidateFile(v, path, 0);
	xmlSchemaFreeValidCtxt(v);
	return rc;
}

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* What `xmllint --noout --schema schema/relmap.xsd FILE` says, through
 * libxml2's API: valid files pass, structurally invalid ones fail, and
 * files whose problems are ids (which the schema leaves to the loader)
 * pass the schema but not the loader. */
static void load__test_files_against_the_schema(void **state)
{
	(void)state;
	xmlSetStructuredErrorFunc(NULL, quiet);
	const char *xsd = relmap_schema_xsd();
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd));
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	static const char *const valid[] = {
		DATA "valid-full.xml", DATA "valid-minimal.xml",
		"cli/acme.xml", "cli/two.xml", "../../samples/startup.xml",
		"../../samples/midmarket.xml", "../../samples/enterprise.xml",
	};
	static const char *const loader_only[] = {
		DATA "dangling.xml", DATA "wrong-kind.xml",
		DATA "duplicate-id.xml", DATA "cycle.xml",
	};
	static const char *const invalid[] = {
		DATA "bad-values.xml", DATA "bad-structure.xml", DATA "deep.xml",
		DATA "no-account.xml", DATA "wrong-root.xml",
		DATA "namespace.xml", DATA "many-errors.xml",
		DATA "multiline.xml",
	};
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		if (access(valid[i], R_OK) != 0)
			continue; /* samples may not be there yet */
		if (schema_validate(schema, valid[i]) != 0)
			fail_msg("%s should validate", valid[i]);
	}
	for (size_t i = 0; i < sizeof(loader_only) / sizeof(loader_only[0]); i++) {
		if (schema_validate(schema, loader_only[i]) != 0)
			fail_msg("%s should validate", loader_only[i]);
		relmap_document *doc = NULL;
		relmap_diags d = RELMAP_DIAGS_INIT;
		assert_int_equal(relmap_document_load_xml(&doc, loader_only[i],
							  NULL, &d), RELMAP_EDATA);
		relmap_diags_free(&d);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		if (schema_validate(schema, invalid[i]) == 0)
			fail_msg("%s should not validate", invalid[i]);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Every invalid test file gives the same diagnostics with the schema
 * plugged in as without: the loader speaks first on every element. */
static void load__schema_adds_nothing_the_loader_found(void **state)
{
	(void)state;
	static const char *const files[] = {
		"bad-values.xml", "bad-structure.xml", "deep.xml",
		"no-account.xml", "wrong-root.xml", "namespace.xml",
		"many-errors.xml", "multiline.xml", "dangling.xml",
		"wrong-kind.xml", "duplicate-id.xml", "cycle.xml",
		"tag-mismatch.xml", "truncated.xml", "bad-utf8.xml",
		"entity-bomb.xml", "undeclared-entity.xml",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[256];
		snprintf(path, sizeof(path), DATA "%s", files[i]);
		relmap_document *doc = NULL;
		relmap_diags a = RELMAP_DIAGS_INIT, b = RELMAP_DIAGS_INIT;
		relmap_load_options with = RELMAP_LOAD_OPTIONS_INIT;
		assert_int_equal(relmap_document_load_xml(&doc, path, &with, &a),
				 RELMAP_EDATA);
		assert_int_equal(relmap_document_load_xml(&doc, path, &no_schema, &b),
				 RELMAP_EDATA);
		char *ga = render(&a), *gb = render(&b);
		if (strcmp(ga, gb) != 0)
			fail_msg("%s: with the schema:\n%s\nwithout:\n%s", path, ga, gb);
		assert_int_equal(strstr(ga, "schema:") == NULL, 1);
		free(ga);
		free(gb);
		relmap_diags_free(&a);
		relmap_diags_free(&b);
	}
}

/* The library never prints, and leaves libxml2's handlers as it found
 * them. */
static void load__leaves_libxml2_error_handlers_alone(void **state)
{
	(void)state;
	xmlSetStructuredErrorFunc((void *)0x1234, quiet);
	relmap_document *doc = NULL;
	relmap_diags d;
	assert_int_equal(load(&doc, &d, "<relmap"), RELMAP_EDATA);
	relmap_diags_free(&d);
	assert_ptr_equal(xmlStructuredErrorContext, (void *)0x1234);
	assert_ptr_equal(xmlStructuredError, quiet);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load__valid_full_file),
		cmocka_unit_test(load__defaults_for_optional_attributes),
		cmocka_unit_test(load__forward_references_resolve),
		cmocka_unit_test(load__special_characters_preserved),
		cmocka_unit_test(load__numbers_in_every_decimal_form),
		cmocka_unit_test(load__numbers_rejected_with_reason),
		cmocka_unit_test(load__bad_enum_lists_allowed_values),
		cmocka_unit_test(load__dates_checked_against_calendar),
		cmocka_unit_test(load__version_must_be_1),
		cmocka_unit_test(load__missing_required_attributes),
		cmocka_unit_test(load__empty_ids_rejected),
		cmocka_unit_test(load__unknown_attributes_and_elements),
		cmocka_unit_test(load__root_must_be_relmap_without_namespace),
		cmocka_unit_test(load__schema_location_hint_allowed),
		cmocka_unit_test(load__text_content_rejected_where_it_stands),
		cmocka_unit_test(load__duplicate_id_names_first_line),
		cmocka_unit_test(load__dangling_references_say_what_was_expected),
		cmocka_unit_test(load__references_to_the_wrong_kind),
		cmocka_unit_test(load__self_references_refused),
		cmocka_unit_test(load__reports_to_cycle_named_in_order),
		cmocka_unit_test(load__long_cycle_shortened),
		cmocka_unit_test(load__many_ids_resolve),
		cmocka_unit_test(load__positions_point_at_the_start_tag),
		cmocka_unit_test(load__positions_across_chunk_boundaries),
		cmocka_unit_test(load__crlf_line_ends),
		cmocka_unit_test(load__malformed_xml_reports_libxml2_message),
		cmocka_unit_test(load__empty_and_blank_input),
		cmocka_unit_test(load__invalid_utf8_reported),
		cmocka_unit_test(load__entity_bomb_refused_fast),
		cmocka_unit_test(load__external_entities_never_read),
		cmocka_unit_test(load__depth_limit),
		cmocka_unit_test(load__limits_set_by_name),
		cmocka_unit_test(load__huge_values),
		cmocka_unit_test(load__stops_after_the_diags_limit),
		cmocka_unit_test(load__missing_file_is_enoent),
		cmocka_unit_test(load__stdin_read_with_dash),
		cmocka_unit_test(load__memory_and_file_agree),
		cmocka_unit_test(load__schema_is_the_shipped_file),
		cmocka_unit_test(load__test_files_against_the_schema),
		cmocka_unit_test(load__schema_adds_nothing_the_loader_found),
		cmocka_unit_test(load__leaves_libxml2_error_handlers_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
