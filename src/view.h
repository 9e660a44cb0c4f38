/*
 * view.h - which persons of a big account are drawn, and how.
 *
 * A view is computed from an analysed account before the Graphviz graph
 * is built (render_graph.c reads it; docs/big-accounts.md describes it
 * for users):
 *
 *  - focus: only persons and team members within `hops` edges of one id
 *    are kept, counting every edge kind in both directions (reports-to,
 *    dotted-line, influence, and coverage: a (member, person) pair with a
 *    strength above 0); everyone else is hidden.
 *  - collapse: among the kept persons, every subtree of the reporting
 *    tree that holds no key person, no person with a gap and not the
 *    focus is folded.  The folded subtrees hanging under one drawn
 *    manager (or, with no drawn manager, at the top) become one summary
 *    node, "+37 in Engineering".  A group of one person is drawn as that
 *    person: a summary would hide more than it saves.  So every key
 *    person, every gap person and their whole manager chains are drawn.
 *  - stacking: a manager's drawn reports who have no drawn reports of
 *    their own (summaries count) are spread over several ranks when
 *    there are more than the style allows on one (see view_stack).
 *
 * Ownership: a view borrows nothing after view_build returns except the
 * department strings of the account (summaries point at them), so it
 * must not outlive the account.
 */
#ifndef RELMAP_VIEW_H
#define RELMAP_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "relmap/analyze.h"
#include "relmap/diag.h"

/* view.person[i] values other than a summary index (>= 0). */
enum { VIEW_DRAWN = -1, VIEW_HIDDEN = -2 };

typedef struct view_options {
	const char *focus; /* person or member id, NULL: everyone */
	int hops;          /* with focus: how far (>= 0) */
	int collapse;      /* fold subtrees with no key or gap person ... */
	size_t collapse_above; /* ... when more persons than this are kept */
	/* For --audience customer: fold by the chart's shape alone, not by
	 * key persons and gaps (which persons stay drawn would tell the
	 * customer who we think matters): every manager stays, the reports
	 * who manage nobody are folded; and a focus counts hops along
	 * reports-to and dotted lines only, from a person. */
	int neutral;
	/* With collapse: persons fewer than keep_depth levels below the top
	 * of the kept chart stay drawn too (0: only what the rules above
	 * keep).  Fitting a map to a page folds level by level this way. */
	int keep_depth;
	/* Which persons collapsing keeps (with their managers): 0 key
	 * persons and persons with any gap, 1 only persons with an error gap
	 * (an uncovered decision maker, an unmanaged blocker), 2 none. */
	int keep_rule;
	/* Persons that may be drawn at all (1), NULL for everyone: a deck's
	 * page of one part of the chart.  The others are hidden, as the
	 * focus hides. */
	const unsigned char *only;
} view_options;

typedef struct view_summary {
	int32_t manager;        /* drawn person it hangs under, -1: none */
	int32_t first;          /* the first folded person (file order) */
	size_t count;           /* persons folded into it */
	size_t covered;         /* ... of whom covered */
	const char *department; /* shared by all of them, NULL if not */
} view_summary;

typedef struct view {
	size_t n_persons, n_members;
	int32_t *person;          /* VIEW_DRAWN, VIEW_HIDDEN or a summary */
	unsigned char *member;    /* 1: drawn */
	view_summary *summaries;
	size_t n_summaries;
	size_t n_drawn;           /* persons drawn as themselves */
	size_t n_folded;          /* persons in summaries */
	size_t n_kept;            /* persons kept by the focus (all without) */
	int neutral;              /* view_options.neutral */
	/* A collapsed view whose dotted and influence lines would cross so
	 * many ranks of the stacked chart that dot would crawl: they are
	 * left out (view_stack sets it; render.c says so). */
	int lines_off;
	int depth;                /* levels of the kept chart (1: flat) */
	int32_t focus_person;     /* index, or -1 */
	int32_t focus_member;     /* index, or -1 */
	/* Whether coverage is drawn as lines from the team.  A view that
	 * folded persons writes each drawn person's best coverage on them
	 * instead: the team sits on the top rank, so every coverage line
	 * crosses the chart, and at 3,000 persons the few hundred left still
	 * made the map three times wider and dot five times slower. */
	int coverage_lines;
	/* Coverage as chips on the cards (render_chips.c): set by the
	 * renderer for --coverage cards, the default, when it is ours to
	 * show (not for the customer); coverage_lines is then 0. */
	int chips;
	/* Minimum rank length of the reports-to edge into each drawn person
	 * and each summary (1 unless stacked); filled by view_stack.  For a
	 * person or summary with no drawn manager it is the length below a
	 * virtual top above the chart, which stacks an account with many
	 * persons and no reporting lines too; top_stacked says whether any
	 * such length is over 1 (the renderer then draws an invisible top
	 * node with invisible edges of those lengths). */
	int top_stacked;
	unsigned *person_minlen;
	unsigned *summary_minlen;
} view;

/*
 * Compute the view of `an` (its account must stay alive).  An unknown
 * focus id is RELMAP_EUSAGE with an error in diags naming it.  0,
 * RELMAP_EUSAGE or RELMAP_ENOMEM.
 */
int view_build(view **out, const relmap_analysis *an, const view_options *o,
	       relmap_diags *diags);

/*
 * Stacking, bottom-up over the drawn tree (summaries included).  A
 * manager's reports (whole subtrees) are first placed side by side; while
 * that makes the manager's subtree more than `width` nodes wide and wider
 * than `ratio` times its height in ranks, they are placed in fewer
 * columns, each report under the column that is shortest so far (its
 * reports-to edge gets the minimum length that puts it there).  Width 0
 * never stacks.  A manager not stacked whose reports include more than
 * `stagger` who manage nobody has those spread over `stagger` ranks in
 * turn (leaf-stagger, as Graphviz's unflatten -l).  When the stacked
 * chart would have the non-tree lines drawn (coverage from the top rank,
 * dotted lines, influence) cross more than a few thousand ranks in all,
 * the chart stays unstacked: dot makes a virtual node per crossing and
 * slows down sharply.  0 or RELMAP_ENOMEM.
 */
int view_stack(view *v, const relmap_analysis *an, unsigned stagger,
	       unsigned width, double ratio);

/*
 * How many pieces the drawn chart's departments fall into: a drawn person
 * or summary with a department starts a piece unless its drawn manager
 * has the same department.  *n_departments gets the number of distinct
 * departments drawn.  A department cluster must be one box, so a chart
 * whose departments are spread over many subtrees is drawn very wide with
 * clusters.  Returns (size_t)-1 when out of memory.
 */
/*
 * Whether a dotted line or an influence between persons x and y is drawn:
 * both must be drawn, and in a view that folded persons both must be what
 * the view is about (key persons, gap persons, the focus; in a neutral
 * view any drawn person).  An overview of a few thousand persons with
 * every line between them is unreadable, and the lines are what keeps
 * dot from stacking the chart (view_stack); --focus shows them all.
 */
int view_draws_line(const view *v, const relmap_analysis *an, int32_t x,
		    int32_t y);

size_t view_department_pieces(const view *v, const relmap_analysis *an,
			      size_t *n_departments);

void view_free(view *v); /* NULL is a no-op */

#endif
