/* test_view.c - which persons of a big account are drawn (view.h). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "relmap/relmap.h"
#include "view.h"

typedef struct acct {
	relmap_document *doc;
	relmap_account *a;
	relmap_analysis *an;
} acct;

static const char *keep(acct *t, const char *s)
{
	return s ? arena_strdup(document_arena(t->doc), s) : NULL;
}

static void acct_new(acct *t)
{
	t->doc = document_new("test.xml");
	assert_non_null(t->doc);
	t->a = document_add_account(t->doc);
	t->a->id = keep(t, "acme");
	t->an = NULL;
}

static int32_t person(acct *t, const char *id, const char *dept,
		      int32_t manager, relmap_role role, double influence,
		      relmap_attitude att)
{
	relmap_person *p = document_add_person(t->doc, t->a);
	p->id = keep(t, id);
	p->name = keep(t, id);
	p->department = keep(t, dept);
	p->manager = manager;
	p->role = role;
	p->influence = influence;
	p->attitude = att;
	return (int32_t)(t->a->n_persons - 1);
}

static int32_t plain(acct *t, const char *id, const char *dept, int32_t m)
{
	return person(t, id, dept, m, RELMAP_ROLE_USER, 0.1,
		      RELMAP_ATTITUDE_NEUTRAL);
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

/*
 *  p0 CEO, key, covered
 *  ├─ p1 Finance ── p2 p3 p4 (Finance), p5 (Finance, an unmanaged blocker)
 *  ├─ p6 Tech ── p7 Tech ── p8 Tech; p9 Engineering
 *  └─ p10 Ops
 *  p11 (no manager, alone)
 *  u1 covers p0 and p3; p2 influences p9.
 */
static void org(acct *t)
{
	acct_new(t);
	relmap_member *m = document_add_member(t->doc, t->a);
	m->id = keep(t, "u1");
	m->name = keep(t, "Jane");
	int32_t p0 = person(t, "p0", "Executive", -1,
			    RELMAP_ROLE_DECISION_MAKER, 0.9,
			    RELMAP_ATTITUDE_SUPPORTER);
	int32_t p1 = plain(t, "p1", "Finance", p0);
	plain(t, "p2", "Finance", p1);
	int32_t p3 = plain(t, "p3", "Finance", p1);
	plain(t, "p4", "Finance", p1);
	person(t, "p5", "Finance", p1, RELMAP_ROLE_BLOCKER, 0.6,
	       RELMAP_ATTITUDE_OPPONENT);
	int32_t p6 = plain(t, "p6", "Tech", p0);
	int32_t p7 = plain(t, "p7", "Tech", p6);
	plain(t, "p8", "Tech", p7);
	plain(t, "p9", "Engineering", p6);
	plain(t, "p10", "Ops", p0);
	plain(t, "p11", "Ops", -1);
	relmap_coverage *c = document_add_coverage(t->doc, t->a);
	c->member = 0;
	c->person = p0;
	c->strength = 0.9;
	c = document_add_coverage(t->doc, t->a);
	c->member = 0;
	c->person = p3;
	c->strength = 0.5;
	relmap_influence *f = document_add_influence(t->doc, t->a);
	f->from = 2;
	f->to = 9;
	f->weight = 0.5;
	analyse(t);
}

static view *make(acct *t, const char *focus, int hops, int collapse,
		  int expect_rc, relmap_diags *d)
{
	view_options o = { focus, hops, collapse, 0, 0, 0, 0, NULL };
	view *v = NULL;
	assert_int_equal(view_build(&v, t->an, &o, d), expect_rc);
	return v;
}

static void view__collapse_keeps_key_and_gap_persons_and_managers(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);
	view *v = make(&t, NULL, 0, 1, 0, &d);

	/* Key p0, gap p5 and p5's manager p1 are drawn; p11, a group of
	 * one, is drawn as itself. */
	static const int drawn[] = { 0, 1, 5, 11 };
	for (size_t i = 0; i < sizeof(drawn) / sizeof(drawn[0]); i++)
		assert_int_equal(v->person[drawn[i]], VIEW_DRAWN);
	assert_int_equal(v->n_drawn, 4);
	assert_int_equal(v->n_folded, 8);
	assert_int_equal(v->n_summaries, 2);
	assert_false(v->coverage_lines);

	/* In order of their first folded person: under p1, then under p0. */
	const view_summary *s = &v->summaries[0];
	assert_int_equal(s->manager, 1);
	assert_int_equal(s->count, 3);
	assert_int_equal(s->covered, 1); /* p3 */
	assert_string_equal(s->department, "Finance");
	for (int i = 2; i <= 4; i++)
		assert_int_equal(v->person[i], 0);
	s = &v->summaries[1];
	assert_int_equal(s->manager, 0);
	assert_int_equal(s->count, 5); /* p6 p7 p8 p9 p10 */
	assert_int_equal(s->covered, 0);
	assert_null(s->department); /* Tech, Engineering and Ops */
	for (int i = 6; i <= 10; i++)
		assert_int_equal(v->person[i], 1);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__collapse_above_a_size_only(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);
	view_options o = { NULL, 0, 1, 12, 0, 0, 0, NULL };
	view *v = NULL;
	assert_int_equal(view_build(&v, t.an, &o, &d), 0);
	assert_int_equal(v->n_summaries, 0); /* 12 persons: not above 12 */
	assert_int_equal(v->n_drawn, 12);
	assert_true(v->coverage_lines);
	view_free(v);
	o.collapse_above = 11;
	assert_int_equal(view_build(&v, t.an, &o, &d), 0);
	assert_int_equal(v->n_summaries, 2);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__focus_counts_hops_over_every_edge_kind(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);

	/* p2: its manager p1 and, by influence, p9. */
	view *v = make(&t, "p2", 1, 0, 0, &d);
	assert_int_equal(v->focus_person, 2);
	assert_int_equal(v->n_drawn, 3);
	assert_int_equal(v->person[1], VIEW_DRAWN);
	assert_int_equal(v->person[2], VIEW_DRAWN);
	assert_int_equal(v->person[9], VIEW_DRAWN);
	assert_int_equal(v->person[0], VIEW_HIDDEN);
	assert_false(v->member[0]);
	view_free(v);

	/* Two hops: p1's manager and reports, p9's manager. */
	v = make(&t, "p2", 2, 0, 0, &d);
	static const int two[] = { 0, 1, 2, 3, 4, 5, 6, 9 };
	assert_int_equal(v->n_drawn, 8);
	for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		assert_int_equal(v->person[two[i]], VIEW_DRAWN);
	assert_false(v->member[0]); /* u1 covers p0 and p3: three hops */
	view_free(v);

	/* A member: coverage counts both ways. */
	v = make(&t, "u1", 1, 0, 0, &d);
	assert_int_equal(v->focus_member, 0);
	assert_true(v->member[0]);
	assert_int_equal(v->n_drawn, 2);
	assert_int_equal(v->person[0], VIEW_DRAWN);
	assert_int_equal(v->person[3], VIEW_DRAWN);
	view_free(v);

	/* Zero hops: the focus alone. */
	v = make(&t, "p11", 0, 0, 0, &d);
	assert_int_equal(v->n_drawn, 1);
	assert_int_equal(v->person[11], VIEW_DRAWN);
	view_free(v);
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__focus_on_an_unknown_id_names_it(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);
	view *v = make(&t, "p99", 2, 0, RELMAP_EUSAGE, &d);
	assert_null(v);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
		"--focus: no person or team member 'p99' in account 'acme'");
	relmap_diags_free(&d);
	acct_free(&t);
}

/* The customer's view: what is drawn must not depend on key persons,
 * gaps, influence or coverage. */
static void view__neutral_folds_by_shape_and_focuses_along_the_chart(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);
	view_options o = { NULL, 0, 1, 0, 1, 0, 0, NULL };
	view *v = NULL;
	assert_int_equal(view_build(&v, t.an, &o, &d), 0);
	/* Managers p0, p1, p6, p7 stay; p5 (a gap) is folded with p2..p4,
	 * p9 and p10 with p7's reports... each group of one drawn. */
	static const int managers[] = { 0, 1, 6, 7 };
	for (size_t i = 0; i < sizeof(managers) / sizeof(managers[0]); i++)
		assert_int_equal(v->person[managers[i]], VIEW_DRAWN);
	assert_true(v->person[5] >= 0);
	assert_int_equal(v->person[5], v->person[2]);
	assert_int_equal(v->summaries[v->person[5]].count, 4);
	assert_false(v->coverage_lines);
	view_free(v);

	/* From p2, one hop: p1 only (the influence to p9 does not count). */
	o = (view_options){ "p2", 1, 0, 0, 1, 0, 0, NULL };
	assert_int_equal(view_build(&v, t.an, &o, &d), 0);
	assert_int_equal(v->n_drawn, 2);
	assert_int_equal(v->person[9], VIEW_HIDDEN);
	assert_false(v->member[0]);
	view_free(v);

	/* A team member is no focus for the customer. */
	o = (view_options){ "u1", 1, 0, 0, 1, 0, 0, NULL };
	assert_int_equal(view_build(&v, t.an, &o, &d), RELMAP_EUSAGE);
	assert_null(v);
	assert_int_equal(d.count, 1);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__focus_then_collapse_keeps_the_focus(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	org(&t);
	/* p7 is no key person, but the focus is never folded. */
	view *v = make(&t, "p7", 2, 1, 0, &d);
	assert_int_equal(v->person[7], VIEW_DRAWN);
	assert_int_equal(v->person[6], VIEW_DRAWN); /* its manager */
	for (size_t i = 0; i < v->n_persons; i++)
		if (i != 0 && i != 6 && i != 7 && i != 8 && i != 9)
			assert_int_equal(v->person[i], VIEW_HIDDEN);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

/* No reporting lines at all (a CRM export without reports-to): the
 * persons are stacked under a virtual top, and only when there are many. */
static void view__persons_without_managers_are_stacked_too(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	char id[16];
	acct_new(&t);
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		plain(&t, id, "X", -1);
	}
	analyse(&t);
	view *v = make(&t, NULL, 0, 0, 0, &d);
	assert_int_equal(view_stack(v, t.an, 2, 0, 1.5), 0);
	assert_false(v->top_stacked); /* not stacked, and never staggered */
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(v->person_minlen[i], 1);
	assert_int_equal(view_stack(v, t.an, 2, 8, 1.5), 0);
	assert_true(v->top_stacked);
	unsigned rows = 0;
	for (size_t i = 0; i < 40; i++)
		if (v->person_minlen[i] > rows)
			rows = v->person_minlen[i];
	assert_true(rows >= 4 && rows <= 8);
	view_free(v);

	/* A few: left alone. */
	acct_free(&t);
	acct_new(&t);
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		plain(&t, id, "X", -1);
	}
	analyse(&t);
	v = make(&t, NULL, 0, 0, 0, &d);
	assert_int_equal(view_stack(v, t.an, 2, 8, 1.5), 0);
	assert_false(v->top_stacked);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__many_reports_are_stacked_in_columns(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	char id[16];
	acct_new(&t);
	int32_t boss = plain(&t, "boss", "X", -1);
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		plain(&t, id, "X", boss);
	}
	analyse(&t);
	view *v = make(&t, NULL, 0, 0, 0, &d);

	/* Not stacked: all on one rank. */
	assert_int_equal(view_stack(v, t.an, 1, 0, 1.5), 0);
	for (size_t i = 1; i <= 40; i++)
		assert_int_equal(v->person_minlen[i], 1);

	/* Stacked: a grid no wider than 1.5 times its height, no rank of
	 * it holding more reports than any other but the last. */
	assert_int_equal(view_stack(v, t.an, 1, 8, 1.5), 0);
	unsigned per_rank[64] = { 0 }, rows = 0;
	for (size_t i = 1; i <= 40; i++) {
		unsigned ml = v->person_minlen[i];
		assert_true(ml >= 1 && ml < 64);
		per_rank[ml]++;
		if (ml > rows)
			rows = ml;
	}
	unsigned cols = per_rank[1];
	assert_true(cols > 1 && cols < 40);
	assert_true((double)cols <= 1.5 * (double)(rows + 1));
	for (unsigned r = 1; r <= rows; r++)
		assert_true(per_rank[r] <= cols);
	assert_int_equal(v->person_minlen[0], 1);

	/* leaf-stagger alone: two ranks in turn. */
	assert_int_equal(view_stack(v, t.an, 2, 0, 1.5), 0);
	assert_int_equal(v->person_minlen[1], 1);
	assert_int_equal(v->person_minlen[2], 2);
	assert_int_equal(v->person_minlen[3], 1);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

static void view__no_stacking_when_long_lines_would_cross_it(void **state)
{
	(void)state;
	acct t;
	relmap_diags d = RELMAP_DIAGS_INIT;
	char id[16];
	acct_new(&t);
	relmap_member *m = document_add_member(t.doc, t.a);
	m->id = keep(&t, "u1");
	int32_t boss = plain(&t, "boss", "X", -1);
	for (int i = 0; i < 1000; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		int32_t r = plain(&t, id, "X", boss);
		relmap_coverage *c = document_add_coverage(t.doc, t.a);
		c->member = 0;
		c->person = r;
		c->strength = 0.5;
	}
	analyse(&t);
	view *v = make(&t, NULL, 0, 0, 0, &d);
	assert_true(v->coverage_lines);

	/* 1,000 coverage lines from the top rank down a stacked grid would
	 * cross far more ranks than dot can place quickly: flat. */
	assert_int_equal(view_stack(v, t.an, 1, 8, 1.5), 0);
	for (size_t i = 1; i <= 1000; i++)
		assert_int_equal(v->person_minlen[i], 1);

	/* Coverage written on the persons instead: stacked. */
	v->coverage_lines = 0;
	assert_int_equal(view_stack(v, t.an, 1, 8, 1.5), 0);
	unsigned deepest = 1;
	for (size_t i = 1; i <= 1000; i++)
		if (v->person_minlen[i] > deepest)
			deepest = v->person_minlen[i];
	assert_true(deepest > 1);
	view_free(v);
	relmap_diags_free(&d);
	acct_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(view__collapse_keeps_key_and_gap_persons_and_managers),
		cmocka_unit_test(view__collapse_above_a_size_only),
		cmocka_unit_test(view__focus_counts_hops_over_every_edge_kind),
		cmocka_unit_test(view__focus_on_an_unknown_id_names_it),
		cmocka_unit_test(view__focus_then_collapse_keeps_the_focus),
		cmocka_unit_test(view__neutral_folds_by_shape_and_focuses_along_the_chart),
		cmocka_unit_test(view__many_reports_are_stacked_in_columns),
		cmocka_unit_test(view__persons_without_managers_are_stacked_too),
		cmocka_unit_test(view__no_stacking_when_long_lines_would_cross_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
