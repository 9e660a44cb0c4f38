/*
 * render_legend.c - the legend cluster and the title block.
 *
 * The legend is a cluster holding one HTML-table node (attitude fills,
 * line kinds, coverage bands, the gap marker: all things a table can
 * show) and one sample node per buying role, since only a node can show a
 * node shape.  The role samples stand in two rows of five under the
 * table, held there by invisible edges.  The title block is the root
 * graph's label.  Both are drawn from the style only, so they are the
 * same for every account.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

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
	sbuf_addf(b, "<TD WIDTH=\"34\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\" BORDER=\"%ld\" SIDES=\"B\"%s COLOR=\"",
		  w, dash);
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

static void key_table(sbuf *b, const relmap_style *st)
{
	char num[32], text[64];
	const style_attrs *cov = &st->edge[STYLE_EDGE_COVERAGE];

	sbuf_add(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
	header_row(b, "Attitude (fill)");
	/* A table of its own, so the swatches do not share column widths
	 * with the rows below. */
	sbuf_add(b, "<TR><TD COLSPAN=\"6\" ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\"><TR>");
	for (size_t i = 0; i < RELMAP_ATTITUDE_COUNT; i++) {
		const style_attrs *a = &st->attitude[attitude_order[i]];
		char fill[101], font[101];
		first_color(fill, sizeof(fill),
			    attr_or(a, &st->person, "fillcolor"), "lightgrey");
		first_color(font, sizeof(font),
			    attr_or(a, &st->person, "fontcolor"), "black");
		sbuf_add(b, "<TD BGCOLOR=\"");
		sbuf_add_html(b, fill);
		sbuf_add(b, "\"><FONT COLOR=\"");
		sbuf_add_html(b, font);
		sbuf_add(b, "\">");
		sbuf_add_html(b, relmap_attitude_name(attitude_order[i]));
		sbuf_add(b, "</FONT></TD>");
	}
	sbuf_add(b, "</TR></TABLE></TD></TR>");

	header_row(b, "Lines");
	sbuf_add(b, "<TR>");
	line_cells(b, &st->edge[STYLE_EDGE_REPORTS_TO], NULL,
		   kind_width(&st->edge[STYLE_EDGE_REPORTS_TO], 1));
	text_cell(b, "reports to");
	line_cells(b, &st->edge[STYLE_EDGE_DOTTED_LINE], NULL,
		   kind_width(&st->edge[STYLE_EDGE_DOTTED_LINE], 1));
	text_cell(b, "dotted line");
	sbuf_add(b, "</TR><TR>");
	line_cells(b, &st->edge[STYLE_EDGE_INFLUENCE], NULL,
		   mid_width(st, STYLE_EDGE_INFLUENCE, 0.5));
	text_cell(b, "influences");
	line_cells(b, &st->edge[STYLE_EDGE_CONFLICT], NULL,
		   mid_width(st, STYLE_EDGE_CONFLICT, 0.5));
	text_cell(b, "works against");
	sbuf_add(b, "</TR>");

	header_row(b, "Coverage by our team");
	sbuf_add(b, "<TR>");
	render_num(num, st->band_min[STYLE_BAND_STRONG]);
	snprintf(text, sizeof(text), "strong \xE2\x89\xA5 %s", num);
	line_cells(b, cov, &st->band[STYLE_BAND_STRONG],
		   mid_width(st, STYLE_EDGE_COVERAGE,
			     st->band_min[STYLE_BAND_STRONG]));
	text_cell(b, text);
	render_num(num, st->band_min[STYLE_BAND_MEDIUM]);
	snprintf(text, sizeof(text), "medium \xE2\x89\xA5 %s", num);
	line_cells(b, cov, &st->band[STYLE_BAND_MEDIUM],
		   mid_width(st, STYLE_EDGE_COVERAGE,
			     st->band_min[STYLE_BAND_MEDIUM]));
	text_cell(b, text);
	sbuf_add(b, "</TR><TR>");
	snprintf(text, sizeof(text), "weak < %s", num);
	line_cells(b, cov, &st->band[STYLE_BAND_WEAK],
		   mid_width(st, STYLE_EDGE_COVERAGE,
			     st->band_min[STYLE_BAND_MEDIUM] / 2));
	text_cell(b, text);

	/* The gap marker as it appears in a node. */
	char color[101];
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
	sbuf_add(b, "</TR></TABLE>");
}

int render_legend_add(Agraph_t *g, const relmap_style *st)
{
	sbuf b = { 0 };
	char num[32], words[64], name[64];
	Agnode_t *roles[RELMAP_ROLE_COUNT];
	int rc = RELMAP_ENOMEM;

	Agraph_t *sub = agsubg(g, "cluster_legend", 1);
	if (!sub || render_cluster_style(sub, &st->legend) ||
	    render_set(sub, "id", "legend"))
		goto out;
	sbuf_add(&b, "<B>");
	sbuf_add_html(&b, st->legend_label);
	sbuf_add(&b, "</B>");
	if (b.nomem || render_set_html(sub, "label", b.data))
		goto out;

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
	key_table(&b, st);
	sbuf_add(&b, "</FONT>");
	if (!key || b.nomem || render_set(key, "shape", "plain") ||
	    render_set(key, "style", "") || render_set(key, "margin", "0") ||
	    render_set(key, "id", "legend-key") ||
	    render_set(key, "class", "legend legend-key") ||
	    render_set_html(key, "label", b.data))
		goto out;

	/* Role samples: the person look with each role's shape. */
	for (size_t i = 0; i < RELMAP_ROLE_COUNT; i++) {
		relmap_role r = role_order[i];
		snprintf(name, sizeof(name), "legend:role:%s",
			 relmap_role_name(r));
		Agnode_t *n = agnode(sub, name, 1);
		if (!n)
			goto out;
		roles[i] = n;
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
	for (size_t i = 0; i < RELMAP_ROLE_COUNT; i++) {
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
		       const relmap_style *st)
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
	for (size_t i = 0; i < 3; i++) {
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
	detail_line(out, st, sbuf_str(&line), br);
	int nomem = line.nomem || out->nomem;
	sbuf_free(&line);
	return nomem ? RELMAP_ENOMEM : 0;
}
