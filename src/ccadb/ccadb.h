/*
 * CCADB CSV reports (ccadb.c): what the reader keeps of each record, and
 * the accessors the scope engine and the ccadb command read it through.
 *
 * Records are merged by SHA-256 into a struct ccadb_db, whether or not a
 * certificate with that fingerprint was loaded; a loaded certificate's
 * record is ccadb_find(db, c->sha256).  The database is the command's
 * (ccadb_db_new(), ccadb_db_free()), filled by the loaders it is the
 * reader of (loader_add_reader(ld, &db->reader)); every pointer handed
 * out here is borrowed.
 *
 * CCADB's own flags (Derived Trust Bits, the "... Capable" columns) say
 * what CCADB thinks TODAY; they are kept to be shown beside the scope
 * computed from the certificates, never instead of it.
 */
#ifndef CCADB_H
#define CCADB_H

#include "base/base.h"
#include "inventory/inventory.h"

/* Root stores whose trust bits CCADB reports carry. */
enum ccadb_store {
	STORE_MOZILLA,
	STORE_CHROME,
	STORE_APPLE,
	STORE_MICROSOFT,
	NSTORES
};
const char *store_name(enum ccadb_store);		/* "mozilla" */
/* "mozilla+apple" for a set of 1u << store bits (--store). */
#define STORES_TEXT	64
const char *stores_text(unsigned stores, char out[STORES_TEXT]);
int	 store_parse(const char *, enum ccadb_store *);	/* 0 ok, -1 bad */

enum ccadb_rtype {
	RTYPE_UNKNOWN,		/* the report does not say */
	RTYPE_ROOT,
	RTYPE_INTERMEDIATE
};

/* CCADB's "Revocation Status". */
enum ccadb_revocation {
	REVOC_UNKNOWN,		/* empty, or a report without the column */
	REVOC_NOT_REVOKED,
	REVOC_REVOKED,
	REVOC_PARENT_REVOKED	/* "Parent Cert Revoked": not itself */
};

/* Booleans read from a report: -1 when the report does not say. */
#define CCADB_UNSET	(-1)
/*
 * Beside the PURP_* bits of a store's trust: the cell named purposes,
 * every word of it known, so that no PURP_* bit means "trusted for no
 * audit purpose" (Microsoft "Document Signing"), not a blank cell.
 */
#define CCADB_TRUST_NAMED	0x100u
/* Beside them: the cell had a word not known (ccadb_trust_blank()). */
#define CCADB_TRUST_UNKNOWN	0x200u
/*
 * EV policy OIDs a root may carry over all its rows: real roots carry a
 * handful.  More is hostile input (each OID is compared with the others
 * in the reader and in the scope), an error naming the row.
 */
#define CCADB_MAX_EV_OIDS	64

/* One audit of one kind, as the record lists it.  0: not given. */
struct ccadb_audit {
	char	*url;
	char	*type;		/* "WebTrust", "ETSI EN 319 411" ... */
	astime	 statement;	/* audit statement date */
	astime	 start;		/* audit period, inclusive days */
	astime	 end;
};

/* Does the record give any of this audit (URL, type or a date)? */
int	 ccadb_audit_given(const struct ccadb_audit *);

/* Rows a record cites for one store's trust bits. */
#define CCADB_TRUST_ROWS	8

struct ccadb_record {
	unsigned char	 sha256[32];
	unsigned char	 parent_sha256[32];
	int		 has_parent;
	char		*ca_owner;	/* the first row's, for display */
	char		*sub_ca_owner;	/* "Subordinate CA Owner" */
	/*
	 * Every distinct CA Owner and Subordinate CA Owner the rows of this
	 * fingerprint give: a renamed owner keeps its old and new names
	 * (one report "X (previously Y)", another "X").  Sorted.
	 */
	char		**owners;
	size_t		 nowners;
	char		**sub_owners;
	size_t		 nsub_owners;
	char		*name;		/* "Certificate Name" */
	enum ccadb_rtype rtype;
	enum ccadb_revocation revocation;
	astime		 revoked_at;	/* "Date of Revocation", 0: not given */
	int		 technically_constrained;	/* CCADB_UNSET, 0, 1 */

	/*
	 * Per root store: CCADB's status ("Included", "Removed" ...) and
	 * the trust bits as PURP_* and CCADB_TRUST_NAMED (trust_known: a
	 * report gave them).
	 * Merged over every report, whatever their order: an inclusion in
	 * any report wins over a status that is none (a report may be
	 * older or newer than another), and the trust bits are the union
	 * of those given by the rows that include the root (or that give
	 * no status for the store).  store_path/store_line: the row that
	 * gave store_status; trust_rows: the rows whose bits were taken
	 * (the first CCADB_TRUST_ROWS of them, each once; ntrust_rows
	 * counts them all).
	 */
	char		*store_status[NSTORES];
	char		*store_path[NSTORES];
	long		 store_line[NSTORES];
	struct ccadb_row {
		char		*path;
		long		 line;
	}		 trust_rows[NSTORES][CCADB_TRUST_ROWS];
	size_t		 ntrust_rows[NSTORES];
	unsigned	 store_trust[NSTORES];
	int		 store_trust_known[NSTORES];
	/*
	 * A row that includes the root gave the store's bits blank (no
	 * trust data: every purpose); with other rows, the union is every
	 * purpose (ccadb_store_trust()).
	 */
	int		 store_trust_blank[NSTORES];
	/* A row that includes the root in the store gave bits. */
	int		 store_trust_incl[NSTORES];
	/*
	 * A row that includes the root in the store left "Trust Bits for
	 * Root Cert" blank: doubt of that store's bits too.
	 */
	int		 root_blank_incl[NSTORES];
	/*
	 * The first row that gave blank bits: a store's, then "Trust Bits
	 * for Root Cert" (root_trust_blank), then that cell in a report
	 * without statuses (root_trust_unstated); path NULL: none did.
	 */
#define CCADB_BLANK_ROOT	NSTORES
#define CCADB_BLANK_UNSTATED	(NSTORES + 1)
	struct ccadb_row blank_row[NSTORES + 2];
	/*
	 * Rows that disagree (reports of different dates: the union is
	 * taken, and the setup says so): a store's inclusion, its trust
	 * bits (as purposes: the first row's kept to compare), "Trust Bits
	 * for Root Cert", the EV OIDs.  differ_path and differ_line: for
	 * each item (CCADB_DIFFER_*), the first row that disagreed with
	 * those before it; NULL: none did.
	 */
#define CCADB_DIFFER_STATUS(s)	(s)
#define CCADB_DIFFER_BITS(s)	(NSTORES + (s))
#define CCADB_DIFFER_ROOT	(2 * NSTORES)
#define CCADB_DIFFER_EV		(2 * NSTORES + 1)
#define CCADB_DIFFER_N		(2 * NSTORES + 2)
	unsigned	 store_trust_first[NSTORES];
	int		 store_trust_differ[NSTORES];
	int		 store_status_differ[NSTORES];
	unsigned	 root_trust_first;
	size_t		 ev_rows;	/* rows with an EV OIDs column */
	char		*differ_path[CCADB_DIFFER_N];
	long		 differ_line[CCADB_DIFFER_N];
	/* "Trust Bits for Root Cert": the union over every store. */
	unsigned	 root_trust;
	int		 root_trust_known;
	/*
	 * A root's row that includes it gave that cell blank (no trust
	 * data: every purpose, beside other rows' bits too).
	 */
	int		 root_trust_blank;
	/*
	 * A root's row in a report without store statuses (older
	 * all-records reports) left that cell blank: no trust data, and no
	 * sign of an inclusion either.  Not enough to make the record a
	 * root store's (such rows alone keep every self-signed CA an
	 * anchor); beside records that are, the root stays one, trusted
	 * for every purpose (setup.c).
	 */
	int		 root_trust_unstated;
	char		**ev_oids;
	size_t		 nev_oids;
	/* More were given than CCADB_MAX_EV_OIDS (an input error). */
	int		 ev_oids_cut;
	/* A report with an EV OID column gave this row (empty: none). */
	int		 ev_oids_known;

	char		*audit_firm;	/* "Audit Firm", earlier "Auditor" */
	int		 audits_same_as_parent;		/* CCADB_UNSET, 0, 1 */
	struct ccadb_audit audits[NKINDS];

	/* CCADB's view of today; empty for expired or revoked ones. */
	unsigned	 derived_trust;	/* PURP_* */
	int		 derived_trust_known;
	int		 tls_capable;			/* CCADB_UNSET, 0, 1 */
	int		 ev_capable;
	int		 smime_capable;
	int		 codesigning_capable;

	/* The first row that named this fingerprint, and how many did. */
	char		*path;
	long		 line;
	unsigned	 rows;
	int		 has_cert;	/* set by ccadb_link */
};

/* A certificate ccadb_filter_owner() removed, and its record's owner. */
struct ccadb_dropped {
	unsigned char	 sha256[32];
	unsigned char	 subject_id[32];	/* its name (cert.h) */
	unsigned char	 ski[64];	/* its subject key identifier */
	size_t		 ski_len;	/* 0: none */
	char		*owner;		/* CA Owner, or NULL: no record */
};

/* The CCADB records of a run, with those that carry no certificate. */
struct ccadb_db {
	struct ccadb_record **recs;	/* in order of first appearance */
	size_t		 nrecs;
	size_t		 caprecs;
	struct fpindex	 index;		/* sha256 -> index in recs */
	struct ccadb_dropped *dropped;	/* sorted by sha256 */
	size_t		 ndropped;
	size_t		 capdropped;
	/* By subject_id, then place in dropped (its fingerprint order). */
	struct ccadb_dropped_name {
		unsigned char	 subject_id[32];
		size_t		 i;	/* in dropped */
	}		*dropped_by_name;
	/* The CSV reports as an inventory reader, ctx this database. */
	struct inventory_reader reader;
};

/* An empty database, its reader set (ccadb.c); the command's to free. */
struct ccadb_db *ccadb_db_new(void);
void	 ccadb_db_free(struct ccadb_db *);

/* The record of a fingerprint (a certificate's: c->sha256), or NULL. */
const struct ccadb_record *ccadb_find(const struct ccadb_db *,
	    const unsigned char sha[32]);
/* Number of records, and one by index (order of first appearance). */
size_t	 ccadb_count(const struct ccadb_db *);
const struct ccadb_record *ccadb_record_at(const struct ccadb_db *, size_t);

/*
 * Trust bits (ccadb_trust_bits()) as the purposes they give: words none
 * of which names an audit purpose (CCADB_TRUST_NAMED alone) give none; a
 * blank or unknown cell gives every purpose.
 */
unsigned ccadb_trust_purposes(unsigned bits);
/*
 * Bits that give no trust data: a blank cell, or words none of which this
 * program knows (every purpose, EV only by --ev-oid).
 */
int	 ccadb_trust_blank(unsigned bits);
/*
 * A store's trust in a root: 1 trusted (Included, or Microsoft's
 * "NotBefore") with *bits its PURP_* trust bits, 0 not trusted, -1 the
 * reports loaded do not say.  Chrome trusts roots for TLS only: an
 * included Chrome root has PURP_SERVER.
 */
int	 ccadb_store_trust(const struct ccadb_record *, enum ccadb_store,
	    unsigned *bits);
/*
 * "Trust Bits for Root Cert", the union over every store, as the purposes
 * it gives: 0 when no row gave it, else 1 with *bits the purposes (every
 * purpose when a row gave it blank, or an older report without statuses
 * did and no report gives the root a status), *blank set when no row
 * gave data.
 */
int	 ccadb_root_trust(const struct ccadb_record *, unsigned *bits,
	    int *blank);

/*
 * A root's trust: given by the user (--trust) or by the root stores'
 * CCADB records.  The first entry naming any certificate of a key is the
 * key's.  Pointers are borrowed (from the options or the CCADB records).
 */
struct trust_entry {
	unsigned char	 sha256[32];
	unsigned	 purposes;	/* PURP_* */
	char * const	*ev_oids;	/* EV policy OIDs known for the root */
	size_t		 nev_oids;
	const char	*source;	/* "--trust", "CCADB mozilla (f:12)" */
	/*
	 * From CCADB records none of whose reports has an EV OID column:
	 * whether the root has EV OIDs is unknown (not "none").
	 */
	int		 ev_unknown;
	/* Included with blank trust bits: taken as every purpose. */
	int		 no_data;
	/* From --trust, which stands for its key over any store's record. */
	int		 given;
};

/*
 * Marks the records whose certificate is loaded (has_cert).  Idempotent;
 * load_inventory calls it once all inputs are read.
 */
void	 ccadb_link(struct ccadb_db *, struct inventory *);
/*
 * CCADB's revocation into rev, by certificate index (a date already known
 * is kept): call once the inventory is sorted and filtered.
 */
void	 ccadb_revocations(const struct ccadb_db *, const struct inventory *,
	    struct revocation *rev);

/*
 * Keeps the hierarchy of one CA Owner: certificates whose record names
 * owner (case-insensitive) as CA Owner or Subordinate CA Owner, their
 * same-subject-and-key siblings, everything they issue (transitively) and
 * every issuer above them; records of the owner without a certificate
 * stay too.  Run after hierarchy_build: links and key groups are
 * renumbered, nothing is verified again.  Returns the number of
 * certificates kept, or -1 when no record names that owner (then nothing
 * is removed).
 */
long	 ccadb_filter_owner(struct ccadb_db *, struct inventory *,
	    struct hierarchy *, const char *owner);

/*
 * Was sha removed by the --owner filter?  Returns 1 with *owner the CA
 * Owner its record gave (NULL: it had none), 0 when it was not.
 */
int	 ccadb_owner_dropped(const struct ccadb_db *,
	    const unsigned char sha[32], const char **owner);
/*
 * Did the --owner filter remove c's issuer: a certificate named as c's
 * issuer whose key identifier is c's authority key identifier, else (one
 * of them absent) the first of that name in fingerprint order?  As
 * ccadb_owner_dropped(); -1 when more certificates of that name were set
 * aside than are looked at (hostile input) and none of those matched by
 * key: the one that does may lie past them.
 */
int	 ccadb_owner_dropped_issuer(const struct ccadb_db *,
	    const struct cert *c, const char **owner);

/*
 * The one rule by which two CA Owner names are the same owner: equal with
 * ASCII case ignored and runs of blanks folded to one, once a trailing
 * parenthesised "(previously ...)" or "(formerly ...)" is cut from either
 * ("Asseco Data Systems S.A. (previously Unizeto Certum)" is "Asseco Data
 * Systems S.A.").  Every owner comparison goes through it.
 */
int	 ccadb_owner_same(const char *, const char *);

/* Does any CA Owner or Subordinate CA Owner name of the record match? */
int	 ccadb_owner_is(const struct ccadb_record *, const char *owner);
/*
 * Owner names the records give that the user may have meant by an owner
 * no record names (compared folded, as ccadb_owner_same() does): those
 * containing it or contained in it, or whose initials it is (legal
 * forms left out); at most three, in record order, as "; did you mean
 * \"...\"?" escaped for the terminal.  NULL when none; caller frees.
 */
char	*ccadb_owner_suggest(const struct ccadb_db *, const char *owner);

#endif
