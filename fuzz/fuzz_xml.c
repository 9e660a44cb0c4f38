/*
 * fuzz_xml - libFuzzer target for the XML loader
 * (relmap_document_load_xml_memory).  The first input byte picks the
 * options (bit 0: schema validation; the other bits lower the nesting
 * depth limit from its default of 64), so both the
 * loader's own checks and the XSD safety net behind them are reached;
 * the rest is the document.  A loaded document is also analysed, since
 * the loader's promise is that what it accepts is safe to analyse.
 */
#include <stddef.h>
#include <stdint.h>

#include "relmap/relmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	relmap_load_options opts = RELMAP_LOAD_OPTIONS_INIT;
	relmap_diags diags = RELMAP_DIAGS_INIT;
	relmap_document *doc = NULL;

	if (size > 0) {
		opts.validate_schema = data[0] & 1;
		/* 64 (the default) down to 1. */
		opts.max_depth = 64 - ((data[0] >> 1) & 63);
		data++;
		size--;
	}
	if (relmap_document_load_xml_memory(&doc, (const char *)data, size,
					    "fuzz.xml", &opts, &diags) == 0) {
		relmap_analysis_options aopts = RELMAP_ANALYSIS_OPTIONS_INIT;

		aopts.as_of = 20393; /* 2025-10-31: some dates before, some after */
		for (size_t i = 0; i < doc->n_accounts; i++) {
			relmap_analysis *a = NULL;

			if (relmap_analysis_run(&a, &doc->accounts[i], &aopts) == 0)
				relmap_analysis_free(a);
		}
		relmap_document_free(doc);
	}
	relmap_diags_free(&diags);
	return 0;
}
