/* report_diff_markdown.c - a diff as a pull-request comment: a summary
 * table of the changed accounts, then each account's changes as a list.
 * Input text is escaped by report_markdown.c's report_md_text (no HTML,
 * no CommonMark punctuation, no line breaks). */
#define _POSIX_C_SOURCE 200809L
#include "diff_internal.h"
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

static void put_account(FILE *f, const relmap_account_diff *ad)
{
	report_md_account(f, ad->new_an ? ad->new_an->account
					: ad->old_an->account);
}

static size_t count(const relmap_account_diff *ad, relmap_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < ad->n_changes; i++)
		n += ad->changes[i].kind == k;
	return n;
}

int relmap_diff_report_markdown(char **out, size_t *out_len,
				const relmap_diff *d, const char *old_path,
				const char *new_path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return RELMAP_ENOMEM;
	fputs("## relmap diff: ", f);
	report_md_text(f, old_path);
	fputs(" → ", f);
	report_md_text(f, new_path);
	fputs("\n\n", f);
	if (d->n_changes == 0) {
		fprintf(f, "No differences in %zu account%s.\n", d->n_compared,
			d->n_compared == 1 ? "" : "s");
		goto done;
	}
	fprintf(f, "%zu change%s in %zu of %zu account%s.\n\n", d->n_changes,
		d->n_changes == 1 ? "" : "s", d->n_accounts, d->n_compared,
		d->n_compared == 1 ? "" : "s");
	fputs("| Account | Changes | Coverage score | Gaps opened | Gaps closed |\n"
	      "|---|---:|---:|---:|---:|\n", f);
	for (size_t i = 0; i < d->n_accounts; i++) {
		const relmap_account_diff *ad = &d->accounts[i];
		fputs("| ", f);
		put_account(f, ad);
		fprintf(f, " | %zu | ", ad->n_changes);
		diff_put_score(f, ad->old_an);
		fputs(" → ", f);
		diff_put_score(f, ad->new_an);
		fprintf(f, " | %zu | %zu |\n",
			count(ad, RELMAP_CHANGE_GAP_OPENED),
			count(ad, RELMAP_CHANGE_GAP_CLOSED));
	}
	for (size_t i = 0; i < d->n_accounts; i++) {
		const relmap_account_diff *ad = &d->accounts[i];
		fputs("\n### ", f);
		put_account(f, ad);
		fputs("\n\n", f);
		for (size_t k = 0; k < ad->n_changes; k++) {
			const relmap_change *c = &ad->changes[k];
			fprintf(f, "- **%s**: ", relmap_change_kind_name(c->kind));
			diff_change_message(f, ad, c, report_md_text);
			fputc('\n', f);
		}
	}
done:
	if (fclose(f) != 0) {
		free(buf);
		return RELMAP_ENOMEM;
	}
	*out = buf;
	*out_len = len;
	return 0;
}
