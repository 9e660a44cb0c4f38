/* lazylib.c - libraries loaded the first time they are needed (lazylib.h). */
#define _POSIX_C_SOURCE 200809L
#include "lazylib.h"

#include <dlfcn.h>
#include <stddef.h>

/* Fill the n function pointers at fns from names[] in library `so`;
 * 0, or -1 with dlerror()'s message in *why. */
static int load(void **handle, const char *so, const char *const *names,
		void (**fns)(void), size_t n, const char **why)
{
	if (!*handle && !(*handle = dlopen(so, RTLD_NOW | RTLD_LOCAL))) {
		*why = dlerror();
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(*handle, names[i]);
		if (!p) {
			*why = dlerror();
			return -1;
		}
		/* POSIX makes a data pointer from dlsym a function's. */
		*(void **)&fns[i] = p;
	}
	return 0;
}

static const char *const rsvg_names[] = {
	"rsvg_handle_new_from_data",
	"rsvg_handle_render_document",
};

static const char *const zip_names[] = {
	"zip_source_buffer", "zip_file_add", "zip_source_free",
	"zip_file_set_mtime", "zip_set_file_compression", "zip_error_init",
	"zip_source_buffer_create", "zip_source_keep", "zip_open_from_source",
	"zip_discard", "zip_close", "zip_source_open", "zip_source_seek",
	"zip_source_tell", "zip_source_read", "zip_source_close",
	"zip_error_fini",
};

static const char *const pq_names[] = {
	"PQclear",
	"PQcmdTuples",
	"PQconnectdbParams",
	"PQenterPipelineMode",
	"PQerrorMessage",
	"PQexec",
	"PQexecParams",
	"PQexitPipelineMode",
	"PQfinish",
	"PQgetResult",
	"PQgetisnull",
	"PQgetlength",
	"PQgetvalue",
	"PQntuples",
	"PQpipelineSync",
	"PQresultErrorField",
	"PQresultStatus",
	"PQsendPrepare",
	"PQsendQueryPrepared",
	"PQsetNoticeProcessor",
	"PQstatus",
};

static const char *const cairo_names[] = {
	"cairo_pdf_surface_create_for_stream",
	"cairo_pdf_surface_set_metadata",
	"cairo_surface_status",
	"cairo_surface_destroy",
	"cairo_surface_finish",
	"cairo_image_surface_create",
	"cairo_surface_write_to_png_stream",
	"cairo_create",
	"cairo_destroy",
	"cairo_show_page",
	"cairo_set_source_rgb",
	"cairo_paint",
};

static const char *const glib_names[] = {
	"g_error_free",          "g_free",        "g_checksum_new",
	"g_checksum_update",     "g_checksum_get_digest",
	"g_checksum_free",       "g_base64_encode",
};

static const char *const gobject_names[] = { "g_object_unref" };

static const char *const sqlite_names[] = {
	"sqlite3_bind_double",
	"sqlite3_bind_int64",
	"sqlite3_bind_null",
	"sqlite3_bind_text",
	"sqlite3_busy_timeout",
	"sqlite3_changes",
	"sqlite3_clear_bindings",
	"sqlite3_close",
	"sqlite3_column_bytes",
	"sqlite3_column_count",
	"sqlite3_column_double",
	"sqlite3_column_int64",
	"sqlite3_column_name",
	"sqlite3_column_text",
	"sqlite3_column_type",
	"sqlite3_db_config",
	"sqlite3_db_handle",
	"sqlite3_errcode",
	"sqlite3_errmsg",
	"sqlite3_errstr",
	"sqlite3_exec",
	"sqlite3_extended_result_codes",
	"sqlite3_finalize",
	"sqlite3_free",
	"sqlite3_mprintf",
	"sqlite3_open_v2",
	"sqlite3_prepare_v2",
	"sqlite3_reset",
	"sqlite3_set_authorizer",
	"sqlite3_step",
	"sqlite3_stmt_readonly",
};

/* The structs are all function pointers, in the order of the names. */
_Static_assert(sizeof(lazy_rsvg) ==
		       sizeof(rsvg_names) / sizeof(rsvg_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per librsvg function");
_Static_assert(sizeof(lazy_zip) ==
		       sizeof(zip_names) / sizeof(zip_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per libzip function");
_Static_assert(sizeof(lazy_pq) ==
		       sizeof(pq_names) / sizeof(pq_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per libpq function");

_Static_assert(sizeof(lazy_cairo) ==
		       sizeof(cairo_names) / sizeof(cairo_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per cairo function");
_Static_assert(sizeof(lazy_glib) ==
		       sizeof(glib_names) / sizeof(glib_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per GLib function");
_Static_assert(sizeof(lazy_gobject) ==
		       sizeof(gobject_names) / sizeof(gobject_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per GObject function");

_Static_assert(sizeof(lazy_sqlite) ==
		       sizeof(sqlite_names) / sizeof(sqlite_names[0]) *
			       sizeof(void (*)(void)),
	       "one name per SQLite function");

const lazy_rsvg *lazy_rsvg_get(const char **why)
{
	static void *h;
	static lazy_rsvg f;
	static int ok;
	if (!ok && load(&h, "librsvg-2.so.2", rsvg_names, (void (**)(void))&f,
			sizeof(rsvg_names) / sizeof(rsvg_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_zip *lazy_zip_get(const char **why)
{
	static void *h;
	static lazy_zip f;
	static int ok;
	if (!ok && load(&h, "libzip.so.4", zip_names, (void (**)(void))&f,
			sizeof(zip_names) / sizeof(zip_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_pq *lazy_pq_get(const char **why)
{
	static void *h;
	static lazy_pq f;
	static int ok;
	if (!ok && load(&h, "libpq.so.5", pq_names, (void (**)(void))&f,
			sizeof(pq_names) / sizeof(pq_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_cairo *lazy_cairo_get(const char **why)
{
	static void *h;
	static lazy_cairo f;
	static int ok;
	if (!ok && load(&h, "libcairo.so.2", cairo_names, (void (**)(void))&f,
			sizeof(cairo_names) / sizeof(cairo_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_glib *lazy_glib_get(const char **why)
{
	static void *h;
	static lazy_glib f;
	static int ok;
	if (!ok && load(&h, "libglib-2.0.so.0", glib_names, (void (**)(void))&f,
			sizeof(glib_names) / sizeof(glib_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_gobject *lazy_gobject_get(const char **why)
{
	static void *h;
	static lazy_gobject f;
	static int ok;
	if (!ok && load(&h, "libgobject-2.0.so.0", gobject_names,
			(void (**)(void))&f,
			sizeof(gobject_names) / sizeof(gobject_names[0]),
			why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}

const lazy_sqlite *lazy_sqlite_get(const char **why)
{
	static void *h;
	static lazy_sqlite f;
	static int ok;
	if (!ok && load(&h, "libsqlite3.so.0", sqlite_names,
			(void (**)(void))&f,
			sizeof(sqlite_names) / sizeof(sqlite_names[0]), why) == 0)
		ok = 1;
	return ok ? &f : NULL;
}
