/* output.c - atomic output: temporary file in the target's directory, then
 * rename, so an error never leaves a partial file behind. */
#define _XOPEN_SOURCE 700
#include "relmap/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_stdout(const void *data, size_t len, relmap_diags *d)
{
	fflush(stdout);
	if (write_all(STDOUT_FILENO, data, len) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, "<stdout>", 0, 0,
				 "cannot write: %s", strerror(errno));
		return RELMAP_EIO;
	}
	return 0;
}

/* An existing non-regular file (device, pipe, socket) is written in place:
 * renaming over /dev/null would be wrong. */
static int write_special(const char *path, const void *data, size_t len,
			 relmap_diags *d)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot open for writing: %s",
				 strerror(errno));
		return RELMAP_EOUTPUT;
	}
	int rc = 0;
	if (write_all(fd, data, len) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
	}
	if (close(fd) != 0 && rc == 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
	}
	return rc;
}

int relmap_output_write(const char *path, const void *data, size_t len,
			relmap_diags *d)
{
	if (!path || strcmp(path, "-") == 0)
		return write_stdout(data, len, d);

	int rc = 0;
	char *target = NULL, *tmp = NULL;
	int fd = -1;
	struct stat st;
	mode_t mode;

	/* Write through a symlink to its target, keeping the link. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (!target && errno != ENOENT) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
					 "cannot resolve link: %s",
					 strerror(errno));
			rc = RELMAP_EOUTPUT;
			goto out;
		}
	}
	if (!target && !(target = strdup(path))) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	if (stat(target, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
					 "cannot write: is a directory");
			rc = RELMAP_EOUTPUT;
			goto out;
		}
		if (!S_ISREG(st.st_mode)) {
			rc = write_special(target, data, len, d);
			goto out;
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}

	const char *slash = strrchr(target, '/');
	size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dirlen;
	size_t tlen = dirlen + 1 + strlen(base) + 8;
	if (!(tmp = malloc(tlen))) {
		rc = RELMAP_ENOMEM;
		goto out;
	}
	snprintf(tmp, tlen, "%.*s.%s.XXXXXX", (int)dirlen, target, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot create: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		rc = RELMAP_EOUTPUT;
		goto out;
	}
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
		goto out;
	}
	int c = close(fd);
	fd = -1;
	if (c != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
		goto out;
	}
	if (rename(tmp, target) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot replace: %s", strerror(errno));
		rc = RELMAP_EOUTPUT;
		goto out;
	}
	free(tmp);
	tmp = NULL;
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(target);
	return rc;
}
