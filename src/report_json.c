/* report_json.c - the brief's JSON report.
 *
 * The report is written straight to its stream, value by value, in the
 * exact bytes that jansson's json_dumpf() with JSON_INDENT(2) |
 * JSON_REAL_PRECISION(15) gave when this report was a jansson tree (and
 * later one small tree per person): 2-space indentation, ", " never used
 * (each member on its own line), ": " after keys, strings escaped the way
 * jansson escapes them, reals as jansson prints them.  A million-person
 * account makes a 170 MB report: a tree of it would cost gigabytes, and
 * even one small tree per person, dumped through a per-byte callback, cost
 * more than the load and the analysis together.  Writing directly costs
 * one pass over the output through a 64 KiB buffer.
 *
 * tests/checks/json_escaping.sh compares this writer with jansson's own
 * dump on hostile strings and awkward numbers, so the two cannot drift
 * apart unnoticed. */
#define _POSIX_C_SOURCE 200809L
#include "report_internal.h"
#include "relmap/whatif.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jansson's JSON_REAL_PRECISION(15): exact enough for 1e-6 comparisons,
 * and short values such as 0.8 print as written. */
#define REAL_PRECISION 15

#define OUT_SIZE (64 * 1024)
/* Reals already formatted, by their bits: a million persons' coverage
 * values are mostly a few hundred distinct numbers, and printf("%.15g")
 * is the dearest step of the report. */
#define REAL_CACHE 1024

struct real_slot {
	uint64_t bits;
	unsigned char len; /* 0: empty */
	char s[32];
};

struct out {
	FILE *f;
	int rc; /* the first error: RELMAP_ENOMEM (a value jansson refused,
		 * as before) or RELMAP_EIO (the stream failed) */
	size_t n;
	char buf[OUT_SIZE];
	struct real_slot reals[REAL_CACHE];
};

static void flush(struct out *o)
{
	if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n && !o->rc)
		o->rc = RELMAP_EIO;
	o->n = 0;
}

static void put(struct out *o, const char *s, size_t len)
{
	if (len > OUT_SIZE - o->n) {
		flush(o);
		if (len > OUT_SIZE) {
			if (fwrite(s, 1, len, o->f) != len && !o->rc)
				o->rc = RELMAP_EIO;
			return;
		}
	}
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void putc_(struct out *o, char c)
{
	if (o->n == OUT_SIZE)
		flush(o);
	o->buf[o->n++] = c;
}

static void fail(struct out *o)
{
	if (!o->rc)
		o->rc = RELMAP_ENOMEM;
}

/* A line break and the indentation of nesting `depth` (2 spaces a level;
 * the report nests 8 deep at most). */
static void newline(struct out *o, int depth)
{
	static const char spaces[] = "\n                                ";
	put(o, spaces, 1 + (size_t)depth * 2);
}

/* The length of the UTF-8 sequence at `s` if it is one jansson accepts
 * (no overlong forms, no surrogates, nothing above U+10FFFF), else 0. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	uint32_t v;
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0; /* continuation byte, or overlong 2-byte form */
	if (c < 0xE0) {
		n = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		v = c & 0x0F;
	} else if (c < 0xF5) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL */
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	return n;
}

/* A JSON string as jansson writes it without JSON_ENSURE_ASCII and
 * JSON_ESCAPE_SLASH: '"' and '\\' escaped, the control characters as \b,
 * \f, \n, \r, \t or \u00XX (upper-case hex), everything else, '/', DEL
 * and U+2028 included, as it is.  Text that is not UTF-8 fails, as
 * json_string() refused it. */
static void string(struct out *o, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str, *run;
	if (!s) {
		fail(o);
		return;
	}
	putc_(o, '"');
	for (run = s;;) {
		unsigned c = *s;
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_len(s);
			if (!n) {
				fail(o);
				return;
			}
			s += n;
			continue;
		}
		put(o, (const char *)run, (size_t)(s - run));
		if (c == 0)
			break;
		char esc[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t len = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xF];
			len = 6;
		}
		put(o, esc, len);
		run = ++s;
	}
	putc_(o, '"');
}

/* jansson's jsonp_dtostr(): "%.15g", then ".0" when that looks like an
 * integer, then the exponent without '+' and leading zeros ("1e-05" is
 * "1e-5", "1e+20" is "1e20").  relmap never calls setlocale(), so the
 * decimal point is always '.'.  Returns the length. */
static size_t format_real(char buf[32], double v)
{
	int ret = snprintf(buf, 32, "%.*g", REAL_PRECISION, v);
	if (ret < 0 || ret >= 28)
		return 0; /* cannot happen for a finite double */
	size_t len = (size_t)ret;
	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + len, ".0", 3);
		len += 2;
	}
	char *start = strchr(buf, 'e');
	if (start) {
		start++;
		char *end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - buf) + 1);
			len -= (size_t)(end - start);
		}
	}
	return len;
}

/* A real; NaN and infinities fail, as json_real() refused them. */
static void real(struct out *o, double v)
{
	if (!isfinite(v)) {
		fail(o);
		return;
	}
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	struct real_slot *slot =
		&o->reals[(bits ^ (bits >> 29) ^ (bits >> 41)) % REAL_CACHE];
	if (slot->len == 0 || slot->bits != bits) {
		size_t len = format_real(slot->s, v);
		if (!len) {
			slot->len = 0;
			fail(o);
			return;
		}
		slot->bits = bits;
		slot->len = (unsigned char)len;
	}
	put(o, slot->s, slot->len);
}

static void integer(struct out *o, long long v)
{
	char buf[24];
	int len = snprintf(buf, sizeof(buf), "%lld", v);
	put(o, buf, (size_t)len);
}

static void boolean(struct out *o, int v)
{
	if (v)
		put(o, "true", 4);
	else
		put(o, "false", 5);
}

/* The start of a member of an object at nesting `depth` (the object's
 * own): the separator unless first, the line break, "key": . */
static void key(struct out *o, int depth, int first, const char *k)
{
	if (!first)
		putc_(o, ',');
	newline(o, depth + 1);
	putc_(o, '"');
	puts_(o, k);
	put(o, "\": ", 3);
}

/* The start of item `i` of an array at nesting `depth`. */
static void item(struct out *o, int depth, size_t i)
{
	if (i)
		putc_(o, ',');
	newline(o, depth + 1);
}

/* The end of a non-empty object or array at nesting `depth`. */
static void close_(struct out *o, int depth, char c)
{
	newline(o, depth);
	putc_(o, c);
}

static void path(struct out *o, int depth, const relmap_analysis *an,
		 const relmap_gap *g)
{
	if (!g->has_path) {
		put(o, "null", 4);
		return;
	}
	putc_(o, '{');
	key(o, depth, 1, "strength");
	real(o, g->path_strength);
	key(o, depth, 0, "via");
	if (g->via_len == 0) {
		put(o, "[]", 2);
	} else {
		putc_(o, '[');
		for (size_t i = 0; i < g->via_len; i++) {
			item(o, depth + 1, i);
			string(o, relmap_account_node_id(an->account,
							 (size_t)g->via[i]));
		}
		close_(o, depth + 1, ']');
	}
	close_(o, depth, '}');
}

static void gap(struct out *o, int depth, const relmap_analysis *an,
		const relmap_gap *g)
{
	putc_(o, '{');
	key(o, depth, 1, "kind");
	string(o, relmap_gap_kind_name(g->kind));
	key(o, depth, 0, "severity");
	string(o, relmap_severity_name(g->severity));
	if (g->person >= 0) {
		key(o, depth, 0, "person");
		string(o, an->account->persons[g->person].id);
	}
	if (g->kind == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
	    g->kind == RELMAP_GAP_UNMANAGED_BLOCKER) {
		key(o, depth, 0, "path");
		path(o, depth + 1, an, g);
	}
	close_(o, depth, '}');
}

static void person(struct out *o, int depth, const relmap_analysis *an,
		   size_t i)
{
	const relmap_person *p = &an->account->persons[i];
	const relmap_person_result *r = &an->persons[i];
	putc_(o, '{');
	key(o, depth, 1, "id");
	string(o, p->id);
	key(o, depth, 0, "name");
	string(o, p->name);
	key(o, depth, 0, "key");
	boolean(o, r->key);
	key(o, depth, 0, "coverage");
	real(o, r->coverage);
	key(o, depth, 0, "covered");
	boolean(o, r->covered);
	close_(o, depth, '}');
}

static void spof(struct out *o, int depth, const relmap_spof_list *l,
		 const relmap_spof *sp)
{
	const relmap_account *a = l->analysis->account;
	putc_(o, '{');
	key(o, depth, 1, "id");
	string(o, relmap_account_node_id(a, (size_t)sp->node));
	key(o, depth, 0, "opens");
	if (sp->n_opens == 0) {
		put(o, "[]", 2);
	} else {
		putc_(o, '[');
		for (size_t i = 0; i < sp->n_opens; i++) {
			item(o, depth + 1, i);
			putc_(o, '{');
			key(o, depth + 2, 1, "kind");
			string(o, relmap_gap_kind_name(sp->opens[i].kind));
			key(o, depth + 2, 0, "person");
			string(o, a->persons[sp->opens[i].person].id);
			close_(o, depth + 2, '}');
		}
		close_(o, depth + 1, ']');
	}
	close_(o, depth, '}');
}

static void account(struct out *o, int depth, const relmap_analysis *an,
		    const relmap_spof_list *sl)
{
	const relmap_account *a = an->account;
	putc_(o, '{');
	key(o, depth, 1, "id");
	string(o, a->id);
	key(o, depth, 0, "name");
	if (a->name)
		string(o, a->name);
	else
		put(o, "null", 4);
	key(o, depth, 0, "coverage_score");
	if (an->has_score)
		real(o, an->coverage_score);
	else
		put(o, "null", 4);
	key(o, depth, 0, "errors");
	integer(o, (long long)an->n_errors);
	key(o, depth, 0, "warnings");
	integer(o, (long long)an->n_warnings);

	key(o, depth, 0, "persons");
	if (a->n_persons == 0) {
		put(o, "[]", 2);
	} else {
		putc_(o, '[');
		for (size_t i = 0; i < a->n_persons && !o->rc; i++) {
			item(o, depth + 1, i);
			person(o, depth + 2, an, i);
		}
		close_(o, depth + 1, ']');
	}

	key(o, depth, 0, "gaps");
	if (an->n_gaps == 0) {
		put(o, "[]", 2);
	} else {
		putc_(o, '[');
		for (size_t i = 0; i < an->n_gaps && !o->rc; i++) {
			item(o, depth + 1, i);
			gap(o, depth + 2, an, &an->gaps[i]);
		}
		close_(o, depth + 1, ']');
	}

	if (sl) {
		key(o, depth, 0, "spof");
		if (sl->n == 0) {
			put(o, "[]", 2);
		} else {
			putc_(o, '[');
			for (size_t i = 0; i < sl->n && !o->rc; i++) {
				item(o, depth + 1, i);
				spof(o, depth + 2, sl, &sl->items[i]);
			}
			close_(o, depth + 1, ']');
		}
	}
	close_(o, depth, '}');
}

int relmap_report_json_spof_write(FILE *f,
				  const relmap_analysis *const *analyses,
				  const relmap_spof_list *const *spofs,
				  size_t n)
{
	struct out *o = calloc(1, sizeof(*o));
	char date[11] = "";
	if (!o)
		return RELMAP_ENOMEM;
	o->f = f;
	if (n > 0)
		relmap_date_format(date, analyses[0]->as_of);
	putc_(o, '{');
	key(o, 0, 1, "relmap");
	integer(o, 1);
	key(o, 0, 0, "as_of");
	string(o, date);
	key(o, 0, 0, "accounts");
	if (n == 0) {
		put(o, "[]", 2);
	} else {
		putc_(o, '[');
		for (size_t i = 0; i < n && !o->rc; i++) {
			item(o, 1, i);
			account(o, 2, analyses[i], spofs ? spofs[i] : NULL);
		}
		close_(o, 1, ']');
	}
	put(o, "\n}\n", 3);
	flush(o);
	int rc = o->rc;
	free(o);
	return rc;
}

int relmap_report_json_write(FILE *f, const relmap_analysis *const *analyses,
			     size_t n)
{
	return relmap_report_json_spof_write(f, analyses, NULL, n);
}

int relmap_report_json(char **out, size_t *out_len,
		       const relmap_analysis *const *analyses, size_t n)
{
	return relmap_report_json_spof(out, out_len, analyses, NULL, n);
}

int relmap_report_json_spof(char **out, size_t *out_len,
			    const relmap_analysis *const *analyses,
			    const relmap_spof_list *const *spofs, size_t n)
{
	report_buf b;
	if (report_buf_open(&b))
		return RELMAP_ENOMEM;
	int rc = relmap_report_json_spof_write(b.f, analyses, spofs, n);
	return report_buf_close(&b, rc, out, out_len);
}
