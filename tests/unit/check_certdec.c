/*
 * The strict DER reader (cert_der.c) against the reference decoding
 * through OpenSSL (cert.c): on every certificate it takes, every field
 * must be the same.  Run over every certificate of the fixtures and the
 * whole CCADB corpus of ../shared/data, and over hand-made edge cases of
 * the name printer.  Also checks that the reader does take the common
 * case: a reader that declined everything would "agree" vacuously.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cert/certdec.h"
#include "certdec_cmp.h"
#include "testinv.h"
#include "test_run.h"

Suite	*certdec_suite(void);

#define CORPUS	"../shared/data/ccadb"

struct tally {
	size_t	 taken;
	size_t	 declined;
};

/* Loads paths, then decodes each certificate's DER both ways. */
static void
compare_inventory(struct inventory *inv, struct tally *t)
{
	size_t		 i;
	const char	*field;

	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		int		 r = certdec_compare(c->der, c->der_len,
				    &field);

		if (r == 1)
			ck_abort_msg("%s (%s): the strict reader differs "
			    "in %s", c->subject, c->sources[0].path, field);
		if (r == 0)
			t->taken++;
		else
			t->declined++;
	}
}

static void
load_dir(struct inventory *inv, const char *dir, const char *suffix)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	char		 path[1024];

	ck_assert_msg(d != NULL, "%s: cannot open (the differential test "
	    "needs it)", dir);
	while ((e = readdir(d)) != NULL) {
		size_t	 n = strlen(e->d_name), k = strlen(suffix);

		if (n < k || strcmp(e->d_name + n - k, suffix) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		(void)test_add_path(inv, path);
	}
	closedir(d);
}

START_TEST(fixtures_agree)
{
	struct inventory *inv = new_inv();
	struct tally	 t = { 0 };

	diag_set_stream(&test_run, NULL);
	load_dir(inv, "fixtures/sample", ".pem");
	load_dir(inv, "fixtures/hostile", ".pem");
	load_dir(inv, "fixtures/scope", ".pem");
	inventory_sort(inv);
	compare_inventory(inv, &t);
	/* Every sample certificate is plain v3 DER: all must be taken. */
	ck_assert_uint_gt(t.taken, 30);
	inventory_free(inv);
	diag_set_stream(&test_run, stderr);
}
END_TEST

START_TEST(ccadb_corpus_agrees)
{
	struct inventory *inv = new_inv();
	struct tally	 t = { 0 };

	diag_set_stream(&test_run, NULL);
	load_dir(inv, CORPUS, ".csv");
	inventory_sort(inv);
	ck_assert_uint_gt(inv->ncerts, 10000);
	compare_inventory(inv, &t);
	/* The point of the reader: it must take nearly all real ones. */
	ck_assert_msg(t.taken * 100 >= inv->ncerts * 95,
	    "strict reader took only %zu of %zu", t.taken, inv->ncerts);
	inventory_free(inv);
	diag_set_stream(&test_run, stderr);
}
END_TEST

/*
 * Names built here, signed by nobody (the signature is not read): the
 * printer's escaping rules one by one, against OpenSSL's printing.
 */
static size_t
der_len_bytes(size_t len, unsigned char *out)
{
	if (len < 0x80) {
		out[0] = (unsigned char)len;
		return 1;
	}
	if (len < 0x100) {
		out[0] = 0x81;
		out[1] = (unsigned char)len;
		return 2;
	}
	out[0] = 0x82;
	out[1] = (unsigned char)(len >> 8);
	out[2] = (unsigned char)len;
	return 3;
}

static void
tlv(struct buf *b, unsigned char tag, const void *v, size_t n)
{
	unsigned char	 h[4];

	buf_addc(b, (char)tag);
	buf_add(b, h, der_len_bytes(n, h));
	buf_add(b, v, n);
}

/* A v3 CA certificate whose subject has one CN of this type and value. */
static struct buf
cert_with_cn(unsigned char type, const void *val, size_t n, int two)
{
	static const unsigned char cn[] = { 0x06, 0x03, 0x55, 0x04, 0x03 };
	static const unsigned char ou[] = { 0x06, 0x03, 0x55, 0x04, 0x0b };
	static const unsigned char alg[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a,
	    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
	static const unsigned char validity[] = { 0x30, 0x1e,
	    0x17, 0x0d, '2', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0',
	    '0', 'Z', 0x17, 0x0d, '3', '5', '0', '1', '0', '1', '0', '0', '0',
	    '0', '0', '0', 'Z' };
	/* an Ed25519 key of zeros (32 bytes follow): never verified here */
	static const unsigned char spki[] = { 0x30, 0x2a, 0x30, 0x05, 0x06,
	    0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };
	static const unsigned char key[32];
	/* basicConstraints cA, keyUsage keyCertSign */
	static const unsigned char exts[] = { 0xa3, 0x1d, 0x30, 0x1b,
	    0x30, 0x0c, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x04, 0x05, 0x30, 0x03,
	    0x01, 0x01, 0xff,
	    0x30, 0x0b, 0x06, 0x03, 0x55, 0x1d, 0x0f, 0x04, 0x04, 0x03, 0x02,
	    0x02, 0x04 };
	struct buf	 atv = { 0 }, rdn = { 0 }, name = { 0 }, tbs = { 0 },
			 all = { 0 }, out = { 0 }, issuer = { 0 };

	buf_add(&atv, cn, sizeof(cn));
	tlv(&atv, type, val, n);
	tlv(&rdn, 0x30, atv.data, atv.len);
	tlv(&name, 0x31, rdn.data, rdn.len);
	if (two) {
		/* the same value again as an OU in a second RDN */
		struct buf a2 = { 0 }, r2 = { 0 };

		buf_add(&a2, ou, sizeof(ou));
		tlv(&a2, type, val, n);
		tlv(&r2, 0x30, a2.data, a2.len);
		tlv(&name, 0x31, r2.data, r2.len);
		buf_free(&a2);
		buf_free(&r2);
	}
	tlv(&issuer, 0x30, name.data, name.len);
	buf_add(&tbs, "\xa0\x03\x02\x01\x02\x02\x01\x01", 8);
	buf_add(&tbs, alg, sizeof(alg));
	buf_add(&tbs, issuer.data, issuer.len);
	buf_add(&tbs, validity, sizeof(validity));
	buf_add(&tbs, issuer.data, issuer.len);
	buf_add(&tbs, spki, sizeof(spki));
	buf_add(&tbs, key, sizeof(key));
	buf_add(&tbs, exts, sizeof(exts));
	tlv(&all, 0x30, tbs.data, tbs.len);
	buf_add(&all, alg, sizeof(alg));
	tlv(&all, 0x03, "\0\0", 2);
	tlv(&out, 0x30, all.data, all.len);
	buf_free(&atv);
	buf_free(&rdn);
	buf_free(&name);
	buf_free(&issuer);
	buf_free(&tbs);
	buf_free(&all);
	return out;
}

static const struct {
	unsigned char	 type;
	const char	*val;
	size_t		 len;
	int		 taken;		/* must the strict reader take it? */
} names[] = {
	{ 0x13, "Plain Name", 10, 1 },
	{ 0x13, " lead and trail ", 16, 1 },
	{ 0x13, "#hash", 5, 1 },
	{ 0x13, "#", 1, 1 },
	{ 0x13, " ", 1, 1 },
	{ 0x13, "a,b+c\"d\\e<f>g;h=i", 17, 1 },
	{ 0x13, "tab\there\x7f", 10, 1 },
	{ 0x13, "nul\0in", 6, 1 },
	{ 0x13, "  Many   Blanks  ", 17, 1 },
	{ 0x14, "Caf\xe9 T61", 8, 1 },
	{ 0x16, "ia5@example.com", 15, 1 },
	{ 0x12, "0123 456", 8, 1 },
	{ 0x1a, "Visible", 7, 0 },		/* OpenSSL refuses it */
	{ 0x0c, "Gr\xc3\xbc\xc3\x9f Gott", 12, 1 },
	{ 0x0c, "\xe2\x80\xae" "bidi", 7, 1 },
	{ 0x0c, "bad \xc3(", 6, 0 },		/* invalid UTF-8 */
	{ 0x0c, "\xed\xa0\x80", 3, 0 },		/* a surrogate */
	{ 0x1e, "\0A\0,\x00\xe9\x20\xac", 8, 1 },
	{ 0x1e, "\0A\xd8\x00", 4, 0 },		/* BMP surrogate */
	{ 0x1e, "\0A\0", 3, 0 },		/* odd BMP length */
	{ 0x1c, "\0\0\0A", 4, 0 },		/* UniversalString */
	{ 0x04, "octets", 6, 0 },		/* not a string type */
};

START_TEST(names_print_as_openssl)
{
	size_t		 i;
	int		 two;

	for (two = 0; two <= 1; two++)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			struct buf	 der = cert_with_cn(names[i].type,
					    names[i].val, names[i].len, two);
			const char	*field;
			int		 r;

			r = certdec_compare((unsigned char *)der.data,
			    der.len, &field);
			ck_assert_msg(r != 1, "name %zu: differs in %s", i,
			    field);
			ck_assert_msg((r == 0) == names[i].taken,
			    "name %zu: strict reader %s it", i,
			    r == 0 ? "took" : "declined");
			buf_free(&der);
		}
}
END_TEST

/*
 * cert_among(): a certificate's shape anywhere in the bytes after
 * another (behind a byte of padding too, its lengths read leniently) is
 * found; junk, a lone empty SEQUENCE and a long run of 0x30 are not.
 */
START_TEST(certificate_among_trailing_bytes)
{
	struct buf	 der = cert_with_cn(0x0c, "Hidden", 6, 0), b = { 0 };
	unsigned char	 run[4096];

	ck_assert_int_eq(cert_among((unsigned char *)der.data, der.len), 1);
	buf_addc(&b, '\0');
	buf_add(&b, der.data, der.len);
	ck_assert_int_eq(cert_among((unsigned char *)b.data, b.len), 1);
	/* cut short by one byte: no longer a whole certificate */
	ck_assert_int_eq(cert_among((unsigned char *)b.data, b.len - 1), 0);
	ck_assert_int_eq(cert_among((const unsigned char *)"\x30\x00", 2), 0);
	ck_assert_int_eq(cert_among((const unsigned char *)"junk", 4), 0);
	memset(run, 0x30, sizeof(run));
	ck_assert_int_eq(cert_among(run, sizeof(run)), 0);
	buf_free(&b);
	buf_free(&der);
}
END_TEST

Suite *
certdec_suite(void)
{
	Suite	*s = suite_create("certdec");
	TCase	*tc = tcase_create("differential");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, fixtures_agree);
	tcase_add_test(tc, names_print_as_openssl);
	tcase_add_test(tc, certificate_among_trailing_bytes);
	tcase_add_test(tc, ccadb_corpus_agrees);
	suite_add_tcase(s, tc);
	return s;
}
