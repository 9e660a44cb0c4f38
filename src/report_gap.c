/* report_gap.c - the words of a gap, shared by every report format. */
#define _POSIX_C_SOURCE 200809L
#include "report_internal.h"

#include <stdlib.h>

int report_buf_open(report_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->f = open_memstream(&b->data, &b->len);
	return b->f ? 0 : RELMAP_ENOMEM;
}

int report_buf_close(report_buf *b, int rc, char **out, size_t *out_len)
{
	if (fclose(b->f) != 0 || rc) {
		free(b->data);
		return RELMAP_ENOMEM;
	}
	*out = b->data;
	*out_len = b->len;
	return 0;
}

void report_put_plain(FILE *f, const char *s)
{
	fputs(s, f);
}

int report_gap_has_path_kind(relmap_gap_kind k)
{
	return k == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
	       k == RELMAP_GAP_UNMANAGED_BLOCKER;
}

relmap_pos report_gap_pos(const relmap_analysis *an, const relmap_gap *g)
{
	return g->person >= 0 ? an->account->persons[g->person].pos
			      : an->account->pos;
}

/* "Name (id)" of graph node `node`. */
static void put_node(FILE *f, const relmap_account *a, size_t node,
		     report_put_fn put)
{
	put(f, relmap_account_node_name(a, node));
	fputs(" (", f);
	put(f, relmap_account_node_id(a, node));
	fputc(')', f);
}

static void put_person(FILE *f, const relmap_person *p, report_put_fn put)
{
	put(f, p->name);
	fputs(" (", f);
	put(f, p->id);
	fputc(')', f);
	if (p->title) {
		fputs(", ", f);
		put(f, p->title);
	}
}

/* The one member every covered person depends on, for single-threaded. */
static const relmap_member *sole_member(const relmap_analysis *an)
{
	for (size_t i = 0; i < an->account->n_persons; i++) {
		const relmap_person_result *r = &an->persons[i];
		if (r->covered && r->best_member >= 0)
			return &an->account->members[r->best_member];
	}
	return NULL;
}

static void put_account(FILE *f, const relmap_account *a, report_put_fn put)
{
	fputs("account '", f);
	put(f, a->id);
	fputs("': ", f);
}

void report_gap_message(FILE *f, const relmap_analysis *an,
			const relmap_gap *g, report_put_fn put)
{
	const relmap_account *a = an->account;
	const relmap_person *p = g->person >= 0 ? &a->persons[g->person] : NULL;
	const relmap_member *m;
	char date[11];

	switch (g->kind) {
	case RELMAP_GAP_UNCOVERED_DECISION_MAKER:
	case RELMAP_GAP_UNMANAGED_BLOCKER:
		put_person(f, p, put);
		fprintf(f, ", coverage %.2f", an->persons[g->person].coverage);
		break;
	case RELMAP_GAP_STALE_RELATIONSHIP:
		put_person(f, p, put);
		relmap_date_format(date, an->persons[g->person].latest_touch);
		fprintf(f, ", latest touchpoint %s (%ld days ago)", date,
			(long)an->as_of - an->persons[g->person].latest_touch);
		break;
	case RELMAP_GAP_SINGLE_THREADED:
		put_account(f, a, put);
		m = an->n_covered >= 2 ? sole_member(an) : NULL;
		if (m) {
			fputs("every covered person relies on ", f);
			put(f, m->name);
			fputs(" (", f);
			put(f, m->id);
			fputs(") alone", f);
		} else {
			fprintf(f, "%zu covered person%s, fewer than 2",
				an->n_covered, an->n_covered == 1 ? "" : "s");
		}
		break;
	case RELMAP_GAP_MISSING_ECONOMIC_BUYER:
		put_account(f, a, put);
		fputs("no person has role economic-buyer", f);
		break;
	case RELMAP_GAP_NO_CHAMPION:
		put_account(f, a, put);
		fputs("no covered person is a champion", f);
		break;
	default:
		break;
	}
}

void report_gap_path(FILE *f, const relmap_analysis *an, const relmap_gap *g,
		     report_put_fn put, const char *arrow)
{
	if (!g->has_path) {
		fputs("none", f);
		return;
	}
	for (size_t i = 0; i < g->via_len; i++) {
		if (i)
			fputs(arrow, f);
		put_node(f, an->account, (size_t)g->via[i], put);
	}
	fprintf(f, ", strength %.3g", g->path_strength);
}
