/*
 * relmap/render.h - drawing an analysed account through Graphviz.
 *
 * The styled graph is built with cgraph and laid out and rendered with gvc
 * in-process.  Layout time is bounded: with layout_timeout > 0 a Graphviz
 * engine's layout and rendering run in a child process, and a layout that
 * runs past the bound is redone without department clusters (a warning in
 * diags says so).  The org engine's layout cannot run away: it is measured,
 * laid out and drawn in this process, which then has Graphviz, pango and
 * their threads running; a process that forks workers should do so before
 * (batch.h does).  Same input and options give byte-identical output,
 * whatever the process drew before.
 */
#ifndef RELMAP_RENDER_H
#define RELMAP_RENDER_H

#include "analyze.h"
#include "diag.h"
#include "diff.h"
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
	/** One self-contained page: the SVG map, the account's data as JSON
	 * and a viewer script, all inline (docs/html.md). */
	RELMAP_FORMAT_HTML,
	RELMAP_FORMAT_COUNT
} relmap_format;

/** "svg", "png", ...; NULL if out of range. */
const char *relmap_format_name(relmap_format f);
/** Parse a -T value (case-insensitive); 0 or RELMAP_EUSAGE. */
int relmap_format_parse(relmap_format *out, const char *name);
/** Format from a file name's extension; 0 or RELMAP_EUSAGE. */
int relmap_format_from_path(relmap_format *out, const char *path);

/** Is `engine` one of org, dot, neato, fdp, sfdp, circo, twopi? */
int relmap_engine_valid(const char *engine);

/**
 * Who the map is for.  The customer view is the org chart alone: names,
 * titles, departments, reporting and dotted lines, every node drawn alike.
 * Attitudes, influence, buying roles, touchpoints and their sentiment,
 * coverage, gaps, our team, the legend and the title block's figures are
 * left out of the output altogether (not hidden: absent).
 */
typedef enum relmap_audience {
	RELMAP_AUDIENCE_TEAM = 0, /**< everything: our own planning view */
	RELMAP_AUDIENCE_CUSTOMER
} relmap_audience;

/** "team" or "customer"; 0 or RELMAP_EUSAGE. */
int relmap_audience_parse(relmap_audience *out, const char *name);

/** How coverage by our team is shown. */
typedef enum relmap_coverage_mode {
	/** On each person's card: a chip per team member with the member's
	 * initials on the colour of the strength band, strongest first; the
	 * team stands in a row above the chart with the same initials. */
	RELMAP_COVERAGE_CARDS = 0,
	/** Lines from the team to each person covered, coloured and sized by
	 * strength (the brief's first rendering). */
	RELMAP_COVERAGE_LINES
} relmap_coverage_mode;

/** "cards" or "lines"; 0 or RELMAP_EUSAGE. */
int relmap_coverage_mode_parse(relmap_coverage_mode *out, const char *name);

/**
 * Where a render's time went, in seconds of wall time, added up over the
 * renders it is given to (render --profile).  A bounded Graphviz layout
 * runs in a child process and draws there too: then `layout` holds both.
 */
typedef struct relmap_render_profile {
	double view;    /**< choosing the persons drawn (focus, collapse, fold) */
	double graph;   /**< building the styled graph */
	double measure; /**< org engine: Graphviz measuring the cards */
	double layout;  /**< placing them: the org layout or a Graphviz engine */
	double drawing; /**< Graphviz drawing the output (or writing DOT) */
	double post;    /**< relmap's post-processing of the output */
	/** Waiting for Graphviz to finish starting in the background
	 * (relmap_render_warm_up). */
	double start;
} relmap_render_profile;

typedef struct relmap_render_options {
	/**
	 * "org" (the default): relmap's compact org chart, laid out by relmap
	 * from the sizes Graphviz measures and drawn by Graphviz: reports who
	 * manage nobody stacked in two columns under their manager, subtrees
	 * side by side and wrapped into rows for the page's shape, departments
	 * as boxes around their part of the chart, the team and the legend in
	 * a strip under the title.  Or a Graphviz engine: "dot" (the
	 * hierarchical layout), neato, fdp, sfdp, circo, twopi.
	 */
	const char *engine;
	int clusters;          /**< department clusters (1) */
	int legend;            /**< draw the legend (1) */
	int title;             /**< draw the title block (1) */
	double layout_timeout; /**< seconds (10); <= 0: no bound, in-process */

	/* Pages and pixels.  With a page, the whole drawing (title block and
	 * legend included) is scaled to fit inside the page less the margin
	 * on every side and centred on it, so the output has exactly the
	 * page's size and aspect ratio.  Lengths are in points (1/72 in). */
	double page_width;     /**< 0: the drawing's own size */
	double page_height;
	double page_margin;    /**< 18 (a quarter inch) */
	double dpi;            /**< PNG pixels per inch (192: slide-sharp) */
	int transparent;       /**< no background (0) */
	relmap_audience audience; /**< RELMAP_AUDIENCE_TEAM */

	/* ---- render --diff: the changes marked on the map ---- */
	/**
	 * NULL (the default), or a diff whose NEW side is the analysis
	 * drawn: the account's changes (found by its id) are marked, added
	 * persons with a NEW badge and border, changed ones with a line per
	 * change, removed ones as faded ghost nodes under their old manager,
	 * and a legend block explains the marks (docs/diff.md).  Borrowed.
	 */
	const relmap_diff *diff;

	/* -- exact text (issue 4) --
	 * text_as_paths: SVG whose text is glyph outlines, drawn by Graphviz's
	 * cairo SVG renderer ("svg:cairo"), for slide tools without the font.
	 * It has no <text> element, and cairo draws a picture without
	 * Graphviz's structure: no node ids, classes, tooltips or links (the
	 * document <title> and <desc> are still added).  Ignored for other
	 * formats.  (0) */
	int text_as_paths;

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

	relmap_coverage_mode coverage; /**< RELMAP_COVERAGE_CARDS */
	/**
	 * Legibility on a page (7 pt): with a page, the org engine and the
	 * automatic view, a map whose person text would come out smaller
	 * than this on the page (font size times the page's scale) is folded
	 * level by level, as collapsing does, until it reaches this size,
	 * with a warning.  0 never folds for the page.
	 */
	double min_text;

	/** NULL (the default), or where to add up the time of each phase. */
	relmap_render_profile *profile;
} relmap_render_options;

enum {
	RELMAP_VIEW_AUTO = 0,
	RELMAP_VIEW_FULL,
	RELMAP_VIEW_COLLAPSE
};

#define RELMAP_RENDER_OPTIONS_INIT \
	{ "org", 1, 1, 1, 10.0, 0, 0, 18.0, 192.0, 0, RELMAP_AUDIENCE_TEAM, \
	  NULL, 0, RELMAP_VIEW_AUTO, 500, NULL, 2, RELMAP_COVERAGE_CARDS, 7.0, \
	  NULL }

/**
 * Page size from a name or WxH: "16:9" (13.333 x 7.5 in), "4:3" (10 x
 * 7.5 in), "16:10", "a4", "a3", "letter" (landscape; "a4-portrait" etc.
 * upright), or "WxH" with a unit in, cm, mm, pt or px (1/96 in) after H
 * and optionally after W ("1920x1080px", "20cmx4in"), each side from 1 to
 * 200 inches.  0 and the size in points, or RELMAP_EUSAGE.
 */
int relmap_page_parse(double *width, double *height, const char *spec);

/** A length with a unit (in, cm, mm, pt, px) in points; 0 or RELMAP_EUSAGE. */
int relmap_length_parse(double *points, const char *spec);

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

/**
 * Start Graphviz in a background thread: its plugins, pango and
 * fontconfig, and the faces and sizes of `style`'s font, and the writer of
 * `fmt`.  None of it depends on the account, and at 1,000 persons it is a
 * quarter of a render, so a caller that starts it before loading and
 * analysing the account has the map sooner on a machine with a second
 * core.  fontconfig's start (about 5 ms) is read on the calling thread
 * meanwhile.  `style` may be NULL: the thread then waits, after loading
 * the plugins, for relmap_render_warm_fonts (or relmap_render_warm_wait).
 * The next call that uses Graphviz (relmap_render, relmap_render_deck,
 * relmap_batch_render, ...) waits for the thread first, so the thread is
 * Graphviz's only user while it runs; the maps drawn are the same bytes
 * with or without it.  A no-op when Graphviz was started already or the
 * thread cannot be made.  0 or RELMAP_ENOMEM.
 */
int relmap_render_warm_up(const relmap_style *style, relmap_format fmt);

/** The style's fonts for a warm-up started without them (a no-op
 * otherwise).  0 or RELMAP_ENOMEM. */
int relmap_render_warm_fonts(const relmap_style *style);

/** Wait for relmap_render_warm_up's thread (a no-op when none runs).
 * Call it before exiting when no render followed. */
void relmap_render_warm_wait(void);

/**
 * A deck: one account's map as a sequence of legible pages
 * (docs/layout.md, "Decks").  Page 1 is the overview: the top of the chart,
 * every key person and gap as far as they fit, the rest folded into
 * summaries that name the page where they are drawn ("+17 under Olusegun
 * Adeyemi -> p. 4").  Each further page draws the part of the chart one
 * summary folds: a manager and their reports, folded again and split
 * until every page is legible.  Every person of the account is drawn on at
 * least one page; every page has the title block with its page number.
 */
typedef struct relmap_deck relmap_deck;

/**
 * Render `an` as a deck in `fmt` (svg, png or pdf: one file per page).
 * Pages are opts' page, 16:9 when it has none; person text is at least
 * 8 pt on every page, or opts->min_text when that is larger (with
 * warnings for a card that cannot be, such as a name of 4,096 letters).
 * --focus does not go with a deck (RELMAP_EUSAGE).  0, RELMAP_EUSAGE,
 * RELMAP_EINTERNAL or RELMAP_ENOMEM; *out is freed with relmap_deck_free.
 */
int relmap_render_deck(relmap_deck **out, const relmap_analysis *an,
		       const relmap_style *style, relmap_format fmt,
		       const relmap_render_options *opts, relmap_diags *diags);

/** How many pages. */
size_t relmap_deck_count(const relmap_deck *d);
/** Page i (from 0): its bytes (borrowed, with a NUL after *len bytes). */
const char *relmap_deck_page(const relmap_deck *d, size_t i, size_t *len);
/** The persons drawn on page i, as indices into the account's persons
 * (borrowed), *n of them, in file order: for slide notes and alt text. */
const int32_t *relmap_deck_persons(const relmap_deck *d, size_t i,
				   size_t *n);
void relmap_deck_free(relmap_deck *d); /**< NULL is a no-op */

/**
 * One PDF of a deck rendered as SVG: a page per deck page, each the deck's
 * page size, drawn by librsvg onto cairo's PDF surface (text stays text),
 * dated the analysis's as-of date so the bytes do not change between runs.
 * 0, RELMAP_EUSAGE (not an SVG deck), RELMAP_EINTERNAL or RELMAP_ENOMEM;
 * *out is malloc'd (*len bytes).
 */
int relmap_deck_pdf(char **out, size_t *len, const relmap_deck *svg_deck,
		    relmap_diags *diags);

/**
 * A PowerPoint file (.pptx) of a deck rendered as SVG, for the analysis
 * `an` it was rendered from: a 16:9 slide per page, each one picture (the
 * SVG, with a PNG of it at 96 dpi as the fallback PowerPoint expects),
 * whose alternative text and the slide's notes list the persons on the
 * page.  Same deck, same bytes.  0, RELMAP_EUSAGE (not an SVG deck),
 * RELMAP_EINTERNAL or RELMAP_ENOMEM; *out is malloc'd (*len bytes).
 */
int relmap_deck_pptx(char **out, size_t *len, const relmap_deck *svg_deck,
		     const relmap_analysis *an, relmap_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
