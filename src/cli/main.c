/* main.c - the relmap command: dispatch to one verb per file. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"Usage: relmap VERB [OPTIONS] ...\n"
	"Relationship maps (power maps) for account planning.\n"
	"\n"
	"Verbs:\n"
	"  render INPUT   draw an account's map (svg, png, pdf, dot) or its analysis (json)\n"
	"  check INPUT    report coverage gaps; exit 1 when gaps reach --fail-on\n"
	"  diff OLD NEW   what changed between two snapshots; exit 1 when anything did\n"
	"  import INPUT... --db DB\n"
	"                 store accounts in a database (all or nothing)\n"
	"  export --db DB write the stored accounts as relmap XML\n"
	"  accounts --db DB\n"
	"                 list the stored accounts with their coverage and gaps\n"
	"\n"
	"Run 'relmap VERB --help' for a verb's options.\n"
	"Options: --help, --version\n"
	"\n"
	"Exit codes: 0 success, 1 gaps found (check) or differences (diff), 64\n"
	"usage error, 65 bad input data, 66 input missing or unreadable, 70\n"
	"internal error, 73 output cannot be created, 74 I/O error.\n";

struct verb {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct verb verbs[] = {
	{ "render", cmd_render },
	{ "check", cmd_check },
	{ "diff", cmd_diff },
	{ "import", cmd_import },
	{ "export", cmd_export },
	{ "accounts", cmd_accounts },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *v = argv[1];
	if (strcmp(v, "--help") == 0 || strcmp(v, "-h") == 0 ||
	    strcmp(v, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(v, "--version") == 0 || strcmp(v, "-V") == 0) {
		printf("relmap %s\n", relmap_version());
		return 0;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(v, verbs[i].name) == 0)
			return verbs[i].run(argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown verb '%s'", v);
}
