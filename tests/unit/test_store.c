/* test_store.c - the store: round trips, idempotent and history-keeping
 * re-imports, all-or-nothing imports, and refusal of files that are not
 * (current, intact) relmap stores.
 *
 * With RELMAP_TEST_DB set to a PostgreSQL URI (tests/checks/store_pg.sh
 * does), the same tests run against that database instead of a SQLite
 * file; they empty its public schema first.  Checks of SQLite's files
 * (not a database, corrupt pages) are SQLite's alone. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relmap/relmap.h"

/* The unit tests run in tests/data. */
static const char *const roundtrip_files[] = {
	"cli/acme.xml", "cli/two.xml", "../../samples/startup.xml",
	"../../samples/midmarket.xml", "../../samples/enterprise.xml",
};

static char dir[64];
static char dbpath[1024];
/* The PostgreSQL URI of RELMAP_TEST_DB, or NULL for SQLite. */
static const char *pg_uri;

static PGconn *pg_connect(void)
{
	PGconn *c = PQconnectdb(pg_uri);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot connect to %s: %s", pg_uri, PQerrorMessage(c));
	return c;
}

static void pg_exec(const char *sql)
{
	PGconn *c = pg_connect();
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

/* No store at all: a missing file, or an empty PostgreSQL schema. */
static void remove_db(void)
{
	if (pg_uri)
		pg_exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	else
		unlink(dbpath);
}

static int setup(void **state)
{
	strcpy(dir, "/tmp/relmap-test-store-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/db.sqlite", dir);
	if (pg_uri) {
		snprintf(dbpath, sizeof(dbpath), "%s", pg_uri);
		remove_db();
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static relmap_document *load_file(const char *path)
{
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_document_load_xml(&doc, path, NULL, &d), 0);
	relmap_diags_free(&d);
	return doc;
}

static relmap_document *load_text(const char *xml)
{
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	int rc = relmap_document_load_xml_memory(&doc, xml, strlen(xml),
						 "mem.xml", NULL, &d);
	if (rc)
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "%s\n", d.items[i].message);
	assert_int_equal(rc, 0);
	relmap_diags_free(&d);
	return doc;
}

static char *xml_of(const relmap_document *doc)
{
	char *xml = NULL;
	size_t len;
	assert_int_equal(relmap_document_write_xml(&xml, &len, doc), 0);
	assert_int_equal(strlen(xml), len);
	return xml;
}

static relmap_store *open_rw(void)
{
	relmap_store *st = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_store_open(&st, dbpath, RELMAP_STORE_CREATE, &d),
			 0);
	relmap_diags_free(&d);
	return st;
}

static void import_ok(relmap_store *st, const relmap_document *doc)
{
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_store_import(st, doc, &d), 0);
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
}

static relmap_document *load_store(relmap_store *st, const char *id)
{
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_store_load(&doc, st, id, &d), 0);
	relmap_diags_free(&d);
	return doc;
}

static const char *const dump_sql[] = {
	"SELECT * FROM account ORDER BY id",
	"SELECT * FROM member ORDER BY account, id",
	"SELECT * FROM person ORDER BY account, id",
	"SELECT * FROM dotted_line ORDER BY account, ordinal",
	"SELECT * FROM influence ORDER BY account, ordinal",
	"SELECT * FROM coverage ORDER BY account, ordinal",
	"SELECT * FROM touchpoint ORDER BY account, ordinal",
	"PRAGMA user_version",
};
#define N_DUMP (sizeof(dump_sql) / sizeof(dump_sql[0]))

/* dump_db in PostgreSQL: the version is a row of relmap_meta. */
static void dump_pg(FILE *f)
{
	PGconn *c = pg_connect();
	for (size_t k = 0; k < N_DUMP; k++) {
		const char *sql = k == N_DUMP - 1
			? "SELECT value FROM relmap_meta WHERE key = 'version'"
			: dump_sql[k];
		PGresult *r = PQexec(c, sql);
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		fprintf(f, "-- %s\n", dump_sql[k]);
		for (int i = 0; i < PQntuples(r); i++) {
			for (int j = 0; j < PQnfields(r); j++)
				fprintf(f, "%s|", PQgetisnull(r, i, j)
					? "NULL" : PQgetvalue(r, i, j));
			fputc('\n', f);
		}
		PQclear(r);
	}
	PQfinish(c);
}

/* Every row of every table, in key order: equal dumps, equal stores. */
static char *dump_db(void)
{
	sqlite3 *db;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (pg_uri) {
		dump_pg(f);
		fclose(f);
		return buf;
	}
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY,
					 NULL), SQLITE_OK);
	for (size_t k = 0; k < N_DUMP; k++) {
		const char *const *sql = dump_sql;
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, sql[k], -1, &s, NULL),
				 SQLITE_OK);
		fprintf(f, "-- %s\n", sql[k]);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);
				fprintf(f, "%s|", v ? (const char *)v : "NULL");
			}
			fputc('\n', f);
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	fclose(f);
	return buf;
}

/* `sql` in SQLite's words, or `pg` in PostgreSQL's. */
static void sql_exec(const char *sql, const char *pg)
{
	sqlite3 *db;
	if (pg_uri) {
		pg_exec(pg);
		return;
	}
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void store__roundtrip_equals_input(void **state)
{
	for (size_t i = 0; i < sizeof(roundtrip_files) / sizeof(*roundtrip_files);
	     i++) {
		remove_db();
		relmap_document *in = load_file(roundtrip_files[i]);
		relmap_store *st = open_rw();
		import_ok(st, in);
		relmap_document *back = load_store(st, NULL);
		char *want = xml_of(in), *got = xml_of(back);
		assert_string_equal(got, want);
		/* The written XML reads back to itself. */
		relmap_document *again = load_text(got);
		char *third = xml_of(again);
		assert_string_equal(third, want);
		free(third);
		free(want);
		free(got);
		relmap_document_free(again);
		relmap_document_free(back);
		relmap_document_free(in);
		relmap_store_close(st);
	}
}

static void store__import_twice_changes_nothing(void **state)
{
	relmap_store *st = open_rw();
	relmap_document *a = load_file("cli/acme.xml");
	relmap_document *b = load_file("../../samples/midmarket.xml");
	import_ok(st, a);
	import_ok(st, b);
	char *before = dump_db();
	import_ok(st, a);
	import_ok(st, b);
	char *after = dump_db();
	assert_string_equal(after, before);
	assert_non_null(strstr(before, "acme|"));
	free(before);
	free(after);
	relmap_document_free(a);
	relmap_document_free(b);
	relmap_store_close(st);
}

static const char old_file[] =
	"<relmap version='1' as-of='2026-11-01'><account id='x' name='X'>"
	"<team><member id='u1' name='U'/></team>"
	"<person id='p1' name='A'/><person id='p2' name='B' reports-to='p1'/>"
	"<touchpoint member='u1' person='p1' channel='call' date='2026-01-01'/>"
	"<touchpoint member='u1' person='p2' channel='meeting' date='2026-02-01'/>"
	"<touchpoint member='u1' person='p2' channel='meeting' date='2026-02-01'/>"
	"</account></relmap>";
/* p2 left, p3 joined; one touchpoint repeated, two new. */
static const char new_file[] =
	"<relmap version='1' as-of='2026-12-01'><account id='x' name='X2'>"
	"<team><member id='u1' name='U'/></team>"
	"<person id='p3' name='C'/><person id='p1' name='A' reports-to='p3'/>"
	"<touchpoint member='u1' person='p1' channel='call' date='2026-01-01'/>"
	"<touchpoint member='u1' person='p1' channel='email' date='2026-03-01'/>"
	"<touchpoint member='u1' person='p3' channel='call' date='2026-04-01' sentiment='positive'/>"
	"</account></relmap>";

static void store__reimport_keeps_touchpoint_history(void **state)
{
	relmap_store *st = open_rw();
	relmap_document *o = load_text(old_file), *n = load_text(new_file);
	import_ok(st, o);
	import_ok(st, n);
	import_ok(st, n);
	relmap_document *back = load_store(st, "x");
	char *got = xml_of(back);
	/* The people and names are the new file's; p2's touchpoints stay
	 * in the store but have no one to attach to. */
	assert_string_equal(got,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<relmap version=\"1\" as-of=\"2026-12-01\">\n"
		"  <account id=\"x\" name=\"X2\">\n"
		"    <team>\n"
		"      <member id=\"u1\" name=\"U\"/>\n"
		"    </team>\n"
		"    <person id=\"p3\" name=\"C\"/>\n"
		"    <person id=\"p1\" name=\"A\" reports-to=\"p3\"/>\n"
		"    <touchpoint member=\"u1\" person=\"p1\" channel=\"call\" date=\"2026-01-01\"/>\n"
		"    <touchpoint member=\"u1\" person=\"p1\" channel=\"email\" date=\"2026-03-01\"/>\n"
		"    <touchpoint member=\"u1\" person=\"p3\" channel=\"call\" date=\"2026-04-01\" sentiment=\"positive\"/>\n"
		"  </account>\n"
		"</relmap>\n");
	char *dump = dump_db();
	/* 3 old (two identical ones kept apart) + 2 new. */
	size_t rows = 0;
	for (const char *p = strstr(dump, "FROM touchpoint"); p && *p; p++)
		if (*p == '\n')
			rows++;
	assert_int_equal(rows - 3, 5); /* minus its header and user_version's two lines */
	free(dump);
	free(got);
	relmap_document_free(back);
	relmap_document_free(o);
	relmap_document_free(n);
	relmap_store_close(st);
}

static void store__failed_import_changes_nothing(void **state)
{
	relmap_store *st = open_rw();
	relmap_document *a = load_file("cli/acme.xml");
	relmap_document *b = load_file("cli/two.xml");
	relmap_diags d = RELMAP_DIAGS_INIT;
	import_ok(st, a);
	char *before = dump_db();

	/* The second document is broken: nothing of the first is kept. */
	relmap_document *bad = load_file("../../samples/startup.xml");
	bad->accounts[0].touchpoints[0].member = 99;
	const relmap_document *docs[] = { b, bad };
	assert_int_equal(relmap_store_import_all(st, docs, 2, &d), RELMAP_EDATA);
	assert_non_null(strstr(d.items[0].message, "inconsistent"));
	relmap_diags_free(&d);
	char *after = dump_db();
	assert_string_equal(after, before);
	free(after);

	/* SQLite fails midway, after accounts and persons went in. */
	sql_exec("CREATE TRIGGER fail BEFORE INSERT ON touchpoint"
		 " BEGIN SELECT RAISE(ABORT, 'forced failure'); END",
		 "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS"
		 " $$BEGIN RAISE EXCEPTION 'forced failure'; END$$;"
		 " CREATE TRIGGER fail BEFORE INSERT ON touchpoint"
		 " FOR EACH ROW EXECUTE FUNCTION fail()");
	char *with_trigger = dump_db();
	relmap_document *c = load_file("../../samples/startup.xml");
	const relmap_document *docs2[] = { b, c };
	assert_int_equal(relmap_store_import_all(st, docs2, 2, &d), RELMAP_EIO);
	relmap_document_free(c);
	assert_non_null(strstr(d.items[0].message, "forced failure"));
	relmap_diags_free(&d);
	after = dump_db();
	assert_string_equal(after, with_trigger);
	free(after);
	free(with_trigger);
	free(before);
	relmap_document_free(a);
	relmap_document_free(b);
	relmap_document_free(bad);
	relmap_store_close(st);
}

/* Open read-only and load everything: the code and the first message. */
static int open_and_load(char **msg)
{
	relmap_store *st = NULL;
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	int rc = relmap_store_open(&st, dbpath, RELMAP_STORE_READONLY, &d);
	if (rc == 0)
		rc = relmap_store_load(&doc, st, NULL, &d);
	*msg = d.count ? strdup(d.items[0].message) : NULL;
	relmap_document_free(doc);
	relmap_store_close(st);
	relmap_diags_free(&d);
	return rc;
}

static void write_file(const char *data, size_t len)
{
	FILE *f = fopen(dbpath, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void store__refuses_foreign_newer_and_corrupt_files(void **state)
{
	char *msg;

	if (!pg_uri) {
		write_file("hello, not a database\n", 22);
		assert_int_equal(open_and_load(&msg), RELMAP_EDATA);
		assert_string_equal(msg,
			"not a relmap database (not an SQLite file)");
		free(msg);
	}

	remove_db();
	sql_exec("CREATE TABLE t (x)", "CREATE TABLE t (x int)");
	assert_int_equal(open_and_load(&msg), RELMAP_EDATA);
	assert_string_equal(msg, pg_uri
		? "not a relmap database (a PostgreSQL database of another application)"
		: "not a relmap database (an SQLite database of another application)");
	free(msg);

	remove_db();
	relmap_store *st = open_rw();
	relmap_store_close(st);
	sql_exec("PRAGMA user_version = 99",
		 "UPDATE relmap_meta SET value = '99' WHERE key = 'version'");
	assert_int_equal(open_and_load(&msg), RELMAP_EDATA);
	assert_string_equal(msg,
		"schema version 99 is newer than this relmap reads (1); use a newer relmap");
	free(msg);
	/* A server keeps its own pages intact: corruption is SQLite's. */
	if (pg_uri)
		return;

	/* Corrupt: a full store, then half of it, then garbage in it. */
	unlink(dbpath);
	st = open_rw();
	relmap_document *doc = load_file("../../samples/enterprise.xml");
	import_ok(st, doc);
	relmap_document_free(doc);
	relmap_store_close(st); /* checkpoints the WAL into the file */
	struct stat sb;
	assert_int_equal(stat(dbpath, &sb), 0);
	assert_true(sb.st_size > 8 * 4096);
	assert_int_equal(truncate(dbpath, sb.st_size / 2), 0);
	assert_int_equal(open_and_load(&msg), RELMAP_EDATA);
	assert_non_null(strstr(msg, "corrupt"));
	free(msg);

	unlink(dbpath);
	st = open_rw();
	doc = load_file("../../samples/enterprise.xml");
	import_ok(st, doc);
	relmap_document_free(doc);
	relmap_store_close(st);
	FILE *f = fopen(dbpath, "r+b");
	assert_non_null(f);
	char junk[4096];
	memset(junk, 0xA5, sizeof(junk));
	for (long page = 1; page * 4096 < sb.st_size; page += 2) {
		fseek(f, page * 4096, SEEK_SET);
		fwrite(junk, 1, sizeof(junk), f);
	}
	fclose(f);
	assert_int_equal(open_and_load(&msg), RELMAP_EDATA);
	assert_non_null(strstr(msg, "corrupt"));
	free(msg);
}

/* How many tables the PostgreSQL schema holds. */
static long pg_tables(void)
{
	PGconn *c = pg_connect();
	PGresult *r = PQexec(c, "SELECT count(*) FROM pg_tables"
				" WHERE schemaname = 'public'");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	long n = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return n;
}

/* In PostgreSQL: an empty database is refused, not filled, by a reader;
 * a database that cannot be reached is a missing input (RELMAP_ENOENT),
 * named without its password. */
static void readonly_open_pg(void)
{
	relmap_store *st = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	char uri[1100];
	remove_db();
	assert_int_equal(relmap_store_open(&st, dbpath, RELMAP_STORE_READONLY,
					   &d), RELMAP_EDATA);
	assert_null(st);
	assert_string_equal(d.items[0].message,
			    "not a relmap database (it is empty)");
	assert_int_equal(pg_tables(), 0);
	relmap_diags_free(&d);

	/* The test database's URI, on a database that does not exist. */
	const char *q = strchr(pg_uri + strlen("postgresql://"), '?');
	snprintf(uri, sizeof(uri), "postgresql://someone:s3cret@/no_such_db%s%s",
		 q ? q : "", q ? "&password=s3cret" : "?password=s3cret");
	assert_int_equal(relmap_store_open(&st, uri, RELMAP_STORE_READONLY, &d),
			 RELMAP_ENOENT);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "cannot connect to database"));
	assert_null(strstr(d.items[0].file, "s3cret"));
	assert_null(strstr(d.items[0].message, "s3cret"));
	assert_non_null(strstr(d.items[0].file, "postgresql://someone@/no_such_db"));
	relmap_diags_free(&d);
	/* import's store is its output. */
	assert_int_equal(relmap_store_open(&st, uri, RELMAP_STORE_CREATE, &d),
			 RELMAP_EOUTPUT);
	relmap_diags_free(&d);
}

static void store__readonly_open_never_creates(void **state)
{
	relmap_store *st = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	if (pg_uri) {
		readonly_open_pg();
		return;
	}
	unlink(dbpath);
	assert_int_equal(relmap_store_open(&st, dbpath, RELMAP_STORE_READONLY,
					   &d), RELMAP_ENOENT);
	assert_null(st);
	assert_string_equal(d.items[0].message, "no such database");
	assert_int_equal(access(dbpath, F_OK), -1);
	relmap_diags_free(&d);
	/* Without CREATE a writer does not create either. */
	assert_int_equal(relmap_store_open(&st, dbpath, 0, &d), RELMAP_ENOENT);
	assert_int_equal(access(dbpath, F_OK), -1);
	relmap_diags_free(&d);
}

static void store__list_and_unknown_account(void **state)
{
	remove_db();
	relmap_store *st = open_rw();
	relmap_document *a = load_file("cli/two.xml");
	relmap_document *b = load_file("cli/acme.xml");
	import_ok(st, a);
	import_ok(st, b);
	relmap_store_account *list;
	size_t n;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_store_list(&list, &n, st, &d), 0);
	assert_int_equal(n, a->n_accounts + 1);
	assert_string_equal(list[n - 1].id, "acme");
	assert_int_equal(list[n - 1].n_persons, 5);
	assert_string_equal(list[n - 1].name, "Acme Corp");
	relmap_store_list_free(list, n);
	relmap_document *doc = NULL;
	assert_int_equal(relmap_store_load(&doc, st, "nope", &d), RELMAP_EDATA);
	assert_null(doc);
	assert_string_equal(d.items[0].message, "no account 'nope' in the database");
	relmap_diags_free(&d);
	relmap_document_free(a);
	relmap_document_free(b);
	relmap_store_close(st);
}

static void store__write_xml_escapes_and_numbers(void **state)
{
	relmap_document *doc = load_text(
		"<relmap version='1'><account id='a&amp;b' value='0.1'>"
		"<person id='p' name='&lt;&quot;x&quot;&gt; &#x1F680;' influence='0.30000000000000004'/>"
		"</account></relmap>");
	char *xml = xml_of(doc);
	assert_non_null(strstr(xml, "id=\"a&amp;b\" value=\"0.1\""));
	assert_non_null(strstr(xml, "name=\"&lt;&quot;x&quot;&gt; \xF0\x9F\x9A\x80\""));
	assert_non_null(strstr(xml, "influence=\"0.30000000000000004\""));
	assert_null(strstr(xml, "as-of"));
	free(xml);
	relmap_document_free(doc);
}

/* ------------------------------------------------------------------ */
/* Edges CSV files attached to stored persons */

static relmap_document *load_csv_text(const char *csv, const char *name)
{
	relmap_document *doc = NULL;
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	o.account = "acme";
	assert_int_equal(relmap_document_load_csv_memory(&doc, csv, strlen(csv),
							 name, &o, &d), 0);
	relmap_diags_free(&d);
	return doc;
}

static const char people_csv[] = "id,name,reports-to\n"
				 "p1,Ann Boss,\n"
				 "p2,Bob Lee,p1\n";
static const char coverage_csv[] = "member,member-name,person,strength\n"
				   "u1,Una One,p1,0.8\n"
				   "u2,,p2,0.3\n";
static const char touch_csv[] = "member,person,channel,date,sentiment\n"
				"u1,p1,Phone Call,2026-10-02 14:30:00,positive\n"
				"u3,p2,email,2026-10-04,negative\n"
				"u3,p2,email,2026-10-04,negative\n";
static const char edges_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<relmap version=\"1\">\n"
	"  <account id=\"acme\">\n"
	"    <team>\n"
	"      <member id=\"u1\" name=\"Una One\"/>\n"
	"      <member id=\"u3\" name=\"u3\"/>\n"
	"      <member id=\"u2\" name=\"u2\"/>\n"
	"    </team>\n"
	"    <person id=\"p1\" name=\"Ann Boss\"/>\n"
	"    <person id=\"p2\" name=\"Bob Lee\" reports-to=\"p1\"/>\n"
	"    <coverage member=\"u1\" person=\"p1\" strength=\"0.8\"/>\n"
	"    <coverage member=\"u2\" person=\"p2\" strength=\"0.3\"/>\n"
	"    <touchpoint member=\"u1\" person=\"p1\" channel=\"call\" date=\"2026-10-02\" sentiment=\"positive\"/>\n"
	"    <touchpoint member=\"u3\" person=\"p2\" channel=\"email\" date=\"2026-10-04\" sentiment=\"negative\"/>\n"
	"    <touchpoint member=\"u3\" person=\"p2\" channel=\"email\" date=\"2026-10-04\" sentiment=\"negative\"/>\n"
	"  </account>\n"
	"</relmap>\n";

static void store__edges_files_attach_to_stored_persons(void **state)
{
	(void)state;
	relmap_store *st = open_rw();
	relmap_document *people = load_csv_text(people_csv, "people.csv");
	relmap_document *cov = load_csv_text(coverage_csv, "cov.csv");
	relmap_document *tp = load_csv_text(touch_csv, "tp.csv");
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_false(people->edges_only);
	assert_true(cov->edges_only && tp->edges_only);

	/* Edges files first on the command line: persons still go first,
	 * then the edges files in order (members in order of appearance;
	 * cov.csv's member-name renames u1, first met in tp.csv). */
	const relmap_document *docs[] = { tp, cov, people };
	assert_int_equal(relmap_store_import_all(st, docs, 3, &d), 0);
	assert_int_equal(d.count, 0);
	relmap_document *got = load_store(st, "acme");
	char *xml = xml_of(got);
	assert_string_equal(xml, edges_xml);
	free(xml);
	relmap_document_free(got);

	/* Again, and the edges alone: nothing changes (coverage of a pair
	 * is replaced, touchpoints seen are not added twice). */
	char *before = dump_db();
	assert_int_equal(relmap_store_import_all(st, docs, 3, &d), 0);
	const relmap_document *edges[] = { cov, tp };
	assert_int_equal(relmap_store_import_all(st, edges, 2, &d), 0);
	char *after = dump_db();
	assert_string_equal(after, before);
	free(after);
	free(before);
	relmap_document_free(people);
	relmap_document_free(cov);
	relmap_document_free(tp);
	relmap_store_close(st);
}

static void store__edges_file_errors_change_nothing(void **state)
{
	(void)state;
	relmap_store *st = open_rw();
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_document *cov = load_csv_text(coverage_csv, "cov.csv");

	/* No account yet. */
	assert_int_equal(relmap_store_import(st, cov, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].file, "cov.csv");
	assert_string_equal(d.items[0].message,
			    "account 'acme' is not in the database: import its "
			    "persons first (or in the same command)");
	relmap_diags_free(&d);

	relmap_document *people = load_csv_text(people_csv, "people.csv");
	import_ok(st, people);
	char *before = dump_db();
	/* Unknown persons: each named where it first appears; the good
	 * row before them is not kept. */
	relmap_document *bad = load_csv_text("member,person,strength\n"
					     "u1,p1,0.5\n"
					     "u1,p7,0.5\n"
					     "u2,p7,0.5\n"
					     "u2,p8,0.5\n",
					     "bad.csv");
	assert_int_equal(relmap_store_import(st, bad, &d), RELMAP_EDATA);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].column, 2);
	assert_string_equal(d.items[0].message,
			    "unknown person 'p7': account 'acme' in the "
			    "database has no such person");
	assert_int_equal(d.items[1].line, 5);
	assert_string_equal(d.items[1].message,
			    "unknown person 'p8': account 'acme' in the "
			    "database has no such person");
	relmap_diags_free(&d);
	char *after = dump_db();
	assert_string_equal(after, before);
	free(after);
	free(before);
	relmap_document_free(bad);
	relmap_document_free(people);
	relmap_document_free(cov);
	relmap_store_close(st);
}

int main(void)
{
	pg_uri = getenv("RELMAP_TEST_DB");
	if (pg_uri && !*pg_uri)
		pg_uri = NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(store__roundtrip_equals_input, setup, teardown),
		cmocka_unit_test_setup_teardown(store__import_twice_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(store__reimport_keeps_touchpoint_history, setup, teardown),
		cmocka_unit_test_setup_teardown(store__failed_import_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(store__refuses_foreign_newer_and_corrupt_files, setup, teardown),
		cmocka_unit_test_setup_teardown(store__readonly_open_never_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(store__list_and_unknown_account, setup, teardown),
		cmocka_unit_test(store__write_xml_escapes_and_numbers),
		cmocka_unit_test_setup_teardown(store__edges_files_attach_to_stored_persons, setup, teardown),
		cmocka_unit_test_setup_teardown(store__edges_file_errors_change_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
