/*
 * store.c - the store: open and migrate, import, load, list, in SQL that
 * SQLite and PostgreSQL agree on; the back end (store_sqlite.c,
 * store_pg.c) runs it.  `--db` names a PostgreSQL database by a libpq
 * URI (postgresql:// or postgres://); anything else is a SQLite file.
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "store_internal.h"

static int corrupt(relmap_store *st, relmap_diags *d, const char *what)
{
	relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
			 "the database is corrupt: %s", what);
	return RELMAP_EDATA;
}

static int exec(relmap_store *st, relmap_diags *d, const char *sql,
		const char *what)
{
	return st->be->exec(st, d, sql, what);
}

/* Bring the schema to RELMAP_STORE_VERSION, in one transaction so that
 * a killed migration leaves the old schema. */
static int migrate(relmap_store *st, relmap_diags *d)
{
	int64_t v, tables;
	int rc, ours;

	if ((rc = exec(st, d, st->be->begin_write, "starting the migration")))
		return rc;
	/* Another writer may have migrated while we waited for the lock. */
	if ((rc = st->be->marker(st, d, &v, &ours, &tables)))
		goto fail;
	for (; v < RELMAP_STORE_VERSION; v++)
		if ((rc = exec(st, d, st->be->migrations[v],
			       "creating the schema")))
			goto fail;
	if ((rc = st->be->set_marker(st, d)))
		goto fail;
	if ((rc = exec(st, d, "COMMIT", "committing the migration")))
		goto fail;
	return 0;
fail:
	exec(st, d, "ROLLBACK", NULL);
	return rc;
}

/* Tell a relmap store from other databases, versions and an empty one. */
static int check_schema(relmap_store *st, relmap_diags *d)
{
	int64_t version, tables;
	int rc, ours;

	if ((rc = st->be->marker(st, d, &version, &ours, &tables)))
		return rc;
	if (version == 0 && tables == 0) {
		if (st->readonly) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0,
					 0, "not a relmap database (it is empty)");
			return RELMAP_EDATA;
		}
		if (st->be->on_create &&
		    (rc = exec(st, d, st->be->on_create,
			       "switching to WAL mode")))
			return rc;
		return migrate(st, d);
	}
	if (!ours || version <= 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "not a relmap database (%s)", st->be->foreign);
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

static int is_postgresql(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 ||
	       strncmp(where, "postgres://", 11) == 0;
}

int relmap_store_open(relmap_store **out, const char *path, int flags,
		      relmap_diags *d)
{
	relmap_store *st = NULL;
	int rc = RELMAP_ENOMEM;

	*out = NULL;
	if (!(st = calloc(1, sizeof(*st))))
		goto out;
	st->be = is_postgresql(path) ? &store_pg_backend
				     : &store_sqlite_backend;
	st->readonly = (flags & RELMAP_STORE_READONLY) != 0;
	if ((rc = st->be->open(st, path, flags, d)) ||
	    (rc = check_schema(st, d)))
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
	if (st->conn)
		st->be->close(st);
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
	const store_backend *be;
	relmap_diags *d;
	store_stmt *s[S_COUNT];
} importer;

/* Run a bound statement to completion and reset it. */
static int run(importer *im, store_stmt *s, const char *what)
{
	int rc = im->be->step(im->st, s, im->d, what);
	im->be->reset(s);
	return rc;
}

/* The same for a statement nothing waits for: the back end may batch it
 * (PostgreSQL sends many in one round trip). */
static int put(importer *im, store_stmt *s, const char *what)
{
	if (!im->be->send)
		return run(im, s, what);
	return im->be->send(im->st, s, im->d, what);
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
	store_stmt **s = im->s;
	const store_backend *be = im->be;
	int rc;

	if ((rc = check_account(im, doc, a)))
		return rc;
	be->bind_text(s[S_ACCOUNT], 1, a->id);
	be->bind_text(s[S_ACCOUNT], 2, a->name);
	be->bind_text(s[S_ACCOUNT], 3, a->industry);
	be->bind_text(s[S_ACCOUNT], 4, a->segment);
	be->bind_text(s[S_ACCOUNT], 5, a->url);
	be->bind_text(s[S_ACCOUNT], 6, relmap_stage_name(a->stage));
	if (a->has_value)
		be->bind_double(s[S_ACCOUNT], 7, a->value);
	if (doc->has_as_of)
		be->bind_int(s[S_ACCOUNT], 8, doc->as_of);
	if ((rc = put(im, s[S_ACCOUNT], "storing an account")))
		goto out;
	for (int k = S_DEL_MEMBER; k <= S_DEL_COVERAGE; k++) {
		be->bind_text(s[k], 1, a->id);
		if ((rc = put(im, s[k], "replacing an account")))
			goto out;
	}
	for (size_t i = 0; i < a->n_members; i++) {
		const relmap_member *m = &a->members[i];
		store_stmt *q = s[S_MEMBER];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, m->id);
		be->bind_int(q, 3, (int64_t)i);
		be->bind_text(q, 4, m->name);
		be->bind_text(q, 5, relmap_member_role_name(m->role));
		if ((rc = put(im, q, "storing a team member")))
			goto out;
	}
	for (size_t i = 0; i < a->n_persons; i++) {
		const relmap_person *p = &a->persons[i];
		store_stmt *q = s[S_PERSON];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, p->id);
		be->bind_int(q, 3, (int64_t)i);
		be->bind_text(q, 4, p->name);
		be->bind_text(q, 5, p->title);
		be->bind_text(q, 6, p->department);
		be->bind_text(q, 7, p->email);
		be->bind_text(q, 8, p->url);
		be->bind_text(q, 9, p->manager >= 0 ? a->persons[p->manager].id
						: p->reports_to);
		be->bind_text(q, 10, relmap_role_name(p->role));
		be->bind_text(q, 11, relmap_attitude_name(p->attitude));
		be->bind_double(q, 12, p->influence);
		if ((rc = put(im, q, "storing a person")))
			goto out;
	}
	for (size_t i = 0; i < a->n_dotted_lines; i++) {
		store_stmt *q = s[S_DOTTED];
		be->bind_text(q, 1, a->id);
		be->bind_int(q, 2, (int64_t)i);
		be->bind_text(q, 3, a->persons[a->dotted_lines[i].from].id);
		be->bind_text(q, 4, a->persons[a->dotted_lines[i].to].id);
		if ((rc = put(im, q, "storing a dotted line")))
			goto out;
	}
	for (size_t i = 0; i < a->n_influences; i++) {
		store_stmt *q = s[S_INFLUENCE];
		be->bind_text(q, 1, a->id);
		be->bind_int(q, 2, (int64_t)i);
		be->bind_text(q, 3, a->persons[a->influences[i].from].id);
		be->bind_text(q, 4, a->persons[a->influences[i].to].id);
		be->bind_double(q, 5, a->influences[i].weight);
		if ((rc = put(im, q, "storing an influence")))
			goto out;
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		store_stmt *q = s[S_COVERAGE];
		be->bind_text(q, 1, a->id);
		be->bind_int(q, 2, (int64_t)i);
		be->bind_text(q, 3, a->members[a->coverages[i].member].id);
		be->bind_text(q, 4, a->persons[a->coverages[i].person].id);
		be->bind_double(q, 5, a->coverages[i].strength);
		if ((rc = put(im, q, "storing a coverage")))
			goto out;
	}
	rc = store_touchpoints(im, a);
out:
	return rc;
}

/* Whether the bound one-row query finds a row (*found 1 or 0): 0, or a
 * RELMAP_E* code (reported). */
static int exists(importer *im, store_stmt *q, int *found)
{
	int rc = im->be->step(im->st, q, im->d, "looking up a stored record");
	im->be->reset(q);
	*found = rc == 1;
	return rc == 1 ? 0 : rc;
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
	store_stmt **s = im->s;
	const store_backend *be = im->be;
	int rc, found;

	if ((rc = check_account(im, doc, a)))
		return rc;
	be->bind_text(s[S_HAS_ACCOUNT], 1, a->id);
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
		be->bind_text(s[S_HAS_PERSON], 1, a->id);
		be->bind_text(s[S_HAS_PERSON], 2, p->id);
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
		store_stmt *q = s[S_ADD_MEMBER];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, a->members[i].id);
		be->bind_text(q, 3, a->members[i].name);
		/* The loader names a member by its id when the file gives
		 * no member-name: only a real name renames a stored one. */
		be->bind_int(q, 4, strcmp(a->members[i].name,
					      a->members[i].id) != 0);
		if ((rc = put(im, q, "storing a team member")))
			return rc;
	}
	for (size_t i = 0; i < a->n_coverages; i++) {
		const char *m = a->members[a->coverages[i].member].id;
		const char *p = a->persons[a->coverages[i].person].id;
		/* Updated in place, so that its position (ordinal) and
		 * with it the export stay as they were. */
		store_stmt *q = s[S_SET_PAIR];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, m);
		be->bind_text(q, 3, p);
		be->bind_double(q, 4, a->coverages[i].strength);
		if ((rc = run(im, q, "replacing a coverage")))
			return rc;
		if (im->be->changes(im->st, q) > 0)
			continue;
		q = s[S_ADD_COVERAGE];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, m);
		be->bind_text(q, 3, p);
		be->bind_double(q, 4, a->coverages[i].strength);
		if ((rc = put(im, q, "storing a coverage")))
			return rc;
	}
	return store_touchpoints(im, a);
}

/* Touchpoints are kept across imports: add those not stored yet (the
 * occurrence number tells identical ones apart). */
static int store_touchpoints(importer *im, const relmap_account *a)
{
	store_stmt **s = im->s;
	const store_backend *be = im->be;
	unsigned *occ = NULL;
	int rc;

	if ((rc = occurrences(&occ, a)))
		goto out;
	for (size_t i = 0; i < a->n_touchpoints; i++) {
		const relmap_touchpoint *t = &a->touchpoints[i];
		store_stmt *q = s[S_TOUCHPOINT];
		be->bind_text(q, 1, a->id);
		be->bind_text(q, 2, a->members[t->member].id);
		be->bind_text(q, 3, a->persons[t->person].id);
		be->bind_text(q, 4, relmap_channel_name(t->channel));
		be->bind_int(q, 5, t->date);
		be->bind_text(q, 6, relmap_sentiment_name(t->sentiment));
		be->bind_int(q, 7, occ[i]);
		if ((rc = put(im, q, "storing a touchpoint")))
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
	importer im = { st, st->be, d, { NULL } };
	int rc, begun = 0;

	if (st->readonly) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "the database is open read-only");
		return RELMAP_EUSAGE;
	}
	for (int k = 0; k < S_COUNT; k++)
		if ((rc = st->be->prepare(st, d, &im.s[k], import_sql[k],
					  "preparing the import")))
			goto out;
	/* The write lock is taken now, so the import cannot fail half-way
	 * for want of it, and two imports run one after the other. */
	if ((rc = exec(st, d, st->be->begin_write, "starting the import")))
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
		exec(st, d, "ROLLBACK", NULL);
	for (int k = 0; k < S_COUNT; k++)
		if (im.s[k])
			st->be->finalize(im.s[k]);
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
	const store_backend *be;
	relmap_diags *d;
	relmap_document *doc;
} loader;

/* A copy of column `col` in the document's arena; NULL for SQL NULL.
 * *ok turns 0 when out of memory. */
static const char *col_text(loader *l, store_stmt *s, int col, int *ok)
{
	size_t len;
	const char *v = l->be->text(s, col, &len);
	if (!v)
		return NULL;
	char *c = arena_strndup(document_arena(l->doc), v, len);
	if (!c)
		*ok = 0;
	return c;
}

static int prepare(loader *l, store_stmt **s, const char *sql,
		   const char *account)
{
	int rc = l->be->prepare(l->st, l->d, s, sql, "reading the database");
	if (rc == 0 && account)
		l->be->bind_text(*s, 1, account);
	return rc;
}

/* Step `s`: 1 for a row, 0 at the end, or a negative code. */
static int step(loader *l, store_stmt *s)
{
	return l->be->step(l->st, s, l->d, "reading the database");
}

static void finalize(loader *l, store_stmt *s)
{
	if (s)
		l->be->finalize(s);
}

/* An index column of a join: must be a row of the account. */
static int index_col(loader *l, store_stmt *s, int col, size_t n,
		     int32_t *out)
{
	int64_t v = l->be->int64(s, col);
	if (l->be->is_null(s, col) || v < 0 ||
	    (size_t)v >= n)
		return -1;
	*out = (int32_t)v;
	return 0;
}

static int load_members(loader *l, relmap_account *a)
{
	store_stmt *s = NULL;
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
		const char *role = l->be->text(s, 2, NULL);
		if (role && relmap_member_role_parse(&m->role, role) != 0) {
			rc = corrupt(l->st, l->d, "unknown member role");
			goto out;
		}
		if (l->be->int64(s, 3) != (int64_t)a->n_members - 1) {
			rc = corrupt(l->st, l->d, "member order has gaps");
			goto out;
		}
		if (!ok) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
	}
out:
	finalize(l, s);
	return rc;
}

static int load_persons(loader *l, relmap_account *a)
{
	store_stmt *s = NULL;
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
		p->influence = l->be->real(s, 9);
		p->manager = l->be->is_null(s, 11)
				     ? -1 : (int32_t)l->be->int64(s, 11);
		if (relmap_role_parse(&p->role,
				      l->be->text(s, 7, NULL)) ||
		    relmap_attitude_parse(&p->attitude,
				l->be->text(s, 8, NULL))) {
			rc = corrupt(l->st, l->d, "unknown role or attitude");
			goto out;
		}
		if (l->be->int64(s, 10) != (int64_t)a->n_persons - 1) {
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
	finalize(l, s);
	return rc;
}

/* Edges join their ids to the ordinals (= indices) of this account. */
static int load_edges(loader *l, relmap_account *a)
{
	store_stmt *s = NULL;
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
		if (index_col(l, s, 0, np, &e->from) || index_col(l, s, 1, np, &e->to))
			goto bad;
	}
	finalize(l, s);
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
		if (index_col(l, s, 0, np, &e->from) || index_col(l, s, 1, np, &e->to))
			goto bad;
		e->weight = l->be->real(s, 2);
	}
	finalize(l, s);
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
		if (index_col(l, s, 0, nm, &e->member) ||
		    index_col(l, s, 1, np, &e->person))
			goto bad;
		e->strength = l->be->real(s, 2);
	}
	finalize(l, s);
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
		if (index_col(l, s, 0, nm, &t->member) ||
		    index_col(l, s, 1, np, &t->person) ||
		    relmap_channel_parse(&t->channel,
				l->be->text(s, 2, NULL)) ||
		    relmap_sentiment_parse(&t->sentiment,
				l->be->text(s, 4, NULL)))
			goto bad;
		t->date = (int32_t)l->be->int64(s, 3);
	}
	goto out;
bad:
	rc = corrupt(l->st, l->d, "an edge with a bad value");
out:
	finalize(l, s);
	return rc;
}

int relmap_store_load(relmap_document **out, relmap_store *st,
		      const char *account_id, relmap_diags *d)
{
	loader l = { st, st->be, d, NULL };
	store_stmt *s = NULL;
	int rc, ok = 1;

	*out = NULL;
	if (!(l.doc = document_new(st->path)))
		return RELMAP_ENOMEM;
	/* One read transaction: the accounts and their rows are one
	 * snapshot even while an import commits. */
	if ((rc = exec(st, d, st->be->begin_read, "starting to read")))
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
		const char *stage = l.be->text(s, 5, NULL);
		if (stage && relmap_stage_parse(&a->stage, stage) != 0) {
			rc = corrupt(st, d, "unknown account stage");
			goto out;
		}
		if (!l.be->is_null(s, 6)) {
			a->has_value = 1;
			a->value = l.be->real(s, 6);
		}
		if (!l.be->is_null(s, 7)) {
			int32_t as_of = (int32_t)l.be->int64(s, 7);
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
	finalize(&l, s);
	exec(st, d, "COMMIT", NULL);
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
	loader l = { st, st->be, d, NULL };
	store_stmt *s = NULL;
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
		const char *id = l.be->text(s, 0, NULL);
		const char *name = l.be->text(s, 1, NULL);
		if (!id || !(r->id = strdup(id)) ||
		    (name && !(r->name = strdup(name)))) {
			rc = id ? RELMAP_ENOMEM
				: corrupt(st, d, "an account without id");
			goto out;
		}
		r->has_as_of = !l.be->is_null(s, 2);
		r->as_of = (int)l.be->int64(s, 2);
		r->n_persons = (size_t)l.be->int64(s, 3);
	}
	if (rc)
		goto out;
	*out = list;
	*n = count;
	list = NULL;
	count = 0;
out:
	finalize(&l, s);
	relmap_store_list_free(list, count);
	return rc;
}
