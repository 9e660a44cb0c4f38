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

/* The HTML viewer (render_html.c): the core, and the team's part, which
 * a page for the customer leaves out. */
extern const char relmap_embedded_viewer_js[];       /* src/html/viewer.js */
extern const char relmap_embedded_viewer_css[];      /* src/html/viewer.css */
extern const char relmap_embedded_viewer_team_js[];  /* src/html/viewer-team.js */
extern const char relmap_embedded_viewer_team_css[]; /* src/html/viewer-team.css */

#endif
