/*
 * relmap/load.h - reading accounts from relmap's XML format and from
 * CRM exports in CSV (at the end of this header).
 *
 * The format is documented in docs/format.md and its schema is
 * schema/relmap.xsd (compiled into the library: no file but the input is
 * read).  Loading is streaming (SAX), so memory grows with the data kept,
 * not with the size of the file.  Hostile input is safe: no DTD or external
 * entity is loaded, nothing is fetched, entity declarations are refused,
 * nesting depth is bounded, and so are size, counts and text length
 * (relmap_limits below, docs/limits.md).
 */
#ifndef RELMAP_LOAD_H
#define RELMAP_LOAD_H

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Bounds on what one input may hold (docs/limits.md), so that a hostile
 * or broken file gets a clear positioned error (RELMAP_EDATA naming the
 * limit) instead of exhausting memory or time.  The defaults are far
 * above any real account: the brief's million-person account in a 370 MB
 * file loads with room to spare.  A field set to 0 means "no limit".
 */
typedef struct relmap_limits {
	/** Bytes of input read (default 1 GiB), counted as they are read,
	 *  so pipes are bounded too. */
	size_t max_bytes;
	/** Accounts in one input (default 1,000,000). */
	size_t max_accounts;
	/** Persons per account, and team members per account, each
	 *  (default 5,000,000). */
	size_t max_persons;
	/** Edge records per account: dotted lines, influences, coverage
	 *  and touchpoints together (default 50,000,000). */
	size_t max_edges;
	/** Bytes of one text value: an id, name, title, any attribute or
	 *  CSV field (default 4096). */
	size_t max_text;
	/** CSV: fields in one row, header included (default 1024). */
	size_t max_columns;
} relmap_limits;

#define RELMAP_LIMITS_INIT \
	{ (size_t)1 << 30, 1000000, 5000000, 50000000, 4096, 1024 }

/**
 * Set one limit from "NAME=N" (the CLI's --limit): NAME is max_bytes,
 * max_accounts, max_persons, max_edges, max_text or max_columns, N a
 * decimal count (0: no limit).  Returns 0, or RELMAP_EUSAGE.
 */
int relmap_limits_set(relmap_limits *limits, const char *name_eq_value);

typedef struct relmap_load_options {
	/**
	 * Check the input against the built-in XSD too (default on).  The
	 * loader's own checks cover everything the schema says, with better
	 * messages; the schema is the safety net behind them, and reports
	 * only what the loader let through.
	 */
	int validate_schema;
	/** Maximum element nesting depth accepted (default 64). */
	int max_depth;
	/**
	 * Inputs known to be larger than this many bytes skip the schema
	 * plug (default 64 MiB; 0: no limit).  libxml2's validator costs
	 * about 1.2 us and 90 bytes per element, which would triple the load
	 * time of a million-person account; the loader's own checks still
	 * run in full.
	 */
	size_t schema_max_bytes;
	/** Size and count limits (RELMAP_LIMITS_INIT). */
	relmap_limits limits;
} relmap_load_options;

#define RELMAP_LOAD_OPTIONS_INIT \
	{ 1, 64, (size_t)64 << 20, RELMAP_LIMITS_INIT }

/**
 * Load the XML file at `path` ("-" is standard input).  On success *out
 * owns a new document (free it with relmap_document_free) and 0 is
 * returned.  On failure *out is NULL, every problem found (up to the
 * diags limit) is in `diags` with file, line and column, and the return
 * is RELMAP_ENOENT (cannot open or read), RELMAP_EDATA (invalid data) or
 * RELMAP_ENOMEM.  `opts` may be NULL for the defaults.
 */
int relmap_document_load_xml(relmap_document **out, const char *path,
			     const relmap_load_options *opts,
			     relmap_diags *diags);

/** The same from memory; `name` is the file name used in diagnostics. */
int relmap_document_load_xml_memory(relmap_document **out, const char *data,
				    size_t len, const char *name,
				    const relmap_load_options *opts,
				    relmap_diags *diags);

/** The built-in XSD, NUL-terminated (also shipped as schema/relmap.xsd). */
const char *relmap_schema_xsd(void);

/* ------------------------------------------------------------------ */
/*
 * CSV: persons exported from a CRM (docs/csv.md).
 *
 * One file holds the people of one or more accounts, one person a row,
 * under a header row naming the columns.  Which column holds which field
 * comes from a preset for a common export (Salesforce, HubSpot, Dynamics
 * 365) or relmap's own field names, overridden field by field with
 * FIELD=COLUMN mappings.  The file is read as RFC 4180 (libcsv) in 256
 * KiB chunks, a stray quote in an unquoted field kept unless `strict`;
 * memory follows the data kept.
 */

/** The fields a CSV column can be mapped onto. */
typedef enum relmap_csv_field {
	RELMAP_CSV_ACCOUNT = 0,
	RELMAP_CSV_ID,
	RELMAP_CSV_NAME,
	RELMAP_CSV_FIRST_NAME,
	RELMAP_CSV_LAST_NAME,
	RELMAP_CSV_TITLE,
	RELMAP_CSV_DEPARTMENT,
	RELMAP_CSV_REPORTS_TO,
	RELMAP_CSV_ROLE,
	RELMAP_CSV_INFLUENCE,
	RELMAP_CSV_ATTITUDE,
	RELMAP_CSV_EMAIL,
	RELMAP_CSV_URL,
	/* Edges files (coverage and touchpoints; see below and docs/csv.md). */
	RELMAP_CSV_MEMBER,
	RELMAP_CSV_MEMBER_NAME,
	RELMAP_CSV_PERSON,
	RELMAP_CSV_STRENGTH,
	RELMAP_CSV_CHANNEL,
	RELMAP_CSV_DATE,
	RELMAP_CSV_SENTIMENT,
	/* The account's own fields, from report exports that carry them:
	 * its name, its type (stored as the segment) and its industry. */
	RELMAP_CSV_ACCOUNT_NAME,
	RELMAP_CSV_ACCOUNT_TYPE,
	RELMAP_CSV_INDUSTRY,
	RELMAP_CSV_FIELD_COUNT
} relmap_csv_field;

/**
 * Column names of a known export; NONE uses the field names themselves
 * ("id", "name", "reports-to", ...).  Whatever the preset, a column that
 * neither a mapping nor the preset claims is then recognised by its name
 * folded (case, blanks and punctuation dropped: "First Name", "first_name"
 * and "firstName" are one) against the common names of each field
 * ("parentId", "ManagerId" and "Reports To" are reports-to, "Position" is
 * title, ...), an object prefix ("Contact: ", "Account.") telling person
 * columns from account ones (docs/csv.md lists every form).
 */
typedef enum relmap_csv_preset {
	RELMAP_CSV_PRESET_NONE = 0,
	RELMAP_CSV_PRESET_SALESFORCE,
	RELMAP_CSV_PRESET_HUBSPOT,
	RELMAP_CSV_PRESET_DYNAMICS
} relmap_csv_preset;

/** What to do with a row whose field count differs from the header's. */
typedef enum relmap_csv_ragged {
	RELMAP_CSV_RAGGED_ERROR = 0, /**< report it as an error (default) */
	RELMAP_CSV_RAGGED_PAD        /**< pad a short row with empty fields,
					  truncate a long one; warn */
} relmap_csv_ragged;

/** When to explain the header (see relmap_csv_options). */
typedef enum relmap_csv_explain {
	RELMAP_CSV_EXPLAIN_NEVER = 0,
	RELMAP_CSV_EXPLAIN_ON_ERROR,
	RELMAP_CSV_EXPLAIN_ALWAYS
} relmap_csv_explain;

typedef struct relmap_csv_options {
	relmap_csv_preset preset;
	/**
	 * Column name per field, set by relmap_csv_map_parse(); NULL: the
	 * preset's.  Borrowed: the strings must outlive the load.
	 */
	const char *columns[RELMAP_CSV_FIELD_COUNT];
	/** Account id of rows with no account column or an empty one
	 *  (borrowed; NULL: none, and such rows are errors). */
	const char *account;
	relmap_csv_ragged ragged;
	/** Size and count limits (RELMAP_LIMITS_INIT); max_persons counts
	 *  the rows of an account, max_edges the rows of an edges file. */
	relmap_limits limits;
	/**
	 * 0 (default): a quote inside an unquoted field (`a 27" monitor`,
	 * `37°36'37.8"N`) is kept as written, as spreadsheets read it, with
	 * one warning per file.  1: RFC 4180 strictly, such a quote is an
	 * error.  Text after a closing quote is an error either way.
	 */
	int strict;
	/** Notes saying which header column became which field:
	 *  RELMAP_CSV_EXPLAIN_NEVER (default), _ON_ERROR (when the load has
	 *  an error), _ALWAYS. */
	relmap_csv_explain explain_columns;
} relmap_csv_options;

#define RELMAP_CSV_OPTIONS_INIT \
	{ RELMAP_CSV_PRESET_NONE, { NULL }, NULL, RELMAP_CSV_RAGGED_ERROR, \
	  RELMAP_LIMITS_INIT, 0, RELMAP_CSV_EXPLAIN_NEVER }

/** "account", "id", "first-name", ...; NULL when out of range. */
const char *relmap_csv_field_name(relmap_csv_field f);

/** Parse "salesforce", "hubspot", "dynamics" or "none" (exact);
 *  0, or RELMAP_EUSAGE for any other name. */
int relmap_csv_preset_parse(relmap_csv_preset *out, const char *name);

/**
 * Record one FIELD=COLUMN mapping ("reports-to=Manager Id") in `opts`:
 * the column name is everything after the first '=' (blanks kept), and
 * points into `field_eq_column`, which must outlive the load.  A later
 * mapping of the same field wins.  Returns 0, or RELMAP_EUSAGE when there
 * is no '=', the field is not one of account, id, name, first-name,
 * last-name, title, department, reports-to, role, influence, attitude,
 * email, url, member, member-name, person, strength, channel, date,
 * sentiment, account-name, account-type, industry, or the column name is
 * empty.
 */
int relmap_csv_map_parse(relmap_csv_options *opts,
			 const char *field_eq_column);

/**
 * Load the persons CSV at `path` ("-" is standard input) into a new
 * document: one account per distinct account id, in order of first
 * appearance, its persons in file order.  Ids come from the id column,
 * or are derived from the names when there is none ("maria-lopez",
 * "maria-lopez-2", ... in file order).  Reports-to values are ids, or
 * failing that the unique full name of a person of the same account.
 * Role and attitude values from common sales vocabularies are mapped
 * onto relmap's (docs/csv.md).
 *
 * A header with both a member and a person column (after the preset and
 * the mappings) makes the file an edges file instead: each row is a
 * coverage record (a strength column) and/or a touchpoint (channel and
 * date columns, sentiment optional) between a team member and a person.
 * Members are created from the member ids met (named by a member-name
 * column, else by their id); persons are only referred to: the document
 * gets one placeholder person (name = id) per person id, at the row and
 * column where it is first named, and has `edges_only` set.  Such a
 * document is meant for relmap_store_import_all(), which attaches its
 * edges to persons already stored.
 *
 * On success *out owns the document (relmap_document_free) and 0 is
 * returned; `diags` may hold warnings (padded rows).  On failure *out is
 * NULL, every problem found (up to the diags limit) is in `diags` as
 * FILE:LINE:COLUMN, where LINE is the physical line where the row starts
 * (or, for malformed CSV, where the parser stopped) and COLUMN the
 * 1-based field number, and the return is RELMAP_ENOENT (cannot open or
 * read), RELMAP_EDATA (invalid data, or a header that lacks a column the
 * options need) or RELMAP_ENOMEM.  `opts` may be NULL for the defaults.
 */
int relmap_document_load_csv(relmap_document **out, const char *path,
			     const relmap_csv_options *opts,
			     relmap_diags *diags);

/** The same from memory; `name` is the file name used in diagnostics. */
int relmap_document_load_csv_memory(relmap_document **out, const char *data,
				    size_t len, const char *name,
				    const relmap_csv_options *opts,
				    relmap_diags *diags);

/**
 * Load persons from another program's SQLite database at `path`: the rows
 * of `sql`, one SELECT (or WITH ... SELECT) statement, or of the table
 * named `table` (exactly one of the two; the name is quoted as an
 * identifier).  The result's column names are the header and its rows
 * are read as a CSV file's rows (relmap_document_load_csv): the same
 * presets, mappings, column recognition ("SELECT EmployeeID, FirstName,
 * LastName, Title, ReportsTo FROM Employees" needs no mapping) and
 * checks; NULL is an empty value, numbers are their SQLite text.
 * Diagnostics name `path`, with the result row (1 for the first) as LINE
 * and the result column as COLUMN.
 *
 * The database is opened read-only and nothing else is read: anything
 * but a single statement that only reads is refused with RELMAP_EUSAGE
 * (writes, pragmas, ATTACH, a second statement), as is a query SQLite
 * cannot prepare.  A missing file is RELMAP_ENOENT, a file that is not a
 * database or is corrupt RELMAP_EDATA; otherwise as for CSV.
 */
int relmap_document_load_sql(relmap_document **out, const char *path,
			     const char *sql, const char *table,
			     const relmap_csv_options *opts,
			     relmap_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
