/* test_page.c - page sizes and lengths for --page and --margin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "relmap/relmap.h"

static void check_page(const char *spec, double w, double h)
{
	double pw = -1, ph = -1;
	assert_int_equal(relmap_page_parse(&pw, &ph, spec), 0);
	assert_float_equal(pw, w, 0.01);
	assert_float_equal(ph, h, 0.01);
}

static void test_page__names_are_slide_and_paper_sizes(void **state)
{
	(void)state;
	check_page("16:9", 960, 540);
	check_page("4:3", 720, 540);
	check_page("16:10", 864, 540);
	check_page("A4", 841.89, 595.28);
	check_page("a4-portrait", 595.28, 841.89);
	check_page("a3", 1190.55, 841.89);
	check_page("letter", 792, 612);
	check_page("Letter-Portrait", 612, 792);
}

static void test_page__wxh_takes_one_or_two_units(void **state)
{
	(void)state;
	check_page("1920x1080px", 1440, 810);
	check_page("10x7.5in", 720, 540);
	check_page("20cmx4in", 566.93, 288);
	check_page("300X200mm", 850.39, 566.93);
	check_page("960x540pt", 960, 540);
}

static void test_page__rejects_what_it_cannot_read(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "16:8", "10x7", "x7in", "10xin", "10x7furlong", "-10x7in",
		"0x7in", "0.5x7in", "300x7in", "inf x7in", "nanx7in",
		"0x10x7in", "10x7in ", " 10x7in", "1e400x7in", "a5",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double w = -1, h = -1;
		assert_int_equal(relmap_page_parse(&w, &h, bad[i]),
				 RELMAP_EUSAGE);
		assert_true(w == -1 && h == -1);
	}
	double w, h;
	assert_int_equal(relmap_page_parse(&w, &h, NULL), RELMAP_EUSAGE);
}

static void test_page__length_needs_a_unit(void **state)
{
	(void)state;
	double p = -1;
	assert_int_equal(relmap_length_parse(&p, "0.25in"), 0);
	assert_float_equal(p, 18, 1e-9);
	assert_int_equal(relmap_length_parse(&p, "10mm"), 0);
	assert_float_equal(p, 28.3465, 1e-3);
	assert_int_equal(relmap_length_parse(&p, "12"), RELMAP_EUSAGE);
	assert_int_equal(relmap_length_parse(&p, "12parsec"), RELMAP_EUSAGE);
	assert_int_equal(relmap_length_parse(&p, "-3pt"), RELMAP_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page__names_are_slide_and_paper_sizes),
		cmocka_unit_test(test_page__wxh_takes_one_or_two_units),
		cmocka_unit_test(test_page__rejects_what_it_cannot_read),
		cmocka_unit_test(test_page__length_needs_a_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
