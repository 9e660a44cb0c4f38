/* diff_message.c - the words of a change (diff_internal.h). */
#define _POSIX_C_SOURCE 200809L
#include "diff_internal.h"

const relmap_account *diff_change_account(const relmap_account_diff *ad,
					  const relmap_change *c)
{
	return c->new_index >= 0 ? ad->new_an->account : ad->old_an->account;
}

void diff_put_score(FILE *f, const relmap_analysis *an)
{
	if (an && an->has_score)
		fprintf(f, "%.1f", an->coverage_score);
	else
		fputs("n/a", f);
}

/* "Name (id)" of the change's person or member. */
static void put_who(FILE *f, const relmap_account_diff *ad,
		    const relmap_change *c, report_put_fn put)
{
	const relmap_account *a = diff_change_account(ad, c);
	int32_t i = c->new_index >= 0 ? c->new_index : c->old_index;
	int member = c->kind == RELMAP_CHANGE_MEMBER_ADDED ||
		     c->kind == RELMAP_CHANGE_MEMBER_REMOVED;
	put(f, member ? a->members[i].name : a->persons[i].name);
	fputs(" (", f);
	put(f, c->id);
	fputc(')', f);
}

/* An id, or "none". */
static void put_opt(FILE *f, const char *s, report_put_fn put)
{
	if (s)
		put(f, s);
	else
		fputs("none", f);
}

/* A quoted text, or "none". */
static void put_quoted(FILE *f, const char *s, report_put_fn put)
{
	if (!s) {
		fputs("none", f);
		return;
	}
	fputc('"', f);
	put(f, s);
	fputc('"', f);
}

void diff_change_message(FILE *f, const relmap_account_diff *ad,
			 const relmap_change *c, report_put_fn put)
{
	switch (c->kind) {
	case RELMAP_CHANGE_ACCOUNT_ADDED:
	case RELMAP_CHANGE_ACCOUNT_REMOVED: {
		const relmap_account *a = ad->new_an ? ad->new_an->account :
						       ad->old_an->account;
		put(f, a->name ? a->name : a->id);
		fputs(" (", f);
		put(f, a->id);
		fprintf(f, "), %zu person%s", a->n_persons,
			a->n_persons == 1 ? "" : "s");
		return;
	}
	case RELMAP_CHANGE_PERSON_ADDED:
		put_who(f, ad, c, put);
		fputs(", reports to ", f);
		put_opt(f, c->new_text, put);
		return;
	case RELMAP_CHANGE_PERSON_REMOVED:
		put_who(f, ad, c, put);
		fputs(", reported to ", f);
		put_opt(f, c->old_text, put);
		return;
	case RELMAP_CHANGE_MOVED:
		put_who(f, ad, c, put);
		fputs(": manager ", f);
		put_opt(f, c->old_text, put);
		fputs(" -> ", f);
		put_opt(f, c->new_text, put);
		return;
	case RELMAP_CHANGE_ROLE:
	case RELMAP_CHANGE_ATTITUDE:
		put_who(f, ad, c, put);
		fprintf(f, ": %s -> %s", c->old_text, c->new_text);
		return;
	case RELMAP_CHANGE_TITLE:
	case RELMAP_CHANGE_DEPARTMENT:
		put_who(f, ad, c, put);
		fputs(": ", f);
		put_quoted(f, c->old_text, put);
		fputs(" -> ", f);
		put_quoted(f, c->new_text, put);
		return;
	case RELMAP_CHANGE_INFLUENCE:
		put_who(f, ad, c, put);
		fprintf(f, ": %.2f -> %.2f", c->old_value, c->new_value);
		return;
	case RELMAP_CHANGE_COVERAGE:
		put_who(f, ad, c, put);
		fprintf(f, ": %.2f -> %.2f", c->old_value, c->new_value);
		if (c->old_covered && !c->new_covered)
			fputs(", no longer covered", f);
		else if (!c->old_covered && c->new_covered)
			fputs(", now covered", f);
		return;
	case RELMAP_CHANGE_MEMBER_ADDED:
	case RELMAP_CHANGE_MEMBER_REMOVED:
		put_who(f, ad, c, put);
		return;
	case RELMAP_CHANGE_GAP_OPENED:
	case RELMAP_CHANGE_GAP_CLOSED:
		fprintf(f, "%s (%s)", relmap_gap_kind_name(c->gap),
			relmap_severity_name(relmap_gap_kind_severity(c->gap)));
		if (c->id) {
			fputs(": ", f);
			put_who(f, ad, c, put);
		}
		return;
	case RELMAP_CHANGE_KIND_COUNT:
		break;
	}
}
