/*
 * xmlbuf.h - handing over what a libxml2 text writer wrote.
 *
 * The XML writers (JUnit report, XML export) write into an xmlBuffer and
 * return the bytes as a malloc'd, NUL-terminated string the caller frees.
 */
#ifndef RELMAP_XMLBUF_H
#define RELMAP_XMLBUF_H

#include <libxml/tree.h>
#include <stddef.h>

/* Copy `xb`'s content into *out (*out_len bytes, NUL after them).
 * Returns 0, or RELMAP_ENOMEM leaving *out untouched. */
int xmlbuf_take(char **out, size_t *out_len, xmlBufferPtr xb);

#endif
