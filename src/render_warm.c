/*
 * render_warm.c - Graphviz started in the background while the input loads.
 *
 * The first use of Graphviz in a process pays for starting it, whatever
 * the account: gvContext() loads the plugins (pango's brings cairo,
 * pango, glib, fontconfig and some thirty more libraries: about 9 ms),
 * the first text measured starts pango and fontconfig (the font list,
 * the configuration, the caches: about 13 ms), and each face and size of
 * the style's font is opened once (about 1 ms each).  At 1,000 persons
 * that was more than a quarter of a render, and none of it depends on the
 * account.  relmap_render_warm_up() does it in a thread while the caller
 * loads and analyses the account, on the machine's second core.
 *
 * Graphviz and cgraph are not thread-safe (global state, the prototype
 * graph, the plugin's caches): the thread is their only user until it is
 * joined, and every way into them in this library joins it first
 * (render_gvc(), render_ids_agopen(), render_layout(), relmap_batch_render).
 * A fork waits for it too, so no child starts with pango half-way through
 * starting.  The warm-up draws a throwaway graph, as a batch worker's
 * earlier accounts do: the maps drawn after it are the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <pthread.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "style_internal.h"

/* Distinct (size, bold) pairs of the style's text: cards, summaries, the
 * team, the title block, the legend, department labels. */
#define MAX_SPANS 24

typedef struct warm_span {
	double size;
	int bold;
} warm_span;

typedef struct warm_job {
	char *font; /* NULL: Graphviz's default */
	char *gvformat; /* NULL: measure only */
	warm_span spans[MAX_SPANS];
	size_t n_spans;
} warm_job;

static pthread_t thread;
static int running;

static double attr_size(const style_attrs *a, double dflt)
{
	const char *s = style_attrs_get(a, "fontsize");
	double v = s ? atof(s) : 0;
	return v > 0 ? v : dflt;
}

static void add_span(warm_job *j, double size, int bold)
{
	if (!(size > 0) || j->n_spans == MAX_SPANS)
		return;
	for (size_t i = 0; i < j->n_spans; i++)
		if (j->spans[i].size == size && j->spans[i].bold == bold)
			return;
	j->spans[j->n_spans++] = (warm_span){ size, bold };
}

static int quiet(char *msg)
{
	(void)msg; /* the render that follows reports for itself */
	return 0;
}

/* A node per span, measured (nop2) and, for a format, drawn. */
static void warm(GVC_t *gvc, const warm_job *j)
{
	agusererrf old = agseterrf(quiet);
	render_ids *ids = NULL;
	Agraph_t *g = render_ids_agopen_unwaited(&ids, "warm");
	if (!g)
		goto out;
	if (j->font && !agattr(g, AGNODE, "fontname", j->font))
		goto out;
	int ok = 1;
	for (size_t i = 0; i < j->n_spans && ok; i++) {
		char name[32], label[192], num[32];
		snprintf(name, sizeof(name), "w%zu", i);
		render_num(num, j->spans[i].size);
		snprintf(label, sizeof(label),
			 "<FONT POINT-SIZE=\"%s\">%sWg%s</FONT>", num,
			 j->spans[i].bold ? "<B>" : "",
			 j->spans[i].bold ? "</B>" : "");
		Agnode_t *n = agnode(g, name, 1);
		char *html = n ? agstrdup_html(g, label) : NULL;
		ok = html && agsafeset(n, "label", html, "") == 0 &&
		     agsafeset(n, "shape", "plain", "") == 0 &&
		     agsafeset(n, "pos", "0,0", "") == 0;
		agstrfree(g, html);
	}
	if (ok && gvLayout(gvc, g, "nop2") == 0) {
		char *data = NULL;
		unsigned int len = 0;
		if (j->gvformat &&
		    gvRenderData(gvc, g, j->gvformat, &data, &len) == 0)
			gvFreeRenderData(data);
		gvFreeLayout(gvc, g);
	}
out:
	if (g)
		agclose(g);
	render_ids_free(ids);
	agseterrf(old);
}

/*
 * The thread waits, after loading the plugins, for two things from the
 * caller: fontconfig started (relmap_render_warm_up reads it on the
 * caller's thread) and the style's fonts (given with the style, or later
 * by relmap_render_warm_fonts, or never: relmap_render_warm_wait).
 */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int fc_ready;
typedef enum fonts_state { FONTS_PENDING, FONTS_GIVEN, FONTS_NONE } fonts_state;
static fonts_state fonts;
static warm_job *job;

static void *run(void *arg)
{
	(void)arg;
	/* The plugins first, while the caller reads fontconfig (and loads
	 * its style); then the text, which starts pango, which needs
	 * fontconfig. */
	GVC_t *gvc = render_gvc_unwaited();
	pthread_mutex_lock(&lock);
	while (!fc_ready || fonts == FONTS_PENDING)
		pthread_cond_wait(&cond, &lock);
	int given = fonts == FONTS_GIVEN;
	pthread_mutex_unlock(&lock);
	if (gvc && given)
		warm(gvc, job);
	return NULL;
}

/* Tell the thread that fontconfig has started (fc_started), and what
 * became of the fonts (FONTS_PENDING: nothing new). */
static void signal_state(int fc_started, fonts_state now)
{
	pthread_mutex_lock(&lock);
	if (fc_started)
		fc_ready = 1;
	if (now != FONTS_PENDING && fonts == FONTS_PENDING)
		fonts = now;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
}

/* The spans of the style's text: cards, summaries, the team, the title
 * block, the legend, department labels. */
static void style_spans(warm_job *j, const relmap_style *st)
{
	/* Node text: a class's own size or Graphviz's 14 (summaries and
	 * members do not inherit the person's); cluster labels: their own
	 * or the root graph's. */
	double graph = attr_size(&st->graph, 14);
	add_span(j, attr_size(&st->person, 14), 1);
	add_span(j, st->title_fontsize, 0);
	add_span(j, st->title_fontsize, 1);
	add_span(j, st->department_fontsize, 0);
	add_span(j, st->gap_marker_fontsize, 1);
	add_span(j, attr_size(&st->summary, 14), 1);
	add_span(j, attr_size(&st->member, 14), 1);
	add_span(j, st->member_role_fontsize, 0);
	add_span(j, graph, 0);
	add_span(j, graph, 1);
	add_span(j, attr_size(&st->department, graph), 0);
	add_span(j, attr_size(&st->team, graph), 0);
	add_span(j, attr_size(&st->legend, graph), 1);
	add_span(j, st->legend_item_fontsize, 0);
	add_span(j, st->title_name_fontsize, 1);
	add_span(j, st->title_detail_fontsize, 0);
}

int relmap_render_warm_fonts(const relmap_style *st)
{
	if (!running || !job || !st)
		return 0;
	pthread_mutex_lock(&lock);
	int pending = fonts == FONTS_PENDING;
	pthread_mutex_unlock(&lock);
	if (!pending)
		return 0;
	/* The thread reads the job only once told the fonts are given. */
	if (st->font && !(job->font = strdup(st->font))) {
		signal_state(0, FONTS_NONE);
		return RELMAP_ENOMEM;
	}
	style_spans(job, st);
	signal_state(0, FONTS_GIVEN);
	return 0;
}

int relmap_render_warm_up(const relmap_style *st, relmap_format fmt)
{
	if (running || render_gvc_started())
		return 0; /* under way, or done already */
	const char *gvformat = fmt == RELMAP_FORMAT_PNG ? "png"
			       : fmt == RELMAP_FORMAT_PDF ? "pdf"
			       : fmt == RELMAP_FORMAT_DOT ? NULL
							 : "svg";
	warm_job *j = calloc(1, sizeof(*j));
	if (!j || (gvformat && !(j->gvformat = strdup(gvformat)))) {
		free(j);
		return RELMAP_ENOMEM;
	}
	job = j;
	fc_ready = 0;
	fonts = FONTS_PENDING;
	if (pthread_create(&thread, NULL, run, NULL) != 0) {
		free(j->gvformat);
		free(j);
		job = NULL;
		return 0; /* no thread: the render starts Graphviz itself */
	}
	running = 1;
	/* fontconfig's configuration and caches (about 5 ms), read here
	 * while the thread loads Graphviz's plugins: two threads for the two
	 * longest steps, and pango finds fontconfig started.  (On a thread
	 * of its own it only competed with the caller's load for the cores.)
	 * fontconfig is thread-safe. */
	FcInit();
	signal_state(1, FONTS_PENDING);
	return st ? relmap_render_warm_fonts(st) : 0;
}

void relmap_render_warm_wait(void)
{
	if (!running || pthread_equal(pthread_self(), thread))
		return;
	double t0 = render_clock();
	signal_state(0, FONTS_NONE); /* no fonts are coming now */
	pthread_join(thread, NULL);
	running = 0;
	free(job->font);
	free(job->gvformat);
	free(job);
	job = NULL;
	render_prof_add(&render_prof->start, t0);
}
