/*
 * diff_internal.h - the words of a change, shared by the text and
 * Markdown diff reports so they say the same thing.
 */
#ifndef RELMAP_DIFF_INTERNAL_H
#define RELMAP_DIFF_INTERNAL_H

#include <stdio.h>

#include "relmap/diff.h"
#include "report_internal.h"

/* The change's description without account or kind, e.g.
 * "Ana Ruiz (p3): manager p1 -> none" or "uncovered-decision-maker
 * (error): Tom Ng (p2)".  Input text goes through `put`. */
void diff_change_message(FILE *f, const relmap_account_diff *ad,
			 const relmap_change *c, report_put_fn put);

/* The account the change's person or member is in: the new one, or the
 * old one when it is gone. */
const relmap_account *diff_change_account(const relmap_account_diff *ad,
					  const relmap_change *c);

/* "62.5", or "n/a" without a score or analysis. */
void diff_put_score(FILE *f, const relmap_analysis *an);

#endif
