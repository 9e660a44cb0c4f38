/* xmlpos.c - line and column of bytes in libxml2's input (see xmlpos.h). */
#include "xmlpos.h"

#include <stdint.h>
#include <string.h>

static unsigned long offset_of(const xmlParserInput *in, const xmlChar *p)
{
	return in->consumed + (unsigned long)(p - in->base);
}

void xmlpos_forget_anchor(xmlpos_anchor *a)
{
	a->valid = 0;
}

void xmlpos_set_anchor(xmlpos_anchor *a, const xmlParserCtxt *ctxt)
{
	const xmlParserInput *in = ctxt->input;
	if (!in || !in->cur || !in->base)
		return;
	a->off = offset_of(in, in->cur);
	a->line = in->line;
	a->col = in->col;
	a->valid = 1;
}

static int count_chars(const xmlChar *p, const xmlChar *end)
{
	int n = 0;
	for (; p < end; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* The column of `p` when its line began before it: from the line's start
 * if the buffer still has it, else from the anchor; 0 if neither. */
static int column_in_line(const xmlParserInput *in, const xmlpos_anchor *a,
			  const xmlChar *p, int line)
{
	const xmlChar *q = p;
	while (q > in->base && q[-1] != '\n')
		q--;
#ifndef XMLPOS_TEST_ANCHOR
	if (q > in->base)
		return 1 + count_chars(q, p);
#endif
	if (in->consumed == 0) {
		/* The buffer starts the document; a byte order mark is not
		 * a column. */
		if (p - q >= 3 && q[0] == 0xEF && q[1] == 0xBB && q[2] == 0xBF)
			q += 3;
		return 1 + count_chars(q, p);
	}
	unsigned long off = offset_of(in, p);
	if (a && a->valid && a->line == line && a->off >= in->consumed &&
	    a->off <= off)
		return a->col + count_chars(in->base + (a->off - in->consumed), p);
	return 0;
}

/* The position of `p`, at or before `ref` in the buffer, ref being at
 * ref_line:ref_col. */
static void back_pos(const xmlParserInput *in, const xmlpos_anchor *a,
		     const xmlChar *p, const xmlChar *ref, int ref_line,
		     int ref_col, int *line, int *col)
{
	int nl = 0, chars = 0;
	for (const xmlChar *q = p; q < ref; q++) {
		nl += *q == '\n';
		chars += (*q & 0xC0) != 0x80;
	}
	*line = ref_line - nl;
	*col = nl ? column_in_line(in, a, p, *line) : ref_col - chars;
	if (*col <= 0) {
		*line = ref_line;
		*col = ref_col;
	}
}

/* A byte per lane: the high bit set where the byte of x is zero. */
static uint64_t zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t t = (x & low7) + low7;
	return ~(t | x | low7);
}

/* How many bytes of zero_bytes()'s result are marked. */
static int count_marked(uint64_t m)
{
	return (int)(((m >> 7) * 0x0101010101010101ULL) >> 56);
}

void xmlpos_start_tag(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		      int *line, int *col)
{
	const xmlParserInput *in = ctxt->input;
	const xmlChar *cur = in->cur, *p = cur;
	/* Most tags begin right where the last event ended (the blank text
	 * before them, or the previous end tag): then that '<' is the first
	 * one before the pointer, and its position is the anchor's. */
	if (a && a->valid && a->off >= in->consumed &&
	    a->off - in->consumed < (unsigned long)(cur - in->base)) {
		const xmlChar *q = in->base + (a->off - in->consumed);
		if (*q == '<' && !memchr(q + 1, '<', (size_t)(cur - q - 1))) {
			*line = a->line;
			*col = a->col;
			return;
		}
	}
	int nl = 0, cont = 0;
	/* Every start tag is scanned, so eight bytes at a time: count the
	 * newlines and UTF-8 continuation bytes, stopping short of the
	 * word holding the '<'. */
	const uint64_t lt = 0x3c3c3c3c3c3c3c3cULL, lf = 0x0a0a0a0a0a0a0a0aULL;
	const uint64_t top2 = 0xc0c0c0c0c0c0c0c0ULL, cb = 0x8080808080808080ULL;
	while (p - in->base >= 8) {
		uint64_t w;
		memcpy(&w, p - 8, 8);
		if (zero_bytes(w ^ lt))
			break;
		nl += count_marked(zero_bytes(w ^ lf));
		cont += count_marked(zero_bytes((w & top2) ^ cb));
		p -= 8;
	}
	while (p > in->base && p[-1] != '<') {
		p--;
		nl += *p == '\n';
		cont += (*p & 0xC0) == 0x80;
	}
	if (p == in->base) {
		*line = in->line;
		*col = in->col;
		return;
	}
	p--; /* the '<' */
	*line = in->line - nl;
	*col = nl ? column_in_line(in, a, p, *line)
		  : in->col - (int)(cur - p) + cont;
	if (*col <= 0) {
		*line = in->line;
		*col = in->col;
	}
}

void xmlpos_doctype(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		    int *line, int *col)
{
	const xmlParserInput *in = ctxt->input;
	for (const xmlChar *p = in->cur; p > in->base;) {
		p--;
		if (*p == '<' && in->end - p >= 9 &&
		    memcmp(p, "<!DOCTYPE", 9) == 0) {
			back_pos(in, a, p, in->cur, in->line, in->col, line, col);
			return;
		}
	}
	*line = in->line;
	*col = in->col;
}

void xmlpos_text_anchor(xmlpos_anchor *a, const xmlParserCtxt *ctxt,
			const xmlChar *ch, int len)
{
	const xmlParserInput *in = ctxt->input;
	if (!in || !in->base || ch < in->base || ch + len > in->end)
		return;
	if (ch == in->cur || ch + len == in->cur) {
		a->off = offset_of(in, ch + len);
		a->line = in->line;
		a->col = in->col;
		a->valid = 1;
	}
}

void xmlpos_text(const xmlParserCtxt *ctxt, const xmlpos_anchor *a,
		 const xmlChar *ch, int len, int k, int *line, int *col)
{
	const xmlParserInput *in = ctxt->input;
	if (ch >= in->base && ch + len <= in->end) {
		if (ch == in->cur) {
			back_pos(in, a, ch + k, ch + len, in->line, in->col, line,
				 col);
			return;
		}
		if (ch + len == in->cur) {
			back_pos(in, a, ch + k, in->cur, in->line, in->col, line,
				 col);
			return;
		}
	}
	/* A copy: if the text just before the pointer is the same bytes
	 * (no reference or folded line end in it), that is where it was. */
	if (in->cur - in->base >= len && memcmp(in->cur - len, ch, len) == 0) {
		back_pos(in, a, in->cur - len + k, in->cur, in->line, in->col,
			 line, col);
		return;
	}
	*line = in->line;
	*col = in->col;
}

void xmlpos_cdata(const xmlParserCtxt *ctxt, const xmlpos_anchor *a, int len,
		  int *line, int *col)
{
	const xmlParserInput *in = ctxt->input;
	/* The section's raw bytes are at least len + 12 long ("<![CDATA["
	 * and "]]>"; line ends may have been folded), so searching back from
	 * there cannot stop at a "<![CDATA[" inside the content. */
	const xmlChar *p = in->cur - 3 - len;
	if (in->cur - in->base >= (long)len + 3) {
		while (p > in->base) {
			p--;
			if (*p == '<' && in->end - p >= 9 &&
			    memcmp(p, "<![CDATA[", 9) == 0) {
				back_pos(in, a, p, in->cur, in->line, in->col,
					 line, col);
				return;
			}
		}
	}
	*line = in->line;
	*col = in->col;
}
