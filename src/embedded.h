/* embedded.h - files compiled into the library (see cmake/embed.cmake). */
#ifndef RELMAP_EMBEDDED_H
#define RELMAP_EMBEDDED_H

extern const char relmap_embedded_schema_xsd[];    /* schema/relmap.xsd */
extern const char relmap_embedded_style_xsd[];     /* schema/relmap-style.xsd */
extern const char relmap_embedded_default_style[]; /* styles/default.xml */

#endif
