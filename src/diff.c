/* diff.c - the changes between two snapshots' analyses (relmap/diff.h).
 *
 * Records are matched by id with sorted index arrays and one merge walk
 * per kind of record (accounts, persons, members, gaps): O(n log n) and
 * no hash table.  Changes are collected in any order and sorted once at
 * the end by (kind, gap kind, id), which is unique per change, so the
 * order does not depend on the input's order. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/diff.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

static const char *const change_names[RELMAP_CHANGE_KIND_COUNT] = {
	"account-added", "account-removed", "person-added", "person-removed",
	"moved", "role", "attitude", "influence", "title", "department",
	"coverage", "member-added", "member-removed", "gap-closed",
	"gap-opened"
};

const char *relmap_change_kind_name(relmap_change_kind k)
{
	if ((unsigned)k >= RELMAP_CHANGE_KIND_COUNT)
		return NULL;
	return change_names[k];
}

/* NULL sorts before every string. */
static int cmp_id(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_change(const void *pa, const void *pb)
{
	const relmap_change *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((a->kind == RELMAP_CHANGE_GAP_OPENED ||
	     a->kind == RELMAP_CHANGE_GAP_CLOSED) && a->gap != b->gap)
		return a->gap < b->gap ? -1 : 1;
	return cmp_id(a->id, b->id);
}

/* Index arrays sorted by id; qsort has no context argument, so the ids
 * are copied beside the indices. */
typedef struct keyed {
	const char *id;
	int32_t index;
	int gap; /* gap kind, for gap keys */
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	if (a->gap != b->gap)
		return a->gap < b->gap ? -1 : 1;
	return cmp_id(a->id, b->id);
}

typedef struct builder {
	relmap_change *items;
	size_t n, cap;
} builder;

static relmap_change *add(builder *b, relmap_change_kind kind, const char *id,
			  int32_t oi, int32_t ni)
{
	if (vec_reserve(&b->items, &b->cap, b->n + 1, sizeof(*b->items)))
		return NULL;
	relmap_change *c = &b->items[b->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->id = id;
	c->old_index = oi;
	c->new_index = ni;
	return c;
}

/* Records (persons or members: both start with their id) sorted by id. */
static keyed *by_id(const void *records, size_t n, size_t size)
{
	keyed *k = malloc((n ? n : 1) * sizeof(*k));
	if (!k)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *const *id =
			(const char *const *)((const char *)records + i * size);
		k[i] = (keyed){ *id, (int32_t)i, 0 };
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	return k;
}

#define persons_by_id(a) \
	by_id((a)->persons, (a)->n_persons, sizeof(relmap_person))
#define members_by_id(a) \
	by_id((a)->members, (a)->n_members, sizeof(relmap_member))
_Static_assert(offsetof(relmap_person, id) == 0, "a person starts with its id");
_Static_assert(offsetof(relmap_member, id) == 0, "a member starts with its id");

static keyed *gaps_by_key(const relmap_analysis *an)
{
	keyed *k = malloc((an->n_gaps ? an->n_gaps : 1) * sizeof(*k));
	if (!k)
		return NULL;
	for (size_t i = 0; i < an->n_gaps; i++) {
		const relmap_gap *g = &an->gaps[i];
		k[i] = (keyed){ g->person >= 0 ?
				an->account->persons[g->person].id : NULL,
				g->person, (int)g->kind };
	}
	qsort(k, an->n_gaps, sizeof(*k), cmp_keyed);
	return k;
}

static const char *manager_id(const relmap_account *a, const relmap_person *p)
{
	return p->manager >= 0 ? a->persons[p->manager].id : NULL;
}

static int text_differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* The changes of one person present in both snapshots. */
static int person_changes(builder *b, const relmap_analysis *oa,
			  const relmap_analysis *na, int32_t oi, int32_t ni,
			  double threshold)
{
	const relmap_account *oac = oa->account, *nac = na->account;
	const relmap_person *op = &oac->persons[oi], *np = &nac->persons[ni];
	relmap_change *c;
	const char *om = manager_id(oac, op), *nm = manager_id(nac, np);
	if (cmp_id(om, nm) != 0) {
		if (!(c = add(b, RELMAP_CHANGE_MOVED, np->id, oi, ni)))
			return -1;
		c->old_text = om;
		c->new_text = nm;
	}
	if (op->role != np->role) {
		if (!(c = add(b, RELMAP_CHANGE_ROLE, np->id, oi, ni)))
			return -1;
		c->old_text = relmap_role_name(op->role);
		c->new_text = relmap_role_name(np->role);
	}
	if (op->attitude != np->attitude) {
		if (!(c = add(b, RELMAP_CHANGE_ATTITUDE, np->id, oi, ni)))
			return -1;
		c->old_text = relmap_attitude_name(op->attitude);
		c->new_text = relmap_attitude_name(np->attitude);
	}
	if (op->influence != np->influence) {
		if (!(c = add(b, RELMAP_CHANGE_INFLUENCE, np->id, oi, ni)))
			return -1;
		c->old_value = op->influence;
		c->new_value = np->influence;
	}
	if (text_differs(op->title, np->title)) {
		if (!(c = add(b, RELMAP_CHANGE_TITLE, np->id, oi, ni)))
			return -1;
		c->old_text = op->title;
		c->new_text = np->title;
	}
	if (text_differs(op->department, np->department)) {
		if (!(c = add(b, RELMAP_CHANGE_DEPARTMENT, np->id, oi, ni)))
			return -1;
		c->old_text = op->department;
		c->new_text = np->department;
	}
	const relmap_person_result *orr = &oa->persons[oi];
	const relmap_person_result *nr = &na->persons[ni];
	double step = fabs(nr->coverage - orr->coverage);
	int crossed = (orr->covered != 0) != (nr->covered != 0);
	/* 1e-9: a step of exactly the threshold in the input's decimals
	 * (0.5 -> 0.4) may come out a hair under it in binary. */
	if (crossed || (step > 0 && step >= threshold - 1e-9)) {
		if (!(c = add(b, RELMAP_CHANGE_COVERAGE, np->id, oi, ni)))
			return -1;
		c->old_value = orr->coverage;
		c->new_value = nr->coverage;
		c->old_covered = orr->covered != 0;
		c->new_covered = nr->covered != 0;
	}
	return 0;
}

/* The persons (or the team members) of the two sides, matched by id in
 * one merge of their sorted ids: removed, added, or (persons) compared. */
static int diff_records(builder *b, const relmap_analysis *oa,
			const relmap_analysis *na, int members,
			double threshold)
{
	const relmap_account *oac = oa->account, *nac = na->account;
	size_t on = members ? oac->n_members : oac->n_persons;
	size_t nn = members ? nac->n_members : nac->n_persons;
	keyed *ok = members ? members_by_id(oac) : persons_by_id(oac);
	keyed *nk = members ? members_by_id(nac) : persons_by_id(nac);
	int rc = -1;
	if (!ok || !nk)
		goto out;
	size_t i = 0, j = 0;
	while (i < on || j < nn) {
		int c = i >= on ? 1 : j >= nn ? -1 : strcmp(ok[i].id, nk[j].id);
		relmap_change *ch;
		if (c < 0) {
			int32_t oi = ok[i].index;
			if (!(ch = add(b, members ? RELMAP_CHANGE_MEMBER_REMOVED
						  : RELMAP_CHANGE_PERSON_REMOVED,
				       ok[i++].id, oi, -1)))
				goto out;
			if (!members)
				ch->old_text = manager_id(oac, &oac->persons[oi]);
		} else if (c > 0) {
			int32_t ni = nk[j].index;
			if (!(ch = add(b, members ? RELMAP_CHANGE_MEMBER_ADDED
						  : RELMAP_CHANGE_PERSON_ADDED,
				       nk[j++].id, -1, ni)))
				goto out;
			if (!members)
				ch->new_text = manager_id(nac, &nac->persons[ni]);
		} else if (members) {
			i++;
			j++;
		} else if (person_changes(b, oa, na, ok[i++].index,
					  nk[j++].index, threshold)) {
			goto out;
		}
	}
	rc = 0;
out:
	free(ok);
	free(nk);
	return rc;
}

static int diff_gaps(builder *b, const relmap_analysis *oa,
		     const relmap_analysis *na)
{
	keyed *ok = gaps_by_key(oa), *nk = gaps_by_key(na);
	int rc = -1;
	if (!ok || !nk)
		goto out;
	size_t i = 0, j = 0;
	while (i < oa->n_gaps || j < na->n_gaps) {
		int c = i >= oa->n_gaps ? 1 : j >= na->n_gaps ? -1 :
			cmp_keyed(&ok[i], &nk[j]);
		relmap_change *ch;
		if (c < 0) {
			if (!(ch = add(b, RELMAP_CHANGE_GAP_CLOSED, ok[i].id,
				       ok[i].index, -1)))
				goto out;
			ch->gap = (relmap_gap_kind)ok[i++].gap;
		} else if (c > 0) {
			if (!(ch = add(b, RELMAP_CHANGE_GAP_OPENED, nk[j].id,
				       -1, nk[j].index)))
				goto out;
			ch->gap = (relmap_gap_kind)nk[j++].gap;
		} else {
			/* The same gap; an old person index is kept for
			 * nothing, as nothing changed. */
			i++;
			j++;
		}
	}
	rc = 0;
out:
	free(ok);
	free(nk);
	return rc;
}

static int diff_account(relmap_account_diff *ad, const relmap_analysis *oa,
			const relmap_analysis *na, double threshold)
{
	builder b = { NULL, 0, 0 };
	ad->old_an = oa;
	ad->new_an = na;
	ad->id = oa ? oa->account->id : na->account->id;
	if (!oa || !na) {
		if (!add(&b, oa ? RELMAP_CHANGE_ACCOUNT_REMOVED :
			 RELMAP_CHANGE_ACCOUNT_ADDED, ad->id, -1, -1))
			goto fail;
	} else if (diff_records(&b, oa, na, 0, threshold) ||
		   diff_records(&b, oa, na, 1, threshold) ||
		   diff_gaps(&b, oa, na)) {
		goto fail;
	}
	if (b.n) /* qsort(NULL, 0, ...) is undefined */
		qsort(b.items, b.n, sizeof(*b.items), cmp_change);
	ad->changes = b.items;
	ad->n_changes = b.n;
	return 0;
fail:
	free(b.items);
	return -1;
}

static int cmp_analysis(const void *pa, const void *pb)
{
	const relmap_analysis *const *a = pa, *const *b = pb;
	return strcmp((*a)->account->id, (*b)->account->id);
}

/* A sorted copy of the list; NULL on ENOMEM, EUSAGE through *rc. */
static const relmap_analysis **sorted(const relmap_analysis *const *an,
				      size_t n, int *rc)
{
	const relmap_analysis **s = malloc((n ? n : 1) * sizeof(*s));
	if (!s) {
		*rc = RELMAP_ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!an[i]) {
			free(s);
			*rc = RELMAP_EUSAGE;
			return NULL;
		}
		s[i] = an[i];
	}
	qsort(s, n, sizeof(*s), cmp_analysis);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(s[i - 1]->account->id, s[i]->account->id) == 0) {
			free(s);
			*rc = RELMAP_EUSAGE;
			return NULL;
		}
	}
	return s;
}

int relmap_diff_run(relmap_diff **out, const relmap_analysis *const *old_an,
		    size_t n_old, const relmap_analysis *const *new_an,
		    size_t n_new, const relmap_diff_options *opts)
{
	relmap_diff_options defaults = RELMAP_DIFF_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (!out || !(opts->coverage_threshold >= 0 &&
		      opts->coverage_threshold <= 1) ||
	    (n_old && !old_an) || (n_new && !new_an))
		return RELMAP_EUSAGE;
	int rc = RELMAP_ENOMEM;
	const relmap_analysis **os = NULL, **ns = NULL;
	relmap_diff *d = calloc(1, sizeof(*d));
	if (!d)
		return RELMAP_ENOMEM;
	if (!(os = sorted(old_an, n_old, &rc)) ||
	    !(ns = sorted(new_an, n_new, &rc)))
		goto fail;
	d->old_as_of = n_old ? os[0]->as_of : INT32_MIN;
	d->new_as_of = n_new ? ns[0]->as_of : INT32_MIN;
	rc = RELMAP_ENOMEM;
	if (!(d->accounts = calloc(n_old + n_new + 1, sizeof(*d->accounts))))
		goto fail;
	size_t i = 0, j = 0;
	while (i < n_old || j < n_new) {
		int c = i >= n_old ? 1 : j >= n_new ? -1 :
			strcmp(os[i]->account->id, ns[j]->account->id);
		const relmap_analysis *oa = c <= 0 ? os[i++] : NULL;
		const relmap_analysis *na = c >= 0 ? ns[j++] : NULL;
		relmap_account_diff *ad = &d->accounts[d->n_accounts];
		d->n_compared++;
		if (diff_account(ad, oa, na, opts->coverage_threshold))
			goto fail;
		if (ad->n_changes) {
			d->n_changes += ad->n_changes;
			d->n_accounts++;
		} else {
			free(ad->changes);
			memset(ad, 0, sizeof(*ad));
		}
	}
	free(os);
	free(ns);
	*out = d;
	return 0;
fail:
	free(os);
	free(ns);
	relmap_diff_free(d);
	return rc;
}

void relmap_diff_free(relmap_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; d->accounts && i < d->n_accounts; i++)
		free(d->accounts[i].changes);
	free(d->accounts);
	free(d);
}

const relmap_account_diff *relmap_diff_find_account(const relmap_diff *d,
						    const char *id)
{
	for (size_t i = 0; d && id && i < d->n_accounts; i++)
		if (strcmp(d->accounts[i].id, id) == 0)
			return &d->accounts[i];
	return NULL;
}
