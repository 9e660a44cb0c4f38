/*
 * csv_vocab.c - role and attitude values of CRM exports in relmap's terms.
 *
 * Values are compared after folding ASCII case and turning every run of
 * characters other than letters and digits into one '-', so "Decision
 * Maker", "DECISION_MAKER" and "decision-maker" are one value.  The
 * tables hold relmap's own names and those of the vocabularies the brief
 * names (docs/csv.md lists them with the choices made).
 */
#include <string.h>

#include "csv_internal.h"
#include "decimal.h"

#define NORM_MAX 48

typedef struct word {
	const char *name;
	int value;
} word;

static const word roles[] = {
	/* relmap */
	{ "unknown", RELMAP_ROLE_UNKNOWN },
	{ "decision-maker", RELMAP_ROLE_DECISION_MAKER },
	{ "economic-buyer", RELMAP_ROLE_ECONOMIC_BUYER },
	{ "technical-buyer", RELMAP_ROLE_TECHNICAL_BUYER },
	{ "user-buyer", RELMAP_ROLE_USER_BUYER },
	{ "influencer", RELMAP_ROLE_INFLUENCER },
	{ "champion", RELMAP_ROLE_CHAMPION },
	{ "gatekeeper", RELMAP_ROLE_GATEKEEPER },
	{ "gate-keeper", RELMAP_ROLE_GATEKEEPER },
	{ "blocker", RELMAP_ROLE_BLOCKER },
	{ "user", RELMAP_ROLE_USER },
	/* Miller Heiman: the coach guides the sale from inside */
	{ "coach", RELMAP_ROLE_CHAMPION },
	/* HubSpot buying roles (internal values and labels) */
	{ "budget-holder", RELMAP_ROLE_ECONOMIC_BUYER },
	{ "end-user", RELMAP_ROLE_USER },
	{ "executive-sponsor", RELMAP_ROLE_DECISION_MAKER },
	{ "legal-and-compliance", RELMAP_ROLE_GATEKEEPER },
	{ "legal-compliance", RELMAP_ROLE_GATEKEEPER },
	{ "other", RELMAP_ROLE_UNKNOWN },
	/* Altify */
	{ "evaluator", RELMAP_ROLE_TECHNICAL_BUYER },
	{ "approver", RELMAP_ROLE_DECISION_MAKER },
	{ "recommender", RELMAP_ROLE_INFLUENCER },
	/* Salesforce opportunity contact roles */
	{ "business-user", RELMAP_ROLE_USER },
	{ "economic-decision-maker", RELMAP_ROLE_ECONOMIC_BUYER },
	/* Dynamics 365 contact role (accountrolecode) */
	{ "employee", RELMAP_ROLE_USER },
};

static const word attitudes[] = {
	/* relmap */
	{ "unknown", RELMAP_ATTITUDE_UNKNOWN },
	{ "champion", RELMAP_ATTITUDE_CHAMPION },
	{ "supporter", RELMAP_ATTITUDE_SUPPORTER },
	{ "neutral", RELMAP_ATTITUDE_NEUTRAL },
	{ "skeptic", RELMAP_ATTITUDE_SKEPTIC },
	{ "sceptic", RELMAP_ATTITUDE_SKEPTIC },
	{ "opponent", RELMAP_ATTITUDE_OPPONENT },
	/* Altify */
	{ "mentor", RELMAP_ATTITUDE_CHAMPION },
	{ "non-supporter", RELMAP_ATTITUDE_SKEPTIC },
	{ "nonsupporter", RELMAP_ATTITUDE_SKEPTIC },
	{ "enemy", RELMAP_ATTITUDE_OPPONENT },
};

/* The folded form of s, or 0 when it is too long to be any word. */
static size_t fold(char out[NORM_MAX], const char *s, size_t len)
{
	size_t o = 0;
	int dash = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (c >= 'A' && c <= 'Z');
		if (!alnum) {
			dash = o > 0;
			continue;
		}
		if (o + 2 >= NORM_MAX)
			return 0;
		if (dash)
			out[o++] = '-';
		dash = 0;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[o] = '\0';
	return o;
}

static int lookup(int *out, const word *w, size_t n, const char *s,
		  size_t len)
{
	char key[NORM_MAX];
	if (!fold(key, s, len))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(w[i].name, key) == 0) {
			*out = w[i].value;
			return 0;
		}
	}
	return -1;
}

/* relmap's channels and the activity types CRMs export: Salesforce's
 * Task/Event subtypes and "Type" picklist (Call, Email, Meeting), Dynamics
 * 365 activity types (Phone Call, Appointment, Email), HubSpot engagement
 * types (CALL, EMAIL, MEETING).  "Task" and "Note" are left unmapped on
 * purpose: they say nothing about how the person was met. */
static const word channels[] = {
	{ "meeting", RELMAP_CHANNEL_MEETING },
	{ "appointment", RELMAP_CHANNEL_MEETING },
	{ "visit", RELMAP_CHANNEL_MEETING },
	{ "video-call", RELMAP_CHANNEL_MEETING },
	{ "call", RELMAP_CHANNEL_CALL },
	{ "phone-call", RELMAP_CHANNEL_CALL },
	{ "phone", RELMAP_CHANNEL_CALL },
	{ "email", RELMAP_CHANNEL_EMAIL },
	{ "e-mail", RELMAP_CHANNEL_EMAIL },
	{ "event", RELMAP_CHANNEL_EVENT },
	{ "webinar", RELMAP_CHANNEL_EVENT },
	{ "conference", RELMAP_CHANNEL_EVENT },
	{ "support", RELMAP_CHANNEL_SUPPORT },
	{ "case", RELMAP_CHANNEL_SUPPORT },
	{ "ticket", RELMAP_CHANNEL_SUPPORT },
	{ "social", RELMAP_CHANNEL_SOCIAL },
	{ "linkedin", RELMAP_CHANNEL_SOCIAL },
	{ "linkedin-message", RELMAP_CHANNEL_SOCIAL },
};

static const word sentiments[] = {
	{ "neutral", RELMAP_SENTIMENT_NEUTRAL },
	{ "positive", RELMAP_SENTIMENT_POSITIVE },
	{ "good", RELMAP_SENTIMENT_POSITIVE },
	{ "negative", RELMAP_SENTIMENT_NEGATIVE },
	{ "bad", RELMAP_SENTIMENT_NEGATIVE },
};

static int is_blank_only(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* HubSpot exports a multiple choice as "DECISION_MAKER;BUDGET_HOLDER":
 * every part must map, and the strongest (first in relmap's order of
 * roles, decision-maker first) wins. */
int csv_vocab_role(int *out, const char *s, size_t len)
{
	int best = RELMAP_ROLE_UNKNOWN;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != ';')
			continue;
		const char *part = s + start;
		size_t plen = i - start;
		start = i + 1;
		if (is_blank_only(part, plen))
			continue;
		int r;
		if (lookup(&r, roles, sizeof(roles) / sizeof(roles[0]), part,
			   plen))
			return -1;
		if (r != RELMAP_ROLE_UNKNOWN &&
		    (best == RELMAP_ROLE_UNKNOWN || r < best))
			best = r;
	}
	*out = best;
	return 0;
}

/* Ratings -5..+5: >= 4 champion, >= 1 supporter, above -1 neutral, above
 * -4 skeptic, else opponent. */
int csv_vocab_attitude(int *out, const char *s, size_t len)
{
	if (is_blank_only(s, len)) {
		*out = RELMAP_ATTITUDE_UNKNOWN;
		return 0;
	}
	double d;
	int rc = decimal_parse(&d, s, len);
	if (rc == 0) {
		if (d < -5 || d > 5)
			return -2;
		*out = d >= 4 ? RELMAP_ATTITUDE_CHAMPION
		     : d >= 1 ? RELMAP_ATTITUDE_SUPPORTER
		     : d > -1 ? RELMAP_ATTITUDE_NEUTRAL
		     : d > -4 ? RELMAP_ATTITUDE_SKEPTIC
			      : RELMAP_ATTITUDE_OPPONENT;
		return 0;
	}
	return lookup(out, attitudes, sizeof(attitudes) / sizeof(attitudes[0]),
		      s, len);
}

int csv_vocab_channel(int *out, const char *s, size_t len)
{
	return lookup(out, channels, sizeof(channels) / sizeof(channels[0]), s,
		      len);
}

int csv_vocab_sentiment(int *out, const char *s, size_t len)
{
	if (is_blank_only(s, len)) {
		*out = RELMAP_SENTIMENT_NEUTRAL;
		return 0;
	}
	return lookup(out, sentiments,
		      sizeof(sentiments) / sizeof(sentiments[0]), s, len);
}
