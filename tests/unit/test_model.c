/* test_model.c - enum names, dates, documents and diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "relmap/relmap.h"

static void model__dates_round_trip_over_calendar(void **state)
{
	(void)state;
	char buf[11];
	int32_t d;
	assert_int_equal(relmap_date_parse(&d, "1970-01-01"), 0);
	assert_int_equal(d, 0);
	assert_int_equal(relmap_date_parse(&d, "2026-11-01"), 0);
	assert_int_equal(d, 20758); /* python: (date(2026,11,1)-date(1970,1,1)).days */
	/* every day from 1900 to 2100 formats back to itself */
	int32_t start, end;
	relmap_date_parse(&start, "1900-01-01");
	relmap_date_parse(&end, "2100-12-31");
	for (int32_t x = start; x <= end; x++) {
		relmap_date_format(buf, x);
		assert_int_equal(relmap_date_parse(&d, buf), 0);
		assert_int_equal(d, x);
	}
}

static void model__dates_reject_impossible_days(void **state)
{
	(void)state;
	int32_t d;
	assert_int_equal(relmap_date_parse(&d, "2024-02-29"), 0);
	assert_int_equal(relmap_date_parse(&d, "2023-02-29"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "1900-02-29"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "2000-02-29"), 0);
	assert_int_equal(relmap_date_parse(&d, "2026-13-01"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "2026-04-31"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "2026-1-01"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "2026-01-01T"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, "0000-01-01"), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, ""), RELMAP_EDATA);
	assert_int_equal(relmap_date_parse(&d, NULL), RELMAP_EDATA);
}

static void model__enum_names_parse_back(void **state)
{
	(void)state;
	for (int r = 0; r < RELMAP_ROLE_COUNT; r++) {
		relmap_role back;
		assert_int_equal(relmap_role_parse(&back, relmap_role_name((relmap_role)r)), 0);
		assert_int_equal(back, r);
	}
	for (int a = 0; a < RELMAP_ATTITUDE_COUNT; a++) {
		relmap_attitude back;
		assert_int_equal(relmap_attitude_parse(&back, relmap_attitude_name((relmap_attitude)a)), 0);
		assert_int_equal(back, a);
	}
	relmap_role r;
	assert_int_equal(relmap_role_parse(&r, "Decision-Maker"), RELMAP_EDATA);
	relmap_stage s;
	assert_int_equal(relmap_stage_parse(&s, "churn-risk"), 0);
	assert_int_equal(s, RELMAP_STAGE_CHURN_RISK);
	assert_null(relmap_stage_name(RELMAP_STAGE_NONE));
	assert_int_equal(relmap_stage_parse(&s, ""), RELMAP_EDATA);
	relmap_channel c;
	assert_int_equal(relmap_channel_parse(&c, "social"), 0);
	assert_string_equal(relmap_channel_name(c), "social");
	assert_null(relmap_channel_name(RELMAP_CHANNEL_COUNT));
}

static void model__document_grows_and_finds_accounts(void **state)
{
	(void)state;
	relmap_document *doc = document_new("x.xml");
	assert_non_null(doc);
	for (int i = 0; i < 100; i++) {
		relmap_account *a = document_add_account(doc);
		assert_non_null(a);
		char id[16];
		snprintf(id, sizeof(id), "a%d", i);
		a->id = arena_strdup(document_arena(doc), id);
		for (int k = 0; k < 50; k++) {
			relmap_person *p = document_add_person(doc, a);
			assert_non_null(p);
			p->id = a->id;
			p->manager = -1;
		}
	}
	assert_int_equal(doc->n_accounts, 100);
	const relmap_account *f = relmap_document_find_account(doc, "a42");
	assert_non_null(f);
	assert_int_equal(f->n_persons, 50);
	assert_null(relmap_document_find_account(doc, "zz"));
	assert_string_equal(doc->path, "x.xml");
	relmap_document_free(doc);
	relmap_document_free(NULL);
}

static void model__diags_keep_limit_and_count_rest(void **state)
{
	(void)state;
	relmap_diags d;
	relmap_diags_init(&d, 3);
	for (int i = 0; i < 5; i++)
		relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f.xml", i + 1, 2,
				 "problem %d", i);
	relmap_diags_add(&d, RELMAP_SEVERITY_WARNING, NULL, 0, 0, "w");
	assert_int_equal(d.count, 4);
	assert_int_equal(d.errors, 5);
	assert_int_equal(d.suppressed, 2);
	assert_true(relmap_diags_full(&d));
	assert_string_equal(d.items[2].message, "problem 2");
	assert_int_equal(d.items[2].line, 3);
	assert_null(d.items[3].file);
	relmap_diags_free(&d);
	assert_int_equal(d.count, 0);
	assert_int_equal(d.limit, 3);
}

static void model__diags_sort_is_stable_by_position(void **state)
{
	(void)state;
	relmap_diags d;
	relmap_diags_init(&d, 0);
	relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f", 9, 9, "first");
	relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f", 5, 2, "b");
	relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f", 3, 7, "c1");
	relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f", 5, 1, "a");
	relmap_diags_add(&d, RELMAP_SEVERITY_ERROR, "f", 3, 7, "c2");
	assert_int_equal(relmap_diags_sort(&d, 1), 0);
	const char *want[] = { "first", "c1", "c2", "a", "b" };
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(d.items[i].message, want[i]);
	assert_int_equal(relmap_diags_sort(&d, 5), 0); /* nothing to sort */
	assert_int_equal(relmap_diags_sort(&d, 99), 0);
	relmap_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model__dates_round_trip_over_calendar),
		cmocka_unit_test(model__dates_reject_impossible_days),
		cmocka_unit_test(model__enum_names_parse_back),
		cmocka_unit_test(model__document_grows_and_finds_accounts),
		cmocka_unit_test(model__diags_keep_limit_and_count_rest),
		cmocka_unit_test(model__diags_sort_is_stable_by_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
