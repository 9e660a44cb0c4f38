/* report_text.c - the gap report as GCC-style lines, one per gap, so that
 * editors and CI logs can jump to the person in the input file. */
#define _POSIX_C_SOURCE 200809L
#include "report_internal.h"
#include "relmap/whatif.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_pos(FILE *f, const char *path, relmap_pos pos)
{
	fputs(path, f);
	if (pos.line > 0) {
		fprintf(f, ":%d", pos.line);
		if (pos.column > 0)
			fprintf(f, ":%d", pos.column);
	}
	fputs(": ", f);
}

static void put_path(FILE *f, const relmap_analysis *an, const relmap_gap *g)
{
	if (!g->has_path) {
		fputs("; no access path", f);
		return;
	}
	fputs("; best path ", f);
	for (size_t i = 0; i < g->via_len; i++)
		fprintf(f, "%s%s", i ? " -> " : "",
			relmap_account_node_id(an->account, (size_t)g->via[i]));
	fprintf(f, " (strength %.3g)", g->path_strength);
}

void report_gap_line(FILE *f, const relmap_analysis *an, const relmap_gap *g)
{
	fprintf(f, "%s: %s: ", relmap_severity_name(g->severity),
		relmap_gap_kind_name(g->kind));
	report_gap_message(f, an, g, report_put_plain);
	if (report_gap_has_path_kind(g->kind))
		put_path(f, an, g);
}

static void put_gap(FILE *f, const char *path, const relmap_analysis *an,
		    const relmap_gap *g)
{
	put_pos(f, path, report_gap_pos(an, g));
	report_gap_line(f, an, g);
	fputc('\n', f);
}

/* "NAME (ID)", or the id alone when there is no name. */
static void put_node(FILE *f, const relmap_account *a, size_t node)
{
	const char *name = relmap_account_node_name(a, node);
	const char *id = relmap_account_node_id(a, node);
	if (name)
		fprintf(f, "%s (%s)", name, id);
	else
		fputs(id, f);
}

static void put_spof(FILE *f, const char *path, const relmap_analysis *an,
		     const relmap_spof *s)
{
	const relmap_account *a = an->account;
	size_t node = (size_t)s->node;
	relmap_pos pos = node < a->n_members
				 ? a->members[node].pos
				 : a->persons[node - a->n_members].pos;
	put_pos(f, path, pos);
	fputs("note: spof: ", f);
	put_node(f, a, node);
	fputs(" leaving opens ", f);
	for (size_t i = 0; i < s->n_opens; i++) {
		fprintf(f, "%s%s for ", i ? ", " : "",
			relmap_gap_kind_name(s->opens[i].kind));
		put_node(f, a, a->n_members + (size_t)s->opens[i].person);
	}
	fputc('\n', f);
}

int relmap_report_text(char **out, size_t *out_len, const char *path,
		       const relmap_analysis *const *analyses, size_t n)
{
	return relmap_report_text_spof(out, out_len, path, analyses, NULL, n);
}

int relmap_report_text_spof_write(FILE *f, const char *path,
				  const relmap_analysis *const *analyses,
				  const relmap_spof_list *const *spofs,
				  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const relmap_analysis *an = analyses[i];
		for (size_t k = 0; k < an->n_gaps; k++)
			put_gap(f, path, an, &an->gaps[k]);
	}
	for (size_t i = 0; spofs && i < n; i++)
		for (size_t k = 0; spofs[i] && k < spofs[i]->n; k++)
			put_spof(f, path, analyses[i], &spofs[i]->items[k]);
	for (size_t i = 0; i < n; i++) {
		const relmap_analysis *an = analyses[i];
		const relmap_account *a = an->account;
		fprintf(f, "%s", a->id);
		if (a->name)
			fprintf(f, " (%s)", a->name);
		if (an->has_score)
			fprintf(f, ": coverage score %.1f", an->coverage_score);
		else
			fputs(": coverage score n/a", f);
		fprintf(f, ", %zu person%s, %zu key, %zu covered; ",
			a->n_persons, a->n_persons == 1 ? "" : "s", an->n_key,
			an->n_covered);
		if (an->n_gaps == 0)
			fputs("no gaps\n", f);
		else
			fprintf(f, "%zu error%s, %zu warning%s\n", an->n_errors,
				an->n_errors == 1 ? "" : "s", an->n_warnings,
				an->n_warnings == 1 ? "" : "s");
	}
	return ferror(f) ? RELMAP_EIO : 0;
}

int relmap_report_text_write(FILE *f, const char *path,
			     const relmap_analysis *const *analyses, size_t n)
{
	return relmap_report_text_spof_write(f, path, analyses, NULL, n);
}

int relmap_report_text_spof(char **out, size_t *out_len, const char *path,
			    const relmap_analysis *const *analyses,
			    const relmap_spof_list *const *spofs, size_t n)
{
	report_buf b;
	if (report_buf_open(&b))
		return RELMAP_ENOMEM;
	int rc = relmap_report_text_spof_write(b.f, path, analyses, spofs, n);
	return report_buf_close(&b, rc, out, out_len);
}
