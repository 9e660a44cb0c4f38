/*
 * relmap/whatif.h - what-if analysis: accounts without some people, and
 * the single points of failure of an account.
 *
 * relmap_document_without() copies a document leaving out persons and
 * team members, as if they had left: their records and every edge that
 * touches them go (coverage, touchpoints, influence, dotted lines), and
 * their direct reports have no manager.  Analysing the copy gives the
 * same results as analysing a file from which they were deleted by hand;
 * only the positions differ (the copy keeps those of the original file).
 *
 * relmap_spof_find() lists, from one analysis, every person and team
 * member whose departure alone would open an error gap that the
 * analysis does not have, without re-running the analysis per candidate
 * (docs/analysis.md, "What-if and single points of failure").
 */
#ifndef RELMAP_WHATIF_H
#define RELMAP_WHATIF_H

#include <stdio.h>

#include "analyze.h"
#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A new document *out (the caller frees it with relmap_document_free)
 * holding a copy of `doc`'s accounts without the persons and team
 * members whose ids are in ids[0..n_ids).  With `account` non-NULL only
 * that account is copied (it must exist).  The copy owns all its strings;
 * `doc` may be freed first.  Records keep their order and positions;
 * indices are renumbered.
 *
 * Every id must name a person or member of at least one copied account;
 * otherwise one error per unknown id goes to `diags` (may be NULL) and
 * RELMAP_EDATA is returned.  Returns 0, RELMAP_EUSAGE (NULL arguments,
 * unknown account), RELMAP_EDATA or RELMAP_ENOMEM.
 */
int relmap_document_without(relmap_document **out, const relmap_document *doc,
			    const char *account, const char *const *ids,
			    size_t n_ids, relmap_diags *diags);

/** One error gap a departure would open. */
typedef struct relmap_spof_gap {
	relmap_gap_kind kind;   /**< uncovered-decision-maker or unmanaged-blocker */
	int32_t person;         /**< person index in the analysed account */
} relmap_spof_gap;

/** One single point of failure and the gaps its departure would open. */
typedef struct relmap_spof {
	int32_t node;                /**< relmap_account_node_id() numbering */
	const relmap_spof_gap *opens; /**< kind order, then person order */
	size_t n_opens;
} relmap_spof;

typedef struct relmap_spof_list {
	const relmap_analysis *analysis; /**< borrowed */
	relmap_spof *items;              /**< in node order */
	size_t n;
	void *internal;
} relmap_spof_list;

/**
 * The single points of failure of the account analysed by `an` with
 * `opts` (the same options, which the analysis does not keep).  Runs in
 * time linear in the analysis' pairs and persons.  *out borrows `an`,
 * which must outlive it; free it with relmap_spof_list_free().  Opened
 * gaps carry no access paths.  Returns 0, RELMAP_EUSAGE or RELMAP_ENOMEM.
 */
int relmap_spof_find(relmap_spof_list **out, const relmap_analysis *an,
		     const relmap_analysis_options *opts);
/** NULL is a no-op. */
void relmap_spof_list_free(relmap_spof_list *l);

/**
 * The reports of relmap/report.h with the single points of failure of
 * each account: `spofs[i]` belongs to `analyses[i]` (NULL entries, or
 * `spofs` NULL, print none).  Text adds one note line per candidate
 * after the gap lines, before the summaries:
 *   FILE:LINE:COL: note: spof: NAME (ID) leaving opens KIND for NAME (ID), ...
 * JSON adds "spof": [{"id": ..., "opens": [{"kind": ..., "person": ...}]}]
 * to each account whose list is given.  Returns 0 or RELMAP_ENOMEM.
 */
int relmap_report_text_spof(char **out, size_t *out_len, const char *path,
			    const relmap_analysis *const *analyses,
			    const relmap_spof_list *const *spofs, size_t n);
int relmap_report_json_spof(char **out, size_t *out_len,
			    const relmap_analysis *const *analyses,
			    const relmap_spof_list *const *spofs, size_t n);
/** The same written to `f`, as relmap/report.h's _write functions. */
int relmap_report_text_spof_write(FILE *f, const char *path,
				  const relmap_analysis *const *analyses,
				  const relmap_spof_list *const *spofs,
				  size_t n);
int relmap_report_json_spof_write(FILE *f,
				  const relmap_analysis *const *analyses,
				  const relmap_spof_list *const *spofs,
				  size_t n);

#ifdef __cplusplus
}
#endif
#endif
