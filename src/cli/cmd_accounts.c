/* cmd_accounts.c - relmap accounts: the accounts stored in a database. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
	"Usage: relmap accounts --db DB [OPTIONS]\n"
	"List the accounts stored in DB with their person count, coverage score\n"
	"and gap counts.\n"
	"\n"
	"Options:\n"
	"      --db DB              the database (required; opened read-only):\n"
	"                           a SQLite file or postgresql://... (PostgreSQL)\n"
	"      --format text|json   output format (default text)\n"
	"  -o, --output FILE        write to FILE ('-' or none: standard output)\n"
	"  -h, --help               show this help\n"
	"\n" CLI_ANALYSIS_HELP
	"Each account is analysed as of --as-of, else the as-of date of the file\n"
	"it was imported from, else today (UTC), as 'check --db' does.\n";

enum { OPT_DB = 1, OPT_FORMAT };

typedef struct row {
	const relmap_account *a;
	relmap_analysis *an;
	size_t kinds[RELMAP_GAP_KIND_COUNT];
} row;

static char *text_table(const row *rows, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int wid = 2, wname = 4;
	if (!f)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int l = (int)strlen(rows[i].a->id);
		int m = rows[i].a->name ? (int)strlen(rows[i].a->name) : 1;
		wid = l > wid ? l : wid;
		wname = m > wname ? m : wname;
	}
	fprintf(f, "%-*s  %-*s  %7s  %6s  %6s  %8s\n", wid, "ID", wname, "NAME",
		"PERSONS", "SCORE", "ERRORS", "WARNINGS");
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		char score[32] = "-";
		if (r->an->has_score)
			snprintf(score, sizeof(score), "%.1f",
				 r->an->coverage_score);
		fprintf(f, "%-*s  %-*s  %7zu  %6s  %6zu  %8zu\n", wid, r->a->id,
			wname, r->a->name ? r->a->name : "-", r->a->n_persons,
			score, r->an->n_errors, r->an->n_warnings);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *json_list(const row *rows, size_t n)
{
	json_t *root = json_object(), *list = json_array();
	char *out = NULL;
	if (!root || !list)
		goto out;
	json_object_set_new(root, "relmap", json_integer(1));
	json_object_set(root, "accounts", list);
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		char date[11];
		json_t *o = json_object(), *g = json_object();
		if (!o || !g) {
			json_decref(o);
			json_decref(g);
			goto out;
		}
		relmap_date_format(date, r->an->as_of);
		json_object_set_new(o, "id", json_string(r->a->id));
		json_object_set_new(o, "name", r->a->name
				    ? json_string(r->a->name) : json_null());
		json_object_set_new(o, "as_of", json_string(date));
		json_object_set_new(o, "persons",
				    json_integer((json_int_t)r->a->n_persons));
		json_object_set_new(o, "coverage_score", r->an->has_score
				    ? json_real(r->an->coverage_score)
				    : json_null());
		json_object_set_new(o, "errors",
				    json_integer((json_int_t)r->an->n_errors));
		json_object_set_new(o, "warnings",
				    json_integer((json_int_t)r->an->n_warnings));
		for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++)
			json_object_set_new(g, relmap_gap_kind_name(k),
				json_integer((json_int_t)r->kinds[k]));
		json_object_set_new(o, "gaps", g);
		json_array_append_new(list, o);
	}
	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			 JSON_REAL_PRECISION(15));
out:
	json_decref(list);
	json_decref(root);
	if (out) {
		/* json_dumps leaves off the final newline. */
		size_t l = strlen(out);
		char *nl = realloc(out, l + 2);
		if (!nl) {
			free(out);
			return NULL;
		}
		nl[l] = '\n';
		nl[l + 1] = '\0';
		out = nl;
	}
	return out;
}

int cmd_accounts(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		CLI_ANALYSIS_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_analysis_args aa = CLI_ANALYSIS_ARGS_INIT;
	const char *db = NULL, *format = "text", *output = NULL;
	relmap_document *doc = NULL;
	relmap_store *st = NULL;
	relmap_diags d;
	row *rows = NULL;
	char *text = NULL;
	size_t n = 0;
	int status = 0, opt, rc, json;

	relmap_diags_init(&d, 20);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DB: db = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': fputs(help, stdout); return 0;
		case ':':
			return cli_usage_error("accounts", "option '%s' needs a value",
					       argv[optind - 1]);
		case '?':
			return cli_usage_error("accounts", "unknown option '%s'",
					       argv[optind - 1]);
		default:
			if ((status = cli_analysis_option("accounts", &aa, opt,
							  optarg)))
				return status;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error("accounts",
			"unknown format '%s' (text, json)", format);
	json = format[0] == 'j';
	if (!db)
		return cli_usage_error("accounts", "no --db DB given");
	if (optind < argc)
		return cli_usage_error("accounts", "unexpected argument '%s'",
				       argv[optind]);
	if ((rc = relmap_store_open(&st, db, RELMAP_STORE_READONLY, &d)) ||
	    (rc = relmap_store_load(&doc, st, NULL, &d))) {
		status = cli_exit_code(rc);
		goto out;
	}
	if (doc->n_accounts &&
	    !(rows = calloc(doc->n_accounts, sizeof(*rows)))) {
		status = EXIT_SOFTWARE;
		goto out;
	}
	/* The store loads every account in one document; each keeps the
	 * as-of of its own file, which the list asks the store for. */
	relmap_store_account *list = NULL;
	size_t nl = 0;
	if ((rc = relmap_store_list(&list, &nl, st, &d))) {
		status = cli_exit_code(rc);
		goto out;
	}
	for (; n < doc->n_accounts; n++) {
		row *r = &rows[n];
		relmap_analysis_options o = aa.opts;
		r->a = &doc->accounts[n];
		if (!aa.has_as_of)
			o.as_of = n < nl && list[n].has_as_of
					  ? list[n].as_of : relmap_date_today();
		if ((rc = relmap_analysis_run(&r->an, r->a, &o))) {
			fprintf(stderr, "relmap accounts: error: analysis failed: %s\n",
				relmap_strerror(rc));
			status = cli_exit_code(rc);
			break;
		}
		for (size_t g = 0; g < r->an->n_gaps; g++)
			r->kinds[r->an->gaps[g].kind]++;
	}
	relmap_store_list_free(list, nl);
	if (status)
		goto out;
	if (!(text = json ? json_list(rows, n) : text_table(rows, n))) {
		status = EXIT_SOFTWARE;
		goto out;
	}
	status = cli_write(output, text, strlen(text));
out:
	cli_print_diags(&d);
	for (size_t i = 0; i < n; i++)
		relmap_analysis_free(rows[i].an);
	free(rows);
	free(text);
	relmap_document_free(doc);
	relmap_store_close(st);
	return status;
}
