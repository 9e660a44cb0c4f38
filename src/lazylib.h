/*
 * lazylib.h - librsvg and libzip, loaded the first time a deck needs them,
 * and libpq the first time a store is a PostgreSQL database.
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

#include <librsvg/rsvg.h>
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

/* The functions, loaded at the first call; NULL (with the loader's
 * message in *why, static) when the library cannot be loaded. */
const lazy_rsvg *lazy_rsvg_get(const char **why);
const lazy_zip *lazy_zip_get(const char **why);
const lazy_pq *lazy_pq_get(const char **why);

#endif
