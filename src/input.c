/* input.c - see input.h. */
#define _POSIX_C_SOURCE 200809L
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int input_open(input_file *in, const char *path, relmap_diags *diags)
{
	in->is_stdin = strcmp(path, "-") == 0;
	in->name = in->is_stdin ? "<stdin>" : path;
	in->fd = in->is_stdin ? STDIN_FILENO
			      : open(path, O_RDONLY | O_CLOEXEC);
	in->size = SIZE_MAX;
	int err = in->fd < 0 ? errno : 0;
	struct stat st;
	if (!err && fstat(in->fd, &st) != 0)
		err = errno;
	if (!err && S_ISDIR(st.st_mode))
		err = EISDIR;
	if (err) {
		char eb[128] = "cannot open";
		strerror_r(err, eb, sizeof(eb));
		relmap_diags_add(diags, RELMAP_SEVERITY_ERROR, in->name, 0, 0,
				 "cannot open: %s", eb);
		input_close(in);
		return RELMAP_ENOENT;
	}
	if (S_ISREG(st.st_mode))
		in->size = (size_t)st.st_size;
	return 0;
}

void input_close(input_file *in)
{
	if (in->fd >= 0 && !in->is_stdin)
		close(in->fd);
	in->fd = -1;
}

long input_next_chunk(input_source *src, char *buf, const char **chunk)
{
	if (src->fd < 0) {
		size_t n = src->len - src->off;
		if (n > INPUT_CHUNK_SIZE)
			n = INPUT_CHUNK_SIZE;
		*chunk = src->data + src->off;
		src->off += n;
		return (long)n;
	}
	size_t got = 0;
	*chunk = buf;
	while (got < INPUT_CHUNK_SIZE) {
		ssize_t n = read(src->fd, buf + got, INPUT_CHUNK_SIZE - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (long)got;
}
