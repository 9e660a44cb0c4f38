/* test_render_style.c - how the layers of a person's style combine. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "relmap/relmap.h"
#include "render_internal.h"

static relmap_style *load(const char *sheet)
{
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_style *st = NULL;
	assert_int_equal(relmap_style_load_memory(&st, sheet, strlen(sheet),
						  "t.xml", &d), 0);
	relmap_diags_free(&d);
	return st;
}

static void render_style__role_fill_and_attitude_dash_both_apply(void **state)
{
	(void)state;
	char s[256];
	relmap_style *st = load(
		"<relmap-style version=\"1\">"
		"<attitude value=\"skeptic\" style=\"dashed\"/>"
		"<attitude value=\"neutral\" style=\"filled, dotted\"/>"
		"<gap style=\"bold\"/>"
		"</relmap-style>");
	/* The default role styles: "filled", unknown "rounded,filled". */
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_BLOCKER,
			    RELMAP_ATTITUDE_SKEPTIC, 0);
	assert_string_equal(s, "filled,dashed");
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_UNKNOWN,
			    RELMAP_ATTITUDE_SKEPTIC, 0);
	assert_string_equal(s, "rounded,filled,dashed");
	/* A feature is not repeated; blanks around features go. */
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_UNKNOWN,
			    RELMAP_ATTITUDE_NEUTRAL, 0);
	assert_string_equal(s, "rounded,filled,dotted");
	/* The gap's line style replaces the attitude's. */
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_BLOCKER,
			    RELMAP_ATTITUDE_NEUTRAL, 1);
	assert_string_equal(s, "filled,bold");
	/* No gap: the gap layer does not count. */
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_BLOCKER,
			    RELMAP_ATTITUDE_CHAMPION, 0);
	assert_string_equal(s, "filled");
	relmap_style_free(st);
}

static void render_style__person_style_stands_when_the_role_sets_none(void **state)
{
	(void)state;
	char s[256];
	relmap_style *st = load(
		"<relmap-style version=\"1\">"
		"<person style=\"filled,dashed\"/>"
		"<role value=\"user\" style=\"\"/>"
		"<attitude value=\"opponent\" style=\"solid\"/>"
		"</relmap-style>");
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_USER,
			    RELMAP_ATTITUDE_UNKNOWN, 0);
	assert_string_equal(s, "filled,dashed");
	render_person_style(s, sizeof(s), st, RELMAP_ROLE_USER,
			    RELMAP_ATTITUDE_OPPONENT, 0);
	assert_string_equal(s, "filled,solid");
	/* Too small a buffer never overflows. */
	char tiny[4];
	render_person_style(tiny, sizeof(tiny), st, RELMAP_ROLE_USER,
			    RELMAP_ATTITUDE_OPPONENT, 0);
	assert_true(strlen(tiny) < sizeof(tiny));
	relmap_style_free(st);
}

static void render_style__builtin_themes_resolve_by_name(void **state)
{
	(void)state;
	static const char *const names[] = { "print", "dark", "colorblind" };
	for (size_t i = 0; i < 3; i++) {
		relmap_diags d = RELMAP_DIAGS_INIT;
		relmap_style *st = NULL;
		/* A style path without them: they are compiled in. */
		setenv("RELMAP_STYLE_PATH", "/nonexistent-relmap-dir", 1);
		assert_int_equal(relmap_style_load(&st, names[i], &d), 0);
		assert_int_equal(d.count, 0); /* not even a contrast warning */
		assert_non_null(strstr(st->name, names[i]));
		assert_non_null(strstr(st->name, "built in"));
		relmap_style_free(st);
		relmap_diags_free(&d);
	}
	unsetenv("RELMAP_STYLE_PATH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render_style__role_fill_and_attitude_dash_both_apply),
		cmocka_unit_test(render_style__person_style_stands_when_the_role_sets_none),
		cmocka_unit_test(render_style__builtin_themes_resolve_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
