/*
 * profile.c - render --profile and check --profile: where the time goes.
 *
 * Each phase's wall time, one line each on standard error, so that a slow
 * render or check says which part to look at (load, analysis, the
 * renderer's phases, write) without a profiler.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "cli.h"

double cli_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void line(const char *phase, double s)
{
	fprintf(stderr, "profile: %-16s %9.1f ms\n", phase, s * 1000);
}

void cli_profile_print(const cli_profile *p, const relmap_render_profile *r)
{
	line("load", p->load);
	line("analysis", p->analysis);
	if (r) {
		line("view", r->view);
		if (r->start > 0)
			line("graphviz start", r->start);
		line("graph", r->graph);
		line("measure", r->measure);
		line("layout", r->layout);
		line("drawing", r->drawing);
		line("post-processing", r->post);
	} else {
		line("report", p->report);
	}
	line("write", p->write);
	line("total", cli_clock() - p->start);
}
