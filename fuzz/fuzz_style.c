/*
 * fuzz_style - libFuzzer target for the style sheet loader
 * (relmap_style_load_memory): the whole input is the style sheet.
 */
#include <stddef.h>
#include <stdint.h>

#include "relmap/relmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	relmap_diags diags = RELMAP_DIAGS_INIT;
	relmap_style *style = NULL;

	if (relmap_style_load_memory(&style, (const char *)data, size,
				     "fuzz-style.xml", &diags) == 0)
		relmap_style_free(style);
	relmap_diags_free(&diags);
	return 0;
}
