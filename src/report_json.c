/* report_json.c - the brief's JSON report.
 *
 * jansson formats every value, but the report is streamed one person and
 * one gap at a time instead of built as one tree: a tree of a
 * million-person account would cost about a gigabyte.  The layout is
 * jansson's own JSON_INDENT(2) layout, so the output is the same as
 * dumping the whole tree. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/report.h"
#include "relmap/whatif.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 15 significant digits: exact enough for 1e-6 comparisons, and short
 * values such as 0.8 print as written. */
#define REPORT_JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

struct sink {
	FILE *f;
	int depth; /* indentation of continuation lines, in levels */
	int failed;
};

static int put_indented(const char *buf, size_t size, void *data)
{
	struct sink *s = data;
	for (size_t i = 0; i < size; i++) {
		fputc(buf[i], s->f);
		if (buf[i] == '\n')
			fprintf(s->f, "%*s", s->depth * 2, "");
	}
	return 0;
}

/* Write `v` (consumed) at nesting `depth`. */
static void emit(struct sink *s, int depth, json_t *v)
{
	if (!v) {
		s->failed = 1;
		return;
	}
	s->depth = depth;
	if (json_dump_callback(v, put_indented, s,
			       REPORT_JSON_FLAGS | JSON_ENCODE_ANY) != 0)
		s->failed = 1;
	json_decref(v);
}

static void newline(struct sink *s, int depth)
{
	fprintf(s->f, "\n%*s", depth * 2, "");
}

/* "key": value, with the separator before it unless first. */
static void member(struct sink *s, int depth, int first, const char *key,
		   json_t *v)
{
	if (!first)
		fputc(',', s->f);
	newline(s, depth);
	fprintf(s->f, "\"%s\": ", key);
	emit(s, depth, v);
}

static json_t *path_json(const relmap_analysis *an, const relmap_gap *g)
{
	if (!g->has_path)
		return json_null();
	json_t *via = json_array();
	for (size_t i = 0; i < g->via_len; i++)
		json_array_append_new(via, json_string(relmap_account_node_id(
						   an->account, (size_t)g->via[i])));
	return json_pack("{s:f, s:o}", "strength", g->path_strength, "via",
			 via);
}

static json_t *gap_json(const relmap_analysis *an, const relmap_gap *g)
{
	const relmap_account *a = an->account;
	json_t *o = json_pack("{s:s, s:s}", "kind", relmap_gap_kind_name(g->kind),
			      "severity", relmap_severity_name(g->severity));
	if (!o)
		return NULL;
	if (g->person >= 0)
		json_object_set_new(o, "person",
				    json_string(a->persons[g->person].id));
	if (g->kind == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
	    g->kind == RELMAP_GAP_UNMANAGED_BLOCKER)
		json_object_set_new(o, "path", path_json(an, g));
	return o;
}

/* An array whose items come from `item(an, i)`, at `depth`. */
static void array(struct sink *s, int depth, const relmap_analysis *an,
		  size_t n, json_t *(*item)(const relmap_analysis *, size_t))
{
	if (n == 0) {
		fputs("[]", s->f);
		return;
	}
	fputc('[', s->f);
	for (size_t i = 0; i < n && !s->failed; i++) {
		if (i)
			fputc(',', s->f);
		newline(s, depth + 1);
		emit(s, depth + 1, item(an, i));
	}
	newline(s, depth);
	fputc(']', s->f);
}

static json_t *person_item(const relmap_analysis *an, size_t i)
{
	const relmap_person *p = &an->account->persons[i];
	const relmap_person_result *r = &an->persons[i];
	return json_pack("{s:s, s:s, s:b, s:f, s:b}", "id", p->id, "name",
			 p->name, "key", r->key, "coverage", r->coverage,
			 "covered", r->covered);
}

static json_t *gap_item(const relmap_analysis *an, size_t i)
{
	return gap_json(an, &an->gaps[i]);
}

static json_t *spof_json(const relmap_spof_list *l, const relmap_spof *sp)
{
	const relmap_account *a = l->analysis->account;
	json_t *opens = json_array();
	for (size_t i = 0; opens && i < sp->n_opens; i++)
		json_array_append_new(opens, json_pack("{s:s, s:s}", "kind",
			relmap_gap_kind_name(sp->opens[i].kind), "person",
			a->persons[sp->opens[i].person].id));
	return json_pack("{s:s, s:o}", "id",
			 relmap_account_node_id(a, (size_t)sp->node), "opens",
			 opens);
}

/* "spof": [...], one item per candidate, streamed like the gaps. */
static void spof_array(struct sink *s, int depth, const relmap_spof_list *l)
{
	if (l->n == 0) {
		fputs("[]", s->f);
		return;
	}
	fputc('[', s->f);
	for (size_t i = 0; i < l->n && !s->failed; i++) {
		if (i)
			fputc(',', s->f);
		newline(s, depth + 1);
		emit(s, depth + 1, spof_json(l, &l->items[i]));
	}
	newline(s, depth);
	fputc(']', s->f);
}

static void account(struct sink *s, int depth, const relmap_analysis *an,
		    const relmap_spof_list *spof)
{
	const relmap_account *a = an->account;
	fputc('{', s->f);
	member(s, depth + 1, 1, "id", json_string(a->id));
	member(s, depth + 1, 0, "name", a->name ? json_string(a->name)
						  : json_null());
	member(s, depth + 1, 0, "coverage_score",
	       an->has_score ? json_real(an->coverage_score) : json_null());
	member(s, depth + 1, 0, "errors", json_integer((json_int_t)an->n_errors));
	member(s, depth + 1, 0, "warnings",
	       json_integer((json_int_t)an->n_warnings));
	fputc(',', s->f);
	newline(s, depth + 1);
	fputs("\"persons\": ", s->f);
	array(s, depth + 1, an, a->n_persons, person_item);
	fputc(',', s->f);
	newline(s, depth + 1);
	fputs("\"gaps\": ", s->f);
	array(s, depth + 1, an, an->n_gaps, gap_item);
	if (spof) {
		fputc(',', s->f);
		newline(s, depth + 1);
		fputs("\"spof\": ", s->f);
		spof_array(s, depth + 1, spof);
	}
	newline(s, depth);
	fputc('}', s->f);
}

int relmap_report_json(char **out, size_t *out_len,
		       const relmap_analysis *const *analyses, size_t n)
{
	return relmap_report_json_spof(out, out_len, analyses, NULL, n);
}

int relmap_report_json_spof_write(FILE *f,
				  const relmap_analysis *const *analyses,
				  const relmap_spof_list *const *spofs,
				  size_t n)
{
	char date[11] = "";
	struct sink s = { f, 0, 0 };
	if (n > 0)
		relmap_date_format(date, analyses[0]->as_of);
	fputc('{', s.f);
	member(&s, 1, 1, "relmap", json_integer(1));
	member(&s, 1, 0, "as_of", json_string(date));
	fputc(',', s.f);
	newline(&s, 1);
	fputs("\"accounts\": ", s.f);
	if (n == 0) {
		fputs("[]", s.f);
	} else {
		fputc('[', s.f);
		for (size_t i = 0; i < n && !s.failed; i++) {
			if (i)
				fputc(',', s.f);
			newline(&s, 2);
			account(&s, 2, analyses[i], spofs ? spofs[i] : NULL);
		}
		newline(&s, 1);
		fputc(']', s.f);
	}
	fputs("\n}\n", s.f);
	if (s.failed)
		return RELMAP_ENOMEM;
	return ferror(f) ? RELMAP_EIO : 0;
}

int relmap_report_json_write(FILE *f, const relmap_analysis *const *analyses,
			     size_t n)
{
	return relmap_report_json_spof_write(f, analyses, NULL, n);
}

int relmap_report_json_spof(char **out, size_t *out_len,
			    const relmap_analysis *const *analyses,
			    const relmap_spof_list *const *spofs, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return RELMAP_ENOMEM;
	int rc = relmap_report_json_spof_write(f, analyses, spofs, n);
	/* A memory stream fails only for want of memory. */
	if (fclose(f) != 0 || rc) {
		free(buf);
		return RELMAP_ENOMEM;
	}
	*out = buf;
	*out_len = len;
	return 0;
}
