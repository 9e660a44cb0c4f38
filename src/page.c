/* page.c - page sizes for --page: names and WxH lengths with units. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "relmap/render.h"

#define MM (72.0 / 25.4)

/* Slides are the sizes PowerPoint, Keynote and Impress use; paper is
 * landscape, since maps are wider than tall, unless "-portrait" says
 * otherwise. */
static const struct {
	const char *name;
	double width, height; /* points */
} pages[] = {
	{ "16:9", 13.333333 * 72, 7.5 * 72 },
	{ "4:3", 10 * 72, 7.5 * 72 },
	{ "16:10", 12 * 72, 7.5 * 72 },
	{ "a4", 297 * MM, 210 * MM },
	{ "a4-portrait", 210 * MM, 297 * MM },
	{ "a3", 420 * MM, 297 * MM },
	{ "a3-portrait", 297 * MM, 420 * MM },
	{ "letter", 11 * 72, 8.5 * 72 },
	{ "letter-portrait", 8.5 * 72, 11 * 72 },
};

/* Points per unit; px is the CSS pixel, 1/96 inch. */
static double unit_points(const char *u)
{
	static const struct {
		const char *name;
		double points;
	} units[] = {
		{ "in", 72 }, { "cm", 10 * MM }, { "mm", MM },
		{ "pt", 1 },  { "px", 0.75 },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcasecmp(u, units[i].name) == 0)
			return units[i].points;
	return 0;
}

/* A positive number in [s, end) and its unit's points per unit in *k
 * (0 when there is no unit; -1 returned for an unknown one). */
static int parse_length(double *out, double *k, const char *s,
			const char *end)
{
	char buf[64];
	size_t n = (size_t)(end - s);
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!(buf[0] >= '0' && buf[0] <= '9') && buf[0] != '.')
		return -1;
	char *rest;
	double v = strtod(buf, &rest);
	if (!isfinite(v) || v <= 0)
		return -1;
	*out = v;
	*k = 0;
	if (*rest && !(*k = unit_points(rest)))
		return -1;
	return 0;
}

int relmap_length_parse(double *points, const char *spec)
{
	double v, k;
	if (!spec || parse_length(&v, &k, spec, spec + strlen(spec)) || !k)
		return RELMAP_EUSAGE;
	*points = v * k;
	return 0;
}

int relmap_page_parse(double *width, double *height, const char *spec)
{
	if (!spec)
		return RELMAP_EUSAGE;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strcasecmp(spec, pages[i].name) == 0) {
			*width = pages[i].width;
			*height = pages[i].height;
			return 0;
		}
	/* WxH with one unit after H ("1920x1080px") or one after each
	 * ("20cmx10cm"). */
	const char *x = strpbrk(spec, "xX");
	double w, h, kw, kh;
	if (!x || parse_length(&w, &kw, spec, x) ||
	    parse_length(&h, &kh, x + 1, x + 1 + strlen(x + 1)) || !kh)
		return RELMAP_EUSAGE;
	if (!kw)
		kw = kh;
	w *= kw;
	h *= kh;
	/* From a business card to a wall: 1 inch to 200 inches a side. */
	if (w < 72 || h < 72 || w > 200 * 72 || h > 200 * 72)
		return RELMAP_EUSAGE;
	*width = w;
	*height = h;
	return 0;
}
