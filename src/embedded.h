/* embedded.h - files compiled into the library (see cmake/embed.cmake). */
#ifndef RELMAP_EMBEDDED_H
#define RELMAP_EMBEDDED_H

extern const char relmap_embedded_schema_xsd[];    /* schema/relmap.xsd */
extern const char relmap_embedded_style_xsd[];     /* schema/relmap-style.xsd */
extern const char relmap_embedded_default_style[]; /* styles/default.xml */
/* The themes, so `--style print` resolves without the source tree. */
extern const char relmap_embedded_print_style[];      /* styles/print.xml */
extern const char relmap_embedded_dark_style[];       /* styles/dark.xml */
extern const char relmap_embedded_colorblind_style[]; /* styles/colorblind.xml */

#endif
