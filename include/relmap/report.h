/*
 * relmap/report.h - the gap report in text and JSON.
 *
 * JSON follows the brief's report exactly ("relmap": 1, "as_of",
 * "accounts" with "id", "name", "coverage_score", "persons", "gaps"),
 * with some extra keys.  Text is one GCC-style line per gap, positioned at
 * the person's element in the input, then a summary line per account.
 */
#ifndef RELMAP_REPORT_H
#define RELMAP_REPORT_H

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

#ifdef __cplusplus
}
#endif
#endif
