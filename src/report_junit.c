/* report_junit.c - the gap report as JUnit XML for CI servers.
 *
 * The shape is the one of the Apache Ant JUnit XSD, which Jenkins and
 * GitLab parse (tests/data/junit/junit.xsd): <testsuites> without
 * attributes; per account a <testsuite> with package, id, name,
 * timestamp, hostname, tests, failures, errors and time, then a required
 * <properties>, the test cases, and required <system-out> and
 * <system-err>.  A test case holds at most one <failure> and nothing else,
 * which is why passing warnings are noted in the suite's <system-out>.
 *
 * Test cases, in gap order (rule, then person order):
 *   uncovered-decision-maker, stale-relationship: every key person;
 *   unmanaged-blocker: every blocker or opponent;
 *   account-level rules: one case named after the account;
 * and any person with a gap of the rule, whatever the above says.
 *
 * Input text is written through the writer, which escapes markup; bytes
 * that are not UTF-8 or not XML characters (possible from CSV input) are
 * replaced by U+FFFD first, since the writer would copy them as they are
 * and leave the document ill-formed. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/report.h"

#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define W(call) do { if ((call) < 0) goto fail; } while (0)

/* Code point `c` read from `len` bytes: a character XML 1.0 allows, in
 * its shortest encoding (libxml2 decodes overlong forms too). */
static int xml_char(int c, int len)
{
	if ((c < 0x80 && len != 1) || (c < 0x800 && len > 2) ||
	    (c < 0x10000 && len > 3))
		return 0;
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* `s` as well-formed XML text: a copy with U+FFFD for every bad byte or
 * character.  Writes the copy to *tmp (free it) when one was needed. */
static const xmlChar *clean(const char *s, char **tmp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int ok = 1;
	*tmp = NULL;
	while (i < n) {
		int len = (int)(n - i > 4 ? 4 : n - i);
		int c = xmlGetUTF8Char(u + i, &len);
		if (c < 0 || !xml_char(c, len)) {
			ok = 0;
			break;
		}
		i += (size_t)len;
	}
	if (ok)
		return (const xmlChar *)s;
	/* At most 3 output bytes per input byte. */
	char *d = malloc(3 * n + 1);
	if (!d)
		return NULL;
	size_t o = 0;
	for (i = 0; i < n;) {
		int len = (int)(n - i > 4 ? 4 : n - i);
		int c = xmlGetUTF8Char(u + i, &len);
		if (c < 0 || !xml_char(c, len)) {
			memcpy(d + o, "\xef\xbf\xbd", 3);
			o += 3;
			i += 1;
		} else {
			memcpy(d + o, s + i, (size_t)len);
			o += (size_t)len;
			i += (size_t)len;
		}
	}
	d[o] = '\0';
	*tmp = d;
	return (const xmlChar *)d;
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *tmp;
	const xmlChar *v = clean(value, &tmp);
	if (!v)
		return -1;
	int rc = xmlTextWriterWriteAttribute(w, BAD_CAST name, v);
	free(tmp);
	return rc;
}

static int text(xmlTextWriterPtr w, const char *value)
{
	char *tmp;
	const xmlChar *v = clean(value, &tmp);
	if (!v)
		return -1;
	int rc = xmlTextWriterWriteString(w, v);
	free(tmp);
	return rc;
}

static int attr_size(xmlTextWriterPtr w, const char *name, size_t v)
{
	char num[32];
	snprintf(num, sizeof(num), "%zu", v);
	return attr(w, name, num);
}

/* The output of `fn` into a new string, or NULL on ENOMEM. */
typedef void (*render_fn)(FILE *f, const void *ctx);
static char *render(render_fn fn, const void *ctx)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fn(f, ctx);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct gap_ctx {
	const char *path;
	const relmap_analysis *an;
	const relmap_gap *g;
};

static void gap_message(FILE *f, const void *ctx)
{
	const struct gap_ctx *c = ctx;
	report_gap_message(f, c->an, c->g, report_put_plain);
}

/* FILE:LINE:COL, then the access path on a line of its own. */
static void gap_detail(FILE *f, const void *ctx)
{
	const struct gap_ctx *c = ctx;
	relmap_pos pos = report_gap_pos(c->an, c->g);
	fputs(c->path, f);
	if (pos.line > 0) {
		fprintf(f, ":%d", pos.line);
		if (pos.column > 0)
			fprintf(f, ":%d", pos.column);
	}
	fputc('\n', f);
	if (report_gap_has_path_kind(c->g->kind)) {
		fputs("access path: ", f);
		report_gap_path(f, c->an, c->g, report_put_plain, " -> ");
		fputc('\n', f);
	}
}

/* The text report's line for a warning that passes. */
static void gap_line(FILE *f, const void *ctx)
{
	const struct gap_ctx *c = ctx;
	relmap_pos pos = report_gap_pos(c->an, c->g);
	fputs(c->path, f);
	if (pos.line > 0) {
		fprintf(f, ":%d", pos.line);
		if (pos.column > 0)
			fprintf(f, ":%d", pos.column);
	}
	fprintf(f, ": %s: %s: ", relmap_severity_name(c->g->severity),
		relmap_gap_kind_name(c->g->kind));
	report_gap_message(f, c->an, c->g, report_put_plain);
	fputc('\n', f);
}

static int is_failure(const relmap_gap *g, unsigned flags)
{
	return g->severity == RELMAP_SEVERITY_ERROR ||
	       (flags & RELMAP_REPORT_WARNINGS_FAIL);
}

/* Whether person i gets a test case for the person-level rule `k`. */
static int checked(const relmap_analysis *an, size_t i, relmap_gap_kind k)
{
	const relmap_person *p = &an->account->persons[i];
	const relmap_person_result *r = &an->persons[i];
	if (r->gap_mask & (1u << k))
		return 1;
	if (k == RELMAP_GAP_UNMANAGED_BLOCKER)
		return p->role == RELMAP_ROLE_BLOCKER ||
		       p->attitude == RELMAP_ATTITUDE_OPPONENT;
	return r->key;
}

static int person_rule(relmap_gap_kind k)
{
	return k == RELMAP_GAP_UNCOVERED_DECISION_MAKER ||
	       k == RELMAP_GAP_UNMANAGED_BLOCKER ||
	       k == RELMAP_GAP_STALE_RELATIONSHIP;
}

static size_t count_tests(const relmap_analysis *an)
{
	size_t tests = 0;
	for (int k = 0; k < RELMAP_GAP_KIND_COUNT; k++) {
		if (!person_rule((relmap_gap_kind)k)) {
			tests++;
			continue;
		}
		for (size_t i = 0; i < an->account->n_persons; i++)
			tests += (size_t)checked(an, i, (relmap_gap_kind)k);
	}
	return tests;
}

/* One test case; `g` is its gap or NULL when it passes. */
static int testcase(xmlTextWriterPtr w, const char *path,
		    const relmap_analysis *an, relmap_gap_kind k,
		    const char *name, const relmap_gap *g, unsigned flags)
{
	const char *kind = relmap_gap_kind_name(k);
	const char *account = an->account->id;
	char *classname = NULL, *message = NULL, *detail = NULL;
	size_t len = strlen("relmap..") + strlen(account) + strlen(kind) + 1;
	int rc = -1;

	if (!(classname = malloc(len)))
		goto out;
	snprintf(classname, len, "relmap.%s.%s", account, kind);
	W(xmlTextWriterStartElement(w, BAD_CAST "testcase"));
	W(attr(w, "name", name));
	W(attr(w, "classname", classname));
	W(attr(w, "time", "0"));
	if (g && is_failure(g, flags)) {
		struct gap_ctx c = { path, an, g };
		if (!(message = render(gap_message, &c)) ||
		    !(detail = render(gap_detail, &c)))
			goto out;
		W(xmlTextWriterStartElement(w, BAD_CAST "failure"));
		W(attr(w, "message", message));
		W(attr(w, "type", kind));
		W(text(w, detail));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	rc = 0;
	goto out;
fail:
	rc = -1;
out:
	free(classname);
	free(message);
	free(detail);
	return rc;
}

static void person_name(FILE *f, const void *ctx)
{
	const relmap_person *p = ctx;
	fprintf(f, "%s (%s)", p->name, p->id);
}

static int testcases(xmlTextWriterPtr w, const char *path,
		     const relmap_analysis *an, unsigned flags)
{
	const relmap_account *a = an->account;
	size_t next = 0; /* the next gap: test cases come in gap order */
	for (int ki = 0; ki < RELMAP_GAP_KIND_COUNT; ki++) {
		relmap_gap_kind k = (relmap_gap_kind)ki;
		if (!person_rule(k)) {
			const relmap_gap *g = NULL;
			if (next < an->n_gaps && an->gaps[next].kind == k)
				g = &an->gaps[next++];
			if (testcase(w, path, an, k, a->id, g, flags))
				return -1;
			continue;
		}
		for (size_t i = 0; i < a->n_persons; i++) {
			if (!checked(an, i, k))
				continue;
			const relmap_gap *g = NULL;
			if (next < an->n_gaps && an->gaps[next].kind == k &&
			    an->gaps[next].person == (int32_t)i)
				g = &an->gaps[next++];
			char *name = render(person_name, &a->persons[i]);
			int rc = name ? testcase(w, path, an, k, name, g, flags) : -1;
			free(name);
			if (rc)
				return -1;
		}
	}
	return 0;
}

static int property(xmlTextWriterPtr w, const char *name, const char *value)
{
	W(xmlTextWriterStartElement(w, BAD_CAST "property"));
	W(attr(w, "name", name));
	W(attr(w, "value", value));
	W(xmlTextWriterEndElement(w));
	return 0;
fail:
	return -1;
}

/* The text lines of the warnings that are not failures. */
static char *passing_warnings(const char *path, const relmap_analysis *an,
			      unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	for (size_t k = 0; k < an->n_gaps; k++) {
		struct gap_ctx c = { path, an, &an->gaps[k] };
		if (!is_failure(c.g, flags))
			gap_line(f, &c);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int testsuite(xmlTextWriterPtr w, const char *path,
		     const relmap_analysis *an, size_t id, unsigned flags)
{
	const relmap_account *a = an->account;
	char date[11], stamp[32], score[32];
	char *out = NULL;
	size_t failures = 0;
	int rc = -1;

	for (size_t k = 0; k < an->n_gaps; k++)
		failures += (size_t)is_failure(&an->gaps[k], flags);
	relmap_date_format(date, an->as_of);
	snprintf(stamp, sizeof(stamp), "%sT00:00:00", date);
	if (an->has_score)
		snprintf(score, sizeof(score), "%.1f", an->coverage_score);
	else
		snprintf(score, sizeof(score), "n/a");

	W(xmlTextWriterStartElement(w, BAD_CAST "testsuite"));
	W(attr(w, "name", a->id));
	W(attr(w, "package", "relmap"));
	W(attr_size(w, "id", id));
	W(attr(w, "hostname", "relmap"));
	W(attr(w, "timestamp", stamp));
	W(attr_size(w, "tests", count_tests(an)));
	W(attr_size(w, "failures", failures));
	W(attr(w, "errors", "0"));
	W(attr(w, "skipped", "0"));
	W(attr(w, "time", "0"));

	W(xmlTextWriterStartElement(w, BAD_CAST "properties"));
	W(property(w, "input", path));
	W(property(w, "as-of", date));
	W(property(w, "account-name", a->name ? a->name : ""));
	W(property(w, "coverage-score", score));
	W(xmlTextWriterEndElement(w));

	W(testcases(w, path, an, flags));

	if (!(out = passing_warnings(path, an, flags)))
		goto out;
	W(xmlTextWriterStartElement(w, BAD_CAST "system-out"));
	if (*out)
		W(text(w, out));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "system-err"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	rc = 0;
	goto out;
fail:
	rc = -1;
out:
	free(out);
	return rc;
}

/* The output buffer's write callback.  It never fails: libxml2 would print
 * "I/O error" on standard error, and a library must not print.  The
 * stream's error flag keeps the failure, and errno its cause, for
 * relmap_report_junit_write() to return. */
static int write_file(void *ctx, const char *buf, int len)
{
	FILE *f = ctx;
	if (len > 0 && !ferror(f))
		fwrite(buf, 1, (size_t)len, f);
	return len;
}

int relmap_report_junit_write(FILE *f, const char *path,
			      const relmap_analysis *const *analyses,
			      size_t n, unsigned flags)
{
	xmlOutputBufferPtr ob = NULL;
	xmlTextWriterPtr w = NULL;
	int rc = RELMAP_ENOMEM;

	/* Written to `f` in the output buffer's 4 KiB chunks as the suites
	 * are made: no copy of the whole report in memory.  Closing the
	 * buffer leaves `f` open. */
	if (!(ob = xmlOutputBufferCreateIO(write_file, NULL, f, NULL)))
		goto out;
	if (!(w = xmlNewTextWriter(ob))) {
		xmlOutputBufferClose(ob);
		goto out;
	}
	W(xmlTextWriterSetIndent(w, 1));
	W(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(xmlTextWriterStartElement(w, BAD_CAST "testsuites"));
	for (size_t i = 0; i < n; i++)
		W(testsuite(w, path, analyses[i], i, flags));
	W(xmlTextWriterEndDocument(w));
	rc = 0;
	goto out;
fail:
	/* The writer reports no cause: a failed write, or memory. */
	rc = RELMAP_ENOMEM;
out:
	/* Flushes the rest into `f` and frees the output buffer. */
	xmlFreeTextWriter(w);
	if (ferror(f))
		rc = RELMAP_EIO;
	return rc;
}

int relmap_report_junit(char **out, size_t *out_len, const char *path,
			const relmap_analysis *const *analyses, size_t n,
			unsigned flags)
{
	report_buf b;
	if (report_buf_open(&b))
		return RELMAP_ENOMEM;
	int rc = relmap_report_junit_write(b.f, path, analyses, n, flags);
	return report_buf_close(&b, rc, out, out_len);
}
