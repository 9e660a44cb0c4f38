/*
 * render_graph.c - the styled Graphviz graph of one analysed account.
 *
 * The graph is built so that `agwrite` of it (relmap's -T dot output) read
 * back by `dot` is the very same graph, object for object and in the same
 * order, because layout depends on order:
 *
 *  - every node sits in a subgraph (the team cluster, a department
 *    cluster, the plain "persons" subgraph or the legend cluster) and the
 *    subgraphs are created in the order agwrite writes them, so nodes are
 *    created in the order a reader meets them;
 *  - edges are created in the order agwrite writes them: by tail node,
 *    and a node's out-edges by head node (cgraph's order for them);
 *  - cgraph orders subgraphs by id, and its default id discipline uses
 *    the address of the interned name, which depends on the heap; the
 *    graph is opened with relmap's discipline (render_ids.c), which
 *    numbers names in creation order, so clusters come in the order
 *    chosen (team, departments sorted by name in byte order, persons,
 *    legend) on every run.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct render_graph {
	render_ids *ids;
	Agraph_t *g;
	/* The department of each node by AGSEQ (render_graph_department). */
	const char **dept;
	size_t n_dept;
	render_kept *kept; /* the labels of the measuring pass, or NULL */
};

/* ---- attributes (render_attr.c does the setting) ---- */

/* Declare `name` for `kind` with default "" unless it exists already. */
static int declare(Agraph_t *g, int kind, const char *name)
{
	if (agattr(g, kind, (char *)name, NULL))
		return 0;
	return agattr(g, kind, (char *)name, "") ? 0 : RELMAP_ENOMEM;
}

static int declare_all(Agraph_t *g, int kind, const style_attrs *a)
{
	for (size_t i = 0; i < a->count; i++)
		if (declare(g, kind, a->items[i].name))
			return RELMAP_ENOMEM;
	return 0;
}

static int set_defaults(Agraph_t *g, int kind, const style_attrs *a)
{
	for (size_t i = 0; i < a->count; i++)
		if (a->items[i].value[0] &&
		    !agattr(g, kind, (char *)a->items[i].name,
			    (char *)a->items[i].value))
			return RELMAP_ENOMEM;
	return 0;
}

/* ---- building ---- */

typedef struct pending_edge {
	size_t tail_pos; /* creation index of the tail node */
	size_t head_pos; /* ... and of the head */
	size_t seq;      /* order of generation, kept within a tail */
	Agnode_t *tail;
	Agnode_t *head;
	int kind;        /* style_edge */
	double value;    /* |weight| or strength */
	int32_t a, b;    /* for tooltips: the records behind the edge */
	unsigned minlen; /* reports-to: stacking (view.h) */
} pending_edge;

typedef struct builder {
	render_graph *rg;
	Agraph_t *g;
	const relmap_analysis *an;
	const relmap_account *acc;
	const relmap_style *st;
	const render_graph_options *o;
	Agnode_t **member_node;
	Agnode_t **person_node;
	size_t *member_pos;
	size_t *person_pos;
	const view *v;         /* never NULL */
	Agnode_t **summary_node;
	size_t *summary_pos;
	size_t next_pos;
	pending_edge *edges;
	size_t n_edges, cap_edges;
	sbuf buf, buf2;
	int nomem;
	/* Coverage on the cards (render_chips.c); NULL when coverage is
	 * drawn as lines or for the customer. */
	render_chips *chips;
} builder;

static int note_department(builder *bd, Agnode_t *n, const char *dept);

typedef struct dept_ref {
	const char *dept;
	int32_t person;
} dept_ref;

/* Departments in byte order, persons in file order within each. */
static int cmp_dept(const void *x, const void *y)
{
	const dept_ref *a = x, *b = y;
	int c = strcmp(a->dept, b->dept);
	if (c)
		return c;
	return (a->person > b->person) - (a->person < b->person);
}

/* The order agwrite writes edges in: by tail, and a node's out-edges by
 * head (cgraph keeps them so), then as generated. */
static int cmp_edge(const void *x, const void *y)
{
	const pending_edge *a = x, *b = y;
	if (a->tail_pos != b->tail_pos)
		return a->tail_pos < b->tail_pos ? -1 : 1;
	if (a->head_pos != b->head_pos)
		return a->head_pos < b->head_pos ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Characters (not bytes) in s[0..n). */
static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* `text` as lines of at most `wrap` characters, broken at spaces (a
 * longer word gets a line of its own), joined with <BR/>. */
static void add_wrapped(sbuf *b, const char *text, size_t wrap)
{
	sbuf word = { 0 };
	size_t line_chars = 0;
	const char *p = text;

	if (!wrap) {
		sbuf_add_html(b, text);
		return;
	}
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		size_t chars = count_chars(p, n);
		if (line_chars && line_chars + 1 + chars > wrap) {
			sbuf_add(b, "<BR/>");
			line_chars = 0;
		} else if (line_chars || p != text) {
			sbuf_add(b, " ");
			line_chars++;
		}
		sbuf_clear(&word);
		sbuf_addn(&word, p, n);
		sbuf_add_html(b, sbuf_str(&word));
		line_chars += chars;
		p += n;
		if (*p == ' ')
			p++;
	}
	if (word.nomem)
		b->nomem = 1;
	sbuf_free(&word);
}

static void add_font_line(sbuf *b, double size, const char *color,
			  const char *text, int bold, size_t wrap)
{
	char num[32];
	render_num(num, size);
	sbuf_addf(b, "<FONT POINT-SIZE=\"%s\"", num);
	if (color && *color) {
		sbuf_add(b, " COLOR=\"");
		sbuf_add_html(b, color);
		sbuf_add(b, "\"");
	}
	sbuf_add(b, bold ? "><B>" : ">");
	add_wrapped(b, text, wrap);
	sbuf_add(b, bold ? "</B></FONT>" : "</FONT>");
}

static int is_gap_person(const builder *bd, size_t p)
{
	if (bd->o->customer)
		return 0;
	unsigned mask = bd->an->persons[p].gap_mask;
	return (mask & (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER)) ||
	       (mask & (1u << RELMAP_GAP_UNMANAGED_BLOCKER));
}

static int has_department(const relmap_person *p)
{
	return p->department && p->department[0];
}

static int person_in_cluster(const builder *bd, const relmap_person *p)
{
	return bd->o->clusters && has_department(p);
}

/* A collapsed view writes coverage on the person instead of drawing it
 * (view.h): "covered by Jane Doe 0.82 (strong)". */
static void coverage_line(builder *bd, sbuf *b, size_t i)
{
	const relmap_person_result *r = &bd->an->persons[i];
	const relmap_style *st = bd->st;
	char num[32];

	if (r->best_member < 0 || (size_t)r->best_member >= bd->acc->n_members ||
	    r->coverage <= 0)
		return;
	const relmap_member *m = &bd->acc->members[r->best_member];
	sbuf text = { 0 };
	render_num(num, r->coverage);
	sbuf_add(&text, "covered by ");
	sbuf_add(&text, m->name ? m->name : m->id);
	sbuf_addf(&text, " %s (%s)", num,
		  style_band_name(style_band_of(st, r->coverage)));
	sbuf_add(b, "<BR/>");
	add_font_line(b, st->title_fontsize, st->title_fontcolor,
		      sbuf_str(&text), 0, 0);
	if (text.nomem)
		b->nomem = 1;
	sbuf_free(&text);
}

/* The gap badge as a table cell: a badge of its own colour stays legible
 * on every fill. */
static void gap_badge(sbuf *b, const relmap_style *st, int padding)
{
	sbuf_addf(b, "<TD CELLPADDING=\"%d\"", padding);
	if (st->gap_marker_fillcolor[0]) {
		sbuf_add(b, " BGCOLOR=\"");
		sbuf_add_html(b, st->gap_marker_fillcolor);
		sbuf_add(b, "\"");
	}
	sbuf_add(b, ">");
	add_font_line(b, st->gap_marker_fontsize, st->gap_marker_fontcolor,
		      st->gap_marker, 1, 0);
	sbuf_add(b, "</TD>");
}

static void person_label(builder *bd, size_t i)
{
	const relmap_person *p = &bd->acc->persons[i];
	const relmap_style *st = bd->st;
	sbuf *b = &bd->buf;
	int gap = is_gap_person(bd, i) && st->gap_marker[0];
	int chips = bd->chips && render_chips_count(bd->chips, i);

	sbuf_clear(b);
	if (gap || chips)
		sbuf_add(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD>");
	sbuf_add(b, "<B>");
	sbuf_add_html(b, p->name ? p->name : p->id);
	sbuf_add(b, "</B>");
	if (p->title && p->title[0]) {
		sbuf_add(b, "<BR/>");
		add_font_line(b, st->title_fontsize, st->title_fontcolor,
			      p->title, 0, (size_t)st->title_wrap);
	}
	if (has_department(p) && !person_in_cluster(bd, p)) {
		sbuf_add(b, "<BR/>");
		add_font_line(b, st->department_fontsize,
			      st->department_fontcolor, p->department, 0, 0);
	}
	if (!bd->chips && !bd->v->coverage_lines && !bd->o->customer)
		coverage_line(bd, b, i);
	if (chips) {
		/* The chips, and the gap badge beside them, in one row. */
		sbuf_add(b, "</TD></TR><TR><TD CELLPADDING=\"1\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\"><TR>");
		if (!gap)
			sbuf_add(b, "<TD></TD>"); /* centred between two */
		render_chips_cells(b, bd->chips, st, i);
		if (!gap)
			sbuf_add(b, "<TD></TD>");
		if (gap)
			gap_badge(b, st, 1);
		sbuf_add(b, "</TR></TABLE></TD></TR></TABLE>");
	} else if (gap) {
		sbuf_add(b, "</TD></TR><TR>");
		gap_badge(b, st, 2);
		sbuf_add(b, "</TR></TABLE>");
	}
}

static void person_tooltip(builder *bd, size_t i)
{
	const relmap_person *p = &bd->acc->persons[i];
	const relmap_person_result *r = &bd->an->persons[i];
	sbuf *b = &bd->buf2;
	char num[32];

	sbuf_clear(b);
	sbuf_add_esc(b, p->name ? p->name : p->id);
	if (p->title && p->title[0]) {
		sbuf_add(b, ", ");
		sbuf_add_esc(b, p->title);
	}
	if (has_department(p)) {
		sbuf_add(b, " (");
		sbuf_add_esc(b, p->department);
		sbuf_add(b, ")");
	}
	if (bd->o->customer)
		return;
	render_num(num, p->influence);
	sbuf_addf(b, "\\nrole: %s, attitude: %s, influence: %s",
		  relmap_role_name(p->role), relmap_attitude_name(p->attitude),
		  num);
	render_num(num, r->coverage);
	sbuf_addf(b, "\\ncoverage: %s (%s)%s", num,
		  r->covered ? "covered" : "not covered",
		  r->key ? ", key person" : "");
	if (bd->chips) {
		render_chips_tooltip(b, bd->chips, bd->st, i);
	} else if (r->best_member >= 0 &&
		   (size_t)r->best_member < bd->acc->n_members) {
		const relmap_member *m = &bd->acc->members[r->best_member];
		sbuf_add(b, ", best: ");
		sbuf_add_esc(b, m->name ? m->name : m->id);
	}
	if (r->gap_mask) {
		sbuf_add(b, "\\ngaps:");
		int first = 1;
		for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++) {
			if (!(r->gap_mask & (1u << k)))
				continue;
			sbuf_addf(b, "%s %s", first ? "" : ",",
				  relmap_gap_kind_name((relmap_gap_kind)k));
			first = 0;
		}
	}
}

/* http, https and mailto links only: no javascript: or file: in a map
 * that is shared. */
int render_safe_url(const char *u)
{
	return u && (strncasecmp(u, "http://", 7) == 0 ||
		     strncasecmp(u, "https://", 8) == 0 ||
		     strncasecmp(u, "mailto:", 7) == 0);
}

void render_warn_links(const relmap_account *a, relmap_diags *diags)
{
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		if (!p->url || !p->url[0] || render_safe_url(p->url))
			continue;
		/* A scheme is a letter, then letters, digits, + - . up to ':'
		 * (RFC 3986); only that much of the URL is repeated. */
		size_t n = 0;
		const char *u = p->url;
		if ((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z'))
			while (u[n] && n < 32 &&
			       ((u[n] >= 'a' && u[n] <= 'z') ||
				(u[n] >= 'A' && u[n] <= 'Z') ||
				(u[n] >= '0' && u[n] <= '9') || u[n] == '+' ||
				u[n] == '-' || u[n] == '.'))
				n++;
		/* Who, with control characters as spaces: a terminal gets
		 * this line. */
		sbuf who = { 0 };
		sbuf_addf(&who, "'%s'", p->id);
		if (p->name && strcmp(p->name, p->id) != 0)
			sbuf_addf(&who, " (%s)", p->name);
		for (size_t k = 0; k < who.len; k++)
			if ((unsigned char)who.data[k] < 0x20 ||
			    who.data[k] == 0x7F)
				who.data[k] = ' ';
		if (u[n] == ':' && n > 0)
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 p->pos.line, p->pos.column,
					 "person %s: link left out: URL scheme '%.*s' is not http, https or mailto",
					 sbuf_str(&who), (int)n, u);
		else
			relmap_diags_add(diags, RELMAP_SEVERITY_WARNING, NULL,
					 p->pos.line, p->pos.column,
					 "person %s: link left out: the URL has no scheme (http, https or mailto)",
					 sbuf_str(&who));
		sbuf_free(&who);
	}
}

/*
 * Classes CSS and scripts select on (documented in docs/svg.md): what the
 * person is (role, attitude), how we cover them and which gaps they have.
 * Graphviz writes them after its own "node" class.
 */
static void person_class(builder *bd, size_t i)
{
	const relmap_person *p = &bd->acc->persons[i];
	const relmap_person_result *r = &bd->an->persons[i];
	sbuf *b = &bd->buf2;

	sbuf_clear(b);
	if (bd->o->customer) {
		/* Roles, attitudes, coverage and gaps are ours (render.h). */
		sbuf_add(b, "person");
		return;
	}
	sbuf_addf(b, "person role-%s attitude-%s %s coverage-%s",
		  relmap_role_name(p->role), relmap_attitude_name(p->attitude),
		  r->covered ? "covered" : "uncovered",
		  r->coverage > 0
			  ? style_band_name(style_band_of(bd->st, r->coverage))
			  : "none");
	if (r->key)
		sbuf_add(b, " key");
	if (r->gap_mask)
		sbuf_add(b, " gap");
	for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++)
		if (r->gap_mask & (1u << k))
			sbuf_addf(b, " gap-%s",
				  relmap_gap_kind_name((relmap_gap_kind)k));
}

static void add_url(sbuf *b, const char *u)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
		if (*p == '&')
			sbuf_add(b, "&amp;");
		else if (*p <= 0x20 || *p == 0x7F || *p == '\\' || *p == '"' ||
			 *p == '<' || *p == '>')
			sbuf_addf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
		else
			sbuf_addn(b, (const char *)p, 1);
	}
}

/* ---- big accounts: the view (view.h) ---- */

/* The focused node: a double border, which no role, attitude or gap
 * style uses, so it reads on top of all of them. */
static int focus_highlight(Agnode_t *n)
{
	return render_set(n, "peripheries", "2");
}

static const char *person_name(const builder *bd, int32_t i);

/* "+37 in Engineering", "+37 under Maria Lopez" (departments differ) or
 * "+37 more" (no drawn manager), then how many of them are covered. */
static void summary_text(builder *bd, sbuf *b, const view_summary *s,
			 int html)
{
	void (*add)(sbuf *, const char *) = html ? sbuf_add_html : sbuf_add_esc;
	sbuf_addf(b, "+%zu ", s->count);
	if (s->department) {
		sbuf_add(b, "in ");
		add(b, s->department);
	} else if (s->manager >= 0) {
		sbuf_add(b, "under ");
		add(b, person_name(bd, s->manager));
	} else {
		sbuf_add(b, "more");
	}
}

/* In a deck: the page that draws a summary's persons, 0 for none. */
static int summary_page(const builder *bd, const view_summary *s)
{
	size_t at = s->manager >= 0 ? (size_t)s->manager : bd->acc->n_persons;
	return bd->o->page_ref ? (int)bd->o->page_ref[at] : 0;
}

static int add_summary(builder *bd, Agraph_t *sub, size_t k)
{
	const view_summary *s = &bd->v->summaries[k];
	const relmap_style *st = bd->st;
	sbuf *b = &bd->buf, *t = &bd->buf2;
	char name[40];

	snprintf(name, sizeof(name), "s:%zu", k + 1);
	Agnode_t *n = agnode(sub, name, 1);
	if (!n)
		return RELMAP_ENOMEM;
	bd->summary_node[k] = n;
	bd->summary_pos[k] = bd->next_pos++;
	if (note_department(bd, n, s->department))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add(b, "<B>");
	summary_text(bd, b, s, 1);
	sbuf_add(b, "</B>");
	sbuf_clear(t);
	summary_text(bd, t, s, 0);
	if (bd->o->customer) {
		/* Folded by shape alone (view.h), and coverage is ours. */
		sbuf_addf(t, "\\n%zu persons who manage nobody, folded",
			  s->count);
	} else {
		char line[64];
		snprintf(line, sizeof(line), "%zu covered", s->covered);
		sbuf_add(b, "<BR/>");
		add_font_line(b, st->title_fontsize, st->title_fontcolor, line,
			      0, 0);
		sbuf_addf(t, "\\n%zu persons with no key person and no gap among them, folded; %zu covered",
			  s->count, s->covered);
	}
	/* The deck's page for them on a line of its own, which seldom sets
	 * the card's width: the page was laid out before its number was
	 * known (render_deck.c). */
	int page = summary_page(bd, s);
	if (page > 0) {
		char line[64];
		snprintf(line, sizeof(line), "\xE2\x86\x92 page %d", page);
		sbuf_add(b, "<BR/>");
		add_font_line(b, st->title_fontsize, st->title_fontcolor, line,
			      1, 0);
		sbuf_addf(t, "\\ndrawn on page %d", page);
	}
	if (b->nomem || t->nomem ||
	    render_set_over_defaults(n, &st->person, &st->summary) ||
	    render_set_html(n, "label", b->data) ||
	    render_set(n, "tooltip", t->data))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add(b, "fold-");
	if (s->manager >= 0)
		sbuf_add_idpart(b, bd->acc->persons[s->manager].id);
	else
		sbuf_add(b, "top");
	if (b->nomem || render_set(n, "id", b->data))
		return RELMAP_ENOMEM;
	return 0;
}

/* person (the defaults) < role < attitude < gap; the customer sees every
 * person alike, with the thinnest border. */
static int person_look(builder *bd, Agnode_t *n, size_t i, int gap)
{
	const relmap_person *p = &bd->acc->persons[i];
	const relmap_style *st = bd->st;
	relmap_role role = p->role < RELMAP_ROLE_COUNT ? p->role : 0;
	relmap_attitude att = p->attitude < RELMAP_ATTITUDE_COUNT ? p->attitude : 0;
	char num[32], style[256];
	double inf = p->influence < 0 ? 0 : p->influence > 1 ? 1 : p->influence;

	if (bd->o->customer)
		inf = 0;
	else if (render_set_all(n, &st->role[role]) ||
		 render_set_all(n, &st->attitude[att]))
		return RELMAP_ENOMEM;
	if (!gap || !render_has_attr(&st->gap, "penwidth")) {
		render_num(num, st->person_penwidth_min +
					(st->person_penwidth_max -
					 st->person_penwidth_min) * inf);
		if (render_set(n, "penwidth", num))
			return RELMAP_ENOMEM;
	}
	if (gap && render_set_all(n, &st->gap))
		return RELMAP_ENOMEM;
	/* style combines (render_style.c) rather than replaces */
	if (!bd->o->customer) {
		render_person_style(style, sizeof(style), st, role, att, gap);
		if (style[0] && render_set(n, "style", style))
			return RELMAP_ENOMEM;
	}
	return 0;
}

static int add_person(builder *bd, Agraph_t *sub, size_t i)
{
	const relmap_person *p = &bd->acc->persons[i];
	int gap = is_gap_person(bd, i);

	sbuf_clear(&bd->buf);
	sbuf_add(&bd->buf, "p:");
	sbuf_add(&bd->buf, p->id);
	if (bd->buf.nomem)
		return RELMAP_ENOMEM;
	Agnode_t *n = agnode(sub, bd->buf.data, 1);
	if (!n)
		return RELMAP_ENOMEM;
	bd->person_node[i] = n;
	bd->person_pos[i] = bd->next_pos++;
	if (note_department(bd, n, p->department))
		return RELMAP_ENOMEM;

	if (person_look(bd, n, i, gap))
		return RELMAP_ENOMEM;
	if ((int32_t)i == bd->v->focus_person && focus_highlight(n))
		return RELMAP_ENOMEM;

	person_label(bd, i);
	person_tooltip(bd, i);
	if (bd->buf.nomem || bd->buf2.nomem ||
	    render_set_html(n, "label", bd->buf.data) ||
	    render_set(n, "tooltip", bd->buf2.data))
		return RELMAP_ENOMEM;
	person_class(bd, i);
	if (bd->buf2.nomem || render_set(n, "class", bd->buf2.data))
		return RELMAP_ENOMEM;
	sbuf_clear(&bd->buf);
	sbuf_add(&bd->buf, "p-");
	sbuf_add_idpart(&bd->buf, p->id);
	if (bd->buf.nomem || render_set(n, "id", bd->buf.data))
		return RELMAP_ENOMEM;
	if (render_safe_url(p->url)) {
		sbuf_clear(&bd->buf);
		add_url(&bd->buf, p->url);
		if (bd->buf.nomem || render_set(n, "URL", bd->buf.data))
			return RELMAP_ENOMEM;
	}
	return 0;
}

static int add_member(builder *bd, Agraph_t *sub, size_t i)
{
	const relmap_member *m = &bd->acc->members[i];
	const relmap_style *st = bd->st;
	char words[64];

	sbuf_clear(&bd->buf);
	sbuf_add(&bd->buf, "m:");
	sbuf_add(&bd->buf, m->id);
	if (bd->buf.nomem)
		return RELMAP_ENOMEM;
	Agnode_t *n = agnode(sub, bd->buf.data, 1);
	if (!n)
		return RELMAP_ENOMEM;
	bd->member_node[i] = n;
	bd->member_pos[i] = bd->next_pos++;
	if (render_set_over_defaults(n, &st->person, &st->member))
		return RELMAP_ENOMEM;
	if ((int32_t)i == bd->v->focus_member && focus_highlight(n))
		return RELMAP_ENOMEM;

	const char *role = relmap_member_role_name(m->role);
	snprintf(words, sizeof(words), "%s", role ? role : "");
	for (char *p = words; *p; p++)
		if (*p == '-')
			*p = ' ';
	sbuf *b = &bd->buf;
	sbuf_clear(b);
	if (bd->chips) {
		/* The initials the cards' chips use, as a chip of the
		 * member's colours turned round. */
		const char *fill = style_attrs_get(&st->member, "fillcolor");
		const char *font = style_attrs_get(&st->member, "fontcolor");
		sbuf_add(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"0\"><TR>");
		render_chip_cell(b, st, render_chips_initials(bd->chips, i),
				 font ? font : "#ffffff",
				 fill ? fill : "#1e3a8a", 0);
		sbuf_add(b, "<TD>");
	}
	sbuf_add(b, "<B>");
	sbuf_add_html(b, m->name ? m->name : m->id);
	sbuf_add(b, "</B>");
	if (words[0]) {
		sbuf_add(b, "<BR/>");
		add_font_line(b, st->member_role_fontsize,
			      st->member_role_fontcolor, words, 0, 0);
	}
	if (bd->chips)
		sbuf_add(b, "</TD></TR></TABLE>");
	size_t rels = 0, strong = 0;
	for (size_t k = 0; k < bd->an->n_pairs; k++) {
		const relmap_pair *pr = &bd->an->pairs[k];
		if (pr->member != (int32_t)i || pr->strength <= 0)
			continue;
		rels++;
		strong += style_band_of(st, pr->strength) == STYLE_BAND_STRONG;
	}
	sbuf *t = &bd->buf2;
	sbuf_clear(t);
	sbuf_add_esc(t, m->name ? m->name : m->id);
	sbuf_addf(t, "\\nour team%s%s\\nrelationships: %zu (%zu strong)",
		  words[0] ? ", " : "", words, rels, strong);
	if (b->nomem || t->nomem || render_set_html(n, "label", b->data) ||
	    render_set(n, "tooltip", t->data))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_add(b, "m-");
	sbuf_add_idpart(b, m->id);
	if (b->nomem || render_set(n, "id", b->data))
		return RELMAP_ENOMEM;
	sbuf_clear(b);
	sbuf_addf(b, "member member-%s", role ? role : "unknown");
	if (b->nomem || render_set(n, "class", b->data))
		return RELMAP_ENOMEM;
	return 0;
}

/*
 * The org layout's title block is a node it places at the top left
 * (render_org.c), so the team and the legend can stand beside it; a root
 * label would be placed by Graphviz, which adds room for it above the
 * drawing.  bd->buf holds the label.
 */
static int add_title_node(builder *bd)
{
	static const style_attrs none = { 0 };
	/* In a subgraph of its own, made first, so the written DOT lists it
	 * first too (see the top of this file). */
	Agraph_t *sub = agsubg(bd->g, "title_block", 1);
	Agnode_t *n = sub ? agnode(sub, "title", 1) : NULL;
	const relmap_account *a = bd->acc;
	sbuf *t = &bd->buf2;
	sbuf_clear(t);
	sbuf_add_esc(t, a->name ? a->name : a->id);
	if (!n || t->nomem || render_set_over_defaults(n, &bd->st->person, &none) ||
	    render_set(n, "shape", "plain") || render_set(n, "style", "") ||
	    render_set(n, "margin", "0") || render_set(n, "id", "title") ||
	    render_set(n, "class", "title") ||
	    render_set(n, "tooltip", t->data) ||
	    render_set_html(n, "label", bd->buf.data))
		return RELMAP_ENOMEM;
	return 0;
}

static int cluster_label(builder *bd, Agraph_t *sub, const char *text)
{
	/* Always set: a cluster without its own label would inherit the
	 * root's, which is the title block. */
	sbuf_clear(&bd->buf);
	sbuf_add_html(&bd->buf, text);
	if (bd->buf.nomem)
		return RELMAP_ENOMEM;
	return render_set_html(sub, "label", bd->buf.data);
}

static int add_team(builder *bd)
{
	size_t drawn = 0;
	for (size_t i = 0; i < bd->acc->n_members; i++)
		drawn += bd->v->member[i];
	if (!drawn || bd->o->customer || bd->o->no_team)
		return 0;
	Agraph_t *sub = agsubg(bd->g, "cluster_team", 1);
	if (!sub || render_cluster_style(sub, &bd->st->team) ||
	    cluster_label(bd, sub, bd->st->team_label) ||
	    render_set(sub, "id", "team") || render_set(sub, "class", "team"))
		return RELMAP_ENOMEM;
	sbuf_clear(&bd->buf2);
	sbuf_addf(&bd->buf2, "our team (%zu member%s)", bd->acc->n_members,
		  bd->acc->n_members == 1 ? "" : "s");
	if (bd->buf2.nomem || render_set(sub, "tooltip", bd->buf2.data))
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < bd->acc->n_members; i++)
		if (bd->v->member[i] && add_member(bd, sub, i))
			return RELMAP_ENOMEM;
	return 0;
}

static int add_persons(builder *bd)
{
	const relmap_account *a = bd->acc;
	const view *v = bd->v;
	dept_ref *order = NULL;
	size_t n_clustered = 0, n_drawn = 0;
	int rc = RELMAP_ENOMEM;

	/* Summaries k are numbered n_persons + k here: one with a shared
	 * department goes in its cluster, after the persons drawn there. */
	if (bd->o->clusters && !bd->o->org) {
		order = malloc((a->n_persons + v->n_summaries + 1) *
			       sizeof(*order));
		if (!order)
			goto out;
		for (size_t i = 0; i < a->n_persons; i++)
			if (v->person[i] == VIEW_DRAWN &&
			    has_department(&a->persons[i]))
				order[n_clustered++] = (dept_ref){
					a->persons[i].department, (int32_t)i
				};
		for (size_t k = 0; k < v->n_summaries; k++)
			if (v->summaries[k].department)
				order[n_clustered++] = (dept_ref){
					v->summaries[k].department,
					(int32_t)(a->n_persons + k)
				};
		qsort(order, n_clustered, sizeof(*order), cmp_dept);
	}
	n_drawn = v->n_drawn + v->n_summaries;
	Agraph_t *sub = NULL;
	const char *dept = NULL;
	size_t n_depts = 0;
	for (size_t k = 0; k < n_clustered; k++) {
		if (!dept || strcmp(dept, order[k].dept) != 0) {
			char name[40];
			snprintf(name, sizeof(name), "cluster_dept_%zu",
				 ++n_depts);
			dept = order[k].dept;
			sub = agsubg(bd->g, name, 1);
			sbuf_clear(&bd->buf2);
			sbuf_add(&bd->buf2, "dept-");
			sbuf_add_idpart(&bd->buf2, dept);
			if (!sub || bd->buf2.nomem ||
			    render_cluster_style(sub, &bd->st->department) ||
			    cluster_label(bd, sub, dept) ||
			    render_set(sub, "id", bd->buf2.data) ||
			    render_set(sub, "class", "department"))
				goto out;
			/* A tooltip, which the SVG makes the cluster's title. */
			size_t members = 0;
			while (k + members < n_clustered &&
			       strcmp(order[k + members].dept, dept) == 0)
				members++;
			sbuf_clear(&bd->buf2);
			sbuf_add(&bd->buf2, "department: ");
			sbuf_add_esc(&bd->buf2, dept);
			sbuf_addf(&bd->buf2, " (%zu person%s)", members,
				  members == 1 ? "" : "s");
			if (bd->buf2.nomem ||
			    render_set(sub, "tooltip", bd->buf2.data))
				goto out;
		}
		size_t x = (size_t)order[k].person;
		if (x < a->n_persons ? add_person(bd, sub, x)
				     : add_summary(bd, sub, x - a->n_persons))
			goto out;
	}
	/* Everyone else: a plain subgraph, which dot ignores for layout but
	 * which keeps the node order of the written DOT (see the top). */
	if (n_clustered < n_drawn) {
		sub = agsubg(bd->g, "persons", 1);
		if (!sub)
			goto out;
		int all = bd->o->org; /* the org layout makes the boxes */
		for (size_t i = 0; i < a->n_persons; i++)
			if (v->person[i] == VIEW_DRAWN &&
			    (all || !person_in_cluster(bd, &a->persons[i])) &&
			    add_person(bd, sub, i))
				goto out;
		for (size_t k = 0; k < v->n_summaries; k++)
			if ((all || !bd->o->clusters ||
			     !v->summaries[k].department) &&
			    add_summary(bd, sub, k))
				goto out;
	}
	rc = 0;
out:
	free(order);
	return rc;
}

static int push_edge(builder *bd, Agnode_t *tail, size_t tail_pos,
		     Agnode_t *head, size_t head_pos, int kind, double value,
		     int32_t a, int32_t b)
{
	if (bd->n_edges == bd->cap_edges) {
		size_t cap = bd->cap_edges ? bd->cap_edges * 2 : 256;
		pending_edge *e = realloc(bd->edges, cap * sizeof(*e));
		if (!e)
			return RELMAP_ENOMEM;
		bd->edges = e;
		bd->cap_edges = cap;
	}
	pending_edge *e = &bd->edges[bd->n_edges];
	e->tail_pos = tail_pos;
	e->head_pos = head_pos;
	e->seq = bd->n_edges;
	e->tail = tail;
	e->head = head;
	e->kind = kind;
	e->value = value;
	e->a = a;
	e->b = b;
	e->minlen = 1;
	bd->n_edges++;
	return 0;
}

static int valid_person(const builder *bd, int32_t i)
{
	return i >= 0 && (size_t)i < bd->acc->n_persons;
}

/*
 * A dotted line or influence between persons, drawn only when both are
 * drawn (and in a collapsed view, both key or gap persons: view.h): one
 * folded into a summary or hidden by the focus leaves it out.
 * (Lines redirected to summaries were tried: at 3,000 persons they were
 * most of the lines, made the map several times wider and dot's layout
 * ten times slower, and said little: one line for many relationships.)
 */
static int push_person_edge(builder *bd, int32_t tail, int32_t head,
			    int kind, double value, int32_t a, int32_t b)
{
	if (!view_draws_line(bd->v, bd->an, tail, head))
		return 0;
	return push_edge(bd, bd->person_node[tail], bd->person_pos[tail],
			 bd->person_node[head], bd->person_pos[head], kind,
			 value, a, b);
}

/*
 * Persons without a drawn manager, stacked (view.h: top_stacked): an
 * invisible node above the chart, with an invisible edge of the stacked
 * length to each of them.  Made after every other edge, as the written
 * DOT lists them (after the node, which comes after the persons), so
 * that dot reading the DOT back lays out the same graph.
 */
static int add_top(builder *bd)
{
	const view *v = bd->v;
	const relmap_account *a = bd->acc;
	char num[32];
	Agnode_t *top = agnode(bd->g, "top", 1);
	if (!top || render_set(top, "style", "invis") ||
	    render_set(top, "label", "") || render_set(top, "width", "0.01") ||
	    render_set(top, "height", "0.01") || render_set(top, "id", "top"))
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < v->n_persons + v->n_summaries; i++) {
		Agnode_t *n;
		unsigned ml;
		if (i < v->n_persons) {
			int32_t m = a->persons[i].manager;
			if (v->person[i] != VIEW_DRAWN ||
			    (valid_person(bd, m) && v->person[m] == VIEW_DRAWN))
				continue;
			n = bd->person_node[i];
			ml = v->person_minlen[i];
		} else {
			size_t k = i - v->n_persons;
			if (v->summaries[k].manager >= 0)
				continue;
			n = bd->summary_node[k];
			ml = v->summary_minlen[k];
		}
		if (!n)
			continue;
		Agedge_t *e = agedge(bd->g, top, n, NULL, 1);
		snprintf(num, sizeof(num), "%u", ml);
		if (!e || render_set(e, "style", "invis") ||
		    render_set(e, "minlen", num))
			return RELMAP_ENOMEM;
	}
	return 0;
}

static int collect_edges(builder *bd)
{
	const relmap_account *a = bd->acc;
	const view *v = bd->v;
	for (size_t i = 0; i < a->n_persons; i++) {
		int32_t m = a->persons[i].manager;
		if (!valid_person(bd, m) || v->person[i] != VIEW_DRAWN ||
		    v->person[m] != VIEW_DRAWN)
			continue;
		if (push_edge(bd, bd->person_node[m], bd->person_pos[m],
			      bd->person_node[i], bd->person_pos[i],
			      STYLE_EDGE_REPORTS_TO, 0, m, (int32_t)i))
			return RELMAP_ENOMEM;
		bd->edges[bd->n_edges - 1].minlen = v->person_minlen[i];
	}
	/* A summary hangs under its manager like the persons it holds. */
	for (size_t k = 0; k < v->n_summaries; k++) {
		int32_t m = v->summaries[k].manager;
		if (m < 0)
			continue;
		if (push_edge(bd, bd->person_node[m], bd->person_pos[m],
			      bd->summary_node[k], bd->summary_pos[k],
			      STYLE_EDGE_REPORTS_TO, 0, m,
			      v->summaries[k].first))
			return RELMAP_ENOMEM;
		bd->edges[bd->n_edges - 1].minlen = v->summary_minlen[k];
	}
	/* A dotted line is drawn like reports-to: from the (second) manager
	 * down to the person. */
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		const relmap_dotted_line *d = &a->dotted_lines[i];
		if (valid_person(bd, d->from) && valid_person(bd, d->to) &&
		    push_person_edge(bd, d->to, d->from, STYLE_EDGE_DOTTED_LINE,
				     0, d->to, d->from))
			return RELMAP_ENOMEM;
	}
	/* Influence, conflict and coverage are our intelligence. */
	if (bd->o->customer)
		return 0;
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (!valid_person(bd, f->from) || !valid_person(bd, f->to))
			continue;
		int kind = f->weight < 0 ? STYLE_EDGE_CONFLICT
					 : STYLE_EDGE_INFLUENCE;
		if (push_person_edge(bd, f->from, f->to, kind,
				     f->weight < 0 ? -f->weight : f->weight,
				     f->from, f->to))
			return RELMAP_ENOMEM;
	}
	/* Coverage of folded persons is not drawn (the summary counts the
	 * covered), and in a collapsed view none is: see view.h. */
	for (size_t i = 0; v->coverage_lines && i < bd->an->n_pairs; i++) {
		const relmap_pair *p = &bd->an->pairs[i];
		if (p->strength <= 0 || p->member < 0 ||
		    (size_t)p->member >= a->n_members ||
		    !valid_person(bd, p->person) || !v->member[p->member] ||
		    v->person[p->person] != VIEW_DRAWN)
			continue;
		if (push_edge(bd, bd->member_node[p->member],
			      bd->member_pos[p->member],
			      bd->person_node[p->person],
			      bd->person_pos[p->person], STYLE_EDGE_COVERAGE,
			      p->strength, p->member, p->person))
			return RELMAP_ENOMEM;
	}
	return 0;
}

static const char *person_name(const builder *bd, int32_t i)
{
	const relmap_person *p = &bd->acc->persons[i];
	return p->name ? p->name : p->id;
}

static int make_edge(builder *bd, const pending_edge *pe)
{
	const relmap_style *st = bd->st;
	char num[32];
	static const char *const edge_class[STYLE_EDGE_COUNT] = {
		[STYLE_EDGE_REPORTS_TO] = "reports-to",
		[STYLE_EDGE_DOTTED_LINE] = "dotted-line",
		[STYLE_EDGE_INFLUENCE] = "influence",
		[STYLE_EDGE_CONFLICT] = "influence conflict",
		[STYLE_EDGE_COVERAGE] = "coverage",
	};
	Agedge_t *e = agedge(bd->g, pe->tail, pe->head, NULL, 1);
	if (!e)
		return RELMAP_ENOMEM;
	if (pe->kind == STYLE_EDGE_COVERAGE) {
		snprintf(num, sizeof(num), "coverage coverage-%s",
			 style_band_name(style_band_of(st, pe->value > 1 ? 1 : pe->value)));
		if (render_set(e, "class", num))
			return RELMAP_ENOMEM;
	} else if (edge_class[pe->kind] &&
		   render_set(e, "class", edge_class[pe->kind])) {
		return RELMAP_ENOMEM;
	}
	if (pe->kind == STYLE_EDGE_REPORTS_TO ||
	    pe->kind == STYLE_EDGE_DOTTED_LINE) {
		/* A tooltip, which the SVG makes the edge's title (see
		 * render_svg.c): drawn from the manager to the report. */
		sbuf *t = &bd->buf2;
		sbuf_clear(t);
		sbuf_add_esc(t, person_name(bd, pe->b));
		sbuf_add(t, pe->kind == STYLE_EDGE_REPORTS_TO
				    ? " reports to "
				    : " has a dotted line to ");
		sbuf_add_esc(t, person_name(bd, pe->a));
		if (t->nomem || render_set(e, "tooltip", t->data))
			return RELMAP_ENOMEM;
	}
	if (pe->kind == STYLE_EDGE_REPORTS_TO) {
		/* The graph's edge defaults, and stacking. */
		unsigned ml = pe->minlen;
		if (ml > 1 && !bd->o->org) {
			snprintf(num, sizeof(num), "%u", ml);
			if (render_set(e, "minlen", num))
				return RELMAP_ENOMEM;
		}
		return 0;
	}
	/*
	 * Only reports-to ranks the chart.  A dotted line, an influence or a
	 * coverage line that ranked it would pull a CFO below the COO she
	 * influences, or put a team member just above each person covered;
	 * and the brief measured that ranking by influence doubles dot's time
	 * at 3,000 persons.  So they are all constraint=false, coverage too:
	 * the team stays in its own cluster on the top rank.
	 */
	if (render_set_over_defaults(e, &st->edge[STYLE_EDGE_REPORTS_TO],
			      &st->edge[pe->kind]) ||
	    render_set(e, "constraint", "false"))
		return RELMAP_ENOMEM;
	if (pe->kind == STYLE_EDGE_DOTTED_LINE)
		return 0;

	double v = pe->value > 1 ? 1 : pe->value;
	double lo = st->edge_penwidth_min[pe->kind];
	double hi = st->edge_penwidth_max[pe->kind];
	sbuf *t = &bd->buf2;
	sbuf_clear(t);
	int fixed_width = render_has_attr(&st->edge[pe->kind], "penwidth");
	if (pe->kind == STYLE_EDGE_COVERAGE) {
		style_band band = style_band_of(st, v);
		fixed_width |= render_has_attr(&st->band[band], "penwidth");
		const relmap_member *m = &bd->acc->members[pe->a];
		if (render_set_all(e, &st->band[band]))
			return RELMAP_ENOMEM;
		sbuf_add_esc(t, m->name ? m->name : m->id);
		sbuf_add(t, " covers ");
		sbuf_add_esc(t, person_name(bd, pe->b));
		render_num(num, v);
		sbuf_addf(t, ": %s (%s)", num, style_band_name(band));
	} else {
		sbuf_add_esc(t, person_name(bd, pe->a));
		sbuf_add(t, pe->kind == STYLE_EDGE_CONFLICT ? " works against "
							     : " influences ");
		sbuf_add_esc(t, person_name(bd, pe->b));
		render_num(num, pe->kind == STYLE_EDGE_CONFLICT ? -v : v);
		sbuf_addf(t, ": weight %s", num);
	}
	if (!fixed_width) {
		render_num(num, lo + (hi - lo) * v);
		if (render_set(e, "penwidth", num))
			return RELMAP_ENOMEM;
	}
	if (t->nomem || render_set(e, "tooltip", t->data))
		return RELMAP_ENOMEM;
	return 0;
}

/* Declare every attribute any object will carry before creating objects:
 * declaring later makes cgraph revisit every object made so far. */
static int declare_attrs(builder *bd)
{
	const relmap_style *st = bd->st;
	Agraph_t *g = bd->g;
	static const char *const node_own[] = {
		"label", "id", "tooltip", "URL", "penwidth", "shape", "style",
		"fillcolor", "fontcolor", "fontsize", "margin", "color",
		"width", "height", "class", NULL,
	};
	static const char *const edge_own[] = { "constraint", "penwidth",
						"tooltip", "style", "minlen",
						"class", NULL };

	if (set_defaults(g, AGRAPH, &st->graph) ||
	    !agattr(g, AGRAPH, "fontname", (char *)st->font) ||
	    !agattr(g, AGRAPH, "layout",
		    (char *)(bd->o->org ? "nop2" : bd->o->engine)) ||
	    declare(g, AGRAPH, "label") || declare(g, AGRAPH, "id") ||
	    declare(g, AGRAPH, "class") || declare(g, AGRAPH, "tooltip") ||
	    declare_all(g, AGRAPH, &st->team) ||
	    declare_all(g, AGRAPH, &st->department) ||
	    declare_all(g, AGRAPH, &st->legend))
		return RELMAP_ENOMEM;
	if (bd->o->title && set_defaults(g, AGRAPH, &st->title))
		return RELMAP_ENOMEM;

	if (!agattr(g, AGNODE, "fontname", (char *)st->font) ||
	    set_defaults(g, AGNODE, &st->person) ||
	    declare_all(g, AGNODE, &st->member) ||
	    declare_all(g, AGNODE, &st->gap))
		return RELMAP_ENOMEM;
	for (int i = 0; i < RELMAP_ATTITUDE_COUNT; i++)
		if (declare_all(g, AGNODE, &st->attitude[i]))
			return RELMAP_ENOMEM;
	for (int i = 0; i < RELMAP_ROLE_COUNT; i++)
		if (declare_all(g, AGNODE, &st->role[i]))
			return RELMAP_ENOMEM;
	for (size_t i = 0; node_own[i]; i++)
		if (declare(g, AGNODE, node_own[i]))
			return RELMAP_ENOMEM;
	/* Only when there is a focus, so other maps' DOT stays as it was. */
	if ((bd->v->focus_person >= 0 || bd->v->focus_member >= 0) &&
	    declare(g, AGNODE, "peripheries"))
		return RELMAP_ENOMEM;
	if (bd->v->n_summaries && declare_all(g, AGNODE, &st->summary))
		return RELMAP_ENOMEM;

	if (set_defaults(g, AGEDGE, &st->edge[STYLE_EDGE_REPORTS_TO]))
		return RELMAP_ENOMEM;
	for (int k = 0; k < STYLE_EDGE_COUNT; k++)
		if (declare_all(g, AGEDGE, &st->edge[k]))
			return RELMAP_ENOMEM;
	for (int k = 0; k < STYLE_BAND_COUNT; k++)
		if (declare_all(g, AGEDGE, &st->band[k]))
			return RELMAP_ENOMEM;
	for (size_t i = 0; edge_own[i]; i++)
		if (declare(g, AGEDGE, edge_own[i]))
			return RELMAP_ENOMEM;
	return 0;
}

Agraph_t *render_graph_root(const render_graph *rg)
{
	return rg->g;
}

void render_graph_free(render_graph *rg)
{
	if (!rg)
		return;
	render_kept_free(rg->kept);
	if (rg->g)
		agclose(rg->g);
	render_ids_free(rg->ids); /* after agclose, which still asks it */
	free(rg->dept);
	free(rg);
}

void render_graph_keep(render_graph *rg, render_kept *k)
{
	render_kept_free(rg->kept);
	rg->kept = k;
}

render_kept *render_graph_kept(const render_graph *rg)
{
	return rg->kept;
}

const char *render_graph_department(const render_graph *rg, Agnode_t *n)
{
	size_t s = (size_t)AGSEQ(n);
	return s < rg->n_dept ? rg->dept[s] : NULL;
}

/* Remember the department node n is grouped by (see above). */
static int note_department(builder *bd, Agnode_t *n, const char *dept)
{
	render_graph *rg = bd->rg;
	size_t s = (size_t)AGSEQ(n);
	if (!bd->o->clusters || !dept || !dept[0])
		return 0;
	if (s >= rg->n_dept) {
		size_t cap = rg->n_dept ? rg->n_dept : 64;
		while (cap <= s)
			cap *= 2;
		const char **d = realloc(rg->dept, cap * sizeof(*d));
		if (!d)
			return RELMAP_ENOMEM;
		memset(d + rg->n_dept, 0, (cap - rg->n_dept) * sizeof(*d));
		rg->dept = d;
		rg->n_dept = cap;
	}
	rg->dept[s] = dept;
	return 0;
}

int render_graph_build(render_graph **out, const relmap_analysis *an,
		       const relmap_style *st, const render_graph_options *o)
{
	builder bd;
	int rc = RELMAP_ENOMEM;

	memset(&bd, 0, sizeof(bd));
	*out = NULL;
	bd.an = an;
	bd.acc = an->account;
	bd.st = st;
	bd.o = o;
	if (!(bd.rg = calloc(1, sizeof(*bd.rg))))
		goto out;
	size_t nm = bd.acc->n_members ? bd.acc->n_members : 1;
	size_t np = bd.acc->n_persons ? bd.acc->n_persons : 1;
	bd.member_node = calloc(nm, sizeof(*bd.member_node));
	bd.member_pos = calloc(nm, sizeof(*bd.member_pos));
	bd.person_node = calloc(np, sizeof(*bd.person_node));
	bd.person_pos = calloc(np, sizeof(*bd.person_pos));
	bd.v = o->view;
	size_t ns = bd.v->n_summaries ? bd.v->n_summaries : 1;
	bd.summary_node = calloc(ns, sizeof(*bd.summary_node));
	bd.summary_pos = calloc(ns, sizeof(*bd.summary_pos));
	if (!bd.member_node || !bd.member_pos || !bd.person_node ||
	    !bd.person_pos || !bd.summary_node || !bd.summary_pos)
		goto out;

	bd.g = bd.rg->g = render_ids_agopen(&bd.rg->ids, "relmap");
	if (!bd.g)
		goto out;
	if (bd.v->chips && !o->customer && render_chips_new(&bd.chips, an))
		goto out;
	if (declare_attrs(&bd))
		goto out;
	if (o->title) {
		if (render_title_label(&bd.buf, an, st, o->customer,
				       o->page_label))
			goto out;
		if (o->org ? add_title_node(&bd)
			   : render_set_html(bd.g, "label", bd.buf.data))
			goto out;
	}
	if (add_team(&bd) || add_persons(&bd))
		goto out;
	if (o->diff && render_diff_ghosts(bd.g, o->diff, st))
		goto out;

	if (collect_edges(&bd))
		goto out;
	if (bd.n_edges)
		qsort(bd.edges, bd.n_edges, sizeof(*bd.edges), cmp_edge);
	for (size_t i = 0; i < bd.n_edges; i++)
		if (make_edge(&bd, &bd.edges[i]))
			goto out;
	if (bd.v->top_stacked && !o->org && add_top(&bd))
		goto out;
	if (o->diff && render_diff_mark(bd.g, an, o->diff, st, o->legend))
		goto out;
	/* The legend's nodes come last in every order (subgraphs, nodes,
	 * edges), as in the written DOT. */
	if (o->legend && !o->customer &&
	    render_legend_add(bd.g, an, st, bd.v, o->org))
		goto out;
	if (render_ids_failed(bd.rg->ids) || bd.buf.nomem || bd.buf2.nomem)
		goto out;
	*out = bd.rg;
	bd.rg = NULL;
	rc = 0;
out:
	render_graph_free(bd.rg);
	free(bd.member_node);
	free(bd.member_pos);
	free(bd.person_node);
	free(bd.person_pos);
	free(bd.summary_node);
	free(bd.summary_pos);
	free(bd.edges);
	render_chips_free(bd.chips);
	sbuf_free(&bd.buf);
	sbuf_free(&bd.buf2);
	return rc;
}
