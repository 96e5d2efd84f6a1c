/*
 * Reading inputs, bounded: the one piece of the base that reports
 * (diag.c), kept apart from util.c so that the base's files use each other
 * one way: util.c <- escape.c <- diag.c <- io.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

/*
 * Reads a whole regular file (or standard input for "-") into memory.
 * FIFOs and devices are refused rather than read: a nightly job pointed at
 * the wrong path must not hang.  Reports its own error and returns -1.
 */
int
read_file(struct run *r, const char *path, size_t max, unsigned char **data,
    size_t *len)
{
	struct buf	 b = { 0 };

	*data = NULL;
	*len = 0;
	if (read_file_buf(r, path, max, &b) != 0) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*data = (unsigned char *)buf_take(&b);
	return 0;
}

int
read_file_buf(struct run *r, const char *path, size_t max, struct buf *out)
{
	struct stat	 st;
	struct buf	 b = *out;
	int		 fd, rc = -1;
	char		 chunk[65536];
	ssize_t		 n;

	b.len = 0;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		diag_error(r, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fd != STDIN_FILENO) {
		if (fstat(fd, &st) == -1) {
			diag_error(r, path, 0,
			    "cannot stat: %s", strerror(errno));
			goto out;
		}
		if (!S_ISREG(st.st_mode)) {
			diag_error(r, path, 0,
			    "not a regular file (FIFO, device "
			    "or socket); refusing to read it");
			goto out;
		}
		if ((size_t)st.st_size > max) {
			diag_error(r, path, 0,
			    "file is %lld bytes, more than the "
			    "limit of %zu (raise it with --max-input-size)",
			    (long long)st.st_size, max);
			goto out;
		}
		/* Regular file: blocking reads are fine. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		/* Its size known: one allocation, not a doubling series. */
		if (b.cap < (size_t)st.st_size + 1) {
			b.cap = (size_t)st.st_size + 1;
			b.data = xreallocarray(b.data, b.cap, 1);
		}
	}
	for (;;) {
		/* Straight into the buffer while it has room (a regular
		 * file's size is known); through chunk otherwise. */
		char	*to = chunk;
		size_t	 room = sizeof(chunk);

		if (b.cap - b.len > sizeof(chunk)) {
			to = b.data + b.len;
			room = b.cap - b.len - 1;
		}
		n = read(fd, to, room);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			diag_error(r, path, 0,
			    "read error: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			diag_error(r, path, 0, "input exceeds the limit of %zu "
			    "bytes (raise it with --max-input-size)",
			    max);
			goto out;
		}
		if (to == chunk)
			buf_add(&b, chunk, (size_t)n);
		else {
			b.len += (size_t)n;
			b.data[b.len] = '\0';
		}
	}
	rc = 0;
 out:
	if (b.data == NULL) {
		b.cap = 1;
		b.data = xmalloc(b.cap);
	}
	b.data[b.len] = '\0';
	*out = b;
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
