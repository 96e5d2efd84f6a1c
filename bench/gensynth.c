/*
 * gensynth: a synthetic CA hierarchy for the benchmark, N certificates
 * with Ed25519 keys (fast to make and to check), written as PEM files of
 * 10,000 certificates each into DIR:
 *
 *   gensynth N DIR
 *
 * The shape follows CCADB's: a few hundred roots (N / 2,000, at least
 * 300), one in ten cross-signed by another root, intermediates under
 * each root and issuing CAs under those, every intermediate name shared
 * by two CAs with different keys (so that a name match is only a
 * candidate), and one CA in twenty re-issued (same name and key, a new
 * certificate).  A third of the CAs carry an EKU (serverAuth,
 * emailProtection or both).  Deterministic in its shape, not in its keys.
 * Not part of the build: scripts/bench compiles and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

struct ca {
	EVP_PKEY	*key;
	X509_NAME	*name;
};

static FILE	*out;
static const char *dir;
static long	 written, serial;

static void
die(const char *what)
{
	fprintf(stderr, "gensynth: %s\n", what);
	exit(1);
}

static void
emit(X509 *x)
{
	char	 path[4096];

	if (written % 10000 == 0) {
		if (out != NULL && fclose(out) != 0)
			die("write error");
		snprintf(path, sizeof(path), "%s/synth-%05ld.pem", dir,
		    written / 10000);
		if ((out = fopen(path, "w")) == NULL)
			die("cannot create output file");
	}
	if (!PEM_write_X509(out, x))
		die("PEM_write_X509");
	written++;
}

static EVP_PKEY *
newkey(void)
{
	EVP_PKEY	*k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");

	if (k == NULL)
		die("keygen");
	return k;
}

static X509_NAME *
mkname(const char *cn, long org)
{
	X509_NAME	*n = X509_NAME_new();
	char		 o[64];

	snprintf(o, sizeof(o), "Synthetic Trust %ld", org);
	X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC,
	    (const unsigned char *)"US", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
	    (const unsigned char *)o, -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
	    (const unsigned char *)cn, -1, -1, 0);
	return n;
}

static void
ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		die("extension");
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

/* A CA certificate for subject (name, key) signed by issuer. */
static void
issue(const struct ca *subject, const struct ca *issuer, int year,
    const char *eku)
{
	X509	*x = X509_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set_int64(X509_get_serialNumber(x), ++serial);
	X509_set_subject_name(x, subject->name);
	X509_set_issuer_name(x, issuer->name);
	ASN1_TIME_set_string(X509_getm_notBefore(x), year == 0 ?
	    "20200101000000Z" : "20230601000000Z");
	ASN1_TIME_set_string(X509_getm_notAfter(x), "20400101000000Z");
	X509_set_pubkey(x, subject->key);
	ext(x, NULL, NID_basic_constraints, "critical,CA:TRUE");
	ext(x, NULL, NID_key_usage, "critical,keyCertSign,cRLSign");
	if (eku != NULL)
		ext(x, NULL, NID_ext_key_usage, eku);
	if (!X509_sign(x, issuer->key, NULL))
		die("sign");
	emit(x);
	X509_free(x);
}

static const char *
eku_of(long i)
{
	switch (i % 9) {
	case 0:
		return "serverAuth,clientAuth";
	case 1:
		return "emailProtection";
	case 2:
		return "serverAuth,emailProtection";
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct ca	*roots, *mids;
	long		 n, nroots, nmids, i, j, m;
	char		 cn[128];

	if (argc != 3 || (n = atol(argv[1])) < 1000)
		die("usage: gensynth N DIR (N >= 1000)");
	dir = argv[2];
	nroots = n / 2000 > 300 ? n / 2000 : 300;
	/* Every root has intermediates; the rest are issuing CAs. */
	nmids = n / 20;
	roots = calloc((size_t)nroots, sizeof(*roots));
	mids = calloc((size_t)nmids, sizeof(*mids));
	if (roots == NULL || mids == NULL)
		die("out of memory");
	for (i = 0; i < nroots; i++) {
		snprintf(cn, sizeof(cn), "Synthetic Root CA %ld", i);
		roots[i].key = newkey();
		roots[i].name = mkname(cn, i);
		issue(&roots[i], &roots[i], 0, NULL);
	}
	/* Cross-signs: root i by root i + 1. */
	for (i = 0; i < nroots; i += 10)
		issue(&roots[i], &roots[(i + 1) % nroots], 1, NULL);
	/* Intermediates: pairs share a name, each with its own key. */
	for (i = 0; i < nmids; i++) {
		long	 r = (i / 2) % nroots;

		snprintf(cn, sizeof(cn), "Synthetic Intermediate CA %ld",
		    i / 2);
		mids[i].key = newkey();
		mids[i].name = mkname(cn, r);
		issue(&mids[i], &roots[r], 0, eku_of(i));
		if (i % 20 == 0)	/* re-issued: same name and key */
			issue(&mids[i], &roots[r], 1, eku_of(i));
	}
	/* Issuing CAs fill the rest, spread over the intermediates. */
	for (i = 0, m = 0; written < n; i++, m = (m + 7919) % nmids) {
		struct ca ca;

		snprintf(cn, sizeof(cn), "Synthetic Issuing CA %ld", i);
		ca.key = newkey();
		ca.name = mkname(cn, m % nroots);
		issue(&ca, &mids[m], 0, eku_of(i + 1));
		if (i % 20 == 0 && written < n)
			issue(&ca, &mids[m], 1, eku_of(i + 1));
		EVP_PKEY_free(ca.key);
		X509_NAME_free(ca.name);
	}
	if (out != NULL && fclose(out) != 0)
		die("write error");
	for (j = 0; j < nroots; j++) {
		EVP_PKEY_free(roots[j].key);
		X509_NAME_free(roots[j].name);
	}
	for (j = 0; j < nmids; j++) {
		EVP_PKEY_free(mids[j].key);
		X509_NAME_free(mids[j].name);
	}
	free(roots);
	free(mids);
	printf("%ld certificates in %s\n", written, dir);
	return 0;
}
