/*
 * render_chips.c - coverage on the cards: who on our team covers a person
 * and how strongly, as chips with the member's initials on the colour of
 * the strength band (strong, medium, weak).
 *
 * Lines from a team cluster to every person covered cross the whole chart
 * (the brief's first rendering drew them, and they made a 60-person map
 * three times wider than its org chart); a chip says the same thing on
 * the card.  The team stands in the strip above the chart, each member
 * with the same initials, so a reader can tell who "PR" is.  Initials are
 * the first letters of the first and last word of the member's name; two
 * members with the same initials get a number after the second one's.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chips on one card at most; more relationships show as "+N". */
#define MAX_CHIPS 4

struct render_chips {
	const relmap_analysis *an;
	int32_t *first; /* per person: first pair index, -1 */
	int32_t *next;  /* per pair: the next of the same person */
	char (*initials)[24];
};

/* The bytes of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return i;
	return n;
}

static void add_char(char *out, size_t cap, const char *s)
{
	size_t len = strlen(out), n = char_len(s);
	if (len + n >= cap)
		return;
	memcpy(out + len, s, n);
	out[len + n] = '\0';
	if (n == 1 && out[len] >= 'a' && out[len] <= 'z')
		out[len] = (char)(out[len] - 'a' + 'A');
}

static void make_initials(char *out, size_t cap, const char *name)
{
	const char *first = NULL, *last = NULL;
	out[0] = '\0';
	for (const char *p = name; *p; p += char_len(p)) {
		int space = *p == ' ' || *p == '\t' || *p == '-' || *p == '.';
		if (!space && (p == name || p[-1] == ' ' || p[-1] == '\t' ||
			       p[-1] == '-' || p[-1] == '.')) {
			if (!first)
				first = p;
			last = p;
		}
	}
	if (!first)
		return;
	add_char(out, cap, first);
	if (last != first)
		add_char(out, cap, last);
	else if (first[char_len(first)] && first[char_len(first)] != ' ')
		add_char(out, cap, first + char_len(first));
}

int render_chips_new(render_chips **out, const relmap_analysis *an)
{
	const relmap_account *a = an->account;
	render_chips *c = calloc(1, sizeof(*c));
	*out = NULL;
	if (!c)
		return RELMAP_ENOMEM;
	c->an = an;
	c->first = malloc((a->n_persons ? a->n_persons : 1) * sizeof(*c->first));
	c->next = malloc((an->n_pairs ? an->n_pairs : 1) * sizeof(*c->next));
	c->initials = calloc(a->n_members ? a->n_members : 1,
			     sizeof(*c->initials));
	if (!c->first || !c->next || !c->initials) {
		render_chips_free(c);
		return RELMAP_ENOMEM;
	}
	for (size_t i = 0; i < a->n_persons; i++)
		c->first[i] = -1;
	/* Backwards, so each list is in pair order. */
	for (size_t k = an->n_pairs; k-- > 0;) {
		const relmap_pair *p = &an->pairs[k];
		c->next[k] = -1;
		if (p->person < 0 || (size_t)p->person >= a->n_persons ||
		    p->member < 0 || (size_t)p->member >= a->n_members ||
		    !(p->strength > 0))
			continue;
		c->next[k] = c->first[p->person];
		c->first[p->person] = (int32_t)k;
	}
	for (size_t m = 0; m < a->n_members; m++) {
		const relmap_member *mb = &a->members[m];
		char base[16];
		make_initials(base, sizeof(base), mb->name && mb->name[0]
							  ? mb->name
							  : mb->id);
		if (!base[0])
			snprintf(base, sizeof(base), "?");
		snprintf(c->initials[m], sizeof(c->initials[m]), "%s", base);
		for (unsigned n = 2;; n++) {
			size_t k = 0;
			while (k < m && strcmp(c->initials[k], c->initials[m]))
				k++;
			if (k == m)
				break;
			snprintf(c->initials[m], sizeof(c->initials[m]), "%s%u",
				 base, n);
		}
	}
	*out = c;
	return 0;
}

const char *render_chips_initials(const render_chips *c, size_t member)
{
	return c->initials[member];
}

/* The relationships of person i, strongest first (then team order). */
static size_t strongest(const render_chips *c, size_t i, int32_t *best,
			size_t cap, size_t *total)
{
	size_t n = 0;
	*total = 0;
	for (int32_t k = c->first[i]; k >= 0; k = c->next[k]) {
		const relmap_pair *p = &c->an->pairs[k];
		(*total)++;
		size_t at = n < cap ? n++ : cap;
		while (at > 0) {
			const relmap_pair *q = &c->an->pairs[best[at - 1]];
			if (q->strength > p->strength ||
			    (q->strength == p->strength && q->member < p->member))
				break;
			if (at < cap)
				best[at] = best[at - 1];
			at--;
		}
		if (at < cap)
			best[at] = k;
	}
	return n;
}

size_t render_chips_count(const render_chips *c, size_t person)
{
	size_t n = 0;
	for (int32_t k = c->first[person]; k >= 0; k = c->next[k])
		n++;
	return n;
}

const char *render_text_on(const char *bg)
{
	unsigned r, g, b;
	if (!bg || sscanf(bg, "#%2x%2x%2x", &r, &g, &b) != 3)
		return "#000000";
	double c[3] = { r / 255.0, g / 255.0, b / 255.0 };
	for (int i = 0; i < 3; i++)
		c[i] = c[i] <= 0.03928 ? c[i] / 12.92
				       : pow((c[i] + 0.055) / 1.055, 2.4);
	double l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	/* One of the two is always at 4.58:1 or more. */
	return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff"
							   : "#000000";
}

/* A band's colour: its own, else the coverage line's, else grey. */
static void band_color(char *out, size_t cap, const relmap_style *st,
		       style_band band)
{
	const char *v = style_attrs_get(&st->band[band], "color");
	if (!v)
		v = style_attrs_get(&st->edge[STYLE_EDGE_COVERAGE], "color");
	if (!v)
		v = "#9ca3af";
	size_t n = strcspn(v, ":;");
	if (n >= cap)
		n = cap - 1;
	memcpy(out, v, n);
	out[n] = '\0';
}

void render_chip_cell(sbuf *b, const relmap_style *st, const char *text,
		      const char *bg, const char *fg, int dashed)
{
	char num[32], w[32], h[32];
	/* A fixed size, generous for bold capitals: Graphviz stretches a
	 * cell to the width of its column otherwise. */
	size_t chars = 0;
	for (const char *p = text; *p; p += char_len(p))
		chars++;
	render_num(num, st->title_fontsize);
	render_num(w, 8 + 0.85 * st->title_fontsize * (double)chars);
	render_num(h, st->title_fontsize + 6);
	sbuf_addf(b, "<TD BORDER=\"1\" CELLPADDING=\"1\" FIXEDSIZE=\"TRUE\" WIDTH=\"%s\" HEIGHT=\"%s\"", w, h);
	if (dashed)
		sbuf_add(b, " STYLE=\"dashed\"");
	sbuf_add(b, " COLOR=\"");
	sbuf_add_html(b, dashed ? fg : bg);
	sbuf_add(b, "\" BGCOLOR=\"");
	sbuf_add_html(b, bg);
	sbuf_addf(b, "\"><FONT POINT-SIZE=\"%s\" COLOR=\"", num);
	sbuf_add_html(b, fg);
	sbuf_add(b, "\"><B>");
	sbuf_add_html(b, text);
	sbuf_add(b, "</B></FONT></TD>");
}

size_t render_chips_cells(sbuf *b, const render_chips *c,
			  const relmap_style *st, size_t person)
{
	int32_t best[MAX_CHIPS];
	size_t total;
	size_t n = strongest(c, person, best, MAX_CHIPS, &total);
	for (size_t i = 0; i < n; i++) {
		const relmap_pair *p = &c->an->pairs[best[i]];
		style_band band = style_band_of(st, p->strength > 1 ? 1
								    : p->strength);
		char bg[101];
		band_color(bg, sizeof(bg), st, band);
		const char *style = style_attrs_get(&st->band[band], "style");
		render_chip_cell(b, st, c->initials[p->member], bg, render_text_on(bg),
				 style && strstr(style, "dashed"));
	}
	if (total > n) {
		char more[32];
		snprintf(more, sizeof(more), "+%zu", total - n);
		render_chip_cell(b, st, more, "#ffffff", "#374151", 0);
	}
	return n + (total > n);
}

void render_chips_tooltip(sbuf *b, const render_chips *c,
			  const relmap_style *st, size_t person)
{
	int32_t best[64];
	size_t total;
	size_t n = strongest(c, person, best, 64, &total);
	const relmap_account *a = c->an->account;
	char num[32];
	for (size_t i = 0; i < n; i++) {
		const relmap_pair *p = &c->an->pairs[best[i]];
		const relmap_member *m = &a->members[p->member];
		sbuf_add(b, i ? "; " : "\\ncovered by: ");
		sbuf_add_esc(b, c->initials[p->member]);
		sbuf_add(b, " ");
		sbuf_add_esc(b, m->name ? m->name : m->id);
		render_num(num, p->strength);
		sbuf_addf(b, " %s (%s)", num,
			  style_band_name(style_band_of(st, p->strength > 1 ? 1 : p->strength)));
	}
	if (total > n)
		sbuf_addf(b, "; and %zu more", total - n);
}

void render_chips_free(render_chips *c)
{
	if (!c)
		return;
	free(c->first);
	free(c->next);
	free(c->initials);
	free(c);
}
