/*
 * fuzz_csv - libFuzzer target for the CSV loader
 * (relmap_document_load_csv_memory).  The first two input bytes choose
 * the options, so every preset, the ragged-row policy, a default account,
 * strict or lenient quotes, the header notes and FIELD=COLUMN mappings
 * (the --map paths, including mappings that turn a persons file into an
 * edges file) are all exercised; the rest is the CSV text.
 */
#include <stddef.h>
#include <stdint.h>

#include "relmap/relmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Mappings a user could pass with --map; columns that the seeds and the
 * dictionary use, so a mapping often meets a real header. */
static const char *const maps[] = {
	"id=Contact Id",       "name=Full Name",     "reports-to=Manager",
	"role=Buying Role",    "attitude=Stance",    "influence=Weight",
	"account=Company",     "first-name=First",   "last-name=Last",
	"member=Owner",        "person=Contact",     "strength=Strength",
	"channel=Type",        "date=When",          "sentiment=Mood",
	"member-name=Owner Name",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	relmap_csv_options opts = RELMAP_CSV_OPTIONS_INIT;
	relmap_diags diags = RELMAP_DIAGS_INIT;
	relmap_document *doc = NULL;
	static const relmap_csv_preset presets[] = {
		RELMAP_CSV_PRESET_NONE, RELMAP_CSV_PRESET_SALESFORCE,
		RELMAP_CSV_PRESET_HUBSPOT, RELMAP_CSV_PRESET_DYNAMICS,
	};
	const size_t n_maps = sizeof maps / sizeof maps[0];

	if (size >= 2) {
		opts.preset = presets[data[0] & 3];
		opts.ragged = (data[0] & 4) ? RELMAP_CSV_RAGGED_PAD
					    : RELMAP_CSV_RAGGED_ERROR;
		if (data[0] & 8)
			opts.account = "acme";
		/* Up to two mappings, from the second byte. */
		if (data[0] & 16)
			(void)relmap_csv_map_parse(&opts, maps[(data[1] & 15) % n_maps]);
		if (data[0] & 32)
			(void)relmap_csv_map_parse(&opts, maps[(data[1] >> 4) % n_maps]);
		/* RFC 4180 quotes, and the notes on the header. */
		opts.strict = (data[0] & 64) != 0;
		opts.explain_columns = (data[0] & 128)
					       ? RELMAP_CSV_EXPLAIN_ALWAYS
					       : RELMAP_CSV_EXPLAIN_ON_ERROR;
		data += 2;
		size -= 2;
	}
	if (relmap_document_load_csv_memory(&doc, (const char *)data, size,
					    "fuzz.csv", &opts, &diags) == 0)
		relmap_document_free(doc);
	relmap_diags_free(&diags);
	return 0;
}
