/*
 * mkhostile: writes a self-signed CA certificate whose names carry what a
 * hostile certificate can put in front of a terminal, a spreadsheet or a
 * browser: ANSI escapes, other controls, a NUL, bidi overrides, quotes,
 * <script>, and cells that start =, +, - and @; and, given N and DEEP.pem,
 * a chain of CA certificates N levels deep under a root of its own, what a
 * hostile bundle can do to a report that draws the hierarchy by nesting
 * (one key signs and is certified throughout; the names differ, so every
 * level is a key group of its own).  Run by scripts/mkfixtures (which
 * makes the key once); deterministic: fixed serials and dates, and RSA
 * PKCS#1 v1.5, whose signatures depend on the input only.
 *
 *   mkhostile KEY.pem OUT.pem [N DEEP.pem]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void
fail(const char *what)
{
	fprintf(stderr, "mkhostile: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

/* Names as bytes (lengths given: one holds a NUL), UTF-8, 64 at most. */
static const struct {
	const char	*field;
	const char	*s;
	size_t		 len;
} names[] = {
#define N(f, lit) { f, lit, sizeof(lit) - 1 }
	N("C", "US"),
	N("O", "=HYPERLINK(\"http://evil.example/\",\"click\")"),
	N("OU", "+SUM(1+1)*cmd|' /C calc'!A0"),
	N("OU", "-2+3"),
	N("OU", "@SUM(A1:A9)"),
	N("OU", "<script>alert(\"x\")</script> & <b>'quoted'</b>"),
	N("OU", "NUL\0after tab\there cr\rnl\nbell\x07 del\x7f csi\xc2\x9b"),
	N("CN", "Hostile \x1b[31mRED\x1b[0m \xe2\x80\xae" "exe.txt\xe2\x80\xac "
	    "\"q\" \\ ,;+"),
#undef N
};

static void
ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;

	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL ||
	    !X509_add_ext(x, e, -1))
		fail("extension");
	X509_EXTENSION_free(e);
}

/* The chain: "Example Deep Chain Root", then CA 1 to CA n below it. */
static void
deep_chain(EVP_PKEY *key, long depth, const char *path)
{
	FILE		*f;
	X509		*up = NULL, *x;
	X509_NAME	*n;
	char		 cn[64];
	long		 i;

	if ((f = fopen(path, "w")) == NULL)
		fail("cannot write the chain");
	for (i = 0; i <= depth; i++) {
		if ((x = X509_new()) == NULL || (n = X509_NAME_new()) == NULL)
			fail("out of memory");
		X509_set_version(x, 2);
		ASN1_INTEGER_set(X509_get_serialNumber(x), 0x5000 + i);
		if (!ASN1_TIME_set_string_X509(X509_getm_notBefore(x),
		    "20240101000000Z") ||
		    !ASN1_TIME_set_string_X509(X509_getm_notAfter(x),
		    "20301231235959Z"))
			fail("dates");
		if (i == 0)
			snprintf(cn, sizeof(cn), "Example Deep Chain Root");
		else
			snprintf(cn, sizeof(cn), "Example Deep Chain CA %ld",
			    i);
		if (!X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
		    (const unsigned char *)"Example Trust", -1, -1, 0) ||
		    !X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
		    (const unsigned char *)cn, -1, -1, 0))
			fail("name");
		X509_set_subject_name(x, n);
		X509_set_issuer_name(x, up != NULL ?
		    X509_get_subject_name(up) : n);
		X509_set_pubkey(x, key);
		ext(x, NID_basic_constraints, "critical,CA:TRUE");
		ext(x, NID_key_usage, "critical,keyCertSign,cRLSign");
		if (!X509_sign(x, key, EVP_sha256()) || !PEM_write_X509(f, x))
			fail("cannot sign or write the chain");
		X509_NAME_free(n);
		X509_free(up);
		up = x;
	}
	X509_free(up);
	if (fclose(f) != 0)
		fail("cannot write the chain");
}

int
main(int argc, char *argv[])
{
	FILE		*f;
	EVP_PKEY	*key;
	X509		*x;
	X509_NAME	*n;
	size_t		 i;

	if (argc != 3 && (argc != 5 || strtol(argv[3], NULL, 10) < 1 ||
	    strtol(argv[3], NULL, 10) > 100000))
		fail("usage: mkhostile KEY.pem OUT.pem [N DEEP.pem]");
	if ((f = fopen(argv[1], "r")) == NULL ||
	    (key = PEM_read_PrivateKey(f, NULL, NULL, NULL)) == NULL)
		fail("cannot read the key");
	fclose(f);
	if ((x = X509_new()) == NULL || (n = X509_NAME_new()) == NULL)
		fail("out of memory");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 0x6666);
	if (!ASN1_TIME_set_string_X509(X509_getm_notBefore(x),
	    "20240101000000Z") ||
	    !ASN1_TIME_set_string_X509(X509_getm_notAfter(x),
	    "20341231235959Z"))
		fail("dates");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!X509_NAME_add_entry_by_txt(n, names[i].field,
		    MBSTRING_UTF8, (const unsigned char *)names[i].s,
		    (int)names[i].len, -1, 0))
			fail(names[i].field);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, n);
	X509_set_pubkey(x, key);
	ext(x, NID_basic_constraints, "critical,CA:TRUE");
	ext(x, NID_key_usage, "critical,keyCertSign,cRLSign");
	ext(x, NID_subject_key_identifier, "hash");
	if (!X509_sign(x, key, EVP_sha256()))
		fail("sign");
	if ((f = fopen(argv[2], "w")) == NULL || !PEM_write_X509(f, x) ||
	    fclose(f) != 0)
		fail("cannot write the certificate");
	X509_NAME_free(n);
	X509_free(x);
	if (argc == 5)
		deep_chain(key, strtol(argv[3], NULL, 10), argv[4]);
	EVP_PKEY_free(key);
	return 0;
}
