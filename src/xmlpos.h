/*
 * xmlpos.h - line and column of bytes in libxml2's input buffer.
 *
 * libxml2 keeps line and column counters for its input pointer only, and
 * calls SAX handlers after the construct they report: a start tag when it
 * is complete, with the pointer on its closing '>' or "/>".  These helpers
 * work out where such a construct began (the '<' of a start tag, the first
 * character of a run of text), scanning back within the buffer.
 *
 * Columns count characters (UTF-8 sequences), 1-based, as libxml2's own
 * counters do, so a loader message and a libxml2 message about the same
 * byte agree; a tab is one column.
 *
 * A line that started before the part of the input libxml2 still holds
 * (it keeps about 80 bytes before the point where a chunk's parse began)
 * is measured from an anchor: the last place, on the same line, where the
 * counters were known to match the pointer.  Failing both, the position
 * given is that of the end of the construct, which still names the right
 * line of the right element.
 */
#ifndef RELMAP_XMLPOS_H
#define RELMAP_XMLPOS_H

#include <libxml/parser.h>

typedef struct xmlpos_anchor {
	unsigned long off; /* offset in the (decoded) input */
	int line;
	int col;
	int valid;
} xmlpos_anchor;

/* Remember the parser's current position (call where the counters match
 * the input pointer: in start and end tag handlers). */
void xmlpos_set_anchor(xmlpos_anchor *a, const xmlParserCtxt *ctxt);

/* Drop the anchor, after an event that moved the parser without
 * leaving its counters and pointer known to agree. */
void xmlpos_forget_anchor(xmlpos_anchor *a);

/* The same from a characters callback (ch, len), whose end is where the
 * counters are (see xmlpos_text). */
void xmlpos_text_anchor(xmlpos_anchor *a, const xmlParserCtxt *ctxt,
			const xmlChar *ch, int len);

/* The position of the '<' of the start tag being reported. */
void xmlpos_start_tag(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		      int *line, int *col);

/* The position of "<!DOCTYPE", the parser being inside it. */
void xmlpos_doctype(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		    int *line, int *col);

/* The position of ch[k] in a characters callback (ch, len).  libxml2
 * passes text either straight from its buffer, having counted it but not
 * yet moved its pointer, or from a copy after doing both, which is found
 * in the buffer when it is the bytes just read; failing that, the
 * parser's current position is given. */
void xmlpos_text(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		 const xmlChar *ch, int len, int k, int *line, int *col);

/* The position of the "<![CDATA[" of the CDATA section of `len` bytes
 * just reported (the parser is past its "]]>"). */
void xmlpos_cdata(const xmlParserCtxt *ctxt, const xmlpos_anchor *a, int len,
		  int *line, int *col);

#endif
