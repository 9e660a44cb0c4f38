/*
 * relmap/render.h - drawing an analysed account through Graphviz.
 *
 * The styled graph is built with cgraph and laid out and rendered with gvc
 * in-process.  Layout time is bounded: with layout_timeout > 0 the layout
 * and rendering run in a child process, and a layout that runs past the
 * bound is redone without department clusters (a warning in diags says
 * so).  Same input and options give byte-identical output.
 */
#ifndef RELMAP_RENDER_H
#define RELMAP_RENDER_H

#include "analyze.h"
#include "diag.h"
#include "style.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum relmap_format {
	RELMAP_FORMAT_SVG = 0,
	RELMAP_FORMAT_PNG,
	RELMAP_FORMAT_PDF,
	RELMAP_FORMAT_DOT,  /**< the styled graph, before layout */
	RELMAP_FORMAT_JSON, /**< the analysis report (see report.h) */
	RELMAP_FORMAT_COUNT
} relmap_format;

/** "svg", "png", ...; NULL if out of range. */
const char *relmap_format_name(relmap_format f);
/** Parse a -T value (case-insensitive); 0 or RELMAP_EUSAGE. */
int relmap_format_parse(relmap_format *out, const char *name);
/** Format from a file name's extension; 0 or RELMAP_EUSAGE. */
int relmap_format_from_path(relmap_format *out, const char *path);

/** Is `engine` one of dot, neato, fdp, sfdp, circo, twopi? */
int relmap_engine_valid(const char *engine);

typedef struct relmap_render_options {
	const char *engine;    /**< "dot" */
	int clusters;          /**< department clusters (1) */
	int legend;            /**< draw the legend (1) */
	int title;             /**< draw the title block (1) */
	double layout_timeout; /**< seconds (10); <= 0: no bound, in-process */

	/*
	 * Big accounts (docs/big-accounts.md): which persons are drawn.
	 * focus keeps only the persons and team members within focus_hops
	 * edges (of every kind) of one person or member id; an unknown id is
	 * RELMAP_EUSAGE.  view RELMAP_VIEW_COLLAPSE folds every subtree of
	 * the reporting tree holding no key person and no gap into one
	 * summary node; RELMAP_VIEW_AUTO does so only when more than
	 * collapse_above persons would be drawn, with a warning in diags;
	 * RELMAP_VIEW_FULL draws everyone kept.
	 */
	int view;              /**< RELMAP_VIEW_AUTO */
	size_t collapse_above; /**< 500 */
	const char *focus;     /**< NULL: no focus */
	int focus_hops;        /**< 2 */
} relmap_render_options;

enum {
	RELMAP_VIEW_AUTO = 0,
	RELMAP_VIEW_FULL,
	RELMAP_VIEW_COLLAPSE
};

#define RELMAP_RENDER_OPTIONS_INIT \
	{ "dot", 1, 1, 1, 10.0, RELMAP_VIEW_AUTO, 500, NULL, 2 }

/**
 * Render `an` (and the account it borrows) to `fmt` (svg, png, pdf or dot)
 * in memory.  On success *out is a malloc'd buffer of *out_len bytes (a
 * NUL follows it, not counted) that the caller frees.  Returns 0,
 * RELMAP_EUSAGE (bad format or engine), RELMAP_ETIMEOUT (even the
 * unclustered layout ran out of time), RELMAP_EINTERNAL (Graphviz failed)
 * or RELMAP_ENOMEM.  Warnings go to diags.
 */
int relmap_render(char **out, size_t *out_len, const relmap_analysis *an,
		  const relmap_style *style, relmap_format fmt,
		  const relmap_render_options *opts, relmap_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
