/*
 * store_schema.c - relmap's schema, as migration steps, in SQLite's and
 * PostgreSQL's dialects.
 *
 * Step v takes the schema from version v - 1 to v; a database at version
 * k runs steps k + 1 .. RELMAP_STORE_VERSION in the import's transaction.
 * Steps are never edited once released: a change is a new step.
 * docs/store.md explains the tables.
 */
#include "relmap/store.h"
#include "store_internal.h"

/* 1: the first schema.  Records are keyed by (account, id as written);
 * `ordinal` keeps the file order.  Only touchpoints have a lifetime
 * beyond one import (history), so they do not reference persons and
 * members by foreign key.  The dialects differ in two words: SQLite's
 * REAL is PostgreSQL's DOUBLE PRECISION (its REAL has 24 bits), and
 * only SQLite has WITHOUT ROWID tables (PostgreSQL has no rowid). */
#define STEP_1(DOUBLE, NO_ROWID) \
	"CREATE TABLE relmap_meta (\n" \
	"  key TEXT PRIMARY KEY,\n" \
	"  value TEXT NOT NULL\n" \
	");\n" \
	"INSERT INTO relmap_meta VALUES ('format', 'relmap');\n" \
	"CREATE TABLE account (\n" \
	"  id TEXT PRIMARY KEY,\n" \
	"  ordinal INTEGER NOT NULL UNIQUE,\n" \
	"  name TEXT, industry TEXT, segment TEXT, url TEXT,\n" \
	"  stage TEXT,\n" \
	"  value " DOUBLE ",\n" \
	"  as_of INTEGER\n" \
	");\n" \
	"CREATE TABLE member (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  id TEXT NOT NULL,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  name TEXT NOT NULL,\n" \
	"  role TEXT,\n" \
	"  PRIMARY KEY (account, id)\n" \
	")" NO_ROWID ";\n" \
	"CREATE TABLE person (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  id TEXT NOT NULL,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  name TEXT NOT NULL,\n" \
	"  title TEXT, department TEXT, email TEXT, url TEXT,\n" \
	"  reports_to TEXT,\n" \
	"  role TEXT NOT NULL,\n" \
	"  attitude TEXT NOT NULL,\n" \
	"  influence " DOUBLE " NOT NULL,\n" \
	"  PRIMARY KEY (account, id)\n" \
	")" NO_ROWID ";\n" \
	"CREATE INDEX person_order ON person (account, ordinal);\n" \
	"CREATE INDEX member_order ON member (account, ordinal);\n" \
	"CREATE TABLE dotted_line (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  from_id TEXT NOT NULL,\n" \
	"  to_id TEXT NOT NULL,\n" \
	"  PRIMARY KEY (account, ordinal)\n" \
	")" NO_ROWID ";\n" \
	"CREATE TABLE influence (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  from_id TEXT NOT NULL,\n" \
	"  to_id TEXT NOT NULL,\n" \
	"  weight " DOUBLE " NOT NULL,\n" \
	"  PRIMARY KEY (account, ordinal)\n" \
	")" NO_ROWID ";\n" \
	"CREATE TABLE coverage (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  member_id TEXT NOT NULL,\n" \
	"  person_id TEXT NOT NULL,\n" \
	"  strength " DOUBLE " NOT NULL,\n" \
	"  PRIMARY KEY (account, ordinal)\n" \
	")" NO_ROWID ";\n" \
	"CREATE TABLE touchpoint (\n" \
	"  account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,\n" \
	"  ordinal INTEGER NOT NULL,\n" \
	"  member_id TEXT NOT NULL,\n" \
	"  person_id TEXT NOT NULL,\n" \
	"  channel TEXT NOT NULL,\n" \
	"  date INTEGER NOT NULL,\n" \
	"  sentiment TEXT NOT NULL,\n" \
	"  occurrence INTEGER NOT NULL,\n" \
	"  PRIMARY KEY (account, ordinal),\n" \
	"  UNIQUE (account, member_id, person_id, channel, date, sentiment,\n" \
	"          occurrence)\n" \
	")" NO_ROWID ";\n"

const char *const store_migrations[] = {
	STEP_1("REAL", " WITHOUT ROWID"),
};

/* The version lives in relmap_meta ('version'): PostgreSQL has no
 * PRAGMA user_version (store_pg.c). */
const char *const store_pg_migrations[] = {
	STEP_1("DOUBLE PRECISION", ""),
};

const size_t store_n_migrations =
	sizeof(store_migrations) / sizeof(store_migrations[0]);

_Static_assert(sizeof(store_migrations) / sizeof(store_migrations[0]) ==
	       RELMAP_STORE_VERSION, "one migration step per schema version");
_Static_assert(sizeof(store_pg_migrations) / sizeof(store_pg_migrations[0]) ==
	       RELMAP_STORE_VERSION, "one migration step per schema version");
