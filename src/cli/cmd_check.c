/* cmd_check.c - relmap check: report coverage gaps, gate CI on them. */
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
	"  -f, --format FORMAT     text (default), json, junit, markdown or github\n"
	"  -o, --output FILE       write the report to FILE ('-': standard output)\n"
	"      --fail-on LEVEL     exit 1 when a gap at or above LEVEL is found:\n"
	"                          error (default), warning, never\n"
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

enum { OPT_ACCOUNT = 1, OPT_FAIL_ON };

enum fail_on { FAIL_ON_ERROR, FAIL_ON_WARNING, FAIL_ON_NEVER };

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
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
	char *text = NULL;
	size_t len = 0, n = 0;
	int status = 0, opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ACCOUNT: account = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0)
				fail_on = FAIL_ON_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				fail_on = FAIL_ON_WARNING;
			else if (strcmp(optarg, "never") == 0)
				fail_on = FAIL_ON_NEVER;
			else
				return cli_usage_error("check",
					"--fail-on takes error, warning or never, not '%s'",
					optarg);
			break;
		case 'h': fputs(help, stdout); return 0;
		case ':':
			return cli_usage_error("check", "option '%s' needs a value",
					       argv[optind - 1]);
		case '?':
			return cli_usage_error("check", "unknown option '%s'",
					       argv[optind - 1]);
		default:
			if ((status = cli_common_option("check", &in, &aa, opt,
							optarg)))
				return status;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "junit") != 0 && strcmp(format, "markdown") != 0 &&
	    strcmp(format, "github") != 0)
		return cli_usage_error("check",
			"unknown format '%s' (text, json, junit, markdown, github)",
			format);
	if (optind >= argc)
		return cli_usage_error("check", "no INPUT given");
	if (argc - optind > 1)
		return cli_usage_error("check", "one INPUT at a time, got '%s' too",
				       argv[optind + 1]);

	if ((status = cli_load(&doc, argv[optind], &in, account)))
		goto out;
	aa.opts.as_of = cli_as_of(&aa, doc);

	const relmap_account *one = NULL;
	if (account && (status = cli_select_account(&one, doc, account)))
		goto out;
	size_t want = one ? 1 : doc->n_accounts;
	if (!(an = calloc(want ? want : 1, sizeof(*an)))) {
		status = EXIT_SOFTWARE;
		goto out;
	}
	for (n = 0; n < want; n++) {
		const relmap_account *a = one ? one : &doc->accounts[n];
		int rc = relmap_analysis_run(&an[n], a, &aa.opts);
		if (rc) {
			fprintf(stderr, "relmap check: error: analysis failed: %s\n",
				relmap_strerror(rc));
			status = cli_exit_code(rc);
			goto out;
		}
	}
	const relmap_analysis *const *can = (const relmap_analysis *const *)an;
	int rc;
	if (strcmp(format, "json") == 0)
		rc = relmap_report_json(&text, &len, can, n);
	else if (strcmp(format, "junit") == 0)
		rc = relmap_report_junit(&text, &len, doc->path, can, n,
			fail_on == FAIL_ON_WARNING ? RELMAP_REPORT_WARNINGS_FAIL : 0);
	else if (strcmp(format, "markdown") == 0)
		rc = relmap_report_markdown(&text, &len, doc->path, can, n);
	else if (strcmp(format, "github") == 0)
		rc = relmap_report_github(&text, &len, doc->path, can, n);
	else
		rc = relmap_report_text(&text, &len, doc->path, can, n);
	if (rc) {
		fprintf(stderr, "relmap check: error: %s\n", relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_write(output, text, len)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if ((fail_on == FAIL_ON_ERROR && an[i]->n_errors) ||
		    (fail_on == FAIL_ON_WARNING &&
		     an[i]->n_errors + an[i]->n_warnings))
			status = EXIT_GAPS;
	}
out:
	for (size_t i = 0; an && i < n; i++)
		relmap_analysis_free(an[i]);
	free(an);
	free(text);
	relmap_document_free(doc);
	return status;
}
