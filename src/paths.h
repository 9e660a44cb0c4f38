/*
 * paths.h - access paths: the strongest route from our team to a person.
 *
 * One multi-source search per account finds, for every target person, the
 * path from any team member that maximises the product of its edge
 * strengths (docs/analysis.md, "Access paths").  Edges:
 *   member -> person   the pair strength, when > 0 (members only start paths)
 *   person <-> person  influence with positive weight (strength = weight)
 *   person <-> person  reports-to and dotted-line (hierarchy_strength)
 * Ties within `eps`: fewer hops, then the smaller sequence of ids compared
 * byte by byte from the member to the target.
 */
#ifndef RELMAP_PATHS_H
#define RELMAP_PATHS_H

#include <stddef.h>
#include <stdint.h>

#include "relmap/analyze.h"

typedef struct access_path {
	int found;
	double strength;      /* product of the edge strengths */
	const int32_t *via;   /* node indices, member first; into the pool */
	size_t via_len;       /* hops + 1 */
} access_path;

/*
 * Fill out[i] for each of the n_targets person indices in `targets`
 * (distinct).  `pairs` are the account's member-person pairs.  Every
 * out[i].via points into one array returned in *pool (malloc'd; the
 * caller frees it, NULL when no path was found).  Returns 0 or
 * RELMAP_ENOMEM.
 */
int paths_search(access_path *out, int32_t **pool, const relmap_account *a,
		 const relmap_pair *pairs, size_t n_pairs,
		 const int32_t *targets, size_t n_targets,
		 double hierarchy_strength, double eps);

#endif
