/*
 * The cache of verified issuer links.  Signature verification is the cost
 * of a cold run (about 23,000 checks on the CCADB corpus); the nightly job
 * sees the same pairs every night.  A verdict depends only on the child's
 * bytes and the issuer's public key, so it is keyed by the child's SHA-256
 * and the SHA-256 of the issuer's SubjectPublicKeyInfo.
 *
 * The file is DIR/links, DIR the run's (base/run.c:
 * $XDG_CACHE_HOME/auditscope, else ~/.cache/auditscope): a magic line, a
 * count, sorted 65-byte records (child, key, verdict) and the SHA-256 of
 * everything before it.  It is written to a temporary file
 * and renamed, so a reader never sees half a cache; one that fails any
 * check is ignored and rebuilt, never trusted.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "inventory/linkcache.h"

#define MAGIC		"auditscope-links-1\n"
#define MAGIC_LEN	(sizeof(MAGIC) - 1)
#define REC_LEN		65
/* A bound on growth: far beyond every CA certificate CCADB knows. */
#define MAX_RECORDS	4000000

struct linkcache {
	struct run	*run;		/* its warnings (borrowed) */
	char		*dir;
	char		*path;
	int		 untrusted;	/* neither read nor written */
	unsigned char	*file;		/* mapped; recs points into it */
	size_t		 len;
	unsigned char	*recs;		/* sorted */
	size_t		 nrecs;
	/*
	 * Where the records of each leading `bits` bits of the child's
	 * SHA-256 begin (one more entry for the end): about four records
	 * a bucket whatever the size: a search from a guess cost a dozen
	 * cache misses at a million links.
	 */
	uint32_t	*bucket;
	unsigned	 bits;
	unsigned char	*added;		/* unsorted, this run */
	size_t		 nadded;
	size_t		 capadded;
};

static int
rec_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 64);
}

static uint32_t
lead32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static size_t
bucket_of(const struct linkcache *lc, const unsigned char *child)
{
	return lc->bits == 0 ? 0 : (size_t)(lead32(child) >> (32 - lc->bits));
}

/*
 * Sizes the bucket index for lc->nrecs records: about four a bucket.
 */
static void
index_init(struct linkcache *lc)
{
	for (lc->bits = 0; lc->bits < 24 &&
	    ((size_t)4 << lc->bits) < lc->nrecs; lc->bits++)
		;
	lc->bucket = xcalloc(((size_t)1 << lc->bits) + 1,
	    sizeof(*lc->bucket));
}

/*
 * Checks that records [from, to) follow their predecessors in order and
 * indexes their buckets; *b is the next bucket to begin.  At `to` ==
 * lc->nrecs the buckets past the last record end the index.
 */
static int
index_buckets(struct linkcache *lc, size_t from, size_t to, size_t *b)
{
	size_t	 i, nb = (size_t)1 << lc->bits;

	for (i = from; i < to; i++) {
		const unsigned char *r = lc->recs + i * REC_LEN;
		size_t		 k = bucket_of(lc, r);

		/* Two verdicts are defined; any other byte is damage. */
		if ((i > 0 && rec_cmp(r - REC_LEN, r) >= 0) || r[64] > 1)
			return -1;
		while (*b <= k)
			lc->bucket[(*b)++] = (uint32_t)i;
	}
	if (to == lc->nrecs)
		while (*b <= nb)
			lc->bucket[(*b)++] = (uint32_t)lc->nrecs;
	return 0;
}

/*
 * The file is mapped, not read: 140 MB at a million certificates, which
 * a read put into fresh memory at 0.25 s while the page cache already
 * held them.  The writer replaces the file by rename() and never writes
 * it in place, so the mapping keeps the bytes that were checked.  They
 * are hashed and indexed a piece at a time, each piece while it is in the
 * CPU's cache: as two passes, the index pass read the whole file from
 * memory again at a million certificates, and only at a million.
 */
#define PIECE	(256 * 1024)

/*
 * Is st, of path, something only this user can have written?  A cache
 * directory or file that another user owns or may write could hold any
 * verdict: like ssh with its keys, it is then neither read nor written,
 * with one warning naming it.  0 trusted, -1 not (warned).
 */
static int
trusted(struct linkcache *lc, const char *path, const struct stat *st,
    int want_dir)
{
	const char	*why = NULL;

	if (want_dir ? !S_ISDIR(st->st_mode) : !S_ISREG(st->st_mode))
		why = want_dir ? "not a directory" : "not a regular file";
	else if (st->st_uid != geteuid())
		why = "owned by another user";
	else if (st->st_mode & (S_IWGRP | S_IWOTH))
		why = "writable by group or others";
	if (why == NULL)
		return 0;
	diag_warn(lc->run, path, 0,
	    "link cache %s %s: not reading or writing it "
	    "(every link is verified again)", want_dir ? "directory" :
	    "file", why);
	lc->untrusted = 1;
	return -1;
}

/* The directory, not following a symbolic link: 0, -1 untrusted or
 * unreadable, 1 absent. */
static int
check_dir(struct linkcache *lc)
{
	struct stat	 st;

	if (lstat(lc->dir, &st) != 0)
		return errno == ENOENT ? 1 : -1;
	if (S_ISLNK(st.st_mode)) {
		diag_warn(lc->run, lc->dir, 0,
		    "link cache directory is a symbolic "
		    "link: not reading or writing it (every link is "
		    "verified again)");
		lc->untrusted = 1;
		return -1;
	}
	return trusted(lc, lc->dir, &st, 1);
}

static void
load(struct linkcache *lc)
{
	unsigned char	*d = MAP_FAILED, sum[32];
	size_t		 len = 0, n, i, hashed = 0, indexed = 0, b = 0;
	uint64_t	 count = 0;
	EVP_MD_CTX	*ctx = NULL;
	int		 fd, flags = MAP_PRIVATE;
	struct stat	 st;

	if (check_dir(lc) != 0)
		return;		/* untrusted, or no cache yet */
	/*
	 * Not following a symbolic link, and not blocking: a FIFO planted
	 * at the path would otherwise hang every run in open().
	 */
	if ((fd = open(lc->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) == -1) {
		if (errno == ELOOP) {
			diag_warn(lc->run, lc->path, 0,
			    "link cache file is a symbolic "
			    "link: not reading or writing it (every link is "
			    "verified again)");
			lc->untrusted = 1;
		}
		return;		/* no cache yet */
	}
	if (fstat(fd, &st) != 0 || trusted(lc, lc->path, &st, 0) != 0) {
		close(fd);
		return;
	}
	if (st.st_size < (off_t)(MAGIC_LEN + 8 + 32) ||
	    (uint64_t)st.st_size > (uint64_t)MAX_RECORDS * REC_LEN + 64)
		goto corrupt;
	len = (size_t)st.st_size;
#ifdef MAP_POPULATE
	flags |= MAP_POPULATE;
#endif
	if ((d = mmap(NULL, len, PROT_READ, flags, fd, 0)) == MAP_FAILED ||
	    memcmp(d, MAGIC, MAGIC_LEN) != 0)
		goto corrupt;
	for (i = 0; i < 8; i++)
		count |= (uint64_t)d[MAGIC_LEN + i] << (8 * i);
	n = len - MAGIC_LEN - 8 - 32;
	if (n % REC_LEN != 0 || count != n / REC_LEN)
		goto corrupt;
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto corrupt;
	lc->nrecs = (size_t)count;
	lc->recs = d + MAGIC_LEN + 8;
	index_init(lc);
	while (hashed < len - 32) {
		size_t	 upto = len - 32 - hashed < PIECE ? len - 32 :
			    hashed + PIECE;
		size_t	 ready = (upto - MAGIC_LEN - 8) / REC_LEN;

		if (EVP_DigestUpdate(ctx, d + hashed, upto - hashed) != 1 ||
		    index_buckets(lc, indexed, ready, &b) != 0)
			goto damaged;
		hashed = upto;
		indexed = ready;
	}
	if (EVP_DigestFinal_ex(ctx, sum, NULL) != 1 ||
	    memcmp(sum, d + len - 32, 32) != 0)
		goto damaged;
	EVP_MD_CTX_free(ctx);
	lc->file = d;
	lc->len = len;
	close(fd);
	return;
 damaged:
	free(lc->bucket);
	lc->bucket = NULL;
	lc->nrecs = 0;
	lc->recs = NULL;
 corrupt:
	diag_warn(lc->run, lc->path, 0,
	    "link cache is damaged; ignoring it and "
	    "verifying every link again");
	EVP_MD_CTX_free(ctx);
	if (d != MAP_FAILED)
		munmap(d, len);
	close(fd);
}

struct linkcache *
linkcache_open(struct run *run, const char *dir)
{
	struct linkcache *lc;
	struct buf	 b = { 0 };
	char		*d;

	/* No run to tell of a damaged cache: none (every link verified). */
	if (run == NULL || dir == NULL || dir[0] == '\0')
		return NULL;
	d = xstrdup(dir);
	lc = xcalloc(1, sizeof(*lc));
	lc->run = run;
	lc->dir = d;
	buf_printf(&b, "%s/links", d);
	lc->path = buf_take(&b);
	load(lc);
	return lc;
}

int
linkcache_get(const struct linkcache *lc, const unsigned char child[32],
    const unsigned char key[32], int *ok)
{
	size_t			 b, lo, hi;

	if (lc == NULL || lc->nrecs == 0)
		return 0;
	b = bucket_of(lc, child);
	/* A few records; searched, not scanned, should a file hold more. */
	lo = lc->bucket[b];
	hi = lc->bucket[b + 1];
	while (lo < hi) {
		size_t		 mid = lo + (hi - lo) / 2;
		const unsigned char *r = lc->recs + mid * REC_LEN;
		int		 c = memcmp(r, child, 32);

		if (c == 0)
			c = memcmp(r + 32, key, 32);
		if (c == 0) {
			*ok = r[64] != 0;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
linkcache_put(struct linkcache *lc, const unsigned char child[32],
    const unsigned char key[32], int ok)
{
	unsigned char	*r;

	if (lc == NULL)
		return;
	if (lc->nadded == lc->capadded) {
		lc->capadded = lc->capadded ? lc->capadded * 2 : 1024;
		lc->added = xreallocarray(lc->added, lc->capadded, REC_LEN);
	}
	r = lc->added + lc->nadded++ * REC_LEN;
	memcpy(r, child, 32);
	memcpy(r + 32, key, 32);
	r[64] = ok ? 1 : 0;
}

/* The directory and its missing parents, each 0700 (umask aside). */
static int
mkdirs(const char *dir)
{
	char	*p = xstrdup(dir), *s;
	int	 rc = 0;

	for (s = p + 1; *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Merges this run's verdicts and writes the file atomically.  A cache
 * that cannot be written costs time, not correctness: a warning only.
 */
int
linkcache_save(struct linkcache *lc)
{
	unsigned char	*all, *out, sum[32];
	size_t		 n, i, m = 0, len;
	struct buf	 tmp = { 0 };
	char		*tpath;
	int		 fd, rc = -1;

	if (lc == NULL || lc->nadded == 0 || lc->untrusted)
		return 0;
	n = lc->nrecs + lc->nadded;
	if (n > MAX_RECORDS)
		n = lc->nadded > MAX_RECORDS ? MAX_RECORDS : n;
	all = xreallocarray(NULL, lc->nrecs + lc->nadded, REC_LEN);
	memcpy(all, lc->added, lc->nadded * REC_LEN);
	if (lc->nrecs > 0)
		memcpy(all + lc->nadded * REC_LEN, lc->recs,
		    lc->nrecs * REC_LEN);
	qsort(all, lc->nrecs + lc->nadded, REC_LEN, rec_cmp);
	/* Drop duplicates (the first of equal keys wins: sorted stably?
	 * qsort is not stable, but equal keys carry equal verdicts). */
	for (i = 0; i < lc->nrecs + lc->nadded && m < n; i++)
		if (m == 0 || rec_cmp(all + (m - 1) * REC_LEN,
		    all + i * REC_LEN) != 0)
			memmove(all + m++ * REC_LEN, all + i * REC_LEN,
			    REC_LEN);
	len = MAGIC_LEN + 8 + m * REC_LEN + 32;
	out = xmalloc(len);
	memcpy(out, MAGIC, MAGIC_LEN);
	for (i = 0; i < 8; i++)
		out[MAGIC_LEN + i] = (unsigned char)((uint64_t)m >> (8 * i));
	memcpy(out + MAGIC_LEN + 8, all, m * REC_LEN);
	SHA256(out, len - 32, sum);
	memcpy(out + len - 32, sum, 32);
	free(all);

	/*
	 * A new file of a name no one could have chosen (mkstemp: O_EXCL,
	 * mode 0600), in the directory just checked, then renamed over the
	 * old one: nothing another user planted is followed or overwritten.
	 */
	buf_printf(&tmp, "%s.XXXXXX", lc->path);
	tpath = buf_take(&tmp);
	if (mkdirs(lc->dir) != 0) {
		diag_warn(lc->run, lc->dir, 0,
		    "cannot write the link cache: %s",
		    strerror(errno));
		goto out;
	}
	if (check_dir(lc) != 0)
		goto out;
	if ((fd = mkstemp(tpath)) == -1) {
		diag_warn(lc->run, lc->dir, 0,
		    "cannot write the link cache: %s",
		    strerror(errno));
		goto out;
	}
	if (write_all(fd, out, len) != 0 || fsync(fd) != 0) {
		diag_warn(lc->run, tpath, 0, "cannot write the link cache: %s",
		    strerror(errno));
		close(fd);
		unlink(tpath);
		goto out;
	}
	if (close(fd) != 0 || rename(tpath, lc->path) != 0) {
		diag_warn(lc->run, lc->path, 0,
		    "cannot write the link cache: %s",
		    strerror(errno));
		unlink(tpath);
		goto out;
	}
	rc = 0;
 out:
	free(tpath);
	free(out);
	return rc;
}

void
linkcache_free(struct linkcache *lc)
{
	if (lc == NULL)
		return;
	free(lc->dir);
	free(lc->path);
	if (lc->file != NULL)
		munmap(lc->file, lc->len);
	free(lc->bucket);
	free(lc->added);
	free(lc);
}
