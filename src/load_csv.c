/*
 * load_csv.c - the CSV loader: persons exported from a CRM, read with
 * libcsv (see docs/csv.md and relmap/load.h).
 *
 * The input goes to libcsv in 256 KiB chunks, and within a chunk one
 * physical line at a time, so the loader always knows the line it is on:
 * a row's position is the line where it starts (a quoted field may hold
 * newlines), found by asking at each line start whether libcsv is between
 * rows.  libcsv keeps that in its public `pstate` member, 0 (ROW_NOT_BEGUN
 * in libcsv.c) between rows; its callbacks carry no positions.
 *
 * Each row's fields are copied into one buffer, turned into a person when
 * the row ends, and forgotten: memory follows the persons kept.  Ids are
 * interned per account in an idmap; reports-to values are kept as written
 * and resolved once the file is read (ids first, then unique full names,
 * since Dynamics 365 exports its manager lookup as a name), and reports-to
 * cycles are then looked for as the XML loader does.  Problems found then
 * are put back in file order with the rest.
 *
 * A header with member and person columns makes an edges file instead
 * (read_edge_row): coverage and touchpoints between members created from
 * the ids met and placeholder persons, which the store resolves against
 * the persons it holds (relmap_document.edges_only).
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "csv_internal.h"
#include "decimal.h"
#include "input.h"
#include "show.h"
#include "document.h"
#include "idmap.h"
#include "vec.h"

#define CHUNK_SIZE INPUT_CHUNK_SIZE
/* libcsv grows a field's buffer without bound; a field this long is not
 * a name or a title but a broken file (an unclosed quote, say). */
#define MAX_FIELD_BYTES ((size_t)16 << 20)
/* Longest reports-to cycle spelled out in full. */
#define CYCLE_SHOW 20
/* Padded or truncated rows warned about one by one; the rest are counted. */
#define RAGGED_WARN_MAX 10
#define DESC_BUF (SHOW_BUF + 32)

/* Kinds of ids in an account's maps. */
enum { ID_PERSON = 1, NAME_UNIQUE = 1, NAME_SHARED = 2 };

/* What the loader keeps per account while reading. */
typedef struct account_state {
	idmap ids;   /* person id -> index */
	idmap bases; /* derived ids: slug -> next suffix to try */
	idmap names; /* full name -> index, built when a reference needs it */
	int names_built;
	idmap members; /* edges files: member id -> index */
} account_state;

typedef struct loader {
	relmap_document *doc;
	arena *arena;
	relmap_diags *diags;
	const char *file;
	const relmap_csv_options *opts;
	struct csv_parser parser;
	size_t diags_from; /* diags->count when the load began */

	size_t errors;
	int nomem;
	int halted;

	int line;          /* the physical line being read, 1-based */
	int at_line_start;
	int rec_line;      /* where the current row began */
	int quote_warned;  /* a stray quote was kept (lenient quotes) */
	int explained;     /* explain() has run */
	int header_matched; /* cols[] hold the header's columns */

	/* The current row: its fields' bytes, each NUL-terminated. */
	char *row;
	size_t row_len, row_cap;
	size_t *offs;
	size_t *lens;
	size_t offs_cap, lens_cap;
	size_t n_fields;
	size_t bad_field;  /* 1 + a field holding NUL or invalid UTF-8 */
	int bad_kind;

	/* The header. */
	int have_header;
	int header_line;
	char *hbuf;
	const char **hnames;
	size_t *hlens;
	size_t n_cols;
	csv_column cols[RELMAP_CSV_FIELD_COUNT];
	int derive_ids;
	/* A name column beside a last-name one and no first-name one: it
	 * holds first names ("name,lastName" in org charts). */
	int name_is_first;
	/* An edges file (member and person columns): rows are coverage
	 * (has_cov) and/or touchpoints (has_tp), not persons. */
	int edges, has_cov, has_tp;

	size_t rows;
	size_t ragged_rows;
	size_t bytes_read;

	idmap account_ids; /* account id -> account index */
	account_state *accts;
	size_t n_accts; /* initialised entries of accts */
	size_t accts_cap;
	int32_t last_account; /* rows come grouped: the previous row's */

	char *scratch;
	size_t scratch_cap;

	/* csv_read_memory(): rows go here, header included, not to persons. */
	csv_row_fn hook;
	void *hook_ud;
	/* csv_load_rows(): rows come from a producer (an SQL query). */
	int rows_from_query;
} loader;

/* ------------------------------------------------------------------ */
/* Diagnostics */

static void set_nomem(loader *L)
{
	L->nomem = 1;
	L->halted = 1;
}

static void diag_at(loader *L, relmap_severity sev, int line, int col,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void diag_at(loader *L, relmap_severity sev, int line, int col,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (sev == RELMAP_SEVERITY_ERROR)
		L->errors++;
	if (relmap_diags_addv(L->diags, sev, L->file, line, col, fmt, ap))
		set_nomem(L);
	va_end(ap);
	if (relmap_diags_full(L->diags))
		L->halted = 1;
}

#define error_at(L, ...) diag_at(L, RELMAP_SEVERITY_ERROR, __VA_ARGS__)
#define warning_at(L, ...) diag_at(L, RELMAP_SEVERITY_WARNING, __VA_ARGS__)


/* "column 3 ('Title')", or "column 3" past the header's columns. */
static const char *col_desc(char out[DESC_BUF], const loader *L, size_t idx)
{
	char b[SHOW_BUF];
	if (L->have_header && idx < L->n_cols)
		snprintf(out, DESC_BUF, "column %zu ('%s')", idx + 1,
			 show(b, L->hnames[idx], L->hlens[idx]));
	else
		snprintf(out, DESC_BUF, "column %zu", idx + 1);
	return out;
}

/* A limit (docs/limits.md) was reached: say which, and stop. */
static void over_limit(loader *L, int line, int col, const char *what,
		       size_t limit, const char *unit, const char *name)
{
	error_at(L, line, col, "%s: the limit is %zu%s (%s, docs/limits.md)",
		 what, limit, unit, name);
	L->halted = 1;
}

/* 1 (reported) when `a` cannot take one more person or member. */
static int people_limited(loader *L, const relmap_account *a, size_t n,
			  const char *what)
{
	size_t max = L->opts->limits.max_persons;
	if (!max || n < max)
		return 0;
	char w[64];
	snprintf(w, sizeof(w), "too many %s in account '%s'", what,
		 a->id ? a->id : "");
	over_limit(L, L->rec_line, 1, w, max, "", "max_persons");
	return 1;
}

/* ------------------------------------------------------------------ */
/* Fields */

/* 0, or 1 for a NUL byte, 2 for bytes that are not UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF included). */
static int check_bytes(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c == 0)
			return 1;
		size_t n;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return 2;
		}
		if (len - i <= n)
			return 2;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 2;
		for (size_t k = 2; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 2;
		i += n + 1;
	}
	return 0;
}

static void on_field(void *data, size_t len, void *ud)
{
	loader *L = ud;
	if (L->halted)
		return;
	const relmap_limits *lim = &L->opts->limits;
	if (lim->max_columns && L->n_fields >= lim->max_columns) {
		over_limit(L, L->rec_line, (int)L->n_fields + 1,
			   "too many fields in the row", lim->max_columns, "",
			   "max_columns");
		return;
	}
	if (lim->max_text && len > lim->max_text) {
		char d[DESC_BUF], w[DESC_BUF + 48];
		snprintf(w, sizeof(w), "%s is %zu bytes long",
			 col_desc(d, L, L->n_fields), len);
		over_limit(L, L->rec_line, (int)L->n_fields + 1, w,
			   lim->max_text, " bytes", "max_text");
		return;
	}
	if (vec_reserve(&L->row, &L->row_cap, L->row_len + len + 1, 1) ||
	    vec_reserve(&L->offs, &L->offs_cap, L->n_fields + 1,
			sizeof(*L->offs)) ||
	    vec_reserve(&L->lens, &L->lens_cap, L->n_fields + 1,
			sizeof(*L->lens))) {
		set_nomem(L);
		return;
	}
	const unsigned char *s = data ? data : (const unsigned char *)"";
	if (!L->bad_field) {
		int k = check_bytes(s, len);
		if (k) {
			L->bad_field = L->n_fields + 1;
			L->bad_kind = k;
		}
	}
	L->offs[L->n_fields] = L->row_len;
	L->lens[L->n_fields] = len;
	if (len)
		memcpy(L->row + L->row_len, s, len);
	L->row[L->row_len + len] = '\0';
	L->row_len += len + 1;
	L->n_fields++;
}

/* ------------------------------------------------------------------ */
/* The header */

/* Keep the header's names for messages; 0, or -1 (reported). */
static int keep_header(loader *L)
{
	L->have_header = 1;
	L->header_line = L->rec_line;
	if (L->bad_field) {
		error_at(L, L->rec_line, (int)L->bad_field,
			 L->bad_kind == 1 ? "column %zu of the header: NUL byte "
					    "in the name"
					  : "column %zu of the header: the name "
					    "is not valid UTF-8",
			 L->bad_field);
		L->halted = 1;
		return -1;
	}
	L->n_cols = L->n_fields;
	L->hbuf = malloc(L->row_len ? L->row_len : 1);
	L->hnames = malloc((L->n_cols ? L->n_cols : 1) * sizeof(*L->hnames));
	L->hlens = malloc((L->n_cols ? L->n_cols : 1) * sizeof(*L->hlens));
	if (!L->hbuf || !L->hnames || !L->hlens) {
		set_nomem(L);
		return -1;
	}
	memcpy(L->hbuf, L->row, L->row_len);
	for (size_t i = 0; i < L->n_cols; i++) {
		L->hnames[i] = L->hbuf + L->offs[i];
		L->hlens[i] = L->lens[i];
	}
	return 0;
}

/* Notes at the header: which column became which field, or that it is
 * not used (RELMAP_CSV_EXPLAIN_*). */
static void explain(loader *L)
{
	char d[DESC_BUF], msg[256];
	L->explained = 1;
	for (size_t i = 0; i < L->n_cols; i++) {
		int n = 0;
		size_t o = 0;
		msg[0] = '\0';
		for (int f = 0; f < RELMAP_CSV_FIELD_COUNT; f++) {
			int edge_field = f >= RELMAP_CSV_MEMBER &&
					 f <= RELMAP_CSV_SENTIMENT;
			int person_field = f > RELMAP_CSV_ACCOUNT &&
					   f < RELMAP_CSV_MEMBER;
			if (L->cols[f].index != (int)i || o >= sizeof(msg) ||
			    (edge_field && !L->edges) ||
			    (person_field && L->edges))
				continue;
			o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%s",
					      n++ ? " and " : "",
					      relmap_csv_field_name(
						      (relmap_csv_field)f));
			if (f == RELMAP_CSV_NAME && L->name_is_first &&
			    o < sizeof(msg))
				o += (size_t)snprintf(msg + o, sizeof(msg) - o,
						      " (first names: the "
						      "last-name column is "
						      "joined to them)");
		}
		diag_at(L, RELMAP_SEVERITY_NOTE, L->header_line, (int)i + 1,
			"%s %s%s", col_desc(d, L, i), n ? "-> " : "is not used",
			msg);
	}
}

static void read_header(loader *L)
{
	if (keep_header(L))
		return;
	csv_header h = { L->hnames, L->hlens, L->n_cols };
	csv_match_columns(L->cols, &h, L->opts);
	L->header_matched = 1;

	int line = L->header_line;
	char b[SHOW_BUF], want[512];
	relmap_csv_preset pre = L->opts->preset;
	L->edges = L->cols[RELMAP_CSV_MEMBER].index >= 0 &&
		   L->cols[RELMAP_CSV_PERSON].index >= 0;
	/* One set of mappings serves every INPUT of a command (persons and
	 * edges files imported together): a mapped column is required only
	 * of files of its kind.  A file with no name column may have been
	 * meant as an edges file: it hears of missing edges columns too. */
	int names = L->cols[RELMAP_CSV_NAME].index >= 0 ||
		    L->cols[RELMAP_CSV_FIRST_NAME].index >= 0 ||
		    L->cols[RELMAP_CSV_LAST_NAME].index >= 0;
	for (int f = 0; f < RELMAP_CSV_FIELD_COUNT; f++) {
		int edge_field = f >= RELMAP_CSV_MEMBER &&
				 f <= RELMAP_CSV_SENTIMENT;
		int applies = f == RELMAP_CSV_ACCOUNT ||
			      f >= RELMAP_CSV_ACCOUNT_NAME ||
			      (edge_field ? L->edges || !names : !L->edges);
		if (applies && L->cols[f].index < 0 && L->cols[f].mapped)
			error_at(L, line, 0,
				 "no column '%s' in the header (mapped with %s=%s)",
				 show_str(b, L->cols[f].mapped),
				 relmap_csv_field_name((relmap_csv_field)f),
				 show_str(b, L->cols[f].mapped));
	}
	if (L->edges) {
		int ch = L->cols[RELMAP_CSV_CHANNEL].index >= 0;
		int dt = L->cols[RELMAP_CSV_DATE].index >= 0;
		L->has_cov = L->cols[RELMAP_CSV_STRENGTH].index >= 0;
		L->has_tp = ch && dt;
		if (ch != dt)
			error_at(L, line, 0,
				 "a touchpoint needs both a channel and a date "
				 "column: no %s column",
				 ch ? "date" : "channel");
		else if (!L->has_cov && !L->has_tp)
			error_at(L, line, 0,
				 "member and person columns but no strength "
				 "column (coverage) nor channel and date "
				 "columns (touchpoints)");
	} else if (L->cols[RELMAP_CSV_NAME].index < 0 &&
	    L->cols[RELMAP_CSV_FIRST_NAME].index < 0 &&
	    L->cols[RELMAP_CSV_LAST_NAME].index < 0 &&
	    !L->cols[RELMAP_CSV_NAME].mapped) {
		char first[160], last[160];
		csv_expected_names(want, sizeof(want), pre, RELMAP_CSV_NAME);
		csv_expected_names(first, sizeof(first), pre,
				   RELMAP_CSV_FIRST_NAME);
		csv_expected_names(last, sizeof(last), pre,
				   RELMAP_CSV_LAST_NAME);
		error_at(L, line, 0,
			 "no name column: expected %s, or %s and %s "
			 "(map one with name=COLUMN)",
			 want, first, last);
	}
	if (L->cols[RELMAP_CSV_ACCOUNT].index < 0 &&
	    (!L->opts->account || !*L->opts->account) &&
	    !L->cols[RELMAP_CSV_ACCOUNT].mapped) {
		csv_expected_names(want, sizeof(want), pre,
				   RELMAP_CSV_ACCOUNT);
		error_at(L, line, 0,
			 "no account column (expected %s): give the account "
			 "with --account ID or map a column with account=COLUMN",
			 want);
	}
	L->derive_ids = L->cols[RELMAP_CSV_ID].index < 0;
	L->name_is_first = L->cols[RELMAP_CSV_NAME].index >= 0 &&
			   L->cols[RELMAP_CSV_LAST_NAME].index >= 0 &&
			   L->cols[RELMAP_CSV_FIRST_NAME].index < 0;
	if (L->opts->explain_columns == RELMAP_CSV_EXPLAIN_ALWAYS)
		explain(L);
	if (L->errors)
		L->halted = 1; /* every row would say the same */
}

/* ------------------------------------------------------------------ */
/* Rows */

typedef struct value {
	const char *s;
	size_t len;
	int col; /* the 0-based column, -1 when the header has none */
} value;

static value get(const loader *L, relmap_csv_field f)
{
	value v = { "", 0, L->cols[f].index };
	if (v.col >= 0 && (size_t)v.col < L->n_fields) {
		v.s = L->row + L->offs[v.col];
		v.len = L->lens[v.col];
	}
	return v;
}

static int account_of(loader *L, const value *v, int32_t *out)
{
	const char *id = v->s;
	size_t len = v->len;
	if (!len) {
		if (!L->opts->account || !*L->opts->account) {
			char d[DESC_BUF];
			error_at(L, L->rec_line, v->col + 1,
				 "%s is empty and no default account is set "
				 "(use --account ID)",
				 col_desc(d, L, (size_t)v->col));
			return -1;
		}
		id = L->opts->account;
		len = strlen(id);
	}
	if (L->last_account >= 0) {
		const char *last = L->doc->accounts[L->last_account].id;
		if (strncmp(last, id, len) == 0 && last[len] == '\0') {
			*out = L->last_account;
			return 0;
		}
	}
	idmap *m = &L->account_ids;
	idmap_slot *s = idmap_intern(m, L->arena, id, len,
				     idmap_hash(m, id, len));
	if (!s) {
		set_nomem(L);
		return -1;
	}
	if (!s->kind) {
		size_t max = L->opts->limits.max_accounts;
		if (max && L->doc->n_accounts >= max) {
			over_limit(L, L->rec_line, v->col + 1,
				   "too many accounts", max, "", "max_accounts");
			return -1;
		}
		relmap_account *a = document_add_account(L->doc);
		size_t n = L->doc->n_accounts;
		if (!a || vec_reserve(&L->accts, &L->accts_cap, n,
				      sizeof(*L->accts))) {
			set_nomem(L);
			return -1;
		}
		account_state *st = &L->accts[n - 1];
		memset(st, 0, sizeof(*st));
		idmap_init(&st->ids);
		idmap_init(&st->bases);
		idmap_init(&st->names);
		idmap_init(&st->members);
		L->n_accts = n;
		a->id = idmap_key(m, idmap_sym(s));
		a->pos.line = L->rec_line;
		a->pos.column = v->col + 1;
		s->kind = 1;
		s->index = (int32_t)(n - 1);
	}
	*out = L->last_account = s->index;
	return 0;
}

/* The person's name, in the arena: the name column, else first and last
 * name joined by a space; NULL (reported) when all are empty. */
static const char *name_of(loader *L)
{
	value n = get(L, RELMAP_CSV_NAME);
	value f = get(L, RELMAP_CSV_FIRST_NAME), l = get(L, RELMAP_CSV_LAST_NAME);
	if (n.len && L->name_is_first) {
		/* "name" beside "lastName" (org charts): the first name, unless
		 * it ends with the last name already. */
		if (!l.len || (n.len > l.len && n.s[n.len - l.len - 1] == ' ' &&
			       memcmp(n.s + n.len - l.len, l.s, l.len) == 0))
			l.len = 0;
		f = n;
		n.len = 0;
	}
	if (n.len) {
		const char *s = arena_strndup(L->arena, n.s, n.len);
		if (!s)
			set_nomem(L);
		return s;
	}
	if (f.len || l.len) {
		size_t len = f.len + (f.len && l.len) + l.len;
		char *s = arena_alloc(L->arena, len + 1);
		if (!s) {
			set_nomem(L);
			return NULL;
		}
		memcpy(s, f.s, f.len);
		if (f.len && l.len)
			s[f.len] = ' ';
		memcpy(s + len - l.len, l.s, l.len);
		s[len] = '\0';
		return s;
	}
	char d1[DESC_BUF], d2[DESC_BUF];
	if (n.col >= 0 && f.col < 0 && l.col < 0)
		error_at(L, L->rec_line, n.col + 1, "%s: empty name",
			 col_desc(d1, L, (size_t)n.col));
	else if (n.col >= 0)
		error_at(L, L->rec_line, n.col + 1,
			 "%s: empty name (and no first or last name)",
			 col_desc(d1, L, (size_t)n.col));
	else if (f.col >= 0 && l.col >= 0)
		error_at(L, L->rec_line, f.col + 1, "no name: %s and %s are empty",
			 col_desc(d1, L, (size_t)f.col),
			 col_desc(d2, L, (size_t)l.col));
	else {
		int c = f.col >= 0 ? f.col : l.col;
		error_at(L, L->rec_line, c + 1, "%s: empty name",
			 col_desc(d1, L, (size_t)c));
	}
	return NULL;
}

/* A slug of the name: ASCII letters and digits lower-cased, other UTF-8
 * characters kept, every other run turned into one '-'. */
static size_t slugify(char *out, const char *s)
{
	size_t o = 0;
	int dash = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			   (c >= 'A' && c <= 'Z') || c >= 0x80;
		if (!keep) {
			dash = o > 0;
			continue;
		}
		if (dash)
			out[o++] = '-';
		dash = 0;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	if (o == 0) {
		memcpy(out, "person", 6);
		o = 6;
	}
	out[o] = '\0';
	return o;
}

/* An id not yet taken in the account: the slug of the name, else the slug
 * with "-2", "-3", ... in file order.  Returns the id's slot, or NULL. */
static idmap_slot *derive_id(loader *L, account_state *st, const char *name)
{
	size_t nlen = strlen(name);
	if (vec_reserve(&L->scratch, &L->scratch_cap, nlen + 32, 1)) {
		set_nomem(L);
		return NULL;
	}
	char *buf = L->scratch;
	size_t blen = slugify(buf, name);
	idmap *ids = &st->ids;
	uint32_t h = idmap_hash(ids, buf, blen);
	if (!idmap_find(ids, buf, blen, h))
		return idmap_intern(ids, L->arena, buf, blen, h);
	idmap_slot *b = idmap_intern(&st->bases, L->arena, buf, blen,
				     idmap_hash(&st->bases, buf, blen));
	if (!b)
		return NULL;
	int32_t k = b->index < 2 ? 2 : b->index;
	for (;; k++) {
		size_t len = blen + (size_t)snprintf(buf + blen, 24, "-%d",
						     (int)k);
		h = idmap_hash(ids, buf, len);
		if (!idmap_find(ids, buf, len, h)) {
			b->index = k + 1;
			return idmap_intern(ids, L->arena, buf, len, h);
		}
	}
}

static void bad_value(loader *L, const value *v, const char *what)
{
	char d[DESC_BUF], b[SHOW_BUF];
	error_at(L, L->rec_line, v->col + 1, "%s: %s '%s'",
		 col_desc(d, L, (size_t)v->col), what, show(b, v->s, v->len));
}

static int row_is_empty(const loader *L)
{
	for (size_t i = 0; i < L->n_fields; i++)
		if (L->lens[i])
			return 0;
	return 1;
}

/* An edges row's member or person: the slot of its id in `m`, interned
 * (kind 0 when new); NULL when empty (reported) or out of memory. */
static idmap_slot *edge_ref(loader *L, idmap *m, relmap_csv_field f,
			    const char *what)
{
	char d[DESC_BUF];
	value v = get(L, f);
	if (!v.len) {
		error_at(L, L->rec_line, v.col + 1, "%s: empty %s id",
			 col_desc(d, L, (size_t)v.col), what);
		return NULL;
	}
	idmap_slot *s = idmap_intern(m, L->arena, v.s, v.len,
				     idmap_hash(m, v.s, v.len));
	if (!s)
		set_nomem(L);
	return s;
}

/* YYYY-MM-DD, or a CRM timestamp starting with one ("2026-10-02
 * 14:30:00", "2026-10-02T14:30:00Z"): the date part is the day, whatever
 * the time zone (a touchpoint is dated to the day). */
static int edge_date(int32_t *out, const value *v)
{
	char buf[11];
	if (v->len < 10 ||
	    (v->len > 10 && v->s[10] != ' ' && v->s[10] != 'T'))
		return -1;
	memcpy(buf, v->s, 10);
	buf[10] = '\0';
	return relmap_date_parse(out, buf) ? -1 : 0;
}

/* One row of an edges file: a coverage record and/or a touchpoint.
 * Every value is checked before anything is added, so a bad row adds
 * nothing and reports all its problems. */
static void read_edge_row(loader *L, int32_t ai)
{
	char d[DESC_BUF];
	account_state *st = &L->accts[ai];
	relmap_account *a = &L->doc->accounts[ai];
	double strength = 0;
	int chan = 0, sent = RELMAP_SENTIMENT_NEUTRAL, cov = 0, tp = 0;
	int32_t date = 0;
	size_t errors = L->errors;

	value sv = get(L, RELMAP_CSV_STRENGTH);
	value cv = get(L, RELMAP_CSV_CHANNEL), dv = get(L, RELMAP_CSV_DATE);
	cov = L->has_cov && sv.len;
	/* In a file of both kinds a row is whichever its values say. */
	tp = L->has_tp && (!L->has_cov || cv.len || dv.len);
	if (L->has_cov && !cov && !tp) {
		error_at(L, L->rec_line, sv.col + 1, "%s: empty strength",
			 col_desc(d, L, (size_t)sv.col));
		return;
	}
	if (cov) {
		int rc = decimal_parse(&strength, sv.s, sv.len);
		if (rc == -2) {
			set_nomem(L);
			return;
		}
		if (rc || strength < 0 || strength > 1)
			bad_value(L, &sv,
				  "strength must be a number from 0 to 1, not");
	}
	if (tp) {
		if (!cv.len)
			error_at(L, L->rec_line, cv.col + 1, "%s: empty channel",
				 col_desc(d, L, (size_t)cv.col));
		else if (csv_vocab_channel(&chan, cv.s, cv.len))
			bad_value(L, &cv, "unknown channel");
		if (!dv.len)
			error_at(L, L->rec_line, dv.col + 1, "%s: empty date",
				 col_desc(d, L, (size_t)dv.col));
		else if (edge_date(&date, &dv))
			bad_value(L, &dv, "not a date (YYYY-MM-DD):");
		value tv = get(L, RELMAP_CSV_SENTIMENT);
		if (tv.len && csv_vocab_sentiment(&sent, tv.s, tv.len))
			bad_value(L, &tv, "unknown sentiment");
	}
	idmap_slot *ms = edge_ref(L, &st->members, RELMAP_CSV_MEMBER, "member");
	idmap_slot *ps = edge_ref(L, &st->ids, RELMAP_CSV_PERSON, "person");
	if (!ms || !ps || L->errors != errors || L->halted)
		return;
	size_t max_edges = L->opts->limits.max_edges;
	if (max_edges && a->n_coverages + a->n_touchpoints + (size_t)cov +
				 (size_t)tp > max_edges) {
		char w[64];
		snprintf(w, sizeof(w), "too many coverage and touchpoint "
			 "records in account '%s'", a->id ? a->id : "");
		over_limit(L, L->rec_line, 1, w, max_edges, "", "max_edges");
		return;
	}
	if ((!ms->kind && people_limited(L, a, a->n_members, "team members")) ||
	    (!ps->kind && people_limited(L, a, a->n_persons, "persons")))
		return;
	if (!ms->kind) {
		relmap_member *m = document_add_member(L->doc, a);
		if (!m) {
			set_nomem(L);
			return;
		}
		value nv = get(L, RELMAP_CSV_MEMBER_NAME);
		m->id = idmap_key(&st->members, idmap_sym(ms));
		m->name = nv.len ? arena_strndup(L->arena, nv.s, nv.len) : m->id;
		if (!m->name) {
			set_nomem(L);
			return;
		}
		m->pos.line = L->rec_line;
		m->pos.column = L->cols[RELMAP_CSV_MEMBER].index + 1;
		ms->kind = 1;
		ms->index = (int32_t)(a->n_members - 1);
	}
	if (!ps->kind) {
		relmap_person *p = document_add_person(L->doc, a);
		if (!p) {
			set_nomem(L);
			return;
		}
		p->id = p->name = idmap_key(&st->ids, idmap_sym(ps));
		p->manager = -1;
		p->pos.line = L->rec_line;
		p->pos.column = L->cols[RELMAP_CSV_PERSON].index + 1;
		ps->kind = ID_PERSON;
		ps->index = (int32_t)(a->n_persons - 1);
	}
	relmap_pos pos = { L->rec_line, L->cols[RELMAP_CSV_MEMBER].index + 1 };
	if (cov) {
		relmap_coverage *c = document_add_coverage(L->doc, a);
		if (!c) {
			set_nomem(L);
			return;
		}
		c->member = ms->index;
		c->person = ps->index;
		c->strength = strength;
		c->pos = pos;
	}
	if (tp) {
		relmap_touchpoint *t = document_add_touchpoint(L->doc, a);
		if (!t) {
			set_nomem(L);
			return;
		}
		t->member = ms->index;
		t->person = ps->index;
		t->channel = (relmap_channel)chan;
		t->date = date;
		t->sentiment = (relmap_sentiment)sent;
		t->pos = pos;
	}
}

/* 1 when the row has a value in an account column and in no person
 * column (fields past its end are empty). */
static int account_row(const loader *L)
{
	static const relmap_csv_field acct[] = {
		RELMAP_CSV_ACCOUNT, RELMAP_CSV_ACCOUNT_NAME,
		RELMAP_CSV_ACCOUNT_TYPE, RELMAP_CSV_INDUSTRY
	};
	int any = 0;
	for (size_t i = 0; i < sizeof(acct) / sizeof(acct[0]); i++)
		any |= get(L, acct[i]).len > 0;
	for (int f = RELMAP_CSV_ID; f <= RELMAP_CSV_URL && any; f++)
		if (get(L, (relmap_csv_field)f).len)
			return 0;
	return any;
}

/* The account's name, type (as its segment) and industry: the first
 * value given wins.  0, or -1 out of memory. */
static int account_fields(loader *L, relmap_account *a)
{
	static const struct {
		relmap_csv_field f;
		size_t off;
	} fs[] = {
		{ RELMAP_CSV_ACCOUNT_NAME, offsetof(relmap_account, name) },
		{ RELMAP_CSV_ACCOUNT_TYPE, offsetof(relmap_account, segment) },
		{ RELMAP_CSV_INDUSTRY, offsetof(relmap_account, industry) },
	};
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		value v = get(L, fs[i].f);
		const char *old;
		memcpy(&old, (char *)a + fs[i].off, sizeof(old));
		if (!v.len || old)
			continue;
		const char *c = arena_strndup(L->arena, v.s, v.len);
		if (!c) {
			set_nomem(L);
			return -1;
		}
		memcpy((char *)a + fs[i].off, &c, sizeof(c));
	}
	return 0;
}

static void read_row(loader *L)
{
	char d[DESC_BUF], b[SHOW_BUF];
	/* Spreadsheets save the rows below the data as ",,,": skipped like
	 * the blank lines libcsv skips. */
	if (row_is_empty(L))
		return;
	L->rows++;
	if (L->bad_field) {
		error_at(L, L->rec_line, (int)L->bad_field,
			 L->bad_kind == 1 ? "%s: NUL byte in the value"
					  : "%s: the value is not valid UTF-8",
			 col_desc(d, L, L->bad_field - 1));
		return;
	}
	/* Report exports list accounts without persons as rows of account
	 * fields only, cut short after them: such a row makes the account. */
	int account_only = !L->edges && account_row(L);
	if (L->n_fields != L->n_cols &&
	    !(account_only && L->n_fields < L->n_cols)) {
		size_t at = (L->n_fields < L->n_cols ? L->n_fields : L->n_cols) + 1;
		if (L->opts->ragged != RELMAP_CSV_RAGGED_PAD) {
			error_at(L, L->rec_line, (int)at,
				 "row has %zu fields, the header has %zu",
				 L->n_fields, L->n_cols);
			return;
		}
		if (++L->ragged_rows <= RAGGED_WARN_MAX)
			warning_at(L, L->rec_line, (int)at,
				   "row has %zu fields, the header has %zu: %s",
				   L->n_fields, L->n_cols,
				   L->n_fields < L->n_cols
					   ? "padded with empty fields"
					   : "extra fields ignored");
	}

	int32_t ai;
	value acc = get(L, RELMAP_CSV_ACCOUNT);
	if (account_of(L, &acc, &ai))
		return;
	if (L->edges) {
		read_edge_row(L, ai);
		return;
	}
	account_state *st = &L->accts[ai];
	relmap_account *a = &L->doc->accounts[ai];
	if (account_fields(L, a) || account_only)
		return;

	int role = RELMAP_ROLE_UNKNOWN, att = RELMAP_ATTITUDE_UNKNOWN;
	double infl = 0;
	value v = get(L, RELMAP_CSV_ROLE);
	if (v.len && csv_vocab_role(&role, v.s, v.len))
		bad_value(L, &v, "unknown role");
	v = get(L, RELMAP_CSV_INFLUENCE);
	if (v.len) {
		int rc = decimal_parse(&infl, v.s, v.len);
		if (rc == -2) {
			set_nomem(L);
			return;
		}
		if (rc || infl < 0 || infl > 1) {
			bad_value(L, &v, "influence must be a number from 0 to 1, not");
			infl = 0;
		}
	}
	v = get(L, RELMAP_CSV_ATTITUDE);
	if (v.len) {
		int rc = csv_vocab_attitude(&att, v.s, v.len);
		if (rc == -2)
			bad_value(L, &v, "attitude ratings go from -5 to +5, not");
		else if (rc)
			bad_value(L, &v, "unknown attitude");
	}

	const char *name = name_of(L);
	if (!name)
		return;
	idmap_slot *s;
	v = get(L, RELMAP_CSV_ID);
	if (L->derive_ids) {
		s = derive_id(L, st, name);
	} else if (!v.len) {
		error_at(L, L->rec_line, v.col + 1, "%s: empty id",
			 col_desc(d, L, (size_t)v.col));
		return;
	} else {
		s = idmap_intern(&st->ids, L->arena, v.s, v.len,
				 idmap_hash(&st->ids, v.s, v.len));
	}
	if (!s) {
		set_nomem(L);
		return;
	}
	if (s->kind) {
		error_at(L, L->rec_line, v.col + 1,
			 "%s: duplicate id '%s' (first defined at line %d)",
			 col_desc(d, L, (size_t)v.col), show(b, v.s, v.len),
			 a->persons[s->index].pos.line);
		return;
	}
	if (people_limited(L, a, a->n_persons, "persons"))
		return;
	relmap_person *p = document_add_person(L->doc, a);
	if (!p) {
		set_nomem(L);
		return;
	}
	s->kind = ID_PERSON;
	s->index = (int32_t)(a->n_persons - 1);
	p->id = idmap_key(&st->ids, idmap_sym(s));
	p->name = name;
	p->manager = -1;
	p->role = (relmap_role)role;
	p->attitude = (relmap_attitude)att;
	p->influence = infl;
	p->pos.line = L->rec_line;
	p->pos.column = 1;
	static const struct {
		relmap_csv_field f;
		size_t off;
	} strs[] = {
		{ RELMAP_CSV_TITLE, offsetof(relmap_person, title) },
		{ RELMAP_CSV_DEPARTMENT, offsetof(relmap_person, department) },
		{ RELMAP_CSV_EMAIL, offsetof(relmap_person, email) },
		{ RELMAP_CSV_URL, offsetof(relmap_person, url) },
		{ RELMAP_CSV_REPORTS_TO, offsetof(relmap_person, reports_to) },
	};
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		v = get(L, strs[i].f);
		if (!v.len)
			continue;
		const char *c = arena_strndup(L->arena, v.s, v.len);
		if (!c) {
			set_nomem(L);
			return;
		}
		memcpy((char *)p + strs[i].off, &c, sizeof(c));
	}
}

static void on_row(int c, void *ud)
{
	loader *L = ud;
	if (!L->halted && L->hook) {
		if (L->have_header || !keep_header(L))
			L->hook(L->hook_ud, L->rec_line, L->row, L->offs,
				L->lens, L->n_fields);
	}
	else if (!L->halted) {
		if (!L->have_header)
			read_header(L);
		else
			read_row(L);
	}
	L->row_len = 0;
	L->n_fields = 0;
	L->bad_field = 0;
}

/* ------------------------------------------------------------------ */
/* After the last row: references and cycles */

static int build_names(loader *L, account_state *st, relmap_account *a)
{
	idmap *m = &st->names;
	if (idmap_reserve(m, a->n_persons))
		return -1;
	for (size_t i = 0; i < a->n_persons; i++) {
		const char *n = a->persons[i].name;
		size_t len = strlen(n);
		idmap_slot *s = idmap_intern(m, L->arena, n, len,
					     idmap_hash(m, n, len));
		if (!s)
			return -1;
		if (!s->kind) {
			s->kind = NAME_UNIQUE;
			s->index = (int32_t)i;
		} else {
			s->kind = NAME_SHARED;
		}
	}
	st->names_built = 1;
	return 0;
}

static void resolve_account(loader *L, account_state *st, relmap_account *a)
{
	int col = L->cols[RELMAP_CSV_REPORTS_TO].index;
	char d[DESC_BUF], b1[SHOW_BUF], b2[SHOW_BUF];
	if (col < 0)
		return;
	col_desc(d, L, (size_t)col);
	for (size_t i = 0; i < a->n_persons && !L->halted; i++) {
		relmap_person *p = &a->persons[i];
		const char *to = p->reports_to;
		if (!to)
			continue;
		p->reports_to = NULL;
		size_t len = strlen(to);
		const idmap_slot *s = idmap_find(&st->ids, to, len,
						 idmap_hash(&st->ids, to, len));
		if (!s) {
			if (!st->names_built && build_names(L, st, a)) {
				set_nomem(L);
				return;
			}
			s = idmap_find(&st->names, to, len,
				       idmap_hash(&st->names, to, len));
			if (s && s->kind == NAME_SHARED) {
				error_at(L, p->pos.line, col + 1,
					 "%s: person '%s' reports to '%s', a name "
					 "shared by several persons (use ids)",
					 d, show_str(b1, p->id),
					 show_str(b2, to));
				continue;
			}
		}
		if (!s) {
			error_at(L, p->pos.line, col + 1,
				 "%s: person '%s' reports to unknown id '%s'",
				 d, show_str(b1, p->id), show_str(b2, to));
			continue;
		}
		if ((size_t)s->index == i) {
			error_at(L, p->pos.line, col + 1,
				 "%s: person '%s' reports to itself", d,
				 show_str(b1, p->id));
			continue;
		}
		p->manager = s->index;
		p->reports_to = a->persons[s->index].id;
	}
}

static void report_cycle(loader *L, const relmap_account *a, int32_t first)
{
	size_t n = 1;
	for (int32_t u = a->persons[first].manager; u != first;
	     u = a->persons[u].manager)
		n++;
	size_t cap = 64 + (n < CYCLE_SHOW ? n + 1 : CYCLE_SHOW + 1) *
				  (SHOW_BUF + 4);
	char *msg = malloc(cap), b[SHOW_BUF];
	if (!msg) {
		set_nomem(L);
		return;
	}
	size_t o = 0;
	if (n > CYCLE_SHOW)
		o += (size_t)snprintf(msg, cap,
				      "reports-to cycle of %zu persons: ", n);
	else
		o += (size_t)snprintf(msg, cap, "reports-to cycle: ");
	int32_t u = first;
	for (size_t i = 0; i < n && i < CYCLE_SHOW; i++) {
		o += (size_t)snprintf(msg + o, cap - o, "%s -> ",
				      show_str(b, a->persons[u].id));
		u = a->persons[u].manager;
	}
	if (n > CYCLE_SHOW)
		o += (size_t)snprintf(msg + o, cap - o, "... -> ");
	snprintf(msg + o, cap - o, "%s", show_str(b, a->persons[first].id));
	error_at(L, a->persons[first].pos.line,
		 L->cols[RELMAP_CSV_REPORTS_TO].index + 1, "%s", msg);
	free(msg);
}

/* Each person has at most one manager, so every walk up the chain either
 * ends, meets an earlier walk, or closes a cycle of its own; each person
 * is visited once.  A cycle is reported at its first row. */
static void find_cycles(loader *L, const relmap_account *a)
{
	if (a->n_persons == 0)
		return;
	int32_t *mark = calloc(a->n_persons, sizeof(*mark));
	if (!mark) {
		set_nomem(L);
		return;
	}
	for (size_t s = 0; s < a->n_persons && !L->halted; s++) {
		int32_t walk = (int32_t)s + 1, v = (int32_t)s;
		while (v >= 0 && mark[v] == 0) {
			mark[v] = walk;
			v = a->persons[v].manager;
		}
		if (v < 0 || mark[v] != walk)
			continue;
		int32_t first = v;
		for (int32_t u = a->persons[v].manager; u != v;
		     u = a->persons[u].manager)
			if (u < first)
				first = u;
		report_cycle(L, a, first);
	}
	free(mark);
}

/* References are resolved after the rows they are on: put this load's
 * diagnostics back in file order (stable for one position). */
static void sort_diags(loader *L)
{
	if (relmap_diags_sort(L->diags, L->diags_from) != 0)
		set_nomem(L);
}

/* ------------------------------------------------------------------ */
/* Driving the parse */

static void parse_error(loader *L, int line, int at_end)
{
	char d[DESC_BUF];
	int err = csv_error(&L->parser);
	if (err == CSV_ENOMEM || err == CSV_ETOOBIG) {
		set_nomem(L);
		return;
	}
	col_desc(d, L, L->n_fields);
	if (at_end)
		error_at(L, line, (int)L->n_fields + 1,
			 "%s: quoted field not closed at the end of the file",
			 d);
	else if (L->parser.quoted)
		error_at(L, line, (int)L->n_fields + 1,
			 "%s: a closing quote must be followed by a comma or "
			 "the end of the line (double a quote inside quotes)",
			 d);
	else
		error_at(L, line, (int)L->n_fields + 1,
			 "%s: stray quote in an unquoted field (quote the "
			 "whole field and double its quotes)",
			 d);
	L->halted = 1;
}

/*
 * libcsv in strict mode stopped at `q`.  When that is a quote inside an
 * unquoted field and quotes are lenient, take it as written: libcsv keeps
 * its state on a strict error and does not look at its status again, so
 * the quote is handed to it once more with CSV_STRICT off, which appends
 * it to the field.  Returns 0 when the quote was taken (warned about once
 * per file), -1 for a real error.  libcsv's pstate 2 is FIELD_BEGUN.
 */
static int stray_quote(loader *L, const char *q)
{
	if (L->opts->strict || L->parser.quoted || L->parser.pstate != 2 ||
	    csv_error(&L->parser) != CSV_EPARSE)
		return -1;
	if (!L->quote_warned) {
		char d[DESC_BUF];
		L->quote_warned = 1;
		warning_at(L, L->line, (int)L->n_fields + 1,
			   "%s: a quote inside an unquoted field is kept as "
			   "written (further ones in this file too; --strict "
			   "refuses them)",
			   col_desc(d, L, L->n_fields));
	}
	csv_set_opts(&L->parser, CSV_STRICT_FINI);
	size_t n = csv_parse(&L->parser, q, 1, on_field, on_row, L);
	csv_set_opts(&L->parser, CSV_STRICT | CSV_STRICT_FINI);
	L->parser.status = CSV_SUCCESS;
	return n == 1 ? 0 : -1;
}

/* Feed one chunk to libcsv a line at a time (see the top of the file). */
static void feed(loader *L, const char *buf, size_t n)
{
	size_t i = 0;
	while (i < n && !L->halted) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - buf) + 1 : n;
		if (L->at_line_start && L->parser.pstate == 0)
			L->rec_line = L->line;
		size_t done = csv_parse(&L->parser, buf + i, end - i, on_field,
					on_row, L);
		if (L->halted)
			return;
		if (done != end - i) {
			if (!stray_quote(L, buf + i + done)) {
				/* The rest of the line: not a line start. */
				i += done + 1;
				L->at_line_start = 0;
				continue;
			}
			parse_error(L, L->line, 0);
			return;
		}
		if (csv_get_buffer_size(&L->parser) > MAX_FIELD_BYTES) {
			char d[DESC_BUF];
			error_at(L, L->rec_line, (int)L->n_fields + 1,
				 "%s: field longer than %zu MiB (an unclosed "
				 "quote?)",
				 col_desc(d, L, L->n_fields),
				 MAX_FIELD_BYTES >> 20);
			L->halted = 1;
			return;
		}
		L->at_line_start = nl != NULL;
		if (nl)
			L->line++;
		i = end;
	}
}

/* After the last row: the checks on the whole input, reports-to
 * references and cycles. */
static void finish(loader *L)
{
	if (L->halted || L->errors)
		return;
	if (!L->have_header) {
		error_at(L, 1, 0, "empty file: a header row is expected");
		return;
	}
	if (L->rows == 0) {
		error_at(L, L->header_line, 0, "%s",
			 L->rows_from_query ? "the query returned no rows"
					    : "no rows after the header");
		return;
	}
	L->doc->edges_only = L->edges;
	for (size_t i = 0; i < L->doc->n_accounts && !L->halted && !L->edges;
	     i++)
		resolve_account(L, &L->accts[i], &L->doc->accounts[i]);
	for (size_t i = 0; i < L->doc->n_accounts && !L->halted; i++)
		find_cycles(L, &L->doc->accounts[i]);
	if (L->ragged_rows > RAGGED_WARN_MAX)
		warning_at(L, 0, 0,
			   "%zu more rows had a different number of fields "
			   "than the header and were padded or truncated",
			   L->ragged_rows - RAGGED_WARN_MAX);
}

static int parse(loader *L, input_source *src)
{
	int rc = 0;
	char *buf = NULL;
	if (src->fd >= 0 && !(buf = malloc(CHUNK_SIZE))) {
		set_nomem(L);
		goto out;
	}
	for (int first = 1; !L->halted; first = 0) {
		const char *chunk = NULL;
		ssize_t n = input_next_chunk(src, buf, &chunk);
		if (n < 0) {
			char eb[128] = "read error";
			strerror_r(errno, eb, sizeof(eb));
			relmap_diags_add(L->diags, RELMAP_SEVERITY_ERROR, L->file,
					 0, 0, "cannot read: %s", eb);
			rc = RELMAP_ENOENT;
			goto out;
		}
		/* Bytes of this chunk within max_bytes. */
		size_t max = L->opts->limits.max_bytes;
		size_t room = (size_t)n;
		if (max && room > max - L->bytes_read)
			room = max - L->bytes_read;
		L->bytes_read += room;
		if (n == 0) {
			if (csv_fini(&L->parser, on_field, on_row, L) != 0 &&
			    !L->halted)
				parse_error(L, L->rec_line, 1);
			break;
		}
		size_t len = (size_t)n;
		if (first && len >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
			chunk += 3;
			len -= 3;
		} else if (first && len >= 2 &&
			   (memcmp(chunk, "\xFF\xFE", 2) == 0 ||
			    memcmp(chunk, "\xFE\xFF", 2) == 0)) {
			error_at(L, 1, 0, "the file is UTF-16: save it as UTF-8");
			break;
		}
		/* Read up to the limit, so the error comes where the input
		 * crosses it, after any found before. */
		size_t skipped = (size_t)n - len; /* a byte-order mark */
		feed(L, chunk, room > skipped ? room - skipped : 0);
		if (room < (size_t)n) {
			if (!L->halted)
				over_limit(L, L->line, 0,
					   "the input is too large", max,
					   " bytes", "max_bytes");
			break;
		}
	}
	if (!L->hook)
		finish(L);
out:
	free(buf);
	return rc;
}

static int load(relmap_document **out, const char *file, input_source *src,
		const relmap_csv_options *opts, relmap_diags *diags,
		csv_row_fn hook, void *hook_ud, csv_producer produce)
{
	relmap_csv_options defaults = RELMAP_CSV_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	int rc = 0;
	loader L;
	memset(&L, 0, sizeof(L));
	L.diags = diags;
	L.diags_from = diags->count;
	L.file = file;
	L.opts = opts;
	L.line = 1;
	L.at_line_start = 1;
	L.rec_line = 1;
	L.last_account = -1;
	L.hook = produce ? NULL : hook;
	L.hook_ud = hook_ud;
	idmap_init(&L.account_ids);

	/* Strict: a quote inside an unquoted field, or anything but a comma
	 * or a line end after a closing quote, is an error, as is a quoted
	 * field still open at the end (STRICT_FINI); stray_quote() lets the
	 * first kind through unless opts->strict.  Fields arrive with their
	 * length and are copied, so CSV_APPEND_NULL buys nothing. */
	if (csv_init(&L.parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	if (!(L.doc = document_new(file))) {
		rc = RELMAP_ENOMEM;
		goto out_parser;
	}
	L.arena = document_arena(L.doc);
	if (produce) {
		L.rows_from_query = 1;
		L.line = L.rec_line = 0;
		rc = produce(&L, hook_ud);
		L.hook = NULL;
		if (rc == 0)
			finish(&L);
	} else {
		rc = parse(&L, src);
	}
	if (L.errors && L.header_matched && !L.explained &&
	    opts->explain_columns == RELMAP_CSV_EXPLAIN_ON_ERROR)
		explain(&L);
	if (rc == 0)
		rc = L.nomem ? RELMAP_ENOMEM : L.errors ? RELMAP_EDATA : 0;
	sort_diags(&L);
out_parser:
	csv_free(&L.parser);
out:
	for (size_t i = 0; i < L.n_accts; i++) {
		idmap_free(&L.accts[i].ids);
		idmap_free(&L.accts[i].bases);
		idmap_free(&L.accts[i].names);
		idmap_free(&L.accts[i].members);
	}
	idmap_free(&L.account_ids);
	free(L.accts);
	free(L.row);
	free(L.offs);
	free(L.lens);
	free(L.hbuf);
	free(L.hnames);
	free(L.hlens);
	free(L.scratch);
	return document_load_end(out, L.doc, rc, file, diags);
}

int relmap_document_load_csv(relmap_document **out, const char *path,
			     const relmap_csv_options *opts,
			     relmap_diags *diags)
{
	*out = NULL;
	if (!path || !diags)
		return RELMAP_EUSAGE;
	input_file in;
	if (input_open(&in, path, diags) != 0)
		return RELMAP_ENOENT;
	input_source src = { in.fd, NULL, 0, 0 };
	int rc = load(out, in.name, &src, opts, diags, NULL, NULL, NULL);
	input_close(&in);
	return rc;
}

int relmap_document_load_csv_memory(relmap_document **out, const char *data,
				    size_t len, const char *name,
				    const relmap_csv_options *opts,
				    relmap_diags *diags)
{
	*out = NULL;
	if ((!data && len) || !diags)
		return RELMAP_EUSAGE;
	input_source src = { -1, data ? data : "", len, 0 };
	return load(out, name ? name : "<memory>", &src, opts, diags, NULL,
		    NULL, NULL);
}

int csv_read_memory(const char *data, size_t len, const char *name,
		    const relmap_csv_options *opts, csv_row_fn fn, void *ud,
		    relmap_diags *diags)
{
	relmap_document *doc = NULL;
	input_source src = { -1, data ? data : "", len, 0 };
	int rc = load(&doc, name ? name : "<memory>", &src, opts, diags, fn,
		      ud, NULL);
	relmap_document_free(doc);
	return rc;
}

void csv_loader_field(csv_loader *L, const void *s, size_t len)
{
	on_field((void *)s, len, L);
}

int csv_loader_row(csv_loader *L, int line)
{
	L->rec_line = line;
	on_row(0, L);
	return L->halted;
}

int csv_load_rows(relmap_document **out, const char *name,
		  const relmap_csv_options *opts, csv_producer produce,
		  void *ud, relmap_diags *diags)
{
	return load(out, name, NULL, opts, diags, NULL, ud, produce);
}
