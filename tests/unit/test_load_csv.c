/* test_load_csv.c - the CSV loader: presets, mappings, derived ids, RFC
 * 4180 details, vocabularies, and every error with its exact text and
 * position. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relmap/relmap.h"

/* The unit tests run in tests/data. */
#define DATA "csv/"

/* Everything a load gives, as text: "LINE:COL: SEVERITY: MESSAGE" per
 * diagnostic, then per account its id and one line per person. */
static char *dump(const relmap_document *doc, const relmap_diags *d)
{
	size_t cap = 1 << 16, o = 0;
	for (size_t k = 0; doc && k < doc->n_accounts; k++)
		for (size_t j = 0; j < doc->accounts[k].n_persons; j++)
			cap += 256 + (doc->accounts[k].persons[j].title
				      ? strlen(doc->accounts[k].persons[j].title)
				      : 0);
	char *s = malloc(cap);
	s[0] = '\0';
	for (size_t i = 0; i < d->count; i++)
		o += (size_t)snprintf(s + o, cap - o, "%d:%d: %s: %s\n",
				      d->items[i].line, d->items[i].column,
				      relmap_severity_name(d->items[i].severity),
				      d->items[i].message);
	for (size_t k = 0; doc && k < doc->n_accounts; k++) {
		const relmap_account *a = &doc->accounts[k];
		o += (size_t)snprintf(s + o, cap - o, "[%s]\n", a->id);
		for (size_t j = 0; j < a->n_persons; j++) {
			const relmap_person *p = &a->persons[j];
			o += (size_t)snprintf(
				s + o, cap - o, "%d %s|%s|%s|%s|%s|%s|%s|%g|%s|%s\n",
				p->pos.line, p->id, p->name,
				p->title ? p->title : "-",
				p->department ? p->department : "-",
				p->reports_to ? p->reports_to : "-",
				relmap_role_name(p->role),
				relmap_attitude_name(p->attitude), p->influence,
				p->email ? p->email : "-", p->url ? p->url : "-");
			if (p->reports_to)
				assert_string_equal(a->persons[p->manager].id,
						    p->reports_to);
			else
				assert_int_equal(p->manager, -1);
		}
	}
	assert_true(o < cap);
	return s;
}

/* Load `csv` from memory as "t.csv" and compare dump() with `want`;
 * returns the loader's code. */
static int check_mem(const char *csv, const relmap_csv_options *o,
		     const char *want)
{
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	int rc = relmap_document_load_csv_memory(&doc, csv, strlen(csv),
						 "t.csv", o, &d);
	if (rc)
		assert_null(doc);
	for (size_t i = 0; i < d.count; i++)
		assert_string_equal(d.items[i].file, "t.csv");
	char *got = dump(doc, &d);
	assert_string_equal(got, want);
	free(got);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	return rc;
}

static int check_file(const char *path, const relmap_csv_options *o,
		      const char *want)
{
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	int rc = relmap_document_load_csv(&doc, path, o, &d);
	char *got = dump(doc, &d);
	assert_string_equal(got, want);
	free(got);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	return rc;
}

static relmap_csv_options opts_with(relmap_csv_preset preset,
				    const char *account)
{
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	o.preset = preset;
	o.account = account;
	return o;
}

/* ------------------------------------------------------------------ */
/* Presets and the files in tests/data/csv */

static void load_csv__salesforce_bom_crlf_ragged_rows_are_errors(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, NULL);
	assert_int_equal(check_file(DATA "salesforce-contacts.csv", &o,
		"6:9: error: row has 8 fields, the header has 10\n"
		"8:9: error: row has 8 fields, the header has 10\n"),
		RELMAP_EDATA);
}

static void load_csv__salesforce_ragged_rows_padded(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, NULL);
	o.ragged = RELMAP_CSV_RAGGED_PAD;
	assert_int_equal(check_file(DATA "salesforce-contacts.csv", &o,
		"6:9: warning: row has 8 fields, the header has 10: padded with empty fields\n"
		"8:9: warning: row has 8 fields, the header has 10: padded with empty fields\n"
		"[0015g00000Acme1]\n"
		"2 0035g00000AbC01|Maria Lopez|Chief Executive Officer|Executive|-|decision-maker|unknown|0|maria.lopez@acme.example|-\n"
		"3 0035g00000AbC02|Tom Ng|Chief Financial Officer|Finance|0035g00000AbC01|economic-buyer|unknown|0|tom.ng@acme.example|-\n"
		"4 0035g00000AbC03|Ana Ruiz|Chief Technology Officer,\r\nActing CISO|Technology|0035g00000AbC01|technical-buyer|unknown|0|ana.ruiz@acme.example|-\n"
		"6 0035g00000AbC04|Lee Park|VP Procurement \"Sourcing\"|Procurement|0035g00000AbC03|unknown|unknown|0|-|-\n"
		"[0015g00000Glbx1]\n"
		"7 0035g00000GlX01|Sam O'Neil|Head of IT|IT|-|champion|unknown|0|sam@globex.example|-\n"
		"8 0035g00000GlX02|Kim Yu|IT Manager|IT|0035g00000GlX01|unknown|unknown|0|-|-\n"),
		0);
}

static void load_csv__hubspot_preset(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_HUBSPOT, NULL);
	assert_int_equal(check_file(DATA "hubspot-contacts.csv", &o,
		"[Acme Corp]\n"
		"2 101|Maria Lopez|CEO|-|-|decision-maker|champion|0|maria@acme.example|-\n"
		"3 102|Tom Ng|CFO|-|-|decision-maker|supporter|0|tom@acme.example|-\n"
		"4 103|Ana Ruiz|CTO|-|-|champion|champion|0|ana@acme.example|-\n"
		"5 104|Lee Park|VP Procurement|-|-|gatekeeper|skeptic|0|lee@acme.example|-\n"
		"6 105|Jo Bell|Analyst|-|-|user|opponent|0|jo@acme.example|-\n"
		"7 106|Raj Iyer|Architect|-|-|influencer|neutral|0|raj@acme.example|-\n"
		"[Initech]\n"
		"8 201|Eve Stone|Director|-|-|blocker|opponent|0|eve@initech.example|-\n"),
		0);
}

static void load_csv__dynamics_preset_manager_by_name(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_DYNAMICS, NULL);
	assert_int_equal(check_file(DATA "dynamics-contacts.csv", &o,
		"[Acme Corp]\n"
		"2 9f1c2a10-0000-4000-8000-000000000001|Maria Lopez|CEO|Executive|-|decision-maker|unknown|0|maria@acme.example|-\n"
		"3 9f1c2a10-0000-4000-8000-000000000002|Tom Ng|CFO|Finance|9f1c2a10-0000-4000-8000-000000000001|influencer|unknown|0|tom@acme.example|-\n"
		"4 9f1c2a10-0000-4000-8000-000000000003|Ana Ruiz|CTO|Technology|9f1c2a10-0000-4000-8000-000000000001|user|unknown|0|ana@acme.example|-\n"),
		0);
}

static void load_csv__orgchart_with_map_and_account(void **state)
{
	(void)state;
	static const char *const maps[] = {
		"name=Employee", "title=Position", "department=Team",
		"reports-to=Line Manager", "attitude=Sentiment",
	};
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		assert_int_equal(relmap_csv_map_parse(&o, maps[i]), 0);
	assert_int_equal(check_file(DATA "orgchart.csv", &o,
		"1:0: error: no account column (expected 'account'): give the account with --account ID or map a column with account=COLUMN\n"),
		RELMAP_EDATA);
	o.account = "acme";
	assert_int_equal(check_file(DATA "orgchart.csv", &o,
		"[acme]\n"
		"2 maria-lopez|Maria Lopez|Chief Executive Officer|Executive|-|unknown|supporter|0|-|-\n"
		"3 tom-ng|Tom Ng|Chief Financial Officer|Finance|maria-lopez|unknown|supporter|0|-|-\n"
		"4 ana-ruiz|Ana Ruiz|Chief Technology Officer|Technology|maria-lopez|unknown|champion|0|-|-\n"
		"5 lee-park|Lee Park|VP Procurement|Procurement|ana-ruiz|unknown|skeptic|0|-|-\n"
		"6 lee-park-2|Lee Park|Procurement Analyst|Procurement|lee-park|unknown|neutral|0|-|-\n"
		"7 jos\xc3\xa9-garc\xc3\xad" "a|Jos\xc3\xa9 Garc\xc3\xad" "a|Engineer|Technology|ana-ruiz|unknown|unknown|0|-|-\n"),
		0);
}

static void load_csv__no_preset_uses_field_names(void **state)
{
	(void)state;
	assert_int_equal(check_mem(
		"ACCOUNT,id,name,title,department,reports-to,role,influence,attitude,email,url\n"
		"a,p1,Maria,CEO,Exec,,decision-maker,0.9,neutral,m@x.example,https://x.example/m\n"
		"a,p2,Tom,CFO,Fin,p1,economic-buyer,.5,supporter,,\n",
		NULL,
		"[a]\n"
		"2 p1|Maria|CEO|Exec|-|decision-maker|neutral|0.9|m@x.example|https://x.example/m\n"
		"3 p2|Tom|CFO|Fin|p1|economic-buyer|supporter|0.5|-|-\n"),
		0);
}

static void load_csv__map_overrides_preset(void **state)
{
	(void)state;
	const char *csv =
		"Id,AccountId,Name,ReportsToId,Manager Id\n"
		"1,a,Maria,,\n"
		"2,a,Tom,9,1\n";
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, NULL);
	assert_int_equal(check_mem(csv, &o,
		"3:4: error: column 4 ('ReportsToId'): person '2' reports to unknown id '9'\n"),
		RELMAP_EDATA);
	assert_int_equal(relmap_csv_map_parse(&o, "reports-to=Manager Id"), 0);
	assert_int_equal(check_mem(csv, &o,
		"[a]\n"
		"2 1|Maria|-|-|-|unknown|unknown|0|-|-\n"
		"3 2|Tom|-|-|1|unknown|unknown|0|-|-\n"),
		0);
}

static void load_csv__map_parse_and_preset_parse(void **state)
{
	(void)state;
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	const char *arg = "reports-to=Boss = Id";
	assert_int_equal(relmap_csv_map_parse(&o, arg), 0);
	assert_ptr_equal(o.columns[RELMAP_CSV_REPORTS_TO], arg + 11);
	assert_string_equal(o.columns[RELMAP_CSV_REPORTS_TO], "Boss = Id");
	assert_int_equal(relmap_csv_map_parse(&o, "reports-to=Mgr"), 0);
	assert_string_equal(o.columns[RELMAP_CSV_REPORTS_TO], "Mgr");
	assert_int_equal(relmap_csv_map_parse(&o, "first-name=Given"), 0);
	assert_string_equal(o.columns[RELMAP_CSV_FIRST_NAME], "Given");
	assert_int_equal(relmap_csv_map_parse(&o, "manager=Mgr"), RELMAP_EUSAGE);
	assert_int_equal(relmap_csv_map_parse(&o, "Name=Mgr"), RELMAP_EUSAGE);
	assert_int_equal(relmap_csv_map_parse(&o, "name"), RELMAP_EUSAGE);
	assert_int_equal(relmap_csv_map_parse(&o, "name="), RELMAP_EUSAGE);
	assert_int_equal(relmap_csv_map_parse(&o, "=Name"), RELMAP_EUSAGE);
	assert_int_equal(relmap_csv_map_parse(&o, NULL), RELMAP_EUSAGE);
	for (int f = 0; f < RELMAP_CSV_FIELD_COUNT; f++) {
		char arg2[64];
		snprintf(arg2, sizeof(arg2), "%s=C",
			 relmap_csv_field_name((relmap_csv_field)f));
		assert_int_equal(relmap_csv_map_parse(&o, arg2), 0);
	}
	assert_null(relmap_csv_field_name(RELMAP_CSV_FIELD_COUNT));

	relmap_csv_preset p;
	assert_int_equal(relmap_csv_preset_parse(&p, "salesforce"), 0);
	assert_int_equal(p, RELMAP_CSV_PRESET_SALESFORCE);
	assert_int_equal(relmap_csv_preset_parse(&p, "hubspot"), 0);
	assert_int_equal(p, RELMAP_CSV_PRESET_HUBSPOT);
	assert_int_equal(relmap_csv_preset_parse(&p, "dynamics"), 0);
	assert_int_equal(p, RELMAP_CSV_PRESET_DYNAMICS);
	assert_int_equal(relmap_csv_preset_parse(&p, "none"), 0);
	assert_int_equal(p, RELMAP_CSV_PRESET_NONE);
	assert_int_equal(relmap_csv_preset_parse(&p, "Salesforce"),
			 RELMAP_EUSAGE);
}

static void load_csv__header_exact_match_before_case_insensitive(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, "a");
	assert_int_equal(check_mem(
		"ID,NAME,email,Email\n"
		"p1,Maria,upper@x,exact@x\n",
		&o,
		"[a]\n"
		"2 p1|Maria|-|-|-|unknown|unknown|0|exact@x|-\n"),
		0);
}

/* ------------------------------------------------------------------ */
/* Ids, accounts, RFC 4180 */

static void load_csv__derived_ids_stable_and_unique(void **state)
{
	(void)state;
	const char *csv =
		"first-name,last-name\n"
		"Ann,Lee\n"
		"ANN,LEE\n"
		"Ann Lee,2\n"
		"  Ann ,  Lee  \n"
		"!!!,\n"
		",O'Brien\n"
		"Ann,Lee\n";
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	const char *want =
		"[a]\n"
		"2 ann-lee|Ann Lee|-|-|-|unknown|unknown|0|-|-\n"
		"3 ann-lee-2|ANN LEE|-|-|-|unknown|unknown|0|-|-\n"
		"4 ann-lee-2-2|Ann Lee 2|-|-|-|unknown|unknown|0|-|-\n"
		"5 ann-lee-3|Ann Lee|-|-|-|unknown|unknown|0|-|-\n"
		"6 person|!!!|-|-|-|unknown|unknown|0|-|-\n"
		"7 o-brien|O'Brien|-|-|-|unknown|unknown|0|-|-\n"
		"8 ann-lee-4|Ann Lee|-|-|-|unknown|unknown|0|-|-\n";
	assert_int_equal(check_mem(csv, &o, want), 0);
	assert_int_equal(check_mem(csv, &o, want), 0);
}

static void load_csv__multiple_accounts(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "dflt");
	assert_int_equal(check_mem(
		"account,id,name,reports-to\n"
		"a,p1,A1,\n"
		"b,p1,B1,\n"
		"a,p2,A2,p1\n"
		",p1,D1,\n"
		"b,p2,B2,p1\n",
		&o,
		"[a]\n"
		"2 p1|A1|-|-|-|unknown|unknown|0|-|-\n"
		"4 p2|A2|-|-|p1|unknown|unknown|0|-|-\n"
		"[b]\n"
		"3 p1|B1|-|-|-|unknown|unknown|0|-|-\n"
		"6 p2|B2|-|-|p1|unknown|unknown|0|-|-\n"
		"[dflt]\n"
		"5 p1|D1|-|-|-|unknown|unknown|0|-|-\n"),
		0);
	/* References stay within their account. */
	assert_int_equal(check_mem(
		"account,id,name,reports-to\n"
		"a,p1,A1,\n"
		"b,p2,B2,p1\n",
		NULL,
		"3:4: error: column 4 ('reports-to'): person 'p2' reports to unknown id 'p1'\n"),
		RELMAP_EDATA);
}

static void load_csv__embedded_commas_quotes_newlines(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,\"Lopez, Maria\",\"CEO \"\"the boss\"\"\"\n"
		"p2,\"Tom\nNg\",\"line1\n\nline3\"\n"
		"\n"
		"p3,Ana,\"\"\n"
		",,\n"
		"  ,\n"
		"p4,Lee,bad\n",
		&o,
		"[a]\n"
		"2 p1|Lopez, Maria|CEO \"the boss\"|-|-|unknown|unknown|0|-|-\n"
		"3 p2|Tom\nNg|line1\n\nline3|-|-|unknown|unknown|0|-|-\n"
		"8 p3|Ana|-|-|-|unknown|unknown|0|-|-\n"
		"11 p4|Lee|bad|-|-|unknown|unknown|0|-|-\n"),
		0);
}

static void load_csv__bom_and_crlf(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(check_mem(
		"\xEF\xBB\xBFid,name,title\r\n"
		"p1,Maria,\"CEO\r\nand founder\"\r\n"
		"p2,Tom,CFO\r\n"
		"p3,Ana,CTO",
		&o,
		"[a]\n"
		"2 p1|Maria|CEO\r\nand founder|-|-|unknown|unknown|0|-|-\n"
		"4 p2|Tom|CFO|-|-|unknown|unknown|0|-|-\n"
		"5 p3|Ana|CTO|-|-|unknown|unknown|0|-|-\n"),
		0);
	/* A BOM-less file reads the same; a UTF-16 one is refused. */
	assert_int_equal(check_mem("id,name\r\np1,Maria\r\n", &o,
		"[a]\n2 p1|Maria|-|-|-|unknown|unknown|0|-|-\n"), 0);
	assert_int_equal(check_mem("\xFF\xFEi\0d\0", &o,
		"1:0: error: the file is UTF-16: save it as UTF-8\n"),
		RELMAP_EDATA);
}

static void load_csv__ragged_pad_and_truncate(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	const char *csv =
		"id,name,title\n"
		"p1,Maria\n"
		"p2,Tom,CFO,extra,more\n"
		"p3,Ana,CTO\n";
	assert_int_equal(check_mem(csv, &o,
		"2:3: error: row has 2 fields, the header has 3\n"
		"3:4: error: row has 5 fields, the header has 3\n"),
		RELMAP_EDATA);
	o.ragged = RELMAP_CSV_RAGGED_PAD;
	assert_int_equal(check_mem(csv, &o,
		"2:3: warning: row has 2 fields, the header has 3: padded with empty fields\n"
		"3:4: warning: row has 5 fields, the header has 3: extra fields ignored\n"
		"[a]\n"
		"2 p1|Maria|-|-|-|unknown|unknown|0|-|-\n"
		"3 p2|Tom|CFO|-|-|unknown|unknown|0|-|-\n"
		"4 p3|Ana|CTO|-|-|unknown|unknown|0|-|-\n"),
		0);

	/* Past ten, ragged rows are counted in one warning. */
	char big[2048] = "id,name,title\n";
	for (int i = 0; i < 13; i++)
		snprintf(big + strlen(big), sizeof(big) - strlen(big),
			 "p%d,N%d\n", i, i);
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv_memory(&doc, big, strlen(big),
							 "t.csv", &o, &d), 0);
	assert_int_equal(d.count, 11);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.items[0].line, 0);
	assert_string_equal(d.items[0].message,
			    "3 more rows had a different number of fields than the header and were padded or truncated");
	assert_int_equal(doc->accounts[0].n_persons, 13);
	relmap_document_free(doc);
	relmap_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Vocabularies */

static void load_csv__role_vocabulary(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		relmap_role want;
	} cases[] = {
		{ "decision-maker", RELMAP_ROLE_DECISION_MAKER },
		{ "Decision Maker", RELMAP_ROLE_DECISION_MAKER },
		{ "DECISION_MAKER", RELMAP_ROLE_DECISION_MAKER },
		{ "Economic Buyer", RELMAP_ROLE_ECONOMIC_BUYER },
		{ "technical buyer", RELMAP_ROLE_TECHNICAL_BUYER },
		{ "User Buyer", RELMAP_ROLE_USER_BUYER },
		{ "Coach", RELMAP_ROLE_CHAMPION },
		{ "BUDGET_HOLDER", RELMAP_ROLE_ECONOMIC_BUYER },
		{ "END_USER", RELMAP_ROLE_USER },
		{ "CHAMPION", RELMAP_ROLE_CHAMPION },
		{ "INFLUENCER", RELMAP_ROLE_INFLUENCER },
		{ "BLOCKER", RELMAP_ROLE_BLOCKER },
		{ "EXECUTIVE_SPONSOR", RELMAP_ROLE_DECISION_MAKER },
		{ "LEGAL_AND_COMPLIANCE", RELMAP_ROLE_GATEKEEPER },
		{ "Legal & Compliance", RELMAP_ROLE_GATEKEEPER },
		{ "OTHER", RELMAP_ROLE_UNKNOWN },
		{ "Evaluator", RELMAP_ROLE_TECHNICAL_BUYER },
		{ "Approver", RELMAP_ROLE_DECISION_MAKER },
		{ "Recommender", RELMAP_ROLE_INFLUENCER },
		{ "User", RELMAP_ROLE_USER },
		{ "Gatekeeper", RELMAP_ROLE_GATEKEEPER },
		{ "Business User", RELMAP_ROLE_USER },
		{ "Economic Decision Maker", RELMAP_ROLE_ECONOMIC_BUYER },
		{ "Employee", RELMAP_ROLE_USER },
		{ "unknown", RELMAP_ROLE_UNKNOWN },
		{ "END_USER;BUDGET_HOLDER", RELMAP_ROLE_ECONOMIC_BUYER },
		{ "OTHER;INFLUENCER;", RELMAP_ROLE_INFLUENCER },
		{ "", RELMAP_ROLE_UNKNOWN },
	};
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char csv[256];
		snprintf(csv, sizeof(csv), "id,name,role\np,P,\"%s\"\n",
			 cases[i].in);
		relmap_document *doc = NULL;
		relmap_diags d;
		relmap_diags_init(&d, 20);
		int rc = relmap_document_load_csv_memory(&doc, csv, strlen(csv),
							 "t.csv", &o, &d);
		if (rc)
			fprintf(stderr, "role '%s': %s\n", cases[i].in,
				d.items[0].message);
		assert_int_equal(rc, 0);
		assert_int_equal(doc->accounts[0].persons[0].role, cases[i].want);
		relmap_document_free(doc);
		relmap_diags_free(&d);
	}
}

static void load_csv__attitude_vocabulary_and_ratings(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		relmap_attitude want;
	} cases[] = {
		{ "champion", RELMAP_ATTITUDE_CHAMPION },
		{ "Mentor", RELMAP_ATTITUDE_CHAMPION },
		{ "Supporter", RELMAP_ATTITUDE_SUPPORTER },
		{ "NEUTRAL", RELMAP_ATTITUDE_NEUTRAL },
		{ "Non-Supporter", RELMAP_ATTITUDE_SKEPTIC },
		{ "Skeptic", RELMAP_ATTITUDE_SKEPTIC },
		{ "Enemy", RELMAP_ATTITUDE_OPPONENT },
		{ "opponent", RELMAP_ATTITUDE_OPPONENT },
		{ "5", RELMAP_ATTITUDE_CHAMPION },
		{ "+4", RELMAP_ATTITUDE_CHAMPION },
		{ "3.9", RELMAP_ATTITUDE_SUPPORTER },
		{ "1", RELMAP_ATTITUDE_SUPPORTER },
		{ "0.5", RELMAP_ATTITUDE_NEUTRAL },
		{ "0", RELMAP_ATTITUDE_NEUTRAL },
		{ "-0.5", RELMAP_ATTITUDE_NEUTRAL },
		{ "-1", RELMAP_ATTITUDE_SKEPTIC },
		{ "-3", RELMAP_ATTITUDE_SKEPTIC },
		{ "-4", RELMAP_ATTITUDE_OPPONENT },
		{ "-5", RELMAP_ATTITUDE_OPPONENT },
		{ "", RELMAP_ATTITUDE_UNKNOWN },
	};
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char csv[256];
		snprintf(csv, sizeof(csv), "id,name,attitude\np,P,%s\n",
			 cases[i].in);
		relmap_document *doc = NULL;
		relmap_diags d;
		relmap_diags_init(&d, 20);
		int rc = relmap_document_load_csv_memory(&doc, csv, strlen(csv),
							 "t.csv", &o, &d);
		if (rc)
			fprintf(stderr, "attitude '%s': %s\n", cases[i].in,
				d.items[0].message);
		assert_int_equal(rc, 0);
		assert_int_equal(doc->accounts[0].persons[0].attitude,
				 cases[i].want);
		relmap_document_free(doc);
		relmap_diags_free(&d);
	}
}

/* ------------------------------------------------------------------ */
/* Errors */

static void load_csv__value_errors(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_HUBSPOT, NULL);
	assert_int_equal(check_mem(
		"Record ID,First Name,Last Name,Buying Role,Attitude,Influence,Associated Company\n"
		"1,Maria,Lopez,Wizard,Mentor,0.5,Acme\n"
		"2,Tom,Ng,DECISION_MAKER;Sorcerer,6,1.5,Acme\n"
		"3,Ana,Ruiz,,Grumpy,lots,Acme\n"
		",Lee,Park,,,,Acme\n"
		"1,Sam,Bell,,,,Acme\n"
		"5,,,,,,Acme\n"
		"6,Jo,Yu,,,,\n",
		&o,
		"2:4: error: column 4 ('Buying Role'): unknown role 'Wizard'\n"
		"3:4: error: column 4 ('Buying Role'): unknown role 'DECISION_MAKER;Sorcerer'\n"
		"3:5: error: column 5 ('Attitude'): attitude ratings go from -5 to +5, not '6'\n"
		"3:6: error: column 6 ('Influence'): influence must be a number from 0 to 1, not '1.5'\n"
		"4:5: error: column 5 ('Attitude'): unknown attitude 'Grumpy'\n"
		"4:6: error: column 6 ('Influence'): influence must be a number from 0 to 1, not 'lots'\n"
		"5:1: error: column 1 ('Record ID'): empty id\n"
		"6:1: error: column 1 ('Record ID'): duplicate id '1' (first defined at line 2)\n"
		"7:2: error: no name: column 2 ('First Name') and column 3 ('Last Name') are empty\n"
		"8:7: error: column 7 ('Associated Company') is empty and no default account is set (use --account ID)\n"),
		RELMAP_EDATA);
	o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, "a");
	assert_int_equal(check_mem("Id,Name\n1,\n", &o,
		"2:2: error: column 2 ('Name'): empty name\n"), RELMAP_EDATA);
	assert_int_equal(check_mem("Id,Name,LastName\n1,,\n", &o,
		"2:2: error: column 2 ('Name'): empty name (and no first or last name)\n"),
		RELMAP_EDATA);
	/* A long value is cut and control characters are escaped. */
	char csv[512];
	snprintf(csv, sizeof(csv), "Id,Name,Role\n1,A,\"%s\tx\"\n",
		 "ThisRoleNameIsMuchTooLongToBeShownInFullInAMessageSoItIsCutHereXYZ");
	assert_int_equal(check_mem(csv, &o,
		"2:3: error: column 3 ('Role'): unknown role 'ThisRoleNameIsMuchTooLongToBeShownInFullInAMessageSoItIsCutHereX...'\n"),
		RELMAP_EDATA);
}

static void load_csv__header_errors(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, NULL);
	assert_int_equal(check_mem("Id,Title\n1,CEO\n", &o,
		"1:0: error: no name column: expected 'Name' or 'Full Name', or 'FirstName' or 'First Name' and 'LastName' or 'Last Name' (map one with name=COLUMN)\n"
		"1:0: error: no account column (expected 'AccountId', 'Account ID', 'Account Name' or 'Account.Name'): give the account with --account ID or map a column with account=COLUMN\n"),
		RELMAP_EDATA);
	assert_int_equal(relmap_csv_map_parse(&o, "reports-to=Boss"), 0);
	o.account = "a";
	assert_int_equal(check_mem("Id,Name\n1,Maria\n", &o,
		"1:0: error: no column 'Boss' in the header (mapped with reports-to=Boss)\n"),
		RELMAP_EDATA);
	assert_int_equal(check_mem("id,n\xFFme\np1,A\n", &o,
		"1:2: error: column 2 of the header: the name is not valid UTF-8\n"),
		RELMAP_EDATA);
	/* Header only, and nothing at all. */
	o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(check_mem("\n\nid,name\n", &o,
		"3:0: error: no rows after the header\n"), RELMAP_EDATA);
	assert_int_equal(check_mem("", &o,
		"1:0: error: empty file: a header row is expected\n"),
		RELMAP_EDATA);
	assert_int_equal(check_mem("\xEF\xBB\xBF", &o,
		"1:0: error: empty file: a header row is expected\n"),
		RELMAP_EDATA);
}

static void load_csv__malformed_csv(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	/* A quote inside an unquoted field: kept as written, one warning
	 * for the file... */
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,Maria,CEO\n"
		"p2,Tom \"T\" Ng,a 27\" monitor\n",
		&o,
		"3:2: warning: column 2 ('name'): a quote inside an unquoted field is kept as written (further ones in this file too; --strict refuses them)\n"
		"[a]\n"
		"2 p1|Maria|CEO|-|-|unknown|unknown|0|-|-\n"
		"3 p2|Tom \"T\" Ng|a 27\" monitor|-|-|unknown|unknown|0|-|-\n"),
		0);
	/* ... or, strictly, an error. */
	o.strict = 1;
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,Maria,CEO\n"
		"p2,Tom \"T\" Ng,CFO\n",
		&o,
		"3:2: error: column 2 ('name'): stray quote in an unquoted field (quote the whole field and double its quotes)\n"),
		RELMAP_EDATA);
	/* Text after a closing quote, on the second line of a row. */
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,\"Maria\nLopez\"x,CEO\n",
		&o,
		"3:2: error: column 2 ('name'): a closing quote must be followed by a comma or the end of the line (double a quote inside quotes)\n"),
		RELMAP_EDATA);
	/* A quote never closed: reported where its row starts. */
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,Maria,CEO\n"
		"p2,Tom,\"CFO\n"
		"p3,Ana,CTO\n",
		&o,
		"3:3: error: column 3 ('title'): quoted field not closed at the end of the file\n"),
		RELMAP_EDATA);
	/* Bytes that are not UTF-8, and NUL. */
	assert_int_equal(check_mem(
		"id,name,title\n"
		"p1,Mar\xE9" "a,CEO\n"
		"p2,Tom,CF\xC0\xAF\n",
		&o,
		"2:2: error: column 2 ('name'): the value is not valid UTF-8\n"
		"3:3: error: column 3 ('title'): the value is not valid UTF-8\n"),
		RELMAP_EDATA);
	const char nul[] = "id,name\np1,A\0B\n";
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv_memory(&doc, nul,
							 sizeof(nul) - 1,
							 "t.csv", &o, &d),
			 RELMAP_EDATA);
	char *got = dump(doc, &d);
	assert_string_equal(got, "2:2: error: column 2 ('name'): NUL byte in the value\n");
	free(got);
	relmap_diags_free(&d);
}

/* Column names as real exports spell them, with no preset and no map:
 * an HR org chart (d3-org-chart, Oracle HR). */
static void load_csv__recognised_columns_orgchart(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "hr");
	assert_int_equal(check_mem(
		"id,parentId,name,lastName,position,department_name,salary\n"
		"100,,Steven,King,President,Executive,24000\n"
		"101,100,Neena Kochhar,Kochhar,AVP,Executive,17000\n"
		"103,101,Alexander,,Programmer,IT,9000\n",
		&o,
		"[hr]\n"
		"2 100|Steven King|President|Executive|-|unknown|unknown|0|-|-\n"
		"3 101|Neena Kochhar|AVP|Executive|100|unknown|unknown|0|-|-\n"
		"4 103|Alexander|Programmer|IT|101|unknown|unknown|0|-|-\n"),
		0);
	/* Case, blanks and punctuation do not matter; nor does a person's
	 * object prefix. */
	assert_int_equal(check_mem(
		"Employee_ID,FIRST_NAME,Contact: Last Name,Job Title,Dept,Manager_Id,Work Email\n"
		"1,Ann,Lee,CEO,Exec,,ann@x\n"
		"2,Bo,Chan,CFO,Fin,1,\n",
		&o,
		"[hr]\n"
		"2 1|Ann Lee|CEO|Exec|-|unknown|unknown|0|ann@x|-\n"
		"3 2|Bo Chan|CFO|Fin|1|unknown|unknown|0|-|-\n"),
		0);
}

/* A mapping or the preset claims a column first; recognition takes what
 * is left, the first column of a field winning. */
static void load_csv__recognition_after_map_and_preset(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(relmap_csv_map_parse(&o, "title=Manager"), 0);
	assert_int_equal(check_mem(
		"Name,Manager,Supervisor,parentId\n"
		"Ann,Boss,,\n"
		"Bo,Clerk,Ann,Nobody\n",
		&o,
		"[a]\n"
		"2 ann|Ann|Boss|-|-|unknown|unknown|0|-|-\n"
		"3 bo|Bo|Clerk|-|ann|unknown|unknown|0|-|-\n"),
		0);
	/* Someone else's object: not the person's name. */
	o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(check_mem(
		"Owner.Name,Opportunity: Title,Contact.Name\n"
		"Jane,Big deal,Ann\n",
		&o,
		"[a]\n"
		"2 ann|Ann|-|-|-|unknown|unknown|0|-|-\n"),
		0);
}

/* A Salesforce report export: object prefixes, a byte-order mark, CRLF,
 * and accounts without contacts as short rows of account fields. */
static void load_csv__report_export_account_rows(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, NULL);
	const char *csv =
		"\xEF\xBB\xBF\"Account: Account Name\",\"Account: Type\","
		"\"Contact: First Name\",\"Contact: Last Name\",\"Contact: Title\"\r\n"
		"\"Acme\",\"Customer\",\"Ann\",\"Lee\",\"CEO\"\r\n"
		"\"Globex\",\"Prospect\"\r\n"
		"\"Acme\",\"Customer\",\"Bo\",\"Chan\",\"CFO\"\r\n"
		"\"Initech\",\"\",\"\",\"\",\"\"\r\n"
		"\r\n"
		"\"Contacts & Accounts\"\r\n"
		"\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n";
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv_memory(&doc, csv, strlen(csv),
							 "t.csv", &o, &d), 0);
	char *got = dump(doc, &d);
	assert_string_equal(got,
		"7:1: warning: 2 lines of one field after a blank line taken for the report's footer and ignored\n"
		"[Acme]\n"
		"2 ann-lee|Ann Lee|CEO|-|-|unknown|unknown|0|-|-\n"
		"4 bo-chan|Bo Chan|CFO|-|-|unknown|unknown|0|-|-\n"
		"[Globex]\n"
		"[Initech]\n");
	free(got);
	assert_string_equal(doc->accounts[0].name, "Acme");
	assert_string_equal(doc->accounts[0].segment, "Customer");
	assert_string_equal(doc->accounts[1].name, "Globex");
	assert_string_equal(doc->accounts[1].segment, "Prospect");
	assert_null(doc->accounts[2].segment);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	/* A short row with a person's value is still ragged. */
	assert_int_equal(check_mem(
		"Account Name,First Name,Last Name,Title\n"
		"Acme,Ann\n",
		&o,
		"2:3: error: row has 2 fields, the header has 4\n"),
		RELMAP_EDATA);
}

/* --explain-columns: a note per column; on error only when asked to. */
static void load_csv__explain_columns(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	o.explain_columns = RELMAP_CSV_EXPLAIN_ALWAYS;
	assert_int_equal(check_mem(
		"Account Name,name,surname,phone\n"
		"Acme,Ann,Lee,1\n",
		&o,
		"1:1: note: column 1 ('Account Name') -> account and account-name\n"
		"1:2: note: column 2 ('name') -> name (first names: the last-name column is joined to them)\n"
		"1:3: note: column 3 ('surname') -> last-name\n"
		"1:4: note: column 4 ('phone') is not used\n"
		"[Acme]\n"
		"2 ann-lee|Ann Lee|-|-|-|unknown|unknown|0|-|-\n"),
		0);
	o.explain_columns = RELMAP_CSV_EXPLAIN_ON_ERROR;
	assert_int_equal(check_mem("name,title\nAnn,CEO\n", &o,
		"[a]\n"
		"2 ann|Ann|CEO|-|-|unknown|unknown|0|-|-\n"), 0);
	assert_int_equal(check_mem("nom,title\nAnn,CEO\n", &o,
		"1:0: error: no name column: expected 'name', or 'first-name' and 'last-name' (map one with name=COLUMN)\n"
		"1:1: note: column 1 ('nom') is not used\n"
		"1:2: note: column 2 ('title') -> title\n"), RELMAP_EDATA);
}

static void load_csv__reports_to_errors_and_cycle(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	assert_int_equal(check_mem(
		"id,name,reports-to\n"
		"p1,Maria,p3\n"
		"p2,Tom,p1\n"
		"p3,Ana,p2\n"
		"p4,Lee,p99\n"
		"p5,Jo,p5\n"
		"p6,Sam,Ann Lee\n"
		"p7,Ann Lee,\n"
		"p8,Ann Lee,\n"
		"p9,Kim,p10\n"
		"p10,Raj,p9\n",
		&o,
		"2:3: error: reports-to cycle: p1 -> p3 -> p2 -> p1\n"
		"5:3: error: column 3 ('reports-to'): person 'p4' reports to unknown id 'p99'\n"
		"6:3: error: column 3 ('reports-to'): person 'p5' reports to itself\n"
		"7:3: error: column 3 ('reports-to'): person 'p6' reports to 'Ann Lee', a name shared by several persons (use ids)\n"
		"10:3: error: reports-to cycle: p9 -> p10 -> p9\n"),
		RELMAP_EDATA);
}

static void load_csv__error_limit(void **state)
{
	(void)state;
	char csv[4096] = "id,name,role\n";
	for (int i = 0; i < 50; i++)
		snprintf(csv + strlen(csv), sizeof(csv) - strlen(csv),
			 "p%d,N,bad\n", i);
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 5);
	assert_int_equal(relmap_document_load_csv_memory(&doc, csv, strlen(csv),
							 "t.csv", &o, &d),
			 RELMAP_EDATA);
	assert_null(doc);
	assert_int_equal(d.count, 5);
	assert_int_equal(d.items[4].line, 6);
	relmap_diags_free(&d);
}

/* Rows cross the 256 KiB chunks, one with a quoted newline exactly at a
 * boundary: positions still count every physical line, and the file and
 * memory loaders agree. */
static void load_csv__chunk_boundaries_and_file_agree(void **state)
{
	(void)state;
	size_t cap = 1 << 20, o = 0;
	char *csv = malloc(cap);
	o += (size_t)snprintf(csv, cap, "id,name,title\n");
	int line = 2, i = 0;
	while (o < 256 * 1024 - 40) {
		o += (size_t)snprintf(csv + o, cap - o, "p%d,N%d,T\n", i, i);
		i++;
		line++;
	}
	/* Pad so that the quoted newline is the chunk's last byte. */
	size_t head = (size_t)snprintf(csv + o, cap - o, "q1,Q,\"");
	size_t pad = 256 * 1024 - 1 - (o + head);
	o += head;
	memset(csv + o, 'x', pad);
	o += pad;
	csv[o++] = '\n';
	o += (size_t)snprintf(csv + o, cap - o, "y\"\nq2,Q2,\"bad\"x\n");
	int bad_line = line + 2;

	relmap_csv_options opts = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv_memory(&doc, csv, o, "t.csv",
							 &opts, &d),
			 RELMAP_EDATA);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, bad_line);
	assert_int_equal(d.items[0].column, 3);
	relmap_diags_free(&d);

	/* Without the bad row: q1 starts on `line`, and the file gives the
	 * same document. */
	o -= strlen("q2,Q2,\"bad\"x\n");
	char path[] = "/tmp/relmap-csv-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_int_equal(fwrite(csv, 1, o, f), o);
	fclose(f);
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv_memory(&doc, csv, o, "t.csv",
							 &opts, &d), 0);
	char *a = dump(doc, &d);
	relmap_document_free(doc);
	relmap_document *doc2 = NULL;
	assert_int_equal(relmap_document_load_csv(&doc2, path, &opts, &d), 0);
	const relmap_account *acc = &doc2->accounts[0];
	assert_int_equal(acc->n_persons, (size_t)i + 1);
	assert_int_equal(acc->persons[i].pos.line, line);
	assert_int_equal(strlen(acc->persons[i].title), pad + 2);
	char *b = dump(doc2, &d);
	assert_string_equal(a, b);
	free(a);
	free(b);
	relmap_document_free(doc2);
	relmap_diags_free(&d);
	remove(path);
	free(csv);
}

static void load_csv__missing_file(void **state)
{
	(void)state;
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	assert_int_equal(relmap_document_load_csv(&doc, DATA "no-such.csv",
						  NULL, &d),
			 RELMAP_ENOENT);
	assert_null(doc);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
			    "cannot open: No such file or directory");
	relmap_diags_free(&d);
	assert_int_equal(relmap_document_load_csv(&doc, DATA, NULL, &d),
			 RELMAP_ENOENT);
	assert_string_equal(d.items[0].message, "cannot open: Is a directory");
	relmap_diags_free(&d);
}

/* ------------------------------------------------------------------ */
/* Edges files: coverage and touchpoints */

/* An edges document as text: diagnostics, then per account its members,
 * placeholder persons, coverage and touchpoints. */
static char *edges_mem(const char *csv, const relmap_csv_options *o, int *rc)
{
	relmap_document *doc = NULL;
	relmap_diags d;
	relmap_diags_init(&d, 20);
	*rc = relmap_document_load_csv_memory(&doc, csv, strlen(csv), "e.csv",
					      o, &d);
	size_t cap = 1 << 14, n = 0;
	char *s = malloc(cap);
	s[0] = '\0';
	for (size_t i = 0; i < d.count; i++)
		n += (size_t)snprintf(s + n, cap - n, "%d:%d: %s\n",
				      d.items[i].line, d.items[i].column,
				      d.items[i].message);
	for (size_t k = 0; doc && k < doc->n_accounts; k++) {
		const relmap_account *a = &doc->accounts[k];
		assert_true(doc->edges_only);
		n += (size_t)snprintf(s + n, cap - n, "[%s]\n", a->id);
		for (size_t i = 0; i < a->n_members; i++)
			n += (size_t)snprintf(s + n, cap - n, "m %s|%s\n",
					      a->members[i].id,
					      a->members[i].name);
		for (size_t i = 0; i < a->n_persons; i++)
			n += (size_t)snprintf(s + n, cap - n, "p %s %d:%d\n",
					      a->persons[i].id,
					      a->persons[i].pos.line,
					      a->persons[i].pos.column);
		for (size_t i = 0; i < a->n_coverages; i++)
			n += (size_t)snprintf(
				s + n, cap - n, "c %s %s %g\n",
				a->members[a->coverages[i].member].id,
				a->persons[a->coverages[i].person].id,
				a->coverages[i].strength);
		for (size_t i = 0; i < a->n_touchpoints; i++) {
			const relmap_touchpoint *t = &a->touchpoints[i];
			char day[11];
			relmap_date_format(day, t->date);
			n += (size_t)snprintf(
				s + n, cap - n, "t %s %s %s %s %s\n",
				a->members[t->member].id,
				a->persons[t->person].id,
				relmap_channel_name(t->channel), day,
				relmap_sentiment_name(t->sentiment));
		}
	}
	assert_true(n < cap);
	relmap_document_free(doc);
	relmap_diags_free(&d);
	return s;
}

static void expect_edges(const char *csv, const relmap_csv_options *o,
			 int want_rc, const char *want)
{
	int rc;
	char *got = edges_mem(csv, o, &rc);
	assert_string_equal(got, want);
	assert_int_equal(rc, want_rc);
	free(got);
}

static void load_csv__coverage_file(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_SALESFORCE, "acme");
	/* A preset has no edges names: the field names are the columns,
	 * case ignored; member-name names a member where it first appears. */
	expect_edges("Member,Member-Name,Person,Strength\r\n"
		     "u1,Una One,p1,0.8\r\n"
		     "u2,,p2,1\r\n"
		     "u1,Other Name,p2,0\r\n",
		     &o, 0,
		     "[acme]\n"
		     "m u1|Una One\n"
		     "m u2|u2\n"
		     "p p1 2:3\n"
		     "p p2 3:3\n"
		     "c u1 p1 0.8\n"
		     "c u2 p2 1\n"
		     "c u1 p2 0\n");
}

static void load_csv__touchpoint_file_vocabulary_and_dates(void **state)
{
	(void)state;
	relmap_csv_options o = RELMAP_CSV_OPTIONS_INIT;
	o.columns[RELMAP_CSV_DATE] = "Activity Date";
	expect_edges("account,member,person,channel,Activity Date,sentiment\n"
		     "a,u1,p1,Phone Call,2026-10-02 14:30:00,Positive\n"
		     "a,u1,p1,APPOINTMENT,2026-10-03T09:00:00Z,\n"
		     "a,u1,p1,e-mail,2026-10-04,bad\n"
		     "b,u9,p1,LinkedIn,2026-10-05,neutral\n"
		     "a,u1,p1,webinar,2026-10-06,\n"
		     "a,u1,p1,Case,2026-10-07,\n",
		     &o, 0,
		     "[a]\n"
		     "m u1|u1\n"
		     "p p1 2:3\n"
		     "t u1 p1 call 2026-10-02 positive\n"
		     "t u1 p1 meeting 2026-10-03 neutral\n"
		     "t u1 p1 email 2026-10-04 negative\n"
		     "t u1 p1 event 2026-10-06 neutral\n"
		     "t u1 p1 support 2026-10-07 neutral\n"
		     "[b]\n"
		     "m u9|u9\n"
		     "p p1 5:3\n"
		     "t u9 p1 social 2026-10-05 neutral\n");
}

static void load_csv__edges_both_kinds_in_one_file(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	expect_edges("member,person,strength,channel,date\n"
		     "u1,p1,0.5,,\n"
		     "u1,p1,,call,2026-01-02\n"
		     "u1,p2,0.25,meeting,2026-01-03\n"
		     "u1,p2,,,\n",
		     &o, RELMAP_EDATA,
		     "5:3: column 3 ('strength'): empty strength\n");
	expect_edges("member,person,strength,channel,date\n"
		     "u1,p1,0.5,,\n"
		     "u1,p1,,call,2026-01-02\n"
		     "u1,p2,0.25,meeting,2026-01-03\n",
		     &o, 0,
		     "[a]\n"
		     "m u1|u1\n"
		     "p p1 2:2\n"
		     "p p2 4:2\n"
		     "c u1 p1 0.5\n"
		     "c u1 p2 0.25\n"
		     "t u1 p1 call 2026-01-02 neutral\n"
		     "t u1 p2 meeting 2026-01-03 neutral\n");
}

static void load_csv__edges_errors(void **state)
{
	(void)state;
	relmap_csv_options o = opts_with(RELMAP_CSV_PRESET_NONE, "a");
	expect_edges("member,person,channel,date,sentiment\n"
		     "u1,p1,Task,2026-02-30,great\n"
		     ",,call,2026-01-01 x,\n"
		     "u1,p1,,,\n"
		     "u1,p1,call,2026/01/01,\n"
		     "u1,p1,call,2026-01-01X,\n",
		     &o, RELMAP_EDATA,
		     "2:3: column 3 ('channel'): unknown channel 'Task'\n"
		     "2:4: column 4 ('date'): not a date (YYYY-MM-DD): '2026-02-30'\n"
		     "2:5: column 5 ('sentiment'): unknown sentiment 'great'\n"
		     "3:1: column 1 ('member'): empty member id\n"
		     "3:2: column 2 ('person'): empty person id\n"
		     "4:3: column 3 ('channel'): empty channel\n"
		     "4:4: column 4 ('date'): empty date\n"
		     "5:4: column 4 ('date'): not a date (YYYY-MM-DD): '2026/01/01'\n"
		     "6:4: column 4 ('date'): not a date (YYYY-MM-DD): '2026-01-01X'\n");
	expect_edges("member,person,strength\n"
		     "u1,p1,1.5\n"
		     "u1,p1,high\n",
		     &o, RELMAP_EDATA,
		     "2:3: column 3 ('strength'): strength must be a number from 0 to 1, not '1.5'\n"
		     "3:3: column 3 ('strength'): strength must be a number from 0 to 1, not 'high'\n");
	expect_edges("member,person,channel\nu1,p1,call\n", &o, RELMAP_EDATA,
		     "1:0: a touchpoint needs both a channel and a date column: no date column\n");
	expect_edges("member,person,sentiment\nu1,p1,good\n", &o, RELMAP_EDATA,
		     "1:0: member and person columns but no strength column (coverage) nor channel and date columns (touchpoints)\n");
	relmap_csv_options none = RELMAP_CSV_OPTIONS_INIT;
	expect_edges("member,person,strength\nu1,p1,1\n", &none, RELMAP_EDATA,
		     "1:0: no account column (expected 'account'): give the account with --account ID or map a column with account=COLUMN\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_csv__salesforce_bom_crlf_ragged_rows_are_errors),
		cmocka_unit_test(load_csv__salesforce_ragged_rows_padded),
		cmocka_unit_test(load_csv__hubspot_preset),
		cmocka_unit_test(load_csv__dynamics_preset_manager_by_name),
		cmocka_unit_test(load_csv__orgchart_with_map_and_account),
		cmocka_unit_test(load_csv__no_preset_uses_field_names),
		cmocka_unit_test(load_csv__map_overrides_preset),
		cmocka_unit_test(load_csv__map_parse_and_preset_parse),
		cmocka_unit_test(load_csv__header_exact_match_before_case_insensitive),
		cmocka_unit_test(load_csv__derived_ids_stable_and_unique),
		cmocka_unit_test(load_csv__multiple_accounts),
		cmocka_unit_test(load_csv__embedded_commas_quotes_newlines),
		cmocka_unit_test(load_csv__bom_and_crlf),
		cmocka_unit_test(load_csv__ragged_pad_and_truncate),
		cmocka_unit_test(load_csv__role_vocabulary),
		cmocka_unit_test(load_csv__attitude_vocabulary_and_ratings),
		cmocka_unit_test(load_csv__value_errors),
		cmocka_unit_test(load_csv__header_errors),
		cmocka_unit_test(load_csv__malformed_csv),
		cmocka_unit_test(load_csv__reports_to_errors_and_cycle),
		cmocka_unit_test(load_csv__error_limit),
		cmocka_unit_test(load_csv__chunk_boundaries_and_file_agree),
		cmocka_unit_test(load_csv__missing_file),
		cmocka_unit_test(load_csv__coverage_file),
		cmocka_unit_test(load_csv__touchpoint_file_vocabulary_and_dates),
		cmocka_unit_test(load_csv__edges_both_kinds_in_one_file),
		cmocka_unit_test(load_csv__edges_errors),
		cmocka_unit_test(load_csv__recognised_columns_orgchart),
		cmocka_unit_test(load_csv__recognition_after_map_and_preset),
		cmocka_unit_test(load_csv__report_export_account_rows),
		cmocka_unit_test(load_csv__explain_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
