/*
 * The link cache: verdicts survive a round trip, a damaged file is
 * ignored (never trusted), and a cached hierarchy equals a verified one.
 */
#include <sys/stat.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <openssl/sha.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "inventory/linkcache.h"
#include "testinv.h"
#include "test_run.h"

static char	 dir[] = "/tmp/auditscope-cache-XXXXXX";
/* The directory the helpers below open: dir, unless a test says. */
static const char *cdir = dir;

static void
setup(void)
{
	diag_set_stream(&test_run, NULL);
	umask(022);
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char	 cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/auditscope-cache-XXXXXX");
}

/* Replaces the file at path with len bytes. */
static void
put_file(const char *path, const unsigned char *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(round_trip)
{
	unsigned char	 a[32], b[32], c[32];
	struct linkcache *lc;
	int		 ok = -1;

	memset(a, 0xaa, 32);
	memset(b, 0xbb, 32);
	memset(c, 0xcc, 32);
	lc = linkcache_open(&test_run, dir);
	ck_assert_int_eq(linkcache_get(lc, a, b, &ok), 0);
	linkcache_put(lc, a, b, 1);
	linkcache_put(lc, a, c, 0);
	ck_assert_int_eq(linkcache_save(lc), 0);
	linkcache_free(lc);
	lc = linkcache_open(&test_run, dir);
	ck_assert_int_eq(linkcache_get(lc, a, b, &ok), 1);
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(linkcache_get(lc, a, c, &ok), 1);
	ck_assert_int_eq(ok, 0);
	ck_assert_int_eq(linkcache_get(lc, b, a, &ok), 0);
	linkcache_free(lc);
}
END_TEST

/*
 * Many verdicts, clustered and spread: each found in the bucket the
 * leading bits of its child digest name, none that was not put.  Children
 * of a few shared prefixes too: two buckets of thousands, searched.
 */
START_TEST(many_found)
{
	struct linkcache *lc;
	unsigned char	 child[32], key[32];
	unsigned	 i, n = 20000, x = 12345;
	int		 ok;

	lc = linkcache_open(&test_run, dir);
	for (i = 0; i < n; i++) {
		unsigned k;

		for (k = 0; k < 32; k++) {
			x = x * 1103515245u + 12345u;
			child[k] = (unsigned char)(x >> 16);
			key[k] = (unsigned char)(x >> 8);
		}
		if (i % 4 == 0)		/* a quarter share 8 leading bytes */
			memset(child, i % 3 == 0 ? 0x00 : 0xff, 8);
		linkcache_put(lc, child, key, (int)(i % 2));
	}
	ck_assert_int_eq(linkcache_save(lc), 0);
	linkcache_free(lc);
	lc = linkcache_open(&test_run, dir);
	for (i = 0, x = 12345; i < n; i++) {
		unsigned k;

		for (k = 0; k < 32; k++) {
			x = x * 1103515245u + 12345u;
			child[k] = (unsigned char)(x >> 16);
			key[k] = (unsigned char)(x >> 8);
		}
		if (i % 4 == 0)
			memset(child, i % 3 == 0 ? 0x00 : 0xff, 8);
		ok = -1;
		ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 1);
		ck_assert_int_eq(ok, (int)(i % 2));
		/* the same child with another key was never put */
		key[31] ^= 0x5a;
		ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 0);
	}
	memset(child, 0x00, 32);
	ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 0);
	memset(child, 0xff, 32);
	ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 0);
	linkcache_free(lc);
}
END_TEST

/*
 * Records out of order under a correct checksum (a bug in a writer, not
 * a flipped bit): the bucket index would misplace them, so the cache is
 * ignored with a warning, as any damaged one.
 */
START_TEST(unsorted_cache_ignored)
{
	static const char magic[] = "auditscope-links-1\n";
	unsigned char	 file[sizeof(magic) - 1 + 8 + 2 * 65 + 32], *r;
	size_t		 m = sizeof(magic) - 1, len = sizeof(file);
	struct linkcache *lc;
	char		 path[256];
	int		 ok;
	unsigned	 warnings;

	memset(file, 0, sizeof(file));
	memcpy(file, magic, m);
	file[m] = 2;				/* count, little-endian */
	r = file + m + 8;
	memset(r, 0xbb, 64);			/* the larger key first */
	r[64] = 1;
	memset(r + 65, 0xaa, 64);
	r[65 + 64] = 1;
	SHA256(file, len - 32, file + len - 32);
	snprintf(path, sizeof(path), "%s/links", dir);
	put_file(path, file, len);
	warnings = diag_warnings(&test_run);
	lc = linkcache_open(&test_run, dir);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 1);
	ck_assert_int_eq(linkcache_get(lc, r, r + 32, &ok), 0);
	ck_assert_int_eq(linkcache_get(lc, r + 65, r + 65 + 32, &ok), 0);
	linkcache_free(lc);
	/* Sorted, the same two records are read. */
	memset(r, 0xaa, 64);
	memset(r + 65, 0xbb, 64);
	SHA256(file, len - 32, file + len - 32);
	put_file(path, file, len);
	lc = linkcache_open(&test_run, dir);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 1);
	ok = -1;
	ck_assert_int_eq(linkcache_get(lc, r + 65, r + 65 + 32, &ok), 1);
	ck_assert_int_eq(ok, 1);
	linkcache_free(lc);
}
END_TEST

START_TEST(damaged_cache_ignored)
{
	unsigned char	 a[32], b[32];
	struct linkcache *lc;
	char		 path[256];
	FILE		*f;
	int		 ok;
	unsigned	 warnings;

	memset(a, 1, 32);
	memset(b, 2, 32);
	lc = linkcache_open(&test_run, dir);
	linkcache_put(lc, a, b, 1);
	ck_assert_int_eq(linkcache_save(lc), 0);
	linkcache_free(lc);
	/* Flip the verdict byte: the checksum must catch it. */
	snprintf(path, sizeof(path), "%s/links", dir);
	f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	fseek(f, (long)strlen("auditscope-links-1\n") + 8 + 64, SEEK_SET);
	fputc(0, f);
	fclose(f);
	warnings = diag_warnings(&test_run);
	lc = linkcache_open(&test_run, dir);
	ck_assert_int_eq(linkcache_get(lc, a, b, &ok), 0);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 1);
	linkcache_free(lc);
	/* Truncated to the magic alone. */
	f = fopen(path, "wb");
	fputs("auditscope-links-1\n", f);
	fclose(f);
	lc = linkcache_open(&test_run, dir);
	ck_assert_int_eq(linkcache_get(lc, a, b, &ok), 0);
	linkcache_free(lc);
}
END_TEST

/*
 * The file is checked a piece at a time.  Damage far past the first
 * piece still discards the records indexed before it was seen: a bad
 * checksum at the end, then records out of order in a late piece under
 * a correct one.
 */
static void
child_of(unsigned i, unsigned char child[32])
{
	memset(child, 0x11, 32);
	child[0] = (unsigned char)(i >> 24);
	child[1] = (unsigned char)(i >> 16);
	child[2] = (unsigned char)(i >> 8);
	child[3] = (unsigned char)i;
}

/*
 * Swaps record k of a cache file's bytes with the next, makes the
 * checksum again and writes the file.
 */
static void
swap_records(const char *path, unsigned char *file, size_t len, size_t k)
{
	const size_t	 m = strlen("auditscope-links-1\n") + 8;
	unsigned char	 rec[65];

	memcpy(rec, file + m + k * 65, 65);
	memmove(file + m + k * 65, file + m + (k + 1) * 65, 65);
	memcpy(file + m + (k + 1) * 65, rec, 65);
	SHA256(file, len - 32, file + len - 32);
	put_file(path, file, len);
}

START_TEST(late_damage_ignored)
{
	const size_t	 m = strlen("auditscope-links-1\n") + 8;
	unsigned char	 child[32], key[32], *file;
	struct linkcache *lc;
	char		 path[256];
	unsigned	 i, n = 20000, warnings;
	size_t		 len;
	int		 ok;

	memset(key, 0x22, 32);
	lc = linkcache_open(&test_run, dir);
	for (i = 0; i < n; i++) {
		child_of(i, child);
		linkcache_put(lc, child, key, 1);
	}
	ck_assert_int_eq(linkcache_save(lc), 0);
	linkcache_free(lc);
	snprintf(path, sizeof(path), "%s/links", dir);
	ck_assert_int_eq(read_file(&test_run, path, RUN_MAX_INPUT, &file,
	    &len), 0);
	ck_assert_uint_eq(len, m + (size_t)n * 65 + 32);

	/* A verdict flipped in record 15000, a megabyte in. */
	file[m + 15000 * 65 + 64] ^= 1;
	put_file(path, file, len);
	warnings = diag_warnings(&test_run);
	lc = linkcache_open(&test_run, dir);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 1);
	child_of(0, child);
	ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 0);
	linkcache_free(lc);

	/* Records 15000 and 15001 swapped, the checksum made again. */
	file[m + 15000 * 65 + 64] ^= 1;
	swap_records(path, file, len, 15000);
	lc = linkcache_open(&test_run, dir);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 2);
	ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 0);
	linkcache_free(lc);

	/* Put back in order: every record is found again. */
	swap_records(path, file, len, 15000);
	lc = linkcache_open(&test_run, dir);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + 2);
	for (i = 0; i < n; i++) {
		child_of(i, child);
		ok = -1;
		ck_assert_int_eq(linkcache_get(lc, child, key, &ok), 1);
		ck_assert_int_eq(ok, 1);
	}
	linkcache_free(lc);
	free(file);
}
END_TEST

/* The child and key of the verdict the tests below plant. */
static const unsigned char pchild[32] = { 1, 1, 1, 1 },
    pkey[32] = { 2, 2, 2, 2 };

/* One verdict saved in dir, and its path. */
static void
saved_one(char *path, size_t n)
{
	struct linkcache *lc = linkcache_open(&test_run, cdir);

	linkcache_put(lc, pchild, pkey, 1);
	ck_assert_int_eq(linkcache_save(lc), 0);
	linkcache_free(lc);
	snprintf(path, n, "%s/links", cdir);
}

/*
 * Opened with dir as it now is: one warning (want_warn), the verdict
 * found or not, and a save that rewrites the file or not.
 */
static void
expect_cache(const unsigned char *x, const unsigned char *y, int want_hit,
    unsigned want_warn)
{
	unsigned char	 c[32];
	struct linkcache *lc;
	unsigned	 warnings = diag_warnings(&test_run);
	int		 ok = -1;

	memset(c, 0x77, 32);
	lc = linkcache_open(&test_run, cdir);
	ck_assert_int_eq(linkcache_get(lc, x, y, &ok), want_hit);
	if (want_hit)
		ck_assert_int_eq(ok, 1);
	linkcache_put(lc, c, c, 1);
	ck_assert_int_eq(linkcache_save(lc), 0);
	ck_assert_uint_eq(diag_warnings(&test_run), warnings + want_warn);
	linkcache_free(lc);
}

/*
 * A cache directory or file another user may write is neither read nor
 * written, with one warning: a planted record must not turn a missing
 * certificate into an all-clear.
 */
START_TEST(writable_by_others_ignored)
{
	unsigned char	 c[32];
	char		 path[256];
	struct stat	 st, st2;
	struct linkcache *lc;
	int		 ok;

	memset(c, 0x77, 32);
	saved_one(path, sizeof(path));
	ck_assert_int_eq(stat(path, &st), 0);

	ck_assert_int_eq(chmod(dir, 0770), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(chmod(dir, 0707), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(stat(path, &st2), 0);
	ck_assert_uint_eq(st.st_ino, st2.st_ino);	/* not rewritten */

	ck_assert_int_eq(chmod(dir, 0700), 0);
	ck_assert_int_eq(chmod(path, 0660), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(chmod(path, 0602), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(stat(path, &st2), 0);
	ck_assert_uint_eq(st.st_ino, st2.st_ino);

	/* Trusted again: read, and the new verdict saved beside it. */
	ck_assert_int_eq(chmod(path, 0600), 0);
	expect_cache(pchild, pkey, 1, 0);
	lc = linkcache_open(&test_run, cdir);
	ck_assert_int_eq(linkcache_get(lc, c, c, &ok), 1);
	linkcache_free(lc);
}
END_TEST

/* Owned by another user: only root can make one to test with. */
START_TEST(owned_by_another_ignored)
{
	char		 path[256];

	saved_one(path, sizeof(path));
	if (geteuid() != 0) {
		/* chown() to another user is refused: nothing to plant */
		ck_assert_int_ne(chown(path, 65534, 65534), 0);
		return;
	}
	ck_assert_int_eq(chown(path, 65534, 65534), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(chown(path, 0, 0), 0);
	ck_assert_int_eq(chown(dir, 65534, 65534), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(chown(dir, 0, 0), 0);
	expect_cache(pchild, pkey, 1, 0);
}
END_TEST

/* A symbolic link, as the file or as the directory, is not followed. */
START_TEST(symlinks_ignored)
{
	char		 path[256], real[300], link[300];
	struct stat	 st, st2;

	saved_one(path, sizeof(path));
	snprintf(real, sizeof(real), "%s/elsewhere", dir);
	ck_assert_int_eq(rename(path, real), 0);
	ck_assert_int_eq(symlink(real, path), 0);
	ck_assert_int_eq(stat(real, &st), 0);
	expect_cache(pchild, pkey, 0, 1);
	ck_assert_int_eq(stat(real, &st2), 0);
	ck_assert_int_eq(st.st_mtime, st2.st_mtime);
	ck_assert_uint_eq(st.st_size, st2.st_size);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rename(real, path), 0);
	expect_cache(pchild, pkey, 1, 0);

	/* The directory itself a link to a good cache directory. */
	snprintf(link, sizeof(link), "%s/via-link", dir);
	ck_assert_int_eq(symlink(dir, link), 0);
	cdir = link;
	expect_cache(pchild, pkey, 0, 1);
	cdir = dir;
}
END_TEST

/* A FIFO at the path must not hang the run in open(). */
START_TEST(fifo_does_not_hang)
{
	char		 path[256];

	snprintf(path, sizeof(path), "%s/links", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	alarm(10);
	expect_cache(pchild, pkey, 0, 1);
	alarm(0);
}
END_TEST

/*
 * The temporary file is made with O_EXCL under a name no one chose: a
 * link planted where the old code wrote (links.PID.tmp) stays untouched,
 * and the file written is this user's alone.
 */
START_TEST(temporary_not_followed)
{
	char		 path[256], tmp[300], target[300];
	struct stat	 st;
	FILE		*f;

	snprintf(target, sizeof(target), "%s/victim", dir);
	f = fopen(target, "w");
	ck_assert_ptr_nonnull(f);
	fputs("precious\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/links", dir);
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	ck_assert_int_eq(symlink(target, tmp), 0);
	saved_one(path, sizeof(path));
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_uint_eq(st.st_size, strlen("precious\n"));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	expect_cache(pchild, pkey, 1, 0);
}
END_TEST

/* A cache directory that does not exist yet is made 0700. */
START_TEST(directory_made_private)
{
	char		 sub[300];
	struct stat	 st;

	umask(0);
	snprintf(sub, sizeof(sub), "%s/new/auditscope", dir);
	cdir = sub;
	expect_cache(pchild, pkey, 0, 0);
	cdir = dir;
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0700);
}
END_TEST

/* A verdict byte other than 0 and 1, under a good checksum: damage. */
START_TEST(undefined_verdict_ignored)
{
	static const char magic[] = "auditscope-links-1\n";
	unsigned char	 file[sizeof(magic) - 1 + 8 + 65 + 32], *r;
	size_t		 m = sizeof(magic) - 1, len = sizeof(file);
	char		 path[256];

	memset(file, 0, sizeof(file));
	memcpy(file, magic, m);
	file[m] = 1;
	r = file + m + 8;
	memset(r, 0xaa, 32);
	memset(r + 32, 0xbb, 32);
	r[64] = 2;
	SHA256(file, len - 32, file + len - 32);
	snprintf(path, sizeof(path), "%s/links", dir);
	put_file(path, file, len);
	expect_cache(r, r + 32, 0, 1);
	r[64] = 1;
	SHA256(file, len - 32, file + len - 32);
	put_file(path, file, len);
	expect_cache(r, r + 32, 1, 0);
}
END_TEST

static char *
parents_of(const struct hierarchy *h)
{
	struct buf	 b = { 0 };
	size_t		 i, k;

	for (i = 0; i < h->nnodes; i++) {
		buf_printf(&b, "%zu:", i);
		for (k = 0; k < h->node[i].nparents; k++)
			buf_printf(&b, " %zu", h->node[i].parents[k]);
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

START_TEST(cached_hierarchy_equals_verified)
{
	struct hier_opts	 ho = { 0 };
	struct run		 r = test_run;
	struct inventory	*inv;
	struct hierarchy	 h = { 0 };
	char			*cold, *warm;
	unsigned long		 checked;

	/* The run names the cache's directory: this test's. */
	ck_assert_uint_lt(strlen(dir), sizeof(r.cache_dir));
	strcpy(r.cache_dir, dir);
	ho.run = &r;
	ho.use_cache = 1;
	inv = new_inv();
	ck_assert_int_eq(test_add_path(inv, "fixtures/sample/bundle.pem"),
	    0);
	inventory_sort(inv);
	hierarchy_build(&h, inv, &ho);
	cold = parents_of(&h);
	checked = h.links_checked;
	ck_assert_uint_gt(checked, 0);
	hierarchy_build(&h, inv, &ho);
	warm = parents_of(&h);
	ck_assert_uint_eq(h.links_checked, 0);
	ck_assert_str_eq(cold, warm);
	free(cold);
	free(warm);
	hierarchy_free(&h);
	inventory_free(inv);
}
END_TEST

Suite *
linkcache_suite(void)
{
	Suite	*s = suite_create("linkcache");
	TCase	*tc = tcase_create("cache");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, many_found);
	tcase_add_test(tc, damaged_cache_ignored);
	tcase_add_test(tc, unsorted_cache_ignored);
	tcase_add_test(tc, late_damage_ignored);
	tcase_add_test(tc, cached_hierarchy_equals_verified);
	tcase_add_test(tc, writable_by_others_ignored);
	tcase_add_test(tc, owned_by_another_ignored);
	tcase_add_test(tc, symlinks_ignored);
	tcase_add_test(tc, fifo_does_not_hang);
	tcase_add_test(tc, temporary_not_followed);
	tcase_add_test(tc, directory_made_private);
	tcase_add_test(tc, undefined_verdict_ignored);
	suite_add_tcase(s, tc);
	return s;
}
