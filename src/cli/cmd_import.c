/* cmd_import.c - relmap import: store accounts in a database. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap import INPUT... --db DB [OPTIONS]\n"
	"Store the accounts of every INPUT (XML or CSV files, or other programs'\n"
	"SQLite databases with --sql or --table) in the relmap database DB: a\n"
	"SQLite file, created when missing, or a PostgreSQL database named by a\n"
	"libpq URI, postgresql://[USER@]HOST[:PORT]/DBNAME[?...] (also\n"
	"postgres://), whose current schema gets relmap's tables.\n"
	"All INPUTs go in one transaction:\n"
	"if any has an error, nothing is imported.  An account already in DB is\n"
	"replaced (people, team, edges) but keeps its touchpoint history; only\n"
	"touchpoints not seen before are added.  Importing a file twice changes\n"
	"nothing.  See docs/store.md.\n"
	"A CSV file with member and person columns holds coverage and/or\n"
	"touchpoints of persons stored already or imported in the same command\n"
	"(see docs/csv.md).\n"
	"\n"
	"Options:\n"
	"      --db DB              the database (required): a SQLite file or\n"
	"                           postgresql://... (PostgreSQL)\n"
	"      --account ID         the account of CSV rows without one\n"
	"  -h, --help               show this help\n"
	"\n"
	"CSV input (see docs/csv.md):\n"
	"      --preset NAME             column names of salesforce, hubspot or\n"
	"                                dynamics exports\n"
	"      --map FIELD=COLUMN        read FIELD from COLUMN (repeatable); fields:\n"
	"                                account, id, name, first-name, last-name,\n"
	"                                title, department, reports-to, role,\n"
	"                                influence, attitude, email, url,\n"
	"                                account-name, account-type, industry;\n"
	"                                member, member-name, person, strength,\n"
	"                                channel, date, sentiment\n"
	"      --ragged error|pad        rows with too few or too many fields\n"
	"      --csv                     read every INPUT as CSV whatever its name\n"
	"      --strict                  RFC 4180 quotes: a quote inside an unquoted\n"
	"                                field is an error (default: kept, warned)\n"
	"      --explain-columns         say which column became which field\n"
	"\n"
	"SQL input: INPUT is another program's SQLite database, opened read-only;\n"
	"its columns are recognised as a CSV file's (see docs/csv.md):\n"
	"      --sql \"SELECT ...\"        read the persons from this one SELECT\n"
	"      --table NAME              read them from every row of table NAME\n"
	"\n"
	"Limits (XML and CSV; see docs/limits.md):\n"
	"      --limit NAME=N            lower or raise a loader limit (repeatable):\n"
	"                                max_bytes, max_accounts, max_persons,\n"
	"                                max_edges, max_text, max_columns; 0: none\n";

enum { OPT_ACCOUNT = 1 };

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_args in = CLI_INPUT_ARGS_INIT;
	const char *account = NULL, *db;
	relmap_document **docs = NULL;
	relmap_store *st = NULL;
	relmap_diags d;
	size_t n = 0;
	int status = 0, opt, rc;

	relmap_diags_init(&d, 20);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_ACCOUNT: account = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		case ':':
			return cli_usage_error("import", "option '%s' needs a value",
					       argv[optind - 1]);
		case '?':
			return cli_usage_error("import", "unknown option '%s'",
					       argv[optind - 1]);
		default:
			if ((status = cli_input_option("import", &in, opt,
						       optarg)))
				return status;
		}
	}
	if (!in.db)
		return cli_usage_error("import", "no --db DB given");
	if (optind >= argc)
		return cli_usage_error("import", "no INPUT given");
	/* --db names the target here, not a source for cli_load. */
	db = in.db;
	in.db = NULL;
	in.allow_edges = 1;

	/* Every input is read and checked before the database is touched,
	 * so a bad file leaves no trace, not even a new empty database. */
	if (!(docs = calloc((size_t)(argc - optind), sizeof(*docs)))) {
		status = EXIT_SOFTWARE;
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		int s = cli_load(&docs[n], argv[i], &in, account);
		if (s) {
			/* Keep going: every bad file is worth reporting. */
			if (!status)
				status = s;
			continue;
		}
		n++;
	}
	if (status)
		goto out;
	if ((rc = relmap_store_open(&st, db, RELMAP_STORE_CREATE, &d)) ||
	    (rc = relmap_store_import_all(
		     st, (const relmap_document *const *)docs, n, &d))) {
		status = cli_exit_code(rc);
		goto out;
	}
out:
	cli_print_diags(&d);
	relmap_store_close(st);
	for (size_t i = 0; i < n; i++)
		relmap_document_free(docs[i]);
	free(docs);
	return status;
}
