/*
 * relmap/analyze.h - coverage, gaps, access paths and the coverage score.
 *
 * Implements the rules of the product brief exactly (docs/analysis.md):
 *   pair strength  max(explicit coverage, 1 - exp(-S)),
 *                  S = sum w(channel) * 0.5^(age_days / half_life)
 *   coverage       max pair strength over members; covered >= threshold
 *   key person     decision-maker or economic-buyer, or influence >= 0.7
 *   gaps           six kinds, see relmap_gap_kind
 *   access paths   maximum product of edge strengths from any member,
 *                  one multi-source search per account; ties within
 *                  epsilon: fewer hops, then smaller id sequence (bytes)
 *   coverage score 100 * covered key influence / key influence
 * Every threshold, weight and the half-life is an option below.
 */
#ifndef RELMAP_ANALYZE_H
#define RELMAP_ANALYZE_H

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct relmap_analysis_options {
	int32_t as_of;              /**< days since 1970-01-01; required */
	double covered_threshold;   /**< 0.4 */
	double key_influence;       /**< 0.7 */
	double blocker_influence;   /**< 0.5 */
	double stale_days;          /**< 90 */
	double half_life_days;      /**< 90 */
	double hierarchy_strength;  /**< 0.5: reports-to and dotted-line hops */
	double tie_epsilon;         /**< 1e-12 */
	double channel_weight[RELMAP_CHANNEL_COUNT]; /**< meeting 1.0, call 0.6,
		email 0.3, event 0.5, support 0.3, social 0.1 (enum order) */
} relmap_analysis_options;

#define RELMAP_ANALYSIS_OPTIONS_INIT \
	{ 0, 0.4, 0.7, 0.5, 90.0, 90.0, 0.5, 1e-12, \
	  { 1.0, 0.6, 0.3, 0.5, 0.3, 0.1 } }

typedef enum relmap_gap_kind {
	RELMAP_GAP_UNCOVERED_DECISION_MAKER = 0, /* error */
	RELMAP_GAP_UNMANAGED_BLOCKER,            /* error */
	RELMAP_GAP_STALE_RELATIONSHIP,           /* warning */
	RELMAP_GAP_SINGLE_THREADED,              /* warning, account-level */
	RELMAP_GAP_MISSING_ECONOMIC_BUYER,       /* warning, account-level */
	RELMAP_GAP_NO_CHAMPION,                  /* warning, account-level */
	RELMAP_GAP_KIND_COUNT
} relmap_gap_kind;

/** "uncovered-decision-maker" etc.; NULL if out of range. */
const char *relmap_gap_kind_name(relmap_gap_kind k);
relmap_severity relmap_gap_kind_severity(relmap_gap_kind k);

typedef struct relmap_gap {
	relmap_gap_kind kind;
	relmap_severity severity;
	int32_t person;        /**< person index, or -1 for account-level gaps */
	int has_path;          /**< path computed and found (error gaps only) */
	double path_strength;  /**< product of the path's edge strengths */
	const int32_t *via;    /**< node indices (see relmap_account_node_id),
				    first a member, last the person */
	size_t via_len;
} relmap_gap;

/** Per-person results, in the account's person order. */
typedef struct relmap_person_result {
	double coverage;        /**< largest pair strength, 0 if none */
	int32_t best_member;    /**< member giving that strength, -1 if none */
	int key;
	int covered;
	int32_t latest_touch;   /**< latest touchpoint date up to as-of, or
				     INT32_MIN when none */
	unsigned gap_mask;      /**< bit (1u << kind) for each person gap */
} relmap_person_result;

/** One (member, person) pair that has coverage or touchpoints. */
typedef struct relmap_pair {
	int32_t member;
	int32_t person;
	double strength;        /**< the pair strength */
	double explicit_strength; /**< largest coverage given, 0 if none */
	double touch_sum;       /**< S, the decayed touchpoint sum */
	size_t n_touchpoints;   /**< counted: dated up to as-of */
} relmap_pair;

typedef struct relmap_analysis {
	const relmap_account *account; /**< borrowed */
	int32_t as_of;
	relmap_person_result *persons; /**< n_persons entries */
	relmap_pair *pairs;            /**< sorted by (person, member) */
	size_t n_pairs;
	relmap_gap *gaps;  /**< kind order, then person order */
	size_t n_gaps;
	size_t n_errors;
	size_t n_warnings;
	size_t n_key;
	size_t n_covered;
	int has_score;     /**< 0 when no key person has influence */
	double coverage_score;
	void *internal;
} relmap_analysis;

/**
 * Analyse one account.  *out owns the result (relmap_analysis_free); it
 * borrows `account`, which must outlive it.  Returns 0, RELMAP_EUSAGE for
 * invalid options, or RELMAP_ENOMEM.
 */
int relmap_analysis_run(relmap_analysis **out, const relmap_account *account,
			const relmap_analysis_options *opts);
void relmap_analysis_free(relmap_analysis *a);

/** Pair strength of (member, person) in this analysis, 0 when none. */
double relmap_analysis_pair_strength(const relmap_analysis *a,
				     int32_t member, int32_t person);

#ifdef __cplusplus
}
#endif
#endif
