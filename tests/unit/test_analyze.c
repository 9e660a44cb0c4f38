/* test_analyze.c - the analysis rules of the brief, both sides of each edge. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "document.h"
#include "relmap/analyze.h"

/* Every test builds one account in a fresh document. */
static relmap_document *doc;
static int32_t as_of;

static relmap_account *acct(void)
{
	return &doc->accounts[0];
}

static int setup(void **state)
{
	(void)state;
	doc = document_new("test.xml");
	if (!doc || !document_add_account(doc))
		return -1;
	acct()->id = "acme";
	return relmap_date_parse(&as_of, "2026-11-01");
}

static int teardown(void **state)
{
	(void)state;
	relmap_document_free(doc);
	doc = NULL;
	return 0;
}

static const char *str(const char *s)
{
	return arena_strdup(document_arena(doc), s);
}

static int32_t member(const char *id)
{
	relmap_member *m = document_add_member(doc, acct());
	assert_non_null(m);
	m->id = str(id);
	m->name = m->id;
	return (int32_t)(acct()->n_members - 1);
}

static int32_t person(const char *id, relmap_role role,
		      relmap_attitude attitude, double influence)
{
	relmap_person *p = document_add_person(doc, acct());
	assert_non_null(p);
	p->id = str(id);
	p->name = p->id;
	p->manager = -1;
	p->role = role;
	p->attitude = attitude;
	p->influence = influence;
	return (int32_t)(acct()->n_persons - 1);
}

/* A person with no role, attitude or influence. */
static int32_t plain(const char *id)
{
	return person(id, RELMAP_ROLE_UNKNOWN, RELMAP_ATTITUDE_UNKNOWN, 0);
}

/* A key person by role. */
static int32_t dm(const char *id)
{
	return person(id, RELMAP_ROLE_DECISION_MAKER, RELMAP_ATTITUDE_NEUTRAL,
		      0.8);
}

static void reports(int32_t p, int32_t manager)
{
	acct()->persons[p].manager = manager;
	acct()->persons[p].reports_to = acct()->persons[manager].id;
}

static void dotted(int32_t from, int32_t to)
{
	relmap_dotted_line *d = document_add_dotted_line(doc, acct());
	assert_non_null(d);
	d->from = from;
	d->to = to;
}

static void influence(int32_t from, int32_t to, double weight)
{
	relmap_influence *f = document_add_influence(doc, acct());
	assert_non_null(f);
	f->from = from;
	f->to = to;
	f->weight = weight;
}

static void cover(int32_t m, int32_t p, double strength)
{
	relmap_coverage *c = document_add_coverage(doc, acct());
	assert_non_null(c);
	c->member = m;
	c->person = p;
	c->strength = strength;
}

/* A touchpoint `age` days before as-of (negative: after it). */
static void touch(int32_t m, int32_t p, relmap_channel ch, int age)
{
	relmap_touchpoint *t = document_add_touchpoint(doc, acct());
	assert_non_null(t);
	t->member = m;
	t->person = p;
	t->channel = ch;
	t->date = as_of - age;
}

static relmap_analysis *run_with(const relmap_analysis_options *o)
{
	relmap_analysis *an = NULL;
	assert_int_equal(relmap_analysis_run(&an, acct(), o), 0);
	assert_non_null(an);
	return an;
}

static relmap_analysis *run(void)
{
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	return run_with(&o);
}

static int has_gap(const relmap_analysis *an, relmap_gap_kind kind,
		   int32_t p)
{
	for (size_t i = 0; i < an->n_gaps; i++)
		if (an->gaps[i].kind == kind && an->gaps[i].person == p)
			return 1;
	return 0;
}

static const relmap_gap *gap_of(const relmap_analysis *an,
				relmap_gap_kind kind, int32_t p)
{
	for (size_t i = 0; i < an->n_gaps; i++)
		if (an->gaps[i].kind == kind && an->gaps[i].person == p)
			return &an->gaps[i];
	fail_msg("no gap %s for person %d", relmap_gap_kind_name(kind), p);
	return NULL;
}

/* The path of a gap as "u1 p2 p3". */
static const char *via_text(const relmap_analysis *an, const relmap_gap *g)
{
	static char buf[256];
	buf[0] = '\0';
	for (size_t i = 0; i < g->via_len; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, relmap_account_node_id(an->account,
						   (size_t)g->via[i]));
	}
	return buf;
}

#define EPS 1e-12

/* ---- coverage and pair strength ---- */

static void analyze__covered_at_exact_threshold(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = dm("p1");
	cover(u, p, 0.4);
	relmap_analysis *an = run();
	assert_true(an->persons[p].covered);
	assert_float_equal(an->persons[p].coverage, 0.4, EPS);
	assert_int_equal(an->persons[p].best_member, u);
	assert_false(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, p));
	assert_int_equal(an->n_covered, 1);
	relmap_analysis_free(an);
}

static void analyze__uncovered_just_below_threshold(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = dm("p1");
	cover(u, p, 0.39999);
	relmap_analysis *an = run();
	assert_false(an->persons[p].covered);
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, p));
	assert_int_equal(an->n_covered, 0);
	relmap_analysis_free(an);
}

static void analyze__uncovered_without_any_member(void **state)
{
	(void)state;
	int32_t p = dm("p1");
	relmap_analysis *an = run();
	assert_float_equal(an->persons[p].coverage, 0, 0);
	assert_int_equal(an->persons[p].best_member, -1);
	assert_int_equal(an->persons[p].latest_touch, INT32_MIN);
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, p);
	assert_false(g->has_path);
	relmap_analysis_free(an);
}

static void analyze__decay_meeting_90_days_is_half(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = plain("p1");
	touch(u, p, RELMAP_CHANNEL_MEETING, 90);
	relmap_analysis *an = run();
	assert_int_equal(an->n_pairs, 1);
	assert_float_equal(an->pairs[0].touch_sum, 0.5, EPS);
	assert_float_equal(an->pairs[0].strength, 1 - exp(-0.5), EPS);
	assert_float_equal(an->pairs[0].explicit_strength, 0, 0);
	assert_int_equal(an->pairs[0].n_touchpoints, 1);
	assert_float_equal(relmap_analysis_pair_strength(an, u, p),
			   1 - exp(-0.5), EPS);
	relmap_analysis_free(an);
}

static void analyze__decay_sums_touchpoints(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = plain("p1");
	touch(u, p, RELMAP_CHANNEL_CALL, 0);     /* 0.6 */
	touch(u, p, RELMAP_CHANNEL_EMAIL, 180);  /* 0.3 / 4 */
	touch(u, p, RELMAP_CHANNEL_MEETING, 45); /* 2^-0.5 */
	relmap_analysis *an = run();
	double s = 0.6 + 0.075 + pow(0.5, 0.5);
	assert_float_equal(an->pairs[0].touch_sum, s, EPS);
	assert_float_equal(an->persons[p].coverage, 1 - exp(-s), EPS);
	assert_int_equal(an->persons[p].latest_touch, as_of);
	relmap_analysis_free(an);
}

static void analyze__channel_weights(void **state)
{
	(void)state;
	static const double w[RELMAP_CHANNEL_COUNT] = { 1.0, 0.6, 0.3,
							0.5, 0.3, 0.1 };
	int32_t u = member("u1");
	for (int c = 0; c < RELMAP_CHANNEL_COUNT; c++) {
		char id[8] = "p0";
		id[1] = (char)('0' + c);
		touch(u, plain(id), (relmap_channel)c, 0);
	}
	relmap_analysis *an = run();
	for (int c = 0; c < RELMAP_CHANNEL_COUNT; c++) {
		assert_float_equal(an->pairs[c].touch_sum, w[c], EPS);
		assert_float_equal(an->persons[c].coverage, 1 - exp(-w[c]),
				   EPS);
	}
	relmap_analysis_free(an);
}

static void analyze__channel_weight_and_half_life_options(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = plain("p1");
	touch(u, p, RELMAP_CHANNEL_SOCIAL, 30);
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	o.half_life_days = 30;
	o.channel_weight[RELMAP_CHANNEL_SOCIAL] = 2.0;
	relmap_analysis *an = run_with(&o);
	assert_float_equal(an->pairs[0].touch_sum, 1.0, EPS);
	relmap_analysis_free(an);
}

static void analyze__touchpoints_after_as_of_ignored(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = plain("p1");
	int32_t q = plain("p2");
	touch(u, p, RELMAP_CHANNEL_MEETING, -1);
	touch(u, q, RELMAP_CHANNEL_MEETING, -1);
	touch(u, q, RELMAP_CHANNEL_CALL, 0); /* on as-of: counted */
	relmap_analysis *an = run();
	assert_float_equal(an->persons[p].coverage, 0, 0);
	assert_int_equal(an->persons[p].latest_touch, INT32_MIN);
	assert_float_equal(relmap_analysis_pair_strength(an, u, p), 0, 0);
	assert_int_equal(an->n_pairs, 1);
	assert_int_equal(an->pairs[0].person, q);
	assert_int_equal(an->pairs[0].n_touchpoints, 1);
	assert_float_equal(an->pairs[0].touch_sum, 0.6, EPS);
	assert_int_equal(an->persons[q].latest_touch, as_of);
	relmap_analysis_free(an);
}

static void analyze__explicit_and_touchpoints_take_the_max(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t weak = plain("p1");
	int32_t strong = plain("p2");
	cover(u, weak, 0.3);
	touch(u, weak, RELMAP_CHANNEL_MEETING, 0);
	cover(u, strong, 0.9);
	touch(u, strong, RELMAP_CHANNEL_MEETING, 0);
	relmap_analysis *an = run();
	assert_float_equal(an->persons[weak].coverage, 1 - exp(-1.0), EPS);
	assert_float_equal(an->pairs[0].explicit_strength, 0.3, EPS);
	assert_float_equal(an->persons[strong].coverage, 0.9, EPS);
	relmap_analysis_free(an);
}

static void analyze__explicit_takes_the_largest_given(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = plain("p1");
	cover(u, p, 0.2);
	cover(u, p, 0.5);
	cover(u, p, 0.1);
	relmap_analysis *an = run();
	assert_int_equal(an->n_pairs, 1);
	assert_float_equal(an->pairs[0].strength, 0.5, EPS);
	relmap_analysis_free(an);
}

static void analyze__best_member_is_strongest_then_lower_index(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2"), u3 = member("u3");
	int32_t p = plain("p1"), q = plain("p2");
	cover(u3, p, 0.6);
	cover(u2, p, 0.6);
	cover(u1, p, 0.5);
	cover(u1, q, 0.3);
	cover(u3, q, 0.7);
	relmap_analysis *an = run();
	assert_int_equal(an->persons[p].best_member, u2);
	assert_int_equal(an->persons[q].best_member, u3);
	relmap_analysis_free(an);
}

static void analyze__pairs_sorted_by_person_then_member(void **state)
{
	(void)state;
	int32_t m[20];
	char id[16];
	for (int i = 0; i < 20; i++) {
		snprintf(id, sizeof(id), "u%d", i);
		m[i] = member(id);
	}
	int32_t p = plain("p1"), q = plain("p2");
	/* Reverse order, more members than the small-sort cut-off. */
	for (int i = 19; i >= 0; i--) {
		touch(m[i], q, RELMAP_CHANNEL_EMAIL, i);
		cover(m[i], p, 0.01 * i);
	}
	cover(m[3], q, 0.5);
	relmap_analysis *an = run();
	assert_int_equal(an->n_pairs, 40);
	for (size_t i = 1; i < an->n_pairs; i++) {
		const relmap_pair *a = &an->pairs[i - 1], *b = &an->pairs[i];
		assert_true(a->person < b->person ||
			    (a->person == b->person && a->member < b->member));
	}
	assert_float_equal(relmap_analysis_pair_strength(an, m[7], p), 0.07,
			   EPS);
	assert_float_equal(relmap_analysis_pair_strength(an, m[3], q), 0.5,
			   EPS);
	assert_float_equal(relmap_analysis_pair_strength(an, 99, q), 0, 0);
	relmap_analysis_free(an);
}

/* ---- key persons and the person gaps ---- */

static void analyze__key_at_exact_influence(void **state)
{
	(void)state;
	int32_t at = person("p1", RELMAP_ROLE_INFLUENCER,
			    RELMAP_ATTITUDE_NEUTRAL, 0.7);
	int32_t under = person("p2", RELMAP_ROLE_INFLUENCER,
			       RELMAP_ATTITUDE_NEUTRAL, 0.69999);
	relmap_analysis *an = run();
	assert_true(an->persons[at].key);
	assert_false(an->persons[under].key);
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, at));
	assert_false(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, under));
	assert_int_equal(an->n_key, 1);
	relmap_analysis_free(an);
}

static void analyze__key_by_role_whatever_influence(void **state)
{
	(void)state;
	int32_t d = person("p1", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_UNKNOWN, 0);
	int32_t e = person("p2", RELMAP_ROLE_ECONOMIC_BUYER,
			   RELMAP_ATTITUDE_UNKNOWN, 0.1);
	int32_t t = person("p3", RELMAP_ROLE_TECHNICAL_BUYER,
			   RELMAP_ATTITUDE_UNKNOWN, 0.1);
	relmap_analysis *an = run();
	assert_true(an->persons[d].key);
	assert_true(an->persons[e].key);
	assert_false(an->persons[t].key);
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, d));
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, e));
	relmap_analysis_free(an);
}

static void analyze__key_influence_option(void **state)
{
	(void)state;
	int32_t p = person("p1", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL,
			   0.6);
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	o.key_influence = 0.6;
	relmap_analysis *an = run_with(&o);
	assert_true(an->persons[p].key);
	relmap_analysis_free(an);
}

static void analyze__blocker_at_exact_influence(void **state)
{
	(void)state;
	int32_t at = person("p1", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_NEUTRAL,
			    0.5);
	int32_t under = person("p2", RELMAP_ROLE_BLOCKER,
			       RELMAP_ATTITUDE_NEUTRAL, 0.49999);
	int32_t opp = person("p3", RELMAP_ROLE_USER, RELMAP_ATTITUDE_OPPONENT,
			     0.5);
	int32_t skeptic = person("p4", RELMAP_ROLE_USER,
				 RELMAP_ATTITUDE_SKEPTIC, 0.9);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, at));
	assert_false(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, under));
	assert_true(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, opp));
	assert_false(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, skeptic));
	assert_true(an->persons[at].gap_mask &
		    (1u << RELMAP_GAP_UNMANAGED_BLOCKER));
	relmap_analysis_free(an);
}

static void analyze__covered_blocker_is_managed(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t b = person("p1", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_OPPONENT,
			   0.9);
	cover(u, b, 0.4);
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, b));
	relmap_analysis_free(an);
}

static void analyze__key_opponent_has_both_errors(void **state)
{
	(void)state;
	int32_t p = person("p1", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_OPPONENT, 0.9);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, p));
	assert_true(has_gap(an, RELMAP_GAP_UNMANAGED_BLOCKER, p));
	assert_int_equal(an->persons[p].gap_mask,
			 (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER) |
				 (1u << RELMAP_GAP_UNMANAGED_BLOCKER));
	assert_int_equal(an->n_errors, 2);
	relmap_analysis_free(an);
}

static void analyze__stale_after_more_than_90_days(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t stale = dm("p1");
	int32_t fresh = dm("p2");
	cover(u, stale, 0.8);
	cover(u, fresh, 0.8);
	touch(u, stale, RELMAP_CHANNEL_EMAIL, 91);
	touch(u, stale, RELMAP_CHANNEL_EMAIL, 300);
	touch(u, fresh, RELMAP_CHANNEL_EMAIL, 90);
	touch(u, fresh, RELMAP_CHANNEL_EMAIL, 300);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, stale));
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, fresh));
	assert_int_equal(an->persons[stale].latest_touch, as_of - 91);
	relmap_analysis_free(an);
}

static void analyze__stale_uses_latest_over_all_members(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t p = dm("p1");
	cover(u1, p, 0.8);
	touch(u1, p, RELMAP_CHANNEL_CALL, 200);
	touch(u2, p, RELMAP_CHANNEL_CALL, 10);
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, p));
	relmap_analysis_free(an);
}

static void analyze__stale_needs_touchpoints_up_to_as_of(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t none = dm("p1");
	int32_t future = dm("p2");
	int32_t old = dm("p3");
	cover(u, none, 0.8);     /* explicit only: never stale */
	cover(u, future, 0.8);
	touch(u, future, RELMAP_CHANNEL_MEETING, -5);
	cover(u, old, 0.8);
	touch(u, old, RELMAP_CHANNEL_MEETING, 100);
	touch(u, old, RELMAP_CHANNEL_MEETING, -5); /* ignored */
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, none));
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, future));
	assert_true(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, old));
	relmap_analysis_free(an);
}

static void analyze__stale_only_for_covered_key_persons(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t minor = plain("p1");
	int32_t uncovered = dm("p2");
	cover(u, minor, 0.8);
	touch(u, minor, RELMAP_CHANNEL_EMAIL, 200);
	touch(u, uncovered, RELMAP_CHANNEL_SOCIAL, 200);
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, minor));
	assert_false(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, uncovered));
	assert_true(has_gap(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER,
			    uncovered));
	relmap_analysis_free(an);
}

static void analyze__stale_days_option(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t p = dm("p1");
	cover(u, p, 0.8);
	touch(u, p, RELMAP_CHANNEL_EMAIL, 31);
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	o.stale_days = 30;
	relmap_analysis *an = run_with(&o);
	assert_true(has_gap(an, RELMAP_GAP_STALE_RELATIONSHIP, p));
	relmap_analysis_free(an);
}

/* ---- account-level gaps ---- */

static void analyze__single_threaded_with_fewer_than_two_covered(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t p = plain("p1"), q = plain("p2");
	cover(u1, p, 0.9);
	cover(u2, p, 0.9); /* two members, but one covered person */
	cover(u2, q, 0.3);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_SINGLE_THREADED, -1));
	relmap_analysis_free(an);
}

static void analyze__single_threaded_when_one_member_holds_all(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t p = plain("p1"), q = plain("p2");
	cover(u1, p, 0.9);
	cover(u1, q, 0.4);
	cover(u2, q, 0.39); /* below the threshold: does not count */
	touch(u2, p, RELMAP_CHANNEL_EMAIL, 0);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_SINGLE_THREADED, -1));
	relmap_analysis_free(an);
}

static void analyze__not_single_threaded_with_second_member(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t p = plain("p1"), q = plain("p2");
	cover(u1, p, 0.9);
	cover(u1, q, 0.9);
	cover(u2, q, 0.4); /* a second thread to one covered person */
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_SINGLE_THREADED, -1));
	relmap_analysis_free(an);
}

static void analyze__not_single_threaded_with_different_members(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t p = plain("p1"), q = plain("p2");
	cover(u1, p, 0.9);
	cover(u2, q, 0.9);
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_SINGLE_THREADED, -1));
	relmap_analysis_free(an);
}

static void analyze__missing_economic_buyer(void **state)
{
	(void)state;
	plain("p1");
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_MISSING_ECONOMIC_BUYER, -1));
	relmap_analysis_free(an);
	person("p2", RELMAP_ROLE_ECONOMIC_BUYER, RELMAP_ATTITUDE_UNKNOWN, 0);
	an = run();
	assert_false(has_gap(an, RELMAP_GAP_MISSING_ECONOMIC_BUYER, -1));
	relmap_analysis_free(an);
}

static void analyze__no_champion_unless_covered(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t c = person("p1", RELMAP_ROLE_USER, RELMAP_ATTITUDE_CHAMPION,
			   0.2);
	cover(u, c, 0.39);
	relmap_analysis *an = run();
	assert_true(has_gap(an, RELMAP_GAP_NO_CHAMPION, -1));
	relmap_analysis_free(an);
	cover(u, c, 0.4);
	an = run();
	assert_false(has_gap(an, RELMAP_GAP_NO_CHAMPION, -1));
	relmap_analysis_free(an);
}

static void analyze__champion_by_role(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t c = person("p1", RELMAP_ROLE_CHAMPION, RELMAP_ATTITUDE_SKEPTIC,
			   0.2);
	cover(u, c, 0.5);
	relmap_analysis *an = run();
	assert_false(has_gap(an, RELMAP_GAP_NO_CHAMPION, -1));
	relmap_analysis_free(an);
}

static void analyze__empty_account(void **state)
{
	(void)state;
	relmap_analysis *an = run();
	assert_int_equal(an->n_gaps, 3);
	assert_int_equal(an->gaps[0].kind, RELMAP_GAP_SINGLE_THREADED);
	assert_int_equal(an->gaps[1].kind, RELMAP_GAP_MISSING_ECONOMIC_BUYER);
	assert_int_equal(an->gaps[2].kind, RELMAP_GAP_NO_CHAMPION);
	assert_int_equal(an->n_warnings, 3);
	assert_false(an->has_score);
	assert_int_equal(an->n_pairs, 0);
	relmap_analysis_free(an);
}

static void analyze__gaps_in_kind_then_person_order(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t b = person("p1", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_NEUTRAL,
			   0.6);
	int32_t d2 = dm("p2");
	int32_t d1 = dm("p3");
	int32_t s = dm("p4");
	cover(u, s, 0.9);
	touch(u, s, RELMAP_CHANNEL_CALL, 120);
	relmap_analysis *an = run();
	assert_int_equal(an->n_gaps, 7);
	assert_int_equal(an->gaps[0].kind, RELMAP_GAP_UNCOVERED_DECISION_MAKER);
	assert_int_equal(an->gaps[0].person, d2);
	assert_int_equal(an->gaps[1].kind, RELMAP_GAP_UNCOVERED_DECISION_MAKER);
	assert_int_equal(an->gaps[1].person, d1);
	assert_int_equal(an->gaps[2].kind, RELMAP_GAP_UNMANAGED_BLOCKER);
	assert_int_equal(an->gaps[2].person, b);
	assert_int_equal(an->gaps[3].kind, RELMAP_GAP_STALE_RELATIONSHIP);
	assert_int_equal(an->gaps[3].person, s);
	assert_int_equal(an->gaps[4].kind, RELMAP_GAP_SINGLE_THREADED);
	assert_int_equal(an->gaps[4].person, -1);
	assert_int_equal(an->gaps[5].kind, RELMAP_GAP_MISSING_ECONOMIC_BUYER);
	assert_int_equal(an->gaps[6].kind, RELMAP_GAP_NO_CHAMPION);
	assert_int_equal(an->gaps[0].severity, RELMAP_SEVERITY_ERROR);
	assert_int_equal(an->gaps[3].severity, RELMAP_SEVERITY_WARNING);
	assert_int_equal(an->n_errors, 3);
	assert_int_equal(an->n_warnings, 4);
	assert_int_equal(an->n_key, 3);
	assert_int_equal(an->n_covered, 1);
	relmap_analysis_free(an);
}

/* ---- coverage score ---- */

static void analyze__coverage_score(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = person("p1", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_NEUTRAL, 0.9);
	person("p2", RELMAP_ROLE_ECONOMIC_BUYER, RELMAP_ATTITUDE_NEUTRAL, 0.6);
	int32_t c = person("p3", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL,
			   0.3); /* not key: left out */
	cover(u, a, 0.5);
	cover(u, c, 0.5);
	relmap_analysis *an = run();
	assert_true(an->has_score);
	assert_float_equal(an->coverage_score, 100.0 * 0.9 / 1.5, 1e-9);
	relmap_analysis_free(an);
}

static void analyze__coverage_score_null_without_key_influence(void **state)
{
	(void)state;
	person("p1", RELMAP_ROLE_DECISION_MAKER, RELMAP_ATTITUDE_NEUTRAL, 0);
	person("p2", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL, 0.5);
	relmap_analysis *an = run();
	assert_int_equal(an->n_key, 1);
	assert_false(an->has_score);
	relmap_analysis_free(an);
}

static void analyze__coverage_score_full(void **state)
{
	(void)state;
	int32_t u = member("u1");
	cover(u, person("p1", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL, 0.7),
	      0.4);
	relmap_analysis *an = run();
	assert_true(an->has_score);
	assert_float_equal(an->coverage_score, 100.0, 1e-9);
	relmap_analysis_free(an);
}

/* ---- access paths ---- */

static void analyze__path_max_product_beats_fewer_hops(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("pa"), b = plain("pb");
	int32_t t = dm("pt");
	cover(u, t, 0.3);      /* one hop, 0.3 */
	cover(u, a, 0.9);
	influence(a, b, 0.9);
	influence(b, t, 0.9);  /* three hops, 0.729 */
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_true(g->has_path);
	assert_float_equal(g->path_strength, 0.729, EPS);
	assert_string_equal(via_text(an, g), "u1 pa pb pt");
	relmap_analysis_free(an);
}

static void analyze__path_tie_prefers_fewer_hops(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	cover(u, a, 0.5);
	reports(a, t);          /* u1 a t: 0.25 in two hops */
	cover(u, t, 0.25);      /* u1 t: 0.25 in one */
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "u1 t");
	assert_int_equal(g->via_len, 2);
	relmap_analysis_free(an);
}

static void analyze__path_tie_within_epsilon(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a"), b = plain("b");
	int32_t t = dm("t");
	/* 0.7 * 0.1 * 0.9 and 0.9 * 0.7 * 0.1 differ in the last bit or so;
	 * a third route is as strong in fewer hops up to 1e-13. */
	cover(u, a, 0.7);
	influence(a, b, 0.1);
	influence(b, t, 0.9);
	cover(u, t, 0.7 * 0.1 * 0.9 - 1e-13);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "u1 t");
	relmap_analysis_free(an);
	/* Beyond epsilon the stronger path wins. */
	acct()->coverages[acct()->n_coverages - 1].strength = 0.063 - 1e-9;
	an = run();
	g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "u1 a b t");
	relmap_analysis_free(an);
}

static void analyze__path_tie_prefers_smaller_id_sequence(void **state)
{
	(void)state;
	int32_t u = member("u1");
	/* Added in the other order, and byte order: "Zed" < "alpha". */
	int32_t al = plain("alpha");
	int32_t z = plain("Zed");
	int32_t t = dm("t");
	cover(u, al, 0.5);
	cover(u, z, 0.5);
	reports(t, al);
	dotted(t, z);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_float_equal(g->path_strength, 0.25, EPS);
	assert_string_equal(via_text(an, g), "u1 Zed t");
	relmap_analysis_free(an);
}

static void analyze__path_tie_compares_from_the_member(void **state)
{
	(void)state;
	/* u2 a2 m t against u1 z1 n t: same strength and hops; the
	 * sequences differ first at the member, so u1's route wins even
	 * though its later ids are larger. */
	int32_t u2 = member("u2"), u1 = member("u1");
	int32_t a2 = plain("a2"), z1 = plain("z1");
	int32_t m = plain("m"), n = plain("n");
	int32_t t = dm("t");
	cover(u2, a2, 0.5);
	cover(u1, z1, 0.5);
	influence(a2, m, 0.5);
	influence(z1, n, 0.5);
	influence(m, t, 0.5);
	influence(n, t, 0.5);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "u1 z1 n t");
	relmap_analysis_free(an);
}

static void analyze__path_tie_between_members_on_one_hop(void **state)
{
	(void)state;
	int32_t ub = member("ub"), ua = member("ua");
	int32_t t = dm("t");
	cover(ub, t, 0.3);
	cover(ua, t, 0.3);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "ua t");
	assert_int_equal(g->via[0], ua);
	relmap_analysis_free(an);
}

static void analyze__path_none(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	int32_t lone = plain("lone");
	cover(u, a, 0.9);
	influence(lone, t, 0.9);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_false(g->has_path);
	assert_int_equal(g->via_len, 0);
	relmap_analysis_free(an);
}

static void analyze__path_ignores_negative_and_zero_influence(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	int32_t t2 = dm("t2");
	cover(u, a, 0.9);
	influence(a, t, -0.9);
	influence(t2, a, 0);
	relmap_analysis *an = run();
	assert_false(gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t)->has_path);
	assert_false(gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t2)->has_path);
	relmap_analysis_free(an);
}

static void analyze__path_influence_either_direction(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	cover(u, a, 0.9);
	influence(t, a, 0.6); /* t sways a; still a route from a to t */
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_float_equal(g->path_strength, 0.54, EPS);
	relmap_analysis_free(an);
}

static void analyze__path_reports_to_both_directions(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t boss = dm("boss");
	int32_t mid = plain("mid");
	int32_t low = dm("low");
	reports(mid, boss);
	reports(low, mid);
	cover(u, mid, 0.8);
	relmap_analysis *an = run();
	const relmap_gap *up = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER,
				      boss);
	const relmap_gap *down = gap_of(an,
					RELMAP_GAP_UNCOVERED_DECISION_MAKER, low);
	assert_string_equal(via_text(an, up), "u1 mid boss");
	assert_float_equal(up->path_strength, 0.4, EPS);
	assert_string_equal(via_text(an, down), "u1 mid low");
	assert_float_equal(down->path_strength, 0.4, EPS);
	relmap_analysis_free(an);
}

static void analyze__path_dotted_line_and_hierarchy_option(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	cover(u, a, 0.8);
	dotted(t, a);
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	o.hierarchy_strength = 0.25;
	relmap_analysis *an = run_with(&o);
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_float_equal(g->path_strength, 0.2, EPS);
	relmap_analysis_free(an);
	o.hierarchy_strength = 0;
	an = run_with(&o);
	assert_false(gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t)->has_path);
	relmap_analysis_free(an);
}

static void analyze__path_strongest_of_parallel_edges(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t t = dm("t");
	cover(u, a, 0.8);
	influence(a, t, 0.3);
	reports(t, a);          /* 0.5 */
	influence(t, a, 0.45);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_float_equal(g->path_strength, 0.4, EPS);
	relmap_analysis_free(an);
}

static void analyze__path_from_several_members(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t a = plain("a"), b = plain("b");
	int32_t t1 = dm("t1"), t2 = dm("t2");
	cover(u1, a, 0.9);
	cover(u2, b, 0.6);
	touch(u2, a, RELMAP_CHANNEL_SOCIAL, 0);
	influence(a, t1, 0.5);
	influence(b, t2, 0.9);
	influence(a, t2, 0.5);
	relmap_analysis *an = run();
	const relmap_gap *g1 = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER,
				      t1);
	const relmap_gap *g2 = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER,
				      t2);
	assert_string_equal(via_text(an, g1), "u1 a t1");
	assert_float_equal(g1->path_strength, 0.45, EPS);
	assert_string_equal(via_text(an, g2), "u2 b t2");
	assert_float_equal(g2->path_strength, 0.54, EPS);
	relmap_analysis_free(an);
}

static void analyze__path_for_blocker_and_shared_by_both_gaps(void **state)
{
	(void)state;
	int32_t u = member("u1");
	int32_t a = plain("a");
	int32_t b = person("b", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_NEUTRAL,
			   0.5);
	int32_t k = person("k", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_OPPONENT, 0.9);
	cover(u, a, 0.6);
	reports(b, a);
	reports(k, a);
	relmap_analysis *an = run();
	const relmap_gap *gb = gap_of(an, RELMAP_GAP_UNMANAGED_BLOCKER, b);
	assert_string_equal(via_text(an, gb), "u1 a b");
	const relmap_gap *k1 = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER,
				      k);
	const relmap_gap *k2 = gap_of(an, RELMAP_GAP_UNMANAGED_BLOCKER, k);
	assert_string_equal(via_text(an, k1), "u1 a k");
	assert_string_equal(via_text(an, k2), "u1 a k");
	assert_float_equal(k2->path_strength, 0.3, EPS);
	/* Warnings carry no path. */
	for (size_t i = 0; i < an->n_gaps; i++)
		if (an->gaps[i].severity == RELMAP_SEVERITY_WARNING)
			assert_false(an->gaps[i].has_path);
	relmap_analysis_free(an);
}

static void analyze__path_never_passes_through_a_member(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t a = plain("a");
	int32_t t = dm("t");
	cover(u1, a, 0.9);
	cover(u2, a, 0.9);
	cover(u2, t, 0.1);
	relmap_analysis *an = run();
	const relmap_gap *g = gap_of(an, RELMAP_GAP_UNCOVERED_DECISION_MAKER, t);
	assert_string_equal(via_text(an, g), "u2 t");
	for (size_t i = 1; i < g->via_len; i++)
		assert_true((size_t)g->via[i] >= acct()->n_members);
	relmap_analysis_free(an);
}

/* ---- options, arguments and names ---- */

static void analyze__invalid_options_are_usage_errors(void **state)
{
	(void)state;
	plain("p1");
	relmap_analysis *an = (relmap_analysis *)1;
	relmap_analysis_options bad[10];
	for (int i = 0; i < 10; i++) {
		relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
		o.as_of = as_of;
		bad[i] = o;
	}
	bad[0].covered_threshold = -0.1;
	bad[1].key_influence = NAN;
	bad[2].blocker_influence = -1;
	bad[3].stale_days = -1;
	bad[4].half_life_days = 0;
	bad[5].half_life_days = -90;
	bad[6].hierarchy_strength = 1.5;
	bad[7].channel_weight[RELMAP_CHANNEL_CALL] = -0.6;
	bad[8].tie_epsilon = NAN;
	bad[9].covered_threshold = INFINITY;
	for (int i = 0; i < 10; i++) {
		assert_int_equal(relmap_analysis_run(&an, acct(), &bad[i]),
				 RELMAP_EUSAGE);
		assert_null(an);
	}
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	assert_int_equal(relmap_analysis_run(&an, NULL, &o), RELMAP_EUSAGE);
	assert_int_equal(relmap_analysis_run(&an, acct(), NULL), RELMAP_EUSAGE);
	assert_int_equal(relmap_analysis_run(NULL, acct(), &o), RELMAP_EUSAGE);
	relmap_analysis_free(NULL);
}

static void analyze__dangling_index_is_a_usage_error(void **state)
{
	(void)state;
	int32_t u = member("u1");
	cover(u, 5, 0.5); /* no person 5 */
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	relmap_analysis *an = NULL;
	assert_int_equal(relmap_analysis_run(&an, acct(), &o), RELMAP_EUSAGE);
	assert_null(an);
}

static void analyze__gap_kind_names_and_severities(void **state)
{
	(void)state;
	static const char *names[] = {
		"uncovered-decision-maker", "unmanaged-blocker",
		"stale-relationship", "single-threaded",
		"missing-economic-buyer", "no-champion",
	};
	for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++) {
		assert_string_equal(relmap_gap_kind_name((relmap_gap_kind)k),
				    names[k]);
		assert_int_equal(relmap_gap_kind_severity((relmap_gap_kind)k),
				 k < 2 ? RELMAP_SEVERITY_ERROR
				       : RELMAP_SEVERITY_WARNING);
	}
	assert_null(relmap_gap_kind_name(RELMAP_GAP_KIND_COUNT));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(analyze__covered_at_exact_threshold),
		T(analyze__uncovered_just_below_threshold),
		T(analyze__uncovered_without_any_member),
		T(analyze__decay_meeting_90_days_is_half),
		T(analyze__decay_sums_touchpoints),
		T(analyze__channel_weights),
		T(analyze__channel_weight_and_half_life_options),
		T(analyze__touchpoints_after_as_of_ignored),
		T(analyze__explicit_and_touchpoints_take_the_max),
		T(analyze__explicit_takes_the_largest_given),
		T(analyze__best_member_is_strongest_then_lower_index),
		T(analyze__pairs_sorted_by_person_then_member),
		T(analyze__key_at_exact_influence),
		T(analyze__key_by_role_whatever_influence),
		T(analyze__key_influence_option),
		T(analyze__blocker_at_exact_influence),
		T(analyze__covered_blocker_is_managed),
		T(analyze__key_opponent_has_both_errors),
		T(analyze__stale_after_more_than_90_days),
		T(analyze__stale_uses_latest_over_all_members),
		T(analyze__stale_needs_touchpoints_up_to_as_of),
		T(analyze__stale_only_for_covered_key_persons),
		T(analyze__stale_days_option),
		T(analyze__single_threaded_with_fewer_than_two_covered),
		T(analyze__single_threaded_when_one_member_holds_all),
		T(analyze__not_single_threaded_with_second_member),
		T(analyze__not_single_threaded_with_different_members),
		T(analyze__missing_economic_buyer),
		T(analyze__no_champion_unless_covered),
		T(analyze__champion_by_role),
		T(analyze__empty_account),
		T(analyze__gaps_in_kind_then_person_order),
		T(analyze__coverage_score),
		T(analyze__coverage_score_null_without_key_influence),
		T(analyze__coverage_score_full),
		T(analyze__path_max_product_beats_fewer_hops),
		T(analyze__path_tie_prefers_fewer_hops),
		T(analyze__path_tie_within_epsilon),
		T(analyze__path_tie_prefers_smaller_id_sequence),
		T(analyze__path_tie_compares_from_the_member),
		T(analyze__path_tie_between_members_on_one_hop),
		T(analyze__path_none),
		T(analyze__path_ignores_negative_and_zero_influence),
		T(analyze__path_influence_either_direction),
		T(analyze__path_reports_to_both_directions),
		T(analyze__path_dotted_line_and_hierarchy_option),
		T(analyze__path_strongest_of_parallel_edges),
		T(analyze__path_from_several_members),
		T(analyze__path_for_blocker_and_shared_by_both_gaps),
		T(analyze__path_never_passes_through_a_member),
		T(analyze__invalid_options_are_usage_errors),
		T(analyze__dangling_index_is_a_usage_error),
		T(analyze__gap_kind_names_and_severities),
	};
	return cmocka_run_group_tests_name("analyze", tests, NULL, NULL);
}
