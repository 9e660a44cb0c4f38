/*
 * load_xml.c - the XML loader: relmap's format, read with libxml2's SAX2
 * push parser (see docs/format.md and schema/relmap.xsd).
 *
 * The input goes to the parser in 256 KiB chunks and records are built as
 * their start tags arrive, so memory follows the data kept, not the file.
 *
 * Ids: each account's persons and members share one id space, kept in an
 * idmap.  On a large account every id lookup is a cache miss, so lookups
 * are queued and done in batches, each slot prefetched well before it is
 * needed.  References may point forward: one to an id not defined yet is
 * held as PENDING(sym) and settled at the account's end tag, where
 * dangling references, duplicates and reports-to cycles are reported, in
 * file order.
 *
 * Every check is made here, in relmap's own words.  The built-in XSD can
 * be plugged into the same event stream as a safety net: its errors are
 * reported only for elements on which the loader found nothing, so one
 * problem gives one message.
 *
 * Hostile input: no DTD is loaded and nothing is fetched; a DOCTYPE
 * stops the parser at once (xmlStopParser), before any declaration in it
 * is read, so an entity bomb never expands; nesting depth is bounded;
 * libxml2's own limits (10 MB per tag or text, name length) stay on.
 * Other stops (too deep, too many errors, libxml2's fatal errors) only
 * disable SAX for the rest of the current chunk: xmlStopParser() frees the
 * input buffer, which the schema plug may still read in the same event.
 */
#define _POSIX_C_SOURCE 200809L
#include "relmap/load.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "decimal.h"
#include "document.h"
#include "embedded.h"
#include "idmap.h"
#include "input.h"
#include "show.h"
#include "vec.h"
#include "xmlpos.h"

#define CHUNK_SIZE INPUT_CHUNK_SIZE
/* Ids looked up per batch, and how far ahead their slots are fetched. */
#define QUEUE_BATCH 512
#define PREFETCH_AHEAD 16
/* Longest reports-to cycle spelled out in full. */
#define CYCLE_SHOW 20

static const char xsi_ns[] = "http://www.w3.org/2001/XMLSchema-instance";

enum elem {
	EL_RELMAP,
	EL_ACCOUNT,
	EL_TEAM,
	EL_MEMBER,
	EL_PERSON,
	EL_DOTTED_LINE,
	EL_INFLUENCE,
	EL_COVERAGE,
	EL_TOUCHPOINT,
	EL_COUNT,
	EL_UNKNOWN = EL_COUNT
};

static const char *const elem_names[EL_COUNT] = {
	"relmap", "account", "team", "member", "person", "dotted-line",
	"influence", "coverage", "touchpoint",
};

enum attr {
	AT_VERSION,
	AT_AS_OF,
	AT_ID,
	AT_NAME,
	AT_INDUSTRY,
	AT_SEGMENT,
	AT_STAGE,
	AT_VALUE,
	AT_URL,
	AT_ROLE,
	AT_TITLE,
	AT_DEPARTMENT,
	AT_REPORTS_TO,
	AT_INFLUENCE,
	AT_ATTITUDE,
	AT_EMAIL,
	AT_FROM,
	AT_TO,
	AT_WEIGHT,
	AT_MEMBER,
	AT_PERSON,
	AT_STRENGTH,
	AT_CHANNEL,
	AT_DATE,
	AT_SENTIMENT,
	AT_COUNT
};

static const char *const attr_names[AT_COUNT] = {
	"version", "as-of", "id", "name", "industry", "segment", "stage",
	"value", "url", "role", "title", "department", "reports-to",
	"influence", "attitude", "email", "from", "to", "weight", "member",
	"person", "strength", "channel", "date", "sentiment",
};

#define B(a) (UINT32_C(1) << (a))

/* The attributes each element may have, and those it must have. */
static const uint32_t attrs_allowed[EL_COUNT] = {
	[EL_RELMAP] = B(AT_VERSION) | B(AT_AS_OF),
	[EL_ACCOUNT] = B(AT_ID) | B(AT_NAME) | B(AT_INDUSTRY) |
		       B(AT_SEGMENT) | B(AT_STAGE) | B(AT_VALUE) | B(AT_URL),
	[EL_TEAM] = 0,
	[EL_MEMBER] = B(AT_ID) | B(AT_NAME) | B(AT_ROLE),
	[EL_PERSON] = B(AT_ID) | B(AT_NAME) | B(AT_TITLE) |
		      B(AT_DEPARTMENT) | B(AT_REPORTS_TO) | B(AT_ROLE) |
		      B(AT_INFLUENCE) | B(AT_ATTITUDE) | B(AT_EMAIL) |
		      B(AT_URL),
	[EL_DOTTED_LINE] = B(AT_FROM) | B(AT_TO),
	[EL_INFLUENCE] = B(AT_FROM) | B(AT_TO) | B(AT_WEIGHT),
	[EL_COVERAGE] = B(AT_MEMBER) | B(AT_PERSON) | B(AT_STRENGTH),
	[EL_TOUCHPOINT] = B(AT_MEMBER) | B(AT_PERSON) | B(AT_CHANNEL) |
			  B(AT_DATE) | B(AT_SENTIMENT),
};

static const uint32_t attrs_required[EL_COUNT] = {
	[EL_RELMAP] = B(AT_VERSION),
	[EL_ACCOUNT] = B(AT_ID),
	[EL_TEAM] = 0,
	[EL_MEMBER] = B(AT_ID) | B(AT_NAME),
	[EL_PERSON] = B(AT_ID) | B(AT_NAME),
	[EL_DOTTED_LINE] = B(AT_FROM) | B(AT_TO),
	[EL_INFLUENCE] = B(AT_FROM) | B(AT_TO) | B(AT_WEIGHT),
	[EL_COVERAGE] = B(AT_MEMBER) | B(AT_PERSON) | B(AT_STRENGTH),
	[EL_TOUCHPOINT] = B(AT_MEMBER) | B(AT_PERSON) | B(AT_CHANNEL) |
			  B(AT_DATE),
};

/* Which element may contain which. */
static int parent_allows(int parent, int child)
{
	switch (parent) {
	case EL_RELMAP:
		return child == EL_ACCOUNT;
	case EL_ACCOUNT:
		return child == EL_TEAM || child == EL_PERSON ||
		       child == EL_DOTTED_LINE || child == EL_INFLUENCE ||
		       child == EL_COVERAGE || child == EL_TOUCHPOINT;
	case EL_TEAM:
		return child == EL_MEMBER;
	default:
		return 0;
	}
}

/* Kinds of ids in an account's idmap. */
enum { ID_UNDEFINED = 0, ID_MEMBER, ID_PERSON };

/* Enumerated attribute types, named through the model's functions. */
enum { EN_ROLE, EN_ATTITUDE, EN_STAGE, EN_MEMBER_ROLE, EN_CHANNEL,
       EN_SENTIMENT, EN_COUNT };

/* An open element the loader knows. */
typedef struct frame {
	int el;
	int line;
	int col;
	int flagged;       /* the loader reported a problem with it */
	int text_reported; /* "text is not allowed" said once */
} frame;

/* Problems with ids, reported at the end of their account. */
enum { P_DUPLICATE, P_MANAGER_UNKNOWN, P_MANAGER_MEMBER, P_REF_UNKNOWN,
       P_REF_KIND, P_CYCLE };

typedef struct problem {
	int line;
	int col;
	int type;
	int el;         /* the record's element */
	int attr;       /* the attribute holding the id */
	int first_line; /* P_DUPLICATE: where the id was first defined */
	int32_t rec;    /* the record's index */
	int32_t sym;    /* the id's idmap entry */
} problem;

/* An id waiting for its lookup: a definition (the id of member or person
 * `rec`) or a reference from attribute `attr` of record `rec`. */
typedef struct queued {
	size_t off; /* the id's bytes, in the loader's keybuf */
	uint32_t len;
	uint32_t hash;
	int32_t rec;
	unsigned char def;
	unsigned char el;
	unsigned char attr;
	unsigned char want; /* ID_MEMBER or ID_PERSON */
} queued;

typedef struct attval {
	const char *s;
	size_t len;
} attval;

/* Attribute and element names as interned by libxml2, for finding ours
 * by pointer (see name_of). */
#define NAME_CACHE 64

typedef struct name_slot {
	const xmlChar *name;
	int id;
} name_slot;

typedef struct loader {
	relmap_document *doc;
	arena *arena;
	relmap_diags *diags;
	const char *file;
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	int max_depth;
	relmap_limits lim; /* 0 fields: no limit */
	size_t bytes_read;

	size_t errors; /* errors this load found */
	int nomem;
	int internal;
	int halted;    /* no more events are wanted */
	int xml_fatal; /* libxml2 gave up on the input */

	/* The names of enumerated values, and their lengths. */
	const char *enum_names[EN_COUNT][16];
	size_t enum_lens[EN_COUNT][16];

	name_slot elem_cache[NAME_CACHE];
	name_slot attr_cache[NAME_CACHE];

	/* Open elements: the known ones, then `skip` levels of a subtree that
	 * was reported and is being skipped. */
	frame stack[8];
	int depth;
	int skip;
	frame closed;   /* the element whose end tag is being handled */
	frame skipped;  /* stands for any element of a skipped subtree */
	frame *target;  /* what a schema error at this event is about */
	int seen_root;
	int root_done;
	int at_eof;    /* the parser has been told the input ended */
	size_t root_accounts;
	xmlpos_anchor anchor;

	/* Attribute values decoded for this element (see decode_amp). */
	char *scratch;
	size_t scratch_cap;

	/* The account being read. */
	size_t account_diags; /* diags->count when it began */
	idmap ids;
	queued *queue;
	size_t n_queue;
	size_t queue_cap;
	char *keybuf;
	size_t keybuf_len;
	size_t keybuf_cap;
	problem *problems;
	size_t n_problems;
	size_t problems_cap;
	idmap account_ids;
} loader;

/* ------------------------------------------------------------------ */
/* Diagnostics */

static void halt(loader *L)
{
	L->halted = 1;
	if (L->ctxt)
		L->ctxt->disableSAX = 1;
}

/* Stop the parser itself, for events the schema plug does not see: a
 * DOCTYPE's declarations are then never parsed (libxml2 would otherwise
 * record its entities, even with SAX disabled). */
static void stop(loader *L)
{
	halt(L);
	if (L->ctxt)
		xmlStopParser(L->ctxt);
}

static void set_nomem(loader *L)
{
	L->nomem = 1;
	halt(L);
}

static void error_at(loader *L, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void error_at(loader *L, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	L->errors++;
	if (relmap_diags_addv(L->diags, RELMAP_SEVERITY_ERROR, L->file, line,
			      col, fmt, ap))
		set_nomem(L);
	va_end(ap);
	if (relmap_diags_full(L->diags))
		halt(L);
}


/* libxml2's messages end in a newline and some span lines ("Bytes: ..."):
 * make one line, and lower-case the first word as relmap's messages are. */
static void clean_message(char *out, size_t size, const char *msg)
{
	size_t o = 0;
	int space = 0;
	for (const char *p = msg ? msg : "error"; *p && o + 2 < size; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = *p;
	}
	out[o] = '\0';
	if (o >= 2 && out[0] >= 'A' && out[0] <= 'Z' && out[1] >= 'a' &&
	    out[1] <= 'z')
		out[0] = (char)(out[0] - 'A' + 'a');
}

/* ------------------------------------------------------------------ */
/* Attribute values */

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Without XML_PARSE_NOENT, libxml2 writes each '&' of an attribute value
 * (from "&amp;", "&#38;" or "&#x26;") as the five bytes "&#38;", and no
 * other '&' can reach us: undeclared entities are errors.  Put the '&'
 * back, in the scratch buffer (the value itself is shared with the
 * schema plug).  `need` is the room reserved for this element's values. */
static int decode_amp(loader *L, attval *v, size_t *used, size_t need)
{
	if (!memchr(v->s, '&', v->len))
		return 0;
	if (vec_reserve(&L->scratch, &L->scratch_cap, need, 1))
		return -1;
	char *out = L->scratch + *used, *o = out;
	for (size_t i = 0; i < v->len; i++) {
		*o++ = v->s[i];
		if (v->s[i] == '&' && v->len - i >= 5 &&
		    memcmp(v->s + i, "&#38;", 5) == 0)
			i += 4;
	}
	v->s = out;
	v->len = (size_t)(o - out);
	*used += v->len;
	return 0;
}

static const char *copy_value(loader *L, const attval *v)
{
	char *s = arena_strndup(L->arena, v->s, v->len);
	if (!s)
		set_nomem(L);
	return s;
}

static void bad_value(loader *L, frame *f, int attr, const attval *v,
		      const char *what)
{
	char b[SHOW_BUF];
	f->flagged = 1;
	error_at(L, f->line, f->col,
		 "attribute '%s' of <%s> must be %s, not '%s'",
		 attr_names[attr], elem_names[f->el], what,
		 show(b, v->s, v->len));
}

/* 0 and *out set, or -1 after reporting the problem. */
static int get_number(loader *L, frame *f, int attr, const attval *v,
		      double lo, double hi, double *out)
{
	double d;
	int rc = decimal_parse(&d, v->s, v->len);
	if (rc == -2) {
		set_nomem(L);
		return -1;
	}
	if (rc == 0 && d >= lo && d <= hi) {
		*out = d;
		return 0;
	}
	char what[64];
	if (hi == HUGE_VAL)
		snprintf(what, sizeof(what), "a non-negative number");
	else
		snprintf(what, sizeof(what), "a number from %g to %g", lo, hi);
	bad_value(L, f, attr, v, what);
	return -1;
}

static const char *enum_name(int kind, int v)
{
	switch (kind) {
	case EN_ROLE: return relmap_role_name((relmap_role)v);
	case EN_ATTITUDE: return relmap_attitude_name((relmap_attitude)v);
	case EN_STAGE: return relmap_stage_name((relmap_stage)v);
	case EN_MEMBER_ROLE:
		return relmap_member_role_name((relmap_member_role)v);
	case EN_CHANNEL: return relmap_channel_name((relmap_channel)v);
	case EN_SENTIMENT: return relmap_sentiment_name((relmap_sentiment)v);
	}
	return NULL;
}

static int enum_count(int kind)
{
	switch (kind) {
	case EN_ROLE: return RELMAP_ROLE_COUNT;
	case EN_ATTITUDE: return RELMAP_ATTITUDE_COUNT;
	case EN_STAGE: return RELMAP_STAGE_COUNT;
	case EN_MEMBER_ROLE: return RELMAP_MEMBER_COUNT;
	case EN_CHANNEL: return RELMAP_CHANNEL_COUNT;
	case EN_SENTIMENT: return RELMAP_SENTIMENT_COUNT;
	}
	return 0;
}

/* The allowed names in the brief's order: "unknown", the default of
 * roles and attitudes, comes last. */
static void enum_list(char *out, size_t size, int kind)
{
	int n = enum_count(kind), order[16], k = 0;
	int unknown_last = kind == EN_ROLE || kind == EN_ATTITUDE;
	for (int v = unknown_last ? 1 : 0; v < n; v++)
		if (enum_name(kind, v))
			order[k++] = v;
	if (unknown_last)
		order[k++] = 0;
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < k; i++) {
		const char *sep = i == 0 ? "" : i == k - 1 ? " or " : ", ";
		int w = snprintf(out + o, size - o, "%s%s", sep,
				 enum_name(kind, order[i]));
		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
}

static int get_enum(loader *L, frame *f, int attr, const attval *v, int kind,
		    int *out)
{
	int n = enum_count(kind);
	for (int i = 0; i < n; i++) {
		const char *name = L->enum_names[kind][i];
		if (name && L->enum_lens[kind][i] == v->len &&
		    name[0] == v->s[0] && memcmp(name, v->s, v->len) == 0) {
			*out = i;
			return 0;
		}
	}
	char list[256], what[300];
	enum_list(list, sizeof(list), kind);
	snprintf(what, sizeof(what), "one of %s", list);
	bad_value(L, f, attr, v, what);
	return -1;
}

/* XML Schema collapses blanks around a date; so does relmap. */
static int get_date(loader *L, frame *f, int attr, const attval *v,
		    int32_t *out)
{
	const char *s = v->s;
	size_t len = v->len;
	while (len && is_blank((unsigned char)*s))
		s++, len--;
	while (len && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len == 10) {
		char buf[11];
		memcpy(buf, s, 10);
		buf[10] = '\0';
		if (relmap_date_parse(out, buf) == 0)
			return 0;
	}
	bad_value(L, f, attr, v, "a date (YYYY-MM-DD)");
	return -1;
}

static int nonempty(loader *L, frame *f, int attr, const attval *v)
{
	if (v->len > 0)
		return 0;
	f->flagged = 1;
	error_at(L, f->line, f->col, "attribute '%s' of <%s> must not be empty",
		 attr_names[attr], elem_names[f->el]);
	return -1;
}

static int same_value(const attval *a, const attval *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* ------------------------------------------------------------------ */
/* Ids: the lookup queue
 *
 * While an account is read, a reference field of a record holds a record
 * index when its id was defined earlier, -1 when there is none (or it was
 * reported), else PENDING(sym) for an id not defined yet.
 */
#define PENDING(sym) (-2 - (sym))
#define PENDING_SYM(v) (-2 - (v))

static problem *add_problem(loader *L, int type, relmap_pos pos, int el,
			    int attr, int32_t rec, int32_t sym)
{
	if (vec_reserve(&L->problems, &L->problems_cap, L->n_problems + 1,
			sizeof(*L->problems))) {
		set_nomem(L);
		return NULL;
	}
	problem *p = &L->problems[L->n_problems++];
	memset(p, 0, sizeof(*p));
	p->line = pos.line;
	p->col = pos.column;
	p->type = type;
	p->el = el;
	p->attr = attr;
	p->rec = rec;
	p->sym = sym;
	return p;
}

static relmap_pos record_pos(const relmap_account *a, int el, int32_t rec)
{
	switch (el) {
	case EL_MEMBER: return a->members[rec].pos;
	case EL_PERSON: return a->persons[rec].pos;
	case EL_DOTTED_LINE: return a->dotted_lines[rec].pos;
	case EL_INFLUENCE: return a->influences[rec].pos;
	case EL_COVERAGE: return a->coverages[rec].pos;
	default: return a->touchpoints[rec].pos;
	}
}

static int32_t *ref_field(relmap_account *a, int el, int attr, int32_t rec)
{
	switch (el) {
	case EL_PERSON:
		return &a->persons[rec].manager;
	case EL_DOTTED_LINE:
		return attr == AT_FROM ? &a->dotted_lines[rec].from
				       : &a->dotted_lines[rec].to;
	case EL_INFLUENCE:
		return attr == AT_FROM ? &a->influences[rec].from
				       : &a->influences[rec].to;
	case EL_COVERAGE:
		return attr == AT_MEMBER ? &a->coverages[rec].member
					 : &a->coverages[rec].person;
	default:
		return attr == AT_MEMBER ? &a->touchpoints[rec].member
					 : &a->touchpoints[rec].person;
	}
}

/* What a reference to `s` holds: see PENDING above. */
static int32_t ref_value(loader *L, const idmap_slot *s, int want,
			 const relmap_account *a, int el, int attr, int32_t rec)
{
	if (s->kind == want)
		return s->index;
	if (s->kind == ID_UNDEFINED)
		return PENDING(idmap_sym(s));
	add_problem(L, el == EL_PERSON ? P_MANAGER_MEMBER : P_REF_KIND,
		    record_pos(a, el, rec), el, attr, rec, idmap_sym(s));
	return -1;
}

static int def_line(const relmap_account *a, const idmap_slot *s)
{
	if (s->kind == ID_MEMBER)
		return a->members[s->index].pos.line;
	return a->persons[s->index].pos.line;
}

static void flush_queue(loader *L)
{
	size_t n = L->n_queue;
	L->n_queue = 0;
	if (!n || L->halted)
		goto out;
	idmap *m = &L->ids;
	/* No slot moves during the batch, so prefetches stay good. */
	if (idmap_reserve(m, n)) {
		set_nomem(L);
		goto out;
	}
	relmap_account *a = &L->doc->accounts[L->doc->n_accounts - 1];
	for (size_t i = 0; i < n && i < PREFETCH_AHEAD; i++)
		idmap_prefetch(m, L->queue[i].hash);
	for (size_t i = 0; i < n && !L->halted; i++) {
		if (i + PREFETCH_AHEAD < n)
			idmap_prefetch(m, L->queue[i + PREFETCH_AHEAD].hash);
		const queued *q = &L->queue[i];
		idmap_slot *s = idmap_intern(m, L->arena, L->keybuf + q->off,
					     q->len, q->hash);
		if (!s) {
			set_nomem(L);
			break;
		}
		if (q->def) {
			/* A new id's key was just written: no cache miss. */
			const char *key = idmap_key(m, idmap_sym(s));
			relmap_pos pos = record_pos(a, q->el, q->rec);
			if (q->el == EL_MEMBER)
				a->members[q->rec].id = key;
			else
				a->persons[q->rec].id = key;
			if (s->kind != ID_UNDEFINED) {
				problem *p = add_problem(L, P_DUPLICATE, pos,
							 q->el, AT_ID, q->rec,
							 idmap_sym(s));
				if (p)
					p->first_line = def_line(a, s);
				continue;
			}
			s->kind = q->el == EL_MEMBER ? ID_MEMBER : ID_PERSON;
			s->index = q->rec;
		} else {
			*ref_field(a, q->el, q->attr, q->rec) =
				ref_value(L, s, q->want, a, q->el, q->attr,
					  q->rec);
		}
	}
out:
	L->keybuf_len = 0;
}

static void enqueue(loader *L, int def, int el, int attr, int want,
		    int32_t rec, const attval *v)
{
	if (vec_reserve(&L->queue, &L->queue_cap, L->n_queue + 1,
			sizeof(*L->queue)) ||
	    vec_reserve(&L->keybuf, &L->keybuf_cap, L->keybuf_len + v->len + 1,
			1)) {
		set_nomem(L);
		return;
	}
	queued *q = &L->queue[L->n_queue++];
	q->off = L->keybuf_len;
	q->len = (uint32_t)v->len;
	q->hash = idmap_hash(&L->ids, v->s, v->len);
	q->rec = rec;
	q->def = (unsigned char)def;
	q->el = (unsigned char)el;
	q->attr = (unsigned char)attr;
	q->want = (unsigned char)want;
	memcpy(L->keybuf + L->keybuf_len, v->s, v->len);
	L->keybuf_len += v->len;
	if (L->n_queue >= QUEUE_BATCH)
		flush_queue(L);
}

/* ------------------------------------------------------------------ */
/* Start tags */

static void start_relmap(loader *L, frame *f, const attval *v, uint32_t set)
{
	if ((set & B(AT_VERSION)) &&
	    !(v[AT_VERSION].len == 1 && v[AT_VERSION].s[0] == '1'))
		bad_value(L, f, AT_VERSION, &v[AT_VERSION], "1");
	if ((set & B(AT_AS_OF)) &&
	    get_date(L, f, AT_AS_OF, &v[AT_AS_OF], &L->doc->as_of) == 0)
		L->doc->has_as_of = 1;
}

static void start_account(loader *L, frame *f, const attval *v, uint32_t set)
{
	relmap_account *a = document_add_account(L->doc);
	if (!a) {
		set_nomem(L);
		return;
	}
	L->root_accounts++;
	L->account_diags = L->diags->count;
	a->pos.line = f->line;
	a->pos.column = f->col;
	if ((set & B(AT_ID)) && nonempty(L, f, AT_ID, &v[AT_ID]) == 0) {
		idmap *m = &L->account_ids;
		const attval *id = &v[AT_ID];
		idmap_slot *s = idmap_intern(m, L->arena, id->s, id->len,
					     idmap_hash(m, id->s, id->len));
		if (!s) {
			set_nomem(L);
			return;
		}
		if (s->kind) {
			char b[SHOW_BUF];
			f->flagged = 1;
			error_at(L, f->line, f->col,
				 "duplicate account id '%s' (first defined at line %d)",
				 show_str(b, idmap_key(m, idmap_sym(s))),
				 L->doc->accounts[s->index].pos.line);
		} else {
			s->kind = 1;
			s->index = (int32_t)(L->doc->n_accounts - 1);
		}
		a->id = idmap_key(m, idmap_sym(s));
	}
	if (set & B(AT_NAME))
		a->name = copy_value(L, &v[AT_NAME]);
	if (set & B(AT_INDUSTRY))
		a->industry = copy_value(L, &v[AT_INDUSTRY]);
	if (set & B(AT_SEGMENT))
		a->segment = copy_value(L, &v[AT_SEGMENT]);
	if (set & B(AT_URL))
		a->url = copy_value(L, &v[AT_URL]);
	int e;
	if ((set & B(AT_STAGE)) &&
	    get_enum(L, f, AT_STAGE, &v[AT_STAGE], EN_STAGE, &e) == 0)
		a->stage = (relmap_stage)e;
	if ((set & B(AT_VALUE)) &&
	    get_number(L, f, AT_VALUE, &v[AT_VALUE], 0, HUGE_VAL,
		       &a->value) == 0)
		a->has_value = 1;
}

static relmap_account *cur_account(loader *L)
{
	return &L->doc->accounts[L->doc->n_accounts - 1];
}

static void start_member(loader *L, frame *f, const attval *v, uint32_t set)
{
	int ok = (set & B(AT_ID)) && nonempty(L, f, AT_ID, &v[AT_ID]) == 0;
	int role = RELMAP_MEMBER_NONE;
	if (set & B(AT_ROLE))
		get_enum(L, f, AT_ROLE, &v[AT_ROLE], EN_MEMBER_ROLE, &role);
	if (!ok || L->halted)
		return;
	relmap_account *a = cur_account(L);
	relmap_member *m = document_add_member(L->doc, a);
	if (!m) {
		set_nomem(L);
		return;
	}
	m->name = (set & B(AT_NAME)) ? copy_value(L, &v[AT_NAME]) : NULL;
	m->role = (relmap_member_role)role;
	m->pos.line = f->line;
	m->pos.column = f->col;
	enqueue(L, 1, EL_MEMBER, AT_ID, ID_MEMBER, (int32_t)(a->n_members - 1),
		&v[AT_ID]);
}

static void start_person(loader *L, frame *f, const attval *v, uint32_t set)
{
	int ok = (set & B(AT_ID)) && nonempty(L, f, AT_ID, &v[AT_ID]) == 0;
	int has_mgr = (set & B(AT_REPORTS_TO)) &&
		      nonempty(L, f, AT_REPORTS_TO, &v[AT_REPORTS_TO]) == 0;
	int role = RELMAP_ROLE_UNKNOWN, att = RELMAP_ATTITUDE_UNKNOWN;
	double infl = 0;
	if (set & B(AT_ROLE))
		get_enum(L, f, AT_ROLE, &v[AT_ROLE], EN_ROLE, &role);
	if (set & B(AT_INFLUENCE))
		get_number(L, f, AT_INFLUENCE, &v[AT_INFLUENCE], 0, 1, &infl);
	if (set & B(AT_ATTITUDE))
		get_enum(L, f, AT_ATTITUDE, &v[AT_ATTITUDE], EN_ATTITUDE, &att);
	if (ok && has_mgr && same_value(&v[AT_ID], &v[AT_REPORTS_TO])) {
		char b[SHOW_BUF];
		f->flagged = 1;
		error_at(L, f->line, f->col, "person '%s' reports to itself",
			 show(b, v[AT_ID].s, v[AT_ID].len));
		has_mgr = 0;
	}
	if (!ok || L->halted)
		return;
	relmap_account *a = cur_account(L);
	relmap_person *p = document_add_person(L->doc, a);
	if (!p) {
		set_nomem(L);
		return;
	}
	p->name = (set & B(AT_NAME)) ? copy_value(L, &v[AT_NAME]) : NULL;
	if (set & B(AT_TITLE))
		p->title = copy_value(L, &v[AT_TITLE]);
	if (set & B(AT_DEPARTMENT))
		p->department = copy_value(L, &v[AT_DEPARTMENT]);
	if (set & B(AT_EMAIL))
		p->email = copy_value(L, &v[AT_EMAIL]);
	if (set & B(AT_URL))
		p->url = copy_value(L, &v[AT_URL]);
	p->manager = -1;
	p->role = (relmap_role)role;
	p->attitude = (relmap_attitude)att;
	p->influence = infl;
	p->pos.line = f->line;
	p->pos.column = f->col;
	int32_t rec = (int32_t)(a->n_persons - 1);
	enqueue(L, 1, EL_PERSON, AT_ID, ID_PERSON, rec, &v[AT_ID]);
	if (has_mgr)
		enqueue(L, 0, EL_PERSON, AT_REPORTS_TO, ID_PERSON, rec,
			&v[AT_REPORTS_TO]);
}

/* Check the two ids of an edge element: present, not empty and, when
 * `self` names the edge, different.  0 if the record can be made. */
static int edge_ids(loader *L, frame *f, const attval *v, uint32_t set,
		    int a1, int a2, const char *self)
{
	int ok1 = (set & B(a1)) && nonempty(L, f, a1, &v[a1]) == 0;
	int ok2 = (set & B(a2)) && nonempty(L, f, a2, &v[a2]) == 0;
	if (!ok1 || !ok2)
		return -1;
	if (self && same_value(&v[a1], &v[a2])) {
		char b[SHOW_BUF];
		f->flagged = 1;
		error_at(L, f->line, f->col, "<%s> from '%s' to itself", self,
			 show(b, v[a1].s, v[a1].len));
		return -1;
	}
	return L->halted ? -1 : 0;
}

static void queue_edge(loader *L, int el, int a1, int want1, int a2,
		       int want2, int32_t rec, const attval *v)
{
	enqueue(L, 0, el, a1, want1, rec, &v[a1]);
	enqueue(L, 0, el, a2, want2, rec, &v[a2]);
}

static void start_dotted_line(loader *L, frame *f, const attval *v,
			      uint32_t set)
{
	if (edge_ids(L, f, v, set, AT_FROM, AT_TO, "dotted-line"))
		return;
	relmap_account *a = cur_account(L);
	relmap_dotted_line *d = document_add_dotted_line(L->doc, a);
	if (!d) {
		set_nomem(L);
		return;
	}
	d->from = d->to = -1;
	d->pos.line = f->line;
	d->pos.column = f->col;
	queue_edge(L, EL_DOTTED_LINE, AT_FROM, ID_PERSON, AT_TO, ID_PERSON,
		   (int32_t)(a->n_dotted_lines - 1), v);
}

static void start_influence(loader *L, frame *f, const attval *v,
			    uint32_t set)
{
	double w = 0;
	if (set & B(AT_WEIGHT))
		get_number(L, f, AT_WEIGHT, &v[AT_WEIGHT], -1, 1, &w);
	if (edge_ids(L, f, v, set, AT_FROM, AT_TO, "influence"))
		return;
	relmap_account *a = cur_account(L);
	relmap_influence *r = document_add_influence(L->doc, a);
	if (!r) {
		set_nomem(L);
		return;
	}
	r->from = r->to = -1;
	r->weight = w;
	r->pos.line = f->line;
	r->pos.column = f->col;
	queue_edge(L, EL_INFLUENCE, AT_FROM, ID_PERSON, AT_TO, ID_PERSON,
		   (int32_t)(a->n_influences - 1), v);
}

static void start_coverage(loader *L, frame *f, const attval *v, uint32_t set)
{
	double s = 0;
	if (set & B(AT_STRENGTH))
		get_number(L, f, AT_STRENGTH, &v[AT_STRENGTH], 0, 1, &s);
	if (edge_ids(L, f, v, set, AT_MEMBER, AT_PERSON, NULL))
		return;
	relmap_account *a = cur_account(L);
	relmap_coverage *c = document_add_coverage(L->doc, a);
	if (!c) {
		set_nomem(L);
		return;
	}
	c->member = c->person = -1;
	c->strength = s;
	c->pos.line = f->line;
	c->pos.column = f->col;
	queue_edge(L, EL_COVERAGE, AT_MEMBER, ID_MEMBER, AT_PERSON, ID_PERSON,
		   (int32_t)(a->n_coverages - 1), v);
}

static void start_touchpoint(loader *L, frame *f, const attval *v,
			     uint32_t set)
{
	int channel = RELMAP_CHANNEL_MEETING, sent = RELMAP_SENTIMENT_NEUTRAL;
	int32_t date = 0;
	if (set & B(AT_CHANNEL))
		get_enum(L, f, AT_CHANNEL, &v[AT_CHANNEL], EN_CHANNEL, &channel);
	if (set & B(AT_DATE))
		get_date(L, f, AT_DATE, &v[AT_DATE], &date);
	if (set & B(AT_SENTIMENT))
		get_enum(L, f, AT_SENTIMENT, &v[AT_SENTIMENT], EN_SENTIMENT,
			 &sent);
	if (edge_ids(L, f, v, set, AT_MEMBER, AT_PERSON, NULL))
		return;
	relmap_account *a = cur_account(L);
	relmap_touchpoint *t = document_add_touchpoint(L->doc, a);
	if (!t) {
		set_nomem(L);
		return;
	}
	t->member = t->person = -1;
	t->channel = (relmap_channel)channel;
	t->date = date;
	t->sentiment = (relmap_sentiment)sent;
	t->pos.line = f->line;
	t->pos.column = f->col;
	queue_edge(L, EL_TOUCHPOINT, AT_MEMBER, ID_MEMBER, AT_PERSON, ID_PERSON,
		   (int32_t)(a->n_touchpoints - 1), v);
}

/* ------------------------------------------------------------------ */
/* The end of an account */

/* A reference still PENDING at the end of its account: the record index
 * of the kind wanted, or -1 with the problem noted. */
static int32_t settle(loader *L, int32_t v, int want, relmap_pos pos, int el,
		      int attr, int32_t rec)
{
	if (v >= -1)
		return v;
	int32_t sym = PENDING_SYM(v);
	const char *key = idmap_key(&L->ids, sym);
	size_t len = strlen(key);
	const idmap_slot *s = idmap_find(&L->ids, key, len,
					 idmap_hash(&L->ids, key, len));
	if (s && s->kind == want)
		return s->index;
	int unknown = !s || s->kind == ID_UNDEFINED;
	int type = el == EL_PERSON ? (unknown ? P_MANAGER_UNKNOWN
					      : P_MANAGER_MEMBER)
				   : (unknown ? P_REF_UNKNOWN : P_REF_KIND);
	add_problem(L, type, pos, el, attr, rec, sym);
	return -1;
}

static void settle_account(loader *L, relmap_account *a)
{
	/* reports_to is the manager's id as written, which is the id of the
	 * person it resolved to (set here rather than at lookup time, where
	 * it would cost one more cache miss per person). */
	for (size_t i = 0; i < a->n_persons && !L->halted; i++) {
		relmap_person *p = &a->persons[i];
		p->manager = settle(L, p->manager, ID_PERSON, p->pos, EL_PERSON,
				    AT_REPORTS_TO, (int32_t)i);
		if (p->manager >= 0)
			p->reports_to = a->persons[p->manager].id;
	}
	for (size_t i = 0; i < a->n_dotted_lines && !L->halted; i++) {
		relmap_dotted_line *d = &a->dotted_lines[i];
		d->from = settle(L, d->from, ID_PERSON, d->pos, EL_DOTTED_LINE,
				 AT_FROM, (int32_t)i);
		d->to = settle(L, d->to, ID_PERSON, d->pos, EL_DOTTED_LINE,
			       AT_TO, (int32_t)i);
	}
	for (size_t i = 0; i < a->n_influences && !L->halted; i++) {
		relmap_influence *r = &a->influences[i];
		r->from = settle(L, r->from, ID_PERSON, r->pos, EL_INFLUENCE,
				 AT_FROM, (int32_t)i);
		r->to = settle(L, r->to, ID_PERSON, r->pos, EL_INFLUENCE, AT_TO,
			       (int32_t)i);
	}
	for (size_t i = 0; i < a->n_coverages && !L->halted; i++) {
		relmap_coverage *c = &a->coverages[i];
		c->member = settle(L, c->member, ID_MEMBER, c->pos, EL_COVERAGE,
				   AT_MEMBER, (int32_t)i);
		c->person = settle(L, c->person, ID_PERSON, c->pos, EL_COVERAGE,
				   AT_PERSON, (int32_t)i);
	}
	for (size_t i = 0; i < a->n_touchpoints && !L->halted; i++) {
		relmap_touchpoint *t = &a->touchpoints[i];
		t->member = settle(L, t->member, ID_MEMBER, t->pos,
				   EL_TOUCHPOINT, AT_MEMBER, (int32_t)i);
		t->person = settle(L, t->person, ID_PERSON, t->pos,
				   EL_TOUCHPOINT, AT_PERSON, (int32_t)i);
	}
}

static void find_cycles(loader *L, relmap_account *a)
{
	if (a->n_persons == 0)
		return;
	int32_t *mark = calloc(a->n_persons, sizeof(*mark));
	if (!mark) {
		set_nomem(L);
		return;
	}
	/* Each person has at most one manager, so every walk up the chain
	 * either ends, meets an earlier walk, or closes a cycle of its own;
	 * each person is visited once. */
	for (size_t s = 0; s < a->n_persons; s++) {
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
		add_problem(L, P_CYCLE, a->persons[first].pos, EL_PERSON,
			    AT_REPORTS_TO, first, -1);
	}
	free(mark);
}

static void report_cycle(loader *L, const problem *p, relmap_account *a)
{
	size_t n = 1;
	for (int32_t u = a->persons[p->rec].manager; u != p->rec;
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
		o += (size_t)snprintf(msg, cap, "reports-to cycle of %zu persons: ",
				      n);
	else
		o += (size_t)snprintf(msg, cap, "reports-to cycle: ");
	int32_t u = p->rec;
	for (size_t i = 0; i < n && i < CYCLE_SHOW; i++) {
		o += (size_t)snprintf(msg + o, cap - o, "%s -> ",
				      show_str(b, a->persons[u].id));
		u = a->persons[u].manager;
	}
	if (n > CYCLE_SHOW)
		o += (size_t)snprintf(msg + o, cap - o, "... -> ");
	snprintf(msg + o, cap - o, "%s", show_str(b, a->persons[p->rec].id));
	error_at(L, p->line, p->col, "%s", msg);
	free(msg);
}

static void report_problem(loader *L, const problem *p, relmap_account *a)
{
	char b1[SHOW_BUF], b2[SHOW_BUF];
	const char *target = p->sym >= 0 ? idmap_key(&L->ids, p->sym) : "";
	int want_member = p->attr == AT_MEMBER;
	switch (p->type) {
	case P_DUPLICATE:
		error_at(L, p->line, p->col,
			 "duplicate id '%s' (first defined at line %d)",
			 show_str(b1, target), p->first_line);
		break;
	case P_MANAGER_UNKNOWN:
		error_at(L, p->line, p->col,
			 "person '%s' reports to unknown id '%s'",
			 show_str(b1, a->persons[p->rec].id),
			 show_str(b2, target));
		break;
	case P_MANAGER_MEMBER:
		error_at(L, p->line, p->col,
			 "person '%s' reports to team member '%s' (expected a person)",
			 show_str(b1, a->persons[p->rec].id),
			 show_str(b2, target));
		break;
	case P_REF_UNKNOWN:
		error_at(L, p->line, p->col,
			 "attribute '%s' of <%s> refers to unknown id '%s' (expected %s)",
			 attr_names[p->attr], elem_names[p->el],
			 show_str(b1, target),
			 want_member ? "a team member" : "a person");
		break;
	case P_REF_KIND:
		error_at(L, p->line, p->col,
			 "attribute '%s' of <%s> refers to %s '%s' (expected %s)",
			 attr_names[p->attr], elem_names[p->el],
			 want_member ? "person" : "team member",
			 show_str(b1, target),
			 want_member ? "a team member" : "a person");
		break;
	case P_CYCLE:
		report_cycle(L, p, a);
		break;
	}
}

static int problem_cmp(const void *x, const void *y)
{
	const problem *a = x, *b = y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->type < b->type ? -1 : a->type > b->type ? 1
	     : a->attr < b->attr ? -1 : a->attr > b->attr;
}

/* Problems with ids are found after the elements they are about; put an
 * account's diagnostics back in file order (stable for one position). */
static void sort_account_diags(loader *L)
{
	if (relmap_diags_sort(L->diags, L->account_diags) != 0)
		set_nomem(L);
}

static void finish_account(loader *L)
{
	relmap_account *a = cur_account(L);
	flush_queue(L);
	if (!L->halted)
		settle_account(L, a);
	if (!L->halted)
		find_cycles(L, a);
	if (L->n_problems > 1)
		qsort(L->problems, L->n_problems, sizeof(*L->problems),
		      problem_cmp);
	for (size_t i = 0; i < L->n_problems && !L->halted; i++)
		report_problem(L, &L->problems[i], a);
	sort_account_diags(L);
	L->n_problems = 0;
	idmap_free(&L->ids);
}

/* ------------------------------------------------------------------ */
/* SAX events */

static size_t name_hash(const xmlChar *p)
{
	return (size_t)(((uintptr_t)p * 0x9e3779b97f4a7c15ULL) >> 58) &
	       (NAME_CACHE - 1);
}

static void name_cache_init(name_slot *cache, xmlDictPtr dict,
			    const char *const *names, int n)
{
	memset(cache, 0, NAME_CACHE * sizeof(*cache));
	for (int i = 0; i < n; i++) {
		const xmlChar *p = xmlDictLookup(dict, BAD_CAST names[i], -1);
		if (!p)
			continue;
		size_t h = name_hash(p);
		while (cache[h].name)
			h = (h + 1) & (NAME_CACHE - 1);
		cache[h].name = p;
		cache[h].id = i;
	}
}

/* Which of `names` this is, or -1.  Names reach us interned in the
 * parser's dictionary, so a pointer usually decides; strcmp covers the
 * rest. */
static int name_of(const name_slot *cache, const char *const *names, int n,
		   const xmlChar *name)
{
	for (size_t h = name_hash(name); cache[h].name;
	     h = (h + 1) & (NAME_CACHE - 1))
		if (cache[h].name == name)
			return cache[h].id;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], (const char *)name) == 0)
			return i;
	return -1;
}

static void qname(char *out, size_t size, const xmlChar *prefix,
		  const xmlChar *local)
{
	char b1[SHOW_BUF], b2[SHOW_BUF];
	if (prefix)
		snprintf(out, size, "%s:%s", show_str(b1, (const char *)prefix),
			 show_str(b2, (const char *)local));
	else
		snprintf(out, size, "%s", show_str(b2, (const char *)local));
}

/* Report an element that may not stand where it is; its subtree is then
 * skipped. */
static void misplaced(loader *L, int el, const xmlChar *local,
		      const xmlChar *prefix, const xmlChar *uri, int line,
		      int col)
{
	char name[2 * SHOW_BUF + 2], b[SHOW_BUF];
	qname(name, sizeof(name), prefix, local);
	const char *parent = L->depth ? elem_names[L->stack[L->depth - 1].el]
				      : NULL;
	if (L->depth)
		L->stack[L->depth - 1].flagged = 1;
	if (uri && !prefix)
		error_at(L, line, col,
			 "element <%s> is in namespace '%s'; relmap elements have no namespace",
			 name, show_str(b, (const char *)uri));
	else if (!parent)
		error_at(L, line, col, "root element must be <relmap>, not <%s>",
			 name);
	else if (el == EL_UNKNOWN)
		error_at(L, line, col, "unknown element <%s> in <%s>", name,
			 parent);
	else if (el == EL_MEMBER && L->stack[L->depth - 1].el == EL_ACCOUNT)
		error_at(L, line, col,
			 "element <member> is not allowed in <account> (members go in <team>)");
	else
		error_at(L, line, col, "element <%s> is not allowed in <%s>",
			 name, parent);
}

/* Collect an element's attributes into v[] (decoded, see decode_amp),
 * reporting unknown and missing ones; returns the set of those present. */
/* ------------------------------------------------------------------ */
/* Limits (docs/limits.md): each stops the load with an error naming it. */

static void over_limit(loader *L, int line, int col, const char *what,
		       size_t limit, const char *unit, const char *name)
{
	error_at(L, line, col, "%s: the limit is %zu%s (%s, docs/limits.md)",
		 what, limit, unit, name);
	halt(L);
}

/* 1 (reported) when one more `el` would pass its count limit. */
static int count_limited(loader *L, frame *f, int el)
{
	const relmap_limits *lim = &L->lim;
	char what[96 + SHOW_BUF], b[SHOW_BUF];
	if (el == EL_ACCOUNT) {
		if (!lim->max_accounts || L->doc->n_accounts < lim->max_accounts)
			return 0;
		over_limit(L, f->line, f->col, "too many accounts",
			   lim->max_accounts, "", "max_accounts");
		return 1;
	}
	if (el != EL_PERSON && el != EL_MEMBER && el != EL_DOTTED_LINE &&
	    el != EL_INFLUENCE && el != EL_COVERAGE && el != EL_TOUCHPOINT)
		return 0;
	const relmap_account *a = cur_account(L);
	if (el == EL_PERSON || el == EL_MEMBER) {
		size_t n = el == EL_PERSON ? a->n_persons : a->n_members;
		if (!lim->max_persons || n < lim->max_persons)
			return 0;
		snprintf(what, sizeof(what), "too many %s in account '%s'",
			 el == EL_PERSON ? "persons" : "team members",
			 show_str(b, a->id ? a->id : ""));
		over_limit(L, f->line, f->col, what, lim->max_persons, "",
			   "max_persons");
		return 1;
	}
	size_t n = a->n_dotted_lines + a->n_influences + a->n_coverages +
		   a->n_touchpoints;
	if (!lim->max_edges || n < lim->max_edges)
		return 0;
	snprintf(what, sizeof(what),
		 "too many dotted-line, influence, coverage and touchpoint "
		 "records in account '%s'", show_str(b, a->id ? a->id : ""));
	over_limit(L, f->line, f->col, what, lim->max_edges, "", "max_edges");
	return 1;
}

/* 1 (reported) when an attribute value is longer than max_text. */
static int text_limited(loader *L, frame *f, const attval *v, uint32_t set)
{
	if (!L->lim.max_text)
		return 0;
	for (int a = 0; a < AT_COUNT; a++) {
		if ((set & B(a)) && v[a].len > L->lim.max_text) {
			char what[96];
			snprintf(what, sizeof(what),
				 "%s=\"...\" on <%s> is %zu bytes long",
				 attr_names[a], elem_names[f->el], v[a].len);
			f->flagged = 1;
			over_limit(L, f->line, f->col, what, L->lim.max_text,
				   " bytes", "max_text");
			return 1;
		}
	}
	return 0;
}

static uint32_t collect_attrs(loader *L, frame *f, int nb_attrs,
			      const xmlChar **attrs, attval *v)
{
	const xmlParserInput *in = L->ctxt->input;
	uint32_t set = 0;
	size_t amp_room = 0;
	for (int i = 0; i < nb_attrs; i++) {
		const xmlChar **at = attrs + 5 * i;
		int a = -1;
		if (!at[1])
			a = name_of(L->attr_cache, attr_names, AT_COUNT, at[0]);
		else if (f->el == EL_RELMAP && at[2] &&
			 !strcmp((const char *)at[2], xsi_ns) &&
			 (!strcmp((const char *)at[0],
				  "noNamespaceSchemaLocation") ||
			  !strcmp((const char *)at[0], "schemaLocation")))
			continue; /* editors' schema hints; never followed */
		if (a < 0 || !(attrs_allowed[f->el] & B(a))) {
			char name[2 * SHOW_BUF + 2];
			qname(name, sizeof(name), at[1], at[0]);
			f->flagged = 1;
			error_at(L, f->line, f->col,
				 "unknown attribute '%s' on <%s>", name,
				 elem_names[f->el]);
			continue;
		}
		v[a].s = (const char *)at[3];
		v[a].len = (size_t)(at[4] - at[3]);
		set |= B(a);
		/* A value still in the input buffer had no reference, so no
		 * "&#38;" in it; only copies need looking at. */
		uintptr_t val = (uintptr_t)at[3];
		if ((val < (uintptr_t)in->base || val >= (uintptr_t)in->end) &&
		    memchr(v[a].s, '&', v[a].len))
			amp_room += v[a].len;
	}
	for (size_t used = 0, a = 0; amp_room && a < AT_COUNT; a++) {
		if ((set & B(a)) && decode_amp(L, &v[a], &used, amp_room)) {
			set_nomem(L);
			return 0;
		}
	}
	uint32_t missing = attrs_required[f->el] & ~set;
	for (int a = 0; missing && a < AT_COUNT; a++) {
		if (missing & B(a)) {
			f->flagged = 1;
			error_at(L, f->line, f->col,
				 "missing required attribute '%s' on <%s>",
				 attr_names[a], elem_names[f->el]);
		}
	}
	return set;
}

static void on_start(void *ud, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nb_ns, const xmlChar **ns,
		     int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
	loader *L = ud;
	if (L->halted)
		return;
	int line, col;
	xmlpos_start_tag(L->ctxt, &L->anchor, &line, &col);
	xmlpos_set_anchor(&L->anchor, L->ctxt);
	if (L->depth + L->skip + 1 > L->max_depth) {
		error_at(L, line, col, "elements are nested more than %d deep",
			 L->max_depth);
		halt(L);
		return;
	}
	if (L->skip) {
		L->skip++;
		L->target = &L->skipped;
		return;
	}
	int el = uri ? EL_UNKNOWN
		     : name_of(L->elem_cache, elem_names, EL_COUNT, local);
	if (el < 0)
		el = EL_UNKNOWN;
	int ok = L->depth == 0 ? el == EL_RELMAP && !L->seen_root
			       : !uri && parent_allows(L->stack[L->depth - 1].el,
						       el);
	if (!ok) {
		misplaced(L, el, local, prefix, uri, line, col);
		L->skip = 1;
		L->target = &L->skipped;
		return;
	}
	if (el == EL_RELMAP)
		L->seen_root = 1;
	frame *f = &L->stack[L->depth++];
	memset(f, 0, sizeof(*f));
	f->el = el;
	f->line = line;
	f->col = col;
	L->target = f;

	attval v[AT_COUNT];
	uint32_t set = collect_attrs(L, f, nb_attrs, attrs, v);
	if (L->halted || text_limited(L, f, v, set) || count_limited(L, f, el))
		return;
	switch (el) {
	case EL_RELMAP: start_relmap(L, f, v, set); break;
	case EL_ACCOUNT: start_account(L, f, v, set); break;
	case EL_TEAM: break;
	case EL_MEMBER: start_member(L, f, v, set); break;
	case EL_PERSON: start_person(L, f, v, set); break;
	case EL_DOTTED_LINE: start_dotted_line(L, f, v, set); break;
	case EL_INFLUENCE: start_influence(L, f, v, set); break;
	case EL_COVERAGE: start_coverage(L, f, v, set); break;
	case EL_TOUCHPOINT: start_touchpoint(L, f, v, set); break;
	}
}

static void on_end(void *ud, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	loader *L = ud;
	if (L->halted)
		return;
	xmlpos_set_anchor(&L->anchor, L->ctxt);
	if (L->skip) {
		L->skip--;
		L->target = &L->skipped;
		return;
	}
	if (L->depth == 0)
		return;
	L->closed = L->stack[--L->depth];
	L->target = &L->closed;
	frame *f = &L->closed;
	if (f->el == EL_ACCOUNT) {
		finish_account(L);
	} else if (f->el == EL_RELMAP) {
		L->root_done = 1;
		if (L->root_accounts == 0) {
			f->flagged = 1;
			error_at(L, f->line, f->col,
				 "<relmap> must contain at least one <account>");
		}
	}
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
	loader *L = ud;
	if (L->halted)
		return;
	xmlpos_text_anchor(&L->anchor, L->ctxt, ch, len);
	if (L->skip) {
		L->target = &L->skipped;
		return;
	}
	if (L->depth == 0)
		return; /* outside the root, libxml2 speaks for itself */
	frame *f = &L->stack[L->depth - 1];
	L->target = f;
	int k = 0;
	while (k < len && is_blank(ch[k]))
		k++;
	if (k == len || f->text_reported)
		return;
	int line, col;
	xmlpos_text(L->ctxt, &L->anchor, ch, len, k, &line, &col);
	f->text_reported = 1;
	f->flagged = 1;
	error_at(L, line, col, "text is not allowed in <%s>",
		 elem_names[f->el]);
}

/* XML Schema counts any CDATA section as text, even blank: so does the
 * loader, reporting it where "<![CDATA[" begins. */
static void on_cdata(void *ud, const xmlChar *value, int len)
{
	loader *L = ud;
	xmlpos_forget_anchor(&L->anchor);
	if (L->halted || L->skip || L->depth == 0 || len == 0)
		return;
	frame *f = &L->stack[L->depth - 1];
	L->target = f;
	if (f->text_reported)
		return;
	int line, col;
	xmlpos_cdata(L->ctxt, &L->anchor, len, &line, &col);
	f->text_reported = 1;
	f->flagged = 1;
	error_at(L, line, col, "text is not allowed in <%s>",
		 elem_names[f->el]);
}

static void on_comment(void *ud, const xmlChar *text)
{
	loader *L = ud;
	if (!L->halted)
		xmlpos_set_anchor(&L->anchor, L->ctxt);
}

static void on_pi(void *ud, const xmlChar *target, const xmlChar *data)
{
	on_comment(ud, NULL);
}

static void on_doctype(void *ud, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	loader *L = ud;
	if (L->halted)
		return;
	int line, col;
	xmlpos_doctype(L->ctxt, &L->anchor, &line, &col);
	error_at(L, line, col,
		 "document type declarations (<!DOCTYPE>) are not allowed");
	stop(L);
}

static void on_entity_decl(void *ud, const xmlChar *name, int type,
			   const xmlChar *pub, const xmlChar *sys,
			   xmlChar *content)
{
	loader *L = ud;
	if (L->halted)
		return;
	const xmlParserInput *in = L->ctxt->input;
	error_at(L, in->line, in->col, "entity declarations are not allowed");
	stop(L);
}

/* ------------------------------------------------------------------ */
/* Errors from libxml2 */

static void on_xml_error(void *ud, xmlErrorPtr e)
{
	loader *L = ud;
	if (!e || L->halted || L->xml_fatal || e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		set_nomem(L);
		return;
	}
	/* After its first fatal error libxml2 goes on scanning the chunk
	 * and may add errors caused by the first: keep the first only. */
	if (e->level == XML_ERR_FATAL)
		L->xml_fatal = 1;
	char msg[512];
	clean_message(msg, sizeof(msg), e->message);
	if (e->code == XML_ERR_INTERNAL_ERROR && e->message &&
	    strstr(e->message, "Huge input lookup"))
		snprintf(msg, sizeof(msg),
			 "a tag or text is too long (the limit is 10 MB)");
	/* At the end of the input libxml2's push parser says "extra content
	 * at the end of the document" for any document left incomplete. */
	if (e->code == XML_ERR_DOCUMENT_END && L->at_eof && !L->root_done) {
		if (!L->seen_root)
			snprintf(msg, sizeof(msg), "document is empty");
		else if (L->depth > 0)
			snprintf(msg, sizeof(msg),
				 "unexpected end of file: <%s> at line %d is not closed",
				 elem_names[L->stack[L->depth - 1].el],
				 L->stack[L->depth - 1].line);
		else
			snprintf(msg, sizeof(msg), "unexpected end of file");
	}
	error_at(L, e->line, e->int2, "%s", msg);
	if (L->xml_fatal)
		halt(L);
}

static void on_schema_error(void *ud, xmlErrorPtr e)
{
	loader *L = ud;
	if (!e || L->halted || e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		set_nomem(L);
		return;
	}
	frame *t = L->skip ? &L->skipped : L->target;
	if (t && t->flagged)
		return;
	char msg[512];
	clean_message(msg, sizeof(msg), e->message);
	if (t)
		t->flagged = 1;
	error_at(L, t ? t->line : 0, t ? t->col : 0, "schema: %s", msg);
}

static void on_compile_error(void *ud, xmlErrorPtr e)
{
	loader *L = ud;
	if (e && e->level != XML_ERR_WARNING)
		L->internal = 1;
}

static void on_generic_error(void *ud, const char *msg, ...)
{
	/* libxml2's unstructured channel is only used for its internal
	 * notices; the library never prints. */
}

/* ------------------------------------------------------------------ */
/* Driving the parse */

static void setup_sax(loader *L)
{
	xmlSAXHandler *s = &L->sax;
	memset(s, 0, sizeof(*s));
	s->initialized = XML_SAX2_MAGIC;
	s->startElementNs = on_start;
	s->endElementNs = on_end;
	/* One function for both, so the schema plug sees them as one. */
	s->characters = on_text;
	s->ignorableWhitespace = on_text;
	s->cdataBlock = on_cdata;
	s->comment = on_comment;
	s->processingInstruction = on_pi;
	s->internalSubset = on_doctype;
	s->entityDecl = on_entity_decl;
}

static int parse(loader *L, input_source *src, xmlSchemaValidCtxtPtr vctxt)
{
	int rc = 0;
	char *buf = NULL;
	xmlSchemaSAXPlugPtr plug = NULL;
	xmlSAXHandlerPtr sax = &L->sax;
	void *ud = L;

	if (src->fd >= 0 && !(buf = malloc(CHUNK_SIZE))) {
		set_nomem(L);
		goto out;
	}
	if (vctxt && !(plug = xmlSchemaSAXPlug(vctxt, &sax, &ud))) {
		L->internal = 1;
		goto out;
	}
	L->ctxt = xmlCreatePushParserCtxt(sax, ud, NULL, 0, NULL);
	if (!L->ctxt) {
		set_nomem(L);
		goto out;
	}
	/* No XML_PARSE_NOENT or XML_PARSE_DTDLOAD, ever; and whatever the
	 * process-wide defaults say, nothing is loaded or substituted. */
	xmlCtxtUseOptions(L->ctxt, XML_PARSE_NONET);
	L->ctxt->replaceEntities = 0;
	L->ctxt->loadsubset = 0;
	L->ctxt->validate = 0;
	name_cache_init(L->elem_cache, L->ctxt->dict, elem_names, EL_COUNT);
	name_cache_init(L->attr_cache, L->ctxt->dict, attr_names, AT_COUNT);

	for (;;) {
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
		size_t max = L->lim.max_bytes;
		if (max && (size_t)n > max - L->bytes_read) {
			/* Parse up to the limit, so the error comes where the
			 * input crosses it, after any found before. */
			xmlParseChunk(L->ctxt, chunk, (int)(max - L->bytes_read),
				      0);
			if (!L->halted)
				over_limit(L, L->ctxt->input ?
					      L->ctxt->input->line : 0, 0,
					   "the input is too large",
					   max, " bytes", "max_bytes");
			break;
		}
		L->bytes_read += (size_t)n;
		L->at_eof = n == 0;
		xmlParseChunk(L->ctxt, chunk, (int)n, n == 0);
		if (n == 0 || L->halted)
			break;
	}
	if (!L->halted && !L->errors && !L->root_done)
		error_at(L, L->ctxt->input ? L->ctxt->input->line : 0, 0,
			 "no <relmap> element");
out:
	if (L->ctxt) {
		/* For "expat compatibility" libxml2 may keep declared entities
		 * in a document of its own; it is not freed with the context. */
		if (L->ctxt->myDoc)
			xmlFreeDoc(L->ctxt->myDoc);
		xmlFreeParserCtxt(L->ctxt);
		L->ctxt = NULL;
	}
	if (plug)
		xmlSchemaSAXUnplug(plug);
	free(buf);
	return rc;
}

/* `size` is the input's size in bytes, or SIZE_MAX when unknown (a pipe). */
static int load(relmap_document **out, const char *file, input_source *src,
		size_t size, const relmap_load_options *opts,
		relmap_diags *diags)
{
	relmap_load_options defaults = RELMAP_LOAD_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	int rc = 0;
	loader L;
	memset(&L, 0, sizeof(L));
	L.diags = diags;
	L.file = file;
	L.max_depth = opts->max_depth > 0 ? opts->max_depth : 64;
	L.lim = opts->limits;
	L.skipped.flagged = 1;
	for (int k = 0; k < EN_COUNT; k++) {
		for (int i = 0; i < enum_count(k) && i < 16; i++) {
			L.enum_names[k][i] = enum_name(k, i);
			L.enum_lens[k][i] = L.enum_names[k][i]
					    ? strlen(L.enum_names[k][i]) : 0;
		}
	}
	idmap_init(&L.ids);
	idmap_init(&L.account_ids);
	setup_sax(&L);

	xmlSchemaParserCtxtPtr pctxt = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctxt = NULL;

	xmlInitParser();
	/* libxml2 reports through thread-local handlers; point them here for
	 * the duration of the load, and put them back after. */
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_gerror = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(&L, on_generic_error);
	xmlSetStructuredErrorFunc(&L, on_compile_error);

	if (!(L.doc = document_new(file))) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	L.arena = document_arena(L.doc);

	if (opts->validate_schema &&
	    (!opts->schema_max_bytes || size == SIZE_MAX ||
	     size <= opts->schema_max_bytes)) {
		const char *xsd = relmap_embedded_schema_xsd;
		pctxt = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd));
		if (pctxt) {
			xmlSchemaSetParserStructuredErrors(pctxt, on_compile_error,
							   &L);
			schema = xmlSchemaParse(pctxt);
		}
		if (schema)
			vctxt = xmlSchemaNewValidCtxt(schema);
		if (!vctxt || L.internal) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
					 "the built-in XML schema cannot be compiled");
			rc = RELMAP_EINTERNAL;
			goto out;
		}
		xmlSchemaSetValidStructuredErrors(vctxt, on_schema_error, &L);
	}
	xmlSetStructuredErrorFunc(&L, on_xml_error);

	rc = parse(&L, src, vctxt);
	if (rc == 0)
		rc = L.nomem ? RELMAP_ENOMEM : L.internal ? RELMAP_EINTERNAL
			     : L.errors ? RELMAP_EDATA : 0;
out:
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_gerror);
	xmlSchemaFreeValidCtxt(vctxt);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pctxt);
	idmap_free(&L.ids);
	idmap_free(&L.account_ids);
	free(L.problems);
	free(L.queue);
	free(L.keybuf);
	free(L.scratch);
	return document_load_end(out, L.doc, rc, file, diags);
}

int relmap_document_load_xml(relmap_document **out, const char *path,
			     const relmap_load_options *opts,
			     relmap_diags *diags)
{
	*out = NULL;
	if (!path)
		return RELMAP_EUSAGE;
	input_file in;
	if (input_open(&in, path, diags) != 0)
		return RELMAP_ENOENT;
	input_source src = { in.fd, NULL, 0, 0 };
	int rc = load(out, in.name, &src, in.size, opts, diags);
	input_close(&in);
	return rc;
}

int relmap_document_load_xml_memory(relmap_document **out, const char *data,
				    size_t len, const char *name,
				    const relmap_load_options *opts,
				    relmap_diags *diags)
{
	*out = NULL;
	if (!data && len)
		return RELMAP_EUSAGE;
	input_source src = { -1, data ? data : "", len, 0 };
	return load(out, name ? name : "<memory>", &src, len, opts, diags);
}

const char *relmap_schema_xsd(void)
{
	return relmap_embedded_schema_xsd;
}
