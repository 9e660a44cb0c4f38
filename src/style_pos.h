/*
 * style_pos.h - where each start tag and attribute of an XML text is.
 *
 * libxml2's tree keeps a line per element but no column, and nothing for
 * attributes.  Style sheet messages point at the attribute at fault, so
 * this scans the (UTF-8) text once more, after libxml2 has found it
 * well-formed, and records the line and column of every start tag and of
 * every attribute name, in document order: the i-th element of the tree
 * is tags[i].  Columns count characters, 1-based, as libxml2 does.
 */
#ifndef RELMAP_STYLE_POS_H
#define RELMAP_STYLE_POS_H

#include <stddef.h>

typedef struct xml_attr_pos {
	const char *name; /* points into the scanned text, not NUL-ended */
	size_t name_len;
	int line;
	int column;
} xml_attr_pos;

typedef struct xml_tag_pos {
	int line;
	int column;       /* of the '<' */
	size_t first_attr; /* index into attrs */
	size_t n_attrs;
} xml_tag_pos;

typedef struct xml_positions {
	xml_tag_pos *tags;
	size_t n_tags;
	xml_attr_pos *attrs;
	size_t n_attrs;
	int doctype_line;  /* of "<!DOCTYPE", 0 when there is none */
	int doctype_column;
} xml_positions;

/* Scan `len` bytes; 0, or -1 when out of memory.  Malformed text is
 * scanned as far as it goes (libxml2 reports what is wrong with it). */
int xml_positions_scan(xml_positions *out, const char *text, size_t len);
void xml_positions_free(xml_positions *p);

/* The position of attribute `name` of tag `tag`, or NULL. */
const xml_attr_pos *xml_positions_attr(const xml_positions *p, size_t tag,
				       const char *name);

#endif
