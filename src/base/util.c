/*
 * Small pieces every stage needs: memory that fails loudly, a growable
 * buffer, hex, and calendar arithmetic that does not depend on the host's
 * time zone or on a 32-bit time_t.  Nothing here reports: reading files
 * (which does) is io.c's, so that util.c, escape.c and diag.c are not a
 * circle.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/base.h"

static void
oom(void)
{
	fputs("auditscope: out of memory\n", stderr);
	exit(EXIT_INTERNAL);
}

/*
 * At a million certificates the passes after loading (the hierarchy's
 * nodes and keys, the sort's keys, the check's marks) allocate arrays of
 * tens of megabytes and free them again.  By default glibc maps each
 * array above its mmap threshold (128 KiB, rising with each such array
 * freed, to 32 MiB at most) afresh and unmaps it when freed, so the
 * passes fault in new pages, at 5 to 11 us a fault on the bench VM; the
 * 100k set's arrays soon fall under the risen threshold and are reused.
 * With no mapping at all they stay on the heap and are reused, and
 * memory freed in a run is kept until it ends (a worker thread's arena
 * still maps a request over 64 MiB and gives back a heap wholly free).
 * 1M warm check, four interleaved runs each: fastest 10.53 -> 9.80 s
 * (the bench's statistic), median 10.95 -> 10.42 s, page faults 520,000
 * -> 460,000, peak memory +0.3%; 100k 0.93 -> 0.91 s.  An earlier
 * mallopt(), removed by the tuning review, asked for a 256 MiB threshold,
 * which glibc refuses, and set the trim threshold, which freezes the
 * mmap threshold at 128 KiB: every array of 128 KiB or more was then
 * mapped afresh, at 100k too, and it measured no gain.  The arrays that
 * grow with the certificates or input files (findings, report rows,
 * inputs, --external keys, baseline entries) grow with xgrow(): on the
 * heap, growing one an element at a time could copy it at each step.
 * main() calls this first; the PDF reader's child, forked to run
 * poppler, takes memory_defaults().  A sanitizer's malloc ignores both.
 */
void
memory_init(void)
{
#if defined(M_MMAP_MAX) && defined(M_TRIM_THRESHOLD)
	(void)mallopt(M_MMAP_MAX, 0);
	(void)mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

/*
 * glibc's starting limits again: arrays of 128 KiB or more mapped, and a
 * free heap top over 128 KiB given back.  Its mmap threshold stays at
 * 128 KiB rather than rising as it would by default: once set, glibc
 * never makes it adaptive again.
 */
void
memory_defaults(void)
{
#if defined(M_MMAP_MAX) && defined(M_TRIM_THRESHOLD)
	(void)mallopt(M_MMAP_MAX, 65536);
	(void)mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

void *
xgrow(void *v, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return v;
	while (*cap <= n) {
		if (*cap > SIZE_MAX / 2)
			oom();
		*cap = *cap ? 2 * *cap : 16;
	}
	return xreallocarray(v, *cap, sz);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	void	*q;

	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	q = realloc(p, (n * sz) != 0 ? n * sz : 1);
	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	/* s may be NULL when n is 0 (an empty name's text). */
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_MALLOC	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_MALLOC	1
#endif
#endif

#define ARENA_FIRST	((size_t)64 << 10)
#define ARENA_BLOCK	((size_t)32 << 20)
#define ARENA_READY	((size_t)1 << 20)

/* One mapping, or (ARENA_MALLOC) one malloc()ed piece. */
struct arena {
	unsigned char	*base;
	size_t		 used;
	size_t		 cap;
	size_t		 ready;		/* bytes prefaulted (ARENA_READY) */
	struct arena	*next;
};

/*
 * The arena's pages are faulted in ahead, ARENA_READY at a time, with one
 * madvise(MADV_POPULATE_WRITE) instead of one page fault every 4 KiB as
 * the DER copies and certificates land.  On the bench VM a fault costs
 * far more than its zeroing (5 to 11 us): CCADB corpus load only (20
 * hyperfine runs) 202 -> 175 ms wall, system time 73 -> 45 ms; the 1M
 * warm scope's system time 6.7 / 5.8 -> 4.6 / 3.5 s over two rounds.
 * At most ARENA_READY is faulted beyond what is used.  A kernel without
 * it (before Linux 5.14) refuses the advice, and pages fault as they are
 * touched.
 */
static void
arena_ready(struct arena *a)
{
#ifdef MADV_POPULATE_WRITE
	size_t	 want;

	if (a->used <= a->ready)
		return;
	want = (a->used - a->ready + ARENA_READY - 1) / ARENA_READY *
	    ARENA_READY;
	if (want > a->cap - a->ready)
		want = a->cap - a->ready;
	if (madvise(a->base + a->ready, want, MADV_POPULATE_WRITE) == 0)
		a->ready += want;
	else
		a->ready = a->cap;
#else
	(void)a;
#endif
}

void *
arena_alloc(struct arena **ap, size_t n)
{
	struct arena	*a = *ap;
	void		*p;

#ifdef ARENA_MALLOC
	a = xcalloc(1, sizeof(*a));
	a->base = xcalloc(1, n > 0 ? n : 1);
	a->next = *ap;
	*ap = a;
	return a->base;
#endif
	n = (n + 15) & ~(size_t)15;
	if (a == NULL || a->cap - a->used < n) {
		/*
		 * Blocks double from 64 KiB: a statement of fifty
		 * fingerprints, of which a check may hold hundreds, takes
		 * one small block.
		 */
		size_t	 cap = a == NULL ? ARENA_FIRST : a->cap < ARENA_BLOCK ?
			    2 * a->cap : ARENA_BLOCK;

		if (cap < n)
			cap = n;

		a = xcalloc(1, sizeof(*a));
		a->base = mmap(NULL, cap, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (a->base == MAP_FAILED)
			oom();
		a->cap = cap;
		a->next = *ap;
		*ap = a;
	}
	p = a->base + a->used;
	a->used += n;
	arena_ready(a);
	return p;
}

void
arena_free(struct arena *a)
{
	while (a != NULL) {
		struct arena *next = a->next;

#ifdef ARENA_MALLOC
		free(a->base);
#else
		munmap(a->base, a->cap);
#endif
		free(a);
		a = next;
	}
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t	 cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1) {
			if (cap > SIZE_MAX / 2)
				oom();
			cap *= 2;
		}
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addstr(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 again;
	char	 small[256];
	int	 n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n < 0) {
		va_end(again);
		return;
	}
	if ((size_t)n < sizeof(small))
		buf_add(b, small, (size_t)n);
	else {
		char	*big = xmalloc((size_t)n + 1);

		vsnprintf(big, (size_t)n + 1, fmt, again);
		buf_add(b, big, (size_t)n);
		free(big);
	}
	va_end(again);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_take(struct buf *b)
{
	char	*p = b->data;

	if (p == NULL)
		p = xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
hex_encode(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t	 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * n] = '\0';
}

static int
hexval(int c)
{
	/* digit value + 1, 0 for none */
	static const unsigned char v[256] = {
		['0'] = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
		['A'] = 11, 12, 13, 14, 15, 16,
		['a'] = 11, 12, 13, 14, 15, 16,
	};

	return (int)v[(unsigned char)c] - 1;
}

/* Exactly 2*outlen hex digits, nothing else.  0 ok, -1 bad. */
int
hex_decode(const char *s, size_t n, unsigned char *out, size_t outlen)
{
	size_t	 i;

	if (n != 2 * outlen)
		return -1;
	for (i = 0; i < outlen; i++) {
		int hi = hexval((unsigned char)s[2 * i]);
		int lo = hexval((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

const void *
digest_search(const void *base, size_t n, size_t size,
    const unsigned char *key, size_t klen)
{
	const unsigned char *a = base;
	uint64_t	 x = 0;
	size_t		 i, lo, hi, step;
	int		 c;

	if (n == 0 || klen == 0)
		return NULL;
	for (i = 0; i < 8 && i < klen; i++)
		x = x << 8 | key[i];
	x <<= 8 * (8 - i);
	i = n == 1 ? 0 : (size_t)(x / (UINT64_MAX / n + 1));
	if ((c = memcmp(key, a + i * size, klen)) == 0)
		return a + i * size;
	/* [lo, hi) holds the key if anything does */
	if (c < 0) {
		hi = i;
		for (step = 1; step <= hi && memcmp(key, a + (hi - step) *
		    size, klen) < 0; step *= 2)
			hi -= step;
		lo = step <= hi ? hi - step : 0;
	} else {
		lo = i + 1;
		for (step = 1; lo + step <= n && memcmp(key, a + (lo + step -
		    1) * size, klen) > 0; step *= 2)
			lo += step;
		hi = lo + step <= n ? lo + step : n;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((c = memcmp(key, a + mid * size, klen)) == 0)
			return a + mid * size;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static uint32_t
fp_bits(const unsigned char sha[32])
{
	return (uint32_t)sha[0] | (uint32_t)sha[1] << 8 |
	    (uint32_t)sha[2] << 16 | (uint32_t)sha[3] << 24;
}

void
fpindex_init(struct fpindex *ix)
{
	ix->nslots = 1024;
	ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
	ix->n = 0;
}

void
fpindex_free(struct fpindex *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->nslots = ix->n = 0;
}

void
fpindex_clear(struct fpindex *ix)
{
	memset(ix->slots, 0, ix->nslots * sizeof(*ix->slots));
	ix->n = 0;
}

static void
slot_insert(uint64_t *slots, size_t nslots, uint64_t v)
{
	size_t	 j = (size_t)(v >> 32) & (nslots - 1);

	while (slots[j] != 0)
		j = (j + 1) & (nslots - 1);
	slots[j] = v;
}

void
fpindex_put(struct fpindex *ix, const unsigned char sha[32], size_t pos)
{
	/* The position, the bits and the slot number fit 32 bits each. */
	if (pos >= UINT32_MAX - 1 || ix->n >= (size_t)1 << 30)
		oom();
	if ((ix->n + 1) * 2 > ix->nslots) {
		size_t	 nslots = ix->nslots * 2, j;
		uint64_t *slots = xcalloc(nslots, sizeof(*slots));

		for (j = 0; j < ix->nslots; j++)
			if (ix->slots[j] != 0)
				slot_insert(slots, nslots, ix->slots[j]);
		free(ix->slots);
		ix->slots = slots;
		ix->nslots = nslots;
	}
	slot_insert(ix->slots, ix->nslots,
	    (uint64_t)fp_bits(sha) << 32 | (uint64_t)(pos + 1));
	ix->n++;
}

void
fpindex_renumber(struct fpindex *ix, const long *to, size_t nto)
{
	uint64_t	*kept;
	size_t		 j, n = 0;
	int		 dropped = 0;

	for (j = 0; j < ix->nslots; j++) {
		if (ix->slots[j] == 0)
			continue;
		/* An entry past the map: the index was stale, a bug. */
		if ((ix->slots[j] & UINT32_MAX) > nto)
			abort();
		if (to[(ix->slots[j] & UINT32_MAX) - 1] < 0)
			dropped = 1;
	}
	if (!dropped) {
		for (j = 0; j < ix->nslots; j++)
			if (ix->slots[j] != 0)
				ix->slots[j] = ix->slots[j] >> 32 << 32 |
				    (uint64_t)(to[(ix->slots[j] & UINT32_MAX) -
				    1] + 1);
		return;
	}
	/*
	 * The others again into an empty table: a slot emptied in place
	 * would cut the probe runs through it.
	 */
	kept = xreallocarray(NULL, ix->n + 1, sizeof(*kept));
	for (j = 0; j < ix->nslots; j++) {
		long	 p;

		if (ix->slots[j] == 0 ||
		    (p = to[(ix->slots[j] & UINT32_MAX) - 1]) < 0)
			continue;
		kept[n++] = ix->slots[j] >> 32 << 32 | (uint64_t)(p + 1);
	}
	fpindex_clear(ix);
	for (j = 0; j < n; j++)
		slot_insert(ix->slots, ix->nslots, kept[j]);
	ix->n = n;
	free(kept);
}

size_t
fpindex_next(const struct fpindex *ix, const unsigned char sha[32],
    size_t *probe)
{
	uint32_t bits = fp_bits(sha);
	size_t	 j;

	if (ix->nslots == 0)
		return SIZE_MAX;
	j = *probe == FPINDEX_START ? bits & (ix->nslots - 1) :
	    (*probe + 1) & (ix->nslots - 1);
	for (; ix->slots[j] != 0; j = (j + 1) & (ix->nslots - 1))
		if ((uint32_t)(ix->slots[j] >> 32) == bits) {
			*probe = j;
			return (size_t)(ix->slots[j] & UINT32_MAX) - 1;
		}
	*probe = j;
	return SIZE_MAX;
}

const char *
mem_find(const char *s, size_t n, const char *what, size_t wl)
{
	const char	*p = s, *end = s + n;

	/* memchr() finds the candidates: fast over long stretches. */
	while (wl > 0 && (size_t)(end - p) >= wl &&
	    (p = memchr(p, what[0], (size_t)(end - p) - wl + 1)) != NULL) {
		if (memcmp(p, what, wl) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * A SHA-256 fingerprint as users type it: 64 hex digits in either case,
 * optionally as byte pairs separated by ':' or spaces, surrounding blanks
 * ignored.  0 ok, -1 not a fingerprint.
 */
int
fp_parse(const char *s, unsigned char out[32])
{
	char	 digits[65];
	size_t	 nd = 0;
	int	 sep = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; *s != '\0'; s++) {
		if (hexval((unsigned char)*s) >= 0) {
			if (nd == 64)
				return -1;
			digits[nd++] = *s;
		} else if ((*s == ':' || *s == ' ') && nd % 2 == 0 && nd > 0) {
			if (sep != 0 && sep != *s)
				return -1;
			sep = *s;
		} else if (isspace((unsigned char)*s)) {
			while (isspace((unsigned char)*s))
				s++;
			if (*s != '\0')
				return -1;
			break;
		} else
			return -1;
	}
	if (nd != 64)
		return -1;
	return hex_decode(digits, 64, out, 32);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *yy, unsigned *mm, unsigned *dd)
{
	int64_t		 era, y;
	unsigned	 doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	*yy = (int)(y + (m <= 2));
	*mm = m;
	*dd = d;
}

astime
time_from_civil(int y, int m, int d, int hh, int mi, int ss)
{
	return days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 +
	    hh * 3600 + mi * 60 + ss;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/*
 * YYYY-MM-DD or YYYY.MM.DD (CCADB's own files), nothing else; the date
 * must exist.  Midnight UTC.
 */
int
time_parse_date(const char *s, astime *t)
{
	int	 y, m, d, i;
	char	 sep;

	for (i = 0; i < 10; i++) {
		if (s[i] == '\0')
			return -1;
		if (i == 4 || i == 7)
			continue;
		if (!isdigit((unsigned char)s[i]))
			return -1;
	}
	sep = s[4];
	if ((sep != '-' && sep != '.') || s[7] != sep || s[10] != '\0')
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*t = time_from_civil(y, m, d, 0, 0, 0);
	return 0;
}

void
time_format(astime t, char out[21])
{
	char		 tmp[48];
	int64_t		 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t		 secs = t - days * 86400;
	int		 y;
	unsigned	 m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02d:%02d:%02dZ",
	    y % 10000, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60));
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

void
time_format_date(astime t, char out[11])
{
	char	 full[21];

	time_format(t, full);
	memcpy(out, full, 10);
	out[10] = '\0';
}

/*
 * Work spread over threads.  Items are handed out `chunk` at a time from
 * a shared counter, so threads that draw expensive items (a P-384
 * signature, a long certificate) do not hold the others up.  The calling
 * thread works too; a thread that cannot be started just means fewer.
 */
struct pfor {
	void		 (*fn)(void *, size_t);
	void		*arg;
	size_t		 n;
	size_t		 chunk;
	atomic_size_t	 next;
};

static void *
pfor_worker(void *arg)
{
	struct pfor	*w = arg;
	size_t		 i, end;

	for (;;) {
		i = atomic_fetch_add(&w->next, w->chunk);
		if (i >= w->n)
			break;
		end = w->n - i < w->chunk ? w->n : i + w->chunk;
		for (; i < end; i++)
			w->fn(w->arg, i);
	}
	return NULL;
}

/*
 * OpenSSL 3's SHA256() and SHA1() look the algorithm up on every call,
 * under a lock all decoding threads share: five look-ups a certificate,
 * a tenth of loading's instructions and more of its waiting.  Fetched
 * once here instead.  (A context kept per thread, rather than EVP_Digest()
 * taking a reference on the shared EVP_MD each call, gained 3.6 to 4% on
 * the 1M warm check: under the 5% a tuning must gain, so not kept.)
 */
static EVP_MD		*md_sha256, *md_sha1;
static pthread_once_t	 md_once = PTHREAD_ONCE_INIT;

static void
md_init(void)
{
	if ((md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL ||
	    (md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL)) == NULL) {
		fputs("auditscope: OpenSSL has no SHA-256 or SHA-1\n", stderr);
		abort();
	}
}

static void
digest(EVP_MD *md, const void *p, size_t n, unsigned char *out)
{
	if (EVP_Digest(p, n, out, NULL, md, NULL) != 1) {
		fputs("auditscope: digest failed\n", stderr);
		abort();
	}
}

void
digest_sha256(const void *p, size_t n, unsigned char out[32])
{
	pthread_once(&md_once, md_init);
	digest(md_sha256, p, n, out);
}

void
digest_sha1(const void *p, size_t n, unsigned char out[20])
{
	pthread_once(&md_once, md_init);
	digest(md_sha1, p, n, out);
}

int
parallel_jobs(int jobs)
{
	long	 n;

	if (jobs > 0)
		return jobs;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n > 256 ? 256 : n) : 1;
}

void
parallel_for(size_t n, size_t chunk, int jobs, void (*fn)(void *, size_t),
    void *arg)
{
	struct pfor	 w;
	pthread_t	*th;
	int		 i, started = 0;

	if (n == 0)
		return;
	w.fn = fn;
	w.arg = arg;
	w.n = n;
	w.chunk = chunk > 0 ? chunk : 1;
	atomic_init(&w.next, 0);
	jobs = parallel_jobs(jobs);
	/* No more threads than there are chunks of work. */
	if ((size_t)jobs > (n + w.chunk - 1) / w.chunk)
		jobs = (int)((n + w.chunk - 1) / w.chunk);
	th = xcalloc((size_t)jobs, sizeof(*th));
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&th[i], NULL, pfor_worker, &w) != 0)
			break;
		started = i;
	}
	pfor_worker(&w);
	for (i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	free(th);
}

static void
civil_of(astime t, int *y, unsigned *m, unsigned *d, astime *tod)
{
	int64_t	 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;

	civil_from_days(days, y, m, d);
	*tod = t - days * 86400;
}

astime
time_add_months(astime t, int n)
{
	int		 y, dim;
	unsigned	 m, d;
	astime		 tod;
	int64_t		 mi;

	civil_of(t, &y, &m, &d, &tod);
	mi = (int64_t)y * 12 + (m - 1) + n;
	y = (int)(mi >= 0 ? mi / 12 : (mi - 11) / 12);
	m = (unsigned)(mi - (int64_t)y * 12) + 1;
	dim = days_in_month(y, (int)m);
	if ((int)d > dim)
		d = (unsigned)dim;
	return days_from_civil(y, m, d) * 86400 + tod;
}

int
time_months_between(astime a, astime b)
{
	int		 ya, yb, n;
	unsigned	 ma, mb, da, db;
	astime		 ta, tb;

	civil_of(a, &ya, &ma, &da, &ta);
	civil_of(b, &yb, &mb, &db, &tb);
	n = (yb - ya) * 12 + ((int)mb - (int)ma);
	if (n > 0 && (db < da || (db == da && tb < ta)))
		n--;
	else if (n < 0 && (db > da || (db == da && tb > ta)))
		n++;
	return n;
}
