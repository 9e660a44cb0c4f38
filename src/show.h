/*
 * show.h - a user's value fit for a diagnostic.
 *
 * show() cuts the value to SHOW_MAX bytes on a character boundary
 * ("..." added) and escapes control characters, so one diagnostic stays
 * one line whatever the input holds.  The loaders quote every value they
 * complain about through it.
 */
#ifndef RELMAP_SHOW_H
#define RELMAP_SHOW_H

#include <stddef.h>

#define SHOW_MAX 64
#define SHOW_BUF (SHOW_MAX * 4 + 8)

/* Writes into `out` and returns it. */
const char *show(char out[SHOW_BUF], const char *s, size_t len);
/* The same for a NUL-terminated string; NULL shows as "". */
const char *show_str(char out[SHOW_BUF], const char *s);

#endif
