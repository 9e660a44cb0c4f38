/* style_pos.c - line and column of every start tag and attribute. */
#include "style_pos.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

typedef struct scanner {
	const char *p;
	const char *end;
	int line;
	int column;
} scanner;

static void advance(scanner *s, size_t n)
{
	while (n-- && s->p < s->end) {
		unsigned char c = (unsigned char)*s->p++;
		if (c == '\n') {
			s->line++;
			s->column = 1;
		} else if ((c & 0xC0) != 0x80) {
			/* UTF-8 continuation bytes do not start a character. */
			s->column++;
		}
	}
}

static int starts(const scanner *s, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(s->end - s->p) >= n && memcmp(s->p, lit, n) == 0;
}

/* Move past the next occurrence of `lit`, or to the end. */
static void skip_past(scanner *s, const char *lit)
{
	size_t n = strlen(lit);
	while (s->p < s->end && !starts(s, lit))
		advance(s, 1);
	advance(s, n);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_name_end(char c)
{
	return is_space(c) || c == '=' || c == '>' || c == '/';
}

/* Past a DOCTYPE, which may hold quoted strings and an internal subset. */
static void skip_doctype(scanner *s)
{
	int depth = 0;
	char quote = 0;
	while (s->p < s->end) {
		char c = *s->p;
		advance(s, 1);
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '[') {
			depth++;
		} else if (c == ']') {
			depth--;
		} else if (c == '>' && depth <= 0) {
			return;
		}
	}
}

static int scan_start_tag(scanner *s, xml_positions *out, size_t *tag_cap,
			  size_t *attr_cap)
{
	if (vec_reserve(&out->tags, tag_cap, out->n_tags + 1,
			sizeof(*out->tags)))
		return -1;
	xml_tag_pos *t = &out->tags[out->n_tags++];
	t->line = s->line;
	t->column = s->column;
	t->first_attr = out->n_attrs;
	t->n_attrs = 0;
	advance(s, 1); /* '<' */
	while (s->p < s->end && !is_name_end(*s->p))
		advance(s, 1);
	for (;;) {
		while (s->p < s->end && is_space(*s->p))
			advance(s, 1);
		if (s->p >= s->end || *s->p == '>' || *s->p == '/') {
			if (starts(s, "/>"))
				advance(s, 2);
			else
				advance(s, 1);
			return 0;
		}
		if (vec_reserve(&out->attrs, attr_cap, out->n_attrs + 1,
				sizeof(*out->attrs)))
			return -1;
		xml_attr_pos *a = &out->attrs[out->n_attrs];
		a->name = s->p;
		a->line = s->line;
		a->column = s->column;
		while (s->p < s->end && !is_name_end(*s->p))
			advance(s, 1);
		a->name_len = (size_t)(s->p - a->name);
		if (a->name_len == 0) { /* malformed: stop here */
			advance(s, 1);
			return 0;
		}
		out->n_attrs++;
		out->tags[out->n_tags - 1].n_attrs++;
		while (s->p < s->end && (is_space(*s->p) || *s->p == '='))
			advance(s, 1);
		if (s->p < s->end && (*s->p == '"' || *s->p == '\'')) {
			char q[2] = { *s->p, '\0' };
			advance(s, 1);
			skip_past(s, q);
		}
	}
}

int xml_positions_scan(xml_positions *out, const char *text, size_t len)
{
	size_t tag_cap = 0, attr_cap = 0;
	scanner s = { text, text + len, 1, 1 };

	memset(out, 0, sizeof(*out));
	if (starts(&s, "\xEF\xBB\xBF"))
		s.p += 3; /* a byte order mark is not a column */
	while (s.p < s.end) {
		if (*s.p != '<') {
			advance(&s, 1);
			continue;
		}
		if (starts(&s, "<!--")) {
			skip_past(&s, "-->");
		} else if (starts(&s, "<![CDATA[")) {
			skip_past(&s, "]]>");
		} else if (starts(&s, "<!DOCTYPE")) {
			if (!out->doctype_line) {
				out->doctype_line = s.line;
				out->doctype_column = s.column;
			}
			skip_doctype(&s);
		} else if (starts(&s, "<?") || starts(&s, "</") ||
			   starts(&s, "<!")) {
			skip_past(&s, ">");
		} else if (scan_start_tag(&s, out, &tag_cap, &attr_cap)) {
			xml_positions_free(out);
			return -1;
		}
	}
	return 0;
}

void xml_positions_free(xml_positions *p)
{
	if (!p)
		return;
	free(p->tags);
	free(p->attrs);
	memset(p, 0, sizeof(*p));
}

const xml_attr_pos *xml_positions_attr(const xml_positions *p, size_t tag,
				       const char *name)
{
	if (tag >= p->n_tags)
		return NULL;
	size_t n = strlen(name);
	const xml_tag_pos *t = &p->tags[tag];
	for (size_t i = 0; i < t->n_attrs; i++) {
		const xml_attr_pos *a = &p->attrs[t->first_attr + i];
		if (a->name_len == n && memcmp(a->name, name, n) == 0)
			return a;
	}
	return NULL;
}
