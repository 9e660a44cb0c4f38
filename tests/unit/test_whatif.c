/* test_whatif.c - accounts without some people, and single points of
 * failure checked against one full re-analysis per candidate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "document.h"
#include "relmap/relmap.h"

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
	acct()->id = arena_strdup(document_arena(doc), "acme");
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
	m->pos.line = (int)acct()->n_members;
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
	p->pos.line = 100 + (int)acct()->n_persons;
	return (int32_t)(acct()->n_persons - 1);
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

static void touch(int32_t m, int32_t p, relmap_channel ch, int age)
{
	relmap_touchpoint *t = document_add_touchpoint(doc, acct());
	assert_non_null(t);
	t->member = m;
	t->person = p;
	t->channel = ch;
	t->date = as_of - age;
}

static relmap_document *without(const char *const *ids, size_t n)
{
	relmap_document *out = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_without(&out, doc, NULL, ids, n, &d), 0);
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
	return out;
}

static void test_whatif__without_removes_edges_and_managers(void **state)
{
	(void)state;
	int32_t u1 = member("u1"), u2 = member("u2");
	int32_t a = person("a", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_NEUTRAL, 0.9);
	int32_t b = person("b", RELMAP_ROLE_USER, RELMAP_ATTITUDE_CHAMPION, 0.2);
	int32_t c = person("c", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_OPPONENT,
			   0.6);
	reports(b, a);
	reports(c, b);
	dotted(c, a);
	dotted(b, a);
	influence(a, c, 0.5);
	influence(b, c, 0.4);
	cover(u1, b, 0.9);
	cover(u2, c, 0.7);
	touch(u1, c, RELMAP_CHANNEL_CALL, 3);
	touch(u2, a, RELMAP_CHANNEL_MEETING, 10);

	static const char *const ids[] = { "b", "u1" };
	relmap_document *w = without(ids, 2);
	const relmap_account *x = &w->accounts[0];
	assert_string_equal(x->id, "acme");
	assert_int_equal(x->n_members, 1);
	assert_string_equal(x->members[0].id, "u2");
	assert_int_equal(x->members[0].pos.line, 2); /* positions kept */
	assert_int_equal(x->n_persons, 2);
	assert_string_equal(x->persons[0].id, "a");
	assert_string_equal(x->persons[1].id, "c");
	assert_int_equal(x->persons[1].pos.line, 103);
	/* c reported to b, who left: no manager, no reports-to. */
	assert_int_equal(x->persons[1].manager, -1);
	assert_null(x->persons[1].reports_to);
	assert_int_equal(x->n_dotted_lines, 1);
	assert_int_equal(x->dotted_lines[0].from, 1);
	assert_int_equal(x->dotted_lines[0].to, 0);
	assert_int_equal(x->n_influences, 1);
	assert_int_equal(x->influences[0].from, 0);
	assert_int_equal(x->influences[0].to, 1);
	assert_int_equal(x->n_coverages, 1);
	assert_int_equal(x->coverages[0].member, 0);
	assert_int_equal(x->coverages[0].person, 1);
	assert_int_equal(x->n_touchpoints, 1);
	assert_int_equal(x->touchpoints[0].member, 0);
	assert_int_equal(x->touchpoints[0].person, 0);
	/* The copy owns its strings. */
	assert_ptr_not_equal(x->persons[0].id, acct()->persons[0].id);
	relmap_document_free(w);

	/* A manager who stays is renumbered. */
	static const char *const a_only[] = { "a" };
	w = without(a_only, 1);
	x = &w->accounts[0];
	assert_int_equal(x->n_persons, 2);
	assert_int_equal(x->persons[0].manager, -1);
	assert_int_equal(x->persons[1].manager, 0);
	assert_string_equal(x->persons[1].reports_to, "b");
	assert_int_equal(x->n_dotted_lines, 0);
	relmap_document_free(w);
}

static void test_whatif__unknown_ids_are_named(void **state)
{
	(void)state;
	member("u1");
	person("a", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL, 0.1);
	static const char *const ids[] = { "a", "zz", "a", "qq" };
	relmap_document *w = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_without(&w, doc, NULL, ids, 4, &d),
			 RELMAP_EDATA);
	assert_null(w);
	assert_int_equal(d.count, 2);
	assert_non_null(strstr(d.items[0].message, "'zz'"));
	assert_non_null(strstr(d.items[1].message, "'qq'"));
	relmap_diags_free(&d);
	assert_int_equal(relmap_document_without(&w, doc, "nope", ids, 1, NULL),
			 RELMAP_EUSAGE);
}

/* tests/data/cli/acme.xml with u1 and p3 deleted by hand. */
static const char acme_cut[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<relmap version=\"1\" as-of=\"2026-11-01\">\n"
	"  <account id=\"acme\" name=\"Acme Corp\" industry=\"Manufacturing\" stage=\"renewal\" value=\"1200000\">\n"
	"    <team>\n"
	"      <member id=\"u2\" name=\"Raj Patel\" role=\"sales-engineer\"/>\n"
	"    </team>\n"
	"    <person id=\"p1\" name=\"Maria Lopez\" title=\"Chief Executive Officer\" department=\"Executive\"\n"
	"            role=\"decision-maker\" influence=\"0.95\" attitude=\"neutral\"/>\n"
	"    <person id=\"p2\" name=\"Tom Ng\" title=\"Chief Financial Officer\" department=\"Finance\"\n"
	"            reports-to=\"p1\" role=\"economic-buyer\" influence=\"0.8\" attitude=\"supporter\"/>\n"
	"    <person id=\"p7\" name=\"Lee Park\" title=\"VP Procurement\" department=\"Procurement\"\n"
	"            role=\"blocker\" influence=\"0.5\" attitude=\"skeptic\"/>\n"
	"    <person id=\"p8\" name=\"Zo\xc3\xab &amp; &lt;Bo&gt; &quot;O'Neil&quot; \xe6\x9d\x8e\xe5\xa8\x9c \xf0\x9f\x9a\x80\" title=\"Engineer\" department=\"Technology\"\n"
	"            role=\"user\" influence=\"0.2\"/>\n"
	"    <dotted-line from=\"p7\" to=\"p2\"/>\n"
	"  </account>\n"
	"</relmap>\n";

static char *json_of(const relmap_account *a)
{
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	relmap_analysis *an = NULL;
	char *text = NULL;
	size_t len;
	o.as_of = as_of;
	assert_int_equal(relmap_analysis_run(&an, a, &o), 0);
	const relmap_analysis *c = an;
	assert_int_equal(relmap_report_json(&text, &len, &c, 1), 0);
	relmap_analysis_free(an);
	return text;
}

static void test_whatif__equals_hand_deleted_acme(void **state)
{
	(void)state;
	relmap_document *full = NULL, *cut = NULL, *w = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&full, "cli/acme.xml", NULL,
						  &d), 0);
	assert_int_equal(relmap_document_load_xml_memory(&cut, acme_cut,
		sizeof(acme_cut) - 1, "cut.xml", NULL, &d), 0);
	assert_int_equal(d.errors, 0);
	relmap_diags_free(&d);
	static const char *const ids[] = { "p3", "u1" };
	assert_int_equal(relmap_document_without(&w, full, "acme", ids, 2,
						 NULL), 0);
	relmap_document_free(full); /* the copy must not borrow from it */
	char *got = json_of(&w->accounts[0]);
	char *want = json_of(&cut->accounts[0]);
	assert_string_equal(got, want);
	free(got);
	free(want);
	relmap_document_free(w);
	relmap_document_free(cut);
}

/* A seeded random account: every role and attitude, influences at and
 * near the thresholds, coverage at and near 0.4, tied members, stale and
 * future touchpoints, a reporting tree, dotted lines and influence. */
static uint64_t rng;

static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(rng >> 33) % n;
}

static void random_account(size_t n_persons, size_t n_members, uint64_t seed)
{
	static const double infl[] = { 0.1, 0.3, 0.49, 0.5, 0.69, 0.7, 0.9 };
	static const double cov[] = { 0.1, 0.39, 0.4, 0.4, 0.6, 0.9 };
	char id[32];
	rng = seed;
	for (size_t m = 0; m < n_members; m++) {
		snprintf(id, sizeof(id), "u%zu", m + 1);
		member(id);
	}
	for (size_t p = 0; p < n_persons; p++) {
		snprintf(id, sizeof(id), "p%zu", p + 1);
		int32_t i = person(id, (relmap_role)rnd(RELMAP_ROLE_COUNT),
				   (relmap_attitude)rnd(RELMAP_ATTITUDE_COUNT),
				   infl[rnd(7)]);
		if (p > 0 && rnd(10))
			reports(i, (int32_t)rnd((unsigned)p));
		if (p > 1 && rnd(8) == 0)
			dotted(i, (int32_t)rnd((unsigned)p));
		if (p > 1 && rnd(3) == 0)
			influence(i, (int32_t)rnd((unsigned)p),
				  rnd(4) ? 0.6 : -0.5);
		for (unsigned k = rnd(4); k > 0; k--)
			cover((int32_t)rnd((unsigned)n_members), i, cov[rnd(6)]);
		for (unsigned k = rnd(3); k > 0; k--)
			touch((int32_t)rnd((unsigned)n_members), i,
			      (relmap_channel)rnd(RELMAP_CHANNEL_COUNT),
			      (int)rnd(400) - 20);
	}
}

/* Whether gap (kind, person id) is an error gap of `an`. */
static int has_error(const relmap_analysis *an, relmap_gap_kind kind,
		     const char *id)
{
	for (size_t i = 0; i < an->n_gaps; i++) {
		const relmap_gap *g = &an->gaps[i];
		if (g->kind == kind && g->person >= 0 &&
		    strcmp(an->account->persons[g->person].id, id) == 0)
			return 1;
	}
	return 0;
}

/* The spof entry of node `id`, or NULL. */
static const relmap_spof *spof_of(const relmap_spof_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(relmap_account_node_id(acct(),
						  (size_t)l->items[i].node),
			   id) == 0)
			return &l->items[i];
	return NULL;
}

/* relmap_spof_find against one full re-analysis per person and member. */
static void check_brute_force(const relmap_analysis_options *o,
			      size_t *n_spof)
{
	relmap_analysis *base = NULL;
	relmap_spof_list *l = NULL;
	assert_int_equal(relmap_analysis_run(&base, acct(), o), 0);
	assert_int_equal(relmap_spof_find(&l, base, o), 0);
	size_t nodes = relmap_account_node_count(acct()), listed = 0;
	for (size_t node = 0; node < nodes; node++) {
		const char *id = relmap_account_node_id(acct(), node);
		relmap_document *w = without(&id, 1);
		relmap_analysis *an = NULL;
		assert_int_equal(relmap_analysis_run(&an, &w->accounts[0], o), 0);
		/* The opened gaps, in the list's order: kind, then person. */
		const relmap_spof *s = spof_of(l, id);
		size_t k = 0;
		for (size_t i = 0; i < an->n_gaps; i++) {
			const relmap_gap *g = &an->gaps[i];
			if (g->severity != RELMAP_SEVERITY_ERROR)
				continue;
			const char *pid = an->account->persons[g->person].id;
			if (has_error(base, g->kind, pid))
				continue;
			assert_non_null(s);
			assert_true(k < s->n_opens);
			assert_int_equal(s->opens[k].kind, g->kind);
			assert_string_equal(
				acct()->persons[s->opens[k].person].id, pid);
			k++;
		}
		if (s) {
			assert_int_equal(k, s->n_opens);
			listed++;
		} else {
			assert_int_equal(k, 0);
		}
		relmap_analysis_free(an);
		relmap_document_free(w);
	}
	assert_int_equal(listed, l->n);
	for (size_t i = 1; i < l->n; i++)
		assert_true(l->items[i - 1].node < l->items[i].node);
	*n_spof += l->n;
	relmap_spof_list_free(l);
	relmap_analysis_free(base);
}

static void test_whatif__spof_equals_brute_force(void **state)
{
	(void)state;
	static const size_t sizes[] = { 30, 60, 120, 300 };
	size_t n_spof = 0;
	for (size_t i = 0; i < 4; i++) {
		for (uint64_t seed = 1; seed <= 3; seed++) {
			teardown(NULL);
			assert_int_equal(setup(NULL), 0);
			random_account(sizes[i], 2 + seed, seed * 977 + i);
			relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
			o.as_of = as_of;
			check_brute_force(&o, &n_spof);
			o.covered_threshold = 0.6;
			o.blocker_influence = 0.3;
			check_brute_force(&o, &n_spof);
			/* Everyone is covered at 0: nothing can open. */
			o.covered_threshold = 0;
			size_t none = 0;
			check_brute_force(&o, &none);
			assert_int_equal(none, 0);
		}
	}
	/* The accounts must exercise the rule, not pass vacuously. */
	assert_true(n_spof > 20);
}

static void test_whatif__spof_ties_and_persons(void **state)
{
	(void)state;
	relmap_analysis_options o = RELMAP_ANALYSIS_OPTIONS_INIT;
	o.as_of = as_of;
	int32_t u1 = member("u1"), u2 = member("u2"), u3 = member("u3");
	int32_t a = person("a", RELMAP_ROLE_DECISION_MAKER,
			   RELMAP_ATTITUDE_OPPONENT, 0.9);
	int32_t b = person("b", RELMAP_ROLE_USER, RELMAP_ATTITUDE_NEUTRAL, 0.7);
	int32_t c = person("c", RELMAP_ROLE_BLOCKER, RELMAP_ATTITUDE_NEUTRAL,
			   0.5);
	int32_t d = person("d", RELMAP_ROLE_ECONOMIC_BUYER,
			   RELMAP_ATTITUDE_NEUTRAL, 0.2);
	reports(b, a);
	cover(u1, a, 0.4);  /* exactly at the threshold: u1 alone */
	cover(u2, a, 0.39);
	cover(u2, b, 0.8);  /* two members tie: nobody alone */
	cover(u3, b, 0.8);
	cover(u3, c, 0.5);
	(void)d;            /* uncovered already: opens nothing new */
	relmap_analysis *an = NULL;
	relmap_spof_list *l = NULL;
	assert_int_equal(relmap_analysis_run(&an, acct(), &o), 0);
	assert_int_equal(relmap_spof_find(&l, an, &o), 0);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->items[0].node, u1);
	assert_int_equal(l->items[0].n_opens, 2); /* key and opponent */
	assert_int_equal(l->items[0].opens[0].kind,
			 RELMAP_GAP_UNCOVERED_DECISION_MAKER);
	assert_int_equal(l->items[0].opens[1].kind, RELMAP_GAP_UNMANAGED_BLOCKER);
	assert_int_equal(l->items[0].opens[1].person, a);
	assert_int_equal(l->items[1].node, u3);
	assert_int_equal(l->items[1].n_opens, 1);
	assert_int_equal(l->items[1].opens[0].kind, RELMAP_GAP_UNMANAGED_BLOCKER);
	assert_int_equal(l->items[1].opens[0].person, c);

	char *text = NULL;
	size_t len;
	const relmap_analysis *can = an;
	const relmap_spof_list *cl = l;
	assert_int_equal(relmap_report_text_spof(&text, &len, "t.xml", &can,
						 &cl, 1), 0);
	assert_non_null(strstr(text,
		"t.xml:1: note: spof: u1 (u1) leaving opens "
		"uncovered-decision-maker for a (a), unmanaged-blocker for a (a)\n"));
	free(text);
	assert_int_equal(relmap_report_json_spof(&text, &len, &can, &cl, 1), 0);
	assert_non_null(strstr(text, "\"spof\": [\n"));
	free(text);
	relmap_spof_list_free(l);
	relmap_analysis_free(an);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_whatif__without_removes_edges_and_managers),
		T(test_whatif__unknown_ids_are_named),
		T(test_whatif__equals_hand_deleted_acme),
		T(test_whatif__spof_equals_brute_force),
		T(test_whatif__spof_ties_and_persons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
