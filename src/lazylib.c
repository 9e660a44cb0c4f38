/* lazylib.c - librsvg and libzip, loaded the first time (lazylib.h). */
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
