/* cmd_check.c - relmap check: report coverage gaps, gate CI on them. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap check INPUT [OPTIONS]\n"
	"Report the coverage gaps of the accounts in INPUT (an XML or CSV file,\n"
	"'-' for standard input).\n"
	"\n"
	"Options:\n"
	"      --account ID        check only this account (default: every account)\n"
	"      --all               check every account (the default; says so in CI)\n"
	"  -f, --format FORMAT     text (default), json, junit, markdown or github\n"
	"  -o, --output FILE       write the report to FILE ('-': standard output)\n"
	"      --fail-on LEVEL     exit 1 when a gap at or above LEVEL is found:\n"
	"                          error (default), warning, never\n"
	"      --without IDS       analyse as if the persons or team members with\n"
	"                          these ids (ID[,ID...]; repeatable) had left:\n"
	"                          their edges go, their reports have no manager\n"
	"      --spof              also list every person and team member whose\n"
	"                          departure alone would open a new error gap\n"
	"                          (text and json formats; after --without; the\n"
	"                          exit code stays that of the gaps found)\n"
	"      --profile           print the time of each phase to stderr: load,\n"
	"                          analysis, report, write\n"
	"  -h, --help              show this help\n"
	"\n"
	"Formats: text is one FILE:LINE:COL line per gap and a summary per account;\n"
	"junit has one testsuite per account, failures for error gaps (and for\n"
	"warnings with --fail-on warning; else they are noted in system-out);\n"
	"markdown is a pull-request comment; github prints workflow commands\n"
	"(::error file=F,line=L,col=C,title=KIND::MESSAGE).  See docs/reports.md.\n"
	"\n" CLI_INPUT_HELP "\n" CLI_ANALYSIS_HELP
	"\n"
	"Exit codes: 0 no gap at or above --fail-on, 1 such gaps found, 64 usage\n"
	"error, 65 bad input data, 66 input missing, 70 internal error, 73 output\n"
	"cannot be created, 74 I/O error.\n";

enum { OPT_ACCOUNT = 1, OPT_ALL, OPT_FAIL_ON, OPT_WITHOUT, OPT_SPOF,
       OPT_PROFILE };

enum fail_on { FAIL_ON_ERROR, FAIL_ON_WARNING, FAIL_ON_NEVER };

/* The ids of every --without, split at commas; they point into `bufs`. */
typedef struct without_list {
	char **bufs;
	size_t n_bufs;
	const char **ids;
	size_t n_ids;
} without_list;

static void without_free(without_list *w)
{
	for (size_t i = 0; i < w->n_bufs; i++)
		free(w->bufs[i]);
	free(w->bufs);
	free(w->ids);
}

/* Returns 0, or the exit code after printing why. */
static int without_add(without_list *w, const char *arg)
{
	char *buf = strdup(arg);
	char **bufs = realloc(w->bufs, (w->n_bufs + 1) * sizeof(*bufs));
	if (bufs)
		w->bufs = bufs;
	if (!buf || !bufs) {
		free(buf);
		fputs("relmap check: error: out of memory\n", stderr);
		return EXIT_SOFTWARE;
	}
	w->bufs[w->n_bufs++] = buf;
	for (char *id = buf;; id++) {
		char *end = strchr(id, ',');
		if (end)
			*end = '\0';
		if (*id == '\0')
			return cli_usage_error("check",
				"--without takes ID[,ID...], not '%s'", arg);
		const char **ids = realloc(w->ids, (w->n_ids + 1) * sizeof(*ids));
		if (!ids) {
			fputs("relmap check: error: out of memory\n", stderr);
			return EXIT_SOFTWARE;
		}
		w->ids = ids;
		w->ids[w->n_ids++] = id;
		if (!end)
			return 0;
		id = end;
	}
}

/* Writes the report to `output` as it is made: the JSON report of a
 * million-person account is 170 MB, which a buffer would hold twice over
 * while it grows.  The output is still atomic: a file appears whole or
 * not at all.  Returns 0 or the exit code after printing why. */
static int write_report(const char *output, const char *format,
			enum fail_on fail_on, const char *path,
			const relmap_analysis *const *an,
			const relmap_spof_list *const *spof, size_t n)
{
	relmap_output *o = NULL;
	relmap_diags d;
	FILE *f = NULL;
	int rc, status = 0;

	relmap_diags_init(&d, 20);
	if ((rc = relmap_output_open(&o, &f, output, &d))) {
		cli_print_diags(&d);
		return cli_exit_code(rc);
	}
	if (strcmp(format, "json") == 0)
		rc = relmap_report_json_spof_write(f, an, spof, n);
	else if (strcmp(format, "junit") == 0)
		rc = relmap_report_junit_write(f, path, an, n,
			fail_on == FAIL_ON_WARNING ? RELMAP_REPORT_WARNINGS_FAIL : 0);
	else if (strcmp(format, "markdown") == 0)
		rc = relmap_report_markdown_write(f, path, an, n);
	else if (strcmp(format, "github") == 0)
		rc = relmap_report_github_write(f, path, an, n);
	else
		rc = relmap_report_text_spof_write(f, path, an, spof, n);
	/* A failed write is the output's to report, with its cause; any
	 * other failure discards what was written. */
	if (rc && rc != RELMAP_EIO) {
		fprintf(stderr, "relmap check: error: %s\n", relmap_strerror(rc));
		status = cli_exit_code(rc);
	}
	rc = relmap_output_close(o, !status, &d);
	cli_print_diags(&d);
	if (rc && !status)
		status = cli_exit_code(rc);
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "without", required_argument, NULL, OPT_WITHOUT },
		{ "spof", no_argument, NULL, OPT_SPOF },
		{ "profile", no_argument, NULL, OPT_PROFILE },
		{ "help", no_argument, NULL, 'h' },
		CLI_ANALYSIS_LONG_OPTIONS,
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *account = NULL, *output = NULL, *format = "text";
	enum fail_on fail_on = FAIL_ON_ERROR;
	cli_analysis_args aa = CLI_ANALYSIS_ARGS_INIT;
	cli_input_args in = CLI_INPUT_ARGS_INIT;
	relmap_document *doc = NULL;
	relmap_analysis **an = NULL;
	relmap_spof_list **spof = NULL;
	without_list without = { NULL, 0, NULL, 0 };
	int want_spof = 0, all = 0, profile = 0;
	cli_profile prof = { cli_clock(), 0, 0, 0, 0 };
	double t0;
	size_t n = 0;
	int status = 0, opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ACCOUNT: account = optarg; break;
		case OPT_ALL: all = 1; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0)
				fail_on = FAIL_ON_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				fail_on = FAIL_ON_WARNING;
			else if (strcmp(optarg, "never") == 0)
				fail_on = FAIL_ON_NEVER;
			else {
				status = cli_usage_error("check",
					"--fail-on takes error, warning or never, not '%s'",
					optarg);
				goto out;
			}
			break;
		case OPT_WITHOUT:
			if ((status = without_add(&without, optarg)))
				goto out;
			break;
		case OPT_SPOF: want_spof = 1; break;
		case OPT_PROFILE: profile = 1; break;
		case 'h': fputs(help, stdout); goto out;
		case ':':
			status = cli_usage_error("check",
						 "option '%s' needs a value",
						 argv[optind - 1]);
			goto out;
		case '?':
			status = cli_usage_error("check", "unknown option '%s'",
						 argv[optind - 1]);
			goto out;
		default:
			if ((status = cli_common_option("check", &in, &aa, opt,
							optarg)))
				goto out;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "junit") != 0 && strcmp(format, "markdown") != 0 &&
	    strcmp(format, "github") != 0) {
		status = cli_usage_error("check",
			"unknown format '%s' (text, json, junit, markdown, github)",
			format);
		goto out;
	}
	if (want_spof && strcmp(format, "text") != 0 &&
	    strcmp(format, "json") != 0) {
		status = cli_usage_error("check",
			"--spof works with the text and json formats, not '%s'",
			format);
		goto out;
	}
	if (all && account) {
		status = cli_usage_error("check",
			"--all and --account exclude each other");
		goto out;
	}
	if (optind >= argc && !in.db) {
		status = cli_usage_error("check", "no INPUT given");
		goto out;
	}
	if (argc - optind > 1) {
		status = cli_usage_error("check",
					 "one INPUT at a time, got '%s' too",
					 argv[optind + 1]);
		goto out;
	}

	t0 = cli_clock();
	if ((status = cli_load(&doc, argv[optind], &in, account)))
		goto out;
	prof.load = cli_clock() - t0;
	aa.opts.as_of = cli_as_of(&aa, doc);

	const relmap_account *one = NULL;
	if (account && (status = cli_select_account(&one, doc, account)))
		goto out;
	if (without.n_ids) {
		/* The copy holds only the checked accounts, so ids are looked
		 * up where they matter. */
		relmap_document *copy = NULL;
		relmap_diags d = RELMAP_DIAGS_INIT;
		int rc = relmap_document_without(&copy, doc, account,
						 without.ids, without.n_ids, &d);
		cli_print_diags(&d); /* and frees them */
		if (rc) {
			status = cli_exit_code(rc);
			goto out;
		}
		relmap_document_free(doc);
		doc = copy;
		if (account && (status = cli_select_account(&one, doc, account)))
			goto out;
	}
	size_t want = one ? 1 : doc->n_accounts;
	if (!(an = calloc(want ? want : 1, sizeof(*an))) ||
	    (want_spof && !(spof = calloc(want ? want : 1, sizeof(*spof))))) {
		status = EXIT_SOFTWARE;
		goto out;
	}
	t0 = cli_clock();
	for (n = 0; n < want; n++) {
		const relmap_account *a = one ? one : &doc->accounts[n];
		int rc = relmap_analysis_run(&an[n], a, &aa.opts);
		if (rc) {
			fprintf(stderr, "relmap check: error: analysis failed: %s\n",
				relmap_strerror(rc));
			status = cli_exit_code(rc);
			goto out;
		}
		if (want_spof &&
		    (rc = relmap_spof_find(&spof[n], an[n], &aa.opts))) {
			n++; /* an[n] is freed below */
			fprintf(stderr, "relmap check: error: %s\n",
				relmap_strerror(rc));
			status = cli_exit_code(rc);
			goto out;
		}
	}
	prof.analysis = cli_clock() - t0;
	t0 = cli_clock();
	const relmap_spof_list *const *cspof =
		(const relmap_spof_list *const *)spof;
	const relmap_analysis *const *can = (const relmap_analysis *const *)an;
	/* The report is written as it is made: its time is the writing's
	 * too (--profile's "report"). */
	status = write_report(output, format, fail_on, doc->path, can, cspof,
			      n);
	prof.report = cli_clock() - t0;
	if (status)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if ((fail_on == FAIL_ON_ERROR && an[i]->n_errors) ||
		    (fail_on == FAIL_ON_WARNING &&
		     an[i]->n_errors + an[i]->n_warnings))
			status = EXIT_GAPS;
	}
out:
	if (profile)
		cli_profile_print(&prof, NULL);
	for (size_t i = 0; an && i < n; i++) {
		if (spof)
			relmap_spof_list_free(spof[i]);
		relmap_analysis_free(an[i]);
	}
	free(spof);
	free(an);
	without_free(&without);
	relmap_document_free(doc);
	return status;
}
