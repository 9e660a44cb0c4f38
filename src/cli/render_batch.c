/*
 * render_batch.c - relmap render --all: every account into a directory.
 *
 * The batch itself is the library's (batch.h: warm worker processes, the
 * layout bound as a watchdog); this prints what it reports.  Each
 * account's messages are kept as they come and printed in account order
 * at the end, so the report is the same whatever -j is.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

uint64_t cli_fnv1a64(const char *s)
{
	return relmap_batch_hash(s);
}

int cli_parse_shard(unsigned long *k, unsigned long *n, const char *s)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long a = strtoul(s, &end, 10);
	if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	unsigned long b = strtoul(end + 1, &end, 10);
	if (errno || *end || a < 1 || a > b || b > 1000000)
		return -1;
	*k = a;
	*n = b;
	return 0;
}

char *cli_safe_base(const char *id, int *cut)
{
	return relmap_batch_safe_base(id, cut);
}

int cli_make_dir(const char *dir)
{
	return relmap_make_dir(dir);
}

/* "ACCOUNT: SEVERITY: [FILE[:LINE[:COL]]: ]MESSAGE\n" */
static void put_diag(FILE *f, const char *account, const relmap_diag *g)
{
	fprintf(f, "%s: %s: ", account, relmap_severity_name(g->severity));
	if (g->file) {
		fputs(g->file, f);
		if (g->line > 0) {
			fprintf(f, ":%d", g->line);
			if (g->column > 0)
				fprintf(f, ":%d", g->column);
		}
		fputs(": ", f);
	}
	fprintf(f, "%s\n", g->message);
}

typedef struct report {
	const relmap_document *doc;
	int *status;  /* per account: its exit code */
	char **msg;   /* per account: its lines, NUL-terminated */
	int progress; /* stderr is a terminal */
} report;

/*
 * An account done: every warning, and for a failure one error line (the
 * first error; how many more there were is added to it).
 */
static void on_account(const relmap_batch_event *ev, void *ctx)
{
	report *r = ctx;
	const relmap_diags *d = ev->diags;
	char *m = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&m, &len);
	if (f) {
		const relmap_diag *first = NULL;
		for (size_t i = 0; i < d->count; i++) {
			const relmap_diag *g = &d->items[i];
			if (g->severity != RELMAP_SEVERITY_ERROR)
				put_diag(f, ev->id, g);
			else if (!first)
				first = g;
		}
		if (first) {
			/* One line per failed account, however many errors. */
			put_diag(f, ev->id, first);
			if (d->errors > 1) {
				fflush(f);
				fseek(f, -1, SEEK_CUR);
				fprintf(f, " (and %zu more error%s)\n",
					d->errors - 1,
					d->errors == 2 ? "" : "s");
			}
		}
		if (fclose(f) != 0) {
			free(m);
			m = NULL;
		}
	}
	free(r->msg[ev->account]);
	r->msg[ev->account] = m;
	r->status[ev->account] = ev->rc ? cli_exit_code(ev->rc) : 0;
	if (r->progress) {
		enum { WIDTH = 30 };
		size_t fill = ev->done * WIDTH / ev->total;
		fprintf(stderr, "\rrendering [%.*s%*s] %zu/%zu",
			(int)fill, "##############################",
			(int)(WIDTH - fill), "", ev->done, ev->total);
		fflush(stderr);
	}
}

int cli_render_batch(const relmap_document *doc, const cli_batch *b)
{
	relmap_batch_options o = RELMAP_BATCH_OPTIONS_INIT;
	size_t n = doc->n_accounts, ok = 0, total = 0;
	report r = { doc, calloc(n ? n : 1, sizeof(int)),
		     calloc(n ? n : 1, sizeof(char *)), isatty(STDERR_FILENO) };
	unsigned char *sel = calloc(n ? n : 1, 1);
	relmap_diags d;
	int status = 0, rc;

	relmap_diags_init(&d, 20);
	if (!r.status || !r.msg || !sel) {
		fprintf(stderr, "relmap render: error: %s\n",
			relmap_strerror(RELMAP_ENOMEM));
		status = EXIT_SOFTWARE;
		goto out;
	}
	o.out_dir = b->out_dir;
	o.jobs = b->jobs;
	o.shard_k = b->shard_k;
	o.shard_n = b->shard_n;
	o.format = b->fmt;
	o.style = b->style;
	o.render = b->ro;
	o.analysis = b->ao;
	o.callback = on_account;
	o.ctx = &r;
	if ((rc = relmap_batch_render(doc, &o, &d))) {
		if (rc == RELMAP_EOUTPUT && d.count)
			fprintf(stderr, "%s: error: %s\n", d.items[0].file,
				d.items[0].message);
		else
			fprintf(stderr, "relmap render: error: %s\n",
				relmap_strerror(rc));
		status = rc == RELMAP_EOUTPUT ? EXIT_CANTCREAT : EXIT_SOFTWARE;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		sel[i] = !b->shard_n ||
			 relmap_batch_hash(doc->accounts[i].id) % b->shard_n +
					 1 == b->shard_k;
	if (r.progress)
		for (size_t i = 0; i < n; i++)
			if (sel[i]) {
				fputs("\r\033[K", stderr);
				break;
			}

	/* In account order, so the report does not depend on -j; the exit
	 * code is the first failed account's. */
	for (size_t i = 0; i < n; i++) {
		if (!sel[i])
			continue;
		total++;
		if (r.msg[i])
			fputs(r.msg[i], stderr);
		if (r.status[i] == 0)
			ok++;
		else if (status == 0)
			status = r.status[i];
	}
	fprintf(stderr, "rendered %zu of %zu accounts into %s\n", ok, total,
		b->out_dir);
out:
	if (r.msg)
		for (size_t i = 0; i < n; i++)
			free(r.msg[i]);
	free(r.msg);
	free(r.status);
	free(sel);
	relmap_diags_free(&d);
	return status;
}
