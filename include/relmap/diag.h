/*
 * relmap/diag.h - error codes and the diagnostics list.
 *
 * Errors are values: every fallible library function returns 0 or a
 * negative RELMAP_E* code, and describes each problem in a relmap_diags
 * list (severity, file, line, column, message).  The library never prints
 * and never exits; the caller decides what to show and how to exit.
 */
#ifndef RELMAP_DIAG_H
#define RELMAP_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes.  0 is success; every failure is negative. */
enum {
	RELMAP_OK = 0,
	RELMAP_EUSAGE = -1,    /**< bad argument or option value */
	RELMAP_EDATA = -2,     /**< input data is invalid (positions in diags) */
	RELMAP_ENOENT = -3,    /**< input missing or unreadable */
	RELMAP_ENOMEM = -4,    /**< out of memory */
	RELMAP_EOUTPUT = -5,   /**< output cannot be created */
	RELMAP_EIO = -6,       /**< read or write failed midway */
	RELMAP_EINTERNAL = -7, /**< a bug or a failing dependency */
	RELMAP_ETIMEOUT = -8   /**< a bounded operation ran out of time */
};

/** A short English name for a RELMAP_E* code ("bad input data"). */
const char *relmap_strerror(int code);

typedef enum relmap_severity {
	RELMAP_SEVERITY_ERROR = 0,
	RELMAP_SEVERITY_WARNING = 1,
	RELMAP_SEVERITY_NOTE = 2
} relmap_severity;

/** "error", "warning" or "note". */
const char *relmap_severity_name(relmap_severity s);

/** One problem.  line and column are 1-based; 0 means unknown. */
typedef struct relmap_diag {
	relmap_severity severity;
	char *file;    /**< owned; NULL when not tied to a file */
	int line;
	int column;
	char *message; /**< owned */
} relmap_diag;

/**
 * A list of diagnostics.  Initialise with RELMAP_DIAGS_INIT or
 * relmap_diags_init(); release with relmap_diags_free().  At most `limit`
 * errors are kept (0 = unlimited); further errors are counted in
 * `suppressed` so a caller can say "and N more".
 */
typedef struct relmap_diags {
	relmap_diag *items;
	size_t count;
	size_t capacity;
	size_t limit;
	size_t errors;     /**< errors added, kept or not */
	size_t suppressed; /**< errors not kept because of the limit */
} relmap_diags;

#define RELMAP_DIAGS_INIT { NULL, 0, 0, 20, 0, 0 }

void relmap_diags_init(relmap_diags *d, size_t limit);
void relmap_diags_free(relmap_diags *d);

/** Add a diagnostic; file may be NULL.  Returns 0 or RELMAP_ENOMEM. */
int relmap_diags_add(relmap_diags *d, relmap_severity sev, const char *file,
		     int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int relmap_diags_addv(relmap_diags *d, relmap_severity sev, const char *file,
		      int line, int column, const char *fmt, va_list ap);

/**
 * Put items [from, count) in file order (line, then column), keeping the
 * order of items at one position.  Loaders find reference problems after
 * the elements they are about; this restores reading order.  Returns 0
 * or RELMAP_ENOMEM (the list is then unchanged).
 */
int relmap_diags_sort(relmap_diags *d, size_t from);

/** True once `limit` errors have been added (loaders stop early then). */
int relmap_diags_full(const relmap_diags *d);

#ifdef __cplusplus
}
#endif
#endif
