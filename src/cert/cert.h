/*
 * One certificate (src/cert): decoded once into the facts the scope
 * engine reads (cert.c, with the strict DER reader cert_der.c and what
 * both share, certdec.c).
 *
 * Ownership: the inventory allocates a certificate, its DER and its
 * sources, and frees them; cert_decode() fills it; cert_free() frees
 * only what decoding allocated; cert_pubkey() returns a key the caller
 * frees with EVP_PKEY_free().
 */
#ifndef CERT_H
#define CERT_H

#include <openssl/x509.h>

#include "base/base.h"

/*
 * Purposes a CA certificate may issue for.  Kept apart; audit kinds are
 * derived from them by the scope engine.
 */
#define PURP_SERVER	0x01u
#define PURP_CLIENT	0x02u
#define PURP_EMAIL	0x04u
#define PURP_CODE	0x08u
#define PURP_TIME	0x10u
#define PURP_ALL	0x1fu

/* Name constraints, counted by type (RFC 5280 GeneralName). */
enum nc_type {
	NC_DNS, NC_IP4, NC_IP6, NC_EMAIL, NC_DIRNAME, NC_URI, NC_OTHER,
	NC_NTYPES
};
struct name_constraints {
	int	 present;
	unsigned permitted[NC_NTYPES];
	unsigned excluded[NC_NTYPES];
	/* IP ranges that exclude everything (0.0.0.0/0, ::/0) */
	int	 excluded_all_ip4;
	int	 excluded_all_ip6;
	char	**items;	/* "permitted DNS:example.com", escaped */
	size_t	 nitems;
};

/* Where a certificate was found: "file:index" or "file:line". */
struct source {
	const char *path;	/* the input's: borrowed from the inventory */
	long	 line;		/* line of the BEGIN marker, or 0 */
	unsigned index;		/* 1-based, within the file */
};

/* Fields of a certificate that may fail to decode (struct cert's bad). */
enum cert_field {
	CF_BC,		/* basicConstraints */
	CF_PATHLEN,	/* its pathLenConstraint */
	CF_KU, CF_EKU, CF_CP, CF_NC, CF_SKI, CF_AKI, CF_SAN, CF_CRLDP,
	CF_NSCERT,	/* Netscape certificate type */
	CF_RFC3779,	/* IP address and AS identifier blocks */
	CF_OTHER,	/* an extension OpenSSL judges invalid, not named */
	CF_NOTBEFORE, CF_NOTAFTER,
	CF_N
};
#define CF_BIT(f)	(1u << (f))
#define CF_VALIDITY	(CF_BIT(CF_NOTBEFORE) | CF_BIT(CF_NOTAFTER))
/* What an unreadable validity reads as: valid from the first day to the
 * last that a certificate can name. */
#define CERT_TIME_EARLIEST	(-631152000)	/* 1950-01-01 */
#define CERT_TIME_LATEST	253402300799	/* 9999-12-31T23:59:59Z */

/*
 * One CA (or leaf) certificate of the inventory.  Identified by SHA-256
 * over its DER bytes exactly as given.
 */
struct cert {
	unsigned char	 sha256[32];
	unsigned char	 sha1[20];
	unsigned char	 spki_sha256[32];	/* SubjectPublicKeyInfo DER */
	unsigned long	 subject_hash;	/* of the canonical name encoding */
	unsigned long	 issuer_hash;
	/*
	 * Beside the name hashes, which the hierarchy's first pass reads of
	 * every certificate too: most often in the same cache line.
	 */
	int		 self_issued;	/* subject == issuer (self-signed is
					   a signature check: struct hnode) */
	int		 sig_unsupported; /* algorithm OpenSSL cannot verify */
	/*
	 * SHA-256 of each name as X509_NAME_cmp() compares it (case and
	 * blanks folded, multi-valued RDNs in any order): equal ids are
	 * equal names.
	 */
	unsigned char	 subject_id[32];
	unsigned char	 issuer_id[32];
	/*
	 * The DER exactly as fingerprinted.  No decoded X509 is kept: at a
	 * million certificates OpenSSL's objects would cost several KiB
	 * each; cert_pubkey() decodes the key when a signature is checked.
	 */
	unsigned char	*der;
	size_t		 der_len;
	char		*subject;	/* RFC 2253, valid UTF-8 */
	char		*issuer;
	char		*serial;	/* upper hex */
	astime		 not_before;
	astime		 not_after;
	/*
	 * Beside the validity, what the scope reads of every certificate
	 * for every kind (one cache line, not three).  Revocation is no
	 * field of the certificate: struct revocation (inventory.h).
	 */
	int		 bc_present;
	int		 ca;
	long		 pathlen;	/* -1: none */
	int		 ku_present;
	unsigned	 key_usage;	/* OpenSSL KU_* bits */
	int		 eku_present;
	int		 eku_any;	/* anyExtendedKeyUsage */
	unsigned	 eku_purposes;	/* PURP_*, SGC and step-up as server */
	char		**eku_oids;	/* dotted; "name (oid)" in eku_names */
	/*
	 * Borrowed: OpenSSL's or this program's static names, or the OID
	 * of eku_oids itself (a million certificates, two million copies
	 * of "serverAuth" and "clientAuth" otherwise).
	 */
	const char	**eku_names;
	size_t		 neku;
	int		 pol_present;
	int		 pol_any;
	int		 pol_ev;	/* 2.23.140.1.1 */
	char		**policies;	/* dotted OIDs */
	size_t		 npolicies;
	struct name_constraints nc;
	unsigned char	 ski[64];
	size_t		 ski_len;	/* 0: absent */
	unsigned char	 aki[64];
	size_t		 aki_len;	/* 0: absent */
	int		 ext_invalid;	/* an extension did not decode */
	/*
	 * Fields that could not be read (CF_BIT), and of those the
	 * extensions that appear more than once.  Each was read the way
	 * that keeps the certificate in scope: an undecodable
	 * basicConstraints makes a CA, an unreadable notAfter never
	 * expires (cert_field_text() says which and why).
	 */
	unsigned	 bad;
	unsigned	 bad_repeated;
	const char	*sigalg;	/* signature algorithm name (static) */

	struct source	*sources;
	size_t		 nsources;
};

/* Certificates (cert.c). */
/*
 * Decodes c->der into c's fields, safe to run in threads: it reports
 * nothing and leaves sha256 and sources alone.  c->der and c->der_len are
 * the input; on success returns 0, may shorten der_len to the bytes
 * decoded (trailing bytes: the caller re-takes sha256) and sets
 * *bad_validity; on failure returns -1 with the reason in err.
 */
int	 cert_decode(struct cert *c, int *bad_validity, char *err,
	    size_t errlen);
/* What cert_decode() allocated: not c itself, its der or its sources. */
void	 cert_free(struct cert *);
/*
 * Is there a certificate anywhere in the n bytes at p (appended after
 * another inside one PEM block, perhaps behind padding)?  Any offset
 * where one's shape begins counts (doubt); linear in n, where trying
 * d2i_X509() at each offset was quadratic on crafted input (27.8 s for
 * a 1 MB block of nested headers).  cert_der.c.
 */
int	 cert_among(const unsigned char *p, size_t n);
/*
 * The fields c->bad names and why, joined by "; ": "extendedKeyUsage
 * repeated; notAfter not a valid date".  Appended; nothing when none.
 */
void	 cert_bad_text(struct buf *, const struct cert *);
/* The warning for a certificate whose validity could not be read. */
void	 cert_warn_validity(struct run *, const char *path, long line,
	    const struct cert *);
/* Decoded afresh from c->der: free with EVP_PKEY_free(). */
EVP_PKEY *cert_pubkey(const struct cert *);
/* Does key verify child's signature?  Thread-safe. */
int	 cert_verify_with(const struct cert *child, EVP_PKEY *key);
const char *purpose_name(unsigned);	/* one PURP_* bit */
/* Short label for a certificate: its CN, else its whole subject (free). */
char	*cert_label(const struct cert *);
void	 cert_label_add(struct buf *, const struct cert *);	/* appended */

#endif /* CERT_H */
