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

/* 0, or RELMAP_ENOENT with the diagnostic added. */
int input_open(input_file *in, const char *path, relmap_diags *diags);
/* Close what input_open opened (standard input stays open). */
void input_close(input_file *in);

#endif
