/*
 * style.c - finding, loading and freeing style sheets.
 *
 * Every style starts as the built-in default (styles/default.xml, compiled
 * in) and a style sheet is applied on top of it, so a theme only says
 * what it changes.
 */
#define _POSIX_C_SOURCE 200809L
#include "style_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "vec.h"

#ifndef RELMAP_STYLES_INSTALL_DIR
#define RELMAP_STYLES_INSTALL_DIR ""
#endif
#ifndef RELMAP_STYLES_SOURCE_DIR
#define RELMAP_STYLES_SOURCE_DIR ""
#endif

#define BUILTIN_NAME "default style (built in)"
#define MAX_SHEET_BYTES (1024 * 1024)

const char *style_attrs_get(const style_attrs *a, const char *name)
{
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->items[i].name, name) == 0)
			return a->items[i].value[0] ? a->items[i].value : NULL;
	return NULL;
}

int style_attrs_set(arena *ar, style_attrs *a, const char *name,
		    const char *value)
{
	char *v = arena_strdup(ar, value);
	if (!v)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < a->count; i++) {
		if (strcmp(a->items[i].name, name) == 0) {
			a->items[i].value = v;
			return 0;
		}
	}
	char *n = arena_strdup(ar, name);
	if (!n || vec_reserve(&a->items, &a->cap, a->count + 1,
			      sizeof(*a->items)))
		return RELMAP_ENOMEM;
	a->items[a->count].name = n;
	a->items[a->count].value = v;
	a->count++;
	return 0;
}

style_band style_band_of(const relmap_style *st, double strength)
{
	if (strength >= st->band_min[STYLE_BAND_STRONG])
		return STYLE_BAND_STRONG;
	if (strength >= st->band_min[STYLE_BAND_MEDIUM])
		return STYLE_BAND_MEDIUM;
	return STYLE_BAND_WEAK;
}

static void free_attrs(style_attrs *a)
{
	free(a->items);
}

void relmap_style_free(relmap_style *st)
{
	if (!st)
		return;
	free_attrs(&st->graph);
	free_attrs(&st->person);
	for (int i = 0; i < RELMAP_ATTITUDE_COUNT; i++)
		free_attrs(&st->attitude[i]);
	for (int i = 0; i < RELMAP_ROLE_COUNT; i++)
		free_attrs(&st->role[i]);
	free_attrs(&st->gap);
	free_attrs(&st->member);
	free_attrs(&st->team);
	free_attrs(&st->department);
	for (int i = 0; i < STYLE_EDGE_COUNT; i++)
		free_attrs(&st->edge[i]);
	for (int i = 0; i < STYLE_BAND_COUNT; i++)
		free_attrs(&st->band[i]);
	free_attrs(&st->legend);
	free_attrs(&st->title);
	free_attrs(&st->summary);
	arena_free(st->arena);
	free(st);
}

/*
 * A style with relmap's own settings at the brief's values, before any
 * sheet: the built-in sheet sets them all again, but a style is never
 * left with a NULL text or a zero font size if it were to miss one.
 */
static relmap_style *style_new(void)
{
	relmap_style *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	if (!(st->arena = arena_new())) {
		free(st);
		return NULL;
	}
	st->name = BUILTIN_NAME;
	st->font = "DejaVu Sans";
	st->person_penwidth_min = 1;
	st->person_penwidth_max = 3;
	st->title_fontsize = 9;
	st->title_wrap = 0;
	st->leaf_stagger = 1;
	st->stack_width = 0;
	st->stack_ratio = 2;
	st->title_fontcolor = "";
	st->department_fontsize = 8;
	st->department_fontcolor = "";
	st->member_role_fontsize = 8;
	st->member_role_fontcolor = "#dbeafe";
	st->gap_marker = "\xE2\x9A\xA0 GAP";
	st->gap_marker_fontsize = 9;
	st->gap_marker_fontcolor = "#ffffff";
	st->gap_marker_fillcolor = "#dc2626";
	for (int k = STYLE_EDGE_INFLUENCE; k < STYLE_EDGE_COUNT; k++) {
		st->edge_penwidth_min[k] = 1;
		st->edge_penwidth_max[k] = 3.5;
	}
	st->band_min[STYLE_BAND_STRONG] = 0.7;
	st->band_min[STYLE_BAND_MEDIUM] = 0.4;
	st->band_min[STYLE_BAND_WEAK] = 0;
	st->team_label = "Our team";
	st->legend_label = "Legend";
	st->legend_item_fontsize = 9;
	st->legend_item_fontcolor = "#374151";
	st->title_name_fontsize = 20;
	st->title_name_fontcolor = "#111827";
	st->title_detail_fontsize = 11;
	st->title_detail_fontcolor = "#6b7280";
	return st;
}

/* The built-in default; a failure here is a bug in styles/default.xml. */
static int style_builtin(relmap_style **out, relmap_diags *diags)
{
	relmap_style *st = style_new();
	if (!st)
		return RELMAP_ENOMEM;
	int rc = style_apply_sheet(st, relmap_embedded_default_style,
				   strlen(relmap_embedded_default_style),
				   BUILTIN_NAME, 0, diags);
	if (rc) {
		relmap_style_free(st);
		return rc == RELMAP_ENOMEM ? rc : RELMAP_EINTERNAL;
	}
	*out = st;
	return 0;
}

int relmap_style_load_memory(relmap_style **out, const char *data, size_t len,
			     const char *name, relmap_diags *diags)
{
	relmap_style *st = NULL;
	int rc;

	*out = NULL;
	if (!name)
		name = "-";
	if ((rc = style_builtin(&st, diags)))
		return rc;
	if (!(st->name = arena_strdup(st->arena, name))) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	/* styles/default.xml itself (found on disk by name) changes nothing
	 * on top of its compiled-in copy. */
	size_t builtin_len = strlen(relmap_embedded_default_style);
	if (len == builtin_len &&
	    memcmp(data, relmap_embedded_default_style, len) == 0) {
		*out = st;
		return 0;
	}
	if ((rc = style_apply_sheet(st, data, len, st->name, 1, diags)))
		goto out;
	*out = st;
	st = NULL;
out:
	relmap_style_free(st);
	return rc;
}

static int load_file(relmap_style **out, const char *path,
		     relmap_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	struct stat sb;
	int rc = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) != 0) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot read style sheet: %s", strerror(errno));
		rc = RELMAP_ENOENT;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot read style sheet: not a regular file");
		rc = RELMAP_ENOENT;
		goto out;
	}
	if (sb.st_size > MAX_SHEET_BYTES) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "a style sheet of %lld bytes is too large: the "
				 "limit is %d bytes (docs/limits.md)",
				 (long long)sb.st_size, MAX_SHEET_BYTES);
		rc = RELMAP_EDATA;
		goto out;
	}
	/* One byte more than the limit tells a file that grew meanwhile. */
	if (!(buf = malloc(MAX_SHEET_BYTES + 2))) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, MAX_SHEET_BYTES + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, path, 0,
					 0, "cannot read style sheet: %s",
					 strerror(errno));
			rc = RELMAP_ENOENT;
			goto out;
		}
		if (n == 0 || len + (size_t)n > MAX_SHEET_BYTES) {
			len += (size_t)n;
			break;
		}
		len += (size_t)n;
	}
	rc = relmap_style_load_memory(out, buf, len, path, diags);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

/*
 * The themes compiled in (styles/NAME.xml), so `--style print` works from
 * any directory and always matches this build of relmap.  "default" is
 * here too, resolved without parsing twice (style_builtin).
 */
static const struct {
	const char *name;
	const char *sheet;
	const char *label; /* for messages */
} builtin_sheets[] = {
	{ "default", NULL, BUILTIN_NAME },
	{ "print", relmap_embedded_print_style, "print style (built in)" },
	{ "dark", relmap_embedded_dark_style, "dark style (built in)" },
	{ "colorblind", relmap_embedded_colorblind_style,
	  "colorblind style (built in)" },
};

/* 1 and *out loaded (or the error in *rc) when `name` is built in. */
static int try_builtin(const char *name, relmap_style **out, int *rc,
		       relmap_diags *diags)
{
	for (size_t i = 0; i < sizeof(builtin_sheets) / sizeof(builtin_sheets[0]);
	     i++) {
		if (strcmp(name, builtin_sheets[i].name) != 0)
			continue;
		if (!builtin_sheets[i].sheet)
			*rc = style_builtin(out, diags);
		else
			*rc = relmap_style_load_memory(
				out, builtin_sheets[i].sheet,
				strlen(builtin_sheets[i].sheet),
				builtin_sheets[i].label, diags);
		return 1;
	}
	return 0;
}

static int is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n >= 4 && strcmp(s + n - 4, ".xml") == 0);
}

static int is_name(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '.'))
			return 0;
	return 1;
}

/* Append "DIR/NAME.xml" to the list of places looked, ", "-separated. */
static int note_place(char **list, size_t *len, const char *path)
{
	size_t add = strlen(path) + 2;
	char *p = realloc(*list, *len + add + 1);
	if (!p)
		return -1;
	snprintf(p + *len, add + 1, "%s%s", *len ? ", " : "", path);
	*list = p;
	*len += strlen(p + *len);
	return 0;
}

/* Try DIR/NAME.xml: 1 and *out loaded (or rc in *rc) when the file is
 * there, 0 when it is not. */
static int try_dir(const char *dir, size_t dirlen, const char *name,
		   relmap_style **out, int *rc, char **looked,
		   size_t *looked_len, relmap_diags *diags)
{
	size_t n = dirlen + strlen(name) + 6;
	char *path = malloc(n + 1);
	struct stat sb;
	int found = 0;

	if (!path) {
		*rc = RELMAP_ENOMEM;
		return 1;
	}
	snprintf(path, n + 1, "%.*s/%s.xml", (int)dirlen, dir, name);
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		*rc = load_file(out, path, diags);
		found = 1;
	} else if (note_place(looked, looked_len, path)) {
		*rc = RELMAP_ENOMEM;
		found = 1;
	}
	free(path);
	return found;
}

int relmap_style_load(relmap_style **out, const char *name_or_path,
		      relmap_diags *diags)
{
	char *looked = NULL;
	size_t looked_len = 0;
	int rc = 0;

	*out = NULL;
	if (!name_or_path)
		name_or_path = "default";
	if (is_path(name_or_path))
		return load_file(out, name_or_path, diags);
	if (!is_name(name_or_path)) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "'%s' is neither a style name (letters, digits, '-', '_', '.') nor a path to a .xml file",
				 name_or_path);
		return RELMAP_ENOENT;
	}

	const char *env = getenv("RELMAP_STYLE_PATH");
	for (const char *p = env; p && *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		if (len && try_dir(p, len, name_or_path, out, &rc, &looked,
				   &looked_len, diags))
			goto out;
		p = colon ? colon + 1 : p + len;
	}
	/* Built-in sheets come before the directories: the installed and
	 * source copies of them are the same files, and a stale copy left by
	 * an older install must not shadow this build's. */
	if (try_builtin(name_or_path, out, &rc, diags))
		goto out;
	const char *fixed[] = { RELMAP_STYLES_INSTALL_DIR,
				RELMAP_STYLES_SOURCE_DIR };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i][0] && try_dir(fixed[i], strlen(fixed[i]),
					   name_or_path, out, &rc, &looked,
					   &looked_len, diags))
			goto out;

	relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
			 "no style named '%s'; looked for %s (add a directory to RELMAP_STYLE_PATH or give a path)",
			 name_or_path, looked ? looked : "nothing");
	rc = RELMAP_ENOENT;
out:
	free(looked);
	return rc;
}
