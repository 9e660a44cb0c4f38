/* model.c - enum names, dates and the document container. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "document.h"
#include "vec.h"

static const char *const role_names[RELMAP_ROLE_COUNT] = {
	"unknown", "decision-maker", "economic-buyer", "technical-buyer",
	"user-buyer", "influencer", "champion", "gatekeeper", "blocker", "user",
};
static const char *const attitude_names[RELMAP_ATTITUDE_COUNT] = {
	"unknown", "champion", "supporter", "neutral", "skeptic", "opponent",
};
static const char *const stage_names[RELMAP_STAGE_COUNT] = {
	NULL, "prospect", "onboarding", "active", "renewal", "expansion",
	"churn-risk",
};
static const char *const member_role_names[RELMAP_MEMBER_COUNT] = {
	NULL, "account-executive", "sales-engineer", "customer-success",
	"executive-sponsor", "partner",
};
static const char *const channel_names[RELMAP_CHANNEL_COUNT] = {
	"meeting", "call", "email", "event", "support", "social",
};
static const char *const sentiment_names[RELMAP_SENTIMENT_COUNT] = {
	"neutral", "positive", "negative",
};

static const char *name_of(const char *const *names, int count, int v)
{
	return v >= 0 && v < count ? names[v] : NULL;
}

static int parse_name(int *out, const char *const *names, int count,
		      const char *name)
{
	for (int i = 0; i < count; i++) {
		if (names[i] && name && strcmp(names[i], name) == 0) {
			*out = i;
			return 0;
		}
	}
	return -2; /* RELMAP_EDATA */
}

#define ENUM_FUNCS(type, fn, names, count)                                  \
	const char *relmap_##fn##_name(type v)                              \
	{                                                                   \
		return name_of(names, count, (int)v);                       \
	}                                                                   \
	int relmap_##fn##_parse(type *out, const char *name)               \
	{                                                                   \
		int v;                                                      \
		int rc = parse_name(&v, names, count, name);               \
		if (rc == 0)                                                \
			*out = (type)v;                                     \
		return rc;                                                  \
	}

ENUM_FUNCS(relmap_role, role, role_names, RELMAP_ROLE_COUNT)
ENUM_FUNCS(relmap_attitude, attitude, attitude_names, RELMAP_ATTITUDE_COUNT)
ENUM_FUNCS(relmap_stage, stage, stage_names, RELMAP_STAGE_COUNT)
ENUM_FUNCS(relmap_member_role, member_role, member_role_names,
	   RELMAP_MEMBER_COUNT)
ENUM_FUNCS(relmap_channel, channel, channel_names, RELMAP_CHANNEL_COUNT)
ENUM_FUNCS(relmap_sentiment, sentiment, sentiment_names,
	   RELMAP_SENTIMENT_COUNT)

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int relmap_date_parse(int32_t *out, const char *t)
{
	if (!t || strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return -2;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (t[i] < '0' || t[i] > '9')
			return -2;
	}
	int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 +
		(t[3] - '0');
	int m = (t[5] - '0') * 10 + (t[6] - '0');
	int d = (t[8] - '0') * 10 + (t[9] - '0');
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return -2;
	int maxd = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > maxd)
		return -2;
	*out = days_from_civil(y, m, d);
	return 0;
}

void relmap_date_format(char out[11], int32_t days)
{
	/* civil_from_days */
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 0 || y > 9999) {
		strcpy(out, "0000-00-00");
		return;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int32_t relmap_date_today(void)
{
	time_t now = time(NULL);
	return (int32_t)(now / 86400);
}

relmap_document *document_new(const char *path)
{
	relmap_document *doc = calloc(1, sizeof(*doc));
	document_internal *in = calloc(1, sizeof(*in));
	if (!doc || !in)
		goto fail;
	doc->internal = in;
	if (!(in->arena = arena_new()))
		goto fail;
	if (!(doc->path = arena_strdup(in->arena, path ? path : "-")))
		goto fail;
	return doc;
fail:
	if (in)
		arena_free(in->arena);
	free(in);
	free(doc);
	return NULL;
}

arena *document_arena(relmap_document *doc)
{
	return ((document_internal *)doc->internal)->arena;
}

void relmap_document_free(relmap_document *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_accounts; i++) {
		relmap_account *a = &doc->accounts[i];
		free(a->members);
		free(a->persons);
		free(a->dotted_lines);
		free(a->influences);
		free(a->coverages);
		free(a->touchpoints);
	}
	free(doc->accounts);
	document_internal *in = doc->internal;
	if (in) {
		arena_free(in->arena);
		free(in->caps);
		free(in);
	}
	free(doc);
}

relmap_account *document_add_account(relmap_document *doc)
{
	document_internal *in = doc->internal;
	size_t cap = in->accounts_cap;
	if (vec_reserve(&doc->accounts, &in->accounts_cap, doc->n_accounts + 1,
			sizeof(*doc->accounts)))
		return NULL;
	if (in->accounts_cap != cap) {
		account_caps *c = realloc(in->caps,
					  in->accounts_cap * sizeof(*c));
		if (!c)
			return NULL;
		in->caps = c;
	}
	relmap_account *a = &doc->accounts[doc->n_accounts];
	memset(a, 0, sizeof(*a));
	memset(&in->caps[doc->n_accounts], 0, sizeof(account_caps));
	doc->n_accounts++;
	return a;
}

static account_caps *caps_of(relmap_document *doc, relmap_account *a)
{
	document_internal *in = doc->internal;
	return &in->caps[a - doc->accounts];
}

#define ADD_RECORD(fn, type, arr, n, capfield)                                \
	type *document_add_##fn(relmap_document *doc, relmap_account *a)      \
	{                                                                     \
		account_caps *c = caps_of(doc, a);                            \
		if (vec_reserve(&a->arr, &c->capfield, a->n + 1,              \
				sizeof(*a->arr)))                             \
			return NULL;                                          \
		type *r = &a->arr[a->n++];                                    \
		memset(r, 0, sizeof(*r));                                     \
		return r;                                                     \
	}

ADD_RECORD(member, relmap_member, members, n_members, members)
ADD_RECORD(person, relmap_person, persons, n_persons, persons)
ADD_RECORD(dotted_line, relmap_dotted_line, dotted_lines, n_dotted_lines,
	   dotted_lines)
ADD_RECORD(influence, relmap_influence, influences, n_influences, influences)
ADD_RECORD(coverage, relmap_coverage, coverages, n_coverages, coverages)
ADD_RECORD(touchpoint, relmap_touchpoint, touchpoints, n_touchpoints,
	   touchpoints)

const relmap_account *relmap_document_find_account(const relmap_document *doc,
						   const char *id)
{
	for (size_t i = 0; doc && id && i < doc->n_accounts; i++)
		if (strcmp(doc->accounts[i].id, id) == 0)
			return &doc->accounts[i];
	return NULL;
}

const char *relmap_account_node_id(const relmap_account *a, size_t node)
{
	if (node < a->n_members)
		return a->members[node].id;
	node -= a->n_members;
	return node < a->n_persons ? a->persons[node].id : NULL;
}

const char *relmap_account_node_name(const relmap_account *a, size_t node)
{
	if (node < a->n_members)
		return a->members[node].name;
	node -= a->n_members;
	return node < a->n_persons ? a->persons[node].name : NULL;
}

int document_load_end(relmap_document **out, relmap_document *doc, int rc,
		      const char *file, relmap_diags *diags)
{
	if (rc) {
		if (rc == RELMAP_ENOMEM && diags->errors == 0)
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, file, 0, 0,
					 "out of memory");
		relmap_document_free(doc);
		doc = NULL;
	}
	*out = doc;
	return rc;
}
