/* common.c - diagnostics, exit codes and the options the verbs share. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int cli_exit_code(int rc)
{
	switch (rc) {
	case RELMAP_OK: return 0;
	case RELMAP_EUSAGE: return EXIT_USAGE;
	case RELMAP_EDATA: return EXIT_DATAERR;
	case RELMAP_ENOENT: return EXIT_NOINPUT;
	case RELMAP_EOUTPUT: return EXIT_CANTCREAT;
	case RELMAP_EIO: return EXIT_IOERR;
	default: return EXIT_SOFTWARE;
	}
}

void cli_print_diags(relmap_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const relmap_diag *g = &d->items[i];
		if (g->file) {
			fputs(g->file, stderr);
			if (g->line > 0) {
				fprintf(stderr, ":%d", g->line);
				if (g->column > 0)
					fprintf(stderr, ":%d", g->column);
			}
		} else {
			fputs("relmap", stderr);
		}
		fprintf(stderr, ": %s: %s\n", relmap_severity_name(g->severity),
			g->message);
	}
	if (d->suppressed)
		fprintf(stderr, "relmap: note: %zu more error%s not shown\n",
			d->suppressed, d->suppressed == 1 ? "" : "s");
	relmap_diags_free(d);
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "relmap%s%s: error: ", verb ? " " : "", verb ? verb : "");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'relmap %s%s--help' for more information.\n",
		verb ? verb : "", verb ? " " : "");
	return EXIT_USAGE;
}

int cli_parse_number(double *out, const char *s)
{
	char *end;
	if (!s || !*s)
		return -1;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static int unit_value(const char *verb, const char *flag, const char *arg,
		      double *out)
{
	double v;
	if (cli_parse_number(&v, arg) || v < 0 || v > 1)
		return cli_usage_error(verb,
			"%s takes a number from 0 to 1, not '%s'", flag, arg);
	*out = v;
	return 0;
}

static int days_value(const char *verb, const char *flag, const char *arg,
		      double *out, int allow_zero)
{
	double v;
	if (cli_parse_number(&v, arg) || v < 0 || (!allow_zero && v == 0))
		return cli_usage_error(verb,
			"%s takes a %s number of days, not '%s'", flag,
			allow_zero ? "non-negative" : "positive", arg);
	*out = v;
	return 0;
}

int cli_analysis_option(const char *verb, cli_analysis_args *a, int opt,
			const char *arg)
{
	relmap_analysis_options *o = &a->opts;
	switch (opt) {
	case CLI_OPT_AS_OF:
		if (relmap_date_parse(&o->as_of, arg) != 0)
			return cli_usage_error(verb,
				"--as-of takes a date YYYY-MM-DD, not '%s'", arg);
		a->has_as_of = 1;
		return 0;
	case CLI_OPT_COVERED:
		return unit_value(verb, "--covered-threshold", arg,
				  &o->covered_threshold);
	case CLI_OPT_KEY_INFLUENCE:
		return unit_value(verb, "--key-influence", arg,
				  &o->key_influence);
	case CLI_OPT_BLOCKER_INFLUENCE:
		return unit_value(verb, "--blocker-influence", arg,
				  &o->blocker_influence);
	case CLI_OPT_HIERARCHY:
		return unit_value(verb, "--hierarchy-strength", arg,
				  &o->hierarchy_strength);
	case CLI_OPT_STALE_DAYS:
		return days_value(verb, "--stale-days", arg, &o->stale_days, 1);
	case CLI_OPT_HALF_LIFE:
		return days_value(verb, "--half-life", arg, &o->half_life_days,
				  0);
	case CLI_OPT_CHANNEL_WEIGHT: {
		const char *eq = strchr(arg, '=');
		char name[32];
		relmap_channel ch;
		double w;
		size_t n = eq ? (size_t)(eq - arg) : 0;
		if (!eq || n >= sizeof(name))
			return cli_usage_error(verb,
				"--channel-weight takes CHANNEL=WEIGHT, not '%s'",
				arg);
		memcpy(name, arg, n);
		name[n] = '\0';
		if (relmap_channel_parse(&ch, name) != 0)
			return cli_usage_error(verb,
				"unknown channel '%s' (meeting, call, email, event, support, social)",
				name);
		if (cli_parse_number(&w, eq + 1) || w < 0)
			return cli_usage_error(verb,
				"channel weight must be a non-negative number, not '%s'",
				eq + 1);
		o->channel_weight[ch] = w;
		return 0;
	}
	default:
		return cli_usage_error(verb, "unknown option");
	}
}

int cli_input_option(const char *verb, cli_input_args *in, int opt,
		     const char *arg)
{
	switch (opt) {
	case CLI_OPT_PRESET:
		if (relmap_csv_preset_parse(&in->csv.preset, arg) != 0)
			return cli_usage_error(verb,
				"unknown preset '%s' (salesforce, hubspot, dynamics)",
				arg);
		break;
	case CLI_OPT_MAP:
		if (relmap_csv_map_parse(&in->csv, arg) != 0)
			return cli_usage_error(verb,
				"--map takes FIELD=COLUMN with FIELD one of account, id, name, first-name, last-name, title, department, reports-to, role, influence, attitude, email, url, account-name, account-type, industry, or for coverage and touchpoint files member, member-name, person, strength, channel, date, sentiment; not '%s'",
				arg);
		break;
	case CLI_OPT_RAGGED:
		if (strcmp(arg, "error") == 0)
			in->csv.ragged = RELMAP_CSV_RAGGED_ERROR;
		else if (strcmp(arg, "pad") == 0)
			in->csv.ragged = RELMAP_CSV_RAGGED_PAD;
		else
			return cli_usage_error(verb,
				"--ragged takes error or pad, not '%s'", arg);
		break;
	case CLI_OPT_CSV:
		break;
	case CLI_OPT_STRICT:
		/* Apply to CSV inputs only: an XML INPUT stays XML. */
		in->csv.strict = 1;
		return 0;
	case CLI_OPT_EXPLAIN:
		in->csv.explain_columns = RELMAP_CSV_EXPLAIN_ALWAYS;
		return 0;
	case CLI_OPT_DB:
		in->db = arg;
		return 0;
	case CLI_OPT_SQL:
	case CLI_OPT_TABLE:
		if (in->sql || in->table)
			return cli_usage_error(verb,
				"give one --sql or --table");
		if (!*arg)
			return cli_usage_error(verb, "%s needs a value",
				opt == CLI_OPT_SQL ? "--sql" : "--table");
		*(opt == CLI_OPT_SQL ? &in->sql : &in->table) = arg;
		return 0;
	case CLI_OPT_LIMIT:
		/* XML and CSV inputs share the limits (cli_load). */
		if (relmap_limits_set(&in->csv.limits, arg) != 0)
			return cli_usage_error(verb,
				"--limit takes NAME=N with NAME one of max_bytes, max_accounts, max_persons, max_edges, max_text, max_columns and N a whole number; not '%s'",
				arg);
		return 0;
	default:
		return cli_usage_error(verb, "unknown option");
	}
	in->is_csv = 1;
	return 0;
}

int cli_common_option(const char *verb, cli_input_args *in,
		      cli_analysis_args *a, int opt, const char *arg)
{
	if (opt >= CLI_OPT_INPUT)
		return cli_input_option(verb, in, opt, arg);
	return cli_analysis_option(verb, a, opt, arg);
}

static int ends_with_csv(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

int cli_load(relmap_document **out, const char *path, cli_input_args *in,
	     const char *account)
{
	relmap_diags d;
	relmap_diags_init(&d, 20);
	int rc;
	if (in->db) {
		relmap_store *st = NULL;
		if (path)
			return cli_usage_error(NULL,
				"give INPUT or --db DB, not both ('%s')", path);
		if (in->is_csv || in->sql || in->table)
			return cli_usage_error(NULL,
				"CSV and SQL options do not apply to --db");
		*out = NULL;
		rc = relmap_store_open(&st, in->db, RELMAP_STORE_READONLY, &d);
		if (rc == 0)
			rc = relmap_store_load(out, st, account, &d);
		relmap_store_close(st);
	} else if (in->sql || in->table) {
		/* A database has no one account: without an account column
		 * or --account, its file name is the account's id. */
		char stem[256];
		if (!account) {
			const char *b = strrchr(path, '/');
			b = b ? b + 1 : path;
			const char *dot = strrchr(b, '.');
			size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
			if (n >= sizeof(stem))
				n = sizeof(stem) - 1;
			memcpy(stem, b, n);
			stem[n] = '\0';
			account = stem;
		}
		in->csv.account = account;
		if (in->csv.explain_columns == RELMAP_CSV_EXPLAIN_NEVER)
			in->csv.explain_columns = RELMAP_CSV_EXPLAIN_ON_ERROR;
		rc = relmap_document_load_sql(out, path, in->sql, in->table,
					      &in->csv, &d);
		if (rc == 0 && (*out)->edges_only && !in->allow_edges) {
			relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, (*out)->path,
					 0, 0,
					 "coverage or touchpoints only (member and "
					 "person columns): import them with their "
					 "persons and use --db DB");
			relmap_document_free(*out);
			*out = NULL;
			rc = RELMAP_EDATA;
		}
	} else if (in->is_csv || ends_with_csv(path)) {
		in->csv.account = account;
		/* Say which column became which field when something is
		 * wrong, so that a user sees what relmap made of the header. */
		if (in->csv.explain_columns == RELMAP_CSV_EXPLAIN_NEVER)
			in->csv.explain_columns = RELMAP_CSV_EXPLAIN_ON_ERROR;
		rc = relmap_document_load_csv(out, path, &in->csv, &d);
		if (rc == 0 && (*out)->edges_only && !in->allow_edges) {
			/* Its persons are mere ids: a map of them would
			 * mislead. */
			relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, (*out)->path,
					 0, 0,
					 "coverage or touchpoints only (member and "
					 "person columns): import it with its persons "
					 "(relmap import PERSONS.csv %s --db DB) and "
					 "use --db DB",
					 (*out)->path);
			relmap_document_free(*out);
			*out = NULL;
			rc = RELMAP_EDATA;
		}
	} else {
		relmap_load_options xo = RELMAP_LOAD_OPTIONS_INIT;
		xo.limits = in->csv.limits;
		rc = relmap_document_load_xml(out, path, &xo, &d);
	}
	cli_print_diags(&d);
	return rc ? cli_exit_code(rc) : 0;
}

int32_t cli_as_of(const cli_analysis_args *a, const relmap_document *doc)
{
	if (a->has_as_of)
		return a->opts.as_of;
	if (doc->has_as_of)
		return doc->as_of;
	return relmap_date_today();
}

int cli_write(const char *path, const void *data, size_t len)
{
	relmap_diags d;
	relmap_diags_init(&d, 20);
	int rc = relmap_output_write(path, data, len, &d);
	cli_print_diags(&d);
	return rc ? cli_exit_code(rc) : 0;
}

/* "a, b, c" for messages; at most 10 ids, then "...". */
static void list_ids(FILE *f, const relmap_document *doc)
{
	for (size_t i = 0; i < doc->n_accounts && i < 10; i++)
		fprintf(f, "%s'%s'", i ? ", " : "", doc->accounts[i].id);
	if (doc->n_accounts > 10)
		fprintf(f, ", ... (%zu in all)", doc->n_accounts);
}

int cli_select_account(const relmap_account **out, const relmap_document *doc,
		       const char *id)
{
	if (id) {
		*out = relmap_document_find_account(doc, id);
		if (*out)
			return 0;
		fprintf(stderr, "%s: error: no account '%s'; accounts: ",
			doc->path, id);
		list_ids(stderr, doc);
		fputc('\n', stderr);
		return EXIT_DATAERR;
	}
	if (doc->n_accounts == 1) {
		*out = &doc->accounts[0];
		return 0;
	}
	fprintf(stderr,
		"%s: error: the file holds %zu accounts; choose one with --account: ",
		doc->path, doc->n_accounts);
	list_ids(stderr, doc);
	fputc('\n', stderr);
	return EXIT_USAGE;
}
