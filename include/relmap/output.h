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
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Returns 0, RELMAP_EOUTPUT (cannot create) or RELMAP_EIO (write failed). */
int relmap_output_write(const char *path, const void *data, size_t len,
			relmap_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
