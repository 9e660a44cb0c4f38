/*
 * render_deck_pdf.c - relmap_deck_pdf(): a deck's SVG pages as one PDF.
 *
 * Graphviz writes one page per graph, so the pages of a deck are drawn
 * as SVG and put on the pages of one cairo PDF surface by librsvg, the
 * SVG renderer GNOME's tools use (Debian's librsvg2): text stays text,
 * so the names can be searched and copied.  cairo dates a PDF by the
 * clock; the date is set to the analysis's as-of date instead, so the
 * same deck gives the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdlib.h>
#include <string.h>

#include "lazy_cairo.h"

/* librsvg, loaded at the first PDF deck (lazylib.h). */
static const lazy_rsvg *rs;
#define rsvg_handle_new_from_data rs->handle_new_from_data
#define rsvg_handle_render_document rs->handle_render_document
static const lazy_glib *gl_;
#define g_error_free gl_->error_free

typedef struct membuf {
	sbuf b;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data,
				unsigned int length)
{
	membuf *m = closure;
	sbuf_addn(&m->b, (const char *)data, length);
	return m->b.nomem ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

int render_deck_pdf_pages(char **out, size_t *len, const char *const *svg,
			  const size_t *svg_len, size_t n, double width,
			  double height, int32_t as_of, relmap_diags *diags)
{
	membuf m = { { 0 } };
	int rc = 0;
	char date[11], iso[32];

	*out = NULL;
	*len = 0;
	const char *why = "";
	if (!(rs = lazy_rsvg_get(&why)) || !(cr_ = lazy_cairo_get(&why)) ||
	    !(gl_ = lazy_glib_get(&why)) || !(go_ = lazy_gobject_get(&why))) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot load librsvg to draw the PDF: %s", why);
		return RELMAP_EINTERNAL;
	}
	cairo_surface_t *surf =
		cairo_pdf_surface_create_for_stream(write_mem, &m, width, height);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return RELMAP_ENOMEM;
	}
	relmap_date_format(date, as_of);
	snprintf(iso, sizeof(iso), "%sT00:00:00Z", date);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
				       iso);
	cairo_t *cr = cairo_create(surf);
	for (size_t i = 0; i < n && rc == 0; i++) {
		GError *err = NULL;
		RsvgHandle *h = rsvg_handle_new_from_data(
			(const guint8 *)svg[i], svg_len[i], &err);
		if (!h) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "deck page %zu: librsvg cannot read the SVG: %s",
					 i + 1, err ? err->message : "?");
			if (err)
				g_error_free(err);
			rc = RELMAP_EINTERNAL;
			break;
		}
		RsvgRectangle vp = { 0, 0, width, height };
		if (!rsvg_handle_render_document(h, cr, &vp, &err)) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "deck page %zu: librsvg cannot draw the SVG: %s",
					 i + 1, err ? err->message : "?");
			if (err)
				g_error_free(err);
			rc = RELMAP_EINTERNAL;
		}
		g_object_unref(h);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (rc == 0 && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		rc = m.b.nomem ? RELMAP_ENOMEM : RELMAP_EINTERNAL;
	cairo_surface_destroy(surf);
	if (rc == 0 && m.b.nomem)
		rc = RELMAP_ENOMEM;
	if (rc) {
		sbuf_free(&m.b);
		return rc;
	}
	*out = m.b.data; /* sbuf keeps a NUL after the bytes */
	*len = m.b.len;
	if (!*out) {
		*out = calloc(1, 1);
		if (!*out)
			return RELMAP_ENOMEM;
	}
	return 0;
}
