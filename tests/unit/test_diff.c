/* test_diff.c - the changes between two snapshots: each change kind, no
 * change, the order, and the gaps opened and closed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "relmap/relmap.h"

/* Two loaded snapshots, their analyses and their diff; freed by
 * teardown. */
static relmap_document *docs[2];
static relmap_analysis *ans[2][4];
static size_t n_ans[2];
static relmap_diff *diff;

static int teardown(void **state)
{
	(void)state;
	relmap_diff_free(diff);
	diff = NULL;
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < n_ans[s]; i++)
			relmap_analysis_free(ans[s][i]);
		n_ans[s] = 0;
		relmap_document_free(docs[s]);
		docs[s] = NULL;
	}
	return 0;
}

#define HEAD "<relmap version=\"1\" as-of=\"2026-11-01\">"
#define TEAM "<team><member id=\"u1\" name=\"Jane\"/></team>"

/* Load, analyse and diff OLD and NEW (each a whole document). */
static const relmap_diff *run(const char *old_xml, const char *new_xml,
			      double threshold)
{
	const char *xml[2] = { old_xml, new_xml };
	for (int s = 0; s < 2; s++) {
		relmap_diags d = RELMAP_DIAGS_INIT;
		int rc = relmap_document_load_xml_memory(&docs[s], xml[s],
			strlen(xml[s]), s ? "new.xml" : "old.xml", NULL, &d);
		if (rc)
			for (size_t i = 0; i < d.count; i++)
				fprintf(stderr, "%d: %s\n", d.items[i].line,
					d.items[i].message);
		relmap_diags_free(&d);
		assert_int_equal(rc, 0);
		relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
		o.as_of = docs[s]->as_of;
		assert_true(docs[s]->n_accounts <= 4);
		for (size_t i = 0; i < docs[s]->n_accounts; i++) {
			assert_int_equal(relmap_analysis_run(&ans[s][i],
				&docs[s]->accounts[i], &o), 0);
			n_ans[s]++;
		}
	}
	relmap_diff_options o = RELMAP_DIFF_OPTIONS_INIT;
	o.coverage_threshold = threshold;
	assert_int_equal(relmap_diff_run(&diff,
		(const relmap_analysis *const *)ans[0], n_ans[0],
		(const relmap_analysis *const *)ans[1], n_ans[1], &o), 0);
	return diff;
}

/* "kind id" for every change of the only account, one per line. */
static char *listing(const relmap_diff *d)
{
	static char buf[4096];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t a = 0; a < d->n_accounts; a++) {
		const relmap_account_diff *ad = &d->accounts[a];
		for (size_t i = 0; i < ad->n_changes; i++) {
			const relmap_change *c = &ad->changes[i];
			int w;
			if (c->kind == RELMAP_CHANGE_GAP_OPENED ||
			    c->kind == RELMAP_CHANGE_GAP_CLOSED)
				w = snprintf(buf + n, sizeof(buf) - n,
					     "%s %s %s\n", relmap_change_kind_name(c->kind),
					     relmap_gap_kind_name(c->gap),
					     c->id ? c->id : "-");
			else
				w = snprintf(buf + n, sizeof(buf) - n, "%s %s\n",
					     relmap_change_kind_name(c->kind), c->id);
			assert_true(w > 0 && (size_t)w < sizeof(buf) - n);
			n += (size_t)w;
		}
	}
	return buf;
}

/* p1 (economic buyer and champion) and p2 are covered by two different
 * members, so the base account has no gap at all. */
#define BASE_PERSONS                                                          \
	"<person id=\"p1\" name=\"Ceo\" role=\"economic-buyer\" influence=\"0.9\""  \
	" attitude=\"champion\"/>"                                             \
	"<person id=\"p2\" name=\"Cto\" reports-to=\"p1\" influence=\"0.3\"/>"  \
	"<person id=\"p3\" name=\"Dev\" reports-to=\"p2\" influence=\"0.1\"/>"
#define BASE_COVER                                                            \
	"<coverage member=\"u1\" person=\"p1\" strength=\"0.8\"/>"             \
	"<coverage member=\"u2\" person=\"p2\" strength=\"0.5\"/>"
#define BASE_TEAM                                                             \
	"<team><member id=\"u1\" name=\"Jane\"/><member id=\"u2\" name=\"Raj\"/></team>"
#define ACCOUNT(body) HEAD "<account id=\"a\">" body "</account></relmap>"
#define BASE ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER)

static void diff__identical_or_reordered_snapshots_have_no_changes(void **state)
{
	(void)state;
	const relmap_diff *d = run(BASE, BASE, 0.1);
	assert_int_equal(d->n_changes, 0);
	assert_int_equal(d->n_accounts, 0);
	assert_int_equal(d->n_compared, 1);
	assert_null(relmap_diff_find_account(d, "a"));
	/* Reordered elements are no change either. */
	teardown(NULL);
	d = run(BASE, ACCOUNT(BASE_COVER BASE_TEAM
		"<person id=\"p3\" name=\"Dev\" reports-to=\"p2\" influence=\"0.1\"/>"
		"<person id=\"p2\" name=\"Cto\" reports-to=\"p1\" influence=\"0.3\"/>"
		"<person id=\"p1\" name=\"Ceo\" role=\"economic-buyer\" influence=\"0.9\""
		" attitude=\"champion\"/>"), 0.1);
	assert_int_equal(d->n_changes, 0);
}

static void diff__reports_of_a_removed_manager_move_to_none(void **state)
{
	(void)state;
	/* p2 leaves: p3 loses its manager (a move to none); p4 joins
	 * under p1. */
	const relmap_diff *d = run(BASE, ACCOUNT(BASE_TEAM
		"<person id=\"p1\" name=\"Ceo\" role=\"economic-buyer\" influence=\"0.9\""
		" attitude=\"champion\"/>"
		"<person id=\"p3\" name=\"Dev\" influence=\"0.1\"/>"
		"<person id=\"p4\" name=\"New\" reports-to=\"p1\"/>"
		"<coverage member=\"u1\" person=\"p1\" strength=\"0.8\"/>"
		"<coverage member=\"u2\" person=\"p4\" strength=\"0.5\"/>"), 0.1);
	assert_string_equal(listing(d),
		"person-added p4\n"
		"person-removed p2\n"
		"moved p3\n");
	const relmap_change *c = &d->accounts[0].changes[2];
	assert_string_equal(c->old_text, "p2");
	assert_null(c->new_text);
	c = &d->accounts[0].changes[1];
	assert_string_equal(c->old_text, "p1"); /* where its ghost goes */
	assert_int_equal(c->new_index, -1);
	assert_int_equal(c->old_index, 1);
	c = &d->accounts[0].changes[0];
	assert_string_equal(c->new_text, "p1");
	assert_int_equal(c->old_index, -1);
}

static void diff__gaining_a_manager_is_a_move(void **state)
{
	(void)state;
	const relmap_diff *d = run(
		ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER
			"<person id=\"p5\" name=\"Solo\"/>"),
		ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER
			"<person id=\"p5\" name=\"Solo\" reports-to=\"p3\"/>"),
		0.1);
	assert_string_equal(listing(d), "moved p5\n");
	assert_null(d->accounts[0].changes[0].old_text);
	assert_string_equal(d->accounts[0].changes[0].new_text, "p3");
}

static void diff__role_attitude_influence_title_and_department(void **state)
{
	(void)state;
	const relmap_diff *d = run(
		ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER
			"<person id=\"p9\" name=\"X\" title=\"A\" department=\"D\""
			" role=\"user\" attitude=\"neutral\" influence=\"0.2\"/>"),
		ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER
			"<person id=\"p9\" name=\"X renamed\" title=\"B\""
			" role=\"influencer\" attitude=\"skeptic\" influence=\"0.3\"/>"),
		0.1);
	assert_string_equal(listing(d),
		"role p9\nattitude p9\ninfluence p9\ntitle p9\ndepartment p9\n");
	const relmap_change *c = d->accounts[0].changes;
	assert_string_equal(c[0].old_text, "user");
	assert_string_equal(c[0].new_text, "influencer");
	assert_string_equal(c[1].old_text, "neutral");
	assert_string_equal(c[1].new_text, "skeptic");
	assert_true(c[2].old_value == 0.2 && c[2].new_value == 0.3);
	assert_string_equal(c[3].new_text, "B");
	assert_string_equal(c[4].old_text, "D");
	assert_null(c[4].new_text);
}

#define WITH_P3_COVER(s)                                                      \
	ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER                             \
		"<coverage member=\"u1\" person=\"p3\" strength=\"" s "\"/>")

static void diff__small_coverage_steps_count_only_across_the_line(void **state)
{
	(void)state;
	/* A step below the threshold is not a change. */
	const relmap_diff *d = run(WITH_P3_COVER("0.1"), WITH_P3_COVER("0.19"),
				   0.1);
	assert_int_equal(d->n_changes, 0);
	teardown(NULL);
	/* A step of exactly the threshold is, in decimal terms. */
	d = run(WITH_P3_COVER("0.3"), WITH_P3_COVER("0.2"), 0.1);
	assert_string_equal(listing(d), "coverage p3\n");
	assert_false(d->accounts[0].changes[0].old_covered);
	teardown(NULL);
	/* Crossing the covered line is reported however small the step;
	 * no gap changes: p3 is not a key person. */
	d = run(WITH_P3_COVER("0.41"), WITH_P3_COVER("0.39"), 0.1);
	assert_string_equal(listing(d), "coverage p3\n");
	assert_true(d->accounts[0].changes[0].old_covered);
	assert_false(d->accounts[0].changes[0].new_covered);
	teardown(NULL);
	d = run(WITH_P3_COVER("0.39"), WITH_P3_COVER("0.4"), 0.5);
	assert_string_equal(listing(d), "coverage p3\n");
	assert_true(d->accounts[0].changes[0].new_covered);
}

static void diff__team_members_added_and_removed(void **state)
{
	(void)state;
	const relmap_diff *d = run(BASE,
		ACCOUNT("<team><member id=\"u1\" name=\"Jane\"/>"
			"<member id=\"u3\" name=\"Ann\"/></team>" BASE_PERSONS
			"<coverage member=\"u1\" person=\"p1\" strength=\"0.8\"/>"
			"<coverage member=\"u3\" person=\"p2\" strength=\"0.5\"/>"),
		0.1);
	assert_string_equal(listing(d), "member-added u3\nmember-removed u2\n");
}

static void diff__gaps_open_and_close_with_coverage(void **state)
{
	(void)state;
	/* p1's coverage drops below 0.4: it is uncovered as a key person,
	 * and with it the only covered champion goes (no-champion) and one
	 * covered person is left (single-threaded). */
	const relmap_diff *d = run(BASE, ACCOUNT(BASE_TEAM
		"<person id=\"p1\" name=\"Ceo\" role=\"economic-buyer\" influence=\"0.9\""
		" attitude=\"champion\"/>"
		"<person id=\"p2\" name=\"Cto\" reports-to=\"p1\" influence=\"0.3\"/>"
		"<person id=\"p3\" name=\"Dev\" reports-to=\"p2\" influence=\"0.1\"/>"
		"<coverage member=\"u1\" person=\"p1\" strength=\"0.3\"/>"
		"<coverage member=\"u2\" person=\"p2\" strength=\"0.5\"/>"), 0.1);
	assert_string_equal(listing(d),
		"coverage p1\n"
		"gap-opened uncovered-decision-maker p1\n"
		"gap-opened single-threaded -\n"
		"gap-opened no-champion -\n");
	teardown(NULL);
	/* And back: the same gaps close. */
	d = run(ACCOUNT(BASE_TEAM BASE_PERSONS
		"<coverage member=\"u1\" person=\"p1\" strength=\"0.3\"/>"
		"<coverage member=\"u2\" person=\"p2\" strength=\"0.5\"/>"), BASE,
		0.1);
	assert_string_equal(listing(d),
		"coverage p1\n"
		"gap-closed uncovered-decision-maker p1\n"
		"gap-closed single-threaded -\n"
		"gap-closed no-champion -\n");
	assert_int_equal(d->accounts[0].changes[1].old_index, 0);
}

static void diff__a_removed_persons_gaps_close(void **state)
{
	(void)state;
	const relmap_diff *d = run(
		ACCOUNT(BASE_TEAM BASE_PERSONS BASE_COVER
			"<person id=\"p8\" name=\"Foe\" role=\"blocker\" influence=\"0.6\"/>"),
		BASE, 0.1);
	assert_string_equal(listing(d),
		"person-removed p8\n"
		"gap-closed unmanaged-blocker p8\n");
}

static void diff__accounts_by_id_then_kind_then_id_bytes(void **state)
{
	(void)state;
	/* Accounts by id; within a kind, ids in byte order (p10 < p9). */
	const relmap_diff *d = run(
		HEAD "<account id=\"z\">" TEAM "<person id=\"z1\" name=\"Z\"/></account>"
		"<account id=\"b\">" TEAM "<person id=\"b1\" name=\"B\"/></account>"
		"<account id=\"m\">" TEAM "<person id=\"m1\" name=\"M\"/></account>"
		"</relmap>",
		HEAD "<account id=\"m\">" TEAM "<person id=\"m1\" name=\"M\"/>"
		"<person id=\"p9\" name=\"N\"/><person id=\"p10\" name=\"T\"/>"
		"<person id=\"P2\" name=\"U\"/></account>"
		"<account id=\"a\">" TEAM "<person id=\"a1\" name=\"A\"/></account>"
		"<account id=\"b\">" TEAM "<person id=\"b1\" name=\"B\"/></account>"
		"</relmap>", 0.1);
	assert_int_equal(d->n_compared, 4);
	assert_int_equal(d->n_accounts, 3);
	assert_string_equal(d->accounts[0].id, "a");
	assert_string_equal(d->accounts[1].id, "m");
	assert_string_equal(d->accounts[2].id, "z");
	assert_null(d->accounts[0].old_an);
	assert_null(d->accounts[2].new_an);
	assert_string_equal(listing(d),
		"account-added a\n"
		"person-added P2\n"
		"person-added p10\n"
		"person-added p9\n"
		"account-removed z\n");
}

static void diff__bad_options_are_usage_errors(void **state)
{
	(void)state;
	run(BASE, BASE, 0.1);
	relmap_diff *d2 = NULL;
	relmap_diff_options o = { 1.5 };
	const relmap_analysis *const *a = (const relmap_analysis *const *)ans[0];
	assert_int_equal(relmap_diff_run(&d2, a, 1, a, 1, &o), RELMAP_EUSAGE);
	const relmap_analysis *twice[2] = { ans[0][0], ans[0][0] };
	assert_int_equal(relmap_diff_run(&d2, twice, 2, a, 1, NULL),
			 RELMAP_EUSAGE);
	assert_null(d2);
	/* Empty sides are fine. */
	assert_int_equal(relmap_diff_run(&d2, NULL, 0, a, 1, NULL), 0);
	assert_int_equal(d2->n_changes, 1);
	assert_int_equal(d2->old_as_of, INT32_MIN);
	relmap_diff_free(d2);
	relmap_diff_free(NULL);
	assert_null(relmap_change_kind_name(RELMAP_CHANGE_KIND_COUNT));
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(diff__identical_or_reordered_snapshots_have_no_changes),
		T(diff__reports_of_a_removed_manager_move_to_none),
		T(diff__gaining_a_manager_is_a_move),
		T(diff__role_attitude_influence_title_and_department),
		T(diff__small_coverage_steps_count_only_across_the_line),
		T(diff__team_members_added_and_removed),
		T(diff__gaps_open_and_close_with_coverage),
		T(diff__a_removed_persons_gaps_close),
		T(diff__accounts_by_id_then_kind_then_id_bytes),
		T(diff__bad_options_are_usage_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
