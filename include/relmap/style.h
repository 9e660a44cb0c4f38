/*
 * relmap/style.h - style sheets: how a map looks.
 *
 * A style sheet is an XML file (documented in docs/style.md, schema in
 * schema/relmap-style.xsd) read with libxml2.  Styles are chosen by NAME
 * or by PATH: a value containing '/' or ending in ".xml" is a path; a
 * NAME is looked up as NAME.xml in each directory of $RELMAP_STYLE_PATH
 * (colon-separated); then among the sheets compiled into the library
 * ("default", "print", "dark", "colorblind": styles/NAME.xml of the
 * source tree); then in the installed styles directory, then in the
 * source tree's styles/ directory.  So the built-in themes always
 * resolve, a user's file on the path can replace one, and a stale
 * installed copy cannot.
 */
#ifndef RELMAP_STYLE_H
#define RELMAP_STYLE_H

#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct relmap_style relmap_style;

/**
 * Load a style by name or path.  Returns 0 and a new style in *out (free
 * with relmap_style_free), or RELMAP_ENOENT (no such style; diags lists
 * where it looked) or RELMAP_EDATA (invalid style sheet; positioned
 * diagnostics).
 */
int relmap_style_load(relmap_style **out, const char *name_or_path,
		      relmap_diags *diags);

/** Load a style sheet from memory; `name` is used in diagnostics. */
int relmap_style_load_memory(relmap_style **out, const char *data, size_t len,
			     const char *name, relmap_diags *diags);

/** NULL is a no-op. */
void relmap_style_free(relmap_style *style);

#ifdef __cplusplus
}
#endif
#endif
