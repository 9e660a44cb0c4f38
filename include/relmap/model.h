/*
 * relmap/model.h - the data model: documents, accounts, people and edges.
 *
 * A relmap_document owns everything reachable from it: the accounts, their
 * arrays and every string (kept in one arena and freed at once by
 * relmap_document_free()).  Pointers into a document are borrowed and stay
 * valid until the document is freed.
 *
 * References between records are indices into the account's arrays, and
 * the ids they were written with are kept beside them (for export and
 * messages).  Persons and team members share one id space per account.
 */
#ifndef RELMAP_MODEL_H
#define RELMAP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum relmap_role {
	RELMAP_ROLE_UNKNOWN = 0,
	RELMAP_ROLE_DECISION_MAKER,
	RELMAP_ROLE_ECONOMIC_BUYER,
	RELMAP_ROLE_TECHNICAL_BUYER,
	RELMAP_ROLE_USER_BUYER,
	RELMAP_ROLE_INFLUENCER,
	RELMAP_ROLE_CHAMPION,
	RELMAP_ROLE_GATEKEEPER,
	RELMAP_ROLE_BLOCKER,
	RELMAP_ROLE_USER,
	RELMAP_ROLE_COUNT
} relmap_role;

typedef enum relmap_attitude {
	RELMAP_ATTITUDE_UNKNOWN = 0,
	RELMAP_ATTITUDE_CHAMPION,
	RELMAP_ATTITUDE_SUPPORTER,
	RELMAP_ATTITUDE_NEUTRAL,
	RELMAP_ATTITUDE_SKEPTIC,
	RELMAP_ATTITUDE_OPPONENT,
	RELMAP_ATTITUDE_COUNT
} relmap_attitude;

typedef enum relmap_stage {
	RELMAP_STAGE_NONE = 0, /**< not given */
	RELMAP_STAGE_PROSPECT,
	RELMAP_STAGE_ONBOARDING,
	RELMAP_STAGE_ACTIVE,
	RELMAP_STAGE_RENEWAL,
	RELMAP_STAGE_EXPANSION,
	RELMAP_STAGE_CHURN_RISK,
	RELMAP_STAGE_COUNT
} relmap_stage;

typedef enum relmap_member_role {
	RELMAP_MEMBER_NONE = 0, /**< not given */
	RELMAP_MEMBER_ACCOUNT_EXECUTIVE,
	RELMAP_MEMBER_SALES_ENGINEER,
	RELMAP_MEMBER_CUSTOMER_SUCCESS,
	RELMAP_MEMBER_EXECUTIVE_SPONSOR,
	RELMAP_MEMBER_PARTNER,
	RELMAP_MEMBER_COUNT
} relmap_member_role;

typedef enum relmap_channel {
	RELMAP_CHANNEL_MEETING = 0,
	RELMAP_CHANNEL_CALL,
	RELMAP_CHANNEL_EMAIL,
	RELMAP_CHANNEL_EVENT,
	RELMAP_CHANNEL_SUPPORT,
	RELMAP_CHANNEL_SOCIAL,
	RELMAP_CHANNEL_COUNT
} relmap_channel;

typedef enum relmap_sentiment {
	RELMAP_SENTIMENT_NEUTRAL = 0,
	RELMAP_SENTIMENT_POSITIVE,
	RELMAP_SENTIMENT_NEGATIVE,
	RELMAP_SENTIMENT_COUNT
} relmap_sentiment;

/* Names as written in the XML format ("decision-maker"); NULL if out of range. */
const char *relmap_role_name(relmap_role r);
const char *relmap_attitude_name(relmap_attitude a);
const char *relmap_stage_name(relmap_stage s);           /* NONE -> NULL */
const char *relmap_member_role_name(relmap_member_role r); /* NONE -> NULL */
const char *relmap_channel_name(relmap_channel c);
const char *relmap_sentiment_name(relmap_sentiment s);

/* Parse the XML names; return 0, or RELMAP_EDATA for an unknown name. */
int relmap_role_parse(relmap_role *out, const char *name);
int relmap_attitude_parse(relmap_attitude *out, const char *name);
int relmap_stage_parse(relmap_stage *out, const char *name);
int relmap_member_role_parse(relmap_member_role *out, const char *name);
int relmap_channel_parse(relmap_channel *out, const char *name);
int relmap_sentiment_parse(relmap_sentiment *out, const char *name);

/**
 * Dates are whole days since 1970-01-01 (UTC).  relmap_date_parse accepts
 * exactly YYYY-MM-DD with a real calendar day (years 0001..9999) and
 * returns 0 or RELMAP_EDATA; relmap_date_format writes 11 bytes.
 */
int relmap_date_parse(int32_t *out, const char *text);
void relmap_date_format(char out[11], int32_t days);
/** Today in UTC, as days since 1970-01-01. */
int32_t relmap_date_today(void);

/** Where a record was written: 1-based line and column, 0 when unknown. */
typedef struct relmap_pos {
	int line;
	int column;
} relmap_pos;

typedef struct relmap_member {
	const char *id;
	const char *name;
	relmap_member_role role;
	relmap_pos pos;
} relmap_member;

typedef struct relmap_person {
	const char *id;
	const char *name;
	const char *title;      /* NULL when not given, likewise below */
	const char *department;
	const char *email;
	const char *url;
	const char *reports_to; /**< manager's id as written, or NULL */
	int32_t manager;        /**< index into persons, or -1 */
	relmap_role role;
	relmap_attitude attitude;
	double influence;       /**< 0..1 */
	relmap_pos pos;
} relmap_person;

/** dotted-line: person `from` has a second manager `to` (person indices). */
typedef struct relmap_dotted_line {
	int32_t from;
	int32_t to;
	relmap_pos pos;
} relmap_dotted_line;

/** influence: person `from` sways person `to`; weight in [-1, 1]. */
typedef struct relmap_influence {
	int32_t from;
	int32_t to;
	double weight;
	relmap_pos pos;
} relmap_influence;

/** coverage: how strong team member `member`'s relationship with person is. */
typedef struct relmap_coverage {
	int32_t member; /**< index into members */
	int32_t person; /**< index into persons */
	double strength; /**< 0..1 */
	relmap_pos pos;
} relmap_coverage;

typedef struct relmap_touchpoint {
	int32_t member;
	int32_t person;
	relmap_channel channel;
	int32_t date; /**< days since 1970-01-01 */
	relmap_sentiment sentiment;
	relmap_pos pos;
} relmap_touchpoint;

typedef struct relmap_account {
	const char *id;
	const char *name;     /* NULL when not given, likewise below */
	const char *industry;
	const char *segment;
	const char *url;
	relmap_stage stage;
	int has_value;
	double value;
	relmap_pos pos;

	relmap_member *members;
	size_t n_members;
	relmap_person *persons;
	size_t n_persons;
	relmap_dotted_line *dotted_lines;
	size_t n_dotted_lines;
	relmap_influence *influences;
	size_t n_influences;
	relmap_coverage *coverages;
	size_t n_coverages;
	relmap_touchpoint *touchpoints;
	size_t n_touchpoints;
} relmap_account;

typedef struct relmap_document {
	const char *path;   /**< the name diagnostics use for this input */
	int has_as_of;
	int32_t as_of;      /**< the file's as-of date, when has_as_of */
	relmap_account *accounts;
	size_t n_accounts;
	void *internal;     /**< the arena and other private state */
	/**
	 * Set by the CSV loader for an edges file (coverage, touchpoints):
	 * its persons are placeholders (id only, name = id) for persons
	 * stored already, and its members hold only the ids seen.
	 */
	int edges_only;
} relmap_document;

/** Free a document and everything it owns.  NULL is a no-op. */
void relmap_document_free(relmap_document *doc);

/** The account with this id, or NULL.  Borrowed. */
const relmap_account *relmap_document_find_account(const relmap_document *doc,
						   const char *id);

/**
 * Graph nodes of an account are numbered members first, then persons:
 * node n < n_members is members[n], else persons[n - n_members].
 */
static inline size_t relmap_account_node_count(const relmap_account *a)
{
	return a->n_members + a->n_persons;
}
const char *relmap_account_node_id(const relmap_account *a, size_t node);
const char *relmap_account_node_name(const relmap_account *a, size_t node);

#ifdef __cplusplus
}
#endif
#endif
