/*
 * render_textcache.c - Graphviz's text measurements, kept for the drawing.
 *
 * The org engine has Graphviz measure every card (a "nop2" layout) before
 * it places them, and Graphviz measures every card again when it draws the
 * placed graph: at 1,000 persons the second pass through pango and
 * harfbuzz was a fifth of the render.  Graphviz measures text through its
 * textlayout plugin (pango's), which answers from the span's font name,
 * size, flags and text alone; so this plugin, put in front of pango's,
 * keeps each answer and gives it again for the same question.
 *
 * pango's answer also holds a PangoLayout that cairo's renderers (PNG,
 * PDF, --text-as-paths) draw the text with; Graphviz's own SVG writer
 * never looks at it.  So kept answers are given only while
 * render_textcache_serve() allows it (measuring, and drawing Graphviz's
 * SVG); otherwise pango is asked, as without this plugin.  The numbers are
 * pango's own, so the output is the same bytes either way.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>

/* A batch worker draws thousands of accounts: start again past this. */
#define MAX_ENTRIES 65536

extern int gvtextlayout_select(GVC_t *gvc); /* libgvc, gvcproc.h */

typedef struct entry {
	char *key; /* font name, NUL, size, flags, text, NUL */
	size_t key_len;
	uint64_t hash;
	int ok; /* pango's return value */
	pointf size;
	double yoffset_layout, yoffset_centerline;
} entry;

static gvtextlayout_engine_t *pango_engine;
static entry *table;   /* open addressing, a power of two long */
static size_t cap, used;
static int serve;

void render_textcache_serve(int on)
{
	serve = on;
}

static void clear(void)
{
	for (size_t i = 0; i < cap; i++)
		free(table[i].key);
	free(table);
	table = NULL;
	cap = used = 0;
}

/* The question as bytes; NULL when out of memory. */
static char *make_key(const textspan_t *span, size_t *len)
{
	const char *name = span->font->name;
	size_t nl = strlen(name), sl = strlen(span->str);
	unsigned flags = span->font->flags;
	double size = span->font->size;
	char *k = malloc(nl + 1 + sizeof(size) + sizeof(flags) + sl + 1);
	if (!k)
		return NULL;
	char *p = k;
	memcpy(p, name, nl + 1);
	p += nl + 1;
	memcpy(p, &size, sizeof(size));
	p += sizeof(size);
	memcpy(p, &flags, sizeof(flags));
	p += sizeof(flags);
	memcpy(p, span->str, sl + 1);
	*len = (size_t)(p - k) + sl + 1;
	return k;
}

static uint64_t hash_of(const char *k, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static entry *slot(const char *k, size_t n, uint64_t h)
{
	for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		entry *e = &table[i];
		if (!e->key || (e->hash == h && e->key_len == n &&
				memcmp(e->key, k, n) == 0))
			return e;
	}
}

static int grow(void)
{
	size_t ncap = cap ? cap * 2 : 1024;
	entry *old = table, *nt = calloc(ncap, sizeof(*nt));
	size_t ocap = cap;
	if (!nt)
		return -1;
	table = nt;
	cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*slot(old[i].key, old[i].key_len, old[i].hash) = old[i];
	free(old);
	return 0;
}

static boolean cached_textlayout(textspan_t *span, char **fontpath)
{
	/* fontpath asks for the font file's name (Graphviz's -v): pango. */
	if (fontpath || !span->font || !span->font->name || !span->str)
		return pango_engine->textlayout(span, fontpath);
	size_t n;
	char *k = make_key(span, &n);
	if (!k)
		return pango_engine->textlayout(span, fontpath);
	uint64_t h = hash_of(k, n);
	entry *e = cap ? slot(k, n, h) : NULL;
	if (e && e->key && serve) {
		free(k);
		span->size = e->size;
		span->yoffset_layout = e->yoffset_layout;
		span->yoffset_centerline = e->yoffset_centerline;
		span->layout = NULL;
		span->free_layout = NULL;
		return e->ok ? TRUE : FALSE;
	}
	boolean ok = pango_engine->textlayout(span, fontpath);
	if (e && e->key) {
		free(k); /* known already; drawn with pango's layout */
		return ok;
	}
	if (used >= MAX_ENTRIES)
		clear();
	if ((used + 1) * 2 > cap && grow() != 0) {
		free(k);
		return ok;
	}
	e = slot(k, n, h);
	*e = (entry){ k, n, h, ok != FALSE, span->size, span->yoffset_layout,
		      span->yoffset_centerline };
	used++;
	return ok;
}

static gvtextlayout_engine_t cache_engine = { cached_textlayout };

/* Above pango's quality (0), so Graphviz picks this one. */
static gvplugin_installed_t cache_types[] = {
	{ 0, "textlayout", 100, &cache_engine, NULL },
	{ 0, NULL, 0, NULL, NULL }
};

static gvplugin_api_t cache_apis[] = {
	{ API_textlayout, cache_types },
	{ (api_t)0, NULL }
};

static gvplugin_library_t cache_library = { "relmap_textcache", cache_apis };

void render_textcache_install(GVC_t *gvc)
{
	/* pango's plugin, loaded by gvContext() already: found by its
	 * soname among the loaded libraries, never loaded from a path. */
	void *h = dlopen("libgvplugin_pango.so.6", RTLD_LAZY | RTLD_NOLOAD);
	if (!h)
		return;
	gvplugin_library_t *lib = dlsym(h, "gvplugin_pango_LTX_library");
	for (gvplugin_api_t *a = lib ? lib->apis : NULL; a && a->types; a++) {
		if (a->api != API_textlayout)
			continue;
		for (gvplugin_installed_t *t = a->types; t->type; t++)
			if (strcmp(t->type, "textlayout") == 0)
				pango_engine = t->engine;
	}
	/* dlopen counted a reference: the library stays loaded anyway. */
	dlclose(h);
	if (!pango_engine || !pango_engine->textlayout)
		return;
	gvAddLibrary(gvc, &cache_library);
	gvtextlayout_select(gvc);
}
