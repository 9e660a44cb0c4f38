/*
 * lazylib.h - librsvg and libzip, loaded the first time a deck needs them.
 *
 * Only a deck drawn as one PDF (librsvg) or as PowerPoint (librsvg and
 * libzip) uses them, but linked in they were loaded, with libcrypto, gio
 * and gdk-pixbuf behind them, by every run of relmap: 16 ms of CPU of a
 * 140 ms render, more than relmap's own work at 1,000 persons.  So they
 * are opened with dlopen() by their sonames when first asked for, and the
 * few functions relmap calls are looked up by name.  The headers still
 * give the types and the prototypes the pointers are checked against.
 */
#ifndef RELMAP_LAZYLIB_H
#define RELMAP_LAZYLIB_H

#include <librsvg/rsvg.h>
#include <zip.h>

typedef struct lazy_rsvg {
	__typeof__(rsvg_handle_new_from_data) *handle_new_from_data;
	__typeof__(rsvg_handle_render_document) *handle_render_document;
} lazy_rsvg;

typedef struct lazy_zip {
	__typeof__(zip_source_buffer) *source_buffer;
	__typeof__(zip_file_add) *file_add;
	__typeof__(zip_source_free) *source_free;
	__typeof__(zip_file_set_mtime) *file_set_mtime;
	__typeof__(zip_set_file_compression) *set_file_compression;
	__typeof__(zip_error_init) *error_init;
	__typeof__(zip_source_buffer_create) *source_buffer_create;
	__typeof__(zip_source_keep) *source_keep;
	__typeof__(zip_open_from_source) *open_from_source;
	__typeof__(zip_discard) *discard;
	__typeof__(zip_close) *close;
	__typeof__(zip_source_open) *source_open;
	__typeof__(zip_source_seek) *source_seek;
	__typeof__(zip_source_tell) *source_tell;
	__typeof__(zip_source_read) *source_read;
	__typeof__(zip_source_close) *source_close;
	__typeof__(zip_error_fini) *error_fini;
} lazy_zip;

/* The functions, loaded at the first call; NULL (with the loader's
 * message in *why, static) when the library cannot be loaded. */
const lazy_rsvg *lazy_rsvg_get(const char **why);
const lazy_zip *lazy_zip_get(const char **why);

#endif
