/*
 * Certificate decoding, shared by its two paths (cert.c, cert_der.c).
 *
 * cert_decode() first tries cert_decode_der(): a strict DER reader for
 * the certificate's skeleton, names, validity and serial that needs no
 * OpenSSL object per certificate.  It takes only the common, well-formed
 * case (v3, DER, known string types, every extension OpenSSL would judge
 * decodable) and hands anything else to cert_decode_openssl(), which
 * decodes the whole certificate with d2i_X509() and is the reference:
 * the two must agree field for field on every certificate the strict
 * reader takes (tests/unit/check_certdec.c over the fixtures and the CCADB
 * corpus, tests/fuzz/fuzz_certdec.c on mutations).
 *
 * Name constraints are decoded by OpenSSL's own template on both paths.
 * EKU, policies and the extensions behind OpenSSL's flags
 * (basicConstraints, keyUsage, key identifiers, CRL distribution points)
 * are read by the strict reader only in simple DER shapes the templates
 * decode to the same values (policy qualifiers: CPS URIs and explicit
 * notice text), and by the templates otherwise, so that what
 * "undecodable" means cannot drift.
 *
 * A certificate with any field that does not decode (an invalid or
 * repeated extension, a negative pathLenConstraint or serial, a date that
 * is no date) is never the strict reader's: only cert_decode_openssl()
 * reads those, names the fields in struct cert's bad and reads each the
 * way that keeps the certificate in scope.  tests/fuzz/fuzz_certdiff.c
 * holds both paths to libcrypto's own reading of those facts.
 *
 * Files: cert.c (the interface and the OpenSSL path) calls cert_der.c
 * (the strict reader) and certdec.c (what both share); cert_der.c calls
 * certdec.c only.  No two of them use each other.
 *
 * The strict reader's gain, measured for issue 18 on a warm
 * `scope -k all` over the CCADB corpus (10,229 certificates): 0.36 s of
 * CPU with it, 1.16 s through libcrypto alone (medians of 15 interleaved
 * runs, user+sys, 2 cores; -j 1: 0.42 s against 1.33 s).  It stays while
 * that gain is above 20% of a warm scope run.
 */
#ifndef CERTDEC_H
#define CERTDEC_H

#include <openssl/x509v3.h>

#include "base/base.h"
#include "cert/cert.h"

/* 1: decoded; 0: not the strict case, use cert_decode_openssl(). */
int	 cert_decode_der(struct cert *, int *bad_validity);
int	 cert_decode_openssl(struct cert *, int *bad_validity, char *err,
	    size_t errlen);

/* Back to the state before decoding: decoded fields freed and zeroed. */
void	 cert_reset(struct cert *);
/* Where the SubjectPublicKeyInfo is (DER, strict reader): 0, or -1. */
int	 certdec_spki(const unsigned char *der, size_t, const unsigned char
	    **spki, size_t *len);

/*
 * What X509_get_ext_d2i() gives for one extension: the decoded value or
 * NULL, and crit -1 (absent), -2 (repeated) or the critical flag.
 */
void	 certdec_eku(struct cert *, EXTENDED_KEY_USAGE *, int crit);
void	 certdec_policies(struct cert *, CERTIFICATEPOLICIES *, int crit);
/*
 * The same, one OID at a time (the strict reader's own decoding): begin
 * with the count, then push each OID's dotted text, which the
 * certificate owns from then on.  An EKU OID that certdec_eku_known()
 * does not know is named by name (OpenSSL's short name), or by itself
 * when that is NULL.
 */
int	 certdec_eku_known(const char *oid);
void	 certdec_eku_begin(struct cert *, size_t n);
void	 certdec_eku_push(struct cert *, char *oid, const char *name);
void	 certdec_policies_begin(struct cert *, size_t n);
void	 certdec_policy_push(struct cert *, char *oid);
void	 certdec_name_constraints(struct cert *, NAME_CONSTRAINTS *,
	    int crit);
/* Can this OpenSSL check signatures of this algorithm? */
int	 certdec_sigalg_supported(int sig_nid);

/*
 * A name's identity (struct cert's subject_id): each entry appended as
 * certdec_name_entry() + certdec_canon_*(), then certdec_name_id().
 */
struct name_canon {
	struct buf	 ents;
	size_t		*off;		/* per entry: start in ents */
	int		*set;		/* per entry: its RDN */
	size_t		 n;
	size_t		 cap;
};
void	 certdec_name_entry(struct name_canon *, const unsigned char *oid,
	    size_t oidlen, int set);
/* A string value as UTF-8: case and blanks folded. */
void	 certdec_canon_utf8(struct name_canon *, const unsigned char *,
	    size_t);
/* Any other value: its type and bytes as they are. */
void	 certdec_canon_raw(struct name_canon *, int type,
	    const unsigned char *, size_t);
void	 certdec_name_id(struct name_canon *, unsigned char out[32]);
/* The first bytes of a name id, as a bucket for look-ups. */
unsigned long certdec_name_hash(const unsigned char id[32]);
/* The id of a name OpenSSL decoded (the OpenSSL path's). */
void	 certdec_x509_name_id(const X509_NAME *, unsigned char out[32]);
/* A name as RFC 2253 text, valid UTF-8: free. */
char	*certdec_name_text(const X509_NAME *);

#endif /* CERTDEC_H */
