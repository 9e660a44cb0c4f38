/*
 * load_sql.c - persons straight from another program's SQLite database:
 * the rows of one SELECT (or of one table) go through the CSV loader as
 * a CSV file's rows would, the result's column names as the header, so
 * columns are recognised, persons built and references resolved alike
 * (see relmap/load.h, docs/csv.md "SQL sources").
 *
 * The database is the other program's: it is opened read-only, and the
 * statement must be one SELECT (or WITH ... SELECT) that SQLite itself
 * says does not write (sqlite3_stmt_readonly) and that its authorizer
 * lets read and call functions only.  No other file is opened: ATTACH is
 * not a SELECT, and DEFENSIVE mode is on.
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/load.h"

#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "csv_internal.h"
#include "lazy_sqlite.h"


typedef struct query {
	sqlite3_stmt *stmt;
	const char *path;
	relmap_diags *diags;
} query;

/* Reading and calling functions only: no writes, no pragmas, no ATTACH. */
static int authorize(void *ud, int action, const char *a, const char *b,
		     const char *c, const char *d)
{
	(void)ud, (void)a, (void)b, (void)c, (void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

/* The first word of `sql`, past blanks and comments, is SELECT or WITH. */
static int starts_with_select(const char *s)
{
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		       *s == '(')
			s++;
		if (s[0] == '-' && s[1] == '-') {
			s = strchr(s, '\n');
			if (!s)
				return 0;
		} else if (s[0] == '/' && s[1] == '*') {
			s = strstr(s + 2, "*/");
			if (!s)
				return 0;
			s += 2;
		} else {
			break;
		}
	}
	size_t n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
		n++;
	return (n == 6 && strncasecmp(s, "select", 6) == 0) ||
	       (n == 4 && strncasecmp(s, "with", 4) == 0);
}

static int produce(csv_loader *L, void *ud)
{
	query *q = ud;
	int n = sqlite3_column_count(q->stmt);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(q->stmt, i);
		csv_loader_field(L, name ? name : "", name ? strlen(name) : 0);
	}
	if (csv_loader_row(L, 0))
		return 0;
	for (int row = 1;; row++) {
		int rc = sqlite3_step(q->stmt);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW) {
			sqlite3 *db = sqlite3_db_handle(q->stmt);
			relmap_diags_add(q->diags, RELMAP_SEVERITY_ERROR, q->path,
					 row, 0, "reading the database: %s",
					 sqlite3_errmsg(db));
			return rc == SQLITE_NOMEM ? RELMAP_ENOMEM : RELMAP_EDATA;
		}
		for (int i = 0; i < n; i++) {
			/* A column no field uses (a photo BLOB, long notes)
			 * is not read: it cannot fail the load. */
			if (!csv_loader_uses(L, (size_t)i)) {
				csv_loader_field(L, "", 0);
				continue;
			}
			const unsigned char *v = sqlite3_column_text(q->stmt, i);
			int len = sqlite3_column_bytes(q->stmt, i);
			csv_loader_field(L, v ? (const char *)v : "",
					 v ? (size_t)len : 0);
		}
		if (csv_loader_row(L, row))
			return 0;
	}
}

int relmap_document_load_sql(relmap_document **out, const char *path,
			     const char *sql, const char *table,
			     const relmap_csv_options *opts,
			     relmap_diags *diags)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char *own = NULL;
	const char *tail = NULL;
	int rc = 0;
	struct stat st;

	*out = NULL;
	if (!path || !diags || (!sql == !table))
		return RELMAP_EUSAGE;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot open: no such database file");
		return RELMAP_ENOENT;
	}
	const char *why = "";
	if (!sq && !(sq = lazy_sqlite_get(&why))) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot load SQLite: %s", why);
		return RELMAP_EINTERNAL;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot open the database: %s",
				 db ? sqlite3_errmsg(db) : "out of memory");
		rc = RELMAP_ENOENT;
		goto out;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_busy_timeout(db, 5000);
	if (table) {
		own = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
		if (!own) {
			rc = RELMAP_ENOMEM;
			goto out;
		}
		sql = own;
	}
	if (!starts_with_select(sql)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "only a SELECT statement is read: '%.60s'",
				 sql);
		rc = RELMAP_EUSAGE;
		goto out;
	}
	sqlite3_set_authorizer(db, authorize, NULL);
	int prc = sqlite3_prepare_v2(db, sql, -1, &stmt, &tail);
	if (prc != SQLITE_OK || !stmt) {
		int code = sqlite3_errcode(db);
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "%s: %s", table ? "reading the table" : "the query",
				 stmt || prc != SQLITE_OK ? sqlite3_errmsg(db)
							  : "empty");
		/* A database that is not one, or is damaged, is bad data; a
		 * query SQLite refuses is a usage error. */
		rc = code == SQLITE_NOTADB || code == SQLITE_CORRUPT
			     ? RELMAP_EDATA
		     : code == SQLITE_NOMEM ? RELMAP_ENOMEM
					   : RELMAP_EUSAGE;
		goto out;
	}
	/* One statement: whatever follows must prepare to nothing. */
	if (tail && *tail) {
		sqlite3_stmt *next = NULL;
		int trc = sqlite3_prepare_v2(db, tail, -1, &next, NULL);
		sqlite3_finalize(next);
		if (trc != SQLITE_OK || next) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0,
					 0, "one SELECT statement only: "
					    "'%.60s' follows it",
					 tail);
			rc = RELMAP_EUSAGE;
			goto out;
		}
	}
	if (!sqlite3_stmt_readonly(stmt) || sqlite3_column_count(stmt) == 0) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "only a SELECT statement is read");
		rc = RELMAP_EUSAGE;
		goto out;
	}
	query q = { stmt, path, diags };
	rc = csv_load_rows(out, path, opts, produce, &q, diags);
out:
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	sqlite3_free(own);
	return rc;
}
