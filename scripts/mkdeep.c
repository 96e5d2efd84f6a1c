/*
 * mkdeep: writes a chain of CA certificates N levels deep under a root of
 * its own, each level's CA signed by the one above: what a hostile bundle
 * can do to a report that draws the hierarchy by nesting.  One key signs
 * and is certified throughout (the names differ, so every level is a key
 * group of its own).  Run by scripts/mkfixtures; deterministic: fixed
 * serials and dates, RSA PKCS#1 v1.5, whose signatures depend on the
 * input only.
 *
 *   mkdeep KEY.pem N OUT.pem
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void
fail(const char *what)
{
	fprintf(stderr, "mkdeep: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

static void
ext(X509 *x, int nid, const char *value)
{
	X509_EXTENSION	*e = X509V3_EXT_conf_nid(NULL, NULL, nid, value);

	if (e == NULL || !X509_add_ext(x, e, -1))
		fail("extension");
	X509_EXTENSION_free(e);
}

int
main(int argc, char *argv[])
{
	FILE		*f;
	EVP_PKEY	*key;
	X509		*up = NULL, *x;
	X509_NAME	*n;
	char		 cn[64];
	long		 i, depth;

	if (argc != 4 || (depth = strtol(argv[2], NULL, 10)) < 1 ||
	    depth > 100000)
		fail("usage: mkdeep KEY.pem N OUT.pem");
	if ((f = fopen(argv[1], "r")) == NULL ||
	    (key = PEM_read_PrivateKey(f, NULL, NULL, NULL)) == NULL)
		fail("cannot read the key");
	fclose(f);
	if ((f = fopen(argv[3], "w")) == NULL)
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
		if (!X509_sign(x, key, EVP_sha256()))
			fail("sign");
		if (!PEM_write_X509(f, x))
			fail("write");
		X509_NAME_free(n);
		X509_free(up);
		up = x;
	}
	X509_free(up);
	EVP_PKEY_free(key);
	if (fclose(f) != 0)
		fail("write");
	return 0;
}
