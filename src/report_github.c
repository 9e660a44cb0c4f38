/* report_github.c - GitHub Actions workflow commands, one per gap, so a
 * CI run annotates the person's line in the input file of the change.
 *
 * GitHub's runner decodes %25, %0D and %0A in the message, and also %3A
 * and %2C in property values, where ':' and ',' would end the value.
 * Other control characters are passed as they are: they end no command. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/report.h"

#include <stdio.h>
#include <stdlib.h>

#include "report_internal.h"

static void escape(FILE *f, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", f); break;
		case '\r': fputs("%0D", f); break;
		case '\n': fputs("%0A", f); break;
		case ':':
			if (property)
				fputs("%3A", f);
			else
				fputc(':', f);
			break;
		case ',':
			if (property)
				fputs("%2C", f);
			else
				fputc(',', f);
			break;
		default: fputc(*s, f);
		}
	}
}

static void put_data(FILE *f, const char *s)
{
	escape(f, s, 0);
}

static void put_gap(FILE *f, const char *path, const relmap_analysis *an,
		    const relmap_gap *g)
{
	relmap_pos pos = report_gap_pos(an, g);
	fprintf(f, "::%s file=", relmap_severity_name(g->severity));
	escape(f, path, 1);
	if (pos.line > 0) {
		fprintf(f, ",line=%d", pos.line);
		if (pos.column > 0)
			fprintf(f, ",col=%d", pos.column);
	}
	fprintf(f, ",title=%s::", relmap_gap_kind_name(g->kind));
	report_gap_message(f, an, g, put_data);
	if (report_gap_has_path_kind(g->kind)) {
		fputs("; access path: ", f);
		report_gap_path(f, an, g, put_data, " -> ");
	}
	fputc('\n', f);
}

int relmap_report_github_write(FILE *f, const char *path,
			       const relmap_analysis *const *analyses,
			       size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < analyses[i]->n_gaps; k++)
			put_gap(f, path, analyses[i], &analyses[i]->gaps[k]);
	return ferror(f) ? RELMAP_EIO : 0;
}

int relmap_report_github(char **out, size_t *out_len, const char *path,
			 const relmap_analysis *const *analyses, size_t n)
{
	report_buf b;
	if (report_buf_open(&b))
		return RELMAP_ENOMEM;
	int rc = relmap_report_github_write(b.f, path, analyses, n);
	return report_buf_close(&b, rc, out, out_len);
}
