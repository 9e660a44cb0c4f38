/*
 * render_deck_pptx.c - relmap_deck_pptx(): a deck as a PowerPoint file.
 *
 * A .pptx is a zip of XML parts (ECMA-376, PresentationML): the package's
 * content types and relationships, the presentation with one slide master,
 * one blank layout and a theme, and a slide per page.  Each slide is one
 * picture filling the 16:9 slide: the page's SVG, with a PNG of it as the
 * fallback that PowerPoint's SVG support (the 2016 svgBlip extension)
 * expects, drawn by librsvg at 96 dpi (1280 x 720 pixels: PowerPoint
 * draws the SVG; the PNG is for readers without SVG).  The picture's alternative text
 * lists the persons on the page, and so do the slide's notes (a notes
 * master and a notes slide per slide), so a reader, a screen reader and a
 * search find them.
 *
 * The XML parts are written with libxml2's text writer, which escapes
 * every name; the archive by libzip (Debian's libzip), with every entry
 * dated by the analysis's as-of date, so the same deck gives the same
 * bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "render_internal.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "lazy_cairo.h"

/* librsvg and libzip, loaded at the first PowerPoint deck (lazylib.h). */
static const lazy_rsvg *rs;
static const lazy_zip *lz;
#define rsvg_handle_new_from_data rs->handle_new_from_data
#define rsvg_handle_render_document rs->handle_render_document
#define zip_source_buffer lz->source_buffer
#define zip_file_add lz->file_add
#define zip_source_free lz->source_free
#define zip_file_set_mtime lz->file_set_mtime
#define zip_set_file_compression lz->set_file_compression
#define zip_error_init lz->error_init
#define zip_source_buffer_create lz->source_buffer_create
#define zip_source_keep lz->source_keep
#define zip_open_from_source lz->open_from_source
#define zip_discard lz->discard
#define zip_close lz->close
#define zip_source_open lz->source_open
#define zip_source_seek lz->source_seek
#define zip_source_tell lz->source_tell
#define zip_source_read lz->source_read
#define zip_source_close lz->source_close
#define zip_error_fini lz->error_fini

#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_P "application/vnd.openxmlformats-officedocument.presentationml."
/* 16:9 in English Metric Units (914,400 a inch): 13.333 x 7.5 in. */
#define SLIDE_CX 12192000
#define SLIDE_CY 6858000
#define PNG_DPI 96.0

/* The theme is fixed text: colours, fonts and formats Office requires
 * a theme to have, none of which the pictures use. */
static const char theme_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<a:theme xmlns:a=\"" NS_A "\" name=\"relmap\"><a:themeElements>"
	"<a:clrScheme name=\"relmap\">"
	"<a:dk1><a:srgbClr val=\"000000\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>"
	"<a:dk2><a:srgbClr val=\"111827\"/></a:dk2><a:lt2><a:srgbClr val=\"F3F4F6\"/></a:lt2>"
	"<a:accent1><a:srgbClr val=\"1E3A8A\"/></a:accent1><a:accent2><a:srgbClr val=\"15803D\"/></a:accent2>"
	"<a:accent3><a:srgbClr val=\"D97706\"/></a:accent3><a:accent4><a:srgbClr val=\"DC2626\"/></a:accent4>"
	"<a:accent5><a:srgbClr val=\"2563EB\"/></a:accent5><a:accent6><a:srgbClr val=\"6B7280\"/></a:accent6>"
	"<a:hlink><a:srgbClr val=\"2563EB\"/></a:hlink><a:folHlink><a:srgbClr val=\"7C3AED\"/></a:folHlink>"
	"</a:clrScheme>"
	"<a:fontScheme name=\"relmap\"><a:majorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>"
	"<a:minorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>"
	"<a:fmtScheme name=\"relmap\"><a:fillStyleLst>"
	"<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
	"</a:fillStyleLst><a:lnStyleLst>"
	"<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"28575\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
	"</a:lnStyleLst><a:effectStyleLst>"
	"<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
	"</a:effectStyleLst><a:bgFillStyleLst>"
	"<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
	"</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>\n";

/* ---- XML parts through libxml2's writer ---- */

typedef struct part {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int bad;
} part;

static int part_begin(part *p, const char *root, const char *ns)
{
	memset(p, 0, sizeof(*p));
	p->buf = xmlBufferCreate();
	p->w = p->buf ? xmlNewTextWriterMemory(p->buf, 0) : NULL;
	if (!p->w) {
		p->bad = 1;
		return -1;
	}
	if (xmlTextWriterStartDocument(p->w, "1.0", "UTF-8", "yes") < 0 ||
	    xmlTextWriterStartElement(p->w, BAD_CAST root) < 0 ||
	    (ns && xmlTextWriterWriteAttribute(p->w, BAD_CAST "xmlns",
					       BAD_CAST ns) < 0))
		p->bad = 1;
	return p->bad ? -1 : 0;
}

static void start(part *p, const char *name)
{
	if (!p->bad && xmlTextWriterStartElement(p->w, BAD_CAST name) < 0)
		p->bad = 1;
}

static void end(part *p)
{
	if (!p->bad && xmlTextWriterEndElement(p->w) < 0)
		p->bad = 1;
}

static void attr(part *p, const char *name, const char *value)
{
	if (!p->bad && xmlTextWriterWriteAttribute(p->w, BAD_CAST name,
						   BAD_CAST value) < 0)
		p->bad = 1;
}

static void attr_num(part *p, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	attr(p, name, buf);
}

static void text(part *p, const char *s)
{
	if (!p->bad && xmlTextWriterWriteString(p->w, BAD_CAST s) < 0)
		p->bad = 1;
}

/* An element with attributes name=value, ... (NULL-terminated), empty. */
static void leaf(part *p, const char *name, ...)
{
	va_list ap;
	start(p, name);
	va_start(ap, name);
	for (const char *k; (k = va_arg(ap, const char *));)
		attr(p, k, va_arg(ap, const char *));
	va_end(ap);
	end(p);
}

/* The part as a malloc'd string; frees the writer.  NULL on failure. */
static char *part_end(part *p, size_t *len)
{
	char *out = NULL;
	if (p->w) {
		if (!p->bad && xmlTextWriterEndDocument(p->w) < 0)
			p->bad = 1;
		xmlFreeTextWriter(p->w);
	}
	if (p->buf && !p->bad) {
		*len = (size_t)xmlBufferLength(p->buf);
		out = malloc(*len + 1);
		if (out) {
			memcpy(out, xmlBufferContent(p->buf), *len);
			out[*len] = '\0';
		}
	}
	if (p->buf)
		xmlBufferFree(p->buf);
	return out;
}

static void rel(part *p, const char *id, const char *type,
		const char *target)
{
	leaf(p, "Relationship", "Id", id, "Type", type, "Target", target,
	     (const char *)NULL);
}

/* ---- the archive ---- */

typedef struct pkg {
	zip_t *z;
	time_t mtime;
	int bad;
} pkg;

/* Add `data` (taken over: freed by libzip, or here on failure); stored
 * as it is when `store` (a PNG is compressed already). */
static void add_as(pkg *k, const char *name, char *data, size_t len,
		   int store)
{
	if (k->bad || !data) {
		free(data);
		k->bad = 1;
		return;
	}
	zip_source_t *src = zip_source_buffer(k->z, data, len, 1);
	if (!src) {
		free(data);
		k->bad = 1;
		return;
	}
	zip_int64_t i = zip_file_add(k->z, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		k->bad = 1;
		return;
	}
	if (zip_file_set_mtime(k->z, (zip_uint64_t)i, k->mtime, 0) < 0 ||
	    (store && zip_set_file_compression(k->z, (zip_uint64_t)i,
					       ZIP_CM_STORE, 0) < 0))
		k->bad = 1;
}

static void add(pkg *k, const char *name, char *data, size_t len)
{
	add_as(k, name, data, len, 0);
}

static void add_part(pkg *k, const char *name, part *p)
{
	size_t len = 0;
	char *data = part_end(p, &len);
	add(k, name, data, len);
}

static void add_const(pkg *k, const char *name, const char *s)
{
	size_t len = strlen(s);
	char *data = malloc(len + 1);
	if (data)
		memcpy(data, s, len + 1);
	add(k, name, data, len);
}

static cairo_status_t png_sink(void *closure, const unsigned char *data,
			       unsigned int length)
{
	sbuf *b = closure;
	sbuf_addn(b, (const char *)data, length);
	return b->nomem ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* The page's SVG as a PNG at PNG_DPI, white behind it. */
static char *svg_to_png(const char *svg, size_t len, double w_pt,
			double h_pt, size_t *out_len)
{
	int pw = (int)(w_pt / 72.0 * PNG_DPI + 0.5);
	int ph = (int)(h_pt / 72.0 * PNG_DPI + 0.5);
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, len,
						  NULL);
	if (!h)
		return NULL;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
							pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	RsvgRectangle vp = { 0, 0, pw, ph };
	int ok = rsvg_handle_render_document(h, cr, &vp, NULL);
	cairo_destroy(cr);
	g_object_unref(h);
	sbuf b = { 0 };
	if (ok && cairo_surface_write_to_png_stream(s, png_sink, &b) !=
			  CAIRO_STATUS_SUCCESS)
		ok = 0;
	cairo_surface_destroy(s);
	if (!ok || b.nomem) {
		sbuf_free(&b);
		return NULL;
	}
	*out_len = b.len;
	return b.data;
}

/* "Persons on this page: A, B, C" */
static char *names_of(const relmap_account *a, const int32_t *who, size_t n)
{
	sbuf b = { 0 };
	sbuf_add(&b, "Persons on this page: ");
	for (size_t i = 0; i < n; i++) {
		const relmap_person *p = &a->persons[who[i]];
		if (i)
			sbuf_add(&b, ", ");
		sbuf_add(&b, p->name ? p->name : p->id);
	}
	if (b.nomem) {
		sbuf_free(&b);
		return NULL;
	}
	return b.data ? b.data : calloc(1, 1);
}

/* The shape tree's own properties, which every slide, note, master and
 * layout starts with. */
static void group_props(part *p)
{
	start(p, "p:nvGrpSpPr");
	leaf(p, "p:cNvPr", "id", "1", "name", "", (const char *)NULL);
	leaf(p, "p:cNvGrpSpPr", (const char *)NULL);
	leaf(p, "p:nvPr", (const char *)NULL);
	end(p);
	leaf(p, "p:grpSpPr", (const char *)NULL);
}

static void rect_geom(part *p)
{
	start(p, "a:prstGeom");
	attr(p, "prst", "rect");
	leaf(p, "a:avLst", (const char *)NULL);
	end(p);
}

/* The master's colour mapping, unchanged. */
static void master_colours(part *p)
{
	start(p, "p:clrMapOvr");
	leaf(p, "a:masterClrMapping", (const char *)NULL);
	end(p);
}

static void write_slide(pkg *k, size_t i, const char *names)
{
	part p;
	char name[64];
	part_begin(&p, "p:sld", NULL);
	attr(&p, "xmlns:a", NS_A);
	attr(&p, "xmlns:r", NS_R);
	attr(&p, "xmlns:p", NS_P);
	start(&p, "p:cSld");
	start(&p, "p:spTree");
	group_props(&p);
	start(&p, "p:pic");
	start(&p, "p:nvPicPr");
	snprintf(name, sizeof(name), "Map, page %zu", i + 1);
	leaf(&p, "p:cNvPr", "id", "2", "name", name, "descr", names,
	     (const char *)NULL);
	start(&p, "p:cNvPicPr");
	leaf(&p, "a:picLocks", "noChangeAspect", "1", (const char *)NULL);
	end(&p);
	leaf(&p, "p:nvPr", (const char *)NULL);
	end(&p);
	start(&p, "p:blipFill");
	start(&p, "a:blip");
	attr(&p, "r:embed", "rId2");
	start(&p, "a:extLst");
	start(&p, "a:ext");
	attr(&p, "uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}");
	leaf(&p, "asvg:svgBlip", "xmlns:asvg",
	     "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
	     "r:embed", "rId3", (const char *)NULL);
	end(&p);
	end(&p);
	end(&p);
	start(&p, "a:stretch");
	leaf(&p, "a:fillRect", (const char *)NULL);
	end(&p);
	end(&p);
	start(&p, "p:spPr");
	start(&p, "a:xfrm");
	leaf(&p, "a:off", "x", "0", "y", "0", (const char *)NULL);
	start(&p, "a:ext");
	attr_num(&p, "cx", SLIDE_CX);
	attr_num(&p, "cy", SLIDE_CY);
	end(&p);
	end(&p);
	rect_geom(&p);
	end(&p);
	end(&p); /* p:pic */
	end(&p); /* p:spTree */
	end(&p); /* p:cSld */
	master_colours(&p);
	snprintf(name, sizeof(name), "ppt/slides/slide%zu.xml", i + 1);
	add_part(k, name, &p);

	part r;
	char target[64];
	part_begin(&r, "Relationships", NS_REL);
	rel(&r, "rId1", REL_T "slideLayout", "../slideLayouts/slideLayout1.xml");
	snprintf(target, sizeof(target), "../media/image%zu.png", i + 1);
	rel(&r, "rId2", REL_T "image", target);
	snprintf(target, sizeof(target), "../media/image%zu.svg", i + 1);
	rel(&r, "rId3", REL_T "image", target);
	snprintf(target, sizeof(target), "../notesSlides/notesSlide%zu.xml", i + 1);
	rel(&r, "rId4", REL_T "notesSlide", target);
	snprintf(name, sizeof(name), "ppt/slides/_rels/slide%zu.xml.rels", i + 1);
	add_part(k, name, &r);
}

/* A shape tree with nothing in it (masters and layouts). */
static void empty_tree(part *p)
{
	start(p, "p:cSld");
	start(p, "p:spTree");
	group_props(p);
	end(p);
	end(p);
}

static void ns3(part *p)
{
	attr(p, "xmlns:a", NS_A);
	attr(p, "xmlns:r", NS_R);
	attr(p, "xmlns:p", NS_P);
}

static void clr_map(part *p, const char *name)
{
	leaf(p, name, "bg1", "lt1", "tx1", "dk1", "bg2", "lt2", "tx2", "dk2",
	     "accent1", "accent1", "accent2", "accent2", "accent3", "accent3",
	     "accent4", "accent4", "accent5", "accent5", "accent6", "accent6",
	     "hlink", "hlink", "folHlink", "folHlink", (const char *)NULL);
}

/* The notes of slide i: its persons, in a text body. */
static void write_notes(pkg *k, size_t i, const char *names)
{
	part p;
	char name[64];
	part_begin(&p, "p:notes", NULL);
	ns3(&p);
	start(&p, "p:cSld");
	start(&p, "p:spTree");
	group_props(&p);
	start(&p, "p:sp");
	start(&p, "p:nvSpPr");
	leaf(&p, "p:cNvPr", "id", "2", "name", "Notes", (const char *)NULL);
	leaf(&p, "p:cNvSpPr", (const char *)NULL);
	start(&p, "p:nvPr");
	leaf(&p, "p:ph", "type", "body", "idx", "1", (const char *)NULL);
	end(&p);
	end(&p);
	/* Placed on the notes page (7.5 x 10 in), under the slide. */
	start(&p, "p:spPr");
	start(&p, "a:xfrm");
	leaf(&p, "a:off", "x", "685800", "y", "4400550", (const char *)NULL);
	leaf(&p, "a:ext", "cx", "5486400", "cy", "4114800", (const char *)NULL);
	end(&p);
	rect_geom(&p);
	end(&p);
	start(&p, "p:txBody");
	leaf(&p, "a:bodyPr", (const char *)NULL);
	start(&p, "a:p");
	start(&p, "a:r");
	leaf(&p, "a:rPr", "lang", "en-US", (const char *)NULL);
	start(&p, "a:t");
	text(&p, names);
	end(&p);
	end(&p);
	end(&p);
	end(&p);
	end(&p); /* p:sp */
	end(&p);
	end(&p);
	master_colours(&p);
	snprintf(name, sizeof(name), "ppt/notesSlides/notesSlide%zu.xml", i + 1);
	add_part(k, name, &p);

	part r;
	char target[64];
	part_begin(&r, "Relationships", NS_REL);
	rel(&r, "rId1", REL_T "notesMaster", "../notesMasters/notesMaster1.xml");
	snprintf(target, sizeof(target), "../slides/slide%zu.xml", i + 1);
	rel(&r, "rId2", REL_T "slide", target);
	snprintf(name, sizeof(name), "ppt/notesSlides/_rels/notesSlide%zu.xml.rels", i + 1);
	add_part(k, name, &r);
}

static void write_fixed_parts(pkg *k, size_t n, const char *title,
			      const char *date)
{
	part p;
	char id[32], target[64];

	part_begin(&p, "Types",
		   "http://schemas.openxmlformats.org/package/2006/content-types");
	leaf(&p, "Default", "Extension", "rels", "ContentType",
	     "application/vnd.openxmlformats-package.relationships+xml",
	     (const char *)NULL);
	leaf(&p, "Default", "Extension", "xml", "ContentType",
	     "application/xml", (const char *)NULL);
	leaf(&p, "Default", "Extension", "png", "ContentType", "image/png",
	     (const char *)NULL);
	leaf(&p, "Default", "Extension", "svg", "ContentType",
	     "image/svg+xml", (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/presentation.xml",
	     "ContentType", CT_P "presentation.main+xml", (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/slideMasters/slideMaster1.xml",
	     "ContentType", CT_P "slideMaster+xml", (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/slideLayouts/slideLayout1.xml",
	     "ContentType", CT_P "slideLayout+xml", (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/notesMasters/notesMaster1.xml",
	     "ContentType", CT_P "notesMaster+xml", (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/theme/theme1.xml",
	     "ContentType", "application/vnd.openxmlformats-officedocument.theme+xml",
	     (const char *)NULL);
	leaf(&p, "Override", "PartName", "/ppt/theme/theme2.xml",
	     "ContentType", "application/vnd.openxmlformats-officedocument.theme+xml",
	     (const char *)NULL);
	leaf(&p, "Override", "PartName", "/docProps/core.xml", "ContentType",
	     "application/vnd.openxmlformats-package.core-properties+xml",
	     (const char *)NULL);
	for (size_t i = 0; i < n; i++) {
		snprintf(target, sizeof(target), "/ppt/slides/slide%zu.xml", i + 1);
		leaf(&p, "Override", "PartName", target, "ContentType",
		     CT_P "slide+xml", (const char *)NULL);
		snprintf(target, sizeof(target), "/ppt/notesSlides/notesSlide%zu.xml", i + 1);
		leaf(&p, "Override", "PartName", target, "ContentType",
		     CT_P "notesSlide+xml", (const char *)NULL);
	}
	add_part(k, "[Content_Types].xml", &p);

	part_begin(&p, "Relationships", NS_REL);
	rel(&p, "rId1", REL_T "officeDocument", "ppt/presentation.xml");
	rel(&p, "rId2",
	    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	    "docProps/core.xml");
	add_part(k, "_rels/.rels", &p);

	part_begin(&p, "cp:coreProperties", NULL);
	attr(&p, "xmlns:cp",
	     "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	attr(&p, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attr(&p, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attr(&p, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	start(&p, "dc:title");
	text(&p, title);
	end(&p);
	start(&p, "dc:creator");
	text(&p, "relmap");
	end(&p);
	start(&p, "dcterms:created");
	attr(&p, "xsi:type", "dcterms:W3CDTF");
	text(&p, date);
	end(&p);
	add_part(k, "docProps/core.xml", &p);

	part_begin(&p, "p:presentation", NULL);
	ns3(&p);
	start(&p, "p:sldMasterIdLst");
	leaf(&p, "p:sldMasterId", "id", "2147483648", "r:id", "rId1",
	     (const char *)NULL);
	end(&p);
	start(&p, "p:notesMasterIdLst");
	leaf(&p, "p:notesMasterId", "r:id", "rId3", (const char *)NULL);
	end(&p);
	start(&p, "p:sldIdLst");
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%zu", 256 + i);
		snprintf(target, sizeof(target), "rId%zu", 10 + i);
		leaf(&p, "p:sldId", "id", id, "r:id", target,
		     (const char *)NULL);
	}
	end(&p);
	start(&p, "p:sldSz");
	attr_num(&p, "cx", SLIDE_CX);
	attr_num(&p, "cy", SLIDE_CY);
	end(&p);
	leaf(&p, "p:notesSz", "cx", "6858000", "cy", "9144000",
	     (const char *)NULL);
	add_part(k, "ppt/presentation.xml", &p);

	part_begin(&p, "Relationships", NS_REL);
	rel(&p, "rId1", REL_T "slideMaster", "slideMasters/slideMaster1.xml");
	rel(&p, "rId2", REL_T "theme", "theme/theme1.xml");
	rel(&p, "rId3", REL_T "notesMaster", "notesMasters/notesMaster1.xml");
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "rId%zu", 10 + i);
		snprintf(target, sizeof(target), "slides/slide%zu.xml", i + 1);
		rel(&p, id, REL_T "slide", target);
	}
	add_part(k, "ppt/_rels/presentation.xml.rels", &p);

	part_begin(&p, "p:sldMaster", NULL);
	ns3(&p);
	empty_tree(&p);
	clr_map(&p, "p:clrMap");
	start(&p, "p:sldLayoutIdLst");
	leaf(&p, "p:sldLayoutId", "id", "2147483649", "r:id", "rId1",
	     (const char *)NULL);
	end(&p);
	add_part(k, "ppt/slideMasters/slideMaster1.xml", &p);
	part_begin(&p, "Relationships", NS_REL);
	rel(&p, "rId1", REL_T "slideLayout", "../slideLayouts/slideLayout1.xml");
	rel(&p, "rId2", REL_T "theme", "../theme/theme1.xml");
	add_part(k, "ppt/slideMasters/_rels/slideMaster1.xml.rels", &p);

	part_begin(&p, "p:sldLayout", NULL);
	ns3(&p);
	attr(&p, "type", "blank");
	attr(&p, "preserve", "1");
	empty_tree(&p);
	master_colours(&p);
	add_part(k, "ppt/slideLayouts/slideLayout1.xml", &p);
	part_begin(&p, "Relationships", NS_REL);
	rel(&p, "rId1", REL_T "slideMaster", "../slideMasters/slideMaster1.xml");
	add_part(k, "ppt/slideLayouts/_rels/slideLayout1.xml.rels", &p);

	part_begin(&p, "p:notesMaster", NULL);
	ns3(&p);
	empty_tree(&p);
	clr_map(&p, "p:clrMap");
	add_part(k, "ppt/notesMasters/notesMaster1.xml", &p);
	part_begin(&p, "Relationships", NS_REL);
	rel(&p, "rId1", REL_T "theme", "../theme/theme2.xml");
	add_part(k, "ppt/notesMasters/_rels/notesMaster1.xml.rels", &p);

	add_const(k, "ppt/theme/theme1.xml", theme_xml);
	add_const(k, "ppt/theme/theme2.xml", theme_xml);
}

int render_deck_pptx_pages(char **out, size_t *len, const char *const *svg,
			   const size_t *svg_len, const int32_t *const *who,
			   const size_t *n_who, size_t n, double width,
			   double height, const relmap_analysis *an,
			   relmap_diags *diags)
{
	const relmap_account *a = an->account;
	zip_error_t zerr;
	pkg k = { NULL, 0, 0 };
	char date[11], iso[32], name[64];
	int rc = RELMAP_ENOMEM;

	*out = NULL;
	*len = 0;
	const char *why = "";
	if (!(rs = lazy_rsvg_get(&why)) || !(lz = lazy_zip_get(&why)) ||
	    !(cr_ = lazy_cairo_get(&why)) || !(go_ = lazy_gobject_get(&why))) {
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot load %s to write the PowerPoint file: %s",
				 !rs ? "librsvg" : !lz ? "libzip"
					       : !cr_ ? "cairo" : "GObject",
				 why);
		return RELMAP_EINTERNAL;
	}
	zip_error_init(&zerr);
	zip_source_t *dst = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (!dst)
		goto out;
	zip_source_keep(dst);
	k.z = zip_open_from_source(dst, ZIP_TRUNCATE, &zerr);
	if (!k.z)
		goto out;
	relmap_date_format(date, an->as_of);
	snprintf(iso, sizeof(iso), "%sT00:00:00Z", date);
	/* The as-of date at noon, so that no time zone moves it a day. */
	struct tm tm = { 0 };
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	k.mtime = mktime(&tm);

	write_fixed_parts(&k, n, a->name ? a->name : a->id, iso);
	for (size_t i = 0; i < n && !k.bad; i++) {
		char *names = names_of(a, who[i], n_who[i]);
		if (!names) {
			k.bad = 1;
			break;
		}
		write_slide(&k, i, names);
		write_notes(&k, i, names);
		free(names);
		size_t plen = 0;
		char *png = svg_to_png(svg[i], svg_len[i], width, height, &plen);
		if (!png) {
			relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0,
					 0, "deck page %zu: librsvg cannot draw the page as PNG",
					 i + 1);
			rc = RELMAP_EINTERNAL;
			k.bad = 1;
			break;
		}
		snprintf(name, sizeof(name), "ppt/media/image%zu.png", i + 1);
		add_as(&k, name, png, plen, 1);
		char *copy = malloc(svg_len[i] + 1);
		if (copy)
			memcpy(copy, svg[i], svg_len[i] + 1);
		snprintf(name, sizeof(name), "ppt/media/image%zu.svg", i + 1);
		add(&k, name, copy, svg_len[i]);
	}
	if (k.bad) {
		zip_discard(k.z);
		k.z = NULL;
		goto out;
	}
	if (zip_close(k.z) < 0) {
		zip_discard(k.z);
		k.z = NULL;
		goto out;
	}
	k.z = NULL;
	if (zip_source_open(dst) < 0)
		goto out;
	zip_source_seek(dst, 0, SEEK_END);
	zip_int64_t size = zip_source_tell(dst);
	zip_source_seek(dst, 0, SEEK_SET);
	char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
	if (buf && zip_source_read(dst, buf, (zip_uint64_t)size) == size) {
		buf[size] = '\0';
		*out = buf;
		*len = (size_t)size;
		rc = 0;
	} else {
		free(buf);
	}
	zip_source_close(dst);
out:
	if (k.z)
		zip_discard(k.z);
	if (dst)
		zip_source_free(dst);
	zip_error_fini(&zerr);
	if (rc == RELMAP_ENOMEM && diags)
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
				 "cannot write the PowerPoint file (out of memory)");
	return rc;
}
