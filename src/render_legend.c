/*
 * render_legend.c - the legend cluster and the title block.
 *
 * The legend is a cluster holding one HTML-table node (attitude fills,
 * line kinds, coverage bands, the gap marker: all things a table can
 * show) and one sample node per buying role, since only a node can show a
 * node shape.  The role samples stand in two rows of five under the
 * table, held there by invisible edges.  The legend lists only what the
 * map draws: the attitudes and roles of its persons, the kinds of lines
 * and coverage bands it has, and the gap marker when some person has an
 * error gap; a map with no persons has no legend.  The title block is
 * the root graph's label.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Attitudes from best to worst, then unknown. */
static const relmap_attitude attitude_order[] = {
	RELMAP_ATTITUDE_CHAMPION, RELMAP_ATTITUDE_SUPPORTER,
	RELMAP_ATTITUDE_NEUTRAL,  RELMAP_ATTITUDE_SKEPTIC,
	RELMAP_ATTITUDE_OPPONENT, RELMAP_ATTITUDE_UNKNOWN,
};

/* Roles roughly by weight in a deal, unknown last. */
static const relmap_role role_order[] = {
	RELMAP_ROLE_DECISION_MAKER, RELMAP_ROLE_ECONOMIC_BUYER,
	RELMAP_ROLE_TECHNICAL_BUYER, RELMAP_ROLE_USER_BUYER,
	RELMAP_ROLE_INFLUENCER,     RELMAP_ROLE_CHAMPION,
	RELMAP_ROLE_GATEKEEPER,     RELMAP_ROLE_BLOCKER,
	RELMAP_ROLE_USER,           RELMAP_ROLE_UNKNOWN,
};
#define ROLES_PER_ROW 5

/* The first colour of a colour list, or `fallback`. */
static void first_color(char *buf, size_t len, const char *v,
			const char *fallback)
{
	if (!v)
		v = fallback;
	size_t n = strcspn(v, ":;");
	if (n >= len)
		n = len - 1;
	memcpy(buf, v, n);
	buf[n] = '\0';
}

static const char *attr_or(const style_attrs *a, const style_attrs *b,
			   const char *name)
{
	const char *v = a ? style_attrs_get(a, name) : NULL;
	if (!v && b)
		v = style_attrs_get(b, name);
	return v;
}

/* A cell showing a line: its bottom border in the line's colour, width
 * and dash style, then a cell with the arrowhead as a glyph. */
static void line_cells(sbuf *b, const style_attrs *kind,
		       const style_attrs *over, double width)
{
	char color[101];
	first_color(color, sizeof(color), attr_or(over, kind, "color"),
		    "black");
	const char *style = attr_or(over, kind, "style");
	const char *dash = "";
	if (style && strstr(style, "dashed"))
		dash = " STYLE=\"dashed\"";
	else if (style && strstr(style, "dotted"))
		dash = " STYLE=\"dotted\"";
	long w = lround(width);
	if (w < 1)
		w = 1;
	if (style && strstr(style, "invis")) {
		sbuf_add(b, "<TD></TD><TD></TD>");
		return;
	}
	/* A fixed cell must hold its border and padding (2 each side). */
	sbuf_addf(b, "<TD WIDTH=\"34\" HEIGHT=\"%ld\" FIXEDSIZE=\"TRUE\" BORDER=\"%ld\" SIDES=\"B\"%s COLOR=\"",
		  w > 3 ? 2 * w + 4 : 10, w, dash);
	sbuf_add_html(b, color);
	sbuf_add(b, "\"></TD>");

	const char *arrow = attr_or(over, kind, "arrowhead");
	const char *glyph = "\xE2\x96\xB8"; /* ▸ Graphviz's default arrow */
	if (arrow) {
		if (strcmp(arrow, "none") == 0)
			glyph = "";
		else if (strstr(arrow, "tee"))
			glyph = "\xE2\x8A\xA3"; /* ⊣ */
		else if (strstr(arrow, "odot"))
			glyph = "\xE2\x97\x8B"; /* ○ */
		else if (strstr(arrow, "dot"))
			glyph = "\xE2\x97\x8F"; /* ● */
		else if (strstr(arrow, "diamond"))
			glyph = "\xE2\x97\x86"; /* ◆ */
		else if (strstr(arrow, "box"))
			glyph = "\xE2\x96\xAA"; /* ▪ */
	}
	if (!*glyph) { /* Graphviz refuses an empty <FONT> */
		sbuf_add(b, "<TD></TD>");
		return;
	}
	sbuf_add(b, "<TD ALIGN=\"LEFT\" VALIGN=\"BOTTOM\"><FONT COLOR=\"");
	sbuf_add_html(b, color);
	sbuf_addf(b, "\">%s</FONT></TD>", glyph);
}

static void text_cell(sbuf *b, const char *text)
{
	sbuf_add(b, "<TD ALIGN=\"LEFT\">");
	sbuf_add_html(b, text);
	sbuf_add(b, "</TD>");
}

static void header_row(sbuf *b, const char *text)
{
	sbuf_add(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\"><B>");
	sbuf_add_html(b, text);
	sbuf_add(b, "</B></TD></TR>");
}

static double mid_width(const relmap_style *st, style_edge k, double v)
{
	return st->edge_penwidth_min[k] +
	       (st->edge_penwidth_max[k] - st->edge_penwidth_min[k]) * v;
}

static double kind_width(const style_attrs *a, double fallback)
{
	const char *pw = style_attrs_get(a, "penwidth");
	double v;
	if (pw && sscanf(pw, "%lf", &v) == 1)
		return v;
	return fallback;
}

/* What the map draws, so the legend lists that and nothing else. */
typedef struct legend_use {
	int attitude[RELMAP_ATTITUDE_COUNT];
	int role[RELMAP_ROLE_COUNT];
	int edge[STYLE_EDGE_COUNT];
	int band[STYLE_BAND_COUNT];
	int gap;
	int chip_band_any; /* coverage shown as chips on the cards */
	int summary; /* folded persons */
	int focus;
	int any; /* anything at all: no legend for an empty map */
} legend_use;

static int valid(const relmap_account *a, int32_t i)
{
	return i >= 0 && (size_t)i < a->n_persons;
}

/* The same tests as render_graph.c's (collect_edges, is_gap_person),
 * over what the view draws. */
static void find_use(legend_use *u, const relmap_analysis *an,
		     const relmap_style *st, const view *v)
{
	const relmap_account *a = an->account;
	unsigned gaps = (1u << RELMAP_GAP_UNCOVERED_DECISION_MAKER) |
			(1u << RELMAP_GAP_UNMANAGED_BLOCKER);

	memset(u, 0, sizeof(*u));
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		if (v->person[i] != VIEW_DRAWN)
			continue;
		u->attitude[p->attitude < RELMAP_ATTITUDE_COUNT ? p->attitude
								: 0] = 1;
		u->role[p->role < RELMAP_ROLE_COUNT ? p->role : 0] = 1;
		if (valid(a, p->manager) && v->person[p->manager] == VIEW_DRAWN)
			u->edge[STYLE_EDGE_REPORTS_TO] = 1;
		if (an->persons[i].gap_mask & gaps)
			u->gap = 1;
		u->any = 1;
	}
	for (size_t k = 0; k < v->n_summaries; k++) {
		u->summary = u->any = 1;
		if (v->summaries[k].manager >= 0)
			u->edge[STYLE_EDGE_REPORTS_TO] = 1;
	}
	u->focus = v->focus_person >= 0 || v->focus_member >= 0;
	for (size_t i = 0; i < a->n_dotted_lines; i++)
		if (valid(a, a->dotted_lines[i].from) &&
		    valid(a, a->dotted_lines[i].to) &&
		    view_draws_line(v, an, a->dotted_lines[i].from,
				    a->dotted_lines[i].to))
			u->edge[STYLE_EDGE_DOTTED_LINE] = 1;
	for (size_t i = 0; i < a->n_influences; i++) {
		const relmap_influence *f = &a->influences[i];
		if (valid(a, f->from) && valid(a, f->to) &&
		    view_draws_line(v, an, f->from, f->to))
			u->edge[f->weight < 0 ? STYLE_EDGE_CONFLICT
					      : STYLE_EDGE_INFLUENCE] = 1;
	}
	for (size_t i = 0; i < an->n_pairs; i++) {
		const relmap_pair *p = &an->pairs[i];
		if (p->strength <= 0 || p->member < 0 ||
		    (size_t)p->member >= a->n_members || !valid(a, p->person) ||
		    v->person[p->person] != VIEW_DRAWN)
			continue;
		if (v->coverage_lines && !v->member[p->member])
			continue;
		if (v->coverage_lines)
			u->edge[STYLE_EDGE_COVERAGE] = 1;
		else if (!v->chips)
			continue;
		else
			u->chip_band_any = 1;
		u->band[style_band_of(st, p->strength > 1 ? 1 : p->strength)] = 1;
	}
}

/* Items stand two to a row of three cells each. */
static void item_start(sbuf *b, int *n)
{
	sbuf_add(b, *n % 2 ? "" : "<TR>");
}

static void item_end(sbuf *b, int *n)
{
	sbuf_add(b, ++*n % 2 ? "" : "</TR>");
}

static void items_close(sbuf *b, int n)
{
	if (n % 2)
		sbuf_add(b, "</TR>");
}

/* An attitude swatch: the fill and text colour, and the border the
 * attitude's nodes get (dash style; a thicker border for more than one
 * periphery), so a greyscale print of the legend still tells them apart. */
static void attitude_cell(sbuf *b, const relmap_style *st, relmap_attitude at)
{
	const style_attrs *a = &st->attitude[at];
	char fill[101], font[101], border[101], style[256];
	first_color(fill, sizeof(fill), attr_or(a, &st->person, "fillcolor"),
		    "lightgrey");
	first_color(font, sizeof(font), attr_or(a, &st->person, "fontcolor"),
		    "black");
	first_color(border, sizeof(border), attr_or(a, &st->person, "color"),
		    "black");
	render_person_style(style, sizeof(style), st, RELMAP_ROLE_UNKNOWN, at,
			    0);
	const char *per = attr_or(a, &st->person, "peripheries");
	int width = per && per[0] > '1' && per[0] <= '9' ? 3 : 1;

	sbuf_addf(b, "<TD BORDER=\"%d\"", width);
	if (strstr(style, "dashed"))
		sbuf_add(b, " STYLE=\"dashed\"");
	else if (strstr(style, "dotted"))
		sbuf_add(b, " STYLE=\"dotted\"");
	sbuf_add(b, " COLOR=\"");
	sbuf_add_html(b, border);
	sbuf_add(b, "\" BGCOLOR=\"");
	sbuf_add_html(b, fill);
	sbuf_add(b, "\"><FONT COLOR=\"");
	sbuf_add_html(b, font);
	sbuf_add(b, "\">");
	sbuf_add_html(b, relmap_attitude_name(at));
	sbuf_add(b, "</FONT></TD>");
}

/* The gap marker as it appears in a node, and what it means. */
static void gap_item(sbuf *b, const relmap_style *st)
{
	char color[101], num[32];
	first_color(color, sizeof(color), style_attrs_get(&st->gap, "color"),
		    "red");
	render_num(num, st->gap_marker_fontsize);
	sbuf_add(b, "<TD COLSPAN=\"2\" BORDER=\"2\" COLOR=\"");
	sbuf_add_html(b, color);
	sbuf_add(b, "\"");
	if (st->gap_marker_fillcolor[0]) {
		sbuf_add(b, " BGCOLOR=\"");
		sbuf_add_html(b, st->gap_marker_fillcolor);
		sbuf_add(b, "\"");
	}
	sbuf_addf(b, "><FONT POINT-SIZE=\"%s\"", num);
	if (st->gap_marker_fontcolor[0]) {
		sbuf_add(b, " COLOR=\"");
		sbuf_add_html(b, st->gap_marker_fontcolor);
		sbuf_add(b, "\"");
	}
	sbuf_add(b, "><B>");
	sbuf_add_html(b, st->gap_marker[0] ? st->gap_marker : " ");
	sbuf_add(b, "</B></FONT></TD>");
	text_cell(b, "gap: key person or blocker not covered");
}

/* A summary box as it appears on the map, and what it means. */
static void summary_item(sbuf *b, const relmap_style *st)
{
	char fill[101], color[101];
	first_color(fill, sizeof(fill),
		    attr_or(&st->summary, &st->person, "fillcolor"), "white");
	first_color(color, sizeof(color),
		    attr_or(&st->summary, &st->person, "color"), "black");
	sbuf_add(b, "<TD COLSPAN=\"2\" BORDER=\"1\" STYLE=\"dashed\" COLOR=\"");
	sbuf_add_html(b, color);
	sbuf_add(b, "\" BGCOLOR=\"");
	sbuf_add_html(b, fill);
	sbuf_add(b, "\">+N</TD>");
	text_cell(b, "folded: no key person, no gap");
}

/* A coverage band as the chips on the cards show it. */
static void chip_cells(sbuf *b, const relmap_style *st, style_band k)
{
		sbuf chip = { 0 };
	char bg[101];
	first_color(bg, sizeof(bg),
		    attr_or(&st->band[k], &st->edge[STYLE_EDGE_COVERAGE],
			    "color"),
		    "#9ca3af");
	const char *style = style_attrs_get(&st->band[k], "style");
	render_chip_cell(&chip, st, "XY", bg, render_text_on(bg),
			 style && strstr(style, "dashed"));
	sbuf_add(b, "<TD COLSPAN=\"2\"><TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>");
	sbuf_add(b, sbuf_str(&chip));
	sbuf_add(b, "</TR></TABLE></TD>");
	if (chip.nomem)
		b->nomem = 1;
	sbuf_free(&chip);
}

/* In a strip, each section is a cell of one row, with a table of its
 * own; otherwise the sections are rows of one table. */
static void section_begin(sbuf *b, int strip)
{
	if (strip)
		sbuf_add(b, "<TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
}

static void section_end(sbuf *b, int strip)
{
	if (strip)
		sbuf_add(b, "</TABLE></TD>");
}

static void key_table(sbuf *b, const relmap_style *st, const legend_use *u,
		      int strip)
{
	char num[32], text[64];
	const style_attrs *covs = &st->edge[STYLE_EDGE_COVERAGE];
	static const struct {
		style_edge kind;
		const char *text;
	} lines[] = {
		{ STYLE_EDGE_REPORTS_TO, "reports to" },
		{ STYLE_EDGE_DOTTED_LINE, "dotted line" },
		{ STYLE_EDGE_INFLUENCE, "influences" },
		{ STYLE_EDGE_CONFLICT, "works against" },
	};
	int n = 0;

	sbuf_add(b, strip ? "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
			  : "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
	/* Themes that mark attitudes by border too say so. */
	int border = 0, any_attitude = 0;
	for (int i = 0; i < RELMAP_ATTITUDE_COUNT; i++) {
		any_attitude |= u->attitude[i];
		border |= u->attitude[i] &&
			  (style_attrs_get(&st->attitude[i], "style") ||
			   style_attrs_get(&st->attitude[i], "peripheries"));
	}
	/* (A view of summaries alone draws no attitude.) */
	if (any_attitude) {
		section_begin(b, strip);
		header_row(b, border ? "Attitude (fill and border)"
				     : "Attitude (fill)");
		/* A table of its own, so the swatches do not share column
		 * widths with the rows below. */
		sbuf_add(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"3\"><TR>");
		int shown = 0;
		for (size_t i = 0; i < RELMAP_ATTITUDE_COUNT; i++) {
			if (!u->attitude[attitude_order[i]])
				continue;
			/* Three to a row in a strip. */
			if (strip && shown && shown % 3 == 0)
				sbuf_add(b, "</TR><TR>");
			attitude_cell(b, st, attitude_order[i]);
			shown++;
		}
		sbuf_add(b, "</TR></TABLE></TD></TR>");
		section_end(b, strip);
	}

	int any_line = 0;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		any_line |= u->edge[lines[i].kind];
	if (any_line) {
		section_begin(b, strip);
		header_row(b, "Lines");
	}
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		style_edge k = lines[i].kind;
		if (!u->edge[k])
			continue;
		item_start(b, &n);
		line_cells(b, &st->edge[k], NULL,
			   k == STYLE_EDGE_INFLUENCE || k == STYLE_EDGE_CONFLICT
				   ? mid_width(st, k, 0.5)
				   : kind_width(&st->edge[k], 1));
		text_cell(b, lines[i].text);
		item_end(b, &n);
	}
	items_close(b, n);
	if (any_line)
		section_end(b, strip);

	n = 0;
	int chips = !u->edge[STYLE_EDGE_COVERAGE] && u->chip_band_any;
	int cov = u->edge[STYLE_EDGE_COVERAGE] || chips;
	if (cov || u->gap) {
		section_begin(b, strip);
		header_row(b, cov ? "Coverage by our team" : "Gaps");
	}
	for (int k = 0; k < STYLE_BAND_COUNT; k++) {
		if (!u->band[k])
			continue;
		double at;
		if (k == STYLE_BAND_WEAK) {
			render_num(num, st->band_min[STYLE_BAND_MEDIUM]);
			snprintf(text, sizeof(text), "weak < %s", num);
			at = st->band_min[STYLE_BAND_MEDIUM] / 2;
		} else {
			render_num(num, st->band_min[k]);
			snprintf(text, sizeof(text), "%s \xE2\x89\xA5 %s",
				 style_band_name((style_band)k), num);
			at = st->band_min[k];
		}
		item_start(b, &n);
		if (chips)
			chip_cells(b, st, (style_band)k);
		else
			line_cells(b, covs, &st->band[k],
				   kind_width(&st->band[k],
					      kind_width(covs, mid_width(st, STYLE_EDGE_COVERAGE, at))));
		text_cell(b, text);
		item_end(b, &n);
	}
	if (u->gap) {
		item_start(b, &n);
		gap_item(b, st);
		item_end(b, &n);
	}
	items_close(b, n);
	if (cov || u->gap)
		section_end(b, strip);

	/* A big account's view: what the dashed boxes and the double
	 * border stand for. */
	n = 0;
	if (u->summary || u->focus) {
		section_begin(b, strip);
		header_row(b, "View");
	}
	if (u->summary) {
		item_start(b, &n);
		summary_item(b, st);
		item_end(b, &n);
	}
	if (u->focus) {
		item_start(b, &n);
		/* Two outlines: a table's border around its cell's. */
		sbuf_add(b, "<TD COLSPAN=\"2\"><TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"2\"><TR><TD WIDTH=\"24\" HEIGHT=\"8\"> </TD></TR></TABLE></TD>");
		text_cell(b, "double border: the focus");
		item_end(b, &n);
	}
	items_close(b, n);
	if (u->summary || u->focus)
		section_end(b, strip);
	sbuf_add(b, strip ? "</TR></TABLE>" : "</TABLE>");
}

int render_legend_add(Agraph_t *g, const relmap_analysis *an,
		      const relmap_style *st, const view *v, int strip)
{
	sbuf b = { 0 };
	char num[32], words[64], name[64];
	Agnode_t *roles[RELMAP_ROLE_COUNT];
	size_t n_roles = 0;
	legend_use use;
	int rc = RELMAP_ENOMEM;

	find_use(&use, an, st, v);
	if (!use.any)
		return 0; /* nothing drawn, nothing to explain */
	Agraph_t *sub = agsubg(g, "cluster_legend", 1);
	if (!sub || render_cluster_style(sub, &st->legend) ||
	    render_set(sub, "id", "legend"))
		goto out;
	/* In a strip under the title the legend needs no heading: an
	 * empty HTML label also keeps the root's title off the cluster. */
	if (strip) {
		if (render_set_html(sub, "label", " "))
			goto out;
	} else {
		sbuf_add(&b, "<B>");
		sbuf_add_html(&b, st->legend_label);
		sbuf_add(&b, "</B>");
		if (b.nomem || render_set_html(sub, "label", b.data))
			goto out;
	}

	Agnode_t *key = agnode(sub, "legend:key", 1);
	sbuf_clear(&b);
	render_num(num, st->legend_item_fontsize);
	sbuf_addf(&b, "<FONT POINT-SIZE=\"%s\"", num);
	if (st->legend_item_fontcolor[0]) {
		sbuf_add(&b, " COLOR=\"");
		sbuf_add_html(&b, st->legend_item_fontcolor);
		sbuf_add(&b, "\"");
	}
	sbuf_add(&b, ">");
	key_table(&b, st, &use, strip);
	sbuf_add(&b, "</FONT>");
	if (!key || b.nomem || render_set(key, "shape", "plain") ||
	    render_set(key, "style", "") || render_set(key, "margin", "0") ||
	    render_set(key, "id", "legend-key") ||
	    render_set(key, "class", "legend legend-key") ||
	    render_set_html(key, "label", b.data))
		goto out;

	/* Role samples: the person look with each used role's shape. */
	for (size_t i = 0; i < RELMAP_ROLE_COUNT; i++) {
		relmap_role r = role_order[i];
		if (!use.role[r])
			continue;
		snprintf(name, sizeof(name), "legend:role:%s",
			 relmap_role_name(r));
		Agnode_t *n = agnode(sub, name, 1);
		if (!n)
			goto out;
		roles[n_roles++] = n;
		snprintf(words, sizeof(words), "%s", relmap_role_name(r));
		for (char *p = words; *p; p++)
			if (*p == '-')
				*p = ' ';
		snprintf(name, sizeof(name), "legend-role-%s",
			 relmap_role_name(r));
		if (render_set_all(n, &st->role[r]) ||
		    render_set(n, "fontsize", num) ||
		    render_set(n, "margin", "0.08,0.03") ||
		    render_set(n, "id", name))
			goto out;
		snprintf(name, sizeof(name), "legend legend-role legend-role-%s",
			 relmap_role_name(r));
		if (render_set(n, "class", name))
			goto out;
		sbuf_clear(&b);
		sbuf_add_html(&b, words);
		if (b.nomem || render_set_html(n, "label", b.data))
			goto out;
	}
	for (size_t i = 0; !strip && i < n_roles; i++) {
		Agnode_t *tail = i < ROLES_PER_ROW ? key
						   : roles[i - ROLES_PER_ROW];
		Agedge_t *e = agedge(g, tail, roles[i], NULL, 1);
		if (!e || render_set(e, "style", "invis"))
			goto out;
	}
	rc = 0;
out:
	sbuf_free(&b);
	return rc;
}

/* A line of the title block under the name; `html` is escaped already. */
static void detail_line(sbuf *out, const relmap_style *st, const char *html,
			const char *br)
{
	char num[32];
	render_num(num, st->title_detail_fontsize);
	sbuf_addf(out, "<FONT POINT-SIZE=\"%s\"", num);
	if (st->title_detail_fontcolor[0]) {
		sbuf_add(out, " COLOR=\"");
		sbuf_add_html(out, st->title_detail_fontcolor);
		sbuf_add(out, "\"");
	}
	sbuf_add(out, ">");
	sbuf_add(out, html);
	sbuf_add(out, "</FONT>");
	sbuf_add(out, br);
}

int render_title_label(sbuf *out, const relmap_analysis *an,
		       const relmap_style *st, int customer,
		       const char *page_label)
{
	const relmap_account *a = an->account;
	const char *just = style_attrs_get(&st->title, "labeljust");
	const char *br = !just || strcmp(just, "l") == 0 ? "<BR ALIGN=\"LEFT\"/>"
			 : strcmp(just, "r") == 0 ? "<BR ALIGN=\"RIGHT\"/>"
						  : "<BR/>";
	char num[32], date[11];
	sbuf line = { 0 };

	sbuf_clear(out);
	render_num(num, st->title_name_fontsize);
	sbuf_addf(out, "<FONT POINT-SIZE=\"%s\"", num);
	if (st->title_name_fontcolor[0]) {
		sbuf_add(out, " COLOR=\"");
		sbuf_add_html(out, st->title_name_fontcolor);
		sbuf_add(out, "\"");
	}
	sbuf_add(out, "><B>");
	sbuf_add_html(out, a->name ? a->name : a->id);
	sbuf_add(out, "</B></FONT>");
	sbuf_add(out, br);

	/* What the account is, when the data says, on a line of its own. */
	const char *parts[3] = { a->industry, a->segment,
				 relmap_stage_name(a->stage) };
	/* Segment and stage are our sales view of the customer. */
	for (size_t i = 0; i < (customer ? 1 : 3); i++) {
		if (!parts[i] || !parts[i][0])
			continue;
		if (line.len)
			sbuf_add(&line, " \xC2\xB7 ");
		sbuf_add_html(&line, parts[i]);
	}
	if (line.len) {
		detail_line(out, st, sbuf_str(&line), br);
		sbuf_clear(&line);
	}

	/* Where it stands. */
	relmap_date_format(date, an->as_of);
	sbuf_addf(&line, "as of %s", date);
	if (customer)
		goto done;
	if (an->has_score) {
		char score[32];
		snprintf(score, sizeof(score), "%.1f", an->coverage_score);
		sbuf_addf(&line, " \xC2\xB7 coverage score %s", score);
	} else {
		sbuf_add(&line, " \xC2\xB7 coverage score n/a");
	}
	size_t key_covered = 0;
	for (size_t i = 0; i < a->n_persons; i++)
		key_covered += an->persons[i].key && an->persons[i].covered;
	sbuf_addf(&line, " \xC2\xB7 key persons covered: %zu of %zu",
		  key_covered, an->n_key);
	if (an->n_errors || an->n_warnings)
		sbuf_addf(&line, " \xC2\xB7 gaps: %zu error%s, %zu warning%s",
			  an->n_errors, an->n_errors == 1 ? "" : "s",
			  an->n_warnings, an->n_warnings == 1 ? "" : "s");
	else
		sbuf_add(&line, " \xC2\xB7 no gaps");
done:
	detail_line(out, st, sbuf_str(&line), br);
	if (page_label) {
		sbuf_clear(&line);
		sbuf_add_html(&line, page_label);
		detail_line(out, st, sbuf_str(&line), br);
	}
	int nomem = line.nomem || out->nomem;
	sbuf_free(&line);
	return nomem ? RELMAP_ENOMEM : 0;
}
