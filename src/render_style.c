/*
 * render_style.c - how the layers of a person's look combine.
 *
 * Most attributes of the layers <person> < <role> < <attitude> < <gap>
 * simply replace each other, but Graphviz's `style` is a list of
 * independent features: a role's "filled" (or "rounded,filled") and an
 * attitude's "dashed" must both apply, or a print theme that marks
 * skeptics with a dashed border would lose their fill.
 */
#include "render_internal.h"

#include <string.h>

/* Features that set how the border is drawn: only one of them can hold. */
static int is_line_style(const char *s, size_t n)
{
	static const char *const line[] = { "solid", "dashed", "dotted",
					     "bold", "invis", NULL };
	for (size_t i = 0; line[i]; i++)
		if (strlen(line[i]) == n && strncmp(s, line[i], n) == 0)
			return 1;
	return 0;
}

/* Add the features of `list` to `out` (comma-separated, no blanks kept):
 * a feature already there is not repeated; a border line style replaces
 * the earlier one. */
static void merge(char *out, size_t cap, const char *list)
{
	while (list && *list) {
		size_t n = strcspn(list, ",");
		const char *f = list;
		list += n + (list[n] == ',');
		while (n && (*f == ' ' || *f == '\t'))
			f++, n--;
		while (n && (f[n - 1] == ' ' || f[n - 1] == '\t'))
			n--;
		if (!n)
			continue;
		/* Drop a present equal feature, or the present line style. */
		char *p = out;
		while (*p) {
			size_t m = strcspn(p, ",");
			int drop = (m == n && strncmp(p, f, n) == 0) ||
				   (is_line_style(f, n) && is_line_style(p, m));
			if (drop) {
				size_t rest = strlen(p + m);
				if (p[m] == ',')
					memmove(p, p + m + 1, rest);
				else if (p > out)
					p[-1] = *p = '\0';
				else
					*p = '\0';
				continue;
			}
			p += m + (p[m] == ',');
		}
		size_t len = strlen(out);
		if (len + n + 2 > cap)
			return; /* longer than any real style list */
		if (len)
			out[len++] = ',';
		memcpy(out + len, f, n);
		out[len + n] = '\0';
	}
}

void render_person_style(char *out, size_t cap, const relmap_style *st,
			 relmap_role role, relmap_attitude attitude, int gap)
{
	const char *base = style_attrs_get(&st->role[role], "style");
	if (!base)
		base = style_attrs_get(&st->person, "style");
	out[0] = '\0';
	if (!cap)
		return;
	merge(out, cap, base);
	merge(out, cap, style_attrs_get(&st->attitude[attitude], "style"));
	if (gap)
		merge(out, cap, style_attrs_get(&st->gap, "style"));
}
