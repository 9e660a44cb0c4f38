/* style_gvattr.c - Graphviz attribute names and value checks. */
#define _POSIX_C_SOURCE 200809L
#include "style_gvattr.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <graphviz/color.h>

/* Exported by libgvc (its plugins use it) but declared in no installed
 * header.  It is Graphviz's own colour parser, so a style sheet accepts
 * exactly the colour names Graphviz knows. */
extern int colorxlate(char *str, gvcolor_t *color, color_type_t target_type);

typedef enum vtype {
	V_STR,       /* anything */
	V_COLOR,     /* one colour */
	V_COLORLIST, /* colours separated by ':', each with an optional ;weight */
	V_DOUBLE,
	V_INT,
	V_BOOL,
	V_POINT,     /* "x" or "x,y", optional '!' (and '+' for sep) */
	V_SHAPE,
	V_STYLE,
	V_ARROW,
	V_RANKSEP,
	V_RATIO,
	V_ENUM       /* one of `words`, separated by '|' */
} vtype;

struct gvattr_info {
	const char *name;
	unsigned kinds;
	vtype type;
	const char *words;    /* V_ENUM: "a|b|c" */
	const char *reserved; /* why a style sheet may not set it */
};

#define R GVK_ROOT
#define C GVK_CLUSTER
#define N GVK_NODE
#define E GVK_EDGE

static const char set_by_relmap[] = "relmap sets it from the data";
static const char reads_files[] = "it would make Graphviz read files";
static const char computed[] = "Graphviz computes it during layout";
static const char by_option[] = "the engine is chosen with --engine";

/* Every attribute of Graphviz 2.42 (https://graphviz.org/doc/info/attrs.html),
 * sorted by name (bsearch). */
static const gvattr_info attrs[] = {
	{ "Damping", R, V_DOUBLE, NULL, NULL },
	{ "K", R | C, V_DOUBLE, NULL, NULL },
	{ "URL", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "_background", R, V_STR, NULL, "it is xdot drawing code" },
	{ "area", N | C, V_DOUBLE, NULL, NULL },
	{ "arrowhead", E, V_ARROW, NULL, NULL },
	{ "arrowsize", E, V_DOUBLE, NULL, NULL },
	{ "arrowtail", E, V_ARROW, NULL, NULL },
	{ "bb", R, V_STR, NULL, computed },
	{ "bgcolor", R | C, V_COLORLIST, NULL, NULL },
	{ "center", R, V_BOOL, NULL, NULL },
	{ "charset", R, V_STR, NULL, "relmap always passes UTF-8" },
	{ "class", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "clusterrank", R, V_ENUM, "local|global|none", NULL },
	{ "color", C | N | E, V_COLORLIST, NULL, NULL },
	{ "colorscheme", R | C | N | E, V_STR, NULL, NULL },
	{ "comment", R | N | E, V_STR, NULL, NULL },
	{ "compound", R, V_BOOL, NULL, NULL },
	{ "concentrate", R, V_BOOL, NULL, NULL },
	{ "constraint", E, V_BOOL, NULL,
	  "relmap decides which edges shape the hierarchy" },
	{ "decorate", E, V_BOOL, NULL, NULL },
	{ "defaultdist", R, V_DOUBLE, NULL, NULL },
	{ "dim", R, V_INT, NULL, NULL },
	{ "dimen", R, V_INT, NULL, NULL },
	{ "dir", E, V_ENUM, "forward|back|both|none", NULL },
	{ "diredgeconstraints", R, V_STR, NULL, NULL },
	{ "distortion", N, V_DOUBLE, NULL, NULL },
	{ "dpi", R, V_DOUBLE, NULL, NULL },
	{ "edgeURL", E, V_STR, NULL, set_by_relmap },
	{ "edgehref", E, V_STR, NULL, set_by_relmap },
	{ "edgetarget", E, V_STR, NULL, set_by_relmap },
	{ "edgetooltip", E, V_STR, NULL, set_by_relmap },
	{ "epsilon", R, V_DOUBLE, NULL, NULL },
	{ "esep", R, V_POINT, NULL, NULL },
	{ "fillcolor", N | E | C, V_COLORLIST, NULL, NULL },
	{ "fixedsize", N, V_ENUM, "true|false|shape|yes|no|1|0", NULL },
	{ "fontcolor", R | C | N | E, V_COLOR, NULL, NULL },
	{ "fontname", R | C | N | E, V_STR, NULL, NULL },
	{ "fontnames", R, V_ENUM, "svg|ps|gd|", NULL },
	{ "fontpath", R, V_STR, NULL, reads_files },
	{ "fontsize", R | C | N | E, V_DOUBLE, NULL, NULL },
	{ "forcelabels", R, V_BOOL, NULL, NULL },
	{ "gradientangle", R | C | N, V_INT, NULL, NULL },
	{ "group", N, V_STR, NULL, NULL },
	{ "headURL", E, V_STR, NULL, set_by_relmap },
	{ "head_lp", E, V_STR, NULL, computed },
	{ "headclip", E, V_BOOL, NULL, NULL },
	{ "headhref", E, V_STR, NULL, set_by_relmap },
	{ "headlabel", E, V_STR, NULL, set_by_relmap },
	{ "headport", E, V_STR, NULL, NULL },
	{ "headtarget", E, V_STR, NULL, set_by_relmap },
	{ "headtooltip", E, V_STR, NULL, set_by_relmap },
	{ "height", N, V_DOUBLE, NULL, NULL },
	{ "href", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "id", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "image", N, V_STR, NULL, reads_files },
	{ "imagepath", R, V_STR, NULL, reads_files },
	{ "imagepos", N, V_STR, NULL, reads_files },
	{ "imagescale", N, V_STR, NULL, reads_files },
	{ "inputscale", R, V_DOUBLE, NULL, NULL },
	{ "label", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "labelURL", E, V_STR, NULL, set_by_relmap },
	{ "label_scheme", R, V_INT, NULL, NULL },
	{ "labelangle", E, V_DOUBLE, NULL, NULL },
	{ "labeldistance", E, V_DOUBLE, NULL, NULL },
	{ "labelfloat", E, V_BOOL, NULL, NULL },
	{ "labelfontcolor", E, V_COLOR, NULL, NULL },
	{ "labelfontname", E, V_STR, NULL, NULL },
	{ "labelfontsize", E, V_DOUBLE, NULL, NULL },
	{ "labelhref", E, V_STR, NULL, set_by_relmap },
	{ "labeljust", R | C, V_ENUM, "l|r|c", NULL },
	{ "labelloc", R | C | N, V_ENUM, "t|b|c", NULL },
	{ "labeltarget", E, V_STR, NULL, set_by_relmap },
	{ "labeltooltip", E, V_STR, NULL, set_by_relmap },
	{ "landscape", R, V_BOOL, NULL, NULL },
	{ "layer", C | N | E, V_STR, NULL, NULL },
	{ "layerlistsep", R, V_STR, NULL, NULL },
	{ "layers", R, V_STR, NULL, NULL },
	{ "layerselect", R, V_STR, NULL, NULL },
	{ "layersep", R, V_STR, NULL, NULL },
	{ "layout", R, V_STR, NULL, by_option },
	{ "len", E, V_DOUBLE, NULL, NULL },
	{ "levels", R, V_INT, NULL, NULL },
	{ "levelsgap", R, V_DOUBLE, NULL, NULL },
	{ "lhead", E, V_STR, NULL, set_by_relmap },
	{ "lheight", R | C, V_DOUBLE, NULL, computed },
	{ "lp", R | C | E, V_STR, NULL, computed },
	{ "ltail", E, V_STR, NULL, set_by_relmap },
	{ "lwidth", R | C, V_DOUBLE, NULL, computed },
	{ "margin", R | C | N, V_POINT, NULL, NULL },
	{ "maxiter", R, V_INT, NULL, NULL },
	{ "mclimit", R, V_DOUBLE, NULL, NULL },
	{ "mindist", R, V_DOUBLE, NULL, NULL },
	{ "minlen", E, V_INT, NULL, NULL },
	{ "mode", R, V_STR, NULL, NULL },
	{ "model", R, V_ENUM, "shortpath|circuit|subset|mds", NULL },
	{ "mosek", R, V_BOOL, NULL, NULL },
	{ "newrank", R, V_BOOL, NULL, NULL },
	{ "nodesep", R, V_DOUBLE, NULL, NULL },
	{ "nojustify", R | C | N, V_BOOL, NULL, NULL },
	{ "normalize", R, V_STR, NULL, NULL },
	{ "notranslate", R, V_BOOL, NULL, NULL },
	{ "nslimit", R, V_DOUBLE, NULL, NULL },
	{ "nslimit1", R, V_DOUBLE, NULL, NULL },
	{ "ordering", R | N, V_ENUM, "in|out|", NULL },
	{ "orientation", R | N, V_STR, NULL, NULL },
	{ "outputorder", R, V_ENUM, "breadthfirst|nodesfirst|edgesfirst", NULL },
	{ "overlap", R, V_STR, NULL, NULL },
	{ "overlap_scaling", R, V_DOUBLE, NULL, NULL },
	{ "overlap_shrink", R, V_BOOL, NULL, NULL },
	{ "pack", R, V_STR, NULL, NULL },
	{ "packmode", R, V_STR, NULL, NULL },
	{ "pad", R, V_POINT, NULL, NULL },
	{ "page", R, V_POINT, NULL, NULL },
	{ "pagedir", R, V_ENUM, "BL|BR|TL|TR|RB|RT|LB|LT", NULL },
	{ "pencolor", C, V_COLOR, NULL, NULL },
	{ "penwidth", C | N | E, V_DOUBLE, NULL, NULL },
	{ "peripheries", C | N, V_INT, NULL, NULL },
	{ "pin", N, V_BOOL, NULL, NULL },
	{ "pos", N | E, V_STR, NULL, computed },
	{ "quadtree", R, V_STR, NULL, NULL },
	{ "quantum", R, V_DOUBLE, NULL, NULL },
	{ "rank", 0, V_STR, NULL, set_by_relmap },
	{ "rankdir", R, V_ENUM, "TB|LR|BT|RL", NULL },
	{ "ranksep", R, V_RANKSEP, NULL, NULL },
	{ "ratio", R, V_RATIO, NULL, NULL },
	{ "rects", N, V_STR, NULL, computed },
	{ "regular", N, V_BOOL, NULL, NULL },
	{ "remincross", R, V_BOOL, NULL, NULL },
	{ "repulsiveforce", R, V_DOUBLE, NULL, NULL },
	{ "resolution", R, V_DOUBLE, NULL, NULL },
	{ "root", R | N, V_STR, NULL, NULL },
	{ "rotate", R, V_INT, NULL, NULL },
	{ "rotation", R, V_DOUBLE, NULL, NULL },
	{ "samehead", E, V_STR, NULL, NULL },
	{ "sametail", E, V_STR, NULL, NULL },
	{ "samplepoints", N, V_INT, NULL, NULL },
	{ "scale", R, V_POINT, NULL, NULL },
	{ "searchsize", R, V_INT, NULL, NULL },
	{ "sep", R, V_POINT, NULL, NULL },
	{ "shape", N, V_SHAPE, NULL, NULL },
	{ "shapefile", N, V_STR, NULL, reads_files },
	{ "showboxes", R | N | E, V_INT, NULL, NULL },
	{ "sides", N, V_INT, NULL, NULL },
	{ "size", R, V_POINT, NULL, NULL },
	{ "skew", N, V_DOUBLE, NULL, NULL },
	{ "smoothing", R, V_STR, NULL, NULL },
	{ "sortv", R | C | N, V_INT, NULL, NULL },
	{ "splines", R, V_ENUM,
	  "true|false|yes|no|none|line|polyline|curved|ortho|spline|compound|",
	  NULL },
	{ "start", R, V_STR, NULL, NULL },
	{ "style", R | C | N | E, V_STYLE, NULL, NULL },
	{ "stylesheet", R, V_STR, NULL, "the SVG would load another file" },
	{ "tailURL", E, V_STR, NULL, set_by_relmap },
	{ "tail_lp", E, V_STR, NULL, computed },
	{ "tailclip", E, V_BOOL, NULL, NULL },
	{ "tailhref", E, V_STR, NULL, set_by_relmap },
	{ "taillabel", E, V_STR, NULL, set_by_relmap },
	{ "tailport", E, V_STR, NULL, NULL },
	{ "tailtarget", E, V_STR, NULL, set_by_relmap },
	{ "tailtooltip", E, V_STR, NULL, set_by_relmap },
	{ "target", R | C | N | E, V_STR, NULL, set_by_relmap },
	{ "tooltip", C | N | E, V_STR, NULL, set_by_relmap },
	{ "truecolor", R, V_BOOL, NULL, NULL },
	{ "vertices", N, V_STR, NULL, computed },
	{ "viewport", R, V_STR, NULL, NULL },
	{ "voro_margin", R, V_DOUBLE, NULL, NULL },
	{ "weight", E, V_DOUBLE, NULL, NULL },
	{ "width", N, V_DOUBLE, NULL, NULL },
	{ "xdotversion", R, V_STR, NULL, NULL },
	{ "xlabel", N | E, V_STR, NULL, set_by_relmap },
	{ "xlp", N | E, V_STR, NULL, computed },
	{ "z", N, V_DOUBLE, NULL, NULL },
};

#undef R
#undef C
#undef N
#undef E

static const char *const shapes[] = {
	"Mcircle", "Mdiamond", "Mrecord", "Msquare", "assembly", "box",
	"box3d", "cds", "circle", "component", "cylinder", "diamond",
	"doublecircle", "doubleoctagon", "egg", "ellipse", "fivepoverhang",
	"folder", "hexagon", "house", "insulator", "invhouse", "invtrapezium",
	"invtriangle", "larrow", "lpromoter", "none", "note", "noverhang",
	"octagon", "oval", "parallelogram", "pentagon", "plain", "plaintext",
	"point", "polygon", "primersite", "promoter", "proteasesite",
	"proteinstab", "rarrow", "record", "rect", "rectangle",
	"restrictionsite", "ribosite", "rnastab", "rpromoter", "septagon",
	"signature", "square", "star", "tab", "terminator", "threepoverhang",
	"trapezium", "triangle", "tripleoctagon", "underline", "utr", NULL,
};

static const char *const styles[] = {
	"bold", "dashed", "diagonals", "dotted", "filled", "invis",
	"invisible", "radial", "rounded", "solid", "striped", "tapered",
	"wedged", NULL,
};

/* Arrow shapes; each may carry 'o' (open) and 'l'/'r' (half) before it. */
static const char *const arrow_shapes[] = {
	"box", "crow", "curve", "icurve", "diamond", "dot", "inv", "none",
	"normal", "tee", "vee", NULL,
};
/* Old names Graphviz still reads. */
static const char *const arrow_legacy[] = {
	"ediamond", "open", "halfopen", "empty", "invempty", NULL,
};

static int cmp_attr(const void *key, const void *elem)
{
	return strcmp(key, ((const gvattr_info *)elem)->name);
}

const gvattr_info *gvattr_find(const char *name)
{
	return bsearch(name, attrs, sizeof(attrs) / sizeof(attrs[0]),
		       sizeof(attrs[0]), cmp_attr);
}

unsigned gvattr_kinds(const gvattr_info *a)
{
	return a->kinds;
}

const char *gvattr_reserved(const gvattr_info *a)
{
	return a->reserved;
}

static int in_list(const char *const *list, const char *s, size_t len)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == len && strncmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

/* A whole string that is a finite number (C locale, no spaces around). */
static int parse_number(const char *s, size_t len, double *out)
{
	char buf[64];
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (isspace((unsigned char)buf[0]))
		return -1;
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (*end || errno || !isfinite(v))
		return -1;
	/* strtod also reads "inf", "nan" and hex floats; Graphviz's atof
	 * would too, but nobody means them in a style sheet. */
	for (size_t i = 0; i < len; i++)
		if (isalpha((unsigned char)buf[i]) && buf[i] != 'e' &&
		    buf[i] != 'E')
			return -1;
	if (out)
		*out = v;
	return 0;
}

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int gvattr_color(const char *value, unsigned char rgb[3])
{
	size_t len = strlen(value);
	if (len == 0 || len > 100)
		return -1;
	if (value[0] == '#') {
		/* colorxlate reads "#12345" as a colour; Graphviz's docs do
		 * not, so relmap asks for the documented forms. */
		if ((len != 7 && len != 9) || !is_hex(value + 1, len - 1))
			return -1;
	} else if (isdigit((unsigned char)value[0]) || value[0] == '.') {
		/* H,S,V[,A] or "H S V [A]" with numbers in [0, 1]. */
		char buf[101];
		memcpy(buf, value, len + 1);
		int n = 0;
		char *save = NULL;
		for (char *tok = strtok_r(buf, ", ", &save); tok;
		     tok = strtok_r(NULL, ", ", &save)) {
			double v;
			if (parse_number(tok, strlen(tok), &v) || v < 0 ||
			    v > 1)
				return -1;
			n++;
		}
		if (n != 3 && n != 4)
			return -1;
	}
	char buf[101];
	memcpy(buf, value, len + 1);
	gvcolor_t c;
	memset(&c, 0, sizeof(c));
	if (colorxlate(buf, &c, RGBA_BYTE) != 0)
		return -1;
	if (rgb) {
		rgb[0] = c.u.rgba[0];
		rgb[1] = c.u.rgba[1];
		rgb[2] = c.u.rgba[2];
	}
	return 0;
}

static int check_colorlist(const char *value)
{
	const char *p = value;
	for (;;) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *semi = memchr(p, ';', len);
		size_t clen = semi ? (size_t)(semi - p) : len;
		char buf[101];
		if (clen == 0 || clen >= sizeof(buf))
			return -1;
		memcpy(buf, p, clen);
		buf[clen] = '\0';
		if (gvattr_color(buf, NULL))
			return -1;
		if (semi) {
			double w;
			if (parse_number(semi + 1, len - clen - 1, &w) ||
			    w < 0 || w > 1)
				return -1;
		}
		if (!end)
			return 0;
		p = end + 1;
	}
}

static int check_bool(const char *v)
{
	static const char *const words[] = { "true", "false", "yes", "no",
					     NULL };
	size_t len = strlen(v);
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == len && strncasecmp(v, words[i], len) == 0)
			return 0;
	long n;
	char *end;
	errno = 0;
	n = strtol(v, &end, 10);
	(void)n;
	return (*v && !*end && !errno) ? 0 : -1;
}

/* Comma-separated style words; setlinewidth(N) is Graphviz's old form of
 * penwidth. */
static int check_style(const char *v)
{
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ',' && *p != ' ' && *p != '(')
			p++;
		size_t len = (size_t)(p - start);
		if (*p == '(') {
			const char *close = strchr(p, ')');
			if (!close || len != 12 ||
			    strncmp(start, "setlinewidth", 12) != 0 ||
			    parse_number(p + 1, (size_t)(close - p - 1), NULL))
				return -1;
			p = close + 1;
			continue;
		}
		if (!in_list(styles, start, len))
			return -1;
	}
	return 0;
}

static int check_arrow(const char *v)
{
	const char *p = v;
	int n = 0;
	if (!*p)
		return -1;
	while (*p) {
		size_t i;
		int found = 0;
		for (i = 0; arrow_legacy[i]; i++) {
			size_t l = strlen(arrow_legacy[i]);
			if (strncmp(p, arrow_legacy[i], l) == 0) {
				p += l;
				found = 1;
				break;
			}
		}
		if (!found) {
			if (*p == 'o')
				p++;
			if (*p == 'l' || *p == 'r')
				p++;
			for (i = 0; arrow_shapes[i]; i++) {
				size_t l = strlen(arrow_shapes[i]);
				if (strncmp(p, arrow_shapes[i], l) == 0) {
					p += l;
					found = 1;
					break;
				}
			}
		}
		if (!found || ++n > 4)
			return -1;
	}
	return 0;
}

static int check_point(const char *v)
{
	const char *p = v;
	if (*p == '+')
		p++;
	size_t len = strlen(p);
	if (len && p[len - 1] == '!')
		len--;
	const char *comma = memchr(p, ',', len);
	if (!comma)
		return parse_number(p, len, NULL);
	return parse_number(p, (size_t)(comma - p), NULL) ||
	       parse_number(comma + 1, len - (size_t)(comma - p) - 1, NULL)
		       ? -1
		       : 0;
}

static int check_enum(const char *words, const char *v)
{
	size_t vlen = strlen(v);
	const char *p = words;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == vlen && strncmp(p, v, len) == 0)
			return 0;
		if (!bar)
			return -1;
		p = bar + 1;
	}
}

int gvattr_check(const gvattr_info *a, const char *v, char *want,
		 size_t wantlen)
{
	const char *what = NULL;
	int bad = 0;
	double d;

	switch (a->type) {
	case V_STR:
		return 0;
	case V_COLOR:
		bad = gvattr_color(v, NULL) != 0;
		what = "a colour: #rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name";
		break;
	case V_COLORLIST:
		bad = check_colorlist(v) != 0;
		what = "a colour (#rrggbb, #rrggbbaa, \"H,S,V\" or a Graphviz colour name), or colours separated by ':'";
		break;
	case V_DOUBLE:
		bad = parse_number(v, strlen(v), &d) != 0;
		what = "a number";
		break;
	case V_INT: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		(void)n;
		bad = !*v || *end || errno;
		what = "a whole number";
		break;
	}
	case V_BOOL:
		bad = check_bool(v) != 0;
		what = "true or false";
		break;
	case V_POINT:
		bad = check_point(v) != 0;
		what = "a number or \"x,y\"";
		break;
	case V_SHAPE:
		bad = !in_list(shapes, v, strlen(v));
		what = "a Graphviz node shape (box, ellipse, hexagon, octagon, ...)";
		break;
	case V_STYLE:
		bad = check_style(v) != 0;
		what = "style words separated by commas (filled, rounded, dashed, dotted, solid, bold, invis, ...)";
		break;
	case V_ARROW:
		bad = check_arrow(v) != 0;
		what = "a Graphviz arrow shape (normal, tee, dot, vee, none, odot, ...)";
		break;
	case V_RANKSEP: {
		const char *sp = strchr(v, ' ');
		if (strcmp(v, "equally") == 0)
			bad = 0;
		else if (sp)
			bad = parse_number(v, (size_t)(sp - v), NULL) ||
			      strcmp(sp + 1, "equally") != 0;
		else
			bad = parse_number(v, strlen(v), NULL) != 0;
		what = "a number, optionally followed by \" equally\"";
		break;
	}
	case V_RATIO:
		bad = parse_number(v, strlen(v), NULL) != 0 &&
		      check_enum("fill|compress|expand|auto", v) != 0;
		what = "a number, fill, compress, expand or auto";
		break;
	case V_ENUM:
		bad = check_enum(a->words, v) != 0;
		if (!bad)
			break;
		snprintf(want, wantlen, "one of ");
		for (const char *p = a->words; *p;) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			size_t used = strlen(want);
			if (len)
				snprintf(want + used, wantlen - used, "%s%.*s",
					 p == a->words ? "" : ", ", (int)len, p);
			if (!bar)
				break;
			p = bar + 1;
		}
		return -1;
	}
	if (!bad)
		return 0;
	snprintf(want, wantlen, "%s", what);
	return -1;
}

/* Edit distance, capped: enough to suggest "fillcolor" for "fillcolour". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) ==
					      tolower((unsigned char)b[j - 1])
					      ? 0
					      : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

const char *gvattr_suggest(const char *name, unsigned kinds)
{
	const char *best = NULL;
	size_t best_d = 3; /* suggest only within two edits */
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (!(attrs[i].kinds & kinds) || attrs[i].reserved)
			continue;
		size_t d = distance(name, attrs[i].name);
		if (d < best_d) {
			best_d = d;
			best = attrs[i].name;
		}
	}
	return best;
}
