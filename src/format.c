/* format.c - output format names and layout engine names. */
#define _POSIX_C_SOURCE 200809L
#include "relmap/render.h"

#include <string.h>
#include <strings.h>

static const char *const format_names[RELMAP_FORMAT_COUNT] = {
	"svg", "png", "pdf", "dot", "json", "html",
};

/* relmap's own compact org chart (render_org.c), then the Graphviz
 * engines the brief names; Graphviz has more (osage, patchwork), but
 * these are the ones relmap documents and tests. */
static const char *const engines[] = {
	"org", "dot", "neato", "fdp", "sfdp", "circo", "twopi",
};

const char *relmap_format_name(relmap_format f)
{
	if ((int)f < 0 || f >= RELMAP_FORMAT_COUNT)
		return NULL;
	return format_names[f];
}

int relmap_format_parse(relmap_format *out, const char *name)
{
	if (!name)
		return RELMAP_EUSAGE;
	for (int i = 0; i < RELMAP_FORMAT_COUNT; i++) {
		if (strcasecmp(name, format_names[i]) == 0) {
			*out = (relmap_format)i;
			return 0;
		}
	}
	/* "gv" is Graphviz's own extension for DOT files. */
	if (strcasecmp(name, "gv") == 0) {
		*out = RELMAP_FORMAT_DOT;
		return 0;
	}
	if (strcasecmp(name, "htm") == 0) {
		*out = RELMAP_FORMAT_HTML;
		return 0;
	}
	return RELMAP_EUSAGE;
}

int relmap_format_from_path(relmap_format *out, const char *path)
{
	if (!path)
		return RELMAP_EUSAGE;
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	/* ".svg" alone is a hidden file without an extension. */
	if (!dot || dot == base || dot[1] == '\0')
		return RELMAP_EUSAGE;
	return relmap_format_parse(out, dot + 1);
}

int relmap_engine_valid(const char *engine)
{
	if (!engine)
		return 0;
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++)
		if (strcmp(engine, engines[i]) == 0)
			return 1;
	return 0;
}
