/*
 * lazy_sqlite.h - SQLite's functions under their own names, called through
 * the table lazylib.c loads when first needed (store_sqlite.c, load_sql.c).
 * Include it after <sqlite3.h>; each file sets `sq` with lazy_sqlite_get()
 * before its first call.
 */
#ifndef RELMAP_LAZY_SQLITE_H
#define RELMAP_LAZY_SQLITE_H

#include "lazylib.h"

static const lazy_sqlite *sq;
#define sqlite3_bind_double (sq->sqlite3_bind_double)
#define sqlite3_bind_int64 (sq->sqlite3_bind_int64)
#define sqlite3_bind_null (sq->sqlite3_bind_null)
#define sqlite3_bind_text (sq->sqlite3_bind_text)
#define sqlite3_busy_timeout (sq->sqlite3_busy_timeout)
#define sqlite3_changes (sq->sqlite3_changes)
#define sqlite3_clear_bindings (sq->sqlite3_clear_bindings)
#define sqlite3_close (sq->sqlite3_close)
#define sqlite3_column_bytes (sq->sqlite3_column_bytes)
#define sqlite3_column_count (sq->sqlite3_column_count)
#define sqlite3_column_double (sq->sqlite3_column_double)
#define sqlite3_column_int64 (sq->sqlite3_column_int64)
#define sqlite3_column_name (sq->sqlite3_column_name)
#define sqlite3_column_text (sq->sqlite3_column_text)
#define sqlite3_column_type (sq->sqlite3_column_type)
#define sqlite3_db_config (sq->sqlite3_db_config)
#define sqlite3_db_handle (sq->sqlite3_db_handle)
#define sqlite3_errcode (sq->sqlite3_errcode)
#define sqlite3_errmsg (sq->sqlite3_errmsg)
#define sqlite3_errstr (sq->sqlite3_errstr)
#define sqlite3_exec (sq->sqlite3_exec)
#define sqlite3_extended_result_codes (sq->sqlite3_extended_result_codes)
#define sqlite3_finalize (sq->sqlite3_finalize)
#define sqlite3_free (sq->sqlite3_free)
#define sqlite3_mprintf (sq->sqlite3_mprintf)
#define sqlite3_open_v2 (sq->sqlite3_open_v2)
#define sqlite3_prepare_v2 (sq->sqlite3_prepare_v2)
#define sqlite3_reset (sq->sqlite3_reset)
#define sqlite3_set_authorizer (sq->sqlite3_set_authorizer)
#define sqlite3_step (sq->sqlite3_step)
#define sqlite3_stmt_readonly (sq->sqlite3_stmt_readonly)

#endif
