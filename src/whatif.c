/*
 * whatif.c - accounts without some people (relmap_document_without) and
 * single points of failure (relmap_spof_find).
 *
 * The single points of failure are derived from one analysis instead of
 * one re-analysis per candidate.  The argument, rule by rule
 * (docs/analysis.md):
 *
 *   - Error gaps are per person: a key person, or a blocker or opponent
 *     with influence >= blocker_influence, who is not covered.  Whether a
 *     person is key or a blocker depends on the person's own role,
 *     attitude and influence only, which nobody's departure changes.
 *   - Coverage of p is the largest pair strength over members, and a pair
 *     strength depends only on the coverage records and touchpoints of
 *     that (member, person) pair.  So a departing *person* q changes no
 *     other person's coverage (edges between persons never enter it), and
 *     q's own gaps disappear with q: persons never open an error gap.
 *   - A departing *member* m removes exactly m's pairs.  p becomes
 *     uncovered iff p was covered and m was the only member with pair
 *     strength >= threshold; then p opens every error gap its kind allows
 *     (none of which it had, being covered).
 *   - With a threshold <= 0 everyone is covered whatever the pairs, so
 *     nothing can open.
 *
 * One pass over the pairs (sorted by person) counts the members at or
 * above the threshold per person: linear in the pairs.  The unit tests
 * compare this with a full re-analysis per candidate.
 */
#include "relmap/whatif.h"

#include <stdlib.h>
#include <string.h>

#include "document.h"

static const char *dup(arena *ar, const char *s, int *failed)
{
	if (!s)
		return NULL;
	char *d = arena_strdup(ar, s);
	if (!d)
		*failed = 1;
	return d;
}

/* Whether `id` is listed; marks every entry naming it as seen (an id may
 * be listed twice). */
static int id_listed(const char *id, const char *const *ids, size_t n,
		     char *seen)
{
	int hit = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(id, ids[i]) == 0) {
			seen[i] = 1;
			hit = 1;
		}
	}
	return hit;
}

/*
 * Copy `a` into a new account of `doc` without the listed ids, marking
 * seen[i] for each id found.  map_m / map_p take old indices to new ones
 * (-1: gone); they are scratch of n_members / n_persons entries.
 */
static int copy_account(relmap_document *doc, const relmap_account *a,
			const char *const *ids, size_t n_ids, char *seen,
			int32_t *map_m, int32_t *map_p)
{
	arena *ar = document_arena(doc);
	int failed = 0;
	relmap_account *c = document_add_account(doc);
	if (!c)
		return RELMAP_ENOMEM;
	c->id = dup(ar, a->id, &failed);
	c->name = dup(ar, a->name, &failed);
	c->industry = dup(ar, a->industry, &failed);
	c->segment = dup(ar, a->segment, &failed);
	c->url = dup(ar, a->url, &failed);
	c->stage = a->stage;
	c->has_value = a->has_value;
	c->value = a->value;
	c->pos = a->pos;

	for (size_t i = 0; i < a->n_members; i++) {
		map_m[i] = -1;
		if (id_listed(a->members[i].id, ids, n_ids, seen))
			continue;
		relmap_member *m = document_add_member(doc, c);
		if (!m)
			return RELMAP_ENOMEM;
		*m = a->members[i];
		m->id = dup(ar, m->id, &failed);
		m->name = dup(ar, m->name, &failed);
		map_m[i] = (int32_t)(c->n_members - 1);
	}
	for (size_t i = 0; i < a->n_persons; i++) {
		map_p[i] = -1;
		if (id_listed(a->persons[i].id, ids, n_ids, seen))
			continue;
		map_p[i] = (int32_t)c->n_persons;
		relmap_person *p = document_add_person(doc, c);
		if (!p)
			return RELMAP_ENOMEM;
		*p = a->persons[i];
		p->id = dup(ar, p->id, &failed);
		p->name = dup(ar, p->name, &failed);
		p->title = dup(ar, p->title, &failed);
		p->department = dup(ar, p->department, &failed);
		p->email = dup(ar, p->email, &failed);
		p->url = dup(ar, p->url, &failed);
		p->reports_to = dup(ar, p->reports_to, &failed);
	}
	/* Managers point forwards as well as backwards, so they are mapped
	 * once every person has its new index. */
	for (size_t i = 0; i < c->n_persons; i++) {
		relmap_person *p = &c->persons[i];
		if (p->manager < 0)
			continue;
		p->manager = map_p[p->manager];
		if (p->manager < 0)
			p->reports_to = NULL; /* as if the attribute were deleted */
	}
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		relmap_dotted_line d = a->dotted_lines[i];
		d.from = map_p[d.from];
		d.to = map_p[d.to];
		if (d.from < 0 || d.to < 0)
			continue;
		relmap_dotted_line *n = document_add_dotted_line(doc, c);
		if (!n)
			return RELMAP_ENOMEM;
		*n = d;
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		relmap_influence e = a->influences[i];
		e.from = map_p[e.from];
		e.to = map_p[e.to];
		if (e.from < 0 || e.to < 0)
			continue;
		relmap_influence *n = document_add_influence(doc, c);
		if (!n)
			return RELMAP_ENOMEM;
		*n = e;
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		relmap_coverage e = a->coverages[i];
		e.member = map_m[e.member];
		e.person = map_p[e.person];
		if (e.member < 0 || e.person < 0)
			continue;
		relmap_coverage *n = document_add_coverage(doc, c);
		if (!n)
			return RELMAP_ENOMEM;
		*n = e;
	}
	/* Kept in their order, so each pair's touchpoint sum adds the same
	 * terms in the same order as in a hand-edited file. */
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		relmap_touchpoint e = a->touchpoints[i];
		e.member = map_m[e.member];
		e.person = map_p[e.person];
		if (e.member < 0 || e.person < 0)
			continue;
		relmap_touchpoint *n = document_add_touchpoint(doc, c);
		if (!n)
			return RELMAP_ENOMEM;
		*n = e;
	}
	return failed ? RELMAP_ENOMEM : 0;
}

int relmap_document_without(relmap_document **out, const relmap_document *doc,
			    const char *account, const char *const *ids,
			    size_t n_ids, relmap_diags *diags)
{
	int rc = RELMAP_EUSAGE;
	relmap_document *copy = NULL;
	char *seen = NULL;
	int32_t *map = NULL;
	if (out)
		*out = NULL;
	if (!out || !doc || (n_ids && !ids))
		goto out;
	const relmap_account *only = NULL;
	if (account && !(only = relmap_document_find_account(doc, account)))
		goto out;

	rc = RELMAP_ENOMEM;
	size_t most = 0;
	for (size_t i = 0; i < doc->n_accounts; i++) {
		size_t k = doc->accounts[i].n_members + doc->accounts[i].n_persons;
		if (k > most)
			most = k;
	}
	if (!(seen = calloc(n_ids ? n_ids : 1, 1)) ||
	    !(map = malloc((most ? most : 1) * sizeof(*map))))
		goto out;
	if (!(copy = document_new(doc->path)))
		goto out;
	copy->has_as_of = doc->has_as_of;
	copy->as_of = doc->as_of;
	for (size_t i = 0; i < doc->n_accounts; i++) {
		const relmap_account *a = &doc->accounts[i];
		if (only && a != only)
			continue;
		if ((rc = copy_account(copy, a, ids, n_ids, seen, map,
				       map + a->n_members)))
			goto out;
	}
	rc = 0;
	for (size_t i = 0; i < n_ids; i++) {
		if (seen[i])
			continue;
		rc = RELMAP_EDATA;
		if (diags && relmap_diags_add(diags, RELMAP_SEVERITY_ERROR,
					      doc->path, 0, 0,
					      "--without: no person or team member has id '%s'%s%s%s",
					      ids[i], only ? " in account '" : "",
					      only ? only->id : "", only ? "'" : ""))
			rc = RELMAP_ENOMEM;
	}
	if (rc)
		goto out;
	*out = copy;
	copy = NULL;
out:
	relmap_document_free(copy);
	free(map);
	free(seen);
	return rc;
}

/* An opened gap found for member `member`, before grouping. */
typedef struct opened {
	int32_t member;
	relmap_spof_gap gap;
} opened;

static int cmp_opened(const void *x, const void *y)
{
	const opened *a = x, *b = y;
	if (a->member != b->member)
		return (a->member > b->member) - (a->member < b->member);
	if (a->gap.kind != b->gap.kind)
		return (a->gap.kind > b->gap.kind) - (a->gap.kind < b->gap.kind);
	return (a->gap.person > b->gap.person) - (a->gap.person < b->gap.person);
}

int relmap_spof_find(relmap_spof_list **out, const relmap_analysis *an,
		     const relmap_analysis_options *opts)
{
	int rc = RELMAP_EUSAGE;
	relmap_spof_list *l = NULL;
	opened *found = NULL;
	if (out)
		*out = NULL;
	if (!out || !an || !opts)
		goto out;
	rc = RELMAP_ENOMEM;
	if (!(l = calloc(1, sizeof(*l))))
		goto out;
	l->analysis = an;
	const relmap_account *a = an->account;
	const double thr = opts->covered_threshold;
	size_t n_found = 0, cap = 0;

	for (size_t k = 0; thr > 0 && k < an->n_pairs;) {
		int32_t p = an->pairs[k].person, only = -1;
		size_t reach = 0;
		for (; k < an->n_pairs && an->pairs[k].person == p; k++) {
			if (an->pairs[k].strength >= thr) {
				reach++;
				only = an->pairs[k].member;
			}
		}
		if (reach != 1)
			continue;
		const relmap_person *ps = &a->persons[p];
		int key = an->persons[p].key;
		int blocker = (ps->role == RELMAP_ROLE_BLOCKER ||
			       ps->attitude == RELMAP_ATTITUDE_OPPONENT) &&
			      ps->influence >= opts->blocker_influence;
		for (int kind = 0; kind < 2; kind++) {
			if (!(kind == RELMAP_GAP_UNCOVERED_DECISION_MAKER ? key
									 : blocker))
				continue;
			if (n_found == cap) {
				size_t ncap = cap ? 2 * cap : 16;
				opened *g = realloc(found, ncap * sizeof(*g));
				if (!g)
					goto out;
				found = g;
				cap = ncap;
			}
			found[n_found].member = only;
			found[n_found].gap.kind = kind == 0
				? RELMAP_GAP_UNCOVERED_DECISION_MAKER
				: RELMAP_GAP_UNMANAGED_BLOCKER;
			found[n_found].gap.person = p;
			n_found++;
		}
	}
	if (n_found == 0) {
		*out = l;
		l = NULL;
		rc = 0;
		goto out;
	}
	qsort(found, n_found, sizeof(*found), cmp_opened);
	relmap_spof_gap *gaps = malloc(n_found * sizeof(*gaps));
	l->internal = gaps;
	size_t n_items = 1;
	for (size_t i = 1; i < n_found; i++)
		n_items += found[i].member != found[i - 1].member;
	if (!gaps || !(l->items = calloc(n_items, sizeof(*l->items))))
		goto out;
	for (size_t i = 0; i < n_found; i++) {
		gaps[i] = found[i].gap;
		if (i == 0 || found[i].member != found[i - 1].member) {
			relmap_spof *s = &l->items[l->n++];
			s->node = found[i].member; /* members come first */
			s->opens = &gaps[i];
		}
		l->items[l->n - 1].n_opens++;
	}
	*out = l;
	l = NULL;
	rc = 0;
out:
	free(found);
	relmap_spof_list_free(l);
	return rc;
}

void relmap_spof_list_free(relmap_spof_list *l)
{
	if (!l)
		return;
	free(l->items);
	free(l->internal);
	free(l);
}
