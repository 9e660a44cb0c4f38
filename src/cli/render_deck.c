/* render_deck.c - relmap render --deck: one account's map as pages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static int write_pages(const relmap_deck *deck, const relmap_account *a,
		       relmap_format fmt, const char *out_dir)
{
	int cut = 0;
	char *base = cli_safe_base(a->id, &cut);
	const char *ext = relmap_format_name(fmt);
	size_t n = relmap_deck_count(deck);
	int status = 0;

	if (!base) {
		fprintf(stderr, "relmap render: error: out of memory\n");
		return 70;
	}
	if (cli_make_dir(out_dir) != 0) {
		fprintf(stderr, "relmap render: error: cannot create '%s': %s\n",
			out_dir, strerror(errno));
		free(base);
		return 73;
	}
	for (size_t i = 0; i < n && !status; i++) {
		size_t len;
		const char *data = relmap_deck_page(deck, i, &len);
		size_t cap = strlen(out_dir) + strlen(base) + 40;
		char *path = malloc(cap);
		if (!path) {
			status = 70;
			break;
		}
		/* Two digits at least, so the files sort in page order. */
		snprintf(path, cap, "%s/%s-%02zu.%s", out_dir, base, i + 1, ext);
		status = cli_write(path, data, len);
		free(path);
	}
	if (!status)
		fprintf(stderr, "relmap render: wrote %zu pages of '%s' into %s\n",
			n, a->id, out_dir);
	free(base);
	return status;
}

int cli_render_deck(const relmap_analysis *an, const relmap_style *style,
		    relmap_format fmt, const relmap_render_options *ro,
		    const char *output, const char *out_dir)
{
	relmap_deck *deck = NULL;
	relmap_diags d;
	char *pdf = NULL;
	size_t pdf_len = 0;
	int status = 0, rc;

	relmap_diags_init(&d, 20);
	/* One PDF or a PowerPoint file is drawn from the SVG pages. */
	int one_file = !out_dir;
	size_t olen = output ? strlen(output) : 0;
	int pptx = one_file && olen > 5 &&
		   strcasecmp(output + olen - 5, ".pptx") == 0;
	rc = relmap_render_deck(&deck, an, style,
				one_file ? RELMAP_FORMAT_SVG : fmt, ro, &d);
	if (!rc && pptx)
		rc = relmap_deck_pptx(&pdf, &pdf_len, deck, an, &d);
	else if (!rc && one_file)
		rc = relmap_deck_pdf(&pdf, &pdf_len, deck, &d);
	if (rc) {
		if (d.count == 0)
			relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, NULL, 0, 0,
					 "deck failed: %s", relmap_strerror(rc));
		status = cli_exit_code(rc);
		goto out;
	}
	cli_print_diags(&d); /* warnings, before the output */
	if (one_file)
		status = cli_write(output, pdf, pdf_len);
	else
		status = write_pages(deck, an->account, fmt, out_dir);
out:
	cli_print_diags(&d);
	free(pdf);
	relmap_deck_free(deck);
	return status;
}
