/*
 * mkmalformed: writes CA certificates, each signed by the sample's Root A
 * with basicConstraints critical cA=TRUE and keyUsage keyCertSign, each
 * with one field broken the way a mutant or a careless CA breaks it: an
 * extension that does not decode, one that is repeated, a negative
 * pathLenConstraint, a notAfter of 30 February.  OpenSSL's X509_check_ca()
 * calls every one of them "not a CA"; auditscope must keep them in scope
 * (issue 17).  One more is well formed but has a negative serial.  Run by
 * scripts/mkmalformed; deterministic (fixed serials and dates, RSA PKCS#1
 * v1.5 signatures).
 *
 *   mkmalformed ROOTKEY.pem ROOTCERT.pem KEY.pem OUTDIR
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
	fprintf(stderr, "mkmalformed: %s\n", what);
	ERR_print_errors_fp(stderr);
	exit(1);
}

/* An extension of raw DER (hex), as given, whatever it holds. */
static void
raw(X509 *x, int nid, int crit, const char *hex)
{
	unsigned char	 v[256];
	size_t		 n = 0;
	ASN1_OCTET_STRING *os;
	X509_EXTENSION	*e;
	unsigned	 b;

	for (; hex[0] != '\0'; hex += 2) {
		if (hex[0] == ' ')
			hex--;
		else if (sscanf(hex, "%2x", &b) == 1 && n < sizeof(v))
			v[n++] = (unsigned char)b;
		else
			fail("bad hex");
	}
	if ((os = ASN1_OCTET_STRING_new()) == NULL ||
	    !ASN1_OCTET_STRING_set(os, v, (int)n) ||
	    (e = X509_EXTENSION_create_by_NID(NULL, nid, crit, os)) == NULL ||
	    !X509_add_ext(x, e, -1))
		fail("extension");
	X509_EXTENSION_free(e);
	ASN1_OCTET_STRING_free(os);
}

/* Every certificate's extensions, with one left out or replaced. */
#define BC	"30 03 01 01 ff"		/* cA TRUE */
#define KU	"03 02 01 06"			/* keyCertSign, cRLSign */
#define SKI	"04 04 01 02 03 04"
#define CPOL	"30 0a 30 08 06 06 67 81 0c 01 02 01"	/* 2.23.140.1.2.1 */

static const struct kase {
	const char	*file;
	const char	*cn;
	int		 nid;	/* the broken one, or NID_undef */
	int		 crit;
	const char	*hex;
	int		 twice;	/* the extension appears again */
	const char	*hex2;
	const char	*not_before, *not_after;	/* raw UTCTime text */
	long		 serial;
	const char	*eku;	/* an extKeyUsage besides, or NULL */
} kases[] = {
	{ "01-crldp-undecodable.pem", "CRLDP", NID_crl_distribution_points, 0,
	    "30 03 02 01 05" },
	{ "02-san-undecodable.pem", "SAN", NID_subject_alt_name, 0,
	    "30 02 05 00" },
	{ "03-ski-undecodable.pem", "SKI", NID_subject_key_identifier, 0,
	    "02 01 01" },
	{ "04-aki-undecodable.pem", "AKI", NID_authority_key_identifier, 0,
	    "04 01 00" },
	{ "05-ku-undecodable.pem", "Key Usage", NID_key_usage, 1,
	    "04 01 00" },
	{ "06-pathlen-negative.pem", "Negative PathLen", NID_basic_constraints,
	    1, "30 06 01 01 ff 02 01 ff" },
	{ "07-eku-undecodable.pem", "EKU", NID_ext_key_usage, 0,
	    "30 03 02 01 01" },
	{ "08-eku-repeated.pem", "Repeated EKU", NID_ext_key_usage, 0,
	    "30 0a 06 08 2b 06 01 05 05 07 03 01", 1,
	    "30 0a 06 08 2b 06 01 05 05 07 03 04" },
	{ "09-nc-repeated.pem", "Repeated NC", NID_name_constraints, 1,
	    "30 0f a0 0d 30 0b 82 09 65 78 61 6d 70 6c 65 2e 61", 1,
	    "30 0f a0 0d 30 0b 82 09 65 78 61 6d 70 6c 65 2e 62" },
	{ "10-bc-undecodable.pem", "Basic Constraints", NID_basic_constraints,
	    1, "04 00" },
	{ "11-policies-undecodable.pem", "Policies",
	    NID_certificate_policies, 0, "30 03 02 01 01" },
	{ "12-notafter-feb30.pem", "Feb 30", NID_undef, 0, NULL, 0, NULL,
	    NULL, "270230000000Z" },
	{ "13-notbefore-month13.pem", "Month 13 NotBefore", NID_undef, 0, NULL, 0,
	    NULL, "241301000000Z", NULL },
	{ "14-negative-serial.pem", "Negative Serial", NID_undef, 0, NULL, 0,
	    NULL, NULL, NULL, -0x1234 },
	/* keyCertSign only in the 5 unused bits: OpenSSL reads no bit set */
	{ "15-ku-empty.pem", "Empty Key Usage", NID_key_usage, 1,
	    "03 02 05 04" },
	/* SEQUENCE SIZE (1..MAX) of no purpose */
	{ "16-eku-empty.pem", "Empty EKU", NID_ext_key_usage, 0, "30 00" },
	/* permitted: one directoryName, the empty Name */
	{ "17-nc-dirname-empty.pem", "Empty DirName NC", NID_name_constraints,
	    1, "30 08 a0 06 30 04 a4 02 30 00" },
	/*
	 * serverAuth under name constraints that permit everything: DNS "",
	 * 0.0.0.0/0, ::/0 and the empty Name (no technical constraint)
	 */
	{ "18-nc-permits-all.pem", "NC Permits All", NID_name_constraints, 1,
	    "30 3c a0 3a 30 02 82 00 30 0a 87 08 00 00 00 00 00 00 00 00"
	    " 30 22 87 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
	    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 30 04 a4 02"
	    " 30 00", 0, NULL, NULL, NULL, 0,
	    "30 0a 06 08 2b 06 01 05 05 07 03 01" },
	/* SEQUENCE SIZE (1..MAX) of no policy */
	{ "19-policies-empty.pem", "Empty Policies", NID_certificate_policies,
	    0, "30 00" },
};

static void
settime(ASN1_TIME *t, const char *text, const char *deflt)
{
	if (text == NULL) {
		if (!ASN1_TIME_set_string_X509(t, deflt))
			fail("dates");
		return;
	}
	/* Raw bytes, not checked: that is the point. */
	if (!ASN1_STRING_set(t, text, (int)strlen(text)))
		fail("dates");
	t->type = V_ASN1_UTCTIME;
}

int
main(int argc, char *argv[])
{
	FILE		*f;
	EVP_PKEY	*rkey, *key;
	X509		*root, *x;
	X509_NAME	*n;
	char		 path[4096], cn[128];
	size_t		 i;

	if (argc != 5)
		fail("usage: mkmalformed ROOTKEY.pem ROOTCERT.pem KEY.pem "
		    "OUTDIR");
	if ((f = fopen(argv[1], "r")) == NULL ||
	    (rkey = PEM_read_PrivateKey(f, NULL, NULL, NULL)) == NULL)
		fail("cannot read the root's key");
	fclose(f);
	if ((f = fopen(argv[2], "r")) == NULL ||
	    (root = PEM_read_X509(f, NULL, NULL, NULL)) == NULL)
		fail("cannot read the root");
	fclose(f);
	if ((f = fopen(argv[3], "r")) == NULL ||
	    (key = PEM_read_PrivateKey(f, NULL, NULL, NULL)) == NULL)
		fail("cannot read the key");
	fclose(f);
	for (i = 0; i < sizeof(kases) / sizeof(kases[0]); i++) {
		const struct kase *k = &kases[i];
		const ASN1_OCTET_STRING *rski = X509_get0_subject_key_id(root);
		char	 akihex[128];
		int	 j;

		if ((x = X509_new()) == NULL || (n = X509_NAME_new()) == NULL)
			fail("out of memory");
		X509_set_version(x, 2);
		ASN1_INTEGER_set(X509_get_serialNumber(x),
		    k->serial != 0 ? k->serial : 0x7100 + (long)i);
		settime(X509_getm_notBefore(x), k->not_before,
		    "20240101000000Z");
		settime(X509_getm_notAfter(x), k->not_after,
		    "20301231235959Z");
		snprintf(cn, sizeof(cn), "Example Malformed %s CA", k->cn);
		if (!X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC,
		    (const unsigned char *)"US", -1, -1, 0) ||
		    !X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
		    (const unsigned char *)"Example Trust", -1, -1, 0) ||
		    !X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
		    (const unsigned char *)cn, -1, -1, 0))
			fail("name");
		X509_set_subject_name(x, n);
		X509_set_issuer_name(x, X509_get_subject_name(root));
		X509_set_pubkey(x, key);
		if (rski == NULL || ASN1_STRING_length(rski) > 40)
			fail("the root has no usable key identifier");
		/* keyIdentifier [0] of the root's key */
		snprintf(akihex, sizeof(akihex), "30%02x80%02x",
		    ASN1_STRING_length(rski) + 2, ASN1_STRING_length(rski));
		for (j = 0; j < ASN1_STRING_length(rski); j++)
			snprintf(akihex + strlen(akihex), 3, "%02x",
			    ASN1_STRING_get0_data(rski)[j]);
		raw(x, NID_basic_constraints, 1,
		    k->nid == NID_basic_constraints ? k->hex : BC);
		raw(x, NID_key_usage, 1, k->nid == NID_key_usage ? k->hex : KU);
		raw(x, NID_subject_key_identifier, 0,
		    k->nid == NID_subject_key_identifier ? k->hex : SKI);
		raw(x, NID_authority_key_identifier, 0,
		    k->nid == NID_authority_key_identifier ? k->hex : akihex);
		raw(x, NID_certificate_policies, 0,
		    k->nid == NID_certificate_policies ? k->hex : CPOL);
		if (k->nid != NID_undef && k->nid != NID_basic_constraints &&
		    k->nid != NID_key_usage &&
		    k->nid != NID_subject_key_identifier &&
		    k->nid != NID_authority_key_identifier &&
		    k->nid != NID_certificate_policies)
			raw(x, k->nid, k->crit, k->hex);
		if (k->twice)
			raw(x, k->nid, k->crit, k->hex2);
		if (k->eku != NULL)
			raw(x, NID_ext_key_usage, 0, k->eku);
		if (!X509_sign(x, rkey, EVP_sha256()))
			fail("sign");
		snprintf(path, sizeof(path), "%s/%s", argv[4], k->file);
		if ((f = fopen(path, "w")) == NULL || !PEM_write_X509(f, x) ||
		    fclose(f) != 0)
			fail("cannot write a certificate");
		X509_NAME_free(n);
		X509_free(x);
	}
	X509_free(root);
	EVP_PKEY_free(rkey);
	EVP_PKEY_free(key);
	return 0;
}
