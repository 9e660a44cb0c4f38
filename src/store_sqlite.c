/*
 * store_sqlite.c - the store's SQLite back end: a file, opened and run
 * through sqlite3 (store_internal.h).
 *
 * Every failure of SQLite is turned into a RELMAP_E* code and a message
 * naming the file: a file that is no database or a corrupt one is bad
 * input data (RELMAP_EDATA), anything else an I/O error.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_internal.h"
#include "lazy_sqlite.h"


#define DB(st) ((sqlite3 *)(st)->conn)
#define STMT(s) ((sqlite3_stmt *)(s))

/* The code and message for a failed SQLite call `rc` while doing `what`. */
static int sql_fail(relmap_store *st, relmap_diags *d, int rc,
		    const char *what)
{
	const char *msg = st->conn ? sqlite3_errmsg(DB(st)) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "not a relmap database (not an SQLite file)");
		return RELMAP_EDATA;
	case SQLITE_CORRUPT:
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "the database is corrupt (%s while %s)", msg,
				 what);
		return RELMAP_EDATA;
	case SQLITE_NOMEM:
		return RELMAP_ENOMEM;
	default:
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "%s failed: %s", what, msg);
		return RELMAP_EIO;
	}
}

static int exec(relmap_store *st, relmap_diags *d, const char *sql,
		const char *what)
{
	int rc = sqlite3_exec(DB(st), sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	return what ? sql_fail(st, d, rc, what) : RELMAP_EIO;
}

/* The integer a one-row query gives (PRAGMA user_version, count(*)). */
static int query_int(relmap_store *st, relmap_diags *d, const char *sql,
		     int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(DB(st), sql, -1, &s, NULL);
	/* Set on every path: gcc -O2 cannot see that sql_fail never
	 * returns 0, and warns about the callers' use otherwise. */
	*out = 0;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_OK ? 0 : sql_fail(st, d, rc, "reading the schema");
}

static int marker(relmap_store *st, relmap_diags *d, int64_t *version,
		  int *ours, int64_t *tables)
{
	int64_t app;
	int rc;
	*ours = 0;
	if ((rc = query_int(st, d, "PRAGMA user_version", version)) ||
	    (rc = query_int(st, d, "PRAGMA application_id", &app)) ||
	    (rc = query_int(st, d, "SELECT count(*) FROM sqlite_master",
			    tables)))
		return rc;
	*ours = app == STORE_APPLICATION_ID;
	return 0;
}

static int set_marker(relmap_store *st, relmap_diags *d)
{
	char sql[96];
	snprintf(sql, sizeof(sql),
		 "PRAGMA user_version = %d; PRAGMA application_id = %d",
		 RELMAP_STORE_VERSION, STORE_APPLICATION_ID);
	return exec(st, d, sql, "setting the schema version");
}

static int open_file(relmap_store *st, const char *path, int flags,
		     relmap_diags *d)
{
	sqlite3 *db = NULL;
	struct stat sb;
	int rc, oflags;

	if (!(st->path = strdup(path)))
		return RELMAP_ENOMEM;
	if ((st->readonly || !(flags & RELMAP_STORE_CREATE)) &&
	    stat(path, &sb) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "no such database");
		return RELMAP_ENOENT;
	}
	oflags = st->readonly ? SQLITE_OPEN_READONLY
			      : SQLITE_OPEN_READWRITE |
				(flags & RELMAP_STORE_CREATE ? SQLITE_OPEN_CREATE
							     : 0);
	const char *why = "";
	if (!sq && !(sq = lazy_sqlite_get(&why))) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot load SQLite: %s", why);
		return RELMAP_EINTERNAL;
	}
	/* URIs are off so that a path is only ever a path. */
	rc = sqlite3_open_v2(path, &db, oflags, NULL);
	st->conn = db;
	if (rc != SQLITE_OK) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot open database: %s",
				 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		/* A database import would create is an output. */
		return rc == SQLITE_NOMEM	    ? RELMAP_ENOMEM
		       : flags & RELMAP_STORE_CREATE ? RELMAP_EOUTPUT
						     : RELMAP_ENOENT;
	}
	sqlite3_extended_result_codes(db, 1);
	/* Readers wait out an import's commit rather than fail. */
	sqlite3_busy_timeout(db, 5000);
	if ((rc = exec(st, d, "PRAGMA foreign_keys = ON",
		       "enabling foreign keys")))
		return rc;
	/* WAL's commit is atomic on a crash already; NORMAL only gives up
	 * durability of the last commits on a power cut. */
	if (!st->readonly &&
	    (rc = exec(st, d, "PRAGMA synchronous = NORMAL",
		       "setting synchronous mode")))
		return rc;
	return 0;
}

static void close_file(relmap_store *st)
{
	sqlite3_close(DB(st));
}

static int prepare(relmap_store *st, relmap_diags *d, store_stmt **out,
		   const char *sql, const char *what)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(DB(st), sql, -1, &s, NULL);
	*out = (store_stmt *)s;
	return rc == SQLITE_OK ? 0 : sql_fail(st, d, rc, what);
}

static void bind_text(store_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(STMT(s), i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(STMT(s), i);
}

static void bind_int(store_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(STMT(s), i, v);
}

static void bind_double(store_stmt *s, int i, double v)
{
	sqlite3_bind_double(STMT(s), i, v);
}

static int step(relmap_store *st, store_stmt *s, relmap_diags *d,
		const char *what)
{
	int rc = sqlite3_step(STMT(s));
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sql_fail(st, d, rc, what);
}

static void reset(store_stmt *s)
{
	sqlite3_reset(STMT(s));
	sqlite3_clear_bindings(STMT(s));
}

static int is_null(store_stmt *s, int col)
{
	return sqlite3_column_type(STMT(s), col) == SQLITE_NULL;
}

static const char *text(store_stmt *s, int col, size_t *len)
{
	const char *v = (const char *)sqlite3_column_text(STMT(s), col);
	if (len)
		*len = (size_t)sqlite3_column_bytes(STMT(s), col);
	return v;
}

static int64_t int64(store_stmt *s, int col)
{
	return sqlite3_column_int64(STMT(s), col);
}

static double real(store_stmt *s, int col)
{
	return sqlite3_column_double(STMT(s), col);
}

static int64_t changes(relmap_store *st, store_stmt *s)
{
	return sqlite3_changes(DB(st));
}

static void finalize(store_stmt *s)
{
	sqlite3_finalize(STMT(s));
}

const store_backend store_sqlite_backend = {
	.foreign = "an SQLite database of another application",
	.open = open_file,
	.close = close_file,
	.exec = exec,
	.prepare = prepare,
	.bind_text = bind_text,
	.bind_int = bind_int,
	.bind_double = bind_double,
	.step = step,
	.reset = reset,
	.is_null = is_null,
	.text = text,
	.int64 = int64,
	.real = real,
	.changes = changes,
	.finalize = finalize,
	.marker = marker,
	.set_marker = set_marker,
	.on_create = "PRAGMA journal_mode = WAL",
	/* IMMEDIATE takes the write lock now, so the import cannot fail
	 * half-way for want of it (a deferred upgrade can deadlock). */
	.begin_write = "BEGIN IMMEDIATE",
	.begin_read = "BEGIN",
	.migrations = store_migrations,
};
