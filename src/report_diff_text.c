/* report_diff_text.c - a diff as one line per change, then a summary
 * line per changed account and one for the whole diff:
 *
 *   acme: moved: Ana Ruiz (p3): manager p1 -> none
 *   acme: 7 changes; coverage score 62.5 -> 50.0
 *   7 changes in 1 of 2 accounts (OLD as of D -> NEW as of D)
 */
#define _POSIX_C_SOURCE 200809L
#include "diff_internal.h"

#include <stdlib.h>

static void put_date(FILE *f, int32_t d)
{
	char buf[11];
	if (d == INT32_MIN) {
		fputs("n/a", f);
		return;
	}
	relmap_date_format(buf, d);
	fputs(buf, f);
}

int relmap_diff_report_text(char **out, size_t *out_len, const relmap_diff *d,
			    const char *old_path, const char *new_path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return RELMAP_ENOMEM;
	for (size_t i = 0; i < d->n_accounts; i++) {
		const relmap_account_diff *ad = &d->accounts[i];
		for (size_t k = 0; k < ad->n_changes; k++) {
			const relmap_change *c = &ad->changes[k];
			fprintf(f, "%s: %s: ", ad->id,
				relmap_change_kind_name(c->kind));
			diff_change_message(f, ad, c, report_put_plain);
			fputc('\n', f);
		}
	}
	for (size_t i = 0; i < d->n_accounts; i++) {
		const relmap_account_diff *ad = &d->accounts[i];
		fprintf(f, "%s: %zu change%s; coverage score ", ad->id,
			ad->n_changes, ad->n_changes == 1 ? "" : "s");
		diff_put_score(f, ad->old_an);
		fputs(" -> ", f);
		diff_put_score(f, ad->new_an);
		fputc('\n', f);
	}
	if (d->n_changes)
		fprintf(f, "%zu change%s in %zu of %zu account%s", d->n_changes,
			d->n_changes == 1 ? "" : "s", d->n_accounts,
			d->n_compared, d->n_compared == 1 ? "" : "s");
	else
		fprintf(f, "no differences in %zu account%s", d->n_compared,
			d->n_compared == 1 ? "" : "s");
	fprintf(f, " (%s as of ", old_path);
	put_date(f, d->old_as_of);
	fprintf(f, " -> %s as of ", new_path);
	put_date(f, d->new_as_of);
	fputs(")\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return RELMAP_ENOMEM;
	}
	*out = buf;
	*out_len = len;
	return 0;
}
