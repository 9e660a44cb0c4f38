/*
 * relmap/store.h - the store of accounts (docs/store.md).
 *
 * A store is a SQLite database with relmap's own schema, versioned with
 * PRAGMA user_version and marked with PRAGMA application_id, so that a
 * file that is some other database is told apart from a relmap store.
 * Writers use WAL mode and a 5 s busy timeout: readers (render, check)
 * never fail because an import is running.  Each import is one
 * transaction: it is all or nothing, also when the process is killed.
 *
 * A path that is a libpq URI (postgresql://..., postgres://...) names a
 * PostgreSQL database instead, with the same schema, marked and
 * versioned in relmap_meta, and the same guarantees: readers load one
 * snapshot (REPEATABLE READ READ ONLY) and never wait for an import.
 * Messages name it by the URI without its password.
 *
 * Errors are values: functions return 0 or a negative RELMAP_E* code and
 * describe the problem in `diags` (the store's path as the file name).
 */
#ifndef RELMAP_STORE_H
#define RELMAP_STORE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The schema version this library writes (PRAGMA user_version). */
#define RELMAP_STORE_VERSION 1

/** relmap_store_open flags. */
enum {
	RELMAP_STORE_READONLY = 1, /**< open with SQLITE_OPEN_READONLY */
	RELMAP_STORE_CREATE = 2    /**< create the file when missing */
};

typedef struct relmap_store relmap_store;

/**
 * Open the store at `path`.  A new or empty database opened for writing
 * gets the current schema; an older schema is migrated (writers only: a
 * read-only open of an older schema is an error asking for an import).
 * On success *out owns the store (relmap_store_close) and 0 is returned.
 * Errors: RELMAP_ENOENT when the file is missing (and CREATE is not
 * given) or cannot be opened, or the PostgreSQL server cannot be reached
 * (RELMAP_EOUTPUT when CREATE is given: the store is the caller's
 * output); RELMAP_EDATA when it is not a relmap
 * database, has a newer schema version, or is corrupt; RELMAP_ENOMEM.
 * Never creates a file when READONLY is given.
 */
int relmap_store_open(relmap_store **out, const char *path, int flags,
		      relmap_diags *diags);

/** Close the store.  NULL is a no-op. */
void relmap_store_close(relmap_store *st);

/**
 * Import the accounts of `doc` in one transaction (BEGIN IMMEDIATE ...
 * COMMIT; on any error ROLLBACK, and the store is unchanged).  An account
 * already stored has its attributes, members, persons, dotted lines,
 * influences and coverages replaced by the document's; its touchpoints
 * are kept and only those not seen before are added (identity: member,
 * person, channel, date, sentiment, and the occurrence number among
 * identical ones).  Importing the same document twice changes nothing.
 * Returns 0, RELMAP_EUSAGE (read-only store), RELMAP_EDATA (corrupt
 * store), RELMAP_EIO (SQLite failed, e.g. disk full or busy past the
 * timeout) or RELMAP_ENOMEM.
 */
int relmap_store_import(relmap_store *st, const relmap_document *doc,
			relmap_diags *diags);

/**
 * The same for several documents, all in one transaction: if any fails,
 * none is imported.
 *
 * Documents with `edges_only` set (CSV coverage and touchpoint files) add
 * to accounts instead of replacing them, after every other document:
 * their persons must be stored already (or come from another of the
 * documents), members not stored are added, a coverage record updates
 * the stored one of the same member and person or is added, touchpoints
 * are added unless seen.  An account or person not stored is
 * RELMAP_EDATA, each reported at the file, row and column that names it
 * (docs/store.md, "Edges files").
 */
int relmap_store_import_all(relmap_store *st,
			    const relmap_document *const *docs, size_t n,
			    relmap_diags *diags);

/**
 * Build a document from the store: the account `account_id`, or every
 * account (in order of first import) when it is NULL.  The document holds
 * what the XML gave: persons, members and edges in their original order,
 * every attribute; positions are 0.  Touchpoints whose member or person
 * is no longer in the account are kept in the store but left out.  The
 * document's as-of is the latest as-of of the accounts loaded, if any
 * had one.  Its path is the store's path.  *out owns the document
 * (relmap_document_free).  An unknown account_id is RELMAP_EDATA with a
 * message naming it.
 */
int relmap_store_load(relmap_document **out, relmap_store *st,
		      const char *account_id, relmap_diags *diags);

/** One row of relmap_store_list.  Strings belong to the list. */
typedef struct relmap_store_account {
	char *id;
	char *name;      /**< NULL when not given */
	size_t n_persons;
	int has_as_of;
	int as_of;       /**< days since 1970-01-01, when has_as_of */
} relmap_store_account;

/**
 * The accounts in the store, in order of first import.  *out is an array
 * of *n entries, freed with relmap_store_list_free.
 */
int relmap_store_list(relmap_store_account **out, size_t *n,
		      relmap_store *st, relmap_diags *diags);
void relmap_store_list_free(relmap_store_account *list, size_t n);

/**
 * Write `doc` in relmap's XML format (docs/format.md), UTF-8, indented by
 * two spaces, attributes in a fixed order and numbers in their shortest
 * round-trip form, so the same document always gives the same bytes.
 * Defaults (role and attitude unknown, influence 0, sentiment neutral)
 * are left out.  *out is malloc'd (free it) and NUL-terminated; *len
 * excludes the NUL.  Returns 0 or RELMAP_ENOMEM / RELMAP_EINTERNAL.
 */
int relmap_document_write_xml(char **out, size_t *len,
			      const relmap_document *doc);

#ifdef __cplusplus
}
#endif
#endif
