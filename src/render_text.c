/* render_text.c - strings for Graphviz: a growing buffer and escaping. */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(sbuf *b, size_t add)
{
	if (b->nomem)
		return -1;
	if (b->len + add + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + add + 1) {
		if (cap > SIZE_MAX / 2) {
			b->nomem = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p) {
		b->nomem = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void sbuf_addn(sbuf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sbuf_add(sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->nomem = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		sbuf_addn(b, small, (size_t)n);
		return;
	}
	if (grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_str(const sbuf *b)
{
	return b->data ? b->data : "";
}

void sbuf_clear(sbuf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void sbuf_free(sbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	unsigned cp = c & (0x3F >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* The character at p, or U+FFFD for a byte that starts no valid UTF-8
 * sequence; returns what follows it. */
static const unsigned char *add_utf8_char(sbuf *b, const unsigned char *p)
{
	size_t n = utf8_len(p);
	if (n == 0) {
		sbuf_add(b, "\xEF\xBF\xBD");
		return p + 1;
	}
	sbuf_addn(b, (const char *)p, n);
	return p + n;
}

void sbuf_add_html(sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t run = 0;
		/* Copy plain runs at once; most text has nothing to escape. */
		while (p[run] >= 0x20 && p[run] < 0x7F && p[run] != '&' &&
		       p[run] != '<' && p[run] != '>' && p[run] != '"' &&
		       p[run] != '\'' && p[run] != '\\')
			run++;
		if (run) {
			sbuf_addn(b, (const char *)p, run);
			p += run;
			continue;
		}
		switch (*p) {
		case '&': sbuf_add(b, "&amp;"); p++; continue;
		case '<': sbuf_add(b, "&lt;"); p++; continue;
		case '>': sbuf_add(b, "&gt;"); p++; continue;
		case '"': sbuf_add(b, "&quot;"); p++; continue;
		case '\'': sbuf_add(b, "&#39;"); p++; continue;
		case '\\': sbuf_add(b, "\\\\"); p++; continue;
		}
		if (*p < 0x20 || *p == 0x7F) {
			/* Not allowed in XML 1.0, hence not in SVG. */
			sbuf_add(b, " ");
			p++;
			continue;
		}
		p = add_utf8_char(b, p);
	}
}

void sbuf_add_esc(sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == '\\') {
			sbuf_add(b, "\\\\");
			p++;
		} else if (*p == '&') {
			sbuf_add(b, "&amp;");
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			sbuf_add(b, " ");
			p++;
		} else {
			p = add_utf8_char(b, p);
		}
	}
}

void sbuf_add_utf8(sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p)
		p = add_utf8_char(b, p);
}

void sbuf_add_idpart(sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-') {
			sbuf_addn(b, (const char *)p, 1);
		} else if (*p == '_') {
			sbuf_add(b, "__");
		} else {
			char esc[3] = { '_', hex[*p >> 4], hex[*p & 15] };
			sbuf_addn(b, esc, 3);
		}
	}
}

void render_num(char buf[32], double v)
{
	if (!(v > -1e9 && v < 1e9))
		v = 0;
	snprintf(buf, 32, "%.2f", v);
	char *dot = strchr(buf, '.');
	if (!dot)
		return;
	char *end = buf + strlen(buf) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}
