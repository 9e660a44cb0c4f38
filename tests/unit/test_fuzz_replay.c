/*
 * test_fuzz_replay - the libFuzzer targets' code (fuzz/fuzz_*.c) run on
 * their seed corpora and on every input a fuzzer ever crashed on
 * (tests/data/fuzz-regressions/<target>/), without clang or libFuzzer.
 * The ASan+UBSan run of the suite (make test) is where a regression of
 * a fixed crash, leak or undefined behaviour shows; a plain run catches
 * crashes only.  The inputs are in the targets' format: option bytes
 * first (tests/data/fuzz-regressions/README.md).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput fuzz_xml_one
#include "../../fuzz/fuzz_xml.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_style_one
#include "../../fuzz/fuzz_style.c"
#undef LLVMFuzzerTestOneInput

typedef int (*target_fn)(const uint8_t *, size_t);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run `fn` on every file of `dir` (in name order); the number run. */
static size_t replay(const char *dir, target_fn fn)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
			assert_non_null(names);
		}
		names[n] = strdup(e->d_name);
		assert_non_null(names[n]);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		long len = ftell(f);
		assert_true(len >= 0);
		rewind(f);
		uint8_t *buf = malloc(len ? (size_t)len : 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
		fclose(f);
		assert_int_equal(fn(buf, (size_t)len), 0);
		free(buf);
		free(names[i]);
	}
	free(names);
	return n;
}

/* Seeds: all there (fuzz/make-corpus.sh writes a few dozen each). */
static void replay__seed_corpora(void **state)
{
	(void)state;
	assert_true(replay("../../fuzz/corpus/fuzz_xml", fuzz_xml_one) >= 20);
	assert_true(replay("../../fuzz/corpus/fuzz_csv", fuzz_csv_one) >= 10);
	assert_true(replay("../../fuzz/corpus/fuzz_style", fuzz_style_one) >= 10);
}

static void replay__regressions(void **state)
{
	(void)state;
	replay("fuzz-regressions/fuzz_xml", fuzz_xml_one);
	replay("fuzz-regressions/fuzz_csv", fuzz_csv_one);
	replay("fuzz-regressions/fuzz_style", fuzz_style_one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay__seed_corpora),
		cmocka_unit_test(replay__regressions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
