/*
 * Issuer links: confirmed by signature, never by name alone.  The sample
 * hierarchy (fixtures/sample, see MANIFEST.tsv) holds each case: a
 * cross-signed pair, a re-issued root, a twin signed by an impostor that
 * only carries Root A's name, a SHA-1 cross-certificate, and cycles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cert/certdec.h"
#include "cmd/cmd.h"
#include "test_run.h"
#include "testinv.h"

Suite	*hierarchy_suite(void);

#define ROOT_A		"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"
#define ROOT_B		"BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA"
#define CROSS_AB	"8CD83B5B2AC2ABE2C685983A506B639122E3EB29D80843FBBC1F230E64C4E27A"
#define CROSS_BA	"EC9D4CE8BF1AC84699D071717AB75D6C1643FDDAAF91E06F8A35DC0BBE42CFFD"
#define ROOT_A2		"3C5A411A1975B17E186673D864F3FCC26092D7663F57CC1445ED3A2990AE3334"
#define CROSS_BC	"9CA2AFBF36B0097442DB0DD736BD5D17C20A6EA6930ACFDE2382DC2CAEC4F70F"
#define TWIN_A		"FBBEC5D13647699C61422E94E87A936560DAAED626F07015DA2E76C3E8400E97"
#define TWIN_IMP	"0F1E966F312EE793CCA65CA56714957B549F23CDC698C129CB23A48BA494F236"
#define IMPOSTOR	"9DCFCA3B7703B6575C5C55217E9A2D27AF35DB6AE40FB3A2FA5BAD3899F58CF8"
#define SMIME		"F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642"
#define SMIME_SHA1	"4333CE634D6EBB2E49985CBA50677A129F2F358CC7414DDD40373DDB00C29C55"

/* The last inventory's hierarchy (hierarchy_build frees the one before). */
static struct hierarchy hier;

static struct inventory *
build(const char *const *paths, size_t n)
{
	struct inventory *inv = new_inv();
	size_t		 i;

	diag_reset(&test_run);
	diag_set_stream(&test_run, NULL);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(test_add_path(inv, paths[i]), 0);
	inventory_sort(inv);
	ck_assert_int_eq(hierarchy_build(&hier, inv, NULL), 0);
	return inv;
}

static struct inventory *
bundle(void)
{
	static const char *const p[] = { "fixtures/sample/bundle.pem" };

	return build(p, 1);
}

static size_t
idx(const struct inventory *inv, const char *hex)
{
	unsigned char	 sha[32];
	long		 i;

	ck_assert_int_eq(fp_parse(hex, sha), 0);
	i = inventory_find(inv, sha);
	ck_assert_msg(i >= 0, "%s not loaded", hex);
	return (size_t)i;
}

/* Is `parent' among `child's parents? */
static int
issued(const struct inventory *inv, const char *parent, const char *child)
{
	const struct hnode *c = &hier.node[idx(inv, child)];
	size_t		 p = idx(inv, parent), i;

	for (i = 0; i < c->nparents; i++)
		if (c->parents[i] == p)
			return 1;
	return 0;
}

START_TEST(cross_signed_pair)
{
	struct inventory *inv = bundle();

	/* Root A's key issued B-by-A, Root B's key issued A-by-B. */
	ck_assert(issued(inv, ROOT_A, CROSS_BA));
	ck_assert(issued(inv, ROOT_B, CROSS_AB));
	/* ...and through the key group, each certificate of that key. */
	ck_assert(issued(inv, ROOT_A2, CROSS_BA));
	ck_assert(issued(inv, CROSS_AB, CROSS_BA));
	ck_assert(issued(inv, CROSS_BA, CROSS_AB));
	ck_assert(issued(inv, CROSS_BC, CROSS_AB));
	ck_assert_uint_eq(hier.node[idx(inv, CROSS_AB)].nparents, 3);
	ck_assert_uint_eq(hier.node[idx(inv, ROOT_A)].nparents, 0);
	ck_assert_int_eq(hier_is_root(&hier, inv, idx(inv, ROOT_A)), 1);
	ck_assert_int_eq(hier_is_root(&hier, inv, idx(inv, CROSS_AB)), 0);
	inventory_free(inv);
}
END_TEST

START_TEST(reissued_root)
{
	struct inventory *inv = bundle();
	size_t		 ga = hier.node[idx(inv, ROOT_A)].group;
	const struct keygroup *g = &hier.groups[ga];

	/* One key group: Root A, its re-issue, and Root A cross-signed. */
	ck_assert_uint_eq(ga, hier.node[idx(inv, ROOT_A2)].group);
	ck_assert_uint_eq(g->nmembers, 3);
	ck_assert_uint_eq(hier.node[idx(inv, CROSS_AB)].group, ga);
	/* Siblings, never issuer and issued. */
	ck_assert(!issued(inv, ROOT_A, ROOT_A2));
	ck_assert(!issued(inv, ROOT_A2, ROOT_A));
	ck_assert(!issued(inv, ROOT_A, CROSS_AB));
	ck_assert_int_eq(hier.node[idx(inv, ROOT_A2)].self_signed, 1);
	inventory_free(inv);
}
END_TEST

START_TEST(same_name_other_key)
{
	static const char *const with_impostor[] = {
		"fixtures/sample/bundle.pem",
		"fixtures/sample/impostor/impostor-root-a.pem",
	};
	struct inventory *inv = bundle();

	/* The twin signed by the impostor's key is not Root A's. */
	ck_assert_uint_eq(hier.node[idx(inv, TWIN_IMP)].nparents, 0);
	ck_assert(issued(inv, ROOT_A, TWIN_A));
	/* The name matched Root A's three certificates: one key, rejected. */
	ck_assert_uint_eq(hier.links_rejected, 1);
	inventory_free(inv);

	inv = build(with_impostor, 2);
	ck_assert(issued(inv, IMPOSTOR, TWIN_IMP));
	ck_assert(!issued(inv, ROOT_A, TWIN_IMP));
	ck_assert(!issued(inv, IMPOSTOR, TWIN_A));
	ck_assert_uint_eq(hier.node[idx(inv, TWIN_IMP)].nparents, 1);
	/* Same name as Root A, other key: its own group. */
	ck_assert_uint_ne(hier.node[idx(inv, IMPOSTOR)].group,
	    hier.node[idx(inv, ROOT_A)].group);
	inventory_free(inv);
}
END_TEST

START_TEST(sha1_link)
{
	struct inventory *inv = bundle();

	ck_assert_str_eq(inv->certs[idx(inv, SMIME_SHA1)]->sigalg,
	    "sha1WithRSAEncryption");
	ck_assert(issued(inv, ROOT_B, SMIME_SHA1));
	/* Same subject and key as the SHA-256 S/MIME CA: siblings. */
	ck_assert_uint_eq(hier.node[idx(inv, SMIME_SHA1)].group,
	    hier.node[idx(inv, SMIME)].group);
	inventory_free(inv);
}
END_TEST

/* Runs `tree' on the inputs; returns its output, caller frees. */
static char *
run_tree(enum outfmt fmt, int argc, char **argv, int *rc)
{
	struct opts	 o;
	struct buf	 b = { 0 };
	char		 chunk[4096];
	size_t		 n;

	memset(&o, 0, sizeof(o));
	o.format = fmt;
	test_run.jobs = 1;
	o.out = tmpfile();
	ck_assert_ptr_nonnull(o.out);
	diag_set_stream(&test_run, NULL);
	test_run.now = time_from_civil(2025, 6, 1, 0, 0, 0);
	test_run.causes = 0;
	diag_reset(&test_run);
	*rc = cmd_tree(&test_run, &o, argc, argv);
	rewind(o.out);
	while ((n = fread(chunk, 1, sizeof(chunk), o.out)) > 0)
		buf_add(&b, chunk, n);
	fclose(o.out);
	return buf_take(&b);
}

START_TEST(cycles_terminate)
{
	char	*argv[] = { "fixtures/sample/bundle.pem" };
	char	*out;
	int	 rc;

	/* A and B sign each other; C and B, A and C too. */
	out = run_tree(OUT_TEXT, 1, argv, &rc);
	ck_assert_int_eq(rc, EXIT_CLEAN);
	ck_assert_ptr_nonnull(strstr(out, "(cycle: this key is already "
	    "above)"));
	ck_assert_ptr_nonnull(strstr(out, "33 certificates, 4 roots, "
	    "1 orphans"));
	free(out);
	out = run_tree(OUT_DOT, 1, argv, &rc);
	ck_assert_int_eq(rc, EXIT_CLEAN);
	ck_assert_ptr_nonnull(strstr(out, "\"" ROOT_B "\" -> \"" CROSS_AB
	    "\";"));
	ck_assert_str_eq(out + strlen(out) - 2, "}\n");
	free(out);
}
END_TEST

/* A cycle with no self-signed root at all: printed once, and ends. */
START_TEST(rootless_cycle)
{
	char	*argv[] = { "fixtures/sample/certs/03-cross-a-by-b.pem",
	    "fixtures/sample/certs/04-cross-b-by-a.pem" };
	char	*out;
	int	 rc;

	out = run_tree(OUT_TEXT, 2, argv, &rc);
	ck_assert_int_eq(rc, EXIT_CLEAN);
	ck_assert_ptr_nonnull(strstr(out, "In a cycle with no self-signed "
	    "root:"));
	ck_assert_ptr_nonnull(strstr(out, "(cycle: this key is already "
	    "above)"));
	ck_assert_ptr_nonnull(strstr(out, "2 certificates, 0 roots, "
	    "0 orphans, 2 verified"));
	free(out);
}
END_TEST

/* The same files in the opposite order: the same bytes out. */
START_TEST(input_order)
{
	char	*fwd[32], *rev[32], *a, *b;
	char	 path[32][128];
	int	 i, rc;
	FILE	*m;
	char	 line[1024];

	m = fopen("fixtures/sample/MANIFEST.tsv", "r");
	ck_assert_ptr_nonnull(m);
	i = 0;
	while (fgets(line, sizeof(line), m) != NULL && i < 32)
		if (strncmp(line, "certs/", 6) == 0) {
			snprintf(path[i], sizeof(path[i]),
			    "fixtures/sample/%.*s", (int)strcspn(line, "\t"),
			    line);
			i++;
		}
	fclose(m);
	ck_assert_int_eq(i, 32);
	for (i = 0; i < 32; i++) {
		fwd[i] = path[i];
		rev[i] = path[31 - i];
	}
	a = run_tree(OUT_TEXT, 32, fwd, &rc);
	ck_assert_int_eq(rc, EXIT_CLEAN);
	b = run_tree(OUT_TEXT, 32, rev, &rc);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	{
		struct opts	 o;
		struct buf	 x = { 0 }, y = { 0 };
		char		 chunk[4096];
		size_t		 n;
		int		 k;

		for (k = 0; k < 2; k++) {
			struct buf *t = k == 0 ? &x : &y;

			memset(&o, 0, sizeof(o));
			o.format = OUT_JSON;
			o.out = tmpfile();
			test_run.causes = 0;
			diag_reset(&test_run);
			ck_assert_int_eq(cmd_inventory(&test_run, &o, 32,
			    k == 0 ? fwd : rev), EXIT_CLEAN);
			rewind(o.out);
			while ((n = fread(chunk, 1, sizeof(chunk), o.out)) > 0)
				buf_add(t, chunk, n);
			fclose(o.out);
		}
		ck_assert_uint_eq(x.len, y.len);
		ck_assert_int_eq(memcmp(x.data, y.data, x.len), 0);
		buf_free(&x);
		buf_free(&y);
	}
}
END_TEST

/*
 * Grouping by (subject, key) at sizes a fixture cannot reach: certificates
 * made in memory, none naming another as issuer, so no signature is
 * checked.  One name carries 40 certificates of 20 keys, another 6 of 3
 * keys, both interleaved, among thousands of other names whose re-issued
 * twins come last: groups must come out numbered by their first member,
 * members in inventory order, at 50 certificates and at 10,000.
 */
static struct cert *
made_cert(struct inventory *inv, unsigned name, unsigned key)
{
	/* In the inventory's arena, as loader_add_der() files one. */
	struct cert	*c = arena_alloc(&inv->arena, sizeof(*c));
	unsigned char	 buf[8];

	memcpy(buf, &name, sizeof(name));
	memcpy(buf + 4, "name", 4);
	digest_sha256(buf, sizeof(buf), c->subject_id);
	c->subject_hash = certdec_name_hash(c->subject_id);
	memcpy(buf + 4, "issu", 4);
	digest_sha256(buf, sizeof(buf), c->issuer_id);
	c->issuer_hash = certdec_name_hash(c->issuer_id);
	memcpy(buf, &key, sizeof(key));
	memcpy(buf + 4, "key ", 4);
	digest_sha256(buf, sizeof(buf), c->spki_sha256);
	return c;
}

START_TEST(groups_at_scale)
{
	static const size_t sizes[] = { 50, 10000 };
	size_t		 s, i, k, n, want;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct inventory *inv = new_inv();

		n = sizes[s];
		inv->certs = xcalloc(n, sizeof(*inv->certs));
		inv->capcerts = n;
		/* 40 of one name, keys 0..19 twice, interleaved */
		for (i = 0; i < 40; i++)
			inv->certs[inv->ncerts++] = made_cert(inv, 0,
			    (unsigned)(i % 20));
		/* 6 of another, keys 0..2 twice, interleaved */
		for (i = 0; i < 6; i++)
			inv->certs[inv->ncerts++] = made_cert(inv, 1,
			    (unsigned)(i % 3));
		want = 23;
		/* names 2.., every third re-issued on its key at the end */
		for (i = 2; inv->ncerts < n - (n - 46) / 4; i++) {
			inv->certs[inv->ncerts++] = made_cert(inv, (unsigned)i,
			    1000);
			want++;
		}
		for (k = 3; inv->ncerts < n; k += 3)
			inv->certs[inv->ncerts++] = made_cert(inv, (unsigned)k,
			    1000);
		ck_assert_uint_lt(k - 3, i);	/* each twin of a name made */
		ck_assert_int_eq(hierarchy_build(&hier, inv, NULL), 0);
		ck_assert_uint_eq(hier.ngroups, want);
		for (i = 0; i < hier.ngroups; i++) {
			const struct keygroup *g = &hier.groups[i];
			const struct cert *first = inv->certs[g->members[0]];

			/* numbered by their first member, members in order */
			if (i > 0)
				ck_assert_uint_lt(hier.groups[i - 1].members[0],
				    g->members[0]);
			for (k = 0; k < g->nmembers; k++) {
				const struct cert *c = inv->certs[g->members[k]];

				ck_assert_uint_eq(hier.node[g->members[k]].group,
				    i);
				ck_assert_mem_eq(c->spki_sha256,
				    first->spki_sha256, 32);
				ck_assert_mem_eq(c->subject_id,
				    first->subject_id, 32);
				if (k > 0)
					ck_assert_uint_lt(g->members[k - 1],
					    g->members[k]);
			}
		}
		/* the name of 40: keys 0..19 are groups 0..19, two each */
		for (i = 0; i < 20; i++) {
			ck_assert_uint_eq(hier.groups[i].nmembers, 2);
			ck_assert_uint_eq(hier.groups[i].members[0], i);
			ck_assert_uint_eq(hier.groups[i].members[1], i + 20);
		}
		inventory_free(inv);
	}
}
END_TEST

Suite *
hierarchy_suite(void)
{
	Suite	*s = suite_create("hierarchy");
	TCase	*tc = tcase_create("links");

	tcase_add_test(tc, cross_signed_pair);
	tcase_add_test(tc, reissued_root);
	tcase_add_test(tc, same_name_other_key);
	tcase_add_test(tc, sha1_link);
	tcase_add_test(tc, cycles_terminate);
	tcase_add_test(tc, rootless_cycle);
	tcase_add_test(tc, input_order);
	tcase_add_test(tc, groups_at_scale);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
