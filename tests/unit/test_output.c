/* test_output.c - atomic writes: whole file or old file, never a part. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relmap/output.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/relmap-output-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int count_entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void output__replaces_file_and_keeps_mode(void **state)
{
	(void)state;
	char path[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	snprintf(path, sizeof(path), "%s/map.svg", dir);
	assert_int_equal(relmap_output_write(path, "old", 3, &d), 0);
	chmod(path, 0640);
	assert_int_equal(relmap_output_write(path, "new!", 4, &d), 0);
	assert_string_equal(slurp(path), "new!");
	struct stat st;
	stat(path, &st);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_entries(), 1); /* no temporary left */
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
}

static void output__missing_directory_is_cannot_create(void **state)
{
	(void)state;
	char path[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	snprintf(path, sizeof(path), "%s/no/such/map.svg", dir);
	assert_int_equal(relmap_output_write(path, "x", 1, &d), RELMAP_EOUTPUT);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.items[0].message,
			    "cannot create: No such file or directory");
	relmap_diags_free(&d);
}

static void output__directory_target_is_refused(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_output_write(dir, "x", 1, &d), RELMAP_EOUTPUT);
	assert_string_equal(d.items[0].message, "cannot write: is a directory");
	relmap_diags_free(&d);
}

static void output__dev_null_is_written_not_replaced(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	assert_int_equal(relmap_output_write("/dev/null", "x", 1, &d), 0);
	struct stat st;
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	relmap_diags_free(&d);
}

static void output__full_device_is_io_error(void **state)
{
	(void)state;
	relmap_diags d = RELMAP_DIAGS_INIT;
	if (access("/dev/full", W_OK) != 0)
		skip();
	assert_int_equal(relmap_output_write("/dev/full", "x", 1, &d), RELMAP_EIO);
	relmap_diags_free(&d);
}

static void output__writes_through_symlink(void **state)
{
	(void)state;
	char target[128], link[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	snprintf(target, sizeof(target), "%s/real.svg", dir);
	snprintf(link, sizeof(link), "%s/link.svg", dir);
	assert_int_equal(relmap_output_write(target, "a", 1, &d), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(relmap_output_write(link, "bb", 2, &d), 0);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(target), "bb");
	relmap_diags_free(&d);
}

/* The streaming writer: the old content stays until the commit, the mode
 * is kept, and nothing else is left in the directory. */
static void output__stream_commits_whole_file(void **state)
{
	(void)state;
	char path[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_output *o = NULL;
	FILE *f = NULL;
	snprintf(path, sizeof(path), "%s/report.json", dir);
	assert_int_equal(relmap_output_write(path, "old", 3, &d), 0);
	chmod(path, 0640);
	assert_int_equal(relmap_output_open(&o, &f, path, &d), 0);
	fputs("new ", f);
	fflush(f);
	assert_string_equal(slurp(path), "old"); /* not yet */
	fputs("report", f);
	assert_int_equal(relmap_output_close(o, 1, &d), 0);
	assert_string_equal(slurp(path), "new report");
	struct stat st;
	stat(path, &st);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_entries(), 1);
	assert_int_equal(d.count, 0);
	relmap_diags_free(&d);
}

static void output__stream_without_commit_leaves_target(void **state)
{
	(void)state;
	char path[128], fresh[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_output *o = NULL;
	FILE *f = NULL;
	snprintf(path, sizeof(path), "%s/report.json", dir);
	snprintf(fresh, sizeof(fresh), "%s/fresh.json", dir);
	assert_int_equal(relmap_output_write(path, "old", 3, &d), 0);
	assert_int_equal(relmap_output_open(&o, &f, path, &d), 0);
	fputs("half a rep", f);
	assert_int_equal(relmap_output_close(o, 0, &d), 0);
	assert_string_equal(slurp(path), "old");
	assert_int_equal(relmap_output_open(&o, &f, fresh, &d), 0);
	fputs("half", f);
	assert_int_equal(relmap_output_close(o, 0, &d), 0);
	assert_int_equal(count_entries(), 1); /* no fresh.json, no temporary */
	assert_int_equal(d.count, 0);
	assert_int_equal(relmap_output_close(NULL, 1, &d), 0);
	relmap_diags_free(&d);
}

static void output__stream_errors_are_the_same(void **state)
{
	(void)state;
	char path[128];
	relmap_diags d = RELMAP_DIAGS_INIT;
	relmap_output *o = NULL;
	FILE *f = NULL;
	snprintf(path, sizeof(path), "%s/no/such/r.json", dir);
	assert_int_equal(relmap_output_open(&o, &f, path, &d), RELMAP_EOUTPUT);
	assert_string_equal(d.items[0].message,
			    "cannot create: No such file or directory");
	assert_int_equal(relmap_output_open(&o, &f, dir, &d), RELMAP_EOUTPUT);
	assert_string_equal(d.items[1].message, "cannot write: is a directory");
	if (access("/dev/full", W_OK) == 0) {
		assert_int_equal(relmap_output_open(&o, &f, "/dev/full", &d), 0);
		fputs("x", f);
		assert_int_equal(relmap_output_close(o, 1, &d), RELMAP_EIO);
		assert_string_equal(d.items[2].message,
				    "cannot write: No space left on device");
	}
	relmap_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(output__replaces_file_and_keeps_mode, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(output__missing_directory_is_cannot_create, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(output__directory_target_is_refused, make_dir, remove_dir),
		cmocka_unit_test(output__dev_null_is_written_not_replaced),
		cmocka_unit_test(output__full_device_is_io_error),
		cmocka_unit_test_setup_teardown(output__writes_through_symlink, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(output__stream_commits_whole_file, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(output__stream_without_commit_leaves_target, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(output__stream_errors_are_the_same, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
