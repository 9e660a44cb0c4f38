/*
 * store.c - the SQLite store: open and migrate, import, load, list.
 *
 * Every failure of SQLite is turned into a RELMAP_E* code and a message
 * naming the store: a file that is no database or a corrupt one is bad
 * input data (RELMAP_EDATA), anything else an I/O error.
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "document.h"
#include "store_internal.h"

struct relmap_store {
	sqlite3 *db;
	char *path;
	int readonly;
};

/* The code and message for a failed SQLite call `rc` while doing `what`. */
static int sql_fail(relmap_store *st, relmap_diags *d, int rc,
		    const char *what)
{
	const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
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

static int corrupt(relmap_store *st, relmap_diags *d, const char *what)
{
	relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
			 "the database is corrupt: %s", what);
	return RELMAP_EDATA;
}

static int exec(relmap_store *st, relmap_diags *d, const char *sql,
		const char *what)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sql_fail(st, d, rc, what);
}

/* The integer a one-row query gives (PRAGMA user_version, count(*)). */
static int query_int(relmap_store *st, relmap_diags *d, const char *sql,
		     sqlite3_int64 *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
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

/* Bring the schema from `from` to RELMAP_STORE_VERSION, in one
 * transaction so that a killed migration leaves the old schema. */
static int migrate(relmap_store *st, relmap_diags *d)
{
	char sql[96];
	sqlite3_int64 v;
	int rc;

	if ((rc = exec(st, d, "BEGIN IMMEDIATE", "starting the migration")))
		return rc;
	/* Another writer may have migrated while we waited for the lock. */
	if ((rc = query_int(st, d, "PRAGMA user_version", &v)))
		goto fail;
	for (; v < RELMAP_STORE_VERSION; v++)
		if ((rc = exec(st, d, store_migrations[v],
			       "creating the schema")))
			goto fail;
	snprintf(sql, sizeof(sql),
		 "PRAGMA user_version = %d; PRAGMA application_id = %d",
		 RELMAP_STORE_VERSION, STORE_APPLICATION_ID);
	if ((rc = exec(st, d, sql, "setting the schema version")))
		goto fail;
	if ((rc = exec(st, d, "COMMIT", "committing the migration")))
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Tell a relmap store from other files, versions and an empty file. */
static int check_schema(relmap_store *st, relmap_diags *d)
{
	sqlite3_int64 version, app, tables;
	int rc;

	if ((rc = query_int(st, d, "PRAGMA user_version", &version)) ||
	    (rc = query_int(st, d, "PRAGMA application_id", &app)) ||
	    (rc = query_int(st, d, "SELECT count(*) FROM sqlite_master",
			    &tables)))
		return rc;
	if (version == 0 && tables == 0) {
		if (st->readonly) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0,
					 0, "not a relmap database (it is empty)");
			return RELMAP_EDATA;
		}
		if ((rc = exec(st, d, "PRAGMA journal_mode = WAL",
			       "switching to WAL mode")))
			return rc;
		return migrate(st, d);
	}
	if (app != STORE_APPLICATION_ID || version <= 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "not a relmap database (an SQLite database of another application)");
		return RELMAP_EDATA;
	}
	if (version > RELMAP_STORE_VERSION) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "schema version %lld is newer than this relmap reads (%d); use a newer relmap",
				 (long long)version, RELMAP_STORE_VERSION);
		return RELMAP_EDATA;
	}
	if (version < RELMAP_STORE_VERSION) {
		if (st->readonly) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0,
					 0, "schema version %lld is older than %d; run 'relmap import' once to migrate it",
					 (long long)version, RELMAP_STORE_VERSION);
			return RELMAP_EDATA;
		}
		return migrate(st, d);
	}
	return 0;
}

int relmap_store_open(relmap_store **out, const char *path, int flags,
		      relmap_diags *d)
{
	relmap_store *st = NULL;
	struct stat sb;
	int rc = RELMAP_ENOMEM, oflags;

	*out = NULL;
	if (!(st = calloc(1, sizeof(*st))) || !(st->path = strdup(path)))
		goto out;
	st->readonly = (flags & RELMAP_STORE_READONLY) != 0;
	if ((st->readonly || !(flags & RELMAP_STORE_CREATE)) &&
	    stat(path, &sb) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "no such database");
		rc = RELMAP_ENOENT;
		goto out;
	}
	oflags = st->readonly ? SQLITE_OPEN_READONLY
			      : SQLITE_OPEN_READWRITE |
				(flags & RELMAP_STORE_CREATE ? SQLITE_OPEN_CREATE
							     : 0);
	/* URIs are off so that a path is only ever a path. */
	if ((rc = sqlite3_open_v2(path, &st->db, oflags, NULL)) != SQLITE_OK) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot open database: %s",
				 st->db ? sqlite3_errmsg(st->db)
					: sqlite3_errstr(rc));
		/* A database import would create is an output. */
		rc = rc == SQLITE_NOMEM		    ? RELMAP_ENOMEM
		     : flags & RELMAP_STORE_CREATE ? RELMAP_EOUTPUT
						   : RELMAP_ENOENT;
		goto out;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* Readers wait out an import's commit rather than fail. */
	sqlite3_busy_timeout(st->db, 5000);
	if ((rc = exec(st, d, "PRAGMA foreign_keys = ON",
		       "enabling foreign keys")))
		goto out;
	if ((rc = check_schema(st, d)))
		goto out;
	/* WAL's commit is atomic on a crash already; NORMAL only gives up
	 * durability of the last commits on a power cut. */
	if (!st->readonly &&
	    (rc = exec(st, d, "PRAGMA synchronous = NORMAL",
		       "setting synchronous mode")))
		goto out;
	*out = st;
	st = NULL;
	rc = 0;
out:
	relmap_store_close(st);
	return rc;
}

void relmap_store_close(relmap_store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ------------------------------------------------------------------ */
/* Import */

enum {
	S_ACCOUNT,
	S_DEL_MEMBER,
	S_DEL_PERSON,
	S_DEL_DOTTED,
	S_DEL_INFLUENCE,
	S_DEL_COVERAGE,
	S_MEMBER,
	S_PERSON,
	S_DOTTED,
	S_INFLUENCE,
	S_COVERAGE,
	S_TOUCHPOINT,
	S_HAS_ACCOUNT,
	S_HAS_PERSON,
	S_ADD_MEMBER,
	S_SET_PAIR,
	S_ADD_COVERAGE,
	S_COUNT
};

static const char *const import_sql[S_COUNT] = {
	[S_ACCOUNT] =
		"INSERT INTO account (id, ordinal, name, industry, segment, url,"
		" stage, value, as_of) VALUES (?1, (SELECT coalesce(max(ordinal)"
		" + 1, 0) FROM account), ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
		" industry = excluded.industry, segment = excluded.segment,"
		" url = excluded.url, stage = excluded.stage,"
		" value = excluded.value, as_of = excluded.as_of",
	[S_DEL_MEMBER] = "DELETE FROM member WHERE account = ?1",
	[S_DEL_PERSON] = "DELETE FROM person WHERE account = ?1",
	[S_DEL_DOTTED] = "DELETE FROM dotted_line WHERE account = ?1",
	[S_DEL_INFLUENCE] = "DELETE FROM influence WHERE account = ?1",
	[S_DEL_COVERAGE] = "DELETE FROM coverage WHERE account = ?1",
	[S_MEMBER] = "INSERT INTO member (account, id, ordinal, name, role)"
		     " VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_PERSON] = "INSERT INTO person (account, id, ordinal, name, title,"
		     " department, email, url, reports_to, role, attitude,"
		     " influence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		     " ?10, ?11, ?12)",
	[S_DOTTED] = "INSERT INTO dotted_line (account, ordinal, from_id, to_id)"
		     " VALUES (?1, ?2, ?3, ?4)",
	[S_INFLUENCE] = "INSERT INTO influence (account, ordinal, from_id,"
			" to_id, weight) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_COVERAGE] = "INSERT INTO coverage (account, ordinal, member_id,"
		       " person_id, strength) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_TOUCHPOINT] =
		"INSERT INTO touchpoint (account, ordinal, member_id, person_id,"
		" channel, date, sentiment, occurrence) VALUES (?1,"
		" (SELECT coalesce(max(ordinal) + 1, 0) FROM touchpoint"
		" WHERE account = ?1), ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT DO NOTHING",
	/* Edges files (import_edges) add to what is stored. */
	[S_HAS_ACCOUNT] = "SELECT 1 FROM account WHERE id = ?1",
	[S_HAS_PERSON] = "SELECT 1 FROM person WHERE account = ?1 AND id = ?2",
	[S_ADD_MEMBER] =
		"INSERT INTO member (account, id, ordinal, name, role) VALUES"
		" (?1, ?2, (SELECT coalesce(max(ordinal) + 1, 0) FROM member"
		" WHERE account = ?1), ?3, NULL)"
		" ON CONFLICT (account, id) DO UPDATE SET name = excluded.name"
		" WHERE ?4",
	[S_SET_PAIR] = "UPDATE coverage SET strength = ?4 WHERE account = ?1"
		       " AND member_id = ?2 AND person_id = ?3",
	[S_ADD_COVERAGE] =
		"INSERT INTO coverage (account, ordinal, member_id, person_id,"
		" strength) VALUES (?1, (SELECT coalesce(max(ordinal) + 1, 0)"
		" FROM coverage WHERE account = ?1), ?2, ?3, ?4)",
};

typedef struct importer {
	relmap_store *st;
	relmap_diags *d;
	sqlite3_stmt *s[S_COUNT];
} importer;

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Run a bound statement to completion and reset it. */
static int run(importer *im, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : sql_fail(im->st, im->d, rc, what);
}

/* The store keeps ids, not indices: check every index the document
 * holds, so a broken document is refused instead of half stored. */
static int check_account(importer *im, const relmap_document *doc,
			 const relmap_account *a)
{
	size_t np = a->n_persons, nm = a->n_members;
#define IN(i, n) ((i) >= 0 && (size_t)(i) < (n))
	int ok = a->id != NULL;
	for (size_t i = 0; ok && i < np; i++)
		ok = a->persons[i].id && a->persons[i].name &&
		     (a->persons[i].manager == -1 ||
		      IN(a->persons[i].manager, np));
	for (size_t i = 0; ok && i < nm; i++)
		ok = a->members[i].id && a->members[i].name;
	for (size_t i = 0; ok && i < a->n_dotted_lines; i++)
		ok = IN(a->dotted_lines[i].from, np) &&
		     IN(a->dotted_lines[i].to, np);
	for (size_t i = 0; ok && i < a->n_influences; i++)
		ok = IN(a->influences[i].from, np) &&
		     IN(a->influences[i].to, np);
	for (size_t i = 0; ok && i < a->n_coverages; i++)
		ok = IN(a->coverages[i].member, nm) &&
		     IN(a->coverages[i].person, np);
	for (size_t i = 0; ok && i < a->n_touchpoints; i++)
		ok = IN(a->touchpoints[i].member, nm) &&
		     IN(a->touchpoints[i].person, np) &&
		     relmap_channel_name(a->touchpoints[i].channel) &&
		     relmap_sentiment_name(a->touchpoints[i].sentiment);
#undef IN
	if (ok)
		return 0;
	relmap_diags_add(im->d, RELMAP_SEVERITY_ERROR, doc->path, 0, 0,
			 "account '%s' is inconsistent (a reference out of range); nothing imported",
			 a->id ? a->id : "?");
	return RELMAP_EDATA;
}

static const relmap_touchpoint *sort_base;

/* Touchpoint identity, then file order: equal ones number 0, 1, ... */
static int cmp_touchpoint(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const relmap_touchpoint *a = &sort_base[i], *b = &sort_base[j];
	if (a->member != b->member) return a->member < b->member ? -1 : 1;
	if (a->person != b->person) return a->person < b->person ? -1 : 1;
	if (a->channel != b->channel) return a->channel < b->channel ? -1 : 1;
	if (a->date != b->date) return a->date < b->date ? -1 : 1;
	if (a->sentiment != b->sentiment)
		return a->sentiment < b->sentiment ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* occurrence[i]: how many identical touchpoints come before i. */
static int occurrences(unsigned **out, const relmap_account *a)
{
	size_t n = a->n_touchpoints;
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	unsigned *occ = malloc((n ? n : 1) * sizeof(*occ));
	if (!order || !occ) {
		free(order);
		free(occ);
		return RELMAP_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_base = a->touchpoints;
	qsort(order, n, sizeof(*order), cmp_touchpoint);
	for (size_t k = 0; k < n; k++) {
		const relmap_touchpoint *t = &a->touchpoints[order[k]];
		const relmap_touchpoint *p =
			k ? &a->touchpoints[order[k - 1]] : NULL;
		occ[order[k]] = p && p->member == t->member &&
					p->person == t->person &&
					p->channel == t->channel &&
					p->date == t->date &&
					p->sentiment == t->sentiment
				? occ[order[k - 1]] + 1 : 0;
	}
	free(order);
	*out = occ;
	return 0;
}

static int store_touchpoints(importer *im, const relmap_account *a);

static int import_account(importer *im, const relmap_document *doc,
			  const relmap_account *a)
{
	sqlite3_stmt **s = im->s;
	int rc;

	if ((rc = check_account(im, doc, a)))
		return rc;
	bind_text(s[S_ACCOUNT], 1, a->id);
	bind_text(s[S_ACCOUNT], 2, a->name);
	bind_text(s[S_ACCOUNT], 3, a->industry);
	bind_text(s[S_ACCOUNT], 4, a->segment);
	bind_text(s[S_ACCOUNT], 5, a->url);
	bind_text(s[S_ACCOUNT], 6, relmap_stage_name(a->stage));
	if (a->has_value)
		sqlite3_bind_double(s[S_ACCOUNT], 7, a->value);
	if (doc->has_as_of)
		sqlite3_bind_int(s[S_ACCOUNT], 8, doc->as_of);
	if ((rc = run(im, s[S_ACCOUNT], "storing an account")))
		goto out;
	for (int k = S_DEL_MEMBER; k <= S_DEL_COVERAGE; k++) {
		bind_text(s[k], 1, a->id);
		if ((rc = run(im, s[k], "replacing an account")))
			goto out;
	}
	for (size_t i = 0; i < a->n_members; i++) {
		const relmap_member *m = &a->members[i];
		sqlite3_stmt *q = s[S_MEMBER];
		bind_text(q, 1, a->id);
		bind_text(q, 2, m->id);
		sqlite3_bind_int64(q, 3, (sqlite3_int64)i);
		bind_text(q, 4, m->name);
		bind_text(q, 5, relmap_member_role_name(m->role));
		if ((rc = run(im, q, "storing a team member")))
			goto out;
	}
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		sqlite3_stmt *q = s[S_PERSON];
		bind_text(q, 1, a->id);
		bind_text(q, 2, p->id);
		sqlite3_bind_int64(q, 3, (sqlite3_int64)i);
		bind_text(q, 4, p->name);
		bind_text(q, 5, p->title);
		bind_text(q, 6, p->department);
		bind_text(q, 7, p->email);
		bind_text(q, 8, p->url);
		bind_text(q, 9, p->manager >= 0 ? a->persons[p->manager].id
						: p->reports_to);
		bind_text(q, 10, relmap_role_name(p->role));
		bind_text(q, 11, relmap_attitude_name(p->attitude));
		sqlite3_bind_double(q, 12, p->influence);
		if ((rc = run(im, q, "storing a person")))
			goto out;
	}
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		sqlite3_stmt *q = s[S_DOTTED];
		bind_text(q, 1, a->id);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
		bind_text(q, 3, a->persons[a->dotted_lines[i].from].id);
		bind_text(q, 4, a->persons[a->dotted_lines[i].to].id);
		if ((rc = run(im, q, "storing a dotted line")))
			goto out;
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		sqlite3_stmt *q = s[S_INFLUENCE];
		bind_text(q, 1, a->id);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
		bind_text(q, 3, a->persons[a->influences[i].from].id);
		bind_text(q, 4, a->persons[a->influences[i].to].id);
		sqlite3_bind_double(q, 5, a->influences[i].weight);
		if ((rc = run(im, q, "storing an influence")))
			goto out;
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		sqlite3_stmt *q = s[S_COVERAGE];
		bind_text(q, 1, a->id);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
		bind_text(q, 3, a->members[a->coverages[i].member].id);
		bind_text(q, 4, a->persons[a->coverages[i].person].id);
		sqlite3_bind_double(q, 5, a->coverages[i].strength);
		if ((rc = run(im, q, "storing a coverage")))
			goto out;
	}
	rc = store_touchpoints(im, a);
out:
	return rc;
}

/* Whether the bound one-row query finds a row (*found 1 or 0): 0, or a
 * RELMAP_E* code (reported). */
static int exists(importer *im, sqlite3_stmt *q, int *found)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return sql_fail(im->st, im->d, rc, "looking up a stored record");
}

/*
 * An edges file's account (relmap_document.edges_only): its persons are
 * the ids the file names, which must all be stored already; its members
 * are added unless known (a known member keeps its role, and its name
 * unless the file gives one in a member-name column); a
 * coverage record replaces the stored one of the same member and person;
 * touchpoints are added unless seen, as for any import.  Every unknown
 * person is reported where the file first names it.
 */
static int import_edges(importer *im, const relmap_document *doc,
			const relmap_account *a)
{
	sqlite3_stmt **s = im->s;
	int rc, found;

	if ((rc = check_account(im, doc, a)))
		return rc;
	bind_text(s[S_HAS_ACCOUNT], 1, a->id);
	if ((rc = exists(im, s[S_HAS_ACCOUNT], &found)))
		return rc;
	if (!found) {
		relmap_diags_add(im->d, RELMAP_SEVERITY_ERROR, doc->path,
				 a->pos.line, a->pos.column,
				 "account '%s' is not in the database: import "
				 "its persons first (or in the same command)",
				 a->id);
		return RELMAP_EDATA;
	}
	rc = 0;
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		bind_text(s[S_HAS_PERSON], 1, a->id);
		bind_text(s[S_HAS_PERSON], 2, p->id);
		int err = exists(im, s[S_HAS_PERSON], &found);
		if (err)
			return err;
		if (!found) {
			relmap_diags_add(im->d, RELMAP_SEVERITY_ERROR,
					 doc->path, p->pos.line, p->pos.column,
					 "unknown person '%s': account '%s' in "
					 "the database has no such person",
					 p->id, a->id);
			rc = RELMAP_EDATA;
		}
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < a->n_members; i++) {
		sqlite3_stmt *q = s[S_ADD_MEMBER];
		bind_text(q, 1, a->id);
		bind_text(q, 2, a->members[i].id);
		bind_text(q, 3, a->members[i].name);
		/* The loader names a member by its id when the file gives
		 * no member-name: only a real name renames a stored one. */
		sqlite3_bind_int(q, 4, strcmp(a->members[i].name,
					      a->members[i].id) != 0);
		if ((rc = run(im, q, "storing a team member")))
			return rc;
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		const char *m = a->members[a->coverages[i].member].id;
		const char *p = a->persons[a->coverages[i].person].id;
		/* Updated in place, so that its position (ordinal) and
		 * with it the export stay as they were. */
		sqlite3_stmt *q = s[S_SET_PAIR];
		bind_text(q, 1, a->id);
		bind_text(q, 2, m);
		bind_text(q, 3, p);
		sqlite3_bind_double(q, 4, a->coverages[i].strength);
		if ((rc = run(im, q, "replacing a coverage")))
			return rc;
		if (sqlite3_changes(im->st->db) > 0)
			continue;
		q = s[S_ADD_COVERAGE];
		bind_text(q, 1, a->id);
		bind_text(q, 2, m);
		bind_text(q, 3, p);
		sqlite3_bind_double(q, 4, a->coverages[i].strength);
		if ((rc = run(im, q, "storing a coverage")))
			return rc;
	}
	return store_touchpoints(im, a);
}

/* Touchpoints are kept across imports: add those not stored yet (the
 * occurrence number tells identical ones apart). */
static int store_touchpoints(importer *im, const relmap_account *a)
{
	sqlite3_stmt **s = im->s;
	unsigned *occ = NULL;
	int rc;

	if ((rc = occurrences(&occ, a)))
		goto out;
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		sqlite3_stmt *q = s[S_TOUCHPOINT];
		bind_text(q, 1, a->id);
		bind_text(q, 2, a->members[t->member].id);
		bind_text(q, 3, a->persons[t->person].id);
		bind_text(q, 4, relmap_channel_name(t->channel));
		sqlite3_bind_int(q, 5, t->date);
		bind_text(q, 6, relmap_sentiment_name(t->sentiment));
		sqlite3_bind_int64(q, 7, occ[i]);
		if ((rc = run(im, q, "storing a touchpoint")))
			goto out;
	}
out:
	free(occ);
	return rc;
}

int relmap_store_import_all(relmap_store *st,
			    const relmap_document *const *docs, size_t n,
			    relmap_diags *d)
{
	importer im = { st, d, { NULL } };
	int rc, begun = 0;

	if (st->readonly) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "the database is open read-only");
		return RELMAP_EUSAGE;
	}
	for (int k = 0; k < S_COUNT; k++) {
		int src = sqlite3_prepare_v2(st->db, import_sql[k], -1,
					     &im.s[k], NULL);
		if (src != SQLITE_OK) {
			rc = sql_fail(st, d, src, "preparing the import");
			goto out;
		}
	}
	/* IMMEDIATE takes the write lock now, so the import cannot fail
	 * half-way for want of it (a deferred upgrade can deadlock). */
	if ((rc = exec(st, d, "BEGIN IMMEDIATE", "starting the import")))
		goto out;
	begun = 1;
	/* Whole documents first, then edges files: an edges file's persons
	 * may come from a file given after it, and a whole account's import
	 * replaces its coverage. */
	for (int edges = 0; edges < 2; edges++)
		for (size_t i = 0; i < n; i++) {
			if (!docs[i]->edges_only != !edges)
				continue;
			for (size_t j = 0; j < docs[i]->n_accounts; j++)
				if ((rc = (edges ? import_edges : import_account)(
					     &im, docs[i], &docs[i]->accounts[j])))
					goto out;
		}
	rc = exec(st, d, "COMMIT", "committing the import");
	if (rc == 0)
		begun = 0;
out:
	if (begun)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	for (int k = 0; k < S_COUNT; k++)
		sqlite3_finalize(im.s[k]);
	return rc;
}

int relmap_store_import(relmap_store *st, const relmap_document *doc,
			relmap_diags *d)
{
	return relmap_store_import_all(st, &doc, 1, d);
}

/* ------------------------------------------------------------------ */
/* Load */

typedef struct loader {
	relmap_store *st;
	relmap_diags *d;
	relmap_document *doc;
} loader;

/* A copy of column `col` in the document's arena; NULL for SQL NULL.
 * *ok turns 0 when out of memory. */
static const char *col_text(loader *l, sqlite3_stmt *s, int col, int *ok)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	if (!v)
		return NULL;
	char *c = arena_strndup(document_arena(l->doc), (const char *)v,
				(size_t)sqlite3_column_bytes(s, col));
	if (!c)
		*ok = 0;
	return c;
}

static int prepare(loader *l, sqlite3_stmt **s, const char *sql,
		   const char *account)
{
	int rc = sqlite3_prepare_v2(l->st->db, sql, -1, s, NULL);
	if (rc != SQLITE_OK)
		return sql_fail(l->st, l->d, rc, "reading the database");
	if (account)
		sqlite3_bind_text(*s, 1, account, -1, SQLITE_STATIC);
	return 0;
}

/* Step `s`: 1 for a row, 0 at the end, or a negative code. */
static int step(loader *l, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sql_fail(l->st, l->d, rc, "reading the database");
}

/* An index column of a join: must be a row of the account. */
static int index_col(sqlite3_stmt *s, int col, size_t n, int32_t *out)
{
	sqlite3_int64 v = sqlite3_column_int64(s, col);
	if (sqlite3_column_type(s, col) == SQLITE_NULL || v < 0 ||
	    (size_t)v >= n)
		return -1;
	*out = (int32_t)v;
	return 0;
}

static int load_members(loader *l, relmap_account *a)
{
	sqlite3_stmt *s = NULL;
	int rc, ok = 1;
	if ((rc = prepare(l, &s, "SELECT id, name, role, ordinal FROM member"
			  " WHERE account = ?1 ORDER BY ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_member *m = document_add_member(l->doc, a);
		if (!m) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		m->id = col_text(l, s, 0, &ok);
		m->name = col_text(l, s, 1, &ok);
		const char *role = (const char *)sqlite3_column_text(s, 2);
		if (role && relmap_member_role_parse(&m->role, role) != 0) {
			rc = corrupt(l->st, l->d, "unknown member role");
			goto out;
		}
		if (sqlite3_column_int64(s, 3) != (sqlite3_int64)a->n_members - 1) {
			rc = corrupt(l->st, l->d, "member order has gaps");
			goto out;
		}
		if (!ok) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
	}
out:
	sqlite3_finalize(s);
	return rc;
}

static int load_persons(loader *l, relmap_account *a)
{
	sqlite3_stmt *s = NULL;
	int rc, ok = 1;
	if ((rc = prepare(l, &s,
			  "SELECT p.id, p.name, p.title, p.department, p.email,"
			  " p.url, p.reports_to, p.role, p.attitude, p.influence,"
			  " p.ordinal, m.ordinal FROM person p LEFT JOIN person m"
			  " ON m.account = p.account AND m.id = p.reports_to"
			  " WHERE p.account = ?1 ORDER BY p.ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_person *p = document_add_person(l->doc, a);
		if (!p) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		p->id = col_text(l, s, 0, &ok);
		p->name = col_text(l, s, 1, &ok);
		p->title = col_text(l, s, 2, &ok);
		p->department = col_text(l, s, 3, &ok);
		p->email = col_text(l, s, 4, &ok);
		p->url = col_text(l, s, 5, &ok);
		p->reports_to = col_text(l, s, 6, &ok);
		p->influence = sqlite3_column_double(s, 9);
		p->manager = sqlite3_column_type(s, 11) == SQLITE_NULL
				     ? -1 : (int32_t)sqlite3_column_int64(s, 11);
		if (relmap_role_parse(&p->role,
				      (const char *)sqlite3_column_text(s, 7)) ||
		    relmap_attitude_parse(&p->attitude,
				(const char *)sqlite3_column_text(s, 8))) {
			rc = corrupt(l->st, l->d, "unknown role or attitude");
			goto out;
		}
		if (sqlite3_column_int64(s, 10) != (sqlite3_int64)a->n_persons - 1) {
			rc = corrupt(l->st, l->d, "person order has gaps");
			goto out;
		}
		if (!ok) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
	}
	if (rc)
		goto out;
	for (size_t i = 0; i < a->n_persons; i++)
		if (a->persons[i].manager >= (int32_t)a->n_persons) {
			rc = corrupt(l->st, l->d, "manager out of range");
			goto out;
		}
out:
	sqlite3_finalize(s);
	return rc;
}

/* Edges join their ids to the ordinals (= indices) of this account. */
static int load_edges(loader *l, relmap_account *a)
{
	sqlite3_stmt *s = NULL;
	size_t np = a->n_persons, nm = a->n_members;
	int rc;

	if ((rc = prepare(l, &s,
			  "SELECT f.ordinal, t.ordinal FROM dotted_line e"
			  " JOIN person f ON f.account = e.account AND f.id = e.from_id"
			  " JOIN person t ON t.account = e.account AND t.id = e.to_id"
			  " WHERE e.account = ?1 ORDER BY e.ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_dotted_line *e = document_add_dotted_line(l->doc, a);
		if (!e) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		if (index_col(s, 0, np, &e->from) || index_col(s, 1, np, &e->to))
			goto bad;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc || (rc = prepare(l, &s,
			  "SELECT f.ordinal, t.ordinal, e.weight FROM influence e"
			  " JOIN person f ON f.account = e.account AND f.id = e.from_id"
			  " JOIN person t ON t.account = e.account AND t.id = e.to_id"
			  " WHERE e.account = ?1 ORDER BY e.ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_influence *e = document_add_influence(l->doc, a);
		if (!e) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		if (index_col(s, 0, np, &e->from) || index_col(s, 1, np, &e->to))
			goto bad;
		e->weight = sqlite3_column_double(s, 2);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc || (rc = prepare(l, &s,
			  "SELECT m.ordinal, p.ordinal, e.strength FROM coverage e"
			  " JOIN member m ON m.account = e.account AND m.id = e.member_id"
			  " JOIN person p ON p.account = e.account AND p.id = e.person_id"
			  " WHERE e.account = ?1 ORDER BY e.ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_coverage *e = document_add_coverage(l->doc, a);
		if (!e) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		if (index_col(s, 0, nm, &e->member) ||
		    index_col(s, 1, np, &e->person))
			goto bad;
		e->strength = sqlite3_column_double(s, 2);
	}
	sqlite3_finalize(s);
	s = NULL;
	/* Touchpoints of people no longer in the account stay in the
	 * history but have no one to attach to: the inner joins drop them. */
	if (rc || (rc = prepare(l, &s,
			  "SELECT m.ordinal, p.ordinal, e.channel, e.date,"
			  " e.sentiment FROM touchpoint e"
			  " JOIN member m ON m.account = e.account AND m.id = e.member_id"
			  " JOIN person p ON p.account = e.account AND p.id = e.person_id"
			  " WHERE e.account = ?1 ORDER BY e.ordinal", a->id)))
		goto out;
	while ((rc = step(l, s)) == 1) {
		relmap_touchpoint *t = document_add_touchpoint(l->doc, a);
		if (!t) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		if (index_col(s, 0, nm, &t->member) ||
		    index_col(s, 1, np, &t->person) ||
		    relmap_channel_parse(&t->channel,
				(const char *)sqlite3_column_text(s, 2)) ||
		    relmap_sentiment_parse(&t->sentiment,
				(const char *)sqlite3_column_text(s, 4)))
			goto bad;
		t->date = (int32_t)sqlite3_column_int64(s, 3);
	}
	goto out;
bad:
	rc = corrupt(l->st, l->d, "an edge with a bad value");
out:
	sqlite3_finalize(s);
	return rc;
}

int relmap_store_load(relmap_document **out, relmap_store *st,
		      const char *account_id, relmap_diags *d)
{
	loader l = { st, d, NULL };
	sqlite3_stmt *s = NULL;
	int rc, ok = 1;

	*out = NULL;
	if (!(l.doc = document_new(st->path)))
		return RELMAP_ENOMEM;
	/* One read transaction: the accounts and their rows are one
	 * snapshot even while an import commits. */
	if ((rc = exec(st, d, "BEGIN", "starting to read")))
		goto out;
	if ((rc = prepare(&l, &s,
			  account_id
				  ? "SELECT id, name, industry, segment, url, stage,"
				    " value, as_of FROM account WHERE id = ?1"
				  : "SELECT id, name, industry, segment, url, stage,"
				    " value, as_of FROM account ORDER BY ordinal",
			  account_id)))
		goto out;
	while ((rc = step(&l, s)) == 1) {
		relmap_account *a = document_add_account(l.doc);
		if (!a) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		a->id = col_text(&l, s, 0, &ok);
		a->name = col_text(&l, s, 1, &ok);
		a->industry = col_text(&l, s, 2, &ok);
		a->segment = col_text(&l, s, 3, &ok);
		a->url = col_text(&l, s, 4, &ok);
		const char *stage = (const char *)sqlite3_column_text(s, 5);
		if (stage && relmap_stage_parse(&a->stage, stage) != 0) {
			rc = corrupt(st, d, "unknown account stage");
			goto out;
		}
		if (sqlite3_column_type(s, 6) != SQLITE_NULL) {
			a->has_value = 1;
			a->value = sqlite3_column_double(s, 6);
		}
		if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
			int32_t as_of = (int32_t)sqlite3_column_int64(s, 7);
			if (!l.doc->has_as_of || as_of > l.doc->as_of)
				l.doc->as_of = as_of;
			l.doc->has_as_of = 1;
		}
		if (!ok) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
	}
	if (rc)
		goto out;
	if (account_id && l.doc->n_accounts == 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "no account '%s' in the database", account_id);
		rc = RELMAP_EDATA;
		goto out;
	}
	for (size_t i = 0; i < l.doc->n_accounts; i++) {
		relmap_account *a = &l.doc->accounts[i];
		if ((rc = load_members(&l, a)) || (rc = load_persons(&l, a)) ||
		    (rc = load_edges(&l, a)))
			goto out;
	}
	*out = l.doc;
	l.doc = NULL;
out:
	sqlite3_finalize(s);
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	relmap_document_free(l.doc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* List */

void relmap_store_list_free(relmap_store_account *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].id);
		free(list[i].name);
	}
	free(list);
}

int relmap_store_list(relmap_store_account **out, size_t *n,
		      relmap_store *st, relmap_diags *d)
{
	loader l = { st, d, NULL };
	sqlite3_stmt *s = NULL;
	relmap_store_account *list = NULL;
	size_t count = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = prepare(&l, &s,
			  "SELECT a.id, a.name, a.as_of, (SELECT count(*) FROM"
			  " person p WHERE p.account = a.id) FROM account a"
			  " ORDER BY a.ordinal", NULL)))
		goto out;
	while ((rc = step(&l, s)) == 1) {
		if (count == cap) {
			size_t nc = cap ? cap * 2 : 16;
			relmap_store_account *g =
				realloc(list, nc * sizeof(*list));
			if (!g) {
				rc = RELMAP_ENOMEM;
				goto out;
			}
			list = g;
			cap = nc;
		}
		relmap_store_account *r = &list[count++];
		memset(r, 0, sizeof(*r));
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		if (!id || !(r->id = strdup(id)) ||
		    (name && !(r->name = strdup(name)))) {
			rc = id ? RELMAP_ENOMEM
				: corrupt(st, d, "an account without id");
			goto out;
		}
		r->has_as_of = sqlite3_column_type(s, 2) != SQLITE_NULL;
		r->as_of = (int)sqlite3_column_int64(s, 2);
		r->n_persons = (size_t)sqlite3_column_int64(s, 3);
	}
	if (rc)
		goto out;
	*out = list;
	*n = count;
	list = NULL;
	count = 0;
out:
	sqlite3_finalize(s);
	relmap_store_list_free(list, count);
	return rc;
}
