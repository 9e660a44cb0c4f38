/*
 * style_internal.h - a loaded style sheet, as the renderer reads it.
 *
 * A style sheet (docs/style.md) is applied on top of the built-in default,
 * so a loaded style always holds every setting.  Graphviz attributes are
 * kept per kind of drawn object as (name, value) lists in the order they
 * were first given, and passed through to Graphviz unchanged; relmap's own
 * settings (the hyphenated attribute names of the sheet, and a few texts)
 * are typed fields.  All strings live in the style's arena and are freed
 * by relmap_style_free().
 */
#ifndef RELMAP_STYLE_INTERNAL_H
#define RELMAP_STYLE_INTERNAL_H

#include <stddef.h>

#include "arena.h"
#include "relmap/diag.h"
#include "relmap/model.h"
#include "relmap/style.h"

typedef struct style_attr {
	const char *name;
	const char *value;
} style_attr;

typedef struct style_attrs {
	style_attr *items;
	size_t count;
	size_t cap;
} style_attrs;

/* Edge kinds a style sheet draws differently (<edge kind=...>). */
typedef enum style_edge {
	STYLE_EDGE_REPORTS_TO = 0,
	STYLE_EDGE_DOTTED_LINE,
	STYLE_EDGE_INFLUENCE,
	STYLE_EDGE_CONFLICT,  /* an influence with a negative weight */
	STYLE_EDGE_COVERAGE,
	STYLE_EDGE_COUNT
} style_edge;

/* Coverage strength bands (<band name=...>), strongest first. */
typedef enum style_band {
	STYLE_BAND_STRONG = 0,
	STYLE_BAND_MEDIUM,
	STYLE_BAND_WEAK,
	STYLE_BAND_COUNT
} style_band;

struct relmap_style {
	arena *arena;
	const char *name;  /* the file name or "default", for messages */

	const char *font;  /* <font name>: every text in the map */

	/* Graphviz attributes, by what they style. */
	style_attrs graph;  /* the root graph */
	style_attrs person; /* every person node */
	style_attrs attitude[RELMAP_ATTITUDE_COUNT];
	style_attrs role[RELMAP_ROLE_COUNT];
	style_attrs gap;    /* persons with an error gap (uncovered key...) */
	style_attrs member; /* team member nodes */
	style_attrs team;   /* the team cluster */
	style_attrs department; /* department clusters */
	style_attrs edge[STYLE_EDGE_COUNT];
	style_attrs band[STYLE_BAND_COUNT]; /* on top of edge[COVERAGE] */
	style_attrs legend; /* the legend cluster */
	style_attrs title;  /* labelloc, labeljust of the title block */
	style_attrs summary; /* summary nodes of folded persons (view.h) */

	/* relmap's own settings.  A colour that is "" means the text keeps
	 * the colour of the node or cluster it is in. */
	double person_penwidth_min; /* border width at influence 0 */
	double person_penwidth_max; /* ... and at influence 1 */
	double title_fontsize;      /* a person's job title line */
	double title_wrap;          /* wrap titles at this many characters,
				       0: never */
	const char *title_fontcolor;
	double department_fontsize; /* a person's department line */
	const char *department_fontcolor;
	double member_role_fontsize;
	const char *member_role_fontcolor;
	const char *gap_marker;     /* the label line of a gap, "⚠ GAP" */
	double gap_marker_fontsize;
	const char *gap_marker_fontcolor;
	const char *gap_marker_fillcolor; /* the marker's badge, "" for none */
	/* Edge width by |weight| or strength, for influence, conflict and
	 * coverage; unused (0) for reports-to and dotted-line. */
	double edge_penwidth_min[STYLE_EDGE_COUNT];
	double edge_penwidth_max[STYLE_EDGE_COUNT];
	double band_min[STYLE_BAND_COUNT]; /* 0.7, 0.4, 0 */
	/* Reports who manage nobody are spread over this many ranks under a
	 * manager with more of them (Graphviz's unflatten -l), which keeps
	 * wide teams from making the map wide; 1: all on one rank. */
	double leaf_stagger;
	/* Stacking (view.h): a manager's reports are put in fewer columns,
	 * one under another, while its part of the chart would be more than
	 * stack_width boxes wide and more than stack_ratio times as wide (in
	 * boxes) as it is tall (in ranks); stack_width 0: never. */
	double stack_width;
	double stack_ratio;
	const char *team_label;     /* "Our team" */
	const char *legend_label;   /* "Legend" */
	double legend_item_fontsize;
	const char *legend_item_fontcolor;
	double title_name_fontsize; /* the account name in the title block */
	const char *title_name_fontcolor;
	double title_detail_fontsize; /* the line under it */
	const char *title_detail_fontcolor;
};

/* The value of `name` in `a`, or NULL when not set (or set to ""). */
const char *style_attrs_get(const style_attrs *a, const char *name);

/* Set `name` to `value` (both copied into the arena), replacing an earlier
 * value in place so the first-given order stays.  0 or RELMAP_ENOMEM. */
int style_attrs_set(arena *ar, style_attrs *a, const char *name,
		    const char *value);

/* "reports-to", ... and "strong", ... as a style sheet names them. */
const char *style_edge_name(style_edge e);
const char *style_band_name(style_band b);

/* Which band a coverage strength falls in. */
style_band style_band_of(const relmap_style *st, double strength);

/*
 * Apply the style sheet in `data` on top of `st` (which holds the defaults
 * already, or relmap's fallbacks for the built-in default itself).  Every
 * problem is a positioned diagnostic naming `file`.  `check_schema` also
 * validates against the XSD (the built-in sheet skips it: a test does it
 * once, and compiling the schema is most of the cost of loading a style).
 * 0, RELMAP_EDATA, RELMAP_EINTERNAL or RELMAP_ENOMEM.  (style_parse.c)
 */
int style_apply_sheet(relmap_style *st, const char *data, size_t len,
		      const char *file, int check_schema, relmap_diags *diags);

#endif
