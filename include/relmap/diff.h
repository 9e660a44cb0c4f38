/*
 * relmap/diff.h - what changed between two snapshots of the same accounts.
 *
 * A diff compares the analyses of two snapshots (two files, or one file
 * at two as-of dates), account by account (matched by id), and records
 * each change once, in a fixed order (docs/diff.md):
 *
 *   account id, then change kind (enum order below), then for gap
 *   changes the gap kind, then the person or member id (byte order;
 *   account-level gaps, which have none, first).
 *
 * Persons and team members are matched by id.  What counts as a change:
 *   person-added / -removed   the id is in only one snapshot
 *   moved                     the manager's id differs, including gaining
 *                             or losing a manager (a removed manager's
 *                             reports that now have none have moved)
 *   role, attitude            the names differ
 *   influence                 the values differ
 *   title, department         the texts differ (absent = empty)
 *   coverage                  |new - old| >= coverage_threshold (within
 *                             1e-9), or the person became covered or
 *                             uncovered (the analyses' covered flags),
 *                             whatever the size of the step
 *   member-added / -removed   a team member id in only one snapshot
 *   gap-closed / -opened      a (gap kind, person id) reported in only
 *                             the old / the new analysis; a removed
 *                             person's gaps close, an added one's open
 * Added and removed persons get no other change of their own.  An
 * account in only one snapshot is one account-added or account-removed
 * change and nothing else.
 *
 * The diff borrows the analyses (and through them the accounts and their
 * documents): they must outlive it.
 */
#ifndef RELMAP_DIFF_H
#define RELMAP_DIFF_H

#include "analyze.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum relmap_change_kind {
	RELMAP_CHANGE_ACCOUNT_ADDED = 0,
	RELMAP_CHANGE_ACCOUNT_REMOVED,
	RELMAP_CHANGE_PERSON_ADDED,
	RELMAP_CHANGE_PERSON_REMOVED,
	RELMAP_CHANGE_MOVED,
	RELMAP_CHANGE_ROLE,
	RELMAP_CHANGE_ATTITUDE,
	RELMAP_CHANGE_INFLUENCE,
	RELMAP_CHANGE_TITLE,
	RELMAP_CHANGE_DEPARTMENT,
	RELMAP_CHANGE_COVERAGE,
	RELMAP_CHANGE_MEMBER_ADDED,
	RELMAP_CHANGE_MEMBER_REMOVED,
	RELMAP_CHANGE_GAP_CLOSED,
	RELMAP_CHANGE_GAP_OPENED,
	RELMAP_CHANGE_KIND_COUNT
} relmap_change_kind;

/** "person-added" etc.; NULL if out of range. */
const char *relmap_change_kind_name(relmap_change_kind k);

typedef struct relmap_change {
	relmap_change_kind kind;
	/** The person's or member's id; the account's id for account-added
	 * and -removed; NULL for account-level gaps. */
	const char *id;
	/** Index of the person (member for member-*) in the old and the new
	 * account, -1 where absent (and for account-level gaps). */
	int32_t old_index;
	int32_t new_index;
	/** moved: the managers' ids (NULL: none); role, attitude: names;
	 * title, department: the texts (NULL: not given); person-removed:
	 * the old manager's id (where a renderer draws the ghost). */
	const char *old_text;
	const char *new_text;
	/** influence and coverage: the two values. */
	double old_value;
	double new_value;
	/** coverage: whether the person was and is covered. */
	int old_covered;
	int new_covered;
	/** gap-opened, gap-closed: which gap. */
	relmap_gap_kind gap;
} relmap_change;

typedef struct relmap_account_diff {
	const char *id;
	const relmap_analysis *old_an; /**< NULL when added */
	const relmap_analysis *new_an; /**< NULL when removed */
	relmap_change *changes;
	size_t n_changes;
} relmap_account_diff;

typedef struct relmap_diff {
	/** Accounts in byte order of id; only those with changes. */
	relmap_account_diff *accounts;
	size_t n_accounts;
	size_t n_compared;  /**< accounts in either snapshot */
	size_t n_changes;   /**< over all accounts */
	/** The as-of dates of the two sides (of their first analyses), or
	 * INT32_MIN for a side without accounts. */
	int32_t old_as_of;
	int32_t new_as_of;
} relmap_diff;

typedef struct relmap_diff_options {
	double coverage_threshold; /**< 0.1: smallest coverage step reported */
} relmap_diff_options;

#define RELMAP_DIFF_OPTIONS_INIT { 0.1 }

/**
 * Compare the analyses `old_an[0..n_old)` with `new_an[0..n_new)`, which
 * must have been run with the same analysis options (as-of apart).  Ids
 * must be unique within each list.  *out owns the result
 * (relmap_diff_free).  Returns 0, RELMAP_EUSAGE (threshold outside 0..1,
 * or a NULL analysis) or RELMAP_ENOMEM.
 */
int relmap_diff_run(relmap_diff **out, const relmap_analysis *const *old_an,
		    size_t n_old, const relmap_analysis *const *new_an,
		    size_t n_new, const relmap_diff_options *opts);
void relmap_diff_free(relmap_diff *d);

/** The account's diff, or NULL when it has no changes.  Borrowed. */
const relmap_account_diff *relmap_diff_find_account(const relmap_diff *d,
						    const char *id);

/**
 * Reports of a diff, each a new malloc'd, NUL-terminated buffer *out of
 * *out_len bytes; `old_path` and `new_path` name the snapshots.  Text is
 * one line per change, then one summary line per changed account; JSON
 * and Markdown are described in docs/diff.md.  Return 0 or RELMAP_ENOMEM.
 */
int relmap_diff_report_text(char **out, size_t *out_len, const relmap_diff *d,
			    const char *old_path, const char *new_path);
int relmap_diff_report_json(char **out, size_t *out_len, const relmap_diff *d,
			    const char *old_path, const char *new_path);
int relmap_diff_report_markdown(char **out, size_t *out_len,
				const relmap_diff *d, const char *old_path,
				const char *new_path);

#ifdef __cplusplus
}
#endif
#endif
