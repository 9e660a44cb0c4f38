/*
 * cli.h - what the verbs of the relmap command share.
 *
 * The CLI uses the public API only.  Each verb is cmd_<verb>() in
 * src/cli/cmd_<verb>.c and returns the process exit code.
 */
#ifndef RELMAP_CLI_H
#define RELMAP_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "relmap/relmap.h"

/* The brief's exit codes (sysexits.h values). */
enum {
	EXIT_GAPS = 1,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74
};

int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_accounts(int argc, char **argv);

/* Map a RELMAP_E* code to an exit code. */
int cli_exit_code(int rc);

/* Print every diagnostic as FILE:LINE:COL: SEVERITY: MESSAGE, then a note
 * when some were suppressed; clears the list. */
void cli_print_diags(relmap_diags *d);

/* "relmap VERB: error: MESSAGE" and a pointer to --help; returns 64. */
int cli_usage_error(const char *verb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse a finite number, whole string; 0 or -1. */
int cli_parse_number(double *out, const char *s);

/*
 * Options every analysing verb takes: --as-of and the thresholds.  Their
 * long options start at CLI_OPT_ANALYSIS; add CLI_ANALYSIS_LONG_OPTIONS to
 * a verb's table and pass unknown option codes to cli_analysis_option().
 */
enum {
	CLI_OPT_ANALYSIS = 1000,
	CLI_OPT_AS_OF = CLI_OPT_ANALYSIS,
	CLI_OPT_COVERED,
	CLI_OPT_KEY_INFLUENCE,
	CLI_OPT_BLOCKER_INFLUENCE,
	CLI_OPT_STALE_DAYS,
	CLI_OPT_HALF_LIFE,
	CLI_OPT_HIERARCHY,
	CLI_OPT_CHANNEL_WEIGHT,
	CLI_OPT_ANALYSIS_END
};

#define CLI_ANALYSIS_LONG_OPTIONS                                             \
	{ "as-of", required_argument, NULL, CLI_OPT_AS_OF },                  \
	{ "covered-threshold", required_argument, NULL, CLI_OPT_COVERED },    \
	{ "key-influence", required_argument, NULL, CLI_OPT_KEY_INFLUENCE },  \
	{ "blocker-influence", required_argument, NULL,                       \
	  CLI_OPT_BLOCKER_INFLUENCE },                                        \
	{ "stale-days", required_argument, NULL, CLI_OPT_STALE_DAYS },        \
	{ "half-life", required_argument, NULL, CLI_OPT_HALF_LIFE },          \
	{ "hierarchy-strength", required_argument, NULL, CLI_OPT_HIERARCHY }, \
	{ "channel-weight", required_argument, NULL, CLI_OPT_CHANNEL_WEIGHT }

#define CLI_ANALYSIS_HELP                                                     \
	"Analysis options (defaults from the brief):\n"                      \
	"      --as-of DATE              analyse as of DATE (YYYY-MM-DD); default:\n" \
	"                                the file's as-of, else today (UTC)\n"  \
	"      --covered-threshold X     coverage that counts as covered (0.4)\n" \
	"      --key-influence X         influence that makes a key person (0.7)\n" \
	"      --blocker-influence X     influence of an unmanaged blocker (0.5)\n" \
	"      --stale-days N            days after which a relationship is stale (90)\n" \
	"      --half-life N             half-life of a touchpoint in days (90)\n" \
	"      --hierarchy-strength X    path strength of a reporting line (0.5)\n" \
	"      --channel-weight CH=W     weight of a channel: meeting 1.0, call 0.6,\n" \
	"                                event 0.5, email 0.3, support 0.3, social 0.1\n"

typedef struct cli_analysis_args {
	relmap_analysis_options opts;
	int has_as_of;
} cli_analysis_args;

#define CLI_ANALYSIS_ARGS_INIT { RELMAP_ANALYSIS_OPTIONS_INIT, 0 }

/* Handle one analysis option; returns 0, or 64 after printing the error. */
int cli_analysis_option(const char *verb, cli_analysis_args *a, int opt,
			const char *arg);

/*
 * Options for reading INPUT: CSV exports (--preset, --map, --ragged,
 * --csv).  Long options from CLI_OPT_INPUT; pass their codes to
 * cli_input_option().
 */
enum {
	CLI_OPT_INPUT = 1100,
	CLI_OPT_PRESET = CLI_OPT_INPUT,
	CLI_OPT_MAP,
	CLI_OPT_RAGGED,
	CLI_OPT_CSV,
	CLI_OPT_DB,
	CLI_OPT_LIMIT,
	CLI_OPT_STRICT,
	CLI_OPT_EXPLAIN,
	CLI_OPT_SQL,
	CLI_OPT_TABLE
};

#define CLI_INPUT_LONG_OPTIONS                                                \
	{ "preset", required_argument, NULL, CLI_OPT_PRESET },                \
	{ "map", required_argument, NULL, CLI_OPT_MAP },                      \
	{ "ragged", required_argument, NULL, CLI_OPT_RAGGED },                \
	{ "csv", no_argument, NULL, CLI_OPT_CSV },                            \
	{ "db", required_argument, NULL, CLI_OPT_DB },                        \
	{ "limit", required_argument, NULL, CLI_OPT_LIMIT },                  \
	{ "strict", no_argument, NULL, CLI_OPT_STRICT },                      \
	{ "explain-columns", no_argument, NULL, CLI_OPT_EXPLAIN },            \
	{ "sql", required_argument, NULL, CLI_OPT_SQL },                      \
	{ "table", required_argument, NULL, CLI_OPT_TABLE }

#define CLI_INPUT_HELP                                                        \
	"Input: an XML file in relmap's format, or a CSV export of persons when\n" \
	"INPUT ends in .csv or one of these is given (see docs/csv.md):\n"      \
	"      --preset NAME             column names of salesforce, hubspot or\n" \
	"                                dynamics exports\n"                     \
	"      --map FIELD=COLUMN        read FIELD from COLUMN (repeatable); fields:\n" \
	"                                account, id, name, first-name, last-name,\n" \
	"                                title, department, reports-to, role,\n" \
	"                                influence, attitude, email, url,\n"     \
	"                                account-name, account-type, industry\n" \
	"      --ragged error|pad        rows with too few or too many fields: an\n" \
	"                                error (default), or pad/truncate and warn\n" \
	"      --csv                     read INPUT as CSV whatever its name\n"   \
	"      --strict                  RFC 4180 quotes: a quote inside an unquoted\n" \
	"                                field is an error (default: kept, warned)\n" \
	"      --explain-columns         say which column became which field\n" \
	"      --sql \"SELECT ...\"        INPUT is an SQLite database (opened read-only):\n" \
	"                                read the persons from this one SELECT\n" \
	"      --table NAME              ... or from every row of table NAME\n" \
	"With CSV, --account names the account of rows without an account column.\n" \
	"      --db DB                   read the accounts from the relmap database DB\n" \
	"                                (see 'relmap import') instead of INPUT;\n" \
	"                                --account picks one.  DB is a SQLite file\n" \
	"                                or postgresql://... (PostgreSQL)\n"      \
	"      --limit NAME=N            lower or raise a loader limit (repeatable):\n" \
	"                                max_bytes, max_accounts, max_persons,\n" \
	"                                max_edges, max_text, max_columns; 0: none\n" \
	"                                (see docs/limits.md)\n"

typedef struct cli_input_args {
	relmap_csv_options csv;
	int is_csv;
	const char *db; /* --db: read from this store, opened read-only */
	/* --sql, --table: INPUT is another program's SQLite database. */
	const char *sql, *table;
	/* Accept edges CSV files (coverage, touchpoints): only import can
	 * use them, by attaching them to stored persons. */
	int allow_edges;
} cli_input_args;

#define CLI_INPUT_ARGS_INIT { RELMAP_CSV_OPTIONS_INIT, 0, NULL, NULL, NULL, 0 }

/* Handle one input option; returns 0, or 64 after printing the error. */
int cli_input_option(const char *verb, cli_input_args *in, int opt,
		     const char *arg);

/* A verb's option that is neither its own nor known: input or analysis
 * option, else a usage error. */
int cli_common_option(const char *verb, cli_input_args *in,
		      cli_analysis_args *a, int opt, const char *arg);

/* Load INPUT (XML, or CSV by name or options; `account` is the default
 * account of CSV rows), or with --db the store's accounts (only
 * `account` when given; `path` must then be NULL); on failure prints
 * diagnostics and returns the exit code, else 0.  Warnings are printed
 * too. */
int cli_load(relmap_document **out, const char *path, cli_input_args *in,
	     const char *account);

/* The as-of date: --as-of, else the file's, else today. */
int32_t cli_as_of(const cli_analysis_args *a, const relmap_document *doc);

/* The account named by --account (id may be NULL: then the only one).
 * Prints the ids that exist when none or a wrong one is given; returns 0
 * or the exit code. */
int cli_select_account(const relmap_account **out, const relmap_document *doc,
		       const char *id);

/* --profile (profile.c): seconds spent in each phase of a command. */
typedef struct cli_profile {
	double start;    /* cli_clock() when the command began */
	double load, analysis, report, write;
} cli_profile;

/* A monotonic clock, in seconds. */
double cli_clock(void);
/* The phases, one line each on stderr ("profile: load   12.3 ms"), with
 * the renderer's when `r` is not NULL (else the report's), and the total
 * since p->start. */
void cli_profile_print(const cli_profile *p, const relmap_render_profile *r);

/* Write `data` to `path` (NULL or "-" is stdout) atomically; prints
 * diagnostics and returns the exit code, or 0. */
int cli_write(const char *path, const void *data, size_t len);

/* An id as a file name (render_batch.c): every byte outside
 * [A-Za-z0-9._-] and a leading '.' as '_', cut at 200 bytes (*cut then
 * set).  malloc'd, NULL when out of memory. */
char *cli_safe_base(const char *id, int *cut);
/* mkdir -p DIR; 0 or -1 (errno set). */
int cli_make_dir(const char *dir);

/*
 * render --deck (render_deck.c): the account's map as pages, into out_dir
 * as ACCOUNT-01.svg, ... (fmt svg or png), or with `output` ending in
 * .pdf as one PDF.  Prints diagnostics; returns the exit code, or 0.
 */
int cli_render_deck(const relmap_analysis *an, const relmap_style *style,
		    relmap_format fmt, const relmap_render_options *ro,
		    const char *output, const char *out_dir);

/*
 * render --all (render_batch.c): draw every account of `doc` (only shard
 * K of N when shard_n > 0) into out_dir, in up to `jobs` worker
 * processes.  Prints warnings, one line per failed account and a
 * summary to stderr; returns 0 when every account was drawn, else the
 * exit code of the first failed account in document order.
 */
typedef struct cli_batch {
	const char *out_dir;
	long jobs;                    /* <= 0: the number of online cores */
	unsigned long shard_k, shard_n; /* 1 <= K <= N; N == 0: no sharding */
	relmap_format fmt;
	const relmap_style *style;    /* NULL for json */
	const relmap_render_options *ro;
	const relmap_analysis_options *ao;
} cli_batch;

int cli_render_batch(const relmap_document *doc, const cli_batch *b);

/*
 * render --diff OLD (cmd_diff.c): load OLD with the input options (not
 * --db, which names NEW), analyse its account with NEW's id under the
 * same analysis options (as of --as-of, else OLD's own date) and diff it
 * with `new_an`.  Prints what went wrong and returns the exit code, or
 * 0; free the state with cli_render_diff_free() either way.
 */
typedef struct cli_render_diff_state {
	relmap_document *doc;
	relmap_analysis *an; /* NULL when OLD lacks the account */
	relmap_diff *diff;
} cli_render_diff_state;

int cli_render_diff(cli_render_diff_state *s, const char *old_path,
		    const cli_input_args *in, const cli_analysis_args *aa,
		    const relmap_analysis *new_an);
void cli_render_diff_free(cli_render_diff_state *s);

/* "K/N" with 1 <= K <= N <= 1000000; 0 or -1. */
int cli_parse_shard(unsigned long *k, unsigned long *n, const char *s);

/* FNV-1a, 64 bits: the stable hash of shards and file name suffixes. */
uint64_t cli_fnv1a64(const char *s);

#endif
