/*
 * relmap/report.h - the gap report in text, JSON, JUnit XML, Markdown and
 * GitHub workflow commands.
 *
 * JSON follows the brief's report exactly ("relmap": 1, "as_of",
 * "accounts" with "id", "name", "coverage_score", "persons", "gaps"),
 * with some extra keys.  Text is one GCC-style line per gap, positioned at
 * the person's element in the input, then a summary line per account.
 * docs/reports.md describes every format exactly.
 *
 * Every function writes a new malloc'd, NUL-terminated buffer to *out of
 * *out_len bytes (not counting the NUL); the caller frees *out.  On error
 * *out is left untouched.  `path` is the input's name as diagnostics use
 * it (relmap_document.path).  All analyses must share one as-of date.
 */
#ifndef RELMAP_REPORT_H
#define RELMAP_REPORT_H

#include <stdio.h>

#include "analyze.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write the report for `n` analyses of accounts read from `path` into a
 * new malloc'd, NUL-terminated buffer *out of *out_len bytes.  All
 * analyses must share one as-of date.  Returns 0 or RELMAP_ENOMEM.
 */
int relmap_report_json(char **out, size_t *out_len,
		       const relmap_analysis *const *analyses, size_t n);
int relmap_report_text(char **out, size_t *out_len, const char *path,
		       const relmap_analysis *const *analyses, size_t n);

/** Options of relmap_report_junit(). */
enum {
	/** Report warnings as <failure> too (what `--fail-on warning` asks);
	 * without it they are passing test cases, noted in the suite's
	 * <system-out>, since the JUnit XSD allows no output per test case. */
	RELMAP_REPORT_WARNINGS_FAIL = 1 << 0
};

/**
 * JUnit XML, valid against the Apache Ant JUnit XSD that Jenkins and
 * GitLab read: <testsuites>, one <testsuite> per account, one <testcase>
 * per rule and checked person (per rule and account for account-level
 * rules), error gaps as <failure>.  Deterministic: timestamp is the as-of
 * date at midnight, hostname "relmap", every time "0".  `flags` is 0 or
 * RELMAP_REPORT_WARNINGS_FAIL.  Returns 0 or RELMAP_ENOMEM (also when
 * the XML writer fails, which it does only for want of memory).
 */
int relmap_report_junit(char **out, size_t *out_len, const char *path,
			const relmap_analysis *const *analyses, size_t n,
			unsigned flags);

/**
 * Markdown for a pull-request comment: a summary table of the accounts
 * (coverage score, errors, warnings), then each account's gaps with their
 * access paths.  Input text is escaped so names cannot inject Markdown or
 * HTML.  Returns 0 or RELMAP_ENOMEM.
 */
int relmap_report_markdown(char **out, size_t *out_len, const char *path,
			   const relmap_analysis *const *analyses, size_t n);

/**
 * GitHub Actions workflow commands, one line per gap:
 * "::error file=F,line=L,col=C,title=KIND::MESSAGE" (::warning for
 * warnings), pointing at the person's element, or the account's for
 * account-level gaps; escaped by GitHub's rules.  No gaps, no output.
 * Returns 0 or RELMAP_ENOMEM.
 */
int relmap_report_github(char **out, size_t *out_len, const char *path,
			 const relmap_analysis *const *analyses, size_t n);

/**
 * The reports above written to `f` as they are made, the same bytes as
 * the buffer versions, for reports too big to hold in memory first: the
 * JSON report of a million-person account is 170 MB.  `f` stays open and
 * is not flushed beyond what the report needs.  Returns 0, RELMAP_ENOMEM,
 * or RELMAP_EIO when a write to `f` failed (errno tells why).  After an
 * error, part of the report may have been written to `f`: write to a
 * relmap_output (relmap/output.h) to keep it from the reader.
 */
int relmap_report_json_write(FILE *f, const relmap_analysis *const *analyses,
			     size_t n);
int relmap_report_text_write(FILE *f, const char *path,
			     const relmap_analysis *const *analyses, size_t n);
int relmap_report_junit_write(FILE *f, const char *path,
			      const relmap_analysis *const *analyses,
			      size_t n, unsigned flags);
int relmap_report_markdown_write(FILE *f, const char *path,
				 const relmap_analysis *const *analyses,
				 size_t n);
int relmap_report_github_write(FILE *f, const char *path,
			       const relmap_analysis *const *analyses,
			       size_t n);

#ifdef __cplusplus
}
#endif
#endif
