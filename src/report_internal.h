/*
 * report_internal.h - gap messages shared by the text, junit, markdown
 * and github reports, so they all say the same words.
 *
 * Every string taken from the input (names, ids, titles) goes through the
 * format's `put` function, which escapes it for that format; the fixed
 * words around them are plain ASCII that needs no escaping anywhere.
 */
#ifndef RELMAP_REPORT_INTERNAL_H
#define RELMAP_REPORT_INTERNAL_H

#include <stdio.h>

#include "relmap/report.h"

/* Writes input text `s` to `f`, escaped for one output format. */
typedef void (*report_put_fn)(FILE *f, const char *s);

/* The gap's message without position, severity or kind, e.g.
 * "Maria Lopez (p1), Chief Executive Officer, coverage 0.00" or
 * "account 'acme': no person has role economic-buyer". */
void report_gap_message(FILE *f, const relmap_analysis *an,
			const relmap_gap *g, report_put_fn put);

/* The access path "Jane Doe (u1) ARROW Tom Ng (p2), strength 0.4", or
 * "none" when the gap has no path. */
void report_gap_path(FILE *f, const relmap_analysis *an, const relmap_gap *g,
		     report_put_fn put, const char *arrow);

/* A gap as `check` words it, without position or newline: "error:
 * uncovered-decision-maker: MESSAGE; best path u1 -> p2 (strength 0.4)".
 * The HTML viewer's gap list uses it too. */
void report_gap_line(FILE *f, const relmap_analysis *an, const relmap_gap *g);

/* Whether the gap kind carries an access path (the error kinds). */
int report_gap_has_path_kind(relmap_gap_kind k);

/* Where the gap points: the person's element, else the account's. */
relmap_pos report_gap_pos(const relmap_analysis *an, const relmap_gap *g);

/* A report written into memory, for the relmap_report_*() functions that
 * return a buffer: open, write to .f with the streaming writer, close. */
typedef struct report_buf {
	char *data;
	size_t len;
	FILE *f;
} report_buf;
/* 0, or RELMAP_ENOMEM. */
int report_buf_open(report_buf *b);
/* Close b after a writer returned `rc`; on success the text goes to
 * *out and *out_len (the caller frees it) and 0 is returned.  A memory
 * stream fails only for want of memory: any failure is RELMAP_ENOMEM. */
int report_buf_close(report_buf *b, int rc, char **out, size_t *out_len);

/* fputs as a report_put_fn, for formats that need no escaping. */
void report_put_plain(FILE *f, const char *s);

/* Input text for a Markdown pull-request comment (report_markdown.c):
 * '&', '<' and '>' as entities, CommonMark punctuation backslash-escaped,
 * line breaks as spaces.  A report_put_fn, shared with the diff. */
void report_md_text(FILE *f, const char *s);
/* "Acme Corp (acme)", or "acme" for an account without a name, escaped
 * with report_md_text. */
void report_md_account(FILE *f, const relmap_account *a);

#endif
