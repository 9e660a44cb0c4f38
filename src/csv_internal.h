/*
 * csv_internal.h - the pieces of the CSV loader: which header column holds
 * which field (csv_columns.c) and what a role or attitude value means
 * (csv_vocab.c).  load_csv.c drives them.
 */
#ifndef RELMAP_CSV_INTERNAL_H
#define RELMAP_CSV_INTERNAL_H

#include <stddef.h>

#include "relmap/load.h"

/* The header's columns: name and length of each, as read. */
typedef struct csv_header {
	const char **names;
	const size_t *lens;
	size_t count;
} csv_header;

/* How a field's column was found. */
enum { CSV_BY_MAP = 1, CSV_BY_PRESET, CSV_BY_NAME, CSV_BY_SHARING };

/* Where a field was looked for and found. */
typedef struct csv_column {
	int index;          /* 0-based column, -1: the header has none */
	const char *mapped; /* the FIELD=COLUMN name asked for, or NULL */
	int how;            /* CSV_BY_*, 0 when not found */
} csv_column;

/*
 * Find each field's column: the mapped name if opts maps the field, else
 * the preset's names in order; each name matched exactly over the whole
 * header first, then ignoring ASCII case.  Then each column nothing has
 * claimed is recognised by its name (csv_recognise) for a field still
 * without one, the first such column winning.  An account column whose
 * name is a name ("Account Name", "Company Name") is the account's name
 * too, and an account name with no account column is the account.  A
 * mapped name that matches no column gives index -1 with `mapped` set,
 * which the caller reports.
 */
void csv_match_columns(csv_column out[RELMAP_CSV_FIELD_COUNT],
		       const csv_header *h, const relmap_csv_options *opts);

/*
 * The field (a relmap_csv_field) a column named `name` (len bytes) holds
 * by its name alone, or -1: the name folded (csv_fold) and its object
 * prefix ("Contact: ", "Account.") looked up in csv_recognise.c's tables.
 */
int csv_recognise(const char *name, size_t len);

/* `s` lower-cased, with every byte but ASCII letters, digits and non-ASCII
 * dropped, NUL-terminated in `out` (cap bytes, cut to fit); its length. */
size_t csv_fold(char *out, size_t cap, const char *s, size_t len);

/* The preset's names for a field, as "'A' or 'B'" for messages. */
void csv_expected_names(char *out, size_t size, relmap_csv_preset preset,
			relmap_csv_field f);

/* Role and attitude values: 0 and *out set, -1 when the value (len bytes)
 * names nothing relmap knows, -2 for an attitude rating outside -5..+5.
 * An empty value is unknown. */
int csv_vocab_role(int *out, const char *s, size_t len);
int csv_vocab_attitude(int *out, const char *s, size_t len);

/* Touchpoint channel and sentiment values, likewise (0 or -1); an empty
 * sentiment is neutral, an empty channel unknown. */
int csv_vocab_channel(int *out, const char *s, size_t len);
int csv_vocab_sentiment(int *out, const char *s, size_t len);

/*
 * The reader alone: `data` read as the loader reads a file (byte-order
 * mark, libcsv, lenient or strict quotes, UTF-8 and size checks), every
 * row, the header included and blank ones excluded, handed to `fn` with
 * the line it starts on and its fields (field i is buf + offs[i], lens[i]
 * bytes, NUL-terminated).  Returns 0 or a RELMAP_E* code with `diags`
 * filled; for the tests (csv-spectrum).
 */
typedef void (*csv_row_fn)(void *ud, int line, const char *buf,
			   const size_t *offs, const size_t *lens, size_t n);
int csv_read_memory(const char *data, size_t len, const char *name,
		    const relmap_csv_options *opts, csv_row_fn fn, void *ud,
		    relmap_diags *diags);

/*
 * Rows from elsewhere (load_sql.c): `produce` hands the loader the header
 * and then each row, field by field (csv_loader_field, the bytes are
 * copied) and row by row (csv_loader_row, with the row's position as its
 * LINE), and returns 0 or a RELMAP_E* code of its own; it should stop
 * when csv_loader_row returns nonzero (too many errors, a limit).  The
 * rows are then persons, accounts or edges as a CSV file's would be.
 */
typedef struct loader csv_loader;
typedef int (*csv_producer)(csv_loader *L, void *ud);
void csv_loader_field(csv_loader *L, const void *s, size_t len);
int csv_loader_row(csv_loader *L, int line);
/* 1 when column `col` (0-based) of the header is some field's, or the
 * header is not read yet; 0 for a column nothing uses. */
int csv_loader_uses(const csv_loader *L, size_t col);
int csv_load_rows(relmap_document **out, const char *name,
		  const relmap_csv_options *opts, csv_producer produce,
		  void *ud, relmap_diags *diags);

#endif
