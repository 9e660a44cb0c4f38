/* report_json.c - the brief's JSON report, built with jansson. */
#include "relmap/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* 15 significant digits: exact enough for 1e-6 comparisons, and short
 * values such as 0.8 print as written. */
#define REPORT_JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(15))

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
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

static json_t *account_json(const relmap_analysis *an)
{
	const relmap_account *a = an->account;
	json_t *persons = json_array();
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person_result *r = &an->persons[i];
		json_array_append_new(persons,
			json_pack("{s:s, s:s, s:b, s:f, s:b}", "id",
				  a->persons[i].id, "name", a->persons[i].name,
				  "key", r->key, "coverage", r->coverage,
				  "covered", r->covered));
	}
	json_t *gaps = json_array();
	for (size_t i = 0; i < an->n_gaps; i++) {
		const relmap_gap *g = &an->gaps[i];
		json_t *o = json_pack("{s:s, s:s}", "kind",
				      relmap_gap_kind_name(g->kind), "severity",
				      relmap_severity_name(g->severity));
		if (g->person >= 0)
			json_object_set_new(o, "person",
				json_string(a->persons[g->person].id));
		if (g->kind == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
		    g->kind == RELMAP_GAP_UNMANAGED_BLOCKER)
			json_object_set_new(o, "path", path_json(an, g));
		json_array_append_new(gaps, o);
	}
	return json_pack("{s:s, s:o, s:o, s:I, s:I, s:o, s:o}", "id", a->id,
			 "name", str_or_null(a->name), "coverage_score",
			 an->has_score ? json_real(an->coverage_score)
				       : json_null(),
			 "errors", (json_int_t)an->n_errors, "warnings",
			 (json_int_t)an->n_warnings, "persons", persons,
			 "gaps", gaps);
}

int relmap_report_json(char **out, size_t *out_len,
		       const relmap_analysis *const *analyses, size_t n)
{
	int rc = RELMAP_ENOMEM;
	char date[11] = "";
	json_t *accounts = json_array();
	json_t *root = NULL;
	char *text = NULL;
	if (n > 0)
		relmap_date_format(date, analyses[0]->as_of);
	for (size_t i = 0; i < n; i++) {
		json_t *a = account_json(analyses[i]);
		if (!a || json_array_append_new(accounts, a) != 0)
			goto out;
	}
	root = json_pack("{s:i, s:s, s:O}", "relmap", 1, "as_of", date,
			 "accounts", accounts);
	if (!root)
		goto out;
	text = json_dumps(root, REPORT_JSON_FLAGS);
	if (!text)
		goto out;
	size_t len = strlen(text);
	char *buf = realloc(text, len + 2);
	if (!buf)
		goto out;
	buf[len] = '\n';
	buf[len + 1] = '\0';
	text = NULL;
	*out = buf;
	*out_len = len + 1;
	rc = 0;
out:
	free(text);
	json_decref(root);
	json_decref(accounts);
	return rc;
}
