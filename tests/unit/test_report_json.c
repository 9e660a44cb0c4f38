/* test_report_json.c - the JSON report is written by hand, byte for byte
 * what jansson's dump of the same tree gives (JSON_INDENT(2) |
 * JSON_REAL_PRECISION(15), as the report was made before it streamed).
 * Each test builds the reference with jansson itself from the same
 * analysis, so the escaping and the number format cannot drift from it:
 * hostile strings (every control character, quotes, backslashes, '/',
 * DEL, U+2028, 4-byte UTF-8), awkward reals (exponents, integers, the
 * extremes), strings longer than the writer's buffer, and what jansson
 * refuses (text that is not UTF-8, NaN). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "document.h"
#include "relmap/analyze.h"
#include "relmap/report.h"
#include "relmap/whatif.h"

#define FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

static relmap_document *doc;
static relmap_analysis *an;
static relmap_gap *saved_gaps; /* the analysis' own, put back before free */
static size_t saved_n_gaps;

static relmap_account *acct(void)
{
	return &doc->accounts[0];
}

static int setup(void **state)
{
	(void)state;
	doc = document_new("t.xml");
	if (!doc || !document_add_account(doc))
		return -1;
	acct()->id = "acme";
	acct()->name = "Acme Corp";
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (an && saved_gaps) {
		an->gaps = saved_gaps;
		an->n_gaps = saved_n_gaps;
	}
	saved_gaps = NULL;
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

/* Persons p0..p(n-1), each reporting to p0, named by `name(i)`; one
 * member covering every other one. */
static void account_of(size_t n, const char *(*name)(size_t))
{
	relmap_member *m = document_add_member(doc, acct());
	assert_non_null(m);
	m->id = "u1";
	m->name = "Jane Doe";
	for (size_t i = 0; i < n; i++) {
		char id[32];
		relmap_person *p = document_add_person(doc, acct());
		assert_non_null(p);
		snprintf(id, sizeof(id), "p%zu", i);
		p->id = str(id);
		p->name = str(name(i));
		p->manager = i ? 0 : -1;
		p->role = i % 3 ? RELMAP_ROLE_USER : RELMAP_ROLE_DECISION_MAKER;
		p->influence = 0.9;
	}
	for (size_t i = 0; i < n; i += 2) {
		relmap_coverage *c = document_add_coverage(doc, acct());
		assert_non_null(c);
		c->member = 0;
		c->person = (int32_t)i;
		c->strength = 0.8;
	}
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	assert_int_equal(relmap_date_parse(&o.as_of, "2026-11-01"), 0);
	assert_int_equal(relmap_analysis_run(&an, acct(), &o), 0);
}

/* ---- the reference: the whole report as one jansson tree ---- */

static json_t *ref_gap(const relmap_analysis *a, const relmap_gap *g)
{
	json_t *o = json_pack("{s:s, s:s}", "kind", relmap_gap_kind_name(g->kind),
			      "severity", relmap_severity_name(g->severity));
	if (g->person >= 0)
		json_object_set_new(o, "person",
				    json_string(a->account->persons[g->person].id));
	if (g->kind == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
	    g->kind == RELMAP_GAP_UNMANAGED_BLOCKER) {
		json_t *path = json_null();
		if (g->has_path) {
			json_t *via = json_array();
			for (size_t i = 0; i < g->via_len; i++)
				json_array_append_new(via, json_string(
					relmap_account_node_id(a->account,
							       (size_t)g->via[i])));
			path = json_pack("{s:f, s:o}", "strength",
					 g->path_strength, "via", via);
		}
		json_object_set_new(o, "path", path);
	}
	return o;
}

static json_t *ref_account(const relmap_analysis *a, const relmap_spof_list *l)
{
	const relmap_account *ac = a->account;
	json_t *persons = json_array(), *gaps = json_array();
	for (size_t i = 0; i < ac->n_persons; i++)
		json_array_append_new(persons, json_pack(
			"{s:s, s:s, s:b, s:f, s:b}", "id", ac->persons[i].id,
			"name", ac->persons[i].name, "key", a->persons[i].key,
			"coverage", a->persons[i].coverage, "covered",
			a->persons[i].covered));
	for (size_t i = 0; i < a->n_gaps; i++)
		json_array_append_new(gaps, ref_gap(a, &a->gaps[i]));
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(ac->id));
	json_object_set_new(o, "name", ac->name ? json_string(ac->name)
						: json_null());
	json_object_set_new(o, "coverage_score",
			    a->has_score ? json_real(a->coverage_score)
					 : json_null());
	json_object_set_new(o, "errors", json_integer((json_int_t)a->n_errors));
	json_object_set_new(o, "warnings",
			    json_integer((json_int_t)a->n_warnings));
	json_object_set_new(o, "persons", persons);
	json_object_set_new(o, "gaps", gaps);
	if (l) {
		json_t *spof = json_array();
		for (size_t i = 0; i < l->n; i++) {
			const relmap_spof *sp = &l->items[i];
			json_t *opens = json_array();
			for (size_t k = 0; k < sp->n_opens; k++)
				json_array_append_new(opens, json_pack(
					"{s:s, s:s}", "kind",
					relmap_gap_kind_name(sp->opens[k].kind),
					"person",
					ac->persons[sp->opens[k].person].id));
			json_array_append_new(spof, json_pack("{s:s, s:o}",
				"id", relmap_account_node_id(ac, (size_t)sp->node),
				"opens", opens));
		}
		json_object_set_new(o, "spof", spof);
	}
	return o;
}

/* jansson's dump of the whole report, with the final newline. */
static char *reference(const relmap_analysis *a, const relmap_spof_list *l)
{
	char date[11];
	relmap_date_format(date, a->as_of);
	json_t *accounts = json_array();
	json_array_append_new(accounts, ref_account(a, l));
	json_t *root = json_pack("{s:i, s:s, s:o}", "relmap", 1, "as_of", date,
				 "accounts", accounts);
	assert_non_null(root);
	char *s = json_dumps(root, FLAGS);
	assert_non_null(s);
	json_decref(root);
	size_t len = strlen(s);
	char *out = malloc(len + 2);
	assert_non_null(out);
	memcpy(out, s, len);
	memcpy(out + len, "\n", 2);
	free(s);
	return out;
}

/* The report of `an` (with `l`), which must equal the reference. */
static void assert_like_jansson(const relmap_spof_list *l)
{
	const relmap_analysis *list[1] = { an };
	const relmap_spof_list *spofs[1] = { l };
	char *out = NULL, *want = reference(an, l);
	size_t len = 0;
	assert_int_equal(relmap_report_json_spof(&out, &len, list,
						 l ? spofs : NULL, 1), 0);
	assert_int_equal(len, strlen(out));
	if (strcmp(out, want) != 0) {
		/* Point at the first difference rather than print megabytes. */
		size_t i = 0;
		while (out[i] && out[i] == want[i])
			i++;
		size_t from = i > 60 ? i - 60 : 0;
		print_error("first difference at byte %zu:\n got: %.120s\nwant: %.120s\n",
			    i, out + from, want + from);
		fail();
	}
	free(out);
	free(want);
}

/* ---- hostile strings ---- */

static const char *hostile[] = {
	"plain",
	"",
	"\"quoted\" and \\back\\slashed\\",
	"a/b </script> //",
	"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
	"tab\there, newline\nthere, cr\r, ff\f, bs\b",
	"DEL \x7f stays",
	"Lucía Øberg, 李小龍, Ünal",
	"line\xe2\x80\xa8separator and paragraph\xe2\x80\xa9separator",
	"BOM \xef\xbb\xbf and U+FFFF \xef\xbf\xbf",
	"emoji \xf0\x9f\x98\x80 and the last code point \xf4\x8f\xbf\xbf",
	"U+0080 \xc2\x80 and U+07FF \xdf\xbf and U+0800 \xe0\xa0\x80",
	"\\u0000 is text here, \\n too",
	"{\"key\": [1, 2]}",
};
#define N_HOSTILE (sizeof(hostile) / sizeof(hostile[0]))

static const char *hostile_name(size_t i)
{
	return hostile[i % N_HOSTILE];
}

static void test_report_json__hostile_strings_like_jansson(void **state)
{
	(void)state;
	account_of(2 * N_HOSTILE, hostile_name);
	/* Hostile ids too: they are written as persons' ids, in paths and
	 * in the spof list. */
	for (size_t i = 0; i < acct()->n_persons; i++)
		if (i % 2)
			acct()->persons[i].id = hostile[(i / 2) % N_HOSTILE];
	acct()->id = "acme\t\"1\"/\xe2\x80\xa8";
	acct()->name = "Acme \\ \x1f Corp";
	acct()->members[0].id = "u\n1";
	assert_true(an->n_gaps > 0);
	assert_like_jansson(NULL);
	acct()->name = NULL;
	assert_like_jansson(NULL);
}

/* ---- awkward numbers ---- */

static const double reals[] = {
	0.0, -0.0, 1.0, 0.5, 0.57, 0.07, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
	0.4, 0.39999999999999997, 0.999999999999999, 0.9999999999999999,
	1e-5, 1.5e-7, 0.000123456789012345678, 1e-300, 5e-324, DBL_MIN,
	12.0, 100.0, 99.99999999999999, 123456789012345.0,
	1234567890123456.0, 1e15, 1e16, 1e17, 1e20, 1.5e100, DBL_MAX,
	-1.0, -2.5e-8, -123.456,
};
#define N_REALS (sizeof(reals) / sizeof(reals[0]))

static const char *plain_name(size_t i)
{
	(void)i;
	return "Pat Doe";
}

static void test_report_json__reals_like_jansson(void **state)
{
	(void)state;
	account_of(N_REALS, plain_name);
	for (size_t i = 0; i < N_REALS; i++)
		an->persons[i].coverage = reals[i];
	an->has_score = 1;
	assert_like_jansson(NULL);
	/* The same value twice comes from the writer's cache the second
	 * time: still the same bytes. */
	for (size_t i = 0; i < N_REALS; i++)
		an->persons[i].coverage = reals[N_REALS - 1 - i];
	for (size_t i = 0; i < N_REALS; i++) {
		an->coverage_score = reals[i];
		assert_like_jansson(NULL);
	}
}

/* Gaps and spof items made by hand: paths with awkward strengths, an
 * empty path, none, and spof items with and without opened gaps. */
static void test_report_json__gaps_and_spof_like_jansson(void **state)
{
	(void)state;
	account_of(6, hostile_name);
	static const int32_t via[] = { 0, 1, 3, 4 }; /* u1, p0, p2, p3 */
	relmap_gap gaps[] = {
		{ RELMAP_GAP_UNCOVERED_DECISION_MAKER, RELMAP_SEVERITY_ERROR,
		  3, 1, 0.1 + 0.2, via, 4 },
		{ RELMAP_GAP_UNCOVERED_DECISION_MAKER, RELMAP_SEVERITY_ERROR,
		  4, 1, 1e-20, via, 1 },
		{ RELMAP_GAP_UNMANAGED_BLOCKER, RELMAP_SEVERITY_ERROR, 5, 1,
		  1.0, via, 0 },
		{ RELMAP_GAP_UNMANAGED_BLOCKER, RELMAP_SEVERITY_ERROR, 5, 0,
		  0.0, NULL, 0 },
		{ RELMAP_GAP_STALE_RELATIONSHIP, RELMAP_SEVERITY_WARNING, 2, 0,
		  0.0, NULL, 0 },
		{ RELMAP_GAP_SINGLE_THREADED, RELMAP_SEVERITY_WARNING, -1, 0,
		  0.0, NULL, 0 },
	};
	saved_gaps = an->gaps;
	saved_n_gaps = an->n_gaps;
	an->gaps = gaps;
	an->n_gaps = sizeof(gaps) / sizeof(gaps[0]);
	static const relmap_spof_gap opens[] = {
		{ RELMAP_GAP_UNCOVERED_DECISION_MAKER, 3 },
		{ RELMAP_GAP_UNMANAGED_BLOCKER, 5 },
	};
	relmap_spof items[] = {
		{ 0, opens, 2 }, { 2, opens + 1, 1 }, { 3, NULL, 0 },
	};
	relmap_spof_list l = { an, items, 3, NULL };
	assert_like_jansson(&l);
	relmap_spof_list none = { an, NULL, 0, NULL };
	assert_like_jansson(&none);
	an->n_gaps = 0;
	assert_like_jansson(&none);
}

/* ---- sizes around the writer's 64 KiB buffer ---- */

static char *long_name;

static const char *long_or_short(size_t i)
{
	return i == 7 ? long_name : hostile[i % N_HOSTILE];
}

static void test_report_json__longer_than_the_buffer(void **state)
{
	(void)state;
	/* 200 KiB of text with escapes spread through it, and 3,000
	 * persons, so buffer flushes fall everywhere. */
	size_t n = 200 * 1024;
	long_name = malloc(n + 1);
	assert_non_null(long_name);
	for (size_t i = 0; i < n; i++)
		long_name[i] = i % 97 == 0 ? '"' : i % 89 == 0 ? '\n'
						: (char)('a' + i % 26);
	long_name[n] = '\0';
	account_of(3000, long_or_short);
	assert_like_jansson(NULL);
	free(long_name);
	long_name = NULL;
}

/* ---- what jansson refuses, the writer refuses ---- */

static const char *bad_utf8[] = {
	"\x80",             /* a lone continuation byte */
	"ab\xc3",           /* cut short */
	"\xc0\x80",         /* overlong NUL */
	"\xe0\x80\xaf",     /* overlong '/' */
	"\xed\xa0\x80",     /* a surrogate */
	"\xf4\x90\x80\x80", /* above U+10FFFF */
	"\xf5\x80\x80\x80",
	"\xff",
	"\xe2\x28\xa1",
};

static void test_report_json__refuses_what_jansson_refuses(void **state)
{
	(void)state;
	account_of(3, plain_name);
	const relmap_analysis *list[1] = { an };
	char *out = NULL;
	size_t len = 0;
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		/* The premise: jansson refuses it too. */
		assert_null(json_string(bad_utf8[i]));
		acct()->persons[1].name = bad_utf8[i];
		assert_int_equal(relmap_report_json(&out, &len, list, 1),
				 RELMAP_ENOMEM);
		assert_null(out);
	}
	acct()->persons[1].name = "ok";
	an->persons[2].coverage = NAN;
	assert_null(json_real(NAN));
	assert_int_equal(relmap_report_json(&out, &len, list, 1), RELMAP_ENOMEM);
	an->persons[2].coverage = INFINITY;
	assert_int_equal(relmap_report_json(&out, &len, list, 1), RELMAP_ENOMEM);
	assert_null(out);
}

static void test_report_json__write_error_is_eio(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	account_of(2000, plain_name); /* more than one buffer */
	const relmap_analysis *list[1] = { an };
	FILE *f = fopen("/dev/full", "w");
	assert_non_null(f);
	assert_int_equal(relmap_report_json_write(f, list, 1), RELMAP_EIO);
	fclose(f);
}

static void test_report_json__no_accounts(void **state)
{
	(void)state;
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(relmap_report_json(&out, &len, NULL, 0), 0);
	json_t *root = json_pack("{s:i, s:s, s:[]}", "relmap", 1, "as_of", "",
				 "accounts");
	char *want = json_dumps(root, FLAGS);
	assert_int_equal(len, strlen(want) + 1);
	assert_memory_equal(out, want, strlen(want));
	assert_string_equal(out + strlen(want), "\n");
	free(want);
	json_decref(root);
	free(out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_report_json__hostile_strings_like_jansson),
		T(test_report_json__reals_like_jansson),
		T(test_report_json__gaps_and_spof_like_jansson),
		T(test_report_json__longer_than_the_buffer),
		T(test_report_json__refuses_what_jansson_refuses),
		T(test_report_json__write_error_is_eio),
		cmocka_unit_test(test_report_json__no_accounts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
