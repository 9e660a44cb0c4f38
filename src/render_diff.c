/*
 * render_diff.c - the changes of `relmap render NEW --diff OLD` marked on
 * NEW's map.
 *
 *  - an added person gets a green border and a "NEW" badge under its
 *    label;
 *  - a changed person (moved, role, attitude, influence, coverage, title,
 *    department) gets an orange border and a badge with one short line
 *    per change ("attitude: supporter → skeptic");
 *  - a removed person is a ghost node: dashed, grey, faded, with a
 *    "REMOVED" badge, under its old manager when that one is still on the
 *    map (or is a ghost too), made by render_diff_ghosts() before the
 *    graph's edges;
 *  - a legend block explains the marks and counts them.
 * An account that OLD does not have is all new: every person is added.
 *
 * A person with an error gap keeps the gap's border (the more urgent
 * mark); its badge still shows the change.  Badges are rows added under
 * the existing HTML label, so the person's own look is untouched.  The
 * ghosts and their lines sit in a plain subgraph made after the persons
 * and before every edge, and the legend block comes before the main
 * legend, so the written DOT keeps relmap's creation order
 * (render_graph.c) and `dot` draws the same map from it.  The colours are fixed, not styled: they only need
 * to differ from each other and from the gap red.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADDED_COLOR "#1a7f37"   /* green */
#define CHANGED_COLOR "#b35900" /* dark orange */
#define GHOST_COLOR "#9e9e9e"   /* grey */
#define GHOST_FILL "#f4f4f4"
#define MARK_PENWIDTH "3"

static const char *pname(const relmap_person *p)
{
	return p->name ? p->name : p->id;
}

static int has_error_gap(const relmap_analysis *an, int32_t i)
{
	unsigned m = an->persons[i].gap_mask;
	return (m & (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER)) ||
	       (m & (1u << RELMAP_GAP_UNMANAGED_BLOCKER));
}

static Agnode_t *find_node(Agraph_t *g, sbuf *b, const char *prefix,
			   const char *id)
{
	sbuf_clear(b);
	sbuf_add(b, prefix);
	sbuf_add(b, id);
	if (b->nomem)
		return NULL;
	return agnode(g, b->data, 0);
}

/* One badge row: white bold text on `color`, lines joined by <BR/>. */
static void badge(sbuf *b, const relmap_style *st, const char *color,
		  const char *lines_html)
{
	char num[32];
	render_num(num, st->gap_marker_fontsize);
	sbuf_addf(b, "<TR><TD CELLPADDING=\"2\" BGCOLOR=\"%s\">"
		  "<FONT POINT-SIZE=\"%s\" COLOR=\"white\"><B>", color, num);
	sbuf_add(b, lines_html);
	sbuf_add(b, "</B></FONT></TD></TR>");
}

/* The node's label with a badge row under it. */
static int add_badge(Agnode_t *n, sbuf *b, const relmap_style *st,
		     const char *color, const char *lines_html)
{
	const char *old = agget(n, "label");
	sbuf_clear(b);
	sbuf_add(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
		    "CELLPADDING=\"0\"><TR><TD>");
	sbuf_add(b, old ? old : "");
	sbuf_add(b, "</TD></TR>");
	badge(b, st, color, lines_html);
	sbuf_add(b, "</TABLE>");
	if (b->nomem)
		return RELMAP_ENOMEM;
	return render_set_html(n, "label", b->data);
}

static int mark_border(Agnode_t *n, const relmap_analysis *an, int32_t i,
		       const char *color)
{
	if (has_error_gap(an, i))
		return 0;
	if (render_set(n, "color", color) ||
	    render_set(n, "penwidth", MARK_PENWIDTH))
		return RELMAP_ENOMEM;
	return 0;
}

/* One line of a changed person's badge, as HTML text. */
static void change_line(sbuf *b, const relmap_account_diff *d,
			const relmap_change *c)
{
	char x[32], y[32];
	const relmap_account *old = d->old_an->account;
	switch (c->kind) {
	case RELMAP_CHANGE_MOVED: {
		int32_t m = old->persons[c->old_index].manager;
		if (m >= 0) {
			sbuf_add(b, "moved from ");
			sbuf_add_html(b, pname(&old->persons[m]));
		} else {
			sbuf_add(b, "moved (had no manager)");
		}
		return;
	}
	case RELMAP_CHANGE_ROLE:
	case RELMAP_CHANGE_ATTITUDE:
		sbuf_addf(b, "%s: %s → %s",
			  c->kind == RELMAP_CHANGE_ROLE ? "role" : "attitude",
			  c->old_text, c->new_text);
		return;
	case RELMAP_CHANGE_INFLUENCE:
	case RELMAP_CHANGE_COVERAGE:
		snprintf(x, sizeof(x), "%.2f", c->old_value);
		snprintf(y, sizeof(y), "%.2f", c->new_value);
		sbuf_addf(b, "%s: %s → %s",
			  c->kind == RELMAP_CHANGE_INFLUENCE ? "influence" :
							       "coverage",
			  x, y);
		return;
	case RELMAP_CHANGE_TITLE:
		sbuf_add(b, "new title");
		return;
	case RELMAP_CHANGE_DEPARTMENT:
		sbuf_add(b, "new department");
		return;
	default:
		return;
	}
}

static int is_person_change(relmap_change_kind k)
{
	return k >= RELMAP_CHANGE_MOVED && k <= RELMAP_CHANGE_COVERAGE;
}

/*
 * Changed persons: a person's changes are not adjacent (they are sorted
 * by kind first), so they are chained per person (head, next) in one
 * pass and each person's lines written from its chain: linear in the
 * changes, however many there are.
 */
static int mark_changed(Agraph_t *g, const relmap_analysis *an,
			const relmap_account_diff *d, const relmap_style *st,
			sbuf *b, sbuf *lines, size_t *n_changed)
{
	const relmap_account *acc = an->account;
	size_t np = acc->n_persons ? acc->n_persons : 1;
	size_t *head = malloc(np * sizeof(*head));
	size_t *next = malloc((d->n_changes ? d->n_changes : 1) *
			      sizeof(*next));
	int rc = RELMAP_ENOMEM;
	if (!head || !next)
		goto out;
	for (size_t i = 0; i < np; i++)
		head[i] = SIZE_MAX;
	for (size_t k = d->n_changes; k-- > 0;) {
		const relmap_change *c = &d->changes[k];
		if (!is_person_change(c->kind))
			continue;
		next[k] = head[c->new_index];
		head[c->new_index] = k;
	}
	/* In person order: the order of the account, as the nodes. */
	for (size_t i = 0; i < acc->n_persons; i++) {
		if (head[i] == SIZE_MAX)
			continue;
		++*n_changed;
		sbuf_clear(lines);
		for (size_t k = head[i]; k != SIZE_MAX; k = next[k]) {
			if (lines->len)
				sbuf_add(lines, "<BR/>");
			change_line(lines, d, &d->changes[k]);
		}
		Agnode_t *n = find_node(g, b, "p:", acc->persons[i].id);
		if (b->nomem || lines->nomem)
			goto out;
		if (n && (add_badge(n, b, st, CHANGED_COLOR, lines->data) ||
			  mark_border(n, an, (int32_t)i, CHANGED_COLOR)))
			goto out;
	}
	rc = 0;
out:
	free(head);
	free(next);
	return rc;
}

static int add_ghost(Agraph_t *sub, const relmap_account_diff *d,
		     const relmap_change *c, const relmap_style *st, sbuf *b)
{
	const relmap_person *p = &d->old_an->account->persons[c->old_index];
	sbuf_clear(b);
	sbuf_add(b, "r:");
	sbuf_add(b, p->id);
	if (b->nomem)
		return RELMAP_ENOMEM;
	Agnode_t *n = agnode(sub, b->data, 1);
	if (!n)
		return RELMAP_ENOMEM;
	char num[32];
	sbuf_clear(b);
	sbuf_add(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
		    "CELLPADDING=\"0\"><TR><TD><B>");
	sbuf_add_html(b, pname(p));
	sbuf_add(b, "</B>");
	if (p->title && p->title[0]) {
		render_num(num, st->title_fontsize);
		sbuf_addf(b, "<BR/><FONT POINT-SIZE=\"%s\">", num);
		sbuf_add_html(b, p->title);
		sbuf_add(b, "</FONT>");
	}
	sbuf_add(b, "</TD></TR>");
	badge(b, st, GHOST_COLOR, "REMOVED");
	sbuf_add(b, "</TABLE>");
	if (b->nomem || render_set_html(n, "label", b->data) ||
	    render_set(n, "shape", "box") ||
	    render_set(n, "style", "dashed,filled") ||
	    render_set(n, "color", GHOST_COLOR) ||
	    render_set(n, "fillcolor", GHOST_FILL) ||
	    render_set(n, "fontcolor", GHOST_COLOR) ||
	    render_set(n, "penwidth", "1"))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add_esc(b, pname(p));
	sbuf_addf(b, " left (was %s, %s)", relmap_role_name(p->role),
		  relmap_attitude_name(p->attitude));
	if (b->nomem || render_set(n, "tooltip", b->data))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add(b, "removed-");
	sbuf_add_idpart(b, p->id);
	if (b->nomem || render_set(n, "id", b->data))
		return RELMAP_ENOMEM;
	return 0;
}

/* Ghosts, then their dashed lines from the old manager (on the map, or
 * a ghost too), in change order: ids in byte order.  The lines are made
 * in the ghosts' subgraph, so the written DOT has them in that block,
 * before the root's edges, which is the order they are made in here. */
static int add_ghosts(Agraph_t *g, const relmap_account_diff *d,
		      const relmap_style *st, sbuf *b)
{
	Agraph_t *sub = NULL;
	for (size_t k = 0; k < d->n_changes; k++) {
		const relmap_change *c = &d->changes[k];
		if (c->kind != RELMAP_CHANGE_PERSON_REMOVED)
			continue;
		if (!sub && !(sub = agsubg(g, "removed", 1)))
			return RELMAP_ENOMEM;
		if (add_ghost(sub, d, c, st, b))
			return RELMAP_ENOMEM;
	}
	for (size_t k = 0; k < d->n_changes; k++) {
		const relmap_change *c = &d->changes[k];
		if (c->kind != RELMAP_CHANGE_PERSON_REMOVED || !c->old_text)
			continue;
		Agnode_t *head = find_node(g, b, "r:", c->id);
		Agnode_t *tail = find_node(g, b, "p:", c->old_text);
		if (!tail)
			tail = find_node(g, b, "r:", c->old_text);
		if (b->nomem)
			return RELMAP_ENOMEM;
		if (!head || !tail)
			continue;
		Agedge_t *e = agedge(sub, tail, head, NULL, 1);
		if (!e || render_set(e, "style", "dashed") ||
		    render_set(e, "color", GHOST_COLOR) ||
		    render_set(e, "penwidth", "1") ||
		    render_set(e, "tooltip", "reported here before"))
			return RELMAP_ENOMEM;
	}
	return 0;
}

static size_t count(const relmap_account_diff *d, relmap_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_changes; i++)
		n += d->changes[i].kind == k;
	return n;
}

static int add_legend(Agraph_t *g, const relmap_account_diff *d,
		      const relmap_style *st, sbuf *b, size_t n_added,
		      size_t n_changed, size_t n_removed)
{
	char num[32], date[11];
	Agraph_t *sub = agsubg(g, "cluster_diff", 1);
	if (!sub || render_cluster_style(sub, &st->legend) ||
	    render_set(sub, "id", "diff-legend"))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add(b, "<B>Changes since ");
	relmap_date_format(date, d->old_an ? d->old_an->as_of : 0);
	sbuf_add(b, d->old_an ? date : "the last snapshot");
	sbuf_add(b, "</B>");
	if (b->nomem || render_set_html(sub, "label", b->data))
		return RELMAP_ENOMEM;

	Agnode_t *n = agnode(sub, "diff:key", 1);
	render_num(num, st->legend_item_fontsize);
	sbuf_clear(b);
	sbuf_addf(b, "<FONT POINT-SIZE=\"%s\"><TABLE BORDER=\"0\" "
		  "CELLBORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"0\">", num);
	static const struct {
		const char *color, *mark, *what;
	} rows[] = {
		{ ADDED_COLOR, "NEW", "added (green border)" },
		{ CHANGED_COLOR, "role: a → b",
		  "changed (orange border, a line per change)" },
		{ GHOST_COLOR, "REMOVED", "removed (dashed, grey, under the old manager)" },
	};
	size_t counts[3] = { n_added, n_changed, n_removed };
	for (size_t i = 0; i < 3; i++) {
		sbuf_add(b, "<TR><TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
			    "CELLSPACING=\"0\" CELLPADDING=\"0\">");
		badge(b, st, rows[i].color, rows[i].mark);
		sbuf_addf(b, "</TABLE></TD><TD ALIGN=\"LEFT\">%zu %s</TD></TR>",
			  counts[i], rows[i].what);
	}
	sbuf_addf(b, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">gaps: %zu opened, "
		  "%zu closed</TD></TR></TABLE></FONT>",
		  count(d, RELMAP_CHANGE_GAP_OPENED),
		  count(d, RELMAP_CHANGE_GAP_CLOSED));
	if (!n || b->nomem || render_set(n, "shape", "plain") ||
	    render_set(n, "style", "") || render_set(n, "margin", "0") ||
	    render_set(n, "id", "diff-key") ||
	    render_set_html(n, "label", b->data))
		return RELMAP_ENOMEM;
	return 0;
}

int render_diff_ghosts(Agraph_t *g, const relmap_account_diff *d,
		       const relmap_style *st)
{
	sbuf b = { 0 };
	int rc = add_ghosts(g, d, st, &b);
	if (rc == 0 && b.nomem)
		rc = RELMAP_ENOMEM;
	sbuf_free(&b);
	return rc;
}

int render_diff_mark(Agraph_t *g, const relmap_analysis *an,
		     const relmap_account_diff *d, const relmap_style *st,
		     int legend)
{
	sbuf b = { 0 }, lines = { 0 };
	size_t n_added = 0, n_changed = 0;
	int rc = RELMAP_ENOMEM;

	/* A whole account that OLD lacks is one account-added change: then
	 * everyone in it is new. */
	int all_new = !d->old_an;
	for (size_t k = 0; k < (all_new ? an->account->n_persons :
				 d->n_changes); k++) {
		const char *id;
		int32_t idx;
		if (all_new) {
			id = an->account->persons[k].id;
			idx = (int32_t)k;
		} else if (d->changes[k].kind == RELMAP_CHANGE_PERSON_ADDED) {
			id = d->changes[k].id;
			idx = d->changes[k].new_index;
		} else {
			continue;
		}
		n_added++;
		Agnode_t *n = find_node(g, &b, "p:", id);
		if (b.nomem)
			goto out;
		if (n && (add_badge(n, &b, st, ADDED_COLOR, "NEW") ||
			  mark_border(n, an, idx, ADDED_COLOR)))
			goto out;
	}
	if (!all_new && mark_changed(g, an, d, st, &b, &lines, &n_changed))
		goto out;
	if (legend && add_legend(g, d, st, &b, n_added, n_changed,
				 count(d, RELMAP_CHANGE_PERSON_REMOVED)))
		goto out;
	rc = b.nomem || lines.nomem ? RELMAP_ENOMEM : 0;
out:
	sbuf_free(&b);
	sbuf_free(&lines);
	return rc;
}
