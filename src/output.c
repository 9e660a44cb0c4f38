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

/* Where a write to `path` (not standard output) goes: *target is the file
 * to write (a symlink resolved, so the link stays), *special set for an
 * existing file that is not a regular one, else *mode is the mode the new
 * file gets (the old file's, or 0666 less the umask).  Returns 0,
 * RELMAP_ENOMEM or RELMAP_EOUTPUT (with a message). */
static int resolve(char **target, int *special, mode_t *mode,
		   const char *path, relmap_diags *d)
{
	struct stat st;
	char *t = NULL;

	*special = 0;
	/* Write through a symlink to its target, keeping the link. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		t = realpath(path, NULL);
		if (!t && errno != ENOENT) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
					 "cannot resolve link: %s",
					 strerror(errno));
			return RELMAP_EOUTPUT;
		}
	}
	if (!t && !(t = strdup(path)))
		return RELMAP_ENOMEM;
	if (stat(t, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
					 "cannot write: is a directory");
			free(t);
			return RELMAP_EOUTPUT;
		}
		if (!S_ISREG(st.st_mode))
			*special = 1;
		*mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		*mode = 0666 & ~mask;
	}
	*target = t;
	return 0;
}

/* A new temporary file beside `target`, open for writing in *fd; its name
 * in *tmp.  Returns 0, RELMAP_ENOMEM or RELMAP_EOUTPUT (with a message). */
static int make_temp(char **tmp, int *fd, const char *target,
		     const char *path, relmap_diags *d)
{
	const char *slash = strrchr(target, '/');
	size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dirlen;
	size_t tlen = dirlen + 1 + strlen(base) + 8;
	char *t = malloc(tlen);
	if (!t)
		return RELMAP_ENOMEM;
	snprintf(t, tlen, "%.*s.%s.XXXXXX", (int)dirlen, target, base);
	*fd = mkstemp(t);
	if (*fd < 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
				 "cannot create: %s", strerror(errno));
		free(t);
		return RELMAP_EOUTPUT;
	}
	*tmp = t;
	return 0;
}

int relmap_output_write(const char *path, const void *data, size_t len,
			relmap_diags *d)
{
	if (!path || strcmp(path, "-") == 0)
		return write_stdout(data, len, d);

	int rc = 0, special;
	char *target = NULL, *tmp = NULL;
	int fd = -1;
	mode_t mode;

	if ((rc = resolve(&target, &special, &mode, path, d)))
		goto out;
	if (special) {
		rc = write_special(target, data, len, d);
		goto out;
	}
	if ((rc = make_temp(&tmp, &fd, target, path, d)))
		goto out;
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

struct relmap_output {
	FILE *f;
	char *path;   /* as given, for messages; NULL for standard output */
	char *target; /* the file renamed over on commit; NULL if written in place */
	char *tmp;    /* the temporary file beside it */
	mode_t mode;
};

int relmap_output_open(relmap_output **out, FILE **f, const char *path,
		       relmap_diags *d)
{
	relmap_output *o = calloc(1, sizeof(*o));
	int rc = 0, special, fd = -1;
	if (!o)
		return RELMAP_ENOMEM;
	if (!path || strcmp(path, "-") == 0) {
		/* What relmap_output_write wrote unbuffered goes first. */
		fflush(stdout);
		o->f = stdout;
		goto done;
	}
	if (!(o->path = strdup(path))) {
		rc = RELMAP_ENOMEM;
		goto fail;
	}
	if ((rc = resolve(&o->target, &special, &o->mode, path, d)))
		goto fail;
	if (special) {
		fd = open(o->target, O_WRONLY | O_TRUNC | O_CLOEXEC);
		free(o->target);
		o->target = NULL;
		if (fd < 0) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, path, 0, 0,
					 "cannot open for writing: %s",
					 strerror(errno));
			rc = RELMAP_EOUTPUT;
			goto fail;
		}
	} else if ((rc = make_temp(&o->tmp, &fd, o->target, path, d))) {
		goto fail;
	}
	if (!(o->f = fdopen(fd, "w"))) {
		rc = RELMAP_ENOMEM;
		goto fail;
	}
done:
	*out = o;
	*f = o->f;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	free(o->path);
	free(o);
	return rc;
}

int relmap_output_close(relmap_output *o, int commit, relmap_diags *d)
{
	if (!o)
		return 0;
	int rc = 0;
	const char *name = o->path ? o->path : "<stdout>";
	if (o->f == stdout) {
		if ((fflush(stdout) != 0 || ferror(stdout)) && commit) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, name, 0, 0,
					 "cannot write: %s", strerror(errno));
			rc = RELMAP_EIO;
		}
		clearerr(stdout);
		goto out;
	}
	if (commit && o->tmp && fchmod(fileno(o->f), o->mode) != 0) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, name, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
	}
	/* fclose flushes: its error is a write error. */
	int failed = ferror(o->f);
	if ((fclose(o->f) != 0 || failed) && commit && !rc) {
		relmap_diags_add(d, RELMAP_SEVERITY_ERROR, name, 0, 0,
				 "cannot write: %s", strerror(errno));
		rc = RELMAP_EIO;
	}
	if (commit && !rc && o->tmp) {
		if (rename(o->tmp, o->target) != 0) {
			relmap_diags_add(d, RELMAP_SEVERITY_ERROR, name, 0, 0,
					 "cannot replace: %s", strerror(errno));
			rc = RELMAP_EOUTPUT;
		} else {
			free(o->tmp);
			o->tmp = NULL;
		}
	}
	if (o->tmp)
		unlink(o->tmp);
out:
	free(o->tmp);
	free(o->target);
	free(o->path);
	free(o);
	return rc;
}
