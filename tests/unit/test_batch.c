/* test_batch.c - many accounts into a directory (batch.h). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relmap/relmap.h"

/* Three accounts: two with departments, one without. */
static const char doc_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<relmap version=\"1\" as-of=\"2026-11-01\">\n"
	" <account id=\"acme\" name=\"Acme\">\n"
	"  <team><member id=\"u1\" name=\"Jane Doe\" role=\"account-executive\"/></team>\n"
	"  <person id=\"p1\" name=\"Maria Lopez\" title=\"CEO\" department=\"Executive\" role=\"decision-maker\" influence=\"0.9\"/>\n"
	"  <person id=\"p2\" name=\"Tom Ng\" title=\"CFO\" department=\"Finance\" reports-to=\"p1\" role=\"economic-buyer\"/>\n"
	"  <coverage member=\"u1\" person=\"p2\" strength=\"0.8\"/>\n"
	" </account>\n"
	" <account id=\"globex\" name=\"Globex\">\n"
	"  <person id=\"q1\" name=\"Hank Scorpio\" title=\"CEO\" department=\"Executive\"/>\n"
	"  <person id=\"q2\" name=\"Frank Grimes\" title=\"Engineer\" department=\"Plant\" reports-to=\"q1\"/>\n"
	" </account>\n"
	" <account id=\"initech\" name=\"Initech\">\n"
	"  <person id=\"r1\" name=\"Bill Lumbergh\" title=\"VP\"/>\n"
	"  <person id=\"r2\" name=\"Peter Gibbons\" title=\"Engineer\" reports-to=\"r1\"/>\n"
	" </account>\n"
	"</relmap>\n";

typedef struct seen {
	size_t n;
	size_t account[8];
	int rc[8];
	size_t done[8], total[8];
	char *path[8];
	char *first_error[8];
	char *first_warning[8];
} seen;

static void on_account(const relmap_batch_event *ev, void *ctx)
{
	seen *s = ctx;
	assert_true(s->n < 8);
	size_t i = s->n++;
	s->account[i] = ev->account;
	s->rc[i] = ev->rc;
	s->done[i] = ev->done;
	s->total[i] = ev->total;
	s->path[i] = ev->path ? strdup(ev->path) : NULL;
	s->first_error[i] = s->first_warning[i] = NULL;
	for (size_t k = 0; k < ev->diags->count; k++) {
		const relmap_diag *g = &ev->diags->items[k];
		char **slot = g->severity == RELMAP_SEVERITY_ERROR
				      ? &s->first_error[i]
				      : &s->first_warning[i];
		if (!*slot)
			*slot = strdup(g->message);
	}
}

static void seen_free(seen *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->path[i]);
		free(s->first_error[i]);
		free(s->first_warning[i]);
	}
}

/* Where account `a` was reported in s, or -1. */
static int slot_of(const seen *s, size_t a)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->account[i] == a)
			return (int)i;
	return -1;
}

static relmap_document *load(void)
{
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml_memory(&doc, doc_xml,
							 strlen(doc_xml),
							 "batch.xml", NULL, &d),
			 0);
	relmap_diags_free(&d);
	return doc;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	do {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

static void remove_tree(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * A layout past the bound: the worker is killed, the account with
 * departments is tried again without clusters (and runs out again), the
 * one without departments fails at once; each with relmap_render's
 * messages, and the batch goes on with a fresh worker.
 */
static void batch__a_layout_past_the_bound_fails_as_a_render_does(void **state)
{
	(void)state;
	char dir[] = "/tmp/relmap-batch-XXXXXX";
	assert_non_null(mkdtemp(dir));
	relmap_document *doc = load();
	relmap_render_options ro = RELMAP_RENDER_OPTIONS_INIT;
	relmap_batch_options o = RELMAP_BATCH_OPTIONS_INIT;
	relmap_diags d = RELMAP_DIAGS_INIT;
	seen s = { 0 };

	ro.engine = "dot";
	ro.layout_timeout = 0.000001;
	o.out_dir = dir;
	o.jobs = 1;
	o.render = &ro;
	o.callback = on_account;
	o.ctx = &s;
	assert_int_equal(relmap_batch_render(doc, &o, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(s.n, 3);
	int a = slot_of(&s, 0), c = slot_of(&s, 2);
	assert_true(a >= 0 && c >= 0);
	assert_int_equal(s.rc[a], RELMAP_ETIMEOUT);
	assert_string_equal(s.first_warning[a],
			    "layout did not finish within 1e-06 s; drawn again without department clusters");
	assert_string_equal(s.first_error[a],
			    "layout did not finish within 1e-06 s even without department clusters; try --engine or a longer --layout-timeout");
	assert_int_equal(s.rc[c], RELMAP_ETIMEOUT);
	assert_null(s.first_warning[c]);
	assert_string_equal(s.first_error[c],
			    "layout did not finish within 1e-06 s; try --engine or a longer --layout-timeout");
	seen_free(&s);
	relmap_diags_free(&d);
	relmap_document_free(doc);
	remove_tree(dir);
}

/*
 * Every account is reported once through the callback, with progress;
 * a file that cannot be written fails that account alone; the files are
 * the bytes relmap_render gives.  (Last: it renders in this process,
 * after which no batch should fork from it.)
 */
static void batch__every_account_once_and_the_bytes_of_a_render(void **state)
{
	(void)state;
	char dir[] = "/tmp/relmap-batch-XXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	relmap_document *doc = load();
	relmap_analysis_options ao = RELMAP_ANALYSIS_OPTIONS_INIT;
	relmap_batch_options o = RELMAP_BATCH_OPTIONS_INIT;
	relmap_diags d = RELMAP_DIAGS_INIT;
	seen s = { 0 };

	/* A directory where globex's file goes. */
	snprintf(path, sizeof(path), "%s/globex.svg", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	ao.as_of = doc->as_of;
	o.out_dir = dir;
	o.jobs = 2;
	o.analysis = &ao;
	o.callback = on_account;
	o.ctx = &s;
	assert_int_equal(relmap_batch_render(doc, &o, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(s.n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(s.done[i], i + 1);
		assert_int_equal(s.total[i], 3);
	}
	int g = slot_of(&s, 1);
	assert_true(g >= 0);
	assert_int_equal(s.rc[g], RELMAP_EOUTPUT);
	assert_non_null(s.first_error[g]);
	assert_non_null(strstr(s.first_error[g], "cannot write"));

	/* The other two: written, and what relmap_render draws. */
	const size_t ok[2] = { 0, 2 };
	for (size_t k = 0; k < 2; k++) {
		int i = slot_of(&s, ok[k]);
		assert_true(i >= 0);
		assert_int_equal(s.rc[i], 0);
		assert_null(s.first_error[i]);
		size_t len = 0;
		char *file = slurp(s.path[i], &len);
		assert_non_null(file);
		relmap_analysis *an = NULL;
		char *data = NULL;
		size_t dlen = 0;
		assert_int_equal(relmap_analysis_run(&an,
						     &doc->accounts[ok[k]],
						     &ao),
				 0);
		assert_int_equal(relmap_render(&data, &dlen, an, NULL,
					       RELMAP_FORMAT_SVG, NULL, &d),
				 0);
		assert_int_equal(dlen, len);
		assert_memory_equal(data, file, len);
		free(data);
		free(file);
		relmap_analysis_free(an);
	}
	seen_free(&s);
	relmap_diags_free(&d);
	relmap_document_free(doc);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(batch__a_layout_past_the_bound_fails_as_a_render_does),
		cmocka_unit_test(batch__every_account_once_and_the_bytes_of_a_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
