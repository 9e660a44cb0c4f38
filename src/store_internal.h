/*
 * store_internal.h - the store's back ends behind one statement interface.
 *
 * store.c holds what a store does (schema checks and migration, import,
 * load, list) once, in SQL both dialects agree on; a back end
 * (store_sqlite.c, store_pg.c) connects, runs statements and hands back
 * their rows.  Statements use SQLite's numbered parameters ?1, ?2, ...;
 * the PostgreSQL back end sends them as $1, $2, ...  Data only ever goes
 * in parameters, never into the SQL text.
 */
#ifndef RELMAP_STORE_INTERNAL_H
#define RELMAP_STORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "relmap/store.h"

/* 'RMAP': PRAGMA application_id of every relmap store in SQLite. */
#define STORE_APPLICATION_ID 0x524d4150

/* migrations[v - 1] takes a schema from version v - 1 to v (0: empty),
 * for SQLite and for PostgreSQL (the same tables in each dialect). */
extern const char *const store_migrations[];
extern const char *const store_pg_migrations[];
extern const size_t store_n_migrations;

/* A prepared statement of a back end. */
typedef struct store_stmt store_stmt;

typedef struct store_backend {
	/* "an SQLite database of another application", for messages. */
	const char *foreign;
	/* Connect: set st->conn and st->path (what messages name: never a
	 * password).  Flags and codes as relmap_store_open. */
	int (*open)(relmap_store *st, const char *where, int flags,
		    relmap_diags *d);
	void (*close)(relmap_store *st);
	/* Run constant SQL (no data in it); a NULL `what` reports nothing. */
	int (*exec)(relmap_store *st, relmap_diags *d, const char *sql,
		    const char *what);
	int (*prepare)(relmap_store *st, relmap_diags *d, store_stmt **out,
		       const char *sql, const char *what);
	/* Bind parameter i (from 1); text is borrowed until the statement
	 * is reset, NULL binds SQL NULL. */
	void (*bind_text)(store_stmt *s, int i, const char *v);
	void (*bind_int)(store_stmt *s, int i, int64_t v);
	void (*bind_double)(store_stmt *s, int i, double v);
	/* 1: a row; 0: done; else a RELMAP_E* code, reported with `what`. */
	int (*step)(relmap_store *st, store_stmt *s, relmap_diags *d,
		    const char *what);
	/* Optional: run a bound statement whose rows and change count are
	 * not needed, and reset it.  It may run later, with others in one
	 * round trip: its failure is then reported by the next call that
	 * waits for the database (step, exec).  NULL: step and reset. */
	int (*send)(relmap_store *st, store_stmt *s, relmap_diags *d,
		    const char *what);
	/* Forget the bindings and rows: ready to bind and step again. */
	void (*reset)(store_stmt *s);
	/* Columns of the current row, from 0.  text is NULL for NULL. */
	int (*is_null)(store_stmt *s, int col);
	const char *(*text)(store_stmt *s, int col, size_t *len);
	int64_t (*int64)(store_stmt *s, int col);
	double (*real)(store_stmt *s, int col);
	/* Rows changed by the last step of an INSERT, UPDATE or DELETE. */
	int64_t (*changes)(relmap_store *st, store_stmt *s);
	void (*finalize)(store_stmt *s);
	/* The schema's mark: its version (0: none), whether it says it is
	 * relmap's, and how many tables the database (schema) holds. */
	int (*marker)(relmap_store *st, relmap_diags *d, int64_t *version,
		      int *ours, int64_t *tables);
	/* Mark the schema as RELMAP_STORE_VERSION (in the migration). */
	int (*set_marker)(relmap_store *st, relmap_diags *d);
	/* Run once on a new, empty store before the first migration. */
	const char *on_create;
	/* Start the import's transaction holding the one write lock, and a
	 * reader's transaction that sees one snapshot. */
	const char *begin_write;
	const char *begin_read;
	const char *const *migrations;
} store_backend;

extern const store_backend store_sqlite_backend;
extern const store_backend store_pg_backend;

struct relmap_store {
	const store_backend *be;
	void *conn;
	char *path;
	int readonly;
};

#endif
