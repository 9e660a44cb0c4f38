/*
 * paths.c - the access-path search: one Dijkstra from all members at once.
 *
 * Maximising a product of strengths in (0, 1] is Dijkstra with "larger is
 * better": extending a path never makes it stronger, so the first time a
 * person leaves the queue its label is final.  Labels are (strength, hops,
 * parent); the id-sequence tie-break compares two tree paths by walking
 * them back in lockstep to where they join, so it costs the distance to
 * that point and needs no stored sequences.
 */
#include "paths.h"

#include <stdlib.h>
#include <string.h>

/* Keys are copied into the heap entries so sifting touches one array.
 * The queue is lazy: a person whose label improves is pushed again and
 * the older entry is skipped when it comes out after the person settled. */
typedef struct heap_entry {
	double s;
	int32_t hops;
	int32_t person;
} heap_entry;

/* A person's label.  s == 0: not reached yet (every edge is > 0). */
typedef struct label {
	double s;
	int32_t hops;
	int32_t par;    /* node index: a member (< n_members) or a person */
} label;

/* The search is bound by cache misses on labels and adjacency rows;
 * asking for them ahead of use lets the misses overlap. */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static uint64_t bits_of(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof(u));
	return u;
}

/* Four children per node: half the depth of a binary heap, and the
 * children share a cache line. */
#define ARITY 4

typedef struct search {
	const relmap_account *a;
	int32_t n_members;
	double eps;
	/* Adjacency between persons (CSR), both directions of each edge. */
	size_t *off;
	int32_t *to;
	double *w;
	label *lab;
	/* Settled persons, one bit each: small enough to stay in cache, so
	 * the half of all offers that go back to a settled neighbour, and
	 * the outdated queue entries, cost no miss on the labels. */
	uint64_t *done;
	heap_entry *heap;
	size_t heap_len, heap_cap;
} search;

/* a comes out of the queue before b.  The person index is only there to
 * make the order total: equal (strength, hops) labels never improve each
 * other, so which leaves first does not change any result. */
static int before(const search *k, const heap_entry *a, const heap_entry *b)
{
	if (a->s > b->s + k->eps)
		return 1;
	if (b->s > a->s + k->eps)
		return 0;
	if (a->hops != b->hops)
		return a->hops < b->hops;
	return a->person < b->person;
}

static void sift_up(search *k, size_t i)
{
	heap_entry e = k->heap[i];
	while (i > 0) {
		size_t p = (i - 1) / ARITY;
		if (!before(k, &e, &k->heap[p]))
			break;
		k->heap[i] = k->heap[p];
		i = p;
	}
	k->heap[i] = e;
}

static void sift_down(search *k, size_t i)
{
	heap_entry e = k->heap[i];
	size_t n = k->heap_len;
	for (;;) {
		size_t c = ARITY * i + 1;
		if (c >= n)
			break;
		size_t best = c;
		size_t last = c + ARITY < n ? c + ARITY : n;
		for (size_t j = c + 1; j < last; j++)
			if (before(k, &k->heap[j], &k->heap[best]))
				best = j;
		if (!before(k, &k->heap[best], &e))
			break;
		k->heap[i] = k->heap[best];
		i = best;
	}
	k->heap[i] = e;
}

static int heap_push(search *k, double s, int32_t hops, int32_t person)
{
	if (k->heap_len == k->heap_cap) {
		size_t cap = k->heap_cap ? 2 * k->heap_cap : 1024;
		heap_entry *h = realloc(k->heap, cap * sizeof(*h));
		if (!h)
			return RELMAP_ENOMEM;
		k->heap = h;
		k->heap_cap = cap;
	}
	heap_entry *e = &k->heap[k->heap_len];
	e->s = s;
	e->hops = hops;
	e->person = person;
	sift_up(k, k->heap_len++);
	return 0;
}

static heap_entry heap_pop(search *k)
{
	heap_entry top = k->heap[0];
	k->heap_len--;
	if (k->heap_len > 0) {
		k->heap[0] = k->heap[k->heap_len];
		sift_down(k, 0);
	}
	return top;
}

/*
 * Sort the seeds strongest first, keeping person order among equals:
 * a stable radix sort on the bits of the strength, which for positive
 * doubles order like the values.  Linear, where a heap of every seed
 * would pay a logarithm of cache misses per pop.
 */
static int sort_seeds(heap_entry *seeds, size_t n)
{
	enum { BITS = 16, BUCKETS = 1 << BITS };
	heap_entry *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	size_t *count = malloc(BUCKETS * sizeof(*count));
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return RELMAP_ENOMEM;
	}
	heap_entry *src = seeds, *dst = tmp;
	for (int shift = 0; shift < 64; shift += BITS) {
		memset(count, 0, BUCKETS * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(~bits_of(src[i].s) >> shift) & (BUCKETS - 1)]++;
		size_t sum = 0;
		for (size_t b = 0; b < BUCKETS; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(~bits_of(src[i].s) >> shift) &
				  (BUCKETS - 1)]++] = src[i];
		heap_entry *t = src;
		src = dst;
		dst = t;
	}
	/* An even number of passes: the result is back in `seeds`. */
	free(tmp);
	free(count);
	return 0;
}

static int is_done(const search *k, int32_t p)
{
	return (int)(k->done[(uint32_t)p >> 6] >> ((uint32_t)p & 63)) & 1;
}

static int32_t parent_of(const search *k, int32_t node)
{
	return node < k->n_members ? -1 : k->lab[node - k->n_members].par;
}

static const char *id_of(const search *k, int32_t node)
{
	return relmap_account_node_id(k->a, (size_t)node);
}

/* Compare the id sequences of the tree paths ending at nodes x and y,
 * which have the same number of hops.  Both walks reach the members
 * together, and the first nodes that differ are the children of the
 * point where the two paths join (or the members themselves). */
static int path_cmp(const search *k, int32_t x, int32_t y)
{
	if (x == y)
		return 0;
	while (parent_of(k, x) != parent_of(k, y)) {
		x = parent_of(k, x);
		y = parent_of(k, y);
	}
	return strcmp(id_of(k, x), id_of(k, y));
}

/* Offer person v, not settled yet, the label (cand, hops) with parent node
 * `from`; queue it if it is better.  Returns 0 or RELMAP_ENOMEM. */
static int offer(search *k, int32_t v, double cand, int32_t hops,
		 int32_t from)
{
	label *l = &k->lab[v];
	if (!(cand > 0))
		return 0;
	if (l->s > 0) {
		int better;
		if (cand > l->s + k->eps)
			better = 1;
		else if (cand < l->s - k->eps)
			better = 0;
		else if (hops != l->hops)
			better = hops < l->hops;
		else
			better = path_cmp(k, from, l->par) < 0;
		if (!better)
			return 0;
	}
	l->s = cand;
	l->hops = hops;
	l->par = from;
	return heap_push(k, cand, hops, v);
}

/* The person-to-person adjacency, built once: influence with positive
 * weight, reports-to and dotted-line, each stored in both directions.
 * Several edges between two persons stay separate; the search keeps the
 * strongest, which is the brief's "max". */
static int build_adjacency(search *k, double hier)
{
	const relmap_account *a = k->a;
	size_t n = a->n_persons;
	size_t e = 0;
	if (!(k->off = calloc(n + 1, sizeof(*k->off))))
		return RELMAP_ENOMEM;
	size_t *deg = k->off + 1;
	if (hier > 0) {
		for (size_t p = 0; p < n; p++) {
			int32_t m = a->persons[p].manager;
			if (m >= 0 && (size_t)m != p) {
				deg[p]++;
				deg[m]++;
			}
		}
		for (size_t i = 0; i < a->n_dotted_lines; i++) {
			const relmap_dotted_line *d = &a->dotted_lines[i];
			if (d->from != d->to) {
				deg[d->from]++;
				deg[d->to]++;
			}
		}
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (f->weight > 0 && f->from != f->to) {
			deg[f->from]++;
			deg[f->to]++;
		}
	}
	for (size_t p = 0; p < n; p++) {
		size_t d = k->off[p + 1];
		k->off[p + 1] = e;   /* becomes the fill cursor of p */
		e += d;
	}
	k->to = malloc((e ? e : 1) * sizeof(*k->to));
	k->w = malloc((e ? e : 1) * sizeof(*k->w));
	if (!k->to || !k->w)
		return RELMAP_ENOMEM;
	size_t *cur = k->off + 1;
#define ADD_EDGE(x, y, wt)                           \
	do {                                         \
		k->to[cur[x]] = (int32_t)(y);        \
		k->w[cur[x]++] = (wt);               \
		k->to[cur[y]] = (int32_t)(x);        \
		k->w[cur[y]++] = (wt);               \
	} while (0)
	if (hier > 0) {
		for (size_t p = 0; p < n; p++) {
			int32_t m = a->persons[p].manager;
			if (m >= 0 && (size_t)m != p)
				ADD_EDGE(p, (size_t)m, hier);
		}
		for (size_t i = 0; i < a->n_dotted_lines; i++) {
			const relmap_dotted_line *d = &a->dotted_lines[i];
			if (d->from != d->to)
				ADD_EDGE((size_t)d->from, (size_t)d->to, hier);
		}
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (f->weight > 0 && f->from != f->to)
			ADD_EDGE((size_t)f->from, (size_t)f->to, f->weight);
	}
#undef ADD_EDGE
	/* off[p + 1] now holds the end of p, which is what CSR wants. */
	return 0;
}

int paths_search(access_path *out, int32_t **pool, const relmap_account *a,
		 const relmap_pair *pairs, size_t n_pairs,
		 const int32_t *targets, size_t n_targets,
		 double hierarchy_strength, double eps)
{
	int rc = RELMAP_ENOMEM;
	size_t n = a->n_persons;
	unsigned char *is_target = NULL;
	heap_entry *seeds = NULL;
	int32_t *via = NULL;
	search k;
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.n_members = (int32_t)a->n_members;
	k.eps = eps;
	*pool = NULL;
	memset(out, 0, n_targets * sizeof(*out));
	if (n_targets == 0)
		return 0;

	k.lab = calloc(n, sizeof(*k.lab));
	k.done = calloc(n / 64 + 1, sizeof(*k.done));
	is_target = calloc(n, 1);
	if (!k.lab || !k.done || !is_target)
		goto out;
	size_t remaining = 0;
	for (size_t i = 0; i < n_targets; i++) {
		if (!is_target[targets[i]])
			remaining++;
		is_target[targets[i]] = 1;
	}

	/* The members are the sources: rather than put them in the queue,
	 * give every person its best direct edge (one hop; ties between
	 * members go to the smaller member id). */
	size_t n_seeds = 0;
	for (size_t i = 0; i < n_pairs; i++) {
		const relmap_pair *pr = &pairs[i];
		label *l = &k.lab[pr->person];
		if (!(pr->strength > 0))
			continue;
		if (l->s > 0) {
			if (pr->strength < l->s - eps)
				continue;
			if (pr->strength <= l->s + eps &&
			    strcmp(a->members[pr->member].id,
				   a->members[l->par].id) >= 0)
				continue;
		} else {
			n_seeds++;
		}
		l->s = pr->strength;
		l->hops = 1;
		l->par = pr->member;
	}
	if (!(seeds = malloc((n_seeds ? n_seeds : 1) * sizeof(*seeds))))
		goto out;
	n_seeds = 0;
	for (size_t p = 0; p < n; p++) {
		if (k.lab[p].s > 0) {
			heap_entry *e = &seeds[n_seeds++];
			e->s = k.lab[p].s;
			e->hops = 1;
			e->person = (int32_t)p;
		}
	}
	if (sort_seeds(seeds, n_seeds) != 0)
		goto out;
	/* Built after the sort has given its scratch back, to keep the
	 * peak down. */
	if ((rc = build_adjacency(&k, hierarchy_strength)) != 0)
		goto out;
	rc = RELMAP_ENOMEM;

	/* Most persons start as seeds, which arrive in order, so only the
	 * labels found along the way go through the heap: the two queues
	 * are merged at the front. */
	size_t next_seed = 0;
	while (remaining > 0) {
		heap_entry u;
		if (next_seed < n_seeds &&
		    (k.heap_len == 0 ||
		     !before(&k, &k.heap[0], &seeds[next_seed])))
			u = seeds[next_seed++];
		else if (k.heap_len > 0)
			u = heap_pop(&k);
		else
			break;
		/* Seeds are known ahead: fetch their labels and rows early. */
		if (next_seed + 16 < n_seeds) {
			int32_t f = seeds[next_seed + 16].person;
			PREFETCH(&k.lab[f]);
			PREFETCH(&k.off[f]);
		}
		if (next_seed + 8 < n_seeds) {
			size_t o = k.off[seeds[next_seed + 8].person];
			PREFETCH(&k.to[o]);
			PREFETCH(&k.w[o]);
		}
		if (is_done(&k, u.person))
			continue; /* an older entry of a settled person */
		/* Settle with the current label: the entry may be an older
		 * one that ties with it. */
		k.done[u.person >> 6] |= (uint64_t)1 << (u.person & 63);
		const label *l = &k.lab[u.person];
		if (is_target[u.person])
			remaining--;
		int32_t from = k.n_members + u.person;
		double s = l->s;
		int32_t hops = l->hops + 1;
		size_t e0 = k.off[u.person], e1 = k.off[u.person + 1];
		for (size_t e = e0; e < e1; e++)
			if (!is_done(&k, k.to[e]))
				PREFETCH(&k.lab[k.to[e]]);
		for (size_t e = e0; e < e1; e++)
			if (!is_done(&k, k.to[e]) &&
			    (rc = offer(&k, k.to[e], s * k.w[e], hops, from)))
				goto out;
	}
	rc = RELMAP_ENOMEM;

	size_t total = 0;
	for (size_t i = 0; i < n_targets; i++) {
		const label *l = &k.lab[targets[i]];
		if (is_done(&k, targets[i]))
			total += (size_t)l->hops + 1;
	}
	if (total > 0 && !(via = malloc(total * sizeof(*via))))
		goto out;
	size_t at = 0;
	for (size_t i = 0; i < n_targets; i++) {
		int32_t t = targets[i];
		const label *l = &k.lab[t];
		if (!is_done(&k, t))
			continue;
		size_t len = (size_t)l->hops + 1;
		int32_t node = k.n_members + t;
		for (size_t j = len; j-- > 0;) {
			via[at + j] = node;
			node = parent_of(&k, node);
		}
		out[i].found = 1;
		out[i].strength = l->s;
		out[i].via = via + at;
		out[i].via_len = len;
		at += len;
	}
	*pool = via;
	via = NULL;
	rc = 0;
out:
	free(via);
	free(is_target);
	free(seeds);
	free(k.heap);
	free(k.done);
	free(k.lab);
	free(k.w);
	free(k.to);
	free(k.off);
	return rc;
}
