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

/*
 * lazy_NAME_get(): the library's functions, loaded at the first call.  The
 * struct is all function pointers, in the order of the names.
 */
#define LAZY_GETTER(name, soname)                                            \
	_Static_assert(sizeof(lazy_##name) ==                                \
			       sizeof(name##_names) /                         \
				       sizeof(name##_names[0]) *              \
				       sizeof(void (*)(void)),                \
		       "one name per function of " soname);                   \
	const lazy_##name *lazy_##name##_get(const char **why)               \
	{                                                                     \
		static void *h;                                               \
		static lazy_##name f;                                         \
		static int ok;                                                \
		if (!ok &&                                                    \
		    load(&h, soname, name##_names, (void (**)(void))&f,      \
			 sizeof(name##_names) / sizeof(name##_names[0]),     \
			 why) == 0)                                           \
			ok = 1;                                               \
		return ok ? &f : NULL;                                        \
	}

LAZY_GETTER(rsvg, "librsvg-2.so.2")
LAZY_GETTER(zip, "libzip.so.4")
LAZY_GETTER(pq, "libpq.so.5")
LAZY_GETTER(cairo, "libcairo.so.2")
LAZY_GETTER(glib, "libglib-2.0.so.0")
LAZY_GETTER(gobject, "libgobject-2.0.so.0")
LAZY_GETTER(sqlite, "libsqlite3.so.0")
