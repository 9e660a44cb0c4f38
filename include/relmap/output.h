/*
 * relmap/output.h - writing outputs atomically.
 *
 * A regular file (or a path that does not exist yet) is written to a
 * temporary file in the same directory and renamed over the target, so
 * readers see the old file or the whole new one, and an error leaves no
 * partial file.  A path that exists and is not a regular file (/dev/null,
 * a named pipe, a terminal) is written directly.  NULL or "-" is standard
 * output.
 */
#ifndef RELMAP_OUTPUT_H
#define RELMAP_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Returns 0, RELMAP_EOUTPUT (cannot create) or RELMAP_EIO (write failed). */
int relmap_output_write(const char *path, const void *data, size_t len,
			relmap_diags *diags);

/**
 * The same output written piece by piece, for outputs too large to hold
 * in memory first (a million-person JSON report is 170 MB).
 */
typedef struct relmap_output relmap_output;

/**
 * Open `path` (NULL or "-": standard output) for writing through the
 * stream *f, which *out owns.  A regular file is a temporary file until
 * relmap_output_close() commits it.  Open only once the content is known
 * to be wanted: a special file is truncated here.  Returns 0,
 * RELMAP_ENOMEM or RELMAP_EOUTPUT (cannot create).
 */
int relmap_output_open(relmap_output **out, FILE **f, const char *path,
		       relmap_diags *diags);

/**
 * Flush and close the stream; with `commit`, rename the temporary file
 * over the target, without it remove it (the target stays as it was).
 * Standard output is flushed, never closed, and what was written to it
 * stays written.  Frees `o`; NULL is a no-op.  Returns 0, RELMAP_EIO
 * (write failed; nothing replaced) or RELMAP_EOUTPUT (cannot replace);
 * without `commit` always 0.
 */
int relmap_output_close(relmap_output *o, int commit, relmap_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
