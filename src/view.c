/*
 * view.c - focus, collapse and stacking of big accounts (see view.h).
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void view_free(view *v)
{
	if (!v)
		return;
	free(v->person);
	free(v->member);
	free(v->summaries);
	free(v->person_minlen);
	free(v->summary_minlen);
	free(v);
}

static int valid_person(const relmap_account *a, int32_t i)
{
	return i >= 0 && (size_t)i < a->n_persons;
}

static int valid_member(const relmap_account *a, int32_t i)
{
	return i >= 0 && (size_t)i < a->n_members;
}

/* An undirected graph over persons (0..np-1) and members (np..), in
 * compressed rows, for counting hops. */
typedef struct adjacency {
	size_t *start; /* n + 1 */
	int32_t *to;
} adjacency;

/* Neutral (the customer's view) links follow the chart only: influence
 * and coverage are ours, and which persons a focus kept would tell. */
static void each_link(const relmap_analysis *an, int neutral, size_t *deg,
		      int32_t *to, size_t *fill)
{
	const relmap_account *a = an->account;
	size_t np = a->n_persons;
#define LINK(x, y)                                                     \
	do {                                                           \
		if (deg) {                                             \
			deg[x]++;                                      \
			deg[y]++;                                      \
		} else {                                               \
			to[fill[x]++] = (int32_t)(y);                  \
			to[fill[y]++] = (int32_t)(x);                  \
		}                                                      \
	} while (0)
	for (size_t i = 0; i < np; i++)
		if (valid_person(a, a->persons[i].manager))
			LINK(i, (size_t)a->persons[i].manager);
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		const relmap_dotted_line *d = &a->dotted_lines[i];
		if (valid_person(a, d->from) && valid_person(a, d->to))
			LINK((size_t)d->from, (size_t)d->to);
	}
	for (size_t i = 0; !neutral && i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (valid_person(a, f->from) && valid_person(a, f->to))
			LINK((size_t)f->from, (size_t)f->to);
	}
	for (size_t i = 0; !neutral && i < an->n_pairs; i++) {
		const relmap_pair *p = &an->pairs[i];
		if (p->strength > 0 && valid_member(a, p->member) &&
		    valid_person(a, p->person))
			LINK((size_t)p->person, np + (size_t)p->member);
	}
#undef LINK
}

/* Mark persons and members within o->hops of the focus, hide the rest. */
static int apply_focus(view *v, const relmap_analysis *an, int hops,
		       int neutral)
{
	size_t n = v->n_persons + v->n_members;
	size_t *start = calloc(n + 1, sizeof(*start));
	size_t *fill = NULL;
	int32_t *to = NULL, *queue = NULL, *dist = NULL;
	int rc = RELMAP_ENOMEM;

	if (!start)
		goto out;
	each_link(an, neutral, start + 1, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		start[i + 1] += start[i];
	fill = malloc((n ? n : 1) * sizeof(*fill));
	to = malloc((start[n] ? start[n] : 1) * sizeof(*to));
	queue = malloc((n ? n : 1) * sizeof(*queue));
	dist = malloc((n ? n : 1) * sizeof(*dist));
	if (!fill || !to || !queue || !dist)
		goto out;
	memcpy(fill, start, n * sizeof(*fill));
	each_link(an, neutral, NULL, to, fill);

	for (size_t i = 0; i < n; i++)
		dist[i] = -1;
	int32_t src = v->focus_person >= 0
			      ? v->focus_person
			      : (int32_t)v->n_persons + v->focus_member;
	size_t head = 0, tail = 0;
	dist[src] = 0;
	queue[tail++] = src;
	while (head < tail) {
		int32_t x = queue[head++];
		if (dist[x] >= hops)
			continue;
		for (size_t k = start[x]; k < start[x + 1]; k++) {
			int32_t y = to[k];
			if (dist[y] < 0) {
				dist[y] = dist[x] + 1;
				queue[tail++] = y;
			}
		}
	}
	for (size_t i = 0; i < v->n_persons; i++)
		v->person[i] = dist[i] >= 0 ? VIEW_DRAWN : VIEW_HIDDEN;
	for (size_t i = 0; i < v->n_members; i++)
		v->member[i] = dist[v->n_persons + i] >= 0;
	rc = 0;
out:
	free(start);
	free(fill);
	free(to);
	free(queue);
	free(dist);
	return rc;
}

/* The manager of i when that manager is in the view, else -1. */
static int32_t parent_of(const view *v, const relmap_account *a, size_t i)
{
	int32_t m = a->persons[i].manager;
	return valid_person(a, m) && v->person[m] != VIEW_HIDDEN ? m : -1;
}

static int same_department(const char *x, const char *y)
{
	return x && y && x[0] && strcmp(x, y) == 0;
}

/*
 * depth[i]: how many kept managers stand above kept person i (0 at the
 * top); v->depth: the number of levels.  Linear: a walk stops at the
 * first person whose depth is known, and fills the path on its way back.
 * The bound on steps guards against a cycle the loaders would refuse.
 */
static int kept_depths(view *v, const relmap_analysis *an, int *depth)
{
	const relmap_account *a = an->account;
	size_t np = v->n_persons;
	int32_t *path = malloc((np ? np : 1) * sizeof(*path));
	if (!path)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < np; i++)
		depth[i] = -1;
	v->depth = 0;
	for (size_t i = 0; i < np; i++) {
		if (v->person[i] == VIEW_HIDDEN || depth[i] >= 0)
			continue;
		size_t n = 0;
		int32_t x = (int32_t)i;
		int d = 0;
		while (x >= 0 && depth[x] < 0 && n < np) {
			path[n++] = x;
			x = parent_of(v, a, (size_t)x);
		}
		if (x >= 0 && depth[x] >= 0)
			d = depth[x] + 1;
		while (n) {
			depth[path[--n]] = d++;
			if (d > v->depth)
				v->depth = d;
		}
	}
	free(path);
	return 0;
}

static int apply_collapse(view *v, const relmap_analysis *an, int neutral,
			  const int *depth, int keep_depth, int keep_rule)
{
	const relmap_account *a = an->account;
	size_t np = v->n_persons;
	unsigned char *needed = calloc(np ? np : 1, 1);
	int32_t *top = malloc((np ? np : 1) * sizeof(*top));
	int32_t *group = malloc((np + 1) * sizeof(*group));
	int32_t *path = malloc((np ? np : 1) * sizeof(*path));
	int rc = RELMAP_ENOMEM;

	if (!needed || !top || !group || !path)
		goto out;
	/* Neutral: the managers are what is kept (2 in `needed` marks them
	 * until the walk below reaches them). */
	for (size_t i = 0; neutral && i < np; i++) {
		int32_t m = parent_of(v, a, i);
		if (v->person[i] != VIEW_HIDDEN && m >= 0)
			needed[m] = 2;
	}
	/* Kept by depth: the top levels of the chart (depth[] is the level,
	 * 0 at the top, filled by kept_depths). */
	for (size_t i = 0; keep_depth > 0 && i < np; i++)
		if (v->person[i] != VIEW_HIDDEN && depth[i] < keep_depth &&
		    !needed[i])
			needed[i] = 2;
	/* Needed: the persons to keep and everyone above them. The walk
	 * stops at a person already needed, so it is linear; the bound on
	 * steps guards against a reports-to cycle the loaders would have
	 * refused anyway. */
	for (size_t i = 0; i < np; i++) {
		const relmap_person_result *r = &an->persons[i];
		unsigned errors = (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER) |
				  (1u << RELMAP_GAP_UNMANAGED_BLOCKER);
		int rule = keep_rule == 0 ? r->key || r->gap_mask
			   : keep_rule == 1 ? (r->gap_mask & errors) != 0
					    : 0;
		int keep = needed[i] == 2 || (!neutral && rule);
		if (v->person[i] == VIEW_HIDDEN ||
		    !(keep || (int32_t)i == v->focus_person))
			continue;
		needed[i] = 0; /* from the flag to the walk's own mark */
		int32_t x = (int32_t)i;
		for (size_t steps = 0; x >= 0 && !needed[x] && steps <= np;
		     steps++) {
			needed[x] = 1;
			x = parent_of(v, a, (size_t)x);
		}
	}
	/* top[i]: the highest unneeded person at or above unneeded i, whose
	 * subtree is the one folded. */
	for (size_t i = 0; i < np; i++)
		top[i] = -1;
	for (size_t i = 0; i < np; i++) {
		if (v->person[i] == VIEW_HIDDEN || needed[i] || top[i] >= 0)
			continue;
		size_t n = 0;
		int32_t x = (int32_t)i, t;
		for (;;) {
			path[n++] = x;
			int32_t p = parent_of(v, a, (size_t)x);
			if (p < 0 || needed[p] || n > np) {
				t = x;
				break;
			}
			if (top[p] >= 0) {
				t = top[p];
				break;
			}
			x = p;
		}
		while (n)
			top[path[--n]] = t;
	}
	/* One summary per drawn manager (group[m]) and one at the top
	 * (group[np]), in the file order of their first folded person. */
	for (size_t i = 0; i <= np; i++)
		group[i] = -1;
	size_t cap = 0;
	for (size_t i = 0; i < np; i++) {
		if (top[i] < 0)
			continue;
		int32_t m = parent_of(v, a, (size_t)top[i]);
		size_t g = m < 0 ? np : (size_t)m;
		if (group[g] < 0) {
			if (v->n_summaries == cap) {
				size_t nc = cap ? cap * 2 : 16;
				view_summary *s = realloc(v->summaries,
							  nc * sizeof(*s));
				if (!s)
					goto out;
				v->summaries = s;
				cap = nc;
			}
			group[g] = (int32_t)v->n_summaries;
			v->summaries[v->n_summaries++] = (view_summary){
				m, (int32_t)i, 0, 0, a->persons[i].department
			};
		}
		view_summary *s = &v->summaries[group[g]];
		s->count++;
		s->covered += an->persons[i].covered != 0;
		if (!same_department(s->department, a->persons[i].department))
			s->department = NULL;
		v->person[i] = group[g];
	}
	/* Groups of one are drawn as the person; renumber the rest. */
	size_t kept = 0;
	int32_t *renum = group; /* reused: summary index -> new index */
	for (size_t k = 0; k < v->n_summaries; k++) {
		if (v->summaries[k].count == 1) {
			renum[k] = -1;
			continue;
		}
		renum[k] = (int32_t)kept;
		v->summaries[kept++] = v->summaries[k];
	}
	for (size_t i = 0; i < np; i++)
		if (v->person[i] >= 0)
			v->person[i] = renum[v->person[i]] >= 0
					       ? renum[v->person[i]]
					       : VIEW_DRAWN;
	v->n_summaries = kept;
	rc = 0;
out:
	free(needed);
	free(top);
	free(group);
	free(path);
	return rc;
}

int view_build(view **out, const relmap_analysis *an, const view_options *o,
	       relmap_diags *diags)
{
	const relmap_account *a = an->account;
	view *v = calloc(1, sizeof(*v));
	int rc = RELMAP_ENOMEM;

	*out = NULL;
	if (!v)
		goto out;
	v->n_persons = a->n_persons;
	v->n_members = a->n_members;
	v->focus_person = v->focus_member = -1;
	v->coverage_lines = 1;
	v->neutral = o && o->neutral;
	v->person = malloc((a->n_persons ? a->n_persons : 1) *
			   sizeof(*v->person));
	v->member = malloc(a->n_members ? a->n_members : 1);
	if (!v->person || !v->member)
		goto out;
	for (size_t i = 0; i < a->n_persons; i++)
		v->person[i] = VIEW_DRAWN;
	memset(v->member, 1, a->n_members ? a->n_members : 1);

	if (o && o->focus) {
		for (size_t i = 0; i < a->n_persons && v->focus_person < 0; i++)
			if (strcmp(a->persons[i].id, o->focus) == 0)
				v->focus_person = (int32_t)i;
		for (size_t i = 0; !o->neutral && i < a->n_members &&
				   v->focus_person < 0 &&
				   v->focus_member < 0;
		     i++)
			if (strcmp(a->members[i].id, o->focus) == 0)
				v->focus_member = (int32_t)i;
		if (v->focus_person < 0 && v->focus_member < 0) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
					 o->neutral ? "--focus: no person '%s' in account '%s' (team members are not on the customer's map)"
						    : "--focus: no person or team member '%s' in account '%s'",
					 o->focus, a->id ? a->id : "");
			rc = RELMAP_EUSAGE;
			goto out;
		}
		if ((rc = apply_focus(v, an, o->hops < 0 ? 0 : o->hops,
				      o->neutral)))
			goto out;
		rc = RELMAP_ENOMEM;
	}
	for (size_t i = 0; o && o->only && i < a->n_persons; i++)
		if (!o->only[i])
			v->person[i] = VIEW_HIDDEN;
	for (size_t i = 0; i < a->n_persons; i++)
		v->n_kept += v->person[i] != VIEW_HIDDEN;
	int *depth = malloc((a->n_persons ? a->n_persons : 1) * sizeof(*depth));
	if (!depth || kept_depths(v, an, depth)) {
		free(depth);
		goto out;
	}
	if (o && o->collapse && v->n_kept > o->collapse_above &&
	    apply_collapse(v, an, o->neutral, depth, o->keep_depth,
			   o->keep_rule)) {
		free(depth);
		goto out;
	}
	free(depth);
	for (size_t i = 0; i < a->n_persons; i++) {
		v->n_drawn += v->person[i] == VIEW_DRAWN;
		v->n_folded += v->person[i] >= 0;
	}
	v->coverage_lines = v->n_folded == 0;
	if (view_stack(v, an, 1, 0, 0))
		goto out;
	*out = v;
	v = NULL;
	rc = 0;
out:
	view_free(v);
	return rc;
}

/* Above this many rank crossings of non-tree lines (see crossings()) a
 * stacked chart is not worth dot's time: at 500 persons with every
 * coverage line drawn, stacking took dot from 0.4 s to 5-23 s. */
#define VIEW_STACK_BUDGET 5000

/*
 * Stacking.  Nodes are the drawn persons (0..np-1) and the summaries
 * (np + k); a node's parent is its drawn manager.  Sizes are computed
 * bottom-up, children before their manager: a subtree's height in ranks
 * and its width in nodes.
 */
typedef struct stacker {
	size_t *start;  /* children of node x: child[start[x] .. start[x+1]) */
	int32_t *child;
	size_t *height, *width;
	unsigned *minlen;
	size_t *col_h, *col_w; /* per column, for the node being placed */
	size_t *heap;          /* columns, shortest first */
} stacker;

/* Is column a shorter than column b (the first of equals)? */
static int shorter(const stacker *s, size_t a, size_t b)
{
	return s->col_h[a] < s->col_h[b] ||
	       (s->col_h[a] == s->col_h[b] && a < b);
}

/* Restore the min-heap of columns in s->heap[0..n) from position i down. */
static void sift_down(stacker *s, size_t i, size_t n)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && shorter(s, s->heap[l], s->heap[m]))
			m = l;
		if (r < n && shorter(s, s->heap[r], s->heap[m]))
			m = r;
		if (m == i)
			return;
		size_t t = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = t;
		i = m;
	}
}

/* Put the children of m into c columns, each child under the shortest
 * column so far (the first of equals), found with a heap so that a flat
 * team of thousands stays quick; *h and *w of the whole. */
static void place(stacker *s, int32_t m, size_t c, size_t *h, size_t *w)
{
	memset(s->col_h, 0, c * sizeof(*s->col_h));
	memset(s->col_w, 0, c * sizeof(*s->col_w));
	for (size_t j = 0; j < c; j++)
		s->heap[j] = j; /* all 0 high: in index order, a heap */
	for (size_t k = s->start[m]; k < s->start[m + 1]; k++) {
		int32_t x = s->child[k];
		size_t best = s->heap[0];
		s->minlen[x] = (unsigned)(1 + s->col_h[best]);
		s->col_h[best] += s->height[x];
		if (s->width[x] > s->col_w[best])
			s->col_w[best] = s->width[x];
		sift_down(s, 0, c);
	}
	*h = *w = 0;
	for (size_t j = 0; j < c; j++) {
		if (s->col_h[j] > *h)
			*h = s->col_h[j];
		*w += s->col_w[j];
	}
	*h += 1;
	if (*w < 1)
		*w = 1;
}

/* One bottom-up pass over `order` (parents before children).  The
 * virtual `top` holds the persons without a drawn manager: they are
 * stacked like reports when there are many, but never leaf-staggered. */
static void stack_pass(stacker *s, const int32_t *order, size_t n_order,
		       int32_t top, unsigned stagger, unsigned width,
		       double ratio)
{
	for (size_t t = n_order; t-- > 0;) {
		int32_t m = order[t];
		size_t nc = s->start[m + 1] - s->start[m], h, w, leaves = 0;
		if (!nc)
			continue;
		/* Side by side first; then fewer columns (a fifth fewer each
		 * time, so a flat team of thousands stays quick) while the
		 * subtree is wider than `width` nodes and than `ratio` times
		 * its height. */
		size_t c = nc;
		place(s, m, c, &h, &w);
		while (width && c > 1 && w > width &&
		       (double)w > ratio * (double)h) {
			c = c - 1 - (c - 1) / 5;
			place(s, m, c, &h, &w);
		}
		for (size_t k = s->start[m]; k < s->start[m + 1]; k++)
			leaves += s->height[s->child[k]] == 1;
		if (c == nc && stagger > 1 && leaves > stagger && m != top) {
			/* Not stacked: leaf-stagger spreads the reports who
			 * manage nobody over `stagger` ranks in turn. */
			size_t turn = 0;
			h = 1;
			for (size_t k = s->start[m]; k < s->start[m + 1]; k++) {
				int32_t x = s->child[k];
				if (s->height[x] == 1)
					s->minlen[x] = (unsigned)(1 + turn++ % stagger);
				if (s->minlen[x] + s->height[x] > h)
					h = s->minlen[x] + s->height[x];
			}
			w = w - leaves + (leaves + stagger - 1) / stagger;
		}
		s->height[m] = h;
		s->width[m] = w;
	}
}

/*
 * How many ranks the lines that do not shape the chart (coverage from the
 * team on the top rank, dotted lines, influence) cross, with the ranks
 * the minimum lengths give: dot makes a virtual node for each crossing,
 * and its time grows quickly with them.
 */
static size_t crossings(const view *v, const relmap_analysis *an,
			const stacker *s, const int32_t *order,
			size_t n_order, const int32_t *parent)
{
	const relmap_account *a = an->account;
	size_t np = v->n_persons, total = 0;
	size_t *depth = calloc(np + v->n_summaries + 1, sizeof(*depth));
	if (!depth)
		return (size_t)-1; /* no memory: do not stack */
	int32_t top = (int32_t)(np + v->n_summaries); /* virtual: rank -1 */
	for (size_t t = 0; t < n_order; t++) {
		int32_t x = order[t];
		depth[x] = parent[x] < 0     ? 0
			   : parent[x] == top ? s->minlen[x] - 1
					      : depth[parent[x]] + s->minlen[x];
	}
#define SPAN(x, y) ((x) > (y) ? (x) - (y) : (y) - (x))
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		const relmap_dotted_line *d = &a->dotted_lines[i];
		if (valid_person(a, d->from) && valid_person(a, d->to) &&
		    view_draws_line(v, an, d->from, d->to))
			total += SPAN(depth[d->from], depth[d->to]);
	}
	/* The customer's map has no influence lines. */
	for (size_t i = 0; !v->neutral && i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (valid_person(a, f->from) && valid_person(a, f->to) &&
		    view_draws_line(v, an, f->from, f->to))
			total += SPAN(depth[f->from], depth[f->to]);
	}
#undef SPAN
	for (size_t i = 0; v->coverage_lines && i < an->n_pairs; i++) {
		const relmap_pair *p = &an->pairs[i];
		if (p->strength > 0 && valid_member(a, p->member) &&
		    v->member[p->member] && valid_person(a, p->person) &&
		    v->person[p->person] == VIEW_DRAWN)
			total += depth[p->person] + 1;
	}
	free(depth);
	return total;
}

int view_stack(view *v, const relmap_analysis *an, unsigned stagger,
	       unsigned width, double ratio)
{
	const relmap_account *a = an->account;
	size_t np = v->n_persons, ns = v->n_summaries, n = np + ns;
	/* Node n is a virtual top above every node without a parent. */
	int32_t top = (int32_t)n;
	size_t nt = n + 1;
	stacker s = { 0 };
	int32_t *parent = malloc(nt * sizeof(*parent));
	int32_t *order = malloc(nt * sizeof(*order));
	int rc = RELMAP_ENOMEM;

	s.start = calloc(nt + 2, sizeof(*s.start));
	s.child = malloc(nt * sizeof(*s.child));
	s.height = malloc(nt * sizeof(*s.height));
	s.width = malloc(nt * sizeof(*s.width));
	s.minlen = malloc(nt * sizeof(*s.minlen));
	s.col_h = malloc(nt * sizeof(*s.col_h));
	s.col_w = malloc(nt * sizeof(*s.col_w));
	s.heap = malloc(nt * sizeof(*s.heap));
	if (!parent || !order || !s.start || !s.child || !s.height ||
	    !s.width || !s.minlen || !s.col_h || !s.col_w || !s.heap)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int32_t m = -1;
		if (i >= np)
			m = v->summaries[i - np].manager;
		else if (v->person[i] == VIEW_DRAWN &&
			 valid_person(a, a->persons[i].manager) &&
			 v->person[a->persons[i].manager] == VIEW_DRAWN)
			m = a->persons[i].manager;
		if (m < 0 && (i >= np || v->person[i] == VIEW_DRAWN))
			m = top;
		parent[i] = m;
		s.minlen[i] = 1;
		s.height[i] = s.width[i] = 1;
		if (m >= 0)
			s.start[m + 2]++;
	}
	parent[top] = -1;
	s.minlen[top] = 1;
	s.height[top] = s.width[top] = 1;
	/* Children of each node in compressed rows, in node order. */
	for (size_t i = 0; i < nt; i++)
		s.start[i + 2] += s.start[i + 1];
	for (size_t i = 0; i < n; i++)
		if (parent[i] >= 0)
			s.child[s.start[parent[i] + 1]++] = (int32_t)i;
	/* Breadth first from the top; a reports-to cycle (which the
	 * loaders refuse) is simply never reached. */
	size_t head = 0, tail = 0;
	order[tail++] = top;
	while (head < tail) {
		int32_t x = order[head++];
		for (size_t k = s.start[x]; k < s.start[x + 1]; k++)
			order[tail++] = s.child[k];
	}
	size_t n_order = tail;
	stack_pass(&s, order, n_order, top, stagger, width, ratio);
	v->lines_off = 0;
	int over = width && crossings(v, an, &s, order, n_order, parent) >
				    VIEW_STACK_BUDGET;
	if (over && v->n_folded) {
		/* An overview of a big account: the chart's shape (and every
		 * key and gap person on it) matters more than lines that
		 * would cross it; they are left out (a focus shows them). */
		v->lines_off = 1;
	} else if (over) {
		/* Too many long lines for dot: keep the chart flat. */
		for (size_t i = 0; i < n; i++) {
			s.minlen[i] = 1;
			s.height[i] = s.width[i] = 1;
		}
		stack_pass(&s, order, n_order, top, stagger, 0, ratio);
	}
	unsigned *pm = realloc(v->person_minlen, (np ? np : 1) * sizeof(*pm));
	if (pm)
		v->person_minlen = pm;
	unsigned *sm = realloc(v->summary_minlen, (ns ? ns : 1) * sizeof(*sm));
	if (sm)
		v->summary_minlen = sm;
	if (!pm || !sm)
		goto out;
	memcpy(pm, s.minlen, np * sizeof(*pm));
	memcpy(sm, s.minlen + np, ns * sizeof(*sm));
	v->top_stacked = 0;
	for (size_t k = s.start[top]; k < s.start[top + 1]; k++)
		v->top_stacked |= s.minlen[s.child[k]] > 1;
	rc = 0;
out:
	free(parent);
	free(order);
	free(s.start);
	free(s.child);
	free(s.height);
	free(s.width);
	free(s.minlen);
	free(s.col_h);
	free(s.col_w);
	free(s.heap);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

size_t view_department_pieces(const view *v, const relmap_analysis *an,
			      size_t *n_departments)
{
	const relmap_account *a = an->account;
	size_t np = v->n_persons, pieces = 0, n = 0;
	const char **depts = malloc((np + v->n_summaries + 1) * sizeof(*depts));
	if (!depts)
		return (size_t)-1;
	for (size_t i = 0; i < np + v->n_summaries; i++) {
		const char *d;
		int32_t m;
		if (i < np) {
			if (v->person[i] != VIEW_DRAWN)
				continue;
			d = a->persons[i].department;
			m = a->persons[i].manager;
			if (!valid_person(a, m) || v->person[m] != VIEW_DRAWN)
				m = -1;
		} else {
			d = v->summaries[i - np].department;
			m = v->summaries[i - np].manager;
		}
		if (!d || !d[0])
			continue;
		depts[n++] = d;
		if (m < 0 || !same_department(a->persons[m].department, d))
			pieces++;
	}
	qsort(depts, n, sizeof(*depts), cmp_str);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || strcmp(depts[i], depts[i - 1]) != 0;
	free(depts);
	*n_departments = distinct;
	return pieces;
}

int view_draws_line(const view *v, const relmap_analysis *an, int32_t x,
		    int32_t y)
{
	if (v->person[x] != VIEW_DRAWN || v->person[y] != VIEW_DRAWN)
		return 0;
	if (v->lines_off)
		return 0;
	if (!v->n_folded || v->neutral)
		return 1;
	const relmap_person_result *rx = &an->persons[x], *ry = &an->persons[y];
	return (rx->key || rx->gap_mask || x == v->focus_person) &&
	       (ry->key || ry->gap_mask || y == v->focus_person);
}
