/*
 * decimal.h - strict parsing of decimal numbers from data files.
 *
 * Accepts exactly what relmap's schema calls a Number: an optional sign,
 * digits with an optional fraction (or a fraction alone: ".5"), and an
 * optional exponent ("1e-3"), with blanks around it ignored as XML Schema
 * does.  Rejects NaN, infinities, hexadecimal, empty text, junk, and
 * values too large for a double.  The result is correctly rounded and
 * does not depend on the caller's locale.
 */
#ifndef RELMAP_DECIMAL_H
#define RELMAP_DECIMAL_H

#include <stddef.h>

/* 0 and *out set; -1 when `s` (len bytes, no NUL needed) is not such a
 * number; -2 when out of memory. */
int decimal_parse(double *out, const char *s, size_t len);

#endif
