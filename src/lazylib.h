/*
 * lazylib.h - librsvg and libzip, loaded the first time a deck needs them,
 * libpq the first time a store is a PostgreSQL database, and cairo, GLib
 * and GObject the first time relmap calls them itself.
 *
 * Only a deck drawn as one PDF (librsvg) or as PowerPoint (librsvg and
 * libzip) uses them, but linked in they were loaded, with libcrypto, gio
 * and gdk-pixbuf behind them, by every run of relmap: 16 ms of CPU of a
 * 140 ms render, more than relmap's own work at 1,000 persons.  So they
 * are opened with dlopen() by their sonames when first asked for, and the
 * few functions relmap calls are looked up by name.  The headers still
 * give the types and the prototypes the pointers are checked against.
 * libpq is the same story on a larger scale: with OpenSSL, GnuTLS, Kerberos
 * and LDAP behind it, linking it cost every run 13 ms of start-up, where
 * only --db postgresql://... uses it.
 */
#ifndef RELMAP_LAZYLIB_H
#define RELMAP_LAZYLIB_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib-object.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <sqlite3.h>
#include <zip.h>
#include <libpq-fe.h>

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

/* libpq's functions under their own names (store_pg.c calls them
 * through a pointer to this). */
typedef struct lazy_pq {
	__typeof__(PQclear) *PQclear;
	__typeof__(PQcmdTuples) *PQcmdTuples;
	__typeof__(PQconnectdbParams) *PQconnectdbParams;
	__typeof__(PQenterPipelineMode) *PQenterPipelineMode;
	__typeof__(PQerrorMessage) *PQerrorMessage;
	__typeof__(PQexec) *PQexec;
	__typeof__(PQexecParams) *PQexecParams;
	__typeof__(PQexitPipelineMode) *PQexitPipelineMode;
	__typeof__(PQfinish) *PQfinish;
	__typeof__(PQgetResult) *PQgetResult;
	__typeof__(PQgetisnull) *PQgetisnull;
	__typeof__(PQgetlength) *PQgetlength;
	__typeof__(PQgetvalue) *PQgetvalue;
	__typeof__(PQntuples) *PQntuples;
	__typeof__(PQpipelineSync) *PQpipelineSync;
	__typeof__(PQresultErrorField) *PQresultErrorField;
	__typeof__(PQresultStatus) *PQresultStatus;
	__typeof__(PQsendPrepare) *PQsendPrepare;
	__typeof__(PQsendQueryPrepared) *PQsendQueryPrepared;
	__typeof__(PQsetNoticeProcessor) *PQsetNoticeProcessor;
	__typeof__(PQstatus) *PQstatus;
} lazy_pq;

/* cairo, for a deck's one PDF and its slides' PNG fallbacks; GLib and
 * GObject for librsvg's errors and handles and for -T html's SHA-256
 * hashes.  Linked in, cairo, GObject and GLib (and X11 and pixman behind
 * cairo) cost every run 6 ms before main(); a map's render has Graphviz's
 * pango plugin load them on its start-up thread instead
 * (render_warm.c). */
typedef struct lazy_cairo {
	__typeof__(cairo_pdf_surface_create_for_stream) *pdf_surface_create_for_stream;
	__typeof__(cairo_pdf_surface_set_metadata) *pdf_surface_set_metadata;
	__typeof__(cairo_surface_status) *surface_status;
	__typeof__(cairo_surface_destroy) *surface_destroy;
	__typeof__(cairo_surface_finish) *surface_finish;
	__typeof__(cairo_image_surface_create) *image_surface_create;
	__typeof__(cairo_surface_write_to_png_stream) *surface_write_to_png_stream;
	__typeof__(cairo_create) *create;
	__typeof__(cairo_destroy) *destroy;
	__typeof__(cairo_show_page) *show_page;
	__typeof__(cairo_set_source_rgb) *set_source_rgb;
	__typeof__(cairo_paint) *paint;
} lazy_cairo;

typedef struct lazy_glib {
	__typeof__(g_error_free) *error_free;
	__typeof__(g_free) *free;
	__typeof__(g_checksum_new) *checksum_new;
	__typeof__(g_checksum_update) *checksum_update;
	__typeof__(g_checksum_get_digest) *checksum_get_digest;
	__typeof__(g_checksum_free) *checksum_free;
	__typeof__(g_base64_encode) *base64_encode;
} lazy_glib;

typedef struct lazy_gobject {
	__typeof__(g_object_unref) *object_unref;
} lazy_gobject;

/* SQLite's functions under their own names (store_sqlite.c and load_sql.c
 * call them through a pointer to this): only a store or --sql input uses
 * SQLite, and linked in it cost every run about a millisecond of start-up. */
typedef struct lazy_sqlite {
	__typeof__(sqlite3_bind_double) *sqlite3_bind_double;
	__typeof__(sqlite3_bind_int64) *sqlite3_bind_int64;
	__typeof__(sqlite3_bind_null) *sqlite3_bind_null;
	__typeof__(sqlite3_bind_text) *sqlite3_bind_text;
	__typeof__(sqlite3_busy_timeout) *sqlite3_busy_timeout;
	__typeof__(sqlite3_changes) *sqlite3_changes;
	__typeof__(sqlite3_clear_bindings) *sqlite3_clear_bindings;
	__typeof__(sqlite3_close) *sqlite3_close;
	__typeof__(sqlite3_column_bytes) *sqlite3_column_bytes;
	__typeof__(sqlite3_column_count) *sqlite3_column_count;
	__typeof__(sqlite3_column_double) *sqlite3_column_double;
	__typeof__(sqlite3_column_int64) *sqlite3_column_int64;
	__typeof__(sqlite3_column_name) *sqlite3_column_name;
	__typeof__(sqlite3_column_text) *sqlite3_column_text;
	__typeof__(sqlite3_column_type) *sqlite3_column_type;
	__typeof__(sqlite3_db_config) *sqlite3_db_config;
	__typeof__(sqlite3_db_handle) *sqlite3_db_handle;
	__typeof__(sqlite3_errcode) *sqlite3_errcode;
	__typeof__(sqlite3_errmsg) *sqlite3_errmsg;
	__typeof__(sqlite3_errstr) *sqlite3_errstr;
	__typeof__(sqlite3_exec) *sqlite3_exec;
	__typeof__(sqlite3_extended_result_codes) *sqlite3_extended_result_codes;
	__typeof__(sqlite3_finalize) *sqlite3_finalize;
	__typeof__(sqlite3_free) *sqlite3_free;
	__typeof__(sqlite3_mprintf) *sqlite3_mprintf;
	__typeof__(sqlite3_open_v2) *sqlite3_open_v2;
	__typeof__(sqlite3_prepare_v2) *sqlite3_prepare_v2;
	__typeof__(sqlite3_reset) *sqlite3_reset;
	__typeof__(sqlite3_set_authorizer) *sqlite3_set_authorizer;
	__typeof__(sqlite3_step) *sqlite3_step;
	__typeof__(sqlite3_stmt_readonly) *sqlite3_stmt_readonly;
} lazy_sqlite;

/* The functions, loaded at the first call; NULL (with the loader's
 * message in *why, static) when the library cannot be loaded. */
const lazy_rsvg *lazy_rsvg_get(const char **why);
const lazy_zip *lazy_zip_get(const char **why);
const lazy_pq *lazy_pq_get(const char **why);
const lazy_cairo *lazy_cairo_get(const char **why);
const lazy_glib *lazy_glib_get(const char **why);
const lazy_gobject *lazy_gobject_get(const char **why);
const lazy_sqlite *lazy_sqlite_get(const char **why);

#endif
