/* report_diff_json.c - a diff as JSON (docs/diff.md).
 *
 * Unlike the gap report, a diff is small (its size is that of the
 * changes, not of the accounts), so it is built as one jansson tree and
 * dumped with the gap report's layout: JSON_INDENT(2), 15 digits. */
#define _POSIX_C_SOURCE 200809L
#include "diff_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_json(int32_t d)
{
	char buf[11];
	if (d == INT32_MIN)
		return json_null();
	relmap_date_format(buf, d);
	return json_string(buf);
}

static json_t *score_json(const relmap_analysis *an)
{
	return an && an->has_score ? json_real(an->coverage_score) :
				     json_null();
}

static int set(json_t *o, const char *key, json_t *v)
{
	return json_object_set_new(o, key, v);
}

static json_t *change_json(const relmap_account_diff *ad,
			   const relmap_change *c)
{
	json_t *o = json_object();
	int bad = !o;
	bad |= set(o, "kind", json_string(relmap_change_kind_name(c->kind)));
	const relmap_account *a = c->kind == RELMAP_CHANGE_ACCOUNT_ADDED ||
		c->kind == RELMAP_CHANGE_ACCOUNT_REMOVED || !c->id ? NULL :
		diff_change_account(ad, c);
	int32_t idx = c->new_index >= 0 ? c->new_index : c->old_index;
	switch (c->kind) {
	case RELMAP_CHANGE_ACCOUNT_ADDED:
	case RELMAP_CHANGE_ACCOUNT_REMOVED:
		break;
	case RELMAP_CHANGE_MEMBER_ADDED:
	case RELMAP_CHANGE_MEMBER_REMOVED:
		bad |= set(o, "member", json_string(c->id));
		bad |= set(o, "name", json_string(a->members[idx].name));
		break;
	case RELMAP_CHANGE_GAP_OPENED:
	case RELMAP_CHANGE_GAP_CLOSED:
		bad |= set(o, "gap", json_string(relmap_gap_kind_name(c->gap)));
		bad |= set(o, "severity", json_string(relmap_severity_name(
					  relmap_gap_kind_severity(c->gap))));
		if (c->id) {
			bad |= set(o, "person", json_string(c->id));
			bad |= set(o, "name",
				   json_string(a->persons[idx].name));
		}
		break;
	default:
		bad |= set(o, "person", json_string(c->id));
		bad |= set(o, "name", json_string(a->persons[idx].name));
		break;
	}
	switch (c->kind) {
	case RELMAP_CHANGE_PERSON_ADDED:
		bad |= set(o, "manager", str_or_null(c->new_text));
		break;
	case RELMAP_CHANGE_PERSON_REMOVED:
		bad |= set(o, "manager", str_or_null(c->old_text));
		break;
	case RELMAP_CHANGE_MOVED:
	case RELMAP_CHANGE_ROLE:
	case RELMAP_CHANGE_ATTITUDE:
	case RELMAP_CHANGE_TITLE:
	case RELMAP_CHANGE_DEPARTMENT:
		bad |= set(o, "old", str_or_null(c->old_text));
		bad |= set(o, "new", str_or_null(c->new_text));
		break;
	case RELMAP_CHANGE_INFLUENCE:
	case RELMAP_CHANGE_COVERAGE:
		bad |= set(o, "old", json_real(c->old_value));
		bad |= set(o, "new", json_real(c->new_value));
		if (c->kind == RELMAP_CHANGE_COVERAGE) {
			bad |= set(o, "old_covered",
				   json_boolean(c->old_covered));
			bad |= set(o, "new_covered",
				   json_boolean(c->new_covered));
		}
		break;
	default:
		break;
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *account_json(const relmap_account_diff *ad)
{
	const relmap_account *a = ad->new_an ? ad->new_an->account :
					       ad->old_an->account;
	json_t *o = json_object(), *changes = json_array(), *score =
		json_object();
	int bad = !o || !changes || !score;
	bad |= set(o, "id", json_string(a->id));
	bad |= set(o, "name", str_or_null(a->name));
	bad |= set(o, "status", json_string(!ad->old_an ? "added" :
					    !ad->new_an ? "removed" :
					    "changed"));
	bad |= set(score, "old", score_json(ad->old_an));
	bad |= set(score, "new", score_json(ad->new_an));
	bad |= set(o, "coverage_score", json_incref(score));
	for (size_t k = 0; !bad && k < ad->n_changes; k++)
		bad |= json_array_append_new(changes,
			change_json(ad, &ad->changes[k]));
	bad |= set(o, "changes", json_incref(changes));
	json_decref(score);
	json_decref(changes);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *side_json(const char *path, int32_t as_of)
{
	return json_pack("{s:s, s:o}", "path", path, "as_of",
			 date_json(as_of));
}

int relmap_diff_report_json(char **out, size_t *out_len, const relmap_diff *d,
			    const char *old_path, const char *new_path)
{
	json_t *root = json_object(), *accounts = json_array();
	int bad = !root || !accounts;
	bad |= set(root, "relmap_diff", json_integer(1));
	bad |= set(root, "old", side_json(old_path, d->old_as_of));
	bad |= set(root, "new", side_json(new_path, d->new_as_of));
	bad |= set(root, "accounts_compared",
		   json_integer((json_int_t)d->n_compared));
	bad |= set(root, "changes", json_integer((json_int_t)d->n_changes));
	for (size_t i = 0; !bad && i < d->n_accounts; i++)
		bad |= json_array_append_new(accounts,
					     account_json(&d->accounts[i]));
	bad |= set(root, "accounts", json_incref(accounts));
	json_decref(accounts);
	char *text = bad ? NULL :
		json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (!text)
		return RELMAP_ENOMEM;
	size_t len = strlen(text);
	/* A final newline, like the other reports; json_dumps's buffer is
	 * malloc'd by jansson's default allocator. */
	char *buf = realloc(text, len + 2);
	if (!buf) {
		free(text);
		return RELMAP_ENOMEM;
	}
	buf[len] = '\n';
	buf[len + 1] = '\0';
	*out = buf;
	*out_len = len + 1;
	return 0;
}
