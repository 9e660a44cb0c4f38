/*
 * relmap/relmap.h - the umbrella header of the relmap library.
 *
 * relmap turns account and stakeholder data into relationship maps
 * ("power maps"): load (load.h) -> analyse (analyze.h) -> render
 * (render.h, style.h; many accounts at once: batch.h) or report (report.h),
 * written atomically (output.h).
 */
#ifndef RELMAP_RELMAP_H
#define RELMAP_RELMAP_H

#include "diag.h"
#include "model.h"
#include "load.h"
#include "analyze.h"
#include "style.h"
#include "render.h"
#include "batch.h"
#include "report.h"
#include "whatif.h"
#include "diff.h"
#include "output.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The library version, e.g. "0.1.0". */
const char *relmap_version(void);

#ifdef __cplusplus
}
#endif
#endif
