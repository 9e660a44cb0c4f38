#define _POSIX_C_SOURCE 200809L
#include "relmap/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

const char *relmap_strerror(int code)
{
	switch (code) {
	case RELMAP_OK: return "success";
	case RELMAP_EUSAGE: return "usage error";
	case RELMAP_EDATA: return "bad input data";
	case RELMAP_ENOENT: return "input missing or unreadable";
	case RELMAP_ENOMEM: return "out of memory";
	case RELMAP_EOUTPUT: return "output cannot be created";
	case RELMAP_EIO: return "I/O error";
	case RELMAP_EINTERNAL: return "internal error";
	case RELMAP_ETIMEOUT: return "timed out";
	default: return "unknown error";
	}
}

const char *relmap_severity_name(relmap_severity s)
{
	switch (s) {
	case RELMAP_SEVERITY_ERROR: return "error";
	case RELMAP_SEVERITY_WARNING: return "warning";
	case RELMAP_SEVERITY_NOTE: return "note";
	}
	return "error";
}

void relmap_diags_init(relmap_diags *d, size_t limit)
{
	memset(d, 0, sizeof(*d));
	d->limit = limit;
}

void relmap_diags_free(relmap_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	size_t limit = d->limit;
	relmap_diags_init(d, limit);
}

int relmap_diags_full(const relmap_diags *d)
{
	return d->limit && d->errors >= d->limit;
}

int relmap_diags_addv(relmap_diags *d, relmap_severity sev, const char *file,
		      int line, int column, const char *fmt, va_list ap)
{
	if (sev == RELMAP_SEVERITY_ERROR) {
		d->errors++;
		if (d->limit && d->errors > d->limit) {
			d->suppressed++;
			return 0;
		}
	}
	if (vec_reserve(&d->items, &d->capacity, d->count + 1,
			sizeof(*d->items)))
		return RELMAP_ENOMEM;
	relmap_diag *g = &d->items[d->count];
	memset(g, 0, sizeof(*g));
	g->severity = sev;
	g->line = line;
	g->column = column;
	if (file && !(g->file = strdup(file)))
		return RELMAP_ENOMEM;
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	g->message = malloc((size_t)n + 1);
	if (!g->message) {
		free(g->file);
		return RELMAP_ENOMEM;
	}
	vsnprintf(g->message, (size_t)n + 1, fmt, ap);
	d->count++;
	return 0;
}

int relmap_diags_add(relmap_diags *d, relmap_severity sev, const char *file,
		     int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = relmap_diags_addv(d, sev, file, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

typedef struct ranked {
	relmap_diag d;
	size_t seq;
} ranked;

static int ranked_cmp(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.column != b->d.column)
		return a->d.column < b->d.column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int relmap_diags_sort(relmap_diags *d, size_t from)
{
	size_t n = from < d->count ? d->count - from : 0;
	if (n < 2)
		return 0;
	ranked *r = malloc(n * sizeof(*r));
	if (!r)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		r[i].d = d->items[from + i];
		r[i].seq = i;
	}
	qsort(r, n, sizeof(*r), ranked_cmp);
	for (size_t i = 0; i < n; i++)
		d->items[from + i] = r[i].d;
	free(r);
	return 0;
}
