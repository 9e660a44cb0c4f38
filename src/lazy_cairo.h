/*
 * lazy_cairo.h - cairo's and GObject's functions under their own names,
 * called through the tables lazylib.c loads when first needed (a deck's PDF
 * and PowerPoint pages).  Each file sets `cr_` and `go_` with
 * lazy_cairo_get() and lazy_gobject_get() before its first call.
 */
#ifndef RELMAP_LAZY_CAIRO_H
#define RELMAP_LAZY_CAIRO_H

#include "lazylib.h"

static const lazy_cairo *cr_;
static const lazy_gobject *go_;
#define cairo_pdf_surface_create_for_stream cr_->pdf_surface_create_for_stream
#define cairo_pdf_surface_set_metadata cr_->pdf_surface_set_metadata
#define cairo_surface_status cr_->surface_status
#define cairo_surface_destroy cr_->surface_destroy
#define cairo_surface_finish cr_->surface_finish
#define cairo_image_surface_create cr_->image_surface_create
#define cairo_surface_write_to_png_stream cr_->surface_write_to_png_stream
#define cairo_create cr_->create
#define cairo_destroy cr_->destroy
#define cairo_show_page cr_->show_page
#define cairo_set_source_rgb cr_->set_source_rgb
#define cairo_paint cr_->paint
#define g_object_unref go_->object_unref

#endif
