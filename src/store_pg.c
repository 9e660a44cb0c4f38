/*
 * store_pg.c - the store's PostgreSQL back end, through libpq
 * (store_internal.h; docs/store.md, "PostgreSQL").
 *
 * `--db` is a libpq connection URI (postgresql://user@host/db?...).  The
 * store is relmap's tables in the connection's current schema, marked by
 * the rows ('format', 'relmap') and ('version', N) of relmap_meta, since
 * PostgreSQL has no PRAGMA user_version.  Statements go with
 * PQexecParams, their data in parameters as text; the SQL text is always
 * a constant.  Messages name the database by its URI without a password.
 */
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "lazylib.h"

/* libpq is loaded when the first PostgreSQL store is opened (lazylib.h);
 * every call below goes through these pointers. */
static const lazy_pq *pq;
#define PQclear (pq->PQclear)
#define PQcmdTuples (pq->PQcmdTuples)
#define PQconnectdbParams (pq->PQconnectdbParams)
#define PQenterPipelineMode (pq->PQenterPipelineMode)
#define PQerrorMessage (pq->PQerrorMessage)
#define PQexec (pq->PQexec)
#define PQexecParams (pq->PQexecParams)
#define PQexitPipelineMode (pq->PQexitPipelineMode)
#define PQfinish (pq->PQfinish)
#define PQgetResult (pq->PQgetResult)
#define PQgetisnull (pq->PQgetisnull)
#define PQgetlength (pq->PQgetlength)
#define PQgetvalue (pq->PQgetvalue)
#define PQntuples (pq->PQntuples)
#define PQpipelineSync (pq->PQpipelineSync)
#define PQresultErrorField (pq->PQresultErrorField)
#define PQresultStatus (pq->PQresultStatus)
#define PQsendPrepare (pq->PQsendPrepare)
#define PQsendQueryPrepared (pq->PQsendQueryPrepared)
#define PQsetNoticeProcessor (pq->PQsetNoticeProcessor)
#define PQstatus (pq->PQstatus)


/* Statements sent in one round trip at the most (pipeline mode): their
 * short replies fit the socket buffers, so sending never waits for a
 * server that waits for us to read. */
#define BATCH 1000

typedef struct pg_conn {
	PGconn *c;
	int pending;              /* sent, replies not read yet */
	unsigned prepared;        /* statements named so far */
	const char *what[BATCH];  /* what each was doing, for messages */
} pg_conn;

#define PG(st) ((pg_conn *)(st)->conn)
#define CONN(st) (PG(st)->c)

/* More than any statement of store.c binds. */
#define MAX_PARAMS 16

struct store_stmt {
	char *sql;                   /* ?N turned into $N */
	int n_params;
	const char *val[MAX_PARAMS]; /* NULL: SQL NULL */
	char num[MAX_PARAMS][32];    /* numbers bound, as text */
	PGresult *res;               /* NULL until stepped */
	int row, n_rows;
	int64_t changes;
	char name[24];               /* prepared for send, or "" */
};

/* One writer at a time, as SQLite's write lock: imports and migrations
 * take this transaction-level advisory lock ('RMAP'), readers never do.
 * lock_timeout (5 s, as SQLite's busy timeout) bounds the wait. */
#define BEGIN_WRITE "BEGIN; SELECT pg_advisory_xact_lock(1380794704)"

/* libpq's message, on one line: it ends in a newline and may go on
 * with tab-indented hints. */
static void one_line(char *dst, size_t size, const char *msg)
{
	size_t n = 0;
	for (; msg && *msg && n + 1 < size; msg++) {
		if (*msg == '\n' || *msg == '\t' || *msg == '\r') {
			if (n && dst[n - 1] != ' ')
				dst[n++] = ' ';
			continue;
		}
		dst[n++] = *msg;
	}
	while (n && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

/* Report a failed statement (`res` may be NULL) while doing `what`. */
static int pg_fail(relmap_store *st, relmap_diags *d, const PGresult *res,
		   const char *what)
{
	char msg[512];
	const char *primary =
		res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	one_line(msg, sizeof(msg), primary ? primary : PQerrorMessage(CONN(st)));
	if (what)
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "%s failed: %s", what, msg);
	return RELMAP_EIO;
}

static int ok_status(const PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/*
 * Read the replies of the statements sent (in pipeline mode) and leave
 * pipeline mode: 0, or the first failure reported with what that
 * statement was doing (the ones after it were skipped by the server).
 */
static int drain(relmap_store *st, relmap_diags *d)
{
	pg_conn *p = PG(st);
	PGresult *res;
	int rc = 0;

	if (!p->pending)
		return 0;
	if (!PQpipelineSync(p->c))
		rc = pg_fail(st, d, NULL, p->what[0]);
	else {
		for (int k = 0; k < p->pending; k++)
			while ((res = PQgetResult(p->c))) {
				ExecStatusType t = PQresultStatus(res);
				if (rc == 0 && t != PGRES_COMMAND_OK &&
				    t != PGRES_TUPLES_OK)
					rc = pg_fail(st, d, res, p->what[k]);
				PQclear(res);
			}
		res = PQgetResult(p->c);
		if (rc == 0 && PQresultStatus(res) != PGRES_PIPELINE_SYNC)
			rc = pg_fail(st, d, res, p->what[p->pending - 1]);
		PQclear(res);
	}
	p->pending = 0;
	if (!PQexitPipelineMode(p->c) && rc == 0)
		rc = pg_fail(st, d, NULL, "ending a batch");
	return rc;
}

/* Every call that waits for the server reads the batch's replies first:
 * a failure in it is the caller's (COMMIT does not happen). */
static int exec(relmap_store *st, relmap_diags *d, const char *sql,
		const char *what)
{
	int rc = drain(st, d);
	if (rc && what)
		return rc;
	PGresult *res = PQexec(CONN(st), sql);
	rc = res && ok_status(res) ? 0 : pg_fail(st, d, res, what);
	PQclear(res);
	return rc;
}

/*
 * The URI without its password, for messages: the ":password" of the
 * user part and any password= parameter are left out.  NULL when out of
 * memory.
 */
static char *redact(const char *uri)
{
	size_t n = strlen(uri);
	char *r = malloc(n + 1), *w = r;
	const char *p = strstr(uri, "://"), *end, *at, *q;
	if (!r)
		return NULL;
	p = p ? p + 3 : uri;
	memcpy(w, uri, (size_t)(p - uri));
	w += p - uri;
	end = p + strcspn(p, "/?");
	at = NULL;
	for (const char *c = p; c < end; c++)
		if (*c == '@')
			at = c;
	if (at) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		const char *stop = colon ? colon : at;
		memcpy(w, p, (size_t)(stop - p));
		w += stop - p;
		p = at;
	}
	q = strchr(p, '?');
	if (!q) {
		strcpy(w, p);
		return r;
	}
	memcpy(w, p, (size_t)(q - p));
	w += q - p;
	char sep = '?';
	for (q++; *q;) {
		size_t len = strcspn(q, "&");
		if (!(len >= 9 && strncmp(q, "password=", 9) == 0)) {
			*w++ = sep;
			memcpy(w, q, len);
			w += len;
			sep = '&';
		}
		q += len;
		if (*q == '&')
			q++;
	}
	*w = '\0';
	return r;
}

/* Overwrite every copy of uri[from, to) in msg with stars. */
static void star(char *msg, const char *uri, size_t from, size_t to)
{
	char *secret, *hit;
	if (to <= from || !(secret = strndup(uri + from, to - from)))
		return;
	while ((hit = strstr(msg, secret)))
		memset(hit, '*', to - from);
	free(secret);
}

/* libpq quotes a malformed part of the URI in its messages (an invalid
 * percent-encoding, say), which may be the password: mask it there. */
static void mask_password(char *msg, const char *uri)
{
	const char *p = strstr(uri, "://"), *end, *at = NULL, *q;
	p = p ? p + 3 : uri;
	end = p + strcspn(p, "/?");
	for (const char *c = p; c < end; c++)
		if (*c == '@')
			at = c;
	if (at) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		if (colon)
			star(msg, uri, (size_t)(colon + 1 - uri),
			     (size_t)(at - uri));
	}
	for (q = strchr(end, '?'); q; q = strchr(q + 1, '&'))
		if (strncmp(q + 1, "password=", 9) == 0)
			star(msg, uri, (size_t)(q + 10 - uri),
			     (size_t)(q + 10 + strcspn(q + 10, "&") - uri));
}

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message;
}

static int open_pg(relmap_store *st, const char *uri, int flags,
		   relmap_diags *d)
{
	/* The URI's own settings win over the first two; relmap reads and
	 * writes UTF-8 whatever the URI says. */
	static const char *const keys[] = { "connect_timeout",
		"fallback_application_name", "dbname", "client_encoding", NULL };
	const char *vals[] = { "10", "relmap", uri, "UTF8", NULL };
	pg_conn *p;
	PGconn *c;
	int rc;

	if (!(st->path = redact(uri)) || !(p = calloc(1, sizeof(*p))))
		return RELMAP_ENOMEM;
	st->conn = p;
	const char *why = NULL;
	if (!pq && !(pq = lazy_pq_get(&why))) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "cannot load libpq (Debian package libpq5): %s",
				 why ? why : "unknown error");
		return RELMAP_EIO;
	}
	if (!(c = p->c = PQconnectdbParams(keys, vals, 1)))
		return RELMAP_ENOMEM;
	if (PQstatus(c) != CONNECTION_OK) {
		char msg[512];
		one_line(msg, sizeof(msg), PQerrorMessage(c));
		mask_password(msg, uri);
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "cannot connect to database: %s", msg);
		/* As for a SQLite file: the store import writes is its
		 * output, the one others read their input. */
		return flags & RELMAP_STORE_CREATE ? RELMAP_EOUTPUT
						   : RELMAP_ENOENT;
	}
	/* The library never prints: NOTICEs go nowhere. */
	PQsetNoticeProcessor(c, quiet, NULL);
	if ((rc = exec(st, d, "SET lock_timeout = '5s'",
		       "setting the lock timeout")))
		return rc;
	/* A reader cannot write, whatever it runs. */
	if (st->readonly &&
	    (rc = exec(st, d, "SET default_transaction_read_only = on",
		       "opening read-only")))
		return rc;
	return 0;
}

static void close_pg(relmap_store *st)
{
	PQfinish(CONN(st));
	free(PG(st));
}

static int marker(relmap_store *st, relmap_diags *d, int64_t *version,
		  int *ours, int64_t *tables)
{
	PGresult *res;
	int has_meta, rc = 0;

	*version = 0;
	*ours = 0;
	*tables = 0;
	res = PQexec(CONN(st),
		     "SELECT count(*), count(*) FILTER (WHERE tablename ="
		     " 'relmap_meta') FROM pg_catalog.pg_tables"
		     " WHERE schemaname = current_schema()");
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_fail(st, d, res, "reading the schema");
		goto out;
	}
	*tables = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	has_meta = strcmp(PQgetvalue(res, 0, 1), "0") != 0;
	PQclear(res);
	res = NULL;
	if (!has_meta)
		goto out;
	/* Another application's relmap_meta may have other columns: then
	 * the query fails and the database is not relmap's. */
	res = PQexec(CONN(st),
		     "SELECT (SELECT value FROM relmap_meta WHERE key = 'format'),"
		     " (SELECT value FROM relmap_meta WHERE key = 'version')");
	if (res && PQresultStatus(res) == PGRES_TUPLES_OK &&
	    PQntuples(res) == 1) {
		*ours = !PQgetisnull(res, 0, 0) &&
			strcmp(PQgetvalue(res, 0, 0), "relmap") == 0;
		if (!PQgetisnull(res, 0, 1))
			*version = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	}
out:
	PQclear(res);
	return rc;
}

static int set_marker(relmap_store *st, relmap_diags *d)
{
	char v[16];
	const char *vals[] = { v };
	snprintf(v, sizeof(v), "%d", RELMAP_STORE_VERSION);
	PGresult *res = PQexecParams(CONN(st),
		"INSERT INTO relmap_meta (key, value) VALUES ('version', $1)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		1, NULL, vals, NULL, NULL, 0);
	int rc = res && ok_status(res)
			 ? 0 : pg_fail(st, d, res, "setting the schema version");
	PQclear(res);
	return rc;
}

/* store.c writes SQLite's ?N; PostgreSQL's is $N (same length). */
static int prepare(relmap_store *st, relmap_diags *d, store_stmt **out,
		   const char *sql, const char *what)
{
	store_stmt *s = calloc(1, sizeof(*s));
	*out = s;
	if (!s || !(s->sql = strdup(sql)))
		return RELMAP_ENOMEM;
	for (char *c = s->sql; *c; c++) {
		if (*c != '?')
			continue;
		*c = '$';
		int k = atoi(c + 1);
		if (k > s->n_params)
			s->n_params = k;
	}
	if (s->n_params > MAX_PARAMS) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, st->path, 0, 0,
				 "%s failed: too many parameters", what);
		return RELMAP_EINTERNAL;
	}
	s->row = -1;
	return 0;
}

static void bind_text(store_stmt *s, int i, const char *v)
{
	s->val[i - 1] = v;
}

static void bind_int(store_stmt *s, int i, int64_t v)
{
	snprintf(s->num[i - 1], sizeof(s->num[0]), "%lld", (long long)v);
	s->val[i - 1] = s->num[i - 1];
}

/* 17 digits read back to the same double. */
static void bind_double(store_stmt *s, int i, double v)
{
	snprintf(s->num[i - 1], sizeof(s->num[0]), "%.17g", v);
	s->val[i - 1] = s->num[i - 1];
}

static int step(relmap_store *st, store_stmt *s, relmap_diags *d,
		const char *what)
{
	if (!s->res) {
		int rc = drain(st, d);
		if (rc)
			return rc;
		s->res = PQexecParams(CONN(st), s->sql, s->n_params, NULL,
				      s->val, NULL, NULL, 0);
		if (!s->res || !ok_status(s->res))
			return pg_fail(st, d, s->res, what);
		s->n_rows = PQntuples(s->res);
		s->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
	}
	if (s->row + 1 >= s->n_rows)
		return 0;
	s->row++;
	return 1;
}

static void reset(store_stmt *s);

/* Room for one more statement in the batch, in pipeline mode. */
static int room(relmap_store *st, relmap_diags *d, const char *what)
{
	pg_conn *p = PG(st);
	int rc;
	if (p->pending == BATCH && (rc = drain(st, d)))
		return rc;
	if (!p->pending && !PQenterPipelineMode(p->c))
		return pg_fail(st, d, NULL, what);
	return 0;
}

static int send(relmap_store *st, store_stmt *s, relmap_diags *d,
		const char *what)
{
	pg_conn *p = PG(st);
	int rc;
	if ((rc = room(st, d, what)))
		goto out;
	/* A statement sent in bulk is parsed and planned once, on the first
	 * send, under a name of this session. */
	if (!s->name[0]) {
		snprintf(s->name, sizeof(s->name), "relmap_%u", p->prepared++);
		if (!PQsendPrepare(p->c, s->name, s->sql, s->n_params, NULL)) {
			s->name[0] = '\0';
			rc = pg_fail(st, d, NULL, what);
			goto out;
		}
		p->what[p->pending++] = what;
		if ((rc = room(st, d, what)))
			goto out;
	}
	/* libpq copies the parameters into its buffer: s can be reused. */
	if (!PQsendQueryPrepared(p->c, s->name, s->n_params, s->val, NULL,
				 NULL, 0))
		rc = pg_fail(st, d, NULL, what);
	else
		p->what[p->pending++] = what;
out:
	reset(s);
	return rc;
}

static void reset(store_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->n_rows = 0;
	memset(s->val, 0, sizeof(s->val));
}

static int is_null(store_stmt *s, int col)
{
	return PQgetisnull(s->res, s->row, col);
}

static const char *text(store_stmt *s, int col, size_t *len)
{
	if (PQgetisnull(s->res, s->row, col))
		return NULL;
	if (len)
		*len = (size_t)PQgetlength(s->res, s->row, col);
	return PQgetvalue(s->res, s->row, col);
}

static int64_t int64(store_stmt *s, int col)
{
	return strtoll(PQgetvalue(s->res, s->row, col), NULL, 10);
}

/* PostgreSQL (12 and later) writes the shortest text that reads back
 * to the same double. */
static double real(store_stmt *s, int col)
{
	return strtod(PQgetvalue(s->res, s->row, col), NULL);
}

static int64_t changes(relmap_store *st, store_stmt *s)
{
	return s->changes;
}

static void finalize(store_stmt *s)
{
	PQclear(s->res);
	free(s->sql);
	free(s);
}

const store_backend store_pg_backend = {
	.foreign = "a PostgreSQL database of another application",
	.open = open_pg,
	.close = close_pg,
	.exec = exec,
	.prepare = prepare,
	.bind_text = bind_text,
	.bind_int = bind_int,
	.bind_double = bind_double,
	.step = step,
	.send = send,
	.reset = reset,
	.is_null = is_null,
	.text = text,
	.int64 = int64,
	.real = real,
	.changes = changes,
	.finalize = finalize,
	.marker = marker,
	.set_marker = set_marker,
	.on_create = NULL,
	.begin_write = BEGIN_WRITE,
	/* One snapshot for the whole load; MVCC: an import never blocks
	 * it and it never sees half of one. */
	.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	.migrations = store_pg_migrations,
};
