/*
 * One certificate, decoded once into the facts the scope engine reads:
 * names, validity, basicConstraints, EKU, policies, name constraints and
 * key identifiers.  Decoding is as lenient as OpenSSL's d2i_X509: real CA
 * certificates carry odd encodings, and a certificate OpenSSL can decode
 * must be counted, not dropped.  The fingerprint is taken over the bytes as
 * given, never over a re-encoding.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>

#include "base/base.h"
#include "cert/cert.h"
#include "cert/certdec.h"

const char *
purpose_name(unsigned p)
{
	switch (p) {
	case PURP_SERVER:
		return "serverAuth";
	case PURP_CLIENT:
		return "clientAuth";
	case PURP_EMAIL:
		return "emailProtection";
	case PURP_CODE:
		return "codeSigning";
	case PURP_TIME:
		return "timeStamping";
	}
	return "?";
}

static astime
asn1_time(const ASN1_TIME *t, int *ok)
{
	struct tm	 tm;

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm)) {
		*ok = 0;
		return 0;
	}
	return time_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The extensions whose decoding OpenSSL's flags depend on. */
static const struct {
	int		 nid;
	enum cert_field	 field;
} ext_fields[] = {
	{ NID_basic_constraints, CF_BC },
	{ NID_key_usage, CF_KU },
	{ NID_ext_key_usage, CF_EKU },
	{ NID_certificate_policies, CF_CP },
	{ NID_name_constraints, CF_NC },
	{ NID_subject_key_identifier, CF_SKI },
	{ NID_authority_key_identifier, CF_AKI },
	{ NID_subject_alt_name, CF_SAN },
	{ NID_crl_distribution_points, CF_CRLDP },
	{ NID_netscape_cert_type, CF_NSCERT },
	{ NID_sbgp_ipAddrBlock, CF_RFC3779 },
	{ NID_sbgp_autonomousSysNum, CF_RFC3779 },
};

static void
ext_free(X509_EXTENSION *ex, void *v)
{
	const X509V3_EXT_METHOD *m = X509V3_EXT_get(ex);

	if (m != NULL && m->it != NULL)
		ASN1_item_free(v, ASN1_ITEM_ptr(m->it));
	else if (m != NULL && m->ext_free != NULL)
		m->ext_free(v);
}

/*
 * Which extensions are repeated or do not decode, each decoded on its
 * own: OpenSSL's one EXFLAG_INVALID says neither which nor why.
 */
static void
find_bad_extensions(struct cert *c, X509 *x)
{
	size_t		 k;
	int		 i, j;

	for (k = 0; k < sizeof(ext_fields) / sizeof(ext_fields[0]); k++) {
		unsigned	 bit = CF_BIT(ext_fields[k].field);
		X509_EXTENSION	*ex;
		void		*v;

		if ((i = X509_get_ext_by_NID(x, ext_fields[k].nid, -1)) < 0)
			continue;
		if ((j = X509_get_ext_by_NID(x, ext_fields[k].nid, i)) >= 0) {
			c->bad |= bit;
			c->bad_repeated |= bit;
			continue;
		}
		ex = X509_get_ext(x, i);
		if ((v = X509V3_EXT_d2i(ex)) == NULL) {
			c->bad |= bit;
			continue;
		}
		if (ext_fields[k].nid == NID_basic_constraints) {
			const BASIC_CONSTRAINTS *bc = v;

			if (bc->pathlen != NULL &&
			    ASN1_STRING_type(bc->pathlen) == V_ASN1_NEG_INTEGER)
				c->bad |= CF_BIT(CF_PATHLEN);
		}
		if (ext_fields[k].nid == NID_crl_distribution_points) {
			const DIST_POINT *dp;

			/* setup_dp(): a point names itself or its issuer */
			for (j = 0; j < sk_DIST_POINT_num(v); j++) {
				dp = sk_DIST_POINT_value(v, j);
				if (dp->distpoint == NULL &&
				    sk_GENERAL_NAME_num(dp->CRLissuer) <= 0)
					c->bad |= bit;
			}
		}
		ext_free(ex, v);
	}
	ERR_clear_error();
}

/*
 * Is it a CA?  For a certificate OpenSSL judges valid, X509_check_ca():
 * basicConstraints cA, else a v1 root, keyCertSign or a Netscape CA
 * type, and never when keyUsage lacks keyCertSign.  X509_check_ca()
 * answers 0 for every certificate with one invalid extension, whatever
 * basicConstraints says, so for those the same rule is applied to what
 * decoded, and a field that did not decode counts as saying "CA":
 * doubt keeps a certificate in scope.
 */
static int
ca_rule(const struct cert *c, X509 *x, uint32_t flags)
{
	ASN1_BIT_STRING	*ns;
	int		 nsca = 0;

	if (!(flags & EXFLAG_INVALID))
		return X509_check_ca(x) != 0;
	if (c->ku_present && !(c->bad & CF_BIT(CF_KU)) &&
	    !(c->key_usage & KU_KEY_CERT_SIGN))
		return 0;
	if (c->bad & CF_BIT(CF_BC))
		return 1;
	if (flags & EXFLAG_BCONS)
		return (flags & EXFLAG_CA) != 0;
	if ((flags & (EXFLAG_V1 | EXFLAG_SS)) == (EXFLAG_V1 | EXFLAG_SS) ||
	    c->ku_present || (c->bad & (CF_BIT(CF_KU) |
	    CF_BIT(CF_NSCERT))))
		return 1;
	if ((ns = X509_get_ext_d2i(x, NID_netscape_cert_type, NULL,
	    NULL)) != NULL) {
		nsca = ASN1_STRING_length(ns) > 0 &&
		    (ASN1_STRING_get0_data(ns)[0] & (NS_SSL_CA | NS_SMIME_CA |
		    NS_OBJSIGN_CA)) != 0;
		ASN1_BIT_STRING_free(ns);
	}
	ERR_clear_error();
	return nsca;
}

static void
load_basic(struct cert *c, X509 *x)
{
	BASIC_CONSTRAINTS	*bc;
	int			 crit = -1;
	uint32_t		 flags;
	const ASN1_OCTET_STRING	*id;

	flags = X509_get_extension_flags(x);
	find_bad_extensions(c, x);
	/*
	 * keyUsage as OpenSSL caches it (X509_get_key_usage() answers 0
	 * for a certificate with any invalid extension).
	 */
	if (flags & EXFLAG_KUSAGE) {
		ASN1_BIT_STRING *ku = X509_get_ext_d2i(x, NID_key_usage, NULL,
		    NULL);

		c->ku_present = 1;
		if (ku != NULL && ASN1_STRING_length(ku) > 0) {
			c->key_usage = ASN1_STRING_get0_data(ku)[0];
			if (ASN1_STRING_length(ku) > 1)
				c->key_usage |= (unsigned)
				    ASN1_STRING_get0_data(ku)[1] << 8;
		}
		ASN1_BIT_STRING_free(ku);
		ERR_clear_error();
	}
	/*
	 * No bit set (RFC 5280 4.2.1.3: at least one), or none left once
	 * OpenSSL drops a BIT STRING's unused bits: unreadable, so it
	 * cannot deny keyCertSign (ca_rule()).
	 */
	if (c->ku_present && c->key_usage == 0)
		c->bad |= CF_BIT(CF_KU);
	if (flags & EXFLAG_INVALID) {
		c->ext_invalid = 1;
		if ((c->bad & ~CF_VALIDITY) == 0)
			c->bad |= CF_BIT(CF_OTHER);
	}
	if (c->bad & ~CF_VALIDITY)
		c->ext_invalid = 1;
	bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
	c->pathlen = -1;
	if (bc != NULL) {
		c->bc_present = 1;
		/* A negative one limits nothing that can be read. */
		if (bc->pathlen != NULL && bc->ca &&
		    ASN1_STRING_type(bc->pathlen) != V_ASN1_NEG_INTEGER)
			c->pathlen = ASN1_INTEGER_get(bc->pathlen);
		BASIC_CONSTRAINTS_free(bc);
	} else if (crit != -1) {
		c->bc_present = 1;
		ERR_clear_error();
	}
	c->ca = ca_rule(c, x, flags);
	if ((id = X509_get0_subject_key_id(x)) != NULL &&
	    (size_t)ASN1_STRING_length(id) <= sizeof(c->ski)) {
		c->ski_len = (size_t)ASN1_STRING_length(id);
		memcpy(c->ski, ASN1_STRING_get0_data(id), c->ski_len);
	}
	if ((id = X509_get0_authority_key_id(x)) != NULL &&
	    (size_t)ASN1_STRING_length(id) <= sizeof(c->aki)) {
		c->aki_len = (size_t)ASN1_STRING_length(id);
		memcpy(c->aki, ASN1_STRING_get0_data(id), c->aki_len);
	}
}

/*
 * OpenSSL 3.0 turns every certificate's public key into an EVP_PKEY
 * while decoding it, through a decoder chain set up afresh each time:
 * 80% of the cost of d2i_X509().  The scope engine needs no key but an
 * issuer's, so certificates are decoded in a library context that has
 * only the null provider (the key is left undecoded; everything else is
 * the same decoder), and a key is decoded by cert_pubkey() when a
 * signature is to be checked.
 */
static OSSL_LIB_CTX	*keyless_ctx;
static pthread_once_t	 keyless_once = PTHREAD_ONCE_INIT;

static void
keyless_init(void)
{
	OSSL_LIB_CTX	*ctx = OSSL_LIB_CTX_new();

	if (ctx != NULL && OSSL_PROVIDER_load(ctx, "null") == NULL) {
		OSSL_LIB_CTX_free(ctx);
		ctx = NULL;
	}
	ERR_clear_error();
	keyless_ctx = ctx;
}

static X509 *
decode_keyless(const unsigned char **p, long n)
{
	X509	*x;

	pthread_once(&keyless_once, keyless_init);
	if (keyless_ctx == NULL)
		return d2i_X509(NULL, p, n);
	x = (X509 *)ASN1_item_d2i_ex(NULL, p, n, ASN1_ITEM_rptr(X509),
	    keyless_ctx, NULL);
	return x;
}

/* The key of a keyless X509, decoded as d2i_X509() would have. */
static EVP_PKEY *
pubkey_of(X509 *x)
{
	unsigned char	*spki = NULL;
	const unsigned char *p;
	EVP_PKEY	*k = NULL;
	int		 n;

	if ((n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki)) > 0) {
		p = spki;
		k = d2i_PUBKEY(NULL, &p, n);
	}
	OPENSSL_free(spki);
	ERR_clear_error();
	return k;
}

EVP_PKEY *
cert_pubkey(const struct cert *c)
{
	const unsigned char *p = c->der;
	X509		*x;
	EVP_PKEY	*k;
	size_t		 n;

	/* The SubjectPublicKeyInfo alone, when the strict reader finds it. */
	if (certdec_spki(c->der, c->der_len, &p, &n) == 0 &&
	    n <= LONG_MAX) {
		k = d2i_PUBKEY(NULL, &p, (long)n);
		ERR_clear_error();
		return k;
	}
	p = c->der;
	if (c->der_len > LONG_MAX ||
	    (x = decode_keyless(&p, (long)c->der_len)) == NULL) {
		ERR_clear_error();
		return NULL;
	}
	k = pubkey_of(x);
	X509_free(x);
	return k;
}

/* Upper hex, with its sign: OpenSSL keeps a negative one's magnitude. */
static char *
serial_text(const ASN1_INTEGER *ai)
{
	int	 len = ASN1_STRING_length(ai);
	int	 neg = ASN1_STRING_type(ai) == V_ASN1_NEG_INTEGER;
	char	*s = xmalloc(2 * (size_t)(len > 0 ? len : 0) + 3);

	if (len <= 0)
		return strcpy(s, "0");
	s[0] = '-';
	hex_encode(ASN1_STRING_get0_data(ai), (size_t)len, s + neg);
	return s;
}

int
cert_decode(struct cert *c, int *bad_validity, char *err, size_t errlen)
{
	if (cert_decode_der(c, bad_validity))
		return 0;
	return cert_decode_openssl(c, bad_validity, err, errlen);
}

/* The reference decoding: all of the certificate through d2i_X509(). */
int
cert_decode_openssl(struct cert *c, int *bad_validity, char *err,
    size_t errlen)
{
	const unsigned char	*p = c->der;
	X509			*x;
	X509_PUBKEY		*pk;
	unsigned char		*spki = NULL;
	int			 spki_len = 0, ok = 1, nid, crit;
	unsigned long		 e;
	EXTENDED_KEY_USAGE	*eku;
	CERTIFICATEPOLICIES	*cp;
	NAME_CONSTRAINTS	*nc;

	*bad_validity = 0;
	if (c->der_len > LONG_MAX ||
	    (x = decode_keyless(&p, (long)c->der_len)) == NULL) {
		e = ERR_peek_error();
		if (e != 0)
			ERR_error_string_n(e, err, errlen);
		else
			snprintf(err, errlen, "not a DER certificate");
		ERR_clear_error();
		return -1;
	}
	/*
	 * A self-issued certificate needs its key: for its own signature,
	 * and because OpenSSL counts a v1 root as a CA only when the key's
	 * type matches the signature's (X509_check_ca(), EXFLAG_SS).  There
	 * are few of them: decode those again, key and all.
	 */
	c->self_issued = X509_NAME_cmp(X509_get_subject_name(x),
	    X509_get_issuer_name(x)) == 0;
	if (c->self_issued) {
		const unsigned char *q = c->der;
		X509	*full = d2i_X509(NULL, &q, (long)c->der_len);

		if (full != NULL && q == p) {
			X509_free(x);
			x = full;
		} else
			X509_free(full);
		ERR_clear_error();
	}
	/*
	 * The bytes decoded may be fewer than given: the caller fingerprints
	 * those again (not here: the inventory looks sha256 up in another
	 * thread while this one decodes).
	 */
	if ((size_t)(p - c->der) != c->der_len)
		c->der_len = (size_t)(p - c->der);
	digest_sha1(c->der, c->der_len, c->sha1);
	pk = X509_get_X509_PUBKEY(x);
	if (pk != NULL && (spki_len = i2d_X509_PUBKEY(pk, &spki)) > 0)
		digest_sha256(spki, (size_t)spki_len, c->spki_sha256);
	c->subject = certdec_name_text(X509_get_subject_name(x));
	c->issuer = certdec_name_text(X509_get_issuer_name(x));
	certdec_x509_name_id(X509_get_subject_name(x), c->subject_id);
	certdec_x509_name_id(X509_get_issuer_name(x), c->issuer_id);
	c->subject_hash = certdec_name_hash(c->subject_id);
	c->issuer_hash = certdec_name_hash(c->issuer_id);
	c->serial = serial_text(X509_get0_serialNumber(x));
	/*
	 * Without validity we cannot place it in time: it could be valid
	 * throughout, so it reads so (never 1970, which would be expired),
	 * and the caller says so.
	 */
	ok = 1;
	c->not_before = asn1_time(X509_get0_notBefore(x), &ok);
	if (!ok) {
		c->not_before = CERT_TIME_EARLIEST;
		c->bad |= CF_BIT(CF_NOTBEFORE);
	}
	ok = 1;
	c->not_after = asn1_time(X509_get0_notAfter(x), &ok);
	if (!ok) {
		c->not_after = CERT_TIME_LATEST;
		c->bad |= CF_BIT(CF_NOTAFTER);
	}
	*bad_validity = (c->bad & CF_VALIDITY) != 0;
	nid = X509_get_signature_nid(x);
	c->sigalg = nid != NID_undef && OBJ_nid2ln(nid) != NULL ?
	    OBJ_nid2ln(nid) : "unknown";
	load_basic(c, x);
	crit = -1;
	eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
	certdec_eku(c, eku, crit);
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	crit = -1;
	cp = X509_get_ext_d2i(x, NID_certificate_policies, &crit, NULL);
	certdec_policies(c, cp, crit);
	sk_POLICYINFO_pop_free(cp, POLICYINFO_free);
	crit = -1;
	nc = X509_get_ext_d2i(x, NID_name_constraints, &crit, NULL);
	certdec_name_constraints(c, nc, crit);
	NAME_CONSTRAINTS_free(nc);
	c->sig_unsupported = !certdec_sigalg_supported(nid);
	/* Self-signed: a signature check, hierarchy_build()'s. */
	OPENSSL_free(spki);
	X509_free(x);
	ERR_clear_error();
	return 0;
}

void
cert_warn_validity(struct run *r, const char *path, long line,
    const struct cert *c)
{
	diag_warn(r, path, line, "certificate %s has an unreadable validity "
	    "period: read as valid throughout, so it stays in scope",
	    c->subject);
}

/*
 * Does key verify child's signature?  The TBS exactly as given, under
 * the outer signature algorithm.  For a certificate whose inner and
 * outer algorithms agree that is X509_verify(); where they differ,
 * X509_verify() refuses before looking at the signature, yet real
 * cross-certificates carry that defect: AddTrust External CA Root's RSA
 * key signed "USERTrust ECC Certification Authority" with
 * ecdsa-with-SHA384 inside and sha1WithRSAEncryption outside (five such
 * certificates in CCADB).  The issuer's key did sign those TBS bytes, so
 * the link is real and the certificate is that issuer's to audit.  The
 * TBS is wrapped as an opaque SEQUENCE so that nothing is re-encoded.
 */
int
cert_verify_with(const struct cert *child, EVP_PKEY *key)
{
	const unsigned char	*p = child->der, *end = child->der +
				    child->der_len;
	ASN1_TYPE		*tbs = NULL;
	X509_ALGOR		*alg = NULL;
	ASN1_BIT_STRING		*sig = NULL;
	long			 len;
	int			 tag, cls, r = 0;

	if (key == NULL || child->der_len > LONG_MAX)
		goto out;
	if ((ASN1_get_object(&p, &len, &tag, &cls, (long)child->der_len) &
	    0x80) != 0 || tag != V_ASN1_SEQUENCE)
		goto out;
	if ((tbs = d2i_ASN1_TYPE(NULL, &p, end - p)) == NULL ||
	    tbs->type != V_ASN1_SEQUENCE)
		goto out;
	if ((alg = d2i_X509_ALGOR(NULL, &p, end - p)) == NULL ||
	    (sig = d2i_ASN1_BIT_STRING(NULL, &p, end - p)) == NULL)
		goto out;
	r = ASN1_item_verify(ASN1_ITEM_rptr(ASN1_ANY), alg, sig, tbs, key);
 out:
	ASN1_BIT_STRING_free(sig);
	X509_ALGOR_free(alg);
	ASN1_TYPE_free(tbs);
	ERR_clear_error();
	return r == 1;
}

/* RFC 2253 puts the most specific RDN first: "CN=R10,O=...". */
void
cert_label_add(struct buf *b, const struct cert *c)
{
	const char	*p = c->subject, *e;

	if (strncmp(p, "CN=", 3) == 0) {
		for (e = p + 3; *e != '\0'; e++) {
			if (*e == '\\' && e[1] != '\0')
				e++;
			else if (*e == ',' || *e == '+')
				break;
		}
		buf_add(b, p + 3, (size_t)(e - p - 3));
	} else
		buf_addstr(b, p);
}

char *
cert_label(const struct cert *c)
{
	struct buf	 b = { 0 };

	cert_label_add(&b, c);
	return buf_take(&b);
}

void
cert_bad_text(struct buf *b, const struct cert *c)
{
	static const char *const name[CF_N] = {
		[CF_BC] = "basicConstraints",
		[CF_PATHLEN] = "basicConstraints pathLenConstraint",
		[CF_KU] = "keyUsage",
		[CF_EKU] = "extendedKeyUsage",
		[CF_CP] = "certificatePolicies",
		[CF_NC] = "nameConstraints",
		[CF_SKI] = "subjectKeyIdentifier",
		[CF_AKI] = "authorityKeyIdentifier",
		[CF_SAN] = "subjectAltName",
		[CF_CRLDP] = "cRLDistributionPoints",
		[CF_NSCERT] = "netscapeCertType",
		[CF_RFC3779] = "RFC 3779 IP or AS resources",
		[CF_OTHER] = "an extension",
		[CF_NOTBEFORE] = "notBefore",
		[CF_NOTAFTER] = "notAfter",
	};
	const char	*sep = "";
	int		 f;

	for (f = 0; f < CF_N; f++) {
		const char *why;

		if (!(c->bad & CF_BIT(f)))
			continue;
		if (c->bad_repeated & CF_BIT(f))
			why = "repeated";
		else if (f == CF_PATHLEN)
			why = "negative";
		else if (f == CF_NOTBEFORE || f == CF_NOTAFTER)
			why = "not a valid date";
		else if (f == CF_OTHER)
			why = "OpenSSL judges invalid";
		else if (f == CF_CRLDP)
			why = "does not decode, or names no point";
		else
			why = "does not decode";
		buf_printf(b, "%s%s %s", sep, name[f], why);
		sep = "; ";
	}
}

void
cert_free(struct cert *c)
{
	if (c != NULL)
		cert_reset(c);
}
