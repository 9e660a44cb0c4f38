/* cmd_export.c - relmap export: stored accounts back to relmap XML. */
#include <stdlib.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap export --db DB [OPTIONS]\n"
	"Write the accounts stored in DB as relmap XML (docs/format.md).\n"
	"\n"
	"Options:\n"
	"      --db DB              the database (required; opened read-only):\n"
	"                           a SQLite file or postgresql://... (PostgreSQL)\n"
	"      --account ID         only this account (default: every account)\n"
	"  -o, --output FILE        write to FILE ('-' or none: standard output)\n"
	"  -h, --help               show this help\n";

enum { OPT_ACCOUNT = 1, OPT_DB };

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *account = NULL, *output = NULL;
	relmap_document *doc = NULL;
	relmap_store *st = NULL;
	relmap_diags d;
	char *xml = NULL;
	size_t len = 0;
	int status = 0, opt, rc;

	relmap_diags_init(&d, 20);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DB: db = optarg; break;
		case OPT_ACCOUNT: account = optarg; break;
		case 'o': output = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		case ':':
			return cli_usage_error("export", "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("export", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (!db)
		return cli_usage_error("export", "no --db DB given");
	if (optind < argc)
		return cli_usage_error("export", "unexpected argument '%s'",
				       argv[optind]);
	if ((rc = relmap_store_open(&st, db, RELMAP_STORE_READONLY, &d)) ||
	    (rc = relmap_store_load(&doc, st, account, &d)) ||
	    (rc = relmap_document_write_xml(&xml, &len, doc))) {
		status = cli_exit_code(rc);
		goto out;
	}
	status = cli_write(output, xml, len);
out:
	cli_print_diags(&d);
	free(xml);
	relmap_document_free(doc);
	relmap_store_close(st);
	return status;
}
