/*
 * PDF statements, read with poppler-glib in a child process.
 *
 * A PDF is the most complex input the tool reads, and poppler is a large
 * C++ parser fed by strangers.  So the parse runs in a forked child with
 * limits on CPU time and address space; the parent waits with a
 * wall-clock timeout.  The child sends back, over a pipe, each page's
 * text and the boxes of its words; a crash, a limit hit or a hang becomes
 * an input error for this statement, never a dead or stuck run.  What the
 * child sends is checked like any other hostile input.
 *
 * Fingerprints are found per line of each page's text, and wrapped ones
 * are rebuilt from the word boxes: real statements put each fingerprint
 * in a narrow table cell, so the pieces sit stacked in one column with
 * other columns' text between them in reading order.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <poppler.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

struct pdf_limits pdf_limits = {
	60,				/* CPU seconds */
	2ULL * 1024 * 1024 * 1024,	/* 2 GiB */
	120				/* wall-clock seconds */
};

/*
 * poppler is loaded by the child only (dlopen): linked into the binary,
 * its C++ library and some forty dependencies were relocated at the
 * start of every run, PDF or not, some 15 ms of each.  The header is
 * still the source of the functions' types.
 */
#ifndef POPPLER_GLIB_SONAME
#define POPPLER_GLIB_SONAME	"libpoppler-glib.so.8"
#endif

static struct {
	__typeof__(&poppler_document_new_from_bytes)	 open;
	__typeof__(&poppler_document_get_n_pages)	 n_pages;
	__typeof__(&poppler_document_get_page)		 page;
	__typeof__(&poppler_page_get_text)		 text;
	__typeof__(&poppler_page_get_text_layout)	 layout;
	__typeof__(&poppler_error_quark)		 error_quark;
} pop;

/* NULL on success, else why poppler cannot be used. */
static const char *
poppler_load(void)
{
	void	*h = dlopen(POPPLER_GLIB_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL)
		return dlerror();
	if ((*(void **)&pop.open = dlsym(h,
	    "poppler_document_new_from_bytes")) == NULL ||
	    (*(void **)&pop.n_pages = dlsym(h,
	    "poppler_document_get_n_pages")) == NULL ||
	    (*(void **)&pop.page = dlsym(h,
	    "poppler_document_get_page")) == NULL ||
	    (*(void **)&pop.text = dlsym(h, "poppler_page_get_text")) == NULL ||
	    (*(void **)&pop.layout = dlsym(h,
	    "poppler_page_get_text_layout")) == NULL ||
	    (*(void **)&pop.error_quark = dlsym(h,
	    "poppler_error_quark")) == NULL)
		return "a poppler-glib function is missing";
	return NULL;
}

/* Cap on what the child may send: text and boxes of every page. */
#define PDF_MAX_OUTPUT	(256u * 1024 * 1024)
#define PDF_MAX_PAGES	100000u

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
elapsed_ms(const struct timespec *t0, long *ms)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	*ms = (long)(t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static char *
why_signal(int sig)
{
	struct buf	 b = { 0 };

	if (sig == SIGXCPU)
		buf_printf(&b, "CPU time limit of %u s exceeded",
		    pdf_limits.cpu_seconds);
	else
		buf_printf(&b, "the PDF parser crashed (signal %d, %s)", sig,
		    strsignal(sig));
	return buf_take(&b);
}

/* stmt_run_contained, calling progress(ctx, out) as more arrives. */
static int	 stmt_run_contained_cb(void (*)(void *, int), void *, size_t,
		    struct buf *, char **, void (*)(void *, const struct buf *),
		    void *);

int
stmt_run_contained(void (*fn)(void *, int), void *arg, size_t max,
    struct buf *out, char **why)
{
	return stmt_run_contained_cb(fn, arg, max, out, why, NULL, NULL);
}

static int
stmt_run_contained_cb(void (*fn)(void *, int), void *arg, size_t max,
    struct buf *out, char **why, void (*progress)(void *, const struct buf *),
    void *ctx)
{
	struct timespec	 t0;
	int		 fds[2], status, rc = -1, killed = 0;
	pid_t		 pid;
	char		 chunk[65536];
	struct buf	 msg = { 0 };

	*why = NULL;
	if (pipe(fds) == -1) {
		buf_printf(&msg, "pipe: %s", strerror(errno));
		*why = buf_take(&msg);
		return -1;
	}
	/* Nothing buffered may be written twice. */
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		buf_printf(&msg, "fork: %s", strerror(errno));
		*why = buf_take(&msg);
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		struct rlimit	 rl;
		int		 devnull;

		close(fds[0]);
		/* poppler's memory under its limit: glibc's own ways */
		memory_defaults();
		rl.rlim_cur = pdf_limits.cpu_seconds;
		rl.rlim_max = pdf_limits.cpu_seconds + 1;
		setrlimit(RLIMIT_CPU, &rl);
#ifndef UNDER_ASAN
		/* ASan reserves terabytes of shadow: no limit there. */
		rl.rlim_cur = rl.rlim_max = pdf_limits.as_bytes;
		setrlimit(RLIMIT_AS, &rl);
#endif
		rl.rlim_cur = rl.rlim_max = 0;
		setrlimit(RLIMIT_CORE, &rl);
		setrlimit(RLIMIT_FSIZE, &rl);
		/* poppler's own complaints are not ours to print raw */
		if ((devnull = open("/dev/null", O_WRONLY)) != -1) {
			dup2(devnull, STDERR_FILENO);
			dup2(devnull, STDOUT_FILENO);
			close(devnull);
		}
		fn(arg, fds[1]);
		_exit(0);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd	 pfd = { fds[0], POLLIN, 0 };
		long		 ms;
		ssize_t		 n;
		int		 pr;

		elapsed_ms(&t0, &ms);
		ms = (long)pdf_limits.wall_seconds * 1000 - ms;
		if (ms <= 0) {
			buf_printf(&msg, "gave up after %u s (wall clock): "
			    "the PDF parser hung", pdf_limits.wall_seconds);
			killed = 1;
			break;
		}
		if ((pr = poll(&pfd, 1, (int)(ms > 1000000 ? 1000000 : ms))) ==
		    -1) {
			if (errno == EINTR)
				continue;
			buf_printf(&msg, "poll: %s", strerror(errno));
			killed = 1;
			break;
		}
		if (pr == 0)
			continue;
		if ((n = read(fds[0], chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			buf_printf(&msg, "read: %s", strerror(errno));
			killed = 1;
			break;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max) {
			buf_printf(&msg, "the PDF parser produced more than "
			    "%zu bytes of text", max);
			killed = 1;
			break;
		}
		buf_add(out, chunk, (size_t)n);
		if (progress != NULL)
			progress(ctx, out);
	}
	close(fds[0]);
	if (killed)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			if (msg.len == 0)
				buf_printf(&msg, "waitpid: %s",
				    strerror(errno));
			*why = buf_take(&msg);
			return -1;
		}
	if (!killed && WIFSIGNALED(status)) {
		/* The hard CPU limit ends in SIGKILL after SIGXCPU. */
		*why = why_signal(WTERMSIG(status) == SIGKILL ? SIGXCPU :
		    WTERMSIG(status));
		return -1;
	} else if (!killed && WIFEXITED(status) && WEXITSTATUS(status) != 0)
		buf_printf(&msg, "the PDF parser failed (exit status %d)",
		    WEXITSTATUS(status));
	else if (!killed)
		rc = 0;
	if (rc != 0)
		*why = buf_take(&msg);
	else
		buf_free(&msg);
	return rc;
}

/*
 * What the child sends, in host byte order (same program):
 *   'E' u32 len, message              the document cannot be read
 *   'N' u32 pages
 *   'P' u32 textlen, text, u32 nwords, nwords x struct wire_word
 *   'D'                               done
 */
struct wire_word {
	uint32_t	 off, len, line;
	uint8_t		 first, last, pad[2];
	float		 x0, y0, x1, y1;
};

struct pdf_job {
	const unsigned char	*data;
	size_t			 len;
};

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void
child_error(int fd, const char *msg)
{
	struct buf	 b = { 0 };

	buf_addc(&b, 'E');
	put_u32(&b, (uint32_t)strlen(msg));
	buf_addstr(&b, msg);
	write_all(fd, b.data, b.len);
	buf_free(&b);
}

/*
 * Words of one page.  poppler's text glues neighbouring table cells
 * together ("CN=ISRG Root X196BCEC..."), so words are cut again where the
 * boxes say so: a horizontal gap wider than a third of the glyph height,
 * a jump back, or a change of baseline.  The text sent is rebuilt with a
 * space at each such cut, so that the line scanner sees the words apart.
 */
struct pchar {
	gunichar	 c;
	float		 x0, y0, x1, y1;
	int		 box;		/* has a box */
};

static int
cut_between(const struct pchar *a, const struct pchar *b)
{
	float	 h = a->y1 - a->y0, hb = b->y1 - b->y0, ca, cb;

	if (!a->box || !b->box)
		return 0;
	if (hb > h)
		h = hb;
	if (h <= 0)
		return 0;
	ca = (a->y0 + a->y1) / 2;
	cb = (b->y0 + b->y1) / 2;
	return b->x0 - a->x1 > h / 3 || b->x0 < a->x0 - h / 4 ||
	    ca - cb > h / 2 || cb - ca > h / 2;
}

static void
child_page(PopplerPage *page, struct buf *b)
{
	char		*text = pop.text(page);
	PopplerRectangle *r = NULL;
	guint		 nr = 0;
	struct buf	 words = { 0 }, out = { 0 };
	struct pchar	*pc = NULL;
	size_t		 npc = 0, cap = 0, k, i;
	uint32_t	 nwords = 0, line = 0;
	const char	*p;
	glong		 nchars;

	if (text == NULL)
		text = g_strdup("");
	nchars = g_utf8_strlen(text, -1);
	if (!pop.layout(page, &r, &nr) ||
	    (glong)nr != nchars) {
		/* No boxes to trust: lines only, no stacked pieces. */
		g_free(r);
		r = NULL;
	}
	/* characters with boxes, spaces inserted at the cuts */
	for (p = text, k = 0; *p != '\0'; p = g_utf8_next_char(p), k++) {
		struct pchar	 x;

		x.c = g_utf8_get_char(p);
		x.box = r != NULL;
		if (r != NULL) {
			x.x0 = (float)r[k].x1;
			x.y0 = (float)r[k].y1;
			x.x1 = (float)r[k].x2;
			x.y1 = (float)r[k].y2;
		} else
			x.x0 = x.y0 = x.x1 = x.y1 = 0;
		if (x.c == 0)
			x.c = ' ';
		if (npc + 2 > cap) {
			cap = cap ? cap * 2 : 1024;
			pc = g_realloc_n(pc, cap, sizeof(*pc));
		}
		if (npc > 0 && !g_unichar_isspace(x.c) &&
		    !g_unichar_isspace(pc[npc - 1].c) &&
		    cut_between(&pc[npc - 1], &x)) {
			pc[npc] = x;
			pc[npc].c = ' ';
			pc[npc].box = 0;
			npc++;
		}
		pc[npc++] = x;
	}
	i = 0;
	while (i < npc) {
		struct wire_word w;
		size_t		 start = i, j;
		int		 first = 1;

		if (pc[i].c == '\n') {
			line++;
			buf_addc(&out, '\n');
			i++;
			continue;
		}
		if (g_unichar_isspace(pc[i].c)) {
			buf_addc(&out, ' ');
			i++;
			continue;
		}
		for (j = start; j > 0; j--) {
			if (pc[j - 1].c == '\n')
				break;
			if (!g_unichar_isspace(pc[j - 1].c)) {
				first = 0;
				break;
			}
		}
		memset(&w, 0, sizeof(w));
		w.off = (uint32_t)out.len;
		w.x0 = w.y0 = 1e30f;
		w.x1 = w.y1 = -1e30f;
		for (; i < npc && !g_unichar_isspace(pc[i].c); i++) {
			char	 u[6];
			int	 ul = g_unichar_to_utf8(pc[i].c, u);

			buf_add(&out, u, (size_t)ul);
			if (pc[i].x0 < w.x0) w.x0 = pc[i].x0;
			if (pc[i].y0 < w.y0) w.y0 = pc[i].y0;
			if (pc[i].x1 > w.x1) w.x1 = pc[i].x1;
			if (pc[i].y1 > w.y1) w.y1 = pc[i].y1;
		}
		if (r == NULL)
			w.x0 = w.y0 = w.x1 = w.y1 = 0;
		w.len = (uint32_t)(out.len - w.off);
		w.line = line;
		w.first = (uint8_t)first;
		for (j = i; j < npc && pc[j].c != '\n' &&
		    g_unichar_isspace(pc[j].c); j++)
			;
		w.last = j == npc || pc[j].c == '\n';
		buf_add(&words, &w, sizeof(w));
		nwords++;
	}
	buf_addc(b, 'P');
	put_u32(b, (uint32_t)out.len);
	if (out.len > 0)
		buf_add(b, out.data, out.len);
	put_u32(b, nwords);
	if (words.len > 0)
		buf_add(b, words.data, words.len);
	buf_free(&words);
	buf_free(&out);
	g_free(pc);
	g_free(r);
	g_free(text);
}

/*
 * The grandchild's records (see stmt_pages), kept by the child until its
 * own pages are sent: read between pages, so that the grandchild never
 * waits on a full pipe.
 */
struct relay {
	int		 fd;		/* -1: no grandchild */
	struct buf	 held;
};

/* What the grandchild has written so far; 0 at its end. */
static int
relay_take(struct relay *rl, int wait)
{
	char	 chunk[65536];
	ssize_t	 n;

	if (rl->fd == -1)
		return 0;
	for (;;) {
		struct pollfd pfd = { rl->fd, POLLIN, 0 };
		int	 pr = poll(&pfd, 1, wait ? -1 : 0);

		if (pr == -1 && errno != EINTR)
			_exit(1);
		if (pr == 0)
			return 1;
		if (pr == -1)
			continue;
		if ((n = read(rl->fd, chunk, sizeof(chunk))) == 0)
			return 0;
		if (n == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			_exit(1);
		}
		if (rl->held.len + (size_t)n > PDF_MAX_OUTPUT)
			_exit(1);	/* the parent's bound, met early */
		buf_add(&rl->held, chunk, (size_t)n);
	}
}

/*
 * Pages [from, to) to fd, sent as they are made (a page or a few at a
 * time: the parent scans them meanwhile, and its buffer is the bound).
 * What is left unsent stays in b.
 */
static void
child_pages(int from, int to, void (*page)(void *, int, struct buf *),
    void *ctx, int fd, struct buf *b, struct relay *rl)
{
	int	 i;

	for (i = from; i < to; i++) {
		page(ctx, i, b);
		if (b->len >= 32 * 1024) {
			if (write_all(fd, b->data, b->len) != 0)
				_exit(1);
			b->len = 0;
		}
		if (rl != NULL)
			(void)relay_take(rl, 0);
	}
}

/*
 * Laying out the pages is most of reading a PDF, and one process uses
 * one core: a grandchild lays out the second half of the pages while the
 * child does the first.  It writes its records into a pipe that the
 * child drains between its own pages and copies to the parent after
 * them, so the parent reads the pages in order as before.  The
 * grandchild has the child's limits and dies with it; if it dies
 * otherwise, the child dies the same way (a crash on page 90 reads as a
 * crash, never as a shorter statement).
 */
#define PDF_SPLIT_PAGES	4	/* fewer pages: one process */

void
stmt_pages(int n, void (*page)(void *, int, struct buf *),
    void (*fini)(void *), void *ctx, int fd)
{
	struct relay	 rl = { -1, { 0 } };
	struct buf	 b = { 0 };
	pid_t		 child = getpid(), pid = -1;
	int		 p[2], mine = n, status;

	if (n >= PDF_SPLIT_PAGES && pipe(p) == 0) {
		if ((pid = fork()) == 0) {
			close(p[0]);
			close(fd);
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
			    getppid() != child)
				_exit(1);
			child_pages(n / 2, n, page, ctx, p[1], &b, NULL);
			if (write_all(p[1], b.data, b.len) != 0)
				_exit(1);
			buf_free(&b);
			if (fini != NULL)
				fini(ctx);
			_exit(0);
		}
		close(p[1]);
		if (pid == -1)
			close(p[0]);
		else {
			rl.fd = p[0];
			mine = n / 2;
		}
	}
	child_pages(0, mine, page, ctx, fd, &b, pid == -1 ? NULL : &rl);
	if (write_all(fd, b.data, b.len) != 0)
		_exit(1);
	buf_free(&b);
	if (pid == -1)
		return;
	/* The grandchild's records after the child's; its end the child's. */
	while (relay_take(&rl, 1))
		;
	close(rl.fd);
	if (write_all(fd, rl.held.data, rl.held.len) != 0)
		_exit(1);
	buf_free(&rl.held);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			_exit(1);
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
		_exit(1);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		_exit(1);
}

/* What the PDF child's pages read, and its end (stmt_pages' fini). */
struct pdf_doc {
	PopplerDocument	*doc;
	GBytes		*bytes;
};

/* One page's 'P' record (stmt_pages' page). */
static void
pdf_page(void *ctx, int i, struct buf *b)
{
	struct pdf_doc	*d = ctx;
	PopplerPage	*page = pop.page(d->doc, i);

	if (page == NULL) {
		buf_addc(b, 'P');
		put_u32(b, 0);
		put_u32(b, 0);
	} else {
		child_page(page, b);
		g_object_unref(page);
	}
}

/* Freed though _exit follows: valgrind checks the children too. */
static void
pdf_doc_free(void *ctx)
{
	struct pdf_doc	*d = ctx;

	g_object_unref(d->doc);
	g_bytes_unref(d->bytes);
}

static void
pdf_child(void *arg, int fd)
{
	struct pdf_job	*job = arg;
	GBytes		*bytes;
	GError		*err = NULL;
	PopplerDocument	*doc;
	struct pdf_doc	 d;
	struct buf	 b = { 0 };
	const char	*why;
	int		 n;

	if ((why = poppler_load()) != NULL) {
		child_error(fd, why);
		_exit(0);
	}
	bytes = g_bytes_new_static(job->data, job->len);
	doc = pop.open(bytes, NULL, &err);
	if (doc == NULL) {
		if (err != NULL && err->domain == pop.error_quark() &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			child_error(fd, "encrypted PDF that needs a password "
			    "to open; ALV cannot read it either");
		else
			child_error(fd, err != NULL ? err->message :
			    "cannot open");
		/* Freed though _exit follows: valgrind checks the child too. */
		g_clear_error(&err);
		g_bytes_unref(bytes);
		_exit(0);
	}
	n = pop.n_pages(doc);
	if (n < 0)
		n = 0;
	buf_addc(&b, 'N');
	put_u32(&b, (uint32_t)n);
	if (write_all(fd, b.data, b.len) != 0)
		_exit(1);
	b.len = 0;
	d.doc = doc;
	d.bytes = bytes;
	stmt_pages(n, pdf_page, pdf_doc_free, &d, fd);
	buf_addc(&b, 'D');
	if (write_all(fd, b.data, b.len) != 0)
		_exit(1);
	buf_free(&b);
	pdf_doc_free(&d);
	_exit(0);
}

/* Bounded reader over what the child sent. */
struct rd {
	const unsigned char	*p;
	size_t			 n, off;
	int			 bad;
};

static uint32_t
get_u32(struct rd *r)
{
	uint32_t	 v = 0;

	if (r->n - r->off < sizeof(v)) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p + r->off, sizeof(v));
	r->off += sizeof(v);
	return v;
}

static const unsigned char *
get_bytes(struct rd *r, size_t n)
{
	const unsigned char *p;

	if (r->bad || r->n - r->off < n) {
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

static int
blank(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* One page: lines for whole fingerprints, boxes for wrapped ones. */
static int
page_scan(struct statement *st, unsigned pageno, const char *text,
    size_t tlen, const struct wire_word *ww, uint32_t nw, struct buf *all)
{
	struct stmt_word *w = NULL;
	size_t		 i, ls = 0, le, nwk = 0;
	long		 line = 1;
	int		 has_text = !blank(text, tlen);

	while (ls <= tlen) {
		for (le = ls; le < tlen && text[le] != '\n'; le++)
			;
		stmt_scan_line(st, text + ls, le - ls, pageno, line, 0);
		line++;
		ls = le + 1;
	}
	w = xcalloc(nw ? nw : 1, sizeof(*w));
	for (i = 0; i < nw; i++) {
		const struct wire_word *x = &ww[i];

		if (x->off > tlen || x->len > tlen - x->off || x->len == 0)
			continue;
		w[nwk].s = text + x->off;
		w[nwk].len = x->len;
		w[nwk].page = pageno;
		w[nwk].line = (long)x->line + 1;
		w[nwk].tline = (long)x->line;
		w[nwk].x0 = x->x0;
		w[nwk].y0 = x->y0;
		w[nwk].x1 = x->x1;
		w[nwk].y1 = x->y1;
		w[nwk].first = x->first;
		w[nwk].last = x->last;
		nwk++;
	}
	stmt_join_words(st, w, nwk);
	free(w);
	buf_add(all, text, tlen);
	buf_addstr(all, "\n\f\n");
	return has_text;
}

/*
 * The parent's reading of the child's records, fed as they arrive (the
 * parent scans pages while the child lays out the next ones) or all at
 * once.  Not trusting anything: the fuzzer feeds it arbitrary records
 * (a child that poppler has subverted could send anything), so nothing
 * here may trust a length, an offset or a float.
 */
struct pdf_parse {
	struct run	*run;		/* diagnostics */
	struct statement *st;
	struct buf	 all;		/* every page's text */
	unsigned	 npages, pageno, empty, textpages;
	int		 done, bad, failed;
	size_t		 off;		/* consumed */
};

/*
 * Takes every complete record of data[p->off, len).  Until final, a
 * record that does not check out may only be incomplete: it waits.
 */
static void
pdf_feed(struct pdf_parse *p, const unsigned char *data, size_t len,
    int final)
{
	struct statement *st = p->st;
	size_t		 nlen;

	while (!p->bad && !p->done && !p->failed && p->off < len) {
		struct rd	 r = { data, len, p->off, 0 };
		const unsigned char *t = get_bytes(&r, 1);
		uint32_t	 l, nw;
		const unsigned char *s;

		if (t == NULL)
			break;
		switch (*t) {
		case 'E':
			l = get_u32(&r);
			if ((s = get_bytes(&r, l > 4096 ? 4096 : l)) == NULL)
				break;
			{
				char *m = esc_utf8(s, l > 4096 ? 4096 : l);

				diag_error(p->run, st->path, 0,
				    "cannot read PDF: %s",
				    m);
				free(m);
			}
			p->failed = 1;
			break;
		case 'N':
			p->npages = get_u32(&r);
			if (p->npages > PDF_MAX_PAGES)
				r.bad = 1;
			else if (!r.bad)
				st->pages = p->npages;
			break;
		case 'P':
			l = get_u32(&r);
			s = get_bytes(&r, l);
			nw = get_u32(&r);
			if (r.bad || nw > (r.n - r.off) /
			    sizeof(struct wire_word) || p->pageno >= p->npages) {
				r.bad = 1;
				break;
			}
			{
				/* aligned copy; the text made valid UTF-8 */
				struct wire_word *ww = xcalloc(nw ? nw : 1,
				    sizeof(*ww));
				char	*txt = xstrndup((const char *)s, l);

				memcpy(ww, get_bytes(&r, nw * sizeof(*ww)),
				    nw * sizeof(*ww));
				p->pageno++;
				progress_pages(p->pageno, p->npages);
				for (nlen = 0; nlen < l; nlen++)
					if (txt[nlen] == '\0')
						txt[nlen] = ' ';
				if (page_scan(st, p->pageno, txt, l, ww, nw,
				    &p->all))
					p->textpages++;
				else if (p->empty++ < 20)
					stmt_warn(st, "page %u has no "
					    "extractable text (a scanned "
					    "image?)", p->pageno);
				free(txt);
				free(ww);
			}
			break;
		case 'D':
			p->done = 1;
			break;
		default:
			r.bad = 1;
		}
		if (r.bad && !final)
			return;		/* perhaps only cut: wait for more */
		if (r.bad)
			p->bad = 1;
		else
			p->off = r.off;
	}
}

/* After the last record: the checks, then the statement's metadata. */
static int
pdf_finish(struct pdf_parse *p)
{
	struct statement *st = p->st;
	char		*norm = NULL;
	size_t		 nlen;
	int		 rc = -1;

	if (p->failed)
		goto out;
	if (!p->done || p->bad || p->pageno != p->npages) {
		diag_error(p->run, st->path, 0,
		    "the PDF parser's output was cut short or malformed");
		goto out;
	}
	if (p->npages == 0 || p->textpages == 0) {
		diag_error(p->run, st->path, 0,
		    "PDF has no extractable text (%u "
		    "page%s, all images?); ALV rejects such statements too",
		    p->npages, p->npages == 1 ? "" : "s");
		goto out;
	}
	norm = stmt_normalize(p->all.data != NULL ? p->all.data : "",
	    p->all.len, &nlen);
	stmt_meta(st, norm, nlen);
	rc = 0;
 out:
	free(norm);
	buf_free(&p->all);
	return rc;
}

static void
pdf_progress(void *ctx, const struct buf *out)
{
	pdf_feed(ctx, (const unsigned char *)out->data, out->len, 0);
}

int
stmt_pdf_parse(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	return stmt_pdf_parse_pieces(r, st, data, len, 0);
}

int
stmt_pdf_parse_pieces(struct run *r, struct statement *st,
    const unsigned char *data, size_t len, size_t piece)
{
	struct pdf_parse p;
	size_t		 have;

	memset(&p, 0, sizeof(p));
	p.run = r;
	p.st = st;
	for (have = piece; piece > 0 && have < len; have += piece)
		pdf_feed(&p, data, have, 0);
	pdf_feed(&p, data, len, 1);
	return pdf_finish(&p);
}

static int
has_eof(const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i + 5 <= n; i++)
		if (memcmp(p + i, "%%EOF", 5) == 0)
			return 1;
	return 0;
}

int
stmt_read_pdf(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	struct pdf_job	 job = { data, len };
	struct pdf_parse p;
	struct buf	 out = { 0 };
	char		*why = NULL;
	size_t		 tail = len < 1024 ? len : 1024, nfps, nsha1s, nwarnings;
	unsigned	 pages;
	int		 rc = -1;

	/*
	 * poppler reconstructs a damaged file and reads what it can: a
	 * truncated statement would quietly lose its last pages.  Every
	 * complete PDF ends with %%EOF.
	 */
	if (!has_eof(data + len - tail, tail)) {
		diag_error(r, st->path, 0,
		    "truncated PDF: no %%%%EOF marker at the end of the file");
		return -1;
	}
	memset(&p, 0, sizeof(p));
	p.run = r;
	p.st = st;
	nfps = st->nfps;
	nsha1s = st->nsha1s;
	nwarnings = st->nwarnings;
	pages = st->pages;
	if (stmt_run_contained_cb(pdf_child, &job, PDF_MAX_OUTPUT, &out,
	    &why, pdf_progress, &p) != 0) {
		/* What the pages scanned so far found goes with them. */
		stmt_truncate(st, nfps, nsha1s, nwarnings);
		st->pages = pages;
		buf_free(&p.all);
		if (!p.failed)
			diag_error(r, st->path, 0, "cannot read PDF: %s", why);
		goto out;
	}
	pdf_feed(&p, (const unsigned char *)out.data, out.len, 1);
	rc = pdf_finish(&p);
 out:
	free(why);
	buf_free(&out);
	return rc;
}
