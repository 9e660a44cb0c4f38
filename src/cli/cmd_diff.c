/* cmd_diff.c - relmap diff: what changed between two snapshots. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap diff OLD NEW [OPTIONS]\n"
	"       relmap diff INPUT --old-as-of DATE --new-as-of DATE [OPTIONS]\n"
	"       relmap diff --old-db DB1 --new-db DB2 [--account ID] [OPTIONS]\n"
	"Report what changed from snapshot OLD to snapshot NEW (XML or CSV files,\n"
	"or accounts in relmap databases), account by account: persons added,\n"
	"removed and moved (new manager, or none), role, attitude, influence,\n"
	"title and department changes, coverage changes, team members added and\n"
	"removed, and the gaps that opened and closed.  Both snapshots are\n"
	"analysed with the same options; only their as-of dates may differ.\n"
	"With one INPUT, it is compared with itself at two as-of dates.\n"
	"\n"
	"Options:\n"
	"      --account ID             compare only this account\n"
	"  -f, --format FORMAT          text (default), json or markdown\n"
	"  -o, --output FILE            write the report to FILE ('-': standard output)\n"
	"      --coverage-threshold X   report a coverage change of at least X\n"
	"                               (0..1, default 0.1); a change that makes a\n"
	"                               person covered or uncovered is always reported\n"
	"      --old-as-of DATE         analyse OLD as of DATE (default: --as-of,\n"
	"                               else OLD's as-of, else today)\n"
	"      --new-as-of DATE         likewise for NEW\n"
	"      --old-db DB              read OLD from the relmap database DB\n"
	"      --new-db DB              read NEW from the relmap database DB\n"
	"                               (the files given fill the sides without a\n"
	"                               database, OLD first; --db DB reads both\n"
	"                               from DB, at two as-of dates); a database\n"
	"                               is a SQLite file or postgresql://...\n"
	"  -h, --help                   show this help\n"
	"\n"
	"Persons and members are matched by id.  A person whose manager was removed\n"
	"and who now has none has moved (to no manager).  See docs/diff.md.\n"
	"\n" CLI_INPUT_HELP "\n" CLI_ANALYSIS_HELP
	"\n"
	"Exit codes: 0 no differences, 1 differences found (like diff(1)), 64 usage\n"
	"error, 65 bad input data, 66 input missing, 70 internal error, 73 output\n"
	"cannot be created, 74 I/O error.\n";

enum {
	OPT_ACCOUNT = 1,
	OPT_COVERAGE_THRESHOLD,
	OPT_OLD_AS_OF,
	OPT_NEW_AS_OF,
	OPT_OLD_DB,
	OPT_NEW_DB
};

/* One snapshot: its document, as-of date and analyses. */
typedef struct side {
	const char *path; /* the file, or NULL with a database */
	const char *db;
	int has_as_of;
	int32_t as_of;
	relmap_document *doc; /* NULL when it shares the other side's */
	relmap_analysis **an;
	size_t n;
} side;

static void side_free(side *s)
{
	for (size_t i = 0; s->an && i < s->n; i++)
		relmap_analysis_free(s->an[i]);
	free(s->an);
	relmap_document_free(s->doc);
}

/* Analyse the accounts of `doc` (only `account` when given; absent is
 * fine, the other side may have it).  Returns 0 or the exit code. */
static int analyse(side *s, const relmap_document *doc, const char *account,
		   const cli_analysis_args *aa)
{
	relmap_analysis_options o = aa->opts;
	if (s->has_as_of)
		o.as_of = s->as_of;
	else
		o.as_of = cli_as_of(aa, doc);
	size_t want = doc->n_accounts;
	if (!(s->an = calloc(want ? want : 1, sizeof(*s->an))))
		return EXIT_SOFTWARE;
	for (size_t i = 0; i < want; i++) {
		const relmap_account *a = &doc->accounts[i];
		if (account && strcmp(a->id, account) != 0)
			continue;
		int rc = relmap_analysis_run(&s->an[s->n], a, &o);
		if (rc) {
			fprintf(stderr, "relmap diff: error: analysis failed: %s\n",
				relmap_strerror(rc));
			return cli_exit_code(rc);
		}
		s->n++;
	}
	return 0;
}

static int load(side *s, cli_input_args *in, const char *account)
{
	cli_input_args mine = *in;
	if (s->db)
		mine.db = s->db;
	return cli_load(&s->doc, s->path, &mine, account);
}

/* A document from a database has the store's name as its path: the file,
 * or a PostgreSQL URI without its password, never the --db text itself. */
static const char *side_name(const side *s, const relmap_document *doc)
{
	return doc->path;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "coverage-threshold", required_argument, NULL,
		  OPT_COVERAGE_THRESHOLD },
		{ "old-as-of", required_argument, NULL, OPT_OLD_AS_OF },
		{ "new-as-of", required_argument, NULL, OPT_NEW_AS_OF },
		{ "old-db", required_argument, NULL, OPT_OLD_DB },
		{ "new-db", required_argument, NULL, OPT_NEW_DB },
		{ "help", no_argument, NULL, 'h' },
		CLI_ANALYSIS_LONG_OPTIONS,
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *account = NULL, *output = NULL, *format = "text";
	cli_analysis_args aa = CLI_ANALYSIS_ARGS_INIT;
	cli_input_args in = CLI_INPUT_ARGS_INIT;
	relmap_diff_options dopts = RELMAP_DIFF_OPTIONS_INIT;
	side old = { 0 }, new = { 0 };
	relmap_diff *d = NULL;
	char *text = NULL;
	size_t len = 0;
	int status = 0, opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ACCOUNT: account = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_COVERAGE_THRESHOLD:
			if (cli_parse_number(&dopts.coverage_threshold, optarg) ||
			    dopts.coverage_threshold < 0 ||
			    dopts.coverage_threshold > 1) {
				status = cli_usage_error("diff",
					"--coverage-threshold takes a number from 0 to 1, not '%s'",
					optarg);
				goto out;
			}
			break;
		case OPT_OLD_AS_OF:
		case OPT_NEW_AS_OF: {
			side *s = opt == OPT_OLD_AS_OF ? &old : &new;
			if (relmap_date_parse(&s->as_of, optarg) != 0) {
				status = cli_usage_error("diff",
					"--%s-as-of takes a date YYYY-MM-DD, not '%s'",
					s == &old ? "old" : "new", optarg);
				goto out;
			}
			s->has_as_of = 1;
			break;
		}
		case OPT_OLD_DB: old.db = optarg; break;
		case OPT_NEW_DB: new.db = optarg; break;
		case 'h': fputs(help, stdout); goto out;
		case ':':
			status = cli_usage_error("diff", "option '%s' needs a value",
						 argv[optind - 1]);
			goto out;
		case '?':
			status = cli_usage_error("diff", "unknown option '%s'",
						 argv[optind - 1]);
			goto out;
		default:
			if ((status = cli_common_option("diff", &in, &aa, opt,
							optarg)))
				goto out;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "markdown") != 0) {
		status = cli_usage_error("diff",
			"unknown format '%s' (text, json, markdown)", format);
		goto out;
	}
	if (in.db && (old.db || new.db)) {
		status = cli_usage_error("diff",
			"--db names both snapshots; use --old-db and --new-db for two databases");
		goto out;
	}
	if (in.db)
		old.db = new.db = in.db;
	in.db = NULL;

	/* The files fill the sides without a database, OLD first; a single
	 * snapshot (one file, or one database for both sides) is loaded once
	 * and compared with itself. */
	int n_files = argc - optind, need = !old.db + !new.db;
	int shared = 0;
	if (n_files == need) {
		int k = optind;
		if (!old.db)
			old.path = argv[k++];
		if (!new.db)
			new.path = argv[k++];
	} else if (n_files == 1 && need == 2) {
		old.path = new.path = argv[optind];
		shared = 1;
	} else if (n_files < need) {
		status = cli_usage_error("diff",
			need == 2 ? "give OLD and NEW (or one INPUT and two as-of dates)" :
				    "give the snapshot that has no database");
		goto out;
	} else {
		status = cli_usage_error("diff", "too many inputs: '%s'",
					 argv[optind + need]);
		goto out;
	}
	if (old.db && new.db && strcmp(old.db, new.db) == 0)
		shared = 1;
	if (shared && !old.has_as_of && !new.has_as_of) {
		/* Most likely NEW was forgotten: say so rather than report
		 * no differences. */
		status = cli_usage_error("diff",
			"one snapshot given: give NEW too, or --old-as-of or --new-as-of");
		goto out;
	}
	if (!shared && old.path && new.path && strcmp(old.path, "-") == 0 &&
	    strcmp(new.path, "-") == 0) {
		status = cli_usage_error("diff",
			"standard input can be only one of OLD and NEW");
		goto out;
	}

	if ((status = load(&old, &in, account)))
		goto out;
	if (!shared && (status = load(&new, &in, account)))
		goto out;
	const relmap_document *odoc = old.doc;
	const relmap_document *ndoc = shared ? old.doc : new.doc;
	if (account && !relmap_document_find_account(odoc, account) &&
	    !relmap_document_find_account(ndoc, account)) {
		fprintf(stderr, "relmap diff: error: no account '%s' in %s or %s\n",
			account, side_name(&old, odoc), side_name(&new, ndoc));
		status = EXIT_DATAERR;
		goto out;
	}
	if ((status = analyse(&old, odoc, account, &aa)) ||
	    (status = analyse(&new, ndoc, account, &aa)))
		goto out;
	int rc = relmap_diff_run(&d, (const relmap_analysis *const *)old.an,
				 old.n, (const relmap_analysis *const *)new.an,
				 new.n, &dopts);
	if (rc) {
		fprintf(stderr, "relmap diff: error: %s\n", relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	const char *on = side_name(&old, odoc), *nn = side_name(&new, ndoc);
	if (strcmp(format, "json") == 0)
		rc = relmap_diff_report_json(&text, &len, d, on, nn);
	else if (strcmp(format, "markdown") == 0)
		rc = relmap_diff_report_markdown(&text, &len, d, on, nn);
	else
		rc = relmap_diff_report_text(&text, &len, d, on, nn);
	if (rc) {
		fprintf(stderr, "relmap diff: error: %s\n", relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	if ((status = cli_write(output, text, len)))
		goto out;
	status = d->n_changes ? EXIT_GAPS : 0;
out:
	free(text);
	relmap_diff_free(d);
	side_free(&new);
	side_free(&old);
	return status;
}

/* render --diff OLD: see cli.h. */
int cli_render_diff(cli_render_diff_state *s, const char *old_path,
		    const cli_input_args *in, const cli_analysis_args *aa,
		    const relmap_analysis *new_an)
{
	cli_input_args mine = *in;
	mine.db = NULL; /* --db names NEW; OLD is a file */
	const char *id = new_an->account->id;
	int status = cli_load(&s->doc, old_path, &mine, id);
	if (status)
		return status;
	relmap_analysis_options o = aa->opts;
	o.as_of = aa->has_as_of ? aa->opts.as_of : cli_as_of(aa, s->doc);
	const relmap_account *a = relmap_document_find_account(s->doc, id);
	int rc = a ? relmap_analysis_run(&s->an, a, &o) : 0;
	if (rc == 0)
		rc = relmap_diff_run(&s->diff,
				     (const relmap_analysis *const *)&s->an,
				     s->an ? 1 : 0, &new_an, 1, NULL);
	if (rc) {
		fprintf(stderr, "relmap render: error: --diff: %s\n",
			relmap_strerror(rc));
		return cli_exit_code(rc);
	}
	return 0;
}

void cli_render_diff_free(cli_render_diff_state *s)
{
	relmap_diff_free(s->diff);
	relmap_analysis_free(s->an);
	relmap_document_free(s->doc);
}
