/* report_markdown.c - the gap report as Markdown for a pull-request
 * comment: a summary table, then each account's gaps with access paths.
 *
 * Input text is escaped so that a name can neither format nor break the
 * comment: '&', '<' and '>' become entities (no HTML, no autolinks), the
 * CommonMark punctuation that starts emphasis, code, links, tables,
 * strikethrough or math is backslash-escaped, and line breaks become
 * spaces (a newline would end a list item or a table row). */
#define _POSIX_C_SOURCE 200809L
#include "relmap/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

void report_md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c < 0x20 || c == 0x7f)
			fputc(' ', f);
		else if (strchr("\\`*_[]|~$#!", c))
			fprintf(f, "\\%c", c);
		else
			fputc(c, f);
	}
}

/* "Acme Corp (acme)", or "acme" for an account without a name. */
void report_md_account(FILE *f, const relmap_account *a)
{
	if (a->name) {
		report_md_text(f, a->name);
		fputs(" (", f);
		report_md_text(f, a->id);
		fputc(')', f);
	} else {
		report_md_text(f, a->id);
	}
}

static void put_score(FILE *f, const relmap_analysis *an)
{
	if (an->has_score)
		fprintf(f, "%.1f", an->coverage_score);
	else
		fputs("n/a", f);
}

static void put_gap(FILE *f, const char *path, const relmap_analysis *an,
		    const relmap_gap *g)
{
	relmap_pos pos = report_gap_pos(an, g);
	fprintf(f, "- **%s** %s: ", relmap_severity_name(g->severity),
		relmap_gap_kind_name(g->kind));
	report_gap_message(f, an, g, report_md_text);
	fputs(" (", f);
	report_md_text(f, path);
	if (pos.line > 0)
		fprintf(f, ", line %d", pos.line);
	fputs(")\n", f);
	if (report_gap_has_path_kind(g->kind)) {
		fputs("  - access path: ", f);
		report_gap_path(f, an, g, report_md_text, " \xe2\x86\x92 ");
		fputc('\n', f);
	}
}

static void put_account_section(FILE *f, const char *path,
				const relmap_analysis *an)
{
	const relmap_account *a = an->account;
	fputs("\n## ", f);
	report_md_account(f, a);
	fputs("\n\nCoverage score ", f);
	put_score(f, an);
	fprintf(f, "; %zu person%s, %zu key, %zu covered.\n\n", a->n_persons,
		a->n_persons == 1 ? "" : "s", an->n_key, an->n_covered);
	if (an->n_gaps == 0) {
		fputs("No gaps.\n", f);
		return;
	}
	for (size_t k = 0; k < an->n_gaps; k++)
		put_gap(f, path, an, &an->gaps[k]);
}

int relmap_report_markdown_write(FILE *f, const char *path,
				 const relmap_analysis *const *analyses,
				 size_t n)
{
	size_t errors = 0, warnings = 0;
	char date[11] = "";
	if (n > 0)
		relmap_date_format(date, analyses[0]->as_of);
	for (size_t i = 0; i < n; i++) {
		errors += analyses[i]->n_errors;
		warnings += analyses[i]->n_warnings;
	}
	fputs("# relmap check: ", f);
	report_md_text(f, path);
	fputs("\n\n", f);
	if (n > 0)
		fprintf(f, "As of %s: ", date);
	fprintf(f, "%zu account%s, %zu error%s, %zu warning%s.\n", n,
		n == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s");
	if (n > 0) {
		fputs("\n| Account | Coverage score | Errors | Warnings |\n"
		      "| --- | ---: | ---: | ---: |\n", f);
		for (size_t i = 0; i < n; i++) {
			fputs("| ", f);
			report_md_account(f, analyses[i]->account);
			fputs(" | ", f);
			put_score(f, analyses[i]);
			fprintf(f, " | %zu | %zu |\n", analyses[i]->n_errors,
				analyses[i]->n_warnings);
		}
	}
	for (size_t i = 0; i < n; i++)
		put_account_section(f, path, analyses[i]);
	return ferror(f) ? RELMAP_EIO : 0;
}

int relmap_report_markdown(char **out, size_t *out_len, const char *path,
			   const relmap_analysis *const *analyses, size_t n)
{
	report_buf b;
	if (report_buf_open(&b))
		return RELMAP_ENOMEM;
	int rc = relmap_report_markdown_write(b.f, path, analyses, n);
	return report_buf_close(&b, rc, out, out_len);
}
