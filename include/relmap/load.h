/*
 * relmap/load.h - reading accounts from relmap's XML format.
 *
 * The format is documented in docs/format.md and its schema is
 * schema/relmap.xsd (compiled into the library: no file but the input is
 * read).  Loading is streaming (SAX), so memory grows with the data kept,
 * not with the size of the file.  Hostile input is safe: no DTD or external
 * entity is loaded, nothing is fetched, entity declarations are refused,
 * and nesting depth is bounded.
 */
#ifndef RELMAP_LOAD_H
#define RELMAP_LOAD_H

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct relmap_load_options {
	/**
	 * Check the input against the built-in XSD too (default on).  The
	 * loader's own checks cover everything the schema says, with better
	 * messages; the schema is the safety net behind them, and reports
	 * only what the loader let through.
	 */
	int validate_schema;
	/** Maximum element nesting depth accepted (default 64). */
	int max_depth;
	/**
	 * Inputs known to be larger than this many bytes skip the schema
	 * plug (default 64 MiB; 0: no limit).  libxml2's validator costs
	 * about 1.2 us and 90 bytes per element, which would triple the load
	 * time of a million-person account; the loader's own checks still
	 * run in full.
	 */
	size_t schema_max_bytes;
} relmap_load_options;

#define RELMAP_LOAD_OPTIONS_INIT { 1, 64, (size_t)64 << 20 }

/**
 * Load the XML file at `path` ("-" is standard input).  On success *out
 * owns a new document (free it with relmap_document_free) and 0 is
 * returned.  On failure *out is NULL, every problem found (up to the
 * diags limit) is in `diags` with file, line and column, and the return
 * is RELMAP_ENOENT (cannot open or read), RELMAP_EDATA (invalid data) or
 * RELMAP_ENOMEM.  `opts` may be NULL for the defaults.
 */
int relmap_document_load_xml(relmap_document **out, const char *path,
			     const relmap_load_options *opts,
			     relmap_diags *diags);

/** The same from memory; `name` is the file name used in diagnostics. */
int relmap_document_load_xml_memory(relmap_document **out, const char *data,
				    size_t len, const char *name,
				    const relmap_load_options *opts,
				    relmap_diags *diags);

/** The built-in XSD, NUL-terminated (also shipped as schema/relmap.xsd). */
const char *relmap_schema_xsd(void);

#ifdef __cplusplus
}
#endif
#endif
