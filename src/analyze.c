/*
 * analyze.c - pair strengths, coverage, key persons, gaps and the score.
 *
 * Everything is linear in the size of the account: coverage and
 * touchpoint records are bucketed by person with a counting sort, each
 * person's records are folded per member in a scratch row indexed by
 * member, and the access paths come from one search (paths.c).
 */
#include "relmap/analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

#define UDM_BIT (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER)
#define BLOCKER_BIT (1u << RELMAP_GAP_UNMANAGED_BLOCKER)
#define STALE_BIT (1u << RELMAP_GAP_STALE_RELATIONSHIP)

static const char *const gap_names[RELMAP_GAP_KIND_COUNT] = {
	"uncovered-decision-maker", "unmanaged-blocker", "stale-relationship",
	"single-threaded", "missing-economic-buyer", "no-champion",
};

const char *relmap_gap_kind_name(relmap_gap_kind k)
{
	return (int)k >= 0 && k < RELMAP_GAP_KIND_COUNT ? gap_names[k] : NULL;
}

relmap_severity relmap_gap_kind_severity(relmap_gap_kind k)
{
	switch (k) {
	case RELMAP_GAP_UNCOVERED_DECISION_MAKER:
	case RELMAP_GAP_UNMANAGED_BLOCKER:
		return RELMAP_SEVERITY_ERROR;
	case RELMAP_GAP_STALE_RELATIONSHIP:
	case RELMAP_GAP_SINGLE_THREADED:
	case RELMAP_GAP_MISSING_ECONOMIC_BUYER:
	case RELMAP_GAP_NO_CHAMPION:
		return RELMAP_SEVERITY_WARNING;
	default:
		return RELMAP_SEVERITY_NOTE;
	}
}

static int nonneg(double v)
{
	return isfinite(v) && v >= 0;
}

static int options_valid(const relmap_analysis_options *o)
{
	if (!nonneg(o->covered_threshold) || !nonneg(o->key_influence) ||
	    !nonneg(o->blocker_influence) || !nonneg(o->stale_days) ||
	    !nonneg(o->tie_epsilon))
		return 0;
	if (!isfinite(o->half_life_days) || o->half_life_days <= 0)
		return 0;
	/* Above 1, a longer path could be stronger and the search would
	 * no longer be a shortest-path problem. */
	if (!nonneg(o->hierarchy_strength) || o->hierarchy_strength > 1)
		return 0;
	for (int c = 0; c < RELMAP_CHANNEL_COUNT; c++)
		if (!nonneg(o->channel_weight[c]))
			return 0;
	return 1;
}

static int index_ok(int32_t i, size_t n)
{
	return i >= 0 && (size_t)i < n;
}

/* Loaders resolve every reference, but the analysis indexes arrays with
 * them, so a hand-built account is checked rather than trusted. */
static int account_valid(const relmap_account *a)
{
	size_t np = a->n_persons, nm = a->n_members;
	if (np > INT32_MAX || nm > INT32_MAX || np + nm > INT32_MAX ||
	    a->n_coverages + a->n_touchpoints >= UINT32_MAX)
		return 0;
	if ((np && !a->persons) || (nm && !a->members))
		return 0;
	for (size_t i = 0; i < nm; i++)
		if (!a->members[i].id)
			return 0;
	for (size_t i = 0; i < np; i++) {
		int32_t m = a->persons[i].manager;
		if (!a->persons[i].id || (m != -1 && !index_ok(m, np)))
			return 0;
	}
	for (size_t i = 0; i < a->n_dotted_lines; i++)
		if (!index_ok(a->dotted_lines[i].from, np) ||
		    !index_ok(a->dotted_lines[i].to, np))
			return 0;
	for (size_t i = 0; i < a->n_influences; i++)
		if (!index_ok(a->influences[i].from, np) ||
		    !index_ok(a->influences[i].to, np))
			return 0;
	for (size_t i = 0; i < a->n_coverages; i++)
		if (!index_ok(a->coverages[i].member, nm) ||
		    !index_ok(a->coverages[i].person, np))
			return 0;
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		if (!index_ok(t->member, nm) || !index_ok(t->person, np) ||
		    (int)t->channel < 0 || t->channel >= RELMAP_CHANNEL_COUNT)
			return 0;
	}
	return 1;
}

/* One coverage or counted touchpoint, bucketed by person.  Touchpoints
 * carry their decayed weight, so the fold reads the buckets in order and
 * never goes back to the account's arrays. */
typedef struct record {
	double value;   /* coverage strength, or w(channel) * 0.5^(age / h) */
	int32_t member;
	int32_t date;   /* NO_DATE for a coverage */
} record;

#define NO_DATE INT32_MIN

/* One member's records for the person being folded. */
typedef struct member_row {
	double explicit_strength;
	double touch_sum;
	size_t n_touchpoints;
	int32_t stamp;  /* person the row belongs to, -1 at first */
} member_row;

static int cmp_int32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return (a > b) - (a < b);
}

static void sort_members(int32_t *m, size_t n)
{
	if (n > 16) {
		qsort(m, n, sizeof(*m), cmp_int32);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		int32_t v = m[i];
		size_t j = i;
		for (; j > 0 && m[j - 1] > v; j--)
			m[j] = m[j - 1];
		m[j] = v;
	}
}

/*
 * Pairs sorted by (person, member); each person's coverage, best member
 * and latest touchpoint; and for single-threaded, *one_member_only: every
 * covered person is reached at the threshold by exactly one member, the
 * same one for all (true when nobody is covered).
 */
static int fold_pairs(relmap_analysis *an, const relmap_analysis_options *o,
		      int *one_member_only)
{
	const relmap_account *a = an->account;
	size_t np = a->n_persons, nm = a->n_members, nc = a->n_coverages;
	int rc = RELMAP_ENOMEM;
	uint32_t *start = NULL;
	record *recs = NULL;
	member_row *rows = NULL;
	int32_t *touched = NULL;
	relmap_pair *pairs = NULL;

	/* Bucket the records by person (counting sort, stable). */
	if (!(start = calloc(np + 1, sizeof(*start))))
		goto out;
	size_t n_rec = nc;
	for (size_t i = 0; i < nc; i++)
		start[a->coverages[i].person + 1]++;
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		if (t->date <= o->as_of) {
			start[t->person + 1]++;
			n_rec++;
		}
	}
	for (size_t p = 0; p < np; p++)
		start[p + 1] += start[p];
	if (!(recs = malloc((n_rec ? n_rec : 1) * sizeof(*recs))))
		goto out;
	/* Fill with start[p] as p's cursor; afterwards start[p] is where
	 * p + 1 begins, so the buckets are [start[p - 1], start[p]). */
	for (size_t i = 0; i < nc; i++) {
		const relmap_coverage *c = &a->coverages[i];
		record *r = &recs[start[c->person]++];
		r->value = c->strength;
		r->member = c->member;
		r->date = NO_DATE;
	}
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		if (t->date > o->as_of)
			continue;
		record *r = &recs[start[t->person]++];
		double age = (double)((int64_t)o->as_of - t->date);
		r->value = o->channel_weight[t->channel] *
			   exp2(-age / o->half_life_days);
		r->member = t->member;
		r->date = t->date;
	}

	rows = malloc((nm ? nm : 1) * sizeof(*rows));
	touched = malloc((nm ? nm : 1) * sizeof(*touched));
	/* At most one pair per record; the tail is given back below and its
	 * pages are never touched. */
	pairs = malloc((n_rec ? n_rec : 1) * sizeof(*pairs));
	if (!rows || !touched || !pairs)
		goto out;
	for (size_t m = 0; m < nm; m++)
		rows[m].stamp = -1;

	const double thr = o->covered_threshold;
	int32_t one_member = -2; /* -2: no covered person yet; -1: failed */
	size_t n_pairs = 0;
	uint32_t begin = 0;
	for (size_t p = 0; p < np; p++) {
		relmap_person_result *res = &an->persons[p];
		uint32_t end = start[p];
		size_t nt = 0;
		res->best_member = -1;
		res->latest_touch = INT32_MIN;
		for (uint32_t k = begin; k < end; k++) {
			const record *r = &recs[k];
			member_row *row = &rows[r->member];
			if (row->stamp != (int32_t)p) {
				row->stamp = (int32_t)p;
				row->explicit_strength = 0;
				row->touch_sum = 0;
				row->n_touchpoints = 0;
				touched[nt++] = r->member;
			}
			if (r->date == NO_DATE) {
				if (r->value > row->explicit_strength)
					row->explicit_strength = r->value;
				continue;
			}
			row->touch_sum += r->value;
			row->n_touchpoints++;
			if (r->date > res->latest_touch)
				res->latest_touch = r->date;
		}
		begin = end;
		sort_members(touched, nt);
		size_t reach = 0;    /* members at or above the threshold */
		int32_t only = -1;
		for (size_t j = 0; j < nt; j++) {
			const member_row *row = &rows[touched[j]];
			relmap_pair *pr = &pairs[n_pairs++];
			/* -expm1(-S) is 1 - exp(-S) without the cancellation
			 * for small S. */
			double ts = -expm1(-row->touch_sum);
			pr->member = touched[j];
			pr->person = (int32_t)p;
			pr->explicit_strength = row->explicit_strength;
			pr->touch_sum = row->touch_sum;
			pr->n_touchpoints = row->n_touchpoints;
			pr->strength = row->explicit_strength > ts
					       ? row->explicit_strength : ts;
			/* Members ascend, so ">" keeps the lower index. */
			if (pr->strength > res->coverage) {
				res->coverage = pr->strength;
				res->best_member = pr->member;
			}
			if (pr->strength >= thr) {
				reach++;
				only = pr->member;
			}
		}
		if (res->coverage < thr)
			continue;
		/* At a threshold of 0 every member reaches everyone, pair
		 * or not. */
		if (thr <= 0) {
			reach = nm;
			only = 0;
		}
		if (reach != 1)
			one_member = -1;
		else if (one_member == -2)
			one_member = only;
		else if (one_member != only)
			one_member = -1;
	}
	*one_member_only = one_member != -1;

	if (n_pairs == 0) {
		free(pairs);
		pairs = NULL;
	} else if (n_pairs < n_rec) {
		relmap_pair *shrunk = realloc(pairs, n_pairs * sizeof(*pairs));
		if (shrunk)
			pairs = shrunk;
	}
	an->pairs = pairs;
	an->n_pairs = n_pairs;
	pairs = NULL;
	rc = 0;
out:
	free(pairs);
	free(touched);
	free(rows);
	free(recs);
	free(start);
	return rc;
}

static size_t find_target(const int32_t *targets, size_t n, int32_t person)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (targets[mid] < person)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo; /* the person is always there */
}

int relmap_analysis_run(relmap_analysis **out, const relmap_account *account,
			const relmap_analysis_options *opts)
{
	int rc = RELMAP_EUSAGE;
	relmap_analysis *an = NULL;
	int32_t *targets = NULL;
	access_path *found = NULL;
	if (out)
		*out = NULL;
	if (!out || !account || !opts || !options_valid(opts) ||
	    !account_valid(account))
		goto out;

	rc = RELMAP_ENOMEM;
	const relmap_account *a = account;
	size_t np = a->n_persons;
	if (!(an = calloc(1, sizeof(*an))))
		goto out;
	an->account = a;
	an->as_of = opts->as_of;
	an->persons = calloc(np ? np : 1, sizeof(*an->persons));
	if (!an->persons)
		goto out;
	int one_member_only;
	if ((rc = fold_pairs(an, opts, &one_member_only)) != 0)
		goto out;
	rc = RELMAP_ENOMEM;

	/* Person rules, the score and the account-level facts. */
	size_t n_person_gaps = 0, n_targets = 0;
	double key_sum = 0, covered_key_sum = 0;
	int has_eb = 0, has_champion = 0;
	for (size_t p = 0; p < np; p++) {
		const relmap_person *ps = &a->persons[p];
		relmap_person_result *r = &an->persons[p];
		r->covered = r->coverage >= opts->covered_threshold;
		r->key = ps->role == RELMAP_ROLE_DECISION_MAKER ||
			 ps->role == RELMAP_ROLE_ECONOMIC_BUYER ||
			 ps->influence >= opts->key_influence;
		if (ps->role == RELMAP_ROLE_ECONOMIC_BUYER)
			has_eb = 1;
		if (r->key) {
			an->n_key++;
			key_sum += ps->influence;
			if (r->covered)
				covered_key_sum += ps->influence;
		}
		if (r->covered) {
			an->n_covered++;
			if (ps->attitude == RELMAP_ATTITUDE_CHAMPION ||
			    ps->role == RELMAP_ROLE_CHAMPION)
				has_champion = 1;
		}
		unsigned mask = 0;
		if (r->key && !r->covered)
			mask |= UDM_BIT;
		if ((ps->role == RELMAP_ROLE_BLOCKER ||
		     ps->attitude == RELMAP_ATTITUDE_OPPONENT) &&
		    ps->influence >= opts->blocker_influence && !r->covered)
			mask |= BLOCKER_BIT;
		if (r->key && r->covered && r->latest_touch != INT32_MIN &&
		    (double)((int64_t)opts->as_of - r->latest_touch) >
			    opts->stale_days)
			mask |= STALE_BIT;
		r->gap_mask = mask;
		n_person_gaps += (mask & UDM_BIT ? 1 : 0) +
				 (mask & BLOCKER_BIT ? 1 : 0) +
				 (mask & STALE_BIT ? 1 : 0);
		if (mask & (UDM_BIT | BLOCKER_BIT))
			n_targets++;
	}
	an->has_score = key_sum > 0;
	an->coverage_score = an->has_score ? 100.0 * covered_key_sum / key_sum
					   : 0;
	int single = an->n_covered < 2 || one_member_only;

	/* Access paths, one search for all targets. */
	if (n_targets > 0) {
		targets = malloc(n_targets * sizeof(*targets));
		found = malloc(n_targets * sizeof(*found));
		if (!targets || !found)
			goto out;
		size_t t = 0;
		for (size_t p = 0; p < np; p++)
			if (an->persons[p].gap_mask & (UDM_BIT | BLOCKER_BIT))
				targets[t++] = (int32_t)p;
		int32_t *pool = NULL;
		rc = paths_search(found, &pool, a, an->pairs, an->n_pairs,
				  targets, n_targets, opts->hierarchy_strength,
				  opts->tie_epsilon);
		an->internal = pool;
		if (rc != 0)
			goto out;
		rc = RELMAP_ENOMEM;
	}

	/* The gap list: kind order, then person order. */
	int account_gap[RELMAP_GAP_KIND_COUNT] = { 0 };
	account_gap[RELMAP_GAP_SINGLE_THREADED] = single;
	account_gap[RELMAP_GAP_MISSING_ECONOMIC_BUYER] = !has_eb;
	account_gap[RELMAP_GAP_NO_CHAMPION] = !has_champion;
	size_t n_gaps = n_person_gaps + (size_t)single + (size_t)!has_eb +
			(size_t)!has_champion;
	if (n_gaps > 0 && !(an->gaps = calloc(n_gaps, sizeof(*an->gaps))))
		goto out;
	for (int kind = 0; kind < RELMAP_GAP_KIND_COUNT; kind++) {
		int per_person = kind <= RELMAP_GAP_STALE_RELATIONSHIP;
		size_t n = per_person ? np : (size_t)account_gap[kind];
		for (size_t p = 0; p < n; p++) {
			if (per_person &&
			    !(an->persons[p].gap_mask & (1u << kind)))
				continue;
			relmap_gap *g = &an->gaps[an->n_gaps++];
			g->kind = (relmap_gap_kind)kind;
			g->severity = relmap_gap_kind_severity(g->kind);
			g->person = per_person ? (int32_t)p : -1;
			if (g->severity == RELMAP_SEVERITY_ERROR)
				an->n_errors++;
			else
				an->n_warnings++;
			if ((1u << kind) & (UDM_BIT | BLOCKER_BIT)) {
				const access_path *ap = &found[find_target(
					targets, n_targets, (int32_t)p)];
				g->has_path = ap->found;
				g->path_strength = ap->strength;
				g->via = ap->via;
				g->via_len = ap->via_len;
			}
		}
	}
	*out = an;
	an = NULL;
	rc = 0;
out:
	relmap_analysis_free(an);
	free(found);
	free(targets);
	return rc;
}

void relmap_analysis_free(relmap_analysis *a)
{
	if (!a)
		return;
	free(a->persons);
	free(a->pairs);
	free(a->gaps);
	free(a->internal);
	free(a);
}

double relmap_analysis_pair_strength(const relmap_analysis *a,
				     int32_t member, int32_t person)
{
	if (!a)
		return 0;
	size_t lo = 0, hi = a->n_pairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const relmap_pair *p = &a->pairs[mid];
		if (p->person < person ||
		    (p->person == person && p->member < member))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < a->n_pairs && a->pairs[lo].person == person &&
	    a->pairs[lo].member == member)
		return a->pairs[lo].strength;
	return 0;
}
