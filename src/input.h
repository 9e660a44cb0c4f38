/*
 * input.h - opening a loader's input file.
 *
 * Both loaders read a path or "-" (standard input, named "<stdin>" in
 * diagnostics), refuse directories, and say "cannot open: REASON" when
 * the file cannot be had.
 */
#ifndef RELMAP_INPUT_H
#define RELMAP_INPUT_H

#include <stddef.h>

#include "relmap/diag.h"

typedef struct input_file {
	int fd;
	int is_stdin;
	const char *name; /* for diagnostics: the path, or "<stdin>" */
	size_t size;      /* bytes of a regular file, else SIZE_MAX */
} input_file;

/* Loaders read in chunks of this size, so memory does not grow with the
 * file. */
#define INPUT_CHUNK_SIZE (256 * 1024)

/* What a loader reads: an open file descriptor, or memory. */
typedef struct input_source {
	int fd;           /* >= 0: read from it */
	const char *data; /* otherwise: this memory */
	size_t len;
	size_t off;
} input_source;

/* The next chunk, as full as the input allows (so that a byte-order mark
 * is whole in the first): *chunk points into `buf` (INPUT_CHUNK_SIZE
 * bytes) or into the memory.  Returns its length, 0 at the end, -1 on a
 * read error (errno says why). */
long input_next_chunk(input_source *src, char *buf, const char **chunk);

/* 0, or RELMAP_ENOENT with the diagnostic added. */
int input_open(input_file *in, const char *path, relmap_diags *diags);
/* Close what input_open opened (standard input stays open). */
void input_close(input_file *in);

#endif
