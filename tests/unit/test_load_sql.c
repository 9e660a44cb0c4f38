/* test_load_sql.c - persons from another program's SQLite database: the
 * rows of one SELECT or one table read as a CSV file's, and everything
 * that is not a single read-only SELECT refused. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relmap/relmap.h"

static char db_path[64];

static int make_db(void **state)
{
	(void)state;
	snprintf(db_path, sizeof(db_path), "/tmp/relmap-sql-%ld.sqlite",
		 (long)getpid());
	unlink(db_path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"CREATE TABLE Employees (EmployeeID INTEGER PRIMARY KEY,"
		" FirstName TEXT, LastName TEXT, Title TEXT, ReportsTo INTEGER,"
		" Score REAL, Photo BLOB);"
		"INSERT INTO Employees VALUES (2,'Andrew','Fuller','VP Sales',NULL,0.5,x'00ff');"
		"INSERT INTO Employees VALUES (5,'Steven','Buchanan','Sales Manager',2,NULL,NULL);"
		"INSERT INTO Employees VALUES (6,'Michael','Suyama',NULL,5,1,NULL);"
		"CREATE TABLE \"we\"\"ird\" (name TEXT, company TEXT);"
		"INSERT INTO \"we\"\"ird\" VALUES ('Ann Lee','Acme');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	return 0;
}

static int drop_db(void **state)
{
	(void)state;
	unlink(db_path);
	return 0;
}

/* "LINE:COL: SEVERITY: MESSAGE" per diagnostic, then the persons. */
static char *dump(const relmap_document *doc, const relmap_diags *d)
{
	size_t cap = 8192, o = 0;
	char *s = malloc(cap);
	s[0] = '\0';
	for (size_t i = 0; i < d->count; i++)
		o += (size_t)snprintf(s + o, cap - o, "%d:%d: %s: %s\n",
				      d->items[i].line, d->items[i].column,
				      relmap_severity_name(d->items[i].severity),
				      d->items[i].message);
	for (size_t k = 0; doc && k < doc->n_accounts; k++) {
		const relmap_account *a = &doc->accounts[k];
		o += (size_t)snprintf(s + o, cap - o, "[%s|%s]\n", a->id,
				      a->name ? a->name : "-");
		for (size_t j = 0; j < a->n_persons; j++) {
			const relmap_person *p = &a->persons[j];
			o += (size_t)snprintf(s + o, cap - o, "%d %s|%s|%s|%s\n",
					      p->pos.line, p->id, p->name,
					      p->title ? p->title : "-",
					      p->reports_to ? p->reports_to : "-");
		}
	}
	return s;
}

static int load(const char *sql, const char *table, const char *want)
{
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	o.account = "nw";
	o.explain_columns = RELMAP_CSV_EXPLAIN_ON_ERROR;
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	int rc = relmap_document_load_sql(&doc, db_path, sql, table, &o, &d);
	if (rc)
		assert_null(doc);
	char *got = dump(doc, &d);
	assert_string_equal(got, want);
	free(got);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	return rc;
}

static void load_sql__select_is_read_as_csv_rows(void **state)
{
	(void)state;
	assert_int_equal(load(
		"SELECT EmployeeID, FirstName, LastName, Title, ReportsTo "
		"FROM Employees ORDER BY EmployeeID", NULL,
		"[nw|-]\n"
		"1 2|Andrew Fuller|VP Sales|-\n"
		"2 5|Steven Buchanan|Sales Manager|2\n"
		"3 6|Michael Suyama|-|5\n"), 0);
	/* The whole table: unused columns (a BLOB) are not read. */
	assert_int_equal(load(NULL, "Employees",
		"[nw|-]\n"
		"1 2|Andrew Fuller|VP Sales|-\n"
		"2 5|Steven Buchanan|Sales Manager|2\n"
		"3 6|Michael Suyama|-|5\n"), 0);
	/* A table name that needs quoting; a company column is the account
	 * and its name. */
	assert_int_equal(load(NULL, "we\"ird",
		"[Acme|Acme]\n"
		"1 ann-lee|Ann Lee|-|-\n"), 0);
	/* WITH, comments, a trailing semicolon. */
	assert_int_equal(load(
		"/* c */ WITH t AS (SELECT 1 AS id, 'Jo' AS name) "
		"SELECT * FROM t; -- end", NULL,
		"[nw|-]\n"
		"1 1|Jo|-|-\n"), 0);
}

static void load_sql__only_one_select(void **state)
{
	(void)state;
	assert_int_equal(load("DELETE FROM Employees", NULL,
		"0:0: error: only a SELECT statement is read: 'DELETE FROM Employees'\n"),
		RELMAP_EUSAGE);
	assert_int_equal(load("SELECT 1 AS name; DELETE FROM Employees", NULL,
		"0:0: error: one SELECT statement only: ' DELETE FROM Employees' follows it\n"),
		RELMAP_EUSAGE);
	assert_int_equal(load("SELECT * FROM pragma_table_info('Employees')",
			      NULL,
		"0:0: error: the query: not authorized\n"), RELMAP_EUSAGE);
	assert_int_equal(load("WITH x AS (SELECT 1) INSERT INTO Employees "
			      "(EmployeeID) SELECT * FROM x", NULL,
		"0:0: error: the query: not authorized\n"), RELMAP_EUSAGE);
	assert_int_equal(load("SELECT * FROM Nope", NULL,
		"0:0: error: the query: no such table: Nope\n"), RELMAP_EUSAGE);
	/* The database is as it was. */
	assert_int_equal(load("SELECT count(*) AS name FROM Employees", NULL,
		"[nw|-]\n"
		"1 3|3|-|-\n"), 0);
}

static void load_sql__errors_name_the_row_and_explain(void **state)
{
	(void)state;
	assert_int_equal(load("SELECT EmployeeID AS id, FirstName AS name, "
			      "ReportsTo AS manager FROM Employees WHERE "
			      "EmployeeID > 2 ORDER BY 1", NULL,
		"0:1: note: column 1 ('id') -> id\n"
		"0:2: note: column 2 ('name') -> name\n"
		"0:3: note: column 3 ('manager') -> reports-to\n"
		"1:3: error: column 3 ('manager'): person '5' reports to unknown id '2'\n"),
		RELMAP_EDATA);
	assert_int_equal(load("SELECT 1 AS name WHERE 0", NULL,
		"0:0: error: the query returned no rows\n"
		"0:1: note: column 1 ('name') -> name\n"), RELMAP_EDATA);
}

static void load_sql__missing_or_not_a_database(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_sql(&doc, "/nonexistent.sqlite",
						  "SELECT 1", NULL, NULL, &d),
			 RELMAP_ENOENT);
	assert_int_equal(relmap_document_load_sql(&doc, "csv/orgchart.csv",
						  NULL, "t", NULL, &d),
			 RELMAP_EDATA);
	assert_int_equal(relmap_document_load_sql(&doc, db_path, "SELECT 1",
						  "t", NULL, &d),
			 RELMAP_EUSAGE);
	assert_null(doc);
	relmap_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_sql__select_is_read_as_csv_rows),
		cmocka_unit_test(load_sql__only_one_select),
		cmocka_unit_test(load_sql__errors_name_the_row_and_explain),
		cmocka_unit_test(load_sql__missing_or_not_a_database),
	};
	return cmocka_run_group_tests(tests, make_db, drop_db);
}
