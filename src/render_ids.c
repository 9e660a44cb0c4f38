/*
 * render_ids.c - a cgraph id discipline that numbers names in order.
 *
 * cgraph keeps subgraphs in id order, and its own id discipline uses the
 * address of each interned name as the id, so the order of clusters (to
 * which Graphviz 2.42's dot is sensitive) depends on the state of the
 * heap: a process that has run for a while meets its clusters in another
 * order than a fresh `dot`.  Here named objects get even ids 2, 4, 6, ...
 * in the order their names were first seen, unnamed ones odd ids, so
 * clusters come in the order the graph was built.  The names themselves
 * stay strings of cgraph's pool, as with cgraph's discipline: agwrite
 * asks the pool whether a string is HTML.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>

struct render_ids {
	Agdisc_t disc;      /* first: the discipline's open() finds the rest */
	Agraph_t *g;        /* the root graph, whose string pool holds names */
	const char **names; /* names[i] has id 2 * (i + 1) */
	size_t n, cap;
	uint32_t *slots;    /* hash table: index + 1, 0 when empty */
	size_t nslots;
	IDTYPE anon;        /* next id for unnamed objects (odd) */
	int nomem;
};

static uint64_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int grow(render_ids *m)
{
	size_t nslots = m->nslots ? m->nslots * 2 : 1024;
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		size_t j = hash_name(m->names[i]) & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	free(m->slots);
	m->slots = slots;
	m->nslots = nslots;
	return 0;
}

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	render_ids *m = (render_ids *)disc;
	m->g = g;
	return m;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id,
		   int createflag)
{
	render_ids *m = state;
	(void)objtype;
	if (!str) {
		*id = m->anon;
		m->anon += 2;
		return 1;
	}
	if (m->nslots) {
		size_t j = hash_name(str) & (m->nslots - 1);
		while (m->slots[j]) {
			size_t i = m->slots[j] - 1;
			if (strcmp(m->names[i], str) == 0) {
				*id = 2 * (IDTYPE)(i + 1);
				return 1;
			}
			j = (j + 1) & (m->nslots - 1);
		}
	}
	if (!createflag)
		return 0;
	if ((m->n + 1) * 2 > m->nslots && grow(m))
		goto nomem;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 512;
		const char **names = realloc(m->names, cap * sizeof(*names));
		if (!names)
			goto nomem;
		m->names = names;
		m->cap = cap;
	}
	/* A string of cgraph's pool, as its own discipline keeps names:
	 * agwrite asks the pool whether a name is an HTML string. */
	const char *copy = agstrdup(m->g, str);
	if (!copy)
		goto nomem;
	m->names[m->n] = copy;
	size_t j = hash_name(str) & (m->nslots - 1);
	while (m->slots[j])
		j = (j + 1) & (m->nslots - 1);
	m->slots[j] = (uint32_t)(m->n + 1);
	m->n++;
	*id = 2 * (IDTYPE)m->n;
	return 1;
nomem:
	/* cgraph has no way to report this; the builder checks `nomem`. */
	m->nomem = 1;
	return 0;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0; /* no caller-chosen ids, as cgraph's own discipline */
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	render_ids *m = state;
	(void)objtype;
	if (id % 2 == 0 && id >= 2 && id / 2 - 1 < m->n)
		return (char *)m->names[id / 2 - 1];
	return NULL;
}

static void id_close(void *state)
{
	/* The names go with the graph's memory; the tables are freed by
	 * render_ids_free(), after agclose. */
	(void)state;
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t id_disc = {
	id_open, id_map, id_alloc, id_free, id_print, id_close, id_register,
};

Agraph_t *render_ids_agopen(render_ids **out, const char *name)
{
	relmap_render_warm_wait();
	return render_ids_agopen_unwaited(out, name);
}

Agraph_t *render_ids_agopen_unwaited(render_ids **out, const char *name)
{
	render_ids *m = calloc(1, sizeof(*m));
	*out = m;
	if (!m)
		return NULL;
	m->disc.id = &id_disc; /* memory and I/O: cgraph's own */
	m->anon = 1;
	Agraph_t *g = agopen((char *)name, Agdirected, &m->disc);
	if (g && m->nomem) {
		agclose(g);
		g = NULL;
	}
	/* gvContext() gives every graph opened after it a node label
	 * default of "\N" (cgraph's prototype graph), which the DOT output
	 * then shows: a process that has drawn already (a batch worker)
	 * would write other bytes than a fresh one.  The graph of a fresh
	 * process gets its label attribute with an empty default when its
	 * first label is set; so does this one, at once. */
	Agsym_t *label = g ? agattr(g, AGNODE, "label", NULL) : NULL;
	if (label && label->defval && label->defval[0])
		agattr(g, AGNODE, "label", "");
	return g;
}

int render_ids_failed(const render_ids *m)
{
	return !m || m->nomem;
}

void render_ids_free(render_ids *m)
{
	if (!m)
		return;
	free(m->names);
	free(m->slots);
	free(m);
}
