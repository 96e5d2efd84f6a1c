/*
 * auditscope: which CA certificates must an audit statement list, and which
 * does it miss?
 *
 * Cross-file declarations of the core: diagnostics, time, fingerprints,
 * the certificate inventory and its hierarchy.  Each stage that has more to
 * say (statements, scope, CCADB, reports) has a header of its own.
 *
 * Ownership: functions named *_new or *_load return memory the caller frees
 * with the matching *_free; everything returned as "const" or documented as
 * borrowed lives as long as the object it came from.
 */
#ifndef AUDITSCOPE_H
#define AUDITSCOPE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/x509.h>

#define AUDITSCOPE_VERSION "0.1.0"

/* Exit statuses, documented under EXIT STATUS in auditscope(1). */
enum exit_status {
	EXIT_CLEAN = 0,		/* nothing missing, nothing unknown */
	EXIT_FINDINGS = 1,	/* findings reported */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_INPUT = 3,		/* some input could not be read: incomplete */
	EXIT_INTERNAL = 4	/* out of memory, output error */
};

/*
 * Diagnostics (diag.c).  Every message names the input and place:
 * "auditscope: PATH:LINE: text".  Errors are counted; a run that counted
 * any input error is incomplete and exits EXIT_INPUT.
 */
void	 diag_error(const char *path, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 diag_warn(const char *path, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * Progress on standard error (progress.c): off unless progress_init(1);
 * nothing appears before the run has taken a second.  progress_add() may
 * be called from any thread; progress_end() clears the line before a
 * report or a message is written.
 */
void	 progress_init(int on);
void	 progress_phase(const char *what, size_t total);	/* 0: no total */
void	 progress_add(size_t);
void	 progress_pages(unsigned page, unsigned npages);	/* main thread */
void	 progress_end(void);
void	 progress_clear(void);

/* A notice: said, never counted (nothing is wrong with the input). */
void	 diag_note(const char *path, long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 diag_openssl(const char *path, long line, const char *what);
unsigned diag_errors(void);
unsigned diag_warnings(void);
void	 diag_reset(void);
void	 diag_set_stream(FILE *);	/* NULL silences (tests) */

/*
 * Memory (util.c): abort with a message on exhaustion.  memory_init()
 * tunes malloc() for a process that lives one run; main() calls it first.
 */
void	 memory_init(void);
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/*
 * Arena (util.c): many small allocations that live and die together,
 * carved from large mappings the kernel may back with huge pages.  On
 * this kind of virtual machine every first touch of a 4 KiB page costs a
 * fault that shows; the inventory's DER and certificates are tens of
 * megabytes of them.  Under AddressSanitizer every piece is its own
 * malloc(), so that bounds stay checked.
 */
struct arena;
void	*arena_alloc(struct arena **, size_t);	/* zeroed, 16-aligned */
void	 arena_free(struct arena *);		/* all of it */

/* Growable byte buffer (util.c). */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addstr(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* One byte, inline: PEM, CSV and printed names add bytes one by one. */
static inline void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}
char	*buf_take(struct buf *);	/* NUL-terminated, caller frees */
void	 buf_free(struct buf *);

/*
 * A hint to start fetching memory a loop reads a few steps on: at a
 * million certificates nearly every look at one is a cache miss, and
 * waiting for them one at a time was most of a run.
 */
#if defined(__GNUC__)
#define PREFETCH(p)	__builtin_prefetch(p)
#else
#define PREFETCH(p)	((void)(p))
#endif

/*
 * Threads (util.c): fn(arg, i) for every i < n, spread over `jobs`
 * threads (0: one per core), handed out `chunk` items at a time.  fn must
 * not report diagnostics (their order would depend on the scheduler);
 * it records what to say and the caller says it afterwards, in order.
 */
int	 parallel_jobs(int jobs);	/* 0 -> cores */
void	 parallel_for(size_t n, size_t chunk, int jobs,
	    void (*fn)(void *, size_t), void *arg);

/*
 * Reading files (util.c).  Inputs are capped at io_max_input bytes
 * (--max-input-size); a larger input is an error, never a truncated read.
 * "-" is standard input.
 */
extern size_t	 io_max_input;
int	 read_file(const char *path, unsigned char **data, size_t *len);
/* The same into out, whose memory is reused (NUL-terminated too). */
int	 read_file_buf(const char *path, struct buf *out);

/* Hex and fingerprints (util.c). */
void	 hex_encode(const unsigned char *, size_t, char *out); /* upper */
int	 hex_decode(const char *, size_t, unsigned char *out, size_t outlen);
/*
 * The element of base[0..n) (each size bytes, sorted by memcmp of its
 * first klen bytes) whose key is key, or NULL.  For keys that begin with
 * a digest, whose leading bytes are uniform: they say where to look, and
 * a search widening from there finds it in a few nearby probes (a binary
 * search over a million took twenty, each a cache miss).
 */
const void *digest_search(const void *base, size_t n, size_t size,
	    const unsigned char *key, size_t klen);
/*
 * SHA-256 digest -> position, open addressing (util.c).  A slot holds the
 * position and the digest's first 32 bits, which also say where it goes:
 * a look-up that finds nothing (the load's, for every new certificate)
 * reads the table alone, and growing it reads no digest again.  At a
 * million certificates a look at a digest is a cache miss; a probe used
 * to cost two.  The caller holds the digests and confirms a candidate.
 */
struct fpindex {
	uint64_t	*slots;		/* bits << 32 | position + 1; 0: empty */
	size_t		 nslots;	/* a power of two, at least 2n */
	size_t		 n;
};
void	 fpindex_init(struct fpindex *);
void	 fpindex_free(struct fpindex *);
void	 fpindex_clear(struct fpindex *);	/* empty, its size kept */
void	 fpindex_put(struct fpindex *, const unsigned char sha[32], size_t);
/*
 * The positions whose first 32 bits are sha's, one a call: *probe starts
 * at FPINDEX_START; SIZE_MAX when there are no more.
 */
#define FPINDEX_START	SIZE_MAX
size_t	 fpindex_next(const struct fpindex *, const unsigned char sha[32],
	    size_t *probe);
void	 fpindex_prefetch(const struct fpindex *, const unsigned char sha[32]);
int	 fp_parse(const char *, unsigned char out[32]);	/* 64 hex, ':' ok */
/* Digests of a buffer, thread-safe (util.c). */
void	 digest_sha256(const void *, size_t, unsigned char out[32]);
void	 digest_sha1(const void *, size_t, unsigned char out[20]);

/*
 * Time (util.c).  Seconds since the epoch, UTC, 64-bit so that
 * notAfter 9999-12-31 survives.  Dates are read as YYYY-MM-DD or
 * YYYY.MM.DD.  "now" is pinned by --at so that output never depends on
 * the clock.
 */
typedef int64_t astime;
extern astime	 as_now;
astime	 time_from_civil(int y, int m, int d, int hh, int mm, int ss);
int	 time_parse_date(const char *, astime *);	/* 0 ok, -1 bad */
void	 time_format(astime, char out[21]);		/* 2025-01-01T00:00:00Z */
void	 time_format_date(astime, char out[11]);	/* 2025-01-01 */
/* The same day n months later (earlier when n < 0), clamped to the end
 * of a shorter month: 2024-01-31 + 1 = 2024-02-29. */
astime	 time_add_months(astime, int n);
/* Whole months from a to b (negative when b is before a). */
int	 time_months_between(astime a, astime b);

/*
 * An audit period: inclusive days, start and end at midnight UTC of the
 * first and last day.  Written "YYYY-MM-DD..YYYY-MM-DD".
 */
struct period {
	astime	 start;
	astime	 end;		/* midnight of the last day */
};
int	 period_parse(const char *, struct period *);	/* 0 ok, -1 bad */
/* The first instant after the period: end + one day. */
astime	 period_after(const struct period *);

/*
 * Audit kinds, named as CCADB Policy section 5 names the audits.  Every
 * stage uses these names: "standard", "netsec", "tls", "ev", "smime",
 * "codesigning".
 */
enum audit_kind {
	KIND_STANDARD,		/* WebTrust for CAs, ETSI EN 319 411-1 */
	KIND_NETSEC,		/* Network and Certificate System Security */
	KIND_TLS,		/* TLS Baseline Requirements */
	KIND_EV,		/* TLS EV Guidelines */
	KIND_SMIME,		/* S/MIME Baseline Requirements */
	KIND_CODESIGNING,	/* Code Signing Baseline Requirements */
	NKINDS
};
#define KIND_BIT(k)	(1u << (k))
const char *kind_name(enum audit_kind);		/* "smime" */
const char *kind_title(enum audit_kind);	/* "S/MIME BR" */
int	 kind_parse(const char *, enum audit_kind *);	/* 0 ok */
/* The names kind_parse() takes, for usage messages. */
const char *kinds_usage(void);
/* "tls,smime" -> bit set; -1 on an unknown name. */
int	 kinds_parse(const char *, unsigned *);
/* Appends the titles of a set, joined by sep; nothing for an empty set. */
void	 kinds_titles(struct buf *, unsigned, const char *sep);
/* The same with the short names ("smime"). */
void	 kinds_names(struct buf *, unsigned, const char *sep);

/*
 * Output escaping (escape.c).  Anything read from a certificate, CSV, XML
 * or PDF is hostile: these make it safe for one sink each.  All return
 * memory the caller frees.
 */
char	*esc_utf8(const unsigned char *, size_t);	/* valid UTF-8 */
/* One UTF-8 character (RFC 3629: no overlong forms, no surrogates):
 * its length, or 0 when invalid. */
size_t	 utf8_seq(const unsigned char *, size_t, unsigned long *cp);
char	*esc_term(const char *);	/* no controls, no bidi, no ESC */
char	*esc_csv(const char *);		/* quoted cell, formulas defused */
char	*esc_json(const char *);	/* serialised JSON: DEL, C1, bidi as \u */

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
	 * SHA-256 of each name as X509_NAME_cmp() compares it (case and
	 * blanks folded, multi-valued RDNs in any order): equal ids are
	 * equal names.
	 */
	unsigned char	 subject_id[32];
	unsigned char	 issuer_id[32];
	/*
	 * The DER exactly as fingerprinted.  No decoded X509 is kept: at a
	 * million certificates OpenSSL's objects would cost several KiB
	 * each; cert_x509() decodes one when something needs it.
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
	 * for every kind (one cache line, not three).  Revocation comes
	 * from --revoked or CCADB.
	 */
	int		 revoked;
	astime		 revoked_at;	/* 0: date unknown */
	int		 self_issued;	/* subject == issuer */
	int		 self_signed;	/* and verifies with its own key, or
					   its algorithm cannot be checked
					   (set by hierarchy_build()) */
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
	int		 sig_unsupported; /* algorithm OpenSSL cannot verify */
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

	/*
	 * Hierarchy (hierarchy.c): indices into the inventory, in one
	 * block the inventory owns (inv->links), not freed with the
	 * certificate.
	 */
	size_t		*parents;
	size_t		 nparents;
	size_t		*children;
	size_t		 nchildren;
	size_t		 group;		/* same subject + key: one CA key */

	/* CCADB record merged into this certificate, or NULL (ccadb.c). */
	struct ccadb_record *ccadb;

	/* What the inventory's arena holds (cert_free() leaves it). */
	unsigned char	 arena_der;
	unsigned char	 arena_self;
};

struct ccadb_data;		/* ccadb.h */

/* Statistics of one input, for reports. */
struct input_stat {
	char		*path;
	unsigned char	 sha256[32];	/* of the bytes read (provenance) */
	size_t		 bytes;
	int		 read;		/* sha256 and bytes are set */
	unsigned	 certificates;	/* in the inventory (after --owner) */
	unsigned	 duplicates;
	unsigned	 set_aside;	/* read, then set aside by --owner */
	unsigned	 skipped;
	unsigned	 errors;
	const char	*format;	/* "pem", "der", "pkcs7", "ccadb-csv" ... */
	const char	*role;		/* sides: "revoked", "external" */
	/* CCADB reports: which one, data rows, rows with record fields. */
	const char	*report;	/* "ccadb-records-v5" ..., or NULL */
	unsigned	 rows;
	unsigned	 records;
	/* The newest certificate notBefore read from it; 0: none. */
	astime		 newest;
};

/* Same subject and public key: one CA key behind several certificates. */
struct keygroup {
	size_t		*members;	/* in inv->group_members */
	size_t		 nmembers;
};

struct inventory {
	struct cert	**certs;
	size_t		 ncerts;
	size_t		 capcerts;
	struct input_stat *inputs;
	size_t		 ninputs;
	/*
	 * Files read for something other than certificates to check, for
	 * provenance: --revoked (records: its entries) and --external
	 * (certificates); role says which.
	 */
	struct input_stat *sides;
	size_t		 nsides;
	struct keygroup	*groups;
	size_t		 ngroups;
	size_t		*group_members;	/* every group's members, one block */
	struct fpindex	 index;		/* sha256 -> index in certs */
	unsigned	 errors;	/* inputs that failed */
	unsigned long	 links_verified;
	unsigned long	 links_rejected;
	unsigned long	 links_checked;	/* signatures verified this run */
	size_t		*links;		/* every parents and children list */
	/* CCADB records, with those that carry no certificate (ccadb.c). */
	struct ccadb_data *ccadb;
	struct arena	*arena;		/* DER and certificates */
	struct buf	 input;		/* each file's bytes, one buffer */
	/*
	 * Added but not decoded yet (inventory.c): decoded by threads while
	 * the reader goes on, settled in order by inventory_flush().
	 */
	struct pending	**pchunks;
	size_t		 nchunks;
	size_t		 npending;
	struct decoder	*dec;
};

/* Certificates (cert.c). */
struct cert *cert_from_der(const unsigned char *, size_t, const char *path,
	    long line, char **err);
/*
 * The decoding behind cert_from_der, safe to run in threads: it reports
 * nothing and leaves sha256 and sources alone.  c->der and c->der_len are
 * the input; on success returns 0, may shorten der_len to the bytes
 * decoded (trailing bytes: the caller re-takes sha256) and sets
 * *bad_validity; on failure returns -1 with the reason in err.
 */
int	 cert_decode(struct cert *c, int *bad_validity, char *err,
	    size_t errlen);
void	 cert_free(struct cert *);
int	 cert_is_ca(const struct cert *);
/*
 * The fields c->bad names and why, joined by "; ": "extendedKeyUsage
 * repeated; notAfter not a valid date".  Appended; nothing when none.
 */
void	 cert_bad_text(struct buf *, const struct cert *);
/* The warning for a certificate whose validity could not be read. */
void	 cert_warn_validity(const char *path, long line, const struct cert *);
int	 cert_verified_by(const struct cert *child, const struct cert *issuer);
/* Decoded afresh from c->der: free with X509_free() / EVP_PKEY_free(). */
X509	*cert_x509(const struct cert *);
EVP_PKEY *cert_pubkey(const struct cert *);
/* Does key verify child's signature?  Thread-safe. */
int	 cert_verify_with(const struct cert *child, EVP_PKEY *key);
const char *purpose_name(unsigned);	/* one PURP_* bit */
/* Short label for a certificate: its CN, else its whole subject (free). */
char	*cert_label(const struct cert *);
void	 cert_label_add(struct buf *, const struct cert *);	/* appended */

/* Inventory (inventory.c, load.c). */
struct inventory *inventory_new(void);
void	 inventory_free(struct inventory *);
/* Walks files, directories (sorted) and "-".  Returns -1 on any error. */
int	 inventory_add_path(struct inventory *, const char *path);
/* A new entry in inv->sides (zeroed, path copied). */
struct input_stat *inventory_add_side(struct inventory *, const char *path,
	    const char *role);
/* Loads one buffer of any supported format; name is for messages. */
int	 inventory_add_buffer(struct inventory *, const char *name,
	    const unsigned char *, size_t);
/* Adds DER; merges duplicates.  Returns the index, or -1. */
long	 inventory_add_der(struct inventory *, struct input_stat *,
	    const unsigned char *, size_t, long line);
/* The same with its SHA-256 known. */
long	 inventory_add_der_hashed(struct inventory *, struct input_stat *,
	    const unsigned char *der, size_t, long line,
	    const unsigned char sha[32]);
long	 inventory_find(const struct inventory *, const unsigned char sha[32]);
/*
 * Starts fetching what inventory_find(sha) reads, for a loop that will
 * look sha up a few steps on: stage 0 its hash slot; stage 1, some steps
 * later (the slot in cache), the certificate's place in certs[]; stage 2
 * the certificate.  Stages 1 and 2 return the index of the certificate
 * sha probably is (SIZE_MAX: none), for the caller's own fetching.
 */
size_t	 inventory_prefetch(const struct inventory *,
	    const unsigned char sha[32], int stage);
/* Sorts certificates by subject then fingerprint; call before linking. */
void	 inventory_sort(struct inventory *);

/* Hierarchy (hierarchy.c). */
struct hier_opts {
	int		 jobs;		/* verification threads, 0 = cores */
	int		 use_cache;
	const char	*cache_dir;	/* NULL: $XDG_CACHE_HOME/auditscope */
};
int	 hierarchy_build(struct inventory *, const struct hier_opts *);
int	 cert_is_root(const struct cert *);	/* self-signed CA */

#endif /* AUDITSCOPE_H */
