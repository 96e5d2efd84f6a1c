/* Fingerprint parsing, dates and escaping: the pieces every reader trusts. */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"

static const char *FP =
    "949424DC2CCAAB5E9E80D66E0E3F7DEEB3201C607D4315EF4C6F2D93A917279D";

/*
 * digest_search(): every key of a sorted set found, and no other, at
 * every size from 0 to 300, with keys uniform, clustered (shared leading
 * bytes) and all at one end.
 */
static int
key_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 40);
}

/*
 * At sizes where the search interpolates more than once: uniform keys,
 * and a run of keys that share their leading bytes in the middle (where
 * interpolation learns nothing and must give way to halving).
 */
START_TEST(digest_search_large)
{
	static const unsigned sizes[] = { 1000, 4099, 60000 };
	unsigned char	(*keys)[40], probe[40];
	const void	*r;
	unsigned	 x = 11, n, i, k, s, missing = 0;

	keys = malloc(60000 * sizeof(*keys));
	ck_assert_ptr_nonnull(keys);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		n = sizes[s];
		for (i = 0; i < n; i++) {
			for (k = 0; k < 40; k++) {
				x = x * 1103515245u + 12345u;
				keys[i][k] = (unsigned char)(x >> 16);
			}
			if (i % 5 == 0)
				memcpy(keys[i], "\x7f\xff\xff\xff\xff\xff\xff", 7);
		}
		qsort(keys, n, 40, key_cmp);
		for (i = 0; i < n; i++) {
			ck_assert_ptr_eq(digest_search(keys, n, 40, keys[i],
			    32), keys[i]);
			memcpy(probe, keys[i], 40);
			probe[31] ^= 1;
			r = digest_search(keys, n, 40, probe, 32);
			if (r == NULL)
				missing++;
			else
				ck_assert_int_eq(memcmp(r, probe, 32), 0);
		}
	}
	/* The neighbours are not in the set (2^-8 chance each to be). */
	ck_assert_uint_gt(missing, 60000);
	free(keys);
}
END_TEST

/* Every digest's position, through growth, shared first 32 bits and a clear. */
static size_t
fpindex_find(const struct fpindex *ix, unsigned char (*d)[32],
    const unsigned char sha[32])
{
	size_t	 probe = FPINDEX_START, i;

	while ((i = fpindex_next(ix, sha, &probe)) != SIZE_MAX)
		if (memcmp(d[i], sha, 32) == 0)
			return i;
	return SIZE_MAX;
}

/*
 * n pseudo-random digests, every `shared`-th of which begins with the
 * same 32 bits (candidates for one another, not matches).
 */
static unsigned char (*
digests(unsigned n, unsigned seed, unsigned shared))[32]
{
	unsigned char	(*d)[32] = malloc(n * sizeof(*d));
	unsigned	 i, k;

	ck_assert_ptr_nonnull(d);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 32; k++) {
			seed = seed * 1103515245u + 12345u;
			d[i][k] = (unsigned char)(seed >> 16);
		}
		if (i % shared == 0)
			memcpy(d[i], "\x12\x34\x56\x78", 4);
	}
	return d;
}

START_TEST(fpindex_positions)
{
	enum { N = 20000 };
	unsigned char	(*d)[32], probe[32];
	struct fpindex	 ix;
	unsigned	 i, candidates = 0;
	size_t		 p = FPINDEX_START;

	/* A tenth share their first 32 bits: candidates, not matches. */
	d = digests(N, 5, 10);
	fpindex_init(&ix);
	for (i = 0; i < N; i++)
		fpindex_put(&ix, d[i], i);
	ck_assert_uint_eq(ix.n, N);
	ck_assert_uint_ge(ix.nslots, 2 * N);
	for (i = 0; i < N; i++) {
		ck_assert_uint_eq(fpindex_find(&ix, d, d[i]), i);
		memcpy(probe, d[i], 32);
		probe[31] ^= 1;
		ck_assert_uint_eq(fpindex_find(&ix, d, probe), SIZE_MAX);
	}
	while (fpindex_next(&ix, d[0], &p) != SIZE_MAX)
		candidates++;
	ck_assert_uint_eq(candidates, N / 10);
	/* Cleared and filled in reverse: the positions are the new ones. */
	fpindex_clear(&ix);
	ck_assert_uint_eq(fpindex_find(&ix, d, d[1]), SIZE_MAX);
	for (i = 0; i < N; i++)
		fpindex_put(&ix, d[N - 1 - i], i);
	for (i = 0; i < N; i++) {
		size_t q = FPINDEX_START, j, found = 0;

		while ((j = fpindex_next(&ix, d[i], &q)) != SIZE_MAX)
			if (memcmp(d[N - 1 - j], d[i], 32) == 0)
				found++;
		ck_assert_uint_eq(found, 1);
	}
	ck_assert_uint_eq(ix.n, N);
	fpindex_free(&ix);
	free(d);
}
END_TEST

/*
 * Renumbered as a sort moves the certificates (every position kept), then
 * as a set-aside drops some: each digest at its new position, no entry
 * left of those dropped, probe runs unbroken through the shared prefix.
 */
START_TEST(fpindex_renumbered)
{
	enum { N = 5000 };
	unsigned char	(*d)[32], (*e)[32], pre[32] = { 0x12, 0x34, 0x56, 0x78 };
	struct fpindex	 ix;
	long		*to;
	unsigned	 i, kept = 0, shared = 0;
	size_t		 p = FPINDEX_START, candidates = 0;

	d = digests(N, 11, 7);
	e = malloc(N * sizeof(*e));
	to = malloc(N * sizeof(*to));
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(to);
	fpindex_init(&ix);
	for (i = 0; i < N; i++)
		fpindex_put(&ix, d[i], i);
	/* Reversed: e[] is the array in its new order. */
	for (i = 0; i < N; i++) {
		to[i] = (long)(N - 1 - i);
		memcpy(e[N - 1 - i], d[i], 32);
	}
	fpindex_renumber(&ix, to, N);
	ck_assert_uint_eq(ix.n, N);
	for (i = 0; i < N; i++)
		ck_assert_uint_eq(fpindex_find(&ix, e, d[i]), N - 1 - i);
	/* Every third of the new order dropped, the rest closed up. */
	for (i = 0; i < N; i++) {
		if (i % 3 == 0) {
			to[i] = -1;
			continue;
		}
		to[i] = (long)kept;
		memcpy(d[kept++], e[i], 32);
		if (memcmp(e[i], "\x12\x34\x56\x78", 4) == 0)
			shared++;
	}
	fpindex_renumber(&ix, to, N);
	ck_assert_uint_eq(ix.n, kept);
	for (i = 0; i < N; i++)
		ck_assert_uint_eq(fpindex_find(&ix, d, e[i]),
		    i % 3 == 0 ? SIZE_MAX : (size_t)to[i]);
	while (fpindex_next(&ix, pre, &p) != SIZE_MAX)
		candidates++;
	ck_assert_uint_gt(shared, 100);
	ck_assert_uint_eq(candidates, shared);
	fpindex_free(&ix);
	free(to);
	free(e);
	free(d);
}
END_TEST

START_TEST(digest_search_finds)
{
	static unsigned char	 keys[300][40];
	unsigned char		 probe[40];
	unsigned		 x = 7, shape, n, i, k;

	for (shape = 0; shape < 3; shape++)
		for (n = 0; n <= 300; n += n < 20 ? 1 : 37) {
			for (i = 0; i < n; i++) {
				for (k = 0; k < 40; k++) {
					x = x * 1103515245u + 12345u;
					keys[i][k] = (unsigned char)(x >> 16);
				}
				if (shape == 1 && i % 3 == 0)
					memset(keys[i], 0x80, 8);
				if (shape == 2)
					memset(keys[i], 0xff, 6);
			}
			qsort(keys, n, 40, key_cmp);
			for (i = 0; i < n; i++) {
				ck_assert_ptr_eq(digest_search(keys, n, 40,
				    keys[i], 32), keys[i]);
				memcpy(probe, keys[i], 40);
				probe[31] ^= 1;		/* a neighbour */
				if (digest_search(keys, n, 40, probe, 32) !=
				    NULL)
					ck_assert_int_eq(memcmp(digest_search(
					    keys, n, 40, probe, 32), probe,
					    32), 0);
			}
			memset(probe, 0, 40);
			ck_assert_ptr_null(digest_search(keys, n, 40, probe,
			    32));
			memset(probe, 0xff, 40);
			ck_assert_ptr_null(digest_search(keys, n, 40, probe,
			    32));
		}
}
END_TEST

START_TEST(fp_forms)
{
	unsigned char	 a[32], b[32];

	ck_assert_int_eq(fp_parse(FP, a), 0);
	ck_assert_int_eq(fp_parse("949424dc2ccaab5e9e80d66e0e3f7deeb3201c60"
	    "7d4315ef4c6f2d93a917279d", b), 0);
	ck_assert_mem_eq(a, b, 32);
	ck_assert_int_eq(fp_parse("94:94:24:DC:2C:CA:AB:5E:9E:80:D6:6E:0E:3F:"
	    "7D:EE:B3:20:1C:60:7D:43:15:EF:4C:6F:2D:93:A9:17:27:9D", b), 0);
	ck_assert_mem_eq(a, b, 32);
	ck_assert_int_eq(fp_parse("  94 94 24 DC 2C CA AB 5E 9E 80 D6 6E 0E 3F "
	    "7D EE B3 20 1C 60 7D 43 15 EF 4C 6F 2D 93 A9 17 27 9D\n", b), 0);
	ck_assert_mem_eq(a, b, 32);
}
END_TEST

START_TEST(fp_rejects)
{
	unsigned char	 a[32];

	/* 63 digits, 65 digits, a stray letter, mixed separators */
	ck_assert_int_eq(fp_parse("949424DC2CCAAB5E9E80D66E0E3F7DEEB3201C607D"
	    "4315EF4C6F2D93A917279", a), -1);
	ck_assert_int_eq(fp_parse("949424DC2CCAAB5E9E80D66E0E3F7DEEB3201C607D"
	    "4315EF4C6F2D93A917279DD", a), -1);
	ck_assert_int_eq(fp_parse("949424DC2CCAAB5E9E80D66E0E3F7DEEB3201C607D"
	    "4315EF4C6F2D93A917279G", a), -1);
	ck_assert_int_eq(fp_parse("94:94 24:DC:2C:CA:AB:5E:9E:80:D6:6E:0E:3F:"
	    "7D:EE:B3:20:1C:60:7D:43:15:EF:4C:6F:2D:93:A9:17:27:9D", a), -1);
	ck_assert_int_eq(fp_parse("", a), -1);
}
END_TEST

START_TEST(dates)
{
	astime	 t;
	char	 s[21], d[11];

	ck_assert_int_eq(time_parse_date("2025-08-31", &t), 0);
	time_format(t, s);
	ck_assert_str_eq(s, "2025-08-31T00:00:00Z");
	ck_assert_int_eq(time_parse_date("2024.02.29", &t), 0);
	time_format_date(t, d);
	ck_assert_str_eq(d, "2024-02-29");
	ck_assert_int_eq(time_parse_date("2023-02-29", &t), -1);
	ck_assert_int_eq(time_parse_date("2023-13-01", &t), -1);
	ck_assert_int_eq(time_parse_date("2023-01-01x", &t), -1);
	ck_assert_int_eq(time_parse_date("2023/01/01", &t), -1);
	ck_assert_int_eq(time_parse_date("2023-01", &t), -1);
	/* 9999-12-31 survives a 64-bit clock */
	time_format(time_from_civil(9999, 12, 31, 23, 59, 59), s);
	ck_assert_str_eq(s, "9999-12-31T23:59:59Z");
	time_format(time_from_civil(1950, 1, 1, 0, 0, 0), s);
	ck_assert_str_eq(s, "1950-01-01T00:00:00Z");
}
END_TEST

/* The names people write for audit kinds (issue 20). */
START_TEST(kind_names)
{
	static const struct { const char *s; enum audit_kind k; } ok[] = {
		{ "smime", KIND_SMIME }, { "S/MIME", KIND_SMIME },
		{ "SMIME", KIND_SMIME }, { "WTBR", KIND_TLS },
		{ "BR", KIND_TLS }, { "TLS", KIND_TLS }, { "EV", KIND_EV },
		{ "EVSSL", KIND_EV }, { "EV SSL", KIND_EV }, { "EVG", KIND_EV },
		{ "CS", KIND_CODESIGNING }, { "Code Signing", KIND_CODESIGNING },
		{ "code-signing", KIND_CODESIGNING }, { "NetSec", KIND_NETSEC },
		{ "WTCA", KIND_STANDARD }, { "Standard", KIND_STANDARD },
	};
	static const char *bad[] = { "", "webtrust", "smimex", "e v s",
	    "s/mime/x", "tls,ev", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	enum audit_kind	 k;
	unsigned	 set;
	size_t		 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ck_assert_msg(kind_parse(ok[i].s, &k) == 0, "%s", ok[i].s);
		ck_assert_int_eq(k, ok[i].k);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(kind_parse(bad[i], &k) != 0, "%s", bad[i]);
	ck_assert_int_eq(kinds_parse("S/MIME,WTBR", &set), 0);
	ck_assert_uint_eq(set, KIND_BIT(KIND_SMIME) | KIND_BIT(KIND_TLS));
	ck_assert_int_eq(kinds_parse("ALL", &set), 0);
	ck_assert_uint_eq(set, (1u << NKINDS) - 1);
	ck_assert_int_ne(kinds_parse("smime,", &set), 0);
}
END_TEST

START_TEST(escaping)
{
	char	*s;

	s = esc_utf8((const unsigned char *)"a\xff" "b\0c", 5);
	ck_assert_str_eq(s, "a\\xFFb\\x00c");
	free(s);
	s = esc_term("CN=\x1b[31mred\xe2\x80\xae" "evil\n");
	ck_assert_str_eq(s, "CN=\\u{001B}[31mred\\u{202E}evil\\u{000A}");
	free(s);
	s = esc_term("CN=M\xc3\xbcnchen");
	ck_assert_str_eq(s, "CN=M\xc3\xbcnchen");
	free(s);
	s = esc_csv("=HYPERLINK(\"x\")");
	ck_assert_str_eq(s, "\"'=HYPERLINK(\"\"x\"\")\"");
	free(s);
	s = esc_csv("-1");
	ck_assert_str_eq(s, "\"'-1\"");
	free(s);
	s = esc_csv("CN=Root, O=\"Q\"");
	ck_assert_str_eq(s, "\"CN=Root, O=\"\"Q\"\"\"");
	free(s);
	/* Serialised JSON: DEL, C1, bidi escaped; the rest as jansson wrote. */
	s = esc_json("{\"s\": \"a\x7f\xc2\x9b\xe2\x80\xae\\u001b "
	    "M\xc3\xbcnchen\"}");
	ck_assert_str_eq(s, "{\"s\": \"a\\u007f\\u009b\\u202e\\u001b "
	    "M\xc3\xbcnchen\"}");
	free(s);
}
END_TEST

/*
 * xgrow(): each element kept as the array doubles, its capacity always
 * past the element asked for, even when the caller's capacity fell behind.
 */
START_TEST(grow_by_doubling)
{
	size_t	*v = NULL, n, cap = 0, grew = 0, last = 0;

	for (n = 0; n < 100000; n++) {
		v = xgrow(v, n, &cap, sizeof(*v));
		ck_assert_uint_gt(cap, n);
		if (cap != last) {
			grew++;
			last = cap;
		}
		v[n] = n * 7;
	}
	/* 16, 32, ... 131072: fourteen reallocations, not 100,000. */
	ck_assert_uint_eq(grew, 14);
	for (n = 0; n < 100000; n++)
		ck_assert_uint_eq(v[n], n * 7);
	cap = 4;	/* behind n: grown past it all the same */
	v = xgrow(v, 100000, &cap, sizeof(*v));
	ck_assert_uint_gt(cap, 100000);
	v[100000] = 1;
	ck_assert_uint_eq(v[99999], 99999 * 7);
	free(v);
}
END_TEST

Suite *
util_suite(void)
{
	Suite	*s = suite_create("util");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, fp_forms);
	tcase_add_test(tc, fp_rejects);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, digest_search_finds);
	tcase_add_test(tc, digest_search_large);
	tcase_add_test(tc, fpindex_positions);
	tcase_add_test(tc, fpindex_renumbered);
	tcase_add_test(tc, grow_by_doubling);
	suite_add_tcase(s, tc);
	return s;
}
