/*
 * style_parse.c - reading a style sheet onto a style.
 *
 * The sheet is parsed by libxml2 without network, DTD or entity
 * substitution, and a DOCTYPE is refused outright, so a style sheet can
 * make relmap read nothing but itself.  Relmap's own checks come first and
 * give positioned messages in relmap's words; the XSD (compiled in) runs
 * afterwards as a safety net and as the formal statement of the format.
 */
#define _POSIX_C_SOURCE 200809L
#include "style_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "embedded.h"
#include "style_gvattr.h"
#include "style_pos.h"

/* Style sheets are a few kilobytes; anything this big is a mistake. */
#define MAX_SHEET_BYTES (1024u * 1024u)
#define MAX_KEYS 16

enum el {
	EL_GRAPH = 0,
	EL_FONT,
	EL_PERSON,
	EL_ATTITUDE,
	EL_ROLE,
	EL_GAP,
	EL_MEMBER,
	EL_CLUSTER,
	EL_EDGE,
	EL_BAND,
	EL_LEGEND,
	EL_TITLE,
	EL_SUMMARY,
	EL_COUNT
};

static const char *const el_names[EL_COUNT] = {
	"graph", "font", "person", "attitude", "role", "gap", "member",
	"cluster", "edge", "band", "legend", "title", "summary",
};

/* The kind of Graphviz object whose attributes each element passes on. */
static const unsigned el_kinds[EL_COUNT] = {
	GVK_ROOT, 0, GVK_NODE, GVK_NODE, GVK_NODE, GVK_NODE, GVK_NODE,
	GVK_CLUSTER, GVK_EDGE, GVK_EDGE, GVK_CLUSTER, GVK_ROOT, GVK_NODE,
};

/* The attribute telling which one of several an element styles. */
static const char *const el_key[EL_COUNT] = {
	NULL, NULL, NULL, "value", "value", NULL, NULL, "kind", "kind", "name",
	NULL, NULL, NULL,
};

enum { CLUSTER_TEAM = 0, CLUSTER_DEPARTMENT, CLUSTER_COUNT };
static const char *const cluster_kinds[CLUSTER_COUNT] = { "team",
							  "department" };
static const char *const edge_names[STYLE_EDGE_COUNT] = {
	"reports-to", "dotted-line", "influence", "conflict", "coverage",
};
static const char *const band_names[STYLE_BAND_COUNT] = { "strong", "medium",
							  "weak" };

const char *style_edge_name(style_edge e)
{
	return (int)e >= 0 && e < STYLE_EDGE_COUNT ? edge_names[e] : NULL;
}

const char *style_band_name(style_band b)
{
	return (int)b >= 0 && b < STYLE_BAND_COUNT ? band_names[b] : NULL;
}

typedef enum otype { O_NUM, O_INT, O_COLOR, O_TEXT } otype;

/* relmap's own attributes: hyphenated names (Graphviz has none), plus the
 * texts of <font name>, <cluster kind="team" label> and <legend label>. */
typedef struct own_attr {
	int el;
	unsigned keys;   /* bit set of the key values it applies to */
	const char *name;
	otype type;
	double lo, hi;   /* O_NUM range; O_TEXT: lo 1 = must not be empty */
	size_t offset;   /* of the field in relmap_style */
	size_t stride;   /* for arrays indexed by the key value, else 0 */
} own_attr;

#define ALL (~0u)
#define BIT(k) (1u << (k))
#define OFF(f) offsetof(relmap_style, f)
#define PW_KINDS \
	(BIT(STYLE_EDGE_INFLUENCE) | BIT(STYLE_EDGE_CONFLICT) | \
	 BIT(STYLE_EDGE_COVERAGE))

static const own_attr owns[] = {
	{ EL_FONT, ALL, "name", O_TEXT, 1, 0, OFF(font), 0 },
	{ EL_PERSON, ALL, "penwidth-min", O_NUM, 0, 20,
	  OFF(person_penwidth_min), 0 },
	{ EL_PERSON, ALL, "penwidth-max", O_NUM, 0, 20,
	  OFF(person_penwidth_max), 0 },
	{ EL_PERSON, ALL, "title-fontsize", O_NUM, 1, 200, OFF(title_fontsize),
	  0 },
	{ EL_PERSON, ALL, "title-fontcolor", O_COLOR, 0, 0,
	  OFF(title_fontcolor), 0 },
	{ EL_PERSON, ALL, "title-wrap", O_INT, 0, 200, OFF(title_wrap), 0 },
	{ EL_PERSON, ALL, "department-fontsize", O_NUM, 1, 200,
	  OFF(department_fontsize), 0 },
	{ EL_PERSON, ALL, "department-fontcolor", O_COLOR, 0, 0,
	  OFF(department_fontcolor), 0 },
	{ EL_MEMBER, ALL, "role-fontsize", O_NUM, 1, 200,
	  OFF(member_role_fontsize), 0 },
	{ EL_MEMBER, ALL, "role-fontcolor", O_COLOR, 0, 0,
	  OFF(member_role_fontcolor), 0 },
	{ EL_GAP, ALL, "marker", O_TEXT, 0, 0, OFF(gap_marker), 0 },
	{ EL_GAP, ALL, "marker-fontsize", O_NUM, 1, 200,
	  OFF(gap_marker_fontsize), 0 },
	{ EL_GAP, ALL, "marker-fontcolor", O_COLOR, 0, 0,
	  OFF(gap_marker_fontcolor), 0 },
	{ EL_GAP, ALL, "marker-fillcolor", O_COLOR, 0, 0,
	  OFF(gap_marker_fillcolor), 0 },
	{ EL_EDGE, PW_KINDS, "penwidth-min", O_NUM, 0, 20,
	  OFF(edge_penwidth_min), sizeof(double) },
	{ EL_EDGE, PW_KINDS, "penwidth-max", O_NUM, 0, 20,
	  OFF(edge_penwidth_max), sizeof(double) },
	{ EL_EDGE, BIT(STYLE_EDGE_REPORTS_TO), "leaf-stagger", O_INT, 1, 5,
	  OFF(leaf_stagger), 0 },
	{ EL_EDGE, BIT(STYLE_EDGE_REPORTS_TO), "stack-width", O_INT, 0, 1000,
	  OFF(stack_width), 0 },
	{ EL_EDGE, BIT(STYLE_EDGE_REPORTS_TO), "stack-ratio", O_NUM, 0.1, 100,
	  OFF(stack_ratio), 0 },
	{ EL_BAND, BIT(STYLE_BAND_STRONG) | BIT(STYLE_BAND_MEDIUM), "min",
	  O_NUM, 0, 1, OFF(band_min), sizeof(double) },
	{ EL_CLUSTER, BIT(CLUSTER_TEAM), "label", O_TEXT, 0, 0,
	  OFF(team_label), 0 },
	{ EL_LEGEND, ALL, "label", O_TEXT, 0, 0, OFF(legend_label), 0 },
	{ EL_LEGEND, ALL, "item-fontsize", O_NUM, 1, 200,
	  OFF(legend_item_fontsize), 0 },
	{ EL_LEGEND, ALL, "item-fontcolor", O_COLOR, 0, 0,
	  OFF(legend_item_fontcolor), 0 },
	{ EL_TITLE, ALL, "name-fontsize", O_NUM, 1, 200,
	  OFF(title_name_fontsize), 0 },
	{ EL_TITLE, ALL, "name-fontcolor", O_COLOR, 0, 0,
	  OFF(title_name_fontcolor), 0 },
	{ EL_TITLE, ALL, "detail-fontsize", O_NUM, 1, 200,
	  OFF(title_detail_fontsize), 0 },
	{ EL_TITLE, ALL, "detail-fontcolor", O_COLOR, 0, 0,
	  OFF(title_detail_fontcolor), 0 },
};

/* Where an element of this sheet was, for checks made after the walk. */
typedef struct place {
	int line;
	int column;
} place;

typedef struct sheet {
	relmap_style *st;
	const char *file;
	relmap_diags *diags;
	xml_positions pos;
	size_t errors;
	int nomem;
	int doctype;          /* the SAX hook saw a DOCTYPE */
	int doctype_line;
	place root;
	place seen[EL_COUNT][MAX_KEYS]; /* line 0: not given */
} sheet;

static void report(sheet *sh, relmap_severity sev, int line, int column,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(sheet *sh, relmap_severity sev, int line, int column,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (relmap_diags_addv(sh->diags, sev, sh->file, line, column, fmt, ap))
		sh->nomem = 1;
	va_end(ap);
	if (sev == RELMAP_SEVERITY_ERROR)
		sh->errors++;
}

static place node_place(const sheet *sh, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	if (i && i - 1 < sh->pos.n_tags) {
		const xml_tag_pos *t = &sh->pos.tags[i - 1];
		return (place){ t->line, t->column };
	}
	return (place){ (int)xmlGetLineNo(n), 0 };
}

static place attr_place(const sheet *sh, const xmlNode *n, const char *name)
{
	uintptr_t i = (uintptr_t)n->_private;
	const xml_attr_pos *a = i ? xml_positions_attr(&sh->pos, i - 1, name)
				  : NULL;
	if (a)
		return (place){ a->line, a->column };
	return node_place(sh, n);
}

/* libxml2's messages end in a newline; diagnostics do not. */
static void report_xml_error(sheet *sh, const xmlError *e, const char *what)
{
	if (!e || !e->message)
		return;
	size_t len = strlen(e->message);
	while (len && (e->message[len - 1] == '\n' || e->message[len - 1] == ' '))
		len--;
	relmap_severity sev = e->level == XML_ERR_WARNING
				      ? RELMAP_SEVERITY_WARNING
				      : RELMAP_SEVERITY_ERROR;
	int line = e->line, column = e->int2;
	if (e->node) {
		place p = node_place(sh, (const xmlNode *)e->node);
		line = p.line;
		column = p.column;
	}
	report(sh, sev, line, column, "%s%.*s", what, (int)len, e->message);
}

static void on_parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	sheet *sh = ctxt->_private;
	/* After a DOCTYPE the parser is stopped on purpose; its complaints
	 * about that add nothing. */
	if (!sh->doctype)
		report_xml_error(sh, e, "");
}

static void on_schema_error(void *user, xmlErrorPtr e)
{
	report_xml_error(user, e, "does not match the style sheet schema: ");
}

static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xmlParserCtxtPtr ctxt = user;
	sheet *sh = ctxt->_private;
	sh->doctype = 1;
	sh->doctype_line = ctxt->input ? ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

static int all_space(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!isspace(*s))
			return 0;
	return 1;
}

static int key_index(int el, const char *v)
{
	int n = 0;
	switch (el) {
	case EL_ATTITUDE: {
		relmap_attitude a;
		return relmap_attitude_parse(&a, v) == 0 ? (int)a : -1;
	}
	case EL_ROLE: {
		relmap_role r;
		return relmap_role_parse(&r, v) == 0 ? (int)r : -1;
	}
	case EL_CLUSTER:
		n = CLUSTER_COUNT;
		for (int i = 0; i < n; i++)
			if (strcmp(v, cluster_kinds[i]) == 0)
				return i;
		return -1;
	case EL_EDGE:
		for (int i = 0; i < STYLE_EDGE_COUNT; i++)
			if (strcmp(v, edge_names[i]) == 0)
				return i;
		return -1;
	case EL_BAND:
		for (int i = 0; i < STYLE_BAND_COUNT; i++)
			if (strcmp(v, band_names[i]) == 0)
				return i;
		return -1;
	}
	return -1;
}

/* "champion, supporter, ..." for a message. */
static void key_choices(int el, char *buf, size_t len)
{
	buf[0] = '\0';
	for (int i = 0;; i++) {
		const char *name = NULL;
		switch (el) {
		case EL_ATTITUDE:
			name = relmap_attitude_name((relmap_attitude)i);
			break;
		case EL_ROLE:
			name = relmap_role_name((relmap_role)i);
			break;
		case EL_CLUSTER:
			name = i < CLUSTER_COUNT ? cluster_kinds[i] : NULL;
			break;
		case EL_EDGE:
			name = style_edge_name((style_edge)i);
			break;
		case EL_BAND:
			name = style_band_name((style_band)i);
			break;
		}
		if (!name)
			return;
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", i ? ", " : "", name);
	}
}

static style_attrs *slot_of(relmap_style *st, int el, int key)
{
	switch (el) {
	case EL_GRAPH: return &st->graph;
	case EL_PERSON: return &st->person;
	case EL_ATTITUDE: return &st->attitude[key];
	case EL_ROLE: return &st->role[key];
	case EL_GAP: return &st->gap;
	case EL_MEMBER: return &st->member;
	case EL_CLUSTER:
		return key == CLUSTER_TEAM ? &st->team : &st->department;
	case EL_EDGE: return &st->edge[key];
	case EL_BAND: return &st->band[key];
	case EL_LEGEND: return &st->legend;
	case EL_TITLE: return &st->title;
	case EL_SUMMARY: return &st->summary;
	}
	return NULL;
}

static const own_attr *find_own(int el, int key, const char *name)
{
	for (size_t i = 0; i < sizeof(owns) / sizeof(owns[0]); i++)
		if (owns[i].el == el && strcmp(owns[i].name, name) == 0 &&
		    (key < 0 || (owns[i].keys & BIT(key))))
			return &owns[i];
	return NULL;
}

static const char *kind_words(unsigned kinds)
{
	if (kinds & GVK_NODE)
		return "nodes";
	if (kinds & GVK_EDGE)
		return "edges";
	if (kinds & GVK_CLUSTER)
		return "clusters";
	return "the whole graph";
}

/* What the element is, in messages: <attitude value="champion">. */
static void describe(char *buf, size_t len, int el, const char *keyval)
{
	if (el_key[el] && keyval)
		snprintf(buf, len, "<%s %s=\"%s\">", el_names[el], el_key[el],
			 keyval);
	else
		snprintf(buf, len, "<%s>", el_names[el]);
}

static int parse_num(const char *v, double *out)
{
	char *end;
	errno = 0;
	if (!*v || isspace((unsigned char)*v))
		return -1;
	double d = strtod(v, &end);
	if (*end || errno || !isfinite(d))
		return -1;
	for (const char *p = v; *p; p++)
		if (isalpha((unsigned char)*p) && *p != 'e' && *p != 'E')
			return -1;
	*out = d;
	return 0;
}

static void set_own(sheet *sh, const own_attr *o, int key, const char *v,
		    place at, const char *what)
{
	char *field = (char *)sh->st + o->offset +
		      (o->stride ? (size_t)key * o->stride : 0);
	double d;

	switch (o->type) {
	case O_NUM:
	case O_INT:
		if (parse_num(v, &d) || d < o->lo || d > o->hi ||
		    (o->type == O_INT && strspn(v, "0123456789") != strlen(v))) {
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "bad value '%s' for %s on %s: expected a %s from %g to %g",
			       v, o->name, what,
			       o->type == O_INT ? "whole number" : "number",
			       o->lo, o->hi);
			return;
		}
		*(double *)field = d;
		return;
	case O_COLOR:
		/* Empty: the text keeps the colour of the node it is in. */
		if (*v && gvattr_color(v, NULL)) {
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "bad value '%s' for %s on %s: expected a colour: #rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name",
			       v, o->name, what);
			return;
		}
		break;
	case O_TEXT:
		if (o->lo > 0 && !*v) {
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "%s on %s must not be empty", o->name, what);
			return;
		}
		break;
	}
	char *copy = arena_strdup(sh->st->arena, v);
	if (!copy) {
		sh->nomem = 1;
		return;
	}
	*(const char **)field = copy;
}

static void check_gv_attr(sheet *sh, int el, int key, const char *name,
			  const char *v, place at, const char *what)
{
	const gvattr_info *gv = gvattr_find(name);
	unsigned kinds = el_kinds[el];
	char want[512];

	if (!gv || !kinds) {
		const char *hint = kinds ? gvattr_suggest(name, kinds) : NULL;
		for (size_t i = 0; !hint && i < sizeof(owns) / sizeof(owns[0]);
		     i++)
			if (owns[i].el == el && strcasecmp(owns[i].name, name) == 0)
				hint = owns[i].name;
		if (hint)
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "unknown attribute '%s' on %s; did you mean '%s'?",
			       name, what, hint);
		else
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "unknown attribute '%s' on %s", name, what);
		return;
	}
	if (gvattr_reserved(gv)) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "'%s' cannot be set in a style sheet: %s", name,
		       gvattr_reserved(gv));
		return;
	}
	/* The title block is the graph's label, placed by these two. */
	int title_attr = strcmp(name, "labelloc") == 0 ||
			 strcmp(name, "labeljust") == 0;
	if (el == EL_TITLE && !title_attr) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "'%s' does not apply to <title> (it takes labelloc, labeljust and relmap's own attributes)",
		       name);
		return;
	}
	if (el == EL_TITLE && strcmp(name, "labelloc") == 0 && *v &&
	    strcmp(v, "t") != 0 && strcmp(v, "b") != 0) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "bad value '%s' for labelloc on <title>: expected t or b",
		       v);
		return;
	}
	if (el == EL_GRAPH && title_attr) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "'%s' places the title block; set it on <title>", name);
		return;
	}
	if (!(gvattr_kinds(gv) & kinds)) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "'%s' does not apply to %s (Graphviz reads it on %s)",
		       name, what, kind_words(gvattr_kinds(gv)));
		return;
	}
	/* An empty value unsets what the default style gave. */
	if (*v && gvattr_check(gv, v, want, sizeof(want))) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "bad value '%s' for %s on %s: expected %s", v, name, what,
		       want);
		return;
	}
	if (style_attrs_set(sh->st->arena, slot_of(sh->st, el, key), name, v))
		sh->nomem = 1;
}

/* An element's text content and children: style elements have none. */
static void check_content(sheet *sh, const xmlNode *n, const char *what)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			place p = node_place(sh, c);
			report(sh, RELMAP_SEVERITY_ERROR, p.line, p.column,
			       "%s takes no child elements, found <%s>", what,
			       (const char *)c->name);
		} else if ((c->type == XML_TEXT_NODE ||
			    c->type == XML_CDATA_SECTION_NODE) &&
			   !all_space(c->content)) {
			report(sh, RELMAP_SEVERITY_ERROR, (int)xmlGetLineNo(c),
			       0, "%s takes no text", what);
		}
	}
}

static void walk_element(sheet *sh, xmlDoc *doc, xmlNode *n)
{
	place at = node_place(sh, n);
	const char *name = (const char *)n->name;
	int el;
	char what[256], choices[256];

	for (el = 0; el < EL_COUNT; el++)
		if (strcmp(name, el_names[el]) == 0)
			break;
	if (el == EL_COUNT || n->ns) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "unknown element <%s> in a style sheet (expected graph, font, person, attitude, role, gap, member, cluster, edge, band, legend or title)",
		       name);
		return;
	}

	int key = 0;
	xmlChar *keyval = NULL;
	if (el_key[el]) {
		keyval = xmlGetNoNsProp(n, (const xmlChar *)el_key[el]);
		key_choices(el, choices, sizeof(choices));
		if (!keyval) {
			report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
			       "<%s> needs %s=\"...\" (one of %s)", name,
			       el_key[el], choices);
			return;
		}
		key = key_index(el, (const char *)keyval);
		if (key < 0) {
			place kp = attr_place(sh, n, el_key[el]);
			report(sh, RELMAP_SEVERITY_ERROR, kp.line, kp.column,
			       "unknown %s '%s' in <%s %s>; expected one of %s",
			       el_key[el], (const char *)keyval, name,
			       el_key[el], choices);
			xmlFree(keyval);
			return;
		}
	}
	describe(what, sizeof(what), el, (const char *)keyval);
	xmlFree(keyval);

	place *first = &sh->seen[el][key];
	if (first->line) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "%s is given twice; the first is at line %d, column %d",
		       what, first->line, first->column);
		return;
	}
	*first = at;
	check_content(sh, n, what);

	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		place ap = attr_place(sh, n, an);
		if (el_key[el] && strcmp(an, el_key[el]) == 0 && !a->ns)
			continue;
		if (a->ns) {
			report(sh, RELMAP_SEVERITY_ERROR, ap.line, ap.column,
			       "unknown attribute '%s:%s' on %s",
			       (const char *)a->ns->prefix, an, what);
			continue;
		}
		xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
		const char *value = v ? (const char *)v : "";
		const own_attr *o = find_own(el, key, an);
		if (o)
			set_own(sh, o, key, value, ap, what);
		else if (find_own(el, -1, an))
			/* e.g. penwidth-min on reports-to: it has one width */
			report(sh, RELMAP_SEVERITY_ERROR, ap.line, ap.column,
			       "'%s' does not apply to %s", an, what);
		else
			check_gv_attr(sh, el, key, an, value, ap, what);
		xmlFree(v);
	}
}

static void walk_root(sheet *sh, xmlDoc *doc, xmlNode *root)
{
	place at = node_place(sh, root);
	sh->root = at;
	if (strcmp((const char *)root->name, "relmap-style") != 0 || root->ns) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "the root element is <%s>; a style sheet is <relmap-style version=\"1\">",
		       (const char *)root->name);
		return;
	}
	if (root->nsDef) {
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "a style sheet has no XML namespace");
		return;
	}
	int has_version = 0;
	for (xmlAttr *a = root->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		place ap = attr_place(sh, root, an);
		xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
		if (!a->ns && strcmp(an, "version") == 0) {
			has_version = 1;
			if (!v || strcmp((const char *)v, "1") != 0)
				report(sh, RELMAP_SEVERITY_ERROR, ap.line,
				       ap.column,
				       "unsupported style sheet version '%s'; this relmap reads version 1",
				       v ? (const char *)v : "");
		} else if (a->ns || (strcmp(an, "name") != 0 &&
				     strcmp(an, "description") != 0)) {
			report(sh, RELMAP_SEVERITY_ERROR, ap.line, ap.column,
			       "unknown attribute '%s' on <relmap-style> (it takes version, name and description)",
			       an);
		}
		xmlFree(v);
	}
	if (!has_version)
		report(sh, RELMAP_SEVERITY_ERROR, at.line, at.column,
		       "<relmap-style> needs version=\"1\"");

	for (xmlNode *c = root->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			walk_element(sh, doc, c);
		else if ((c->type == XML_TEXT_NODE ||
			  c->type == XML_CDATA_SECTION_NODE) &&
			 !all_space(c->content))
			report(sh, RELMAP_SEVERITY_ERROR, (int)xmlGetLineNo(c),
			       0, "<relmap-style> takes no text");
		if (sh->nomem)
			return;
	}
}

/* Relative luminance (WCAG 2). */
static double luminance(const unsigned char rgb[3])
{
	double l[3];
	for (int i = 0; i < 3; i++) {
		double c = rgb[i] / 255.0;
		l[i] = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

/* The first colour of a colour list ("red:blue" -> "red"). */
static const char *first_color(const char *v, char *buf, size_t len)
{
	size_t n = strcspn(v, ":;");
	if (n >= len)
		n = len - 1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return buf;
}

/*
 * Names on coloured nodes must stay legible on a projector: warn when an
 * attitude's text colour has less than WCAG's 4.5:1 contrast with its
 * fill.  Only what this sheet changed is checked, so a theme does not
 * hear about the default.
 */
static void check_contrast(sheet *sh)
{
	const relmap_style *st = sh->st;
	const place *person = &sh->seen[EL_PERSON][0];
	for (int i = 0; i < RELMAP_ATTITUDE_COUNT; i++) {
		const place *p = &sh->seen[EL_ATTITUDE][i];
		if (!p->line && !person->line)
			continue;
		const char *fill = style_attrs_get(&st->attitude[i], "fillcolor");
		if (!fill)
			fill = style_attrs_get(&st->person, "fillcolor");
		const char *font = style_attrs_get(&st->attitude[i], "fontcolor");
		if (!font)
			font = style_attrs_get(&st->person, "fontcolor");
		if (!fill || !font)
			continue;
		unsigned char a[3], b[3];
		char fbuf[101], tbuf[101];
		if (gvattr_color(first_color(fill, fbuf, sizeof(fbuf)), a) ||
		    gvattr_color(first_color(font, tbuf, sizeof(tbuf)), b))
			continue;
		double la = luminance(a), lb = luminance(b);
		double ratio = la > lb ? (la + 0.05) / (lb + 0.05)
				       : (lb + 0.05) / (la + 0.05);
		if (ratio >= 4.5)
			continue;
		const place *at = p->line ? p : person;
		report(sh, RELMAP_SEVERITY_WARNING, at->line, at->column,
		       "attitude '%s': text colour %s on fill %s has a contrast of %.1f:1; at least 4.5:1 reads well on slides",
		       relmap_attitude_name((relmap_attitude)i), font, fill,
		       ratio);
	}
}

/* Ranges that involve two values, checked on the merged style. */
static void check_ranges(sheet *sh)
{
	const relmap_style *st = sh->st;
	const place *p = &sh->seen[EL_PERSON][0];
	if (st->person_penwidth_min > st->person_penwidth_max) {
		const place *at = p->line ? p : &sh->root;
		report(sh, RELMAP_SEVERITY_ERROR, at->line, at->column,
		       "<person> penwidth-min (%g) is larger than penwidth-max (%g)",
		       st->person_penwidth_min, st->person_penwidth_max);
	}
	for (int k = 0; k < STYLE_EDGE_COUNT; k++) {
		if (st->edge_penwidth_min[k] <= st->edge_penwidth_max[k])
			continue;
		p = &sh->seen[EL_EDGE][k];
		const place *at = p->line ? p : &sh->root;
		report(sh, RELMAP_SEVERITY_ERROR, at->line, at->column,
		       "<edge kind=\"%s\"> penwidth-min (%g) is larger than penwidth-max (%g)",
		       edge_names[k], st->edge_penwidth_min[k],
		       st->edge_penwidth_max[k]);
	}
	if (st->band_min[STYLE_BAND_MEDIUM] > st->band_min[STYLE_BAND_STRONG]) {
		p = &sh->seen[EL_BAND][STYLE_BAND_MEDIUM];
		if (!p->line)
			p = &sh->seen[EL_BAND][STYLE_BAND_STRONG];
		const place *at = p->line ? p : &sh->root;
		report(sh, RELMAP_SEVERITY_ERROR, at->line, at->column,
		       "band 'medium' starts at %g, above band 'strong' at %g",
		       st->band_min[STYLE_BAND_MEDIUM],
		       st->band_min[STYLE_BAND_STRONG]);
	}
}

static void number_elements(sheet *sh, xmlNode *root)
{
	uintptr_t i = 0;
	xmlNode *n = root;
	/* Pre-order, as the scanner met the start tags. */
	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			n->_private = (void *)++i;
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != root)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	(void)sh;
}

static int validate_schema(sheet *sh, xmlDoc *doc)
{
	int rc = 0;
	xmlSchemaParserCtxtPtr pc = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vc = NULL;

	pc = xmlSchemaNewMemParserCtxt(relmap_embedded_style_xsd,
				       (int)strlen(relmap_embedded_style_xsd));
	if (!pc)
		goto fail;
	schema = xmlSchemaParse(pc);
	if (!schema)
		goto fail;
	vc = xmlSchemaNewValidCtxt(schema);
	if (!vc)
		goto fail;
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, sh);
	if (xmlSchemaValidateDoc(vc, doc) != 0 && !sh->errors)
		report(sh, RELMAP_SEVERITY_ERROR, sh->root.line,
		       sh->root.column,
		       "does not match the style sheet schema");
	goto out;
fail:
	relmap_diags_add(sh->diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
			 "internal error: the built-in style sheet schema does not load");
	rc = RELMAP_EINTERNAL;
out:
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static int utf8_encoding(const xmlChar *enc)
{
	return !enc || strcasecmp((const char *)enc, "UTF-8") == 0 ||
	       strcasecmp((const char *)enc, "UTF8") == 0 ||
	       strcasecmp((const char *)enc, "US-ASCII") == 0 ||
	       strcasecmp((const char *)enc, "ASCII") == 0;
}

int style_apply_sheet(relmap_style *st, const char *data, size_t len,
		      const char *file, int check_schema, relmap_diags *diags)
{
	sheet sh;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDoc *doc = NULL;
	int rc = 0;

	memset(&sh, 0, sizeof(sh));
	sh.st = st;
	sh.file = file;
	sh.diags = diags;

	if (len > MAX_SHEET_BYTES) {
		report(&sh, RELMAP_SEVERITY_ERROR, 0, 0,
		       "a style sheet of %zu bytes is too large: the limit is "
		       "%u bytes (docs/limits.md)",
		       len, MAX_SHEET_BYTES);
		goto out;
	}
	if (xml_positions_scan(&sh.pos, data, len)) {
		sh.nomem = 1;
		goto out;
	}
	if (sh.pos.doctype_line) {
		report(&sh, RELMAP_SEVERITY_ERROR, sh.pos.doctype_line,
		       sh.pos.doctype_column,
		       "a style sheet may not have a DOCTYPE (no DTD or entity is read)");
		goto out;
	}

	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sh.nomem = 1;
		goto out;
	}
	ctxt->_private = &sh;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->internalSubset = on_doctype;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, file, NULL,
				XML_PARSE_NONET);
	if (sh.doctype) {
		/* The scanner missed it (an encoding it cannot read). */
		report(&sh, RELMAP_SEVERITY_ERROR, sh.doctype_line, 0,
		       "a style sheet may not have a DOCTYPE (no DTD or entity is read)");
		goto out;
	}
	if (!doc || sh.errors || !ctxt->wellFormed) {
		if (!sh.errors)
			report(&sh, RELMAP_SEVERITY_ERROR, 0, 0,
			       "not a well-formed XML document");
		goto out;
	}
	if (!utf8_encoding(doc->encoding)) {
		report(&sh, RELMAP_SEVERITY_ERROR, 1, 1,
		       "style sheets are UTF-8; this one declares encoding '%s'",
		       (const char *)doc->encoding);
		goto out;
	}

	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		report(&sh, RELMAP_SEVERITY_ERROR, 0, 0, "no root element");
		goto out;
	}
	number_elements(&sh, root);
	walk_root(&sh, doc, root);
	if (sh.errors || sh.nomem)
		goto out;
	check_ranges(&sh);
	check_contrast(&sh);
	if (sh.errors || sh.nomem || !check_schema)
		goto out;
	rc = validate_schema(&sh, doc);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	xml_positions_free(&sh.pos);
	if (sh.nomem)
		return RELMAP_ENOMEM;
	if (rc)
		return rc;
	return sh.errors ? RELMAP_EDATA : 0;
}
