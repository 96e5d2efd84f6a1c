/*
 * The engine (src/engine): the rules.  Enters: a linked inventory, CCADB
 * records, statements, the audited roots and their trust, the run's now.
 * Leaves: verdicts and findings, and what it has to say (roots of unknown
 * EV OIDs) as data in its results.  No I/O: it reads no file and says
 * nothing (tests/layering).  One section per file, in the acme-client
 * extern.h manner: scope.c, reconcile.c, ccadb_audit.c, lint.c.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"

/*
 * The scope engine (scope.c): for each certificate of a linked inventory,
 * each audit kind and one audit period, whether the certificate must be
 * listed in that kind of audit statement, and why.  The rules are CCADB
 * Policy section 5 and Mozilla Root Store Policy 5.3.1; auditscope(1)
 * states them under SCOPE RULES.
 */

/* How purposes map to audit kinds. */
enum scope_rules {
	RULES_MOZILLA,	/* serverAuth alone puts a CA in TLS scope */
	RULES_CCADB	/* the CCADB table read literally: clientAuth too */
};

/* Purposes a kind is about, under the rules: PURP_* (scope.c). */
unsigned kind_purposes(enum audit_kind, enum scope_rules);
/*
 * The trust entries that decide the key of certificate ci, one a call
 * (*i from 0; NULL after the last): --trust's when it names any of the
 * key's certificates, else every store entry of any of them; the key's
 * trust is their union.
 */
const struct trust_entry *key_trust_next(const struct hierarchy *,
	    const struct inventory *, size_t ci, const struct trust_entry *,
	    size_t, size_t *i);

enum scope_status {
	ST_REQUIRED,
	ST_NOT_CAPABLE,
	ST_TECHNICALLY_CONSTRAINED,
	ST_EXPIRED_BEFORE_PERIOD,
	ST_REVOKED_BEFORE_PERIOD,
	ST_ISSUED_AFTER_PERIOD,
	ST_NO_VALID_PATH,
	ST_EXTERNAL_CROSS,
	ST_NOT_CA,
	ST_EXTERNAL_HIERARCHY,	/* below a key of another CA Owner */
	NSTATUS
};

/*
 * A self-signed key the audited hierarchy cross-certifies that belongs to
 * another CA Owner (CCADB records, or --external): what it signs is that
 * owner's to audit.  owner is borrowed.
 */
struct scope_external {
	unsigned char	 sha256[32];	/* any certificate of the key */
	const char	*owner;
	const char	*compared;	/* the owner names compared, or NULL */
};

struct scope_opts {
	const struct hierarchy	*h;		/* the inventory's, linked */
	const struct ccadb_db	*db;		/* CCADB records, or NULL */
	/* By certificate index (CCADB, --revoked), or NULL: none known. */
	const struct revocation	*revoked;
	enum scope_rules	 rules;
	struct period		 period;
	unsigned		 kinds;		/* KIND_BIT set to evaluate */
	const unsigned char	(*anchors)[32];	/* NULL: every self-signed CA */
	size_t			 nanchors;
	const struct trust_entry *trust;
	size_t			 ntrust;
	/*
	 * --ev-oid: "OID" for every root, "FP=OID" for one root's key;
	 * "none" for an OID says the root has none (not unknown).
	 */
	char * const		*ev_oids;
	size_t			 nev_oids;
	const struct scope_external *external;
	size_t			 nexternal;
};

struct scope;

/* Evaluates every certificate; free with scope_free(). */
struct scope	*scope_eval(const struct inventory *, const struct scope_opts *);
void		 scope_free(struct scope *);
enum scope_status scope_status(const struct scope *, size_t cert,
		    enum audit_kind);
/*
 * Sentences a compliance officer reads, worked out when asked: borrowed
 * from the scope until the next call on it.
 */
/*
 * For a certificate required for kind k: the cross-certificate through
 * which it is in scope (the audited hierarchy certifies a self-signed key
 * no record gives another owner), or -1.
 */
long		 scope_cross_of(const struct scope *, size_t cert,
		    enum audit_kind);
const char * const *scope_reasons(const struct scope *, size_t cert,
		    enum audit_kind, size_t *n);
/*
 * Is this reason the same-key hint ("note: same subject and key as ...")?
 * check's text and HTML reports give each twin a line of its own, with
 * whether the statement lists it, and leave the hint out.
 */
int		 scope_reason_is_twin_hint(const char *);
int		 scope_is_anchor(const struct scope *, size_t cert);
/*
 * Anchors whose EV OIDs no report loaded can say, when EV is evaluated
 * (0 otherwise): they make the EV scope incomplete, which the command
 * says once a run (scope_say_ev_unknown(), setup/setup.h).
 */
size_t		 scope_ev_unknown(const struct scope *);
/*
 * An anchor's trust as the engine took it: purposes, EV OIDs (joined by
 * ", " into ev, empty when none is known) and where they came from.
 * Borrowed from the scope.  -1 when cert is no anchor.
 */
int		 scope_anchor_trust(const struct scope *, size_t cert,
		    unsigned *purposes, const char **ev, const char **source);
/*
 * The anchor's EV policy OIDs: 1 known (*n may be 0: none), 0 unknown
 * (no report with an EV OID column, no --ev-oid: taken as 2.23.140.1.1),
 * -1 when cert is no anchor.
 */
int		 scope_anchor_ev(const struct scope *, size_t cert,
		    const char * const **oids, size_t *n);
const char	*status_name(enum scope_status);	/* "not_capable" */
const char	*rules_name(enum scope_rules);
/* The constraint variant in force under the rules. */
const char	*scope_tc_rule(enum scope_rules);

/* Option parsers: 0 ok, -1 bad. */
int	 purposes_parse(const char *, unsigned *);
/*
 * --ev-oid [FP=]OID: 1 with the fingerprint in sha, 0 for every root, -1
 * when malformed; *oid points into arg ("none", or a dotted OID).
 */
int	 ev_oid_split(const char *arg, unsigned char sha[32], const char **oid);

/*
 * What the scope engine is handed: the audited roots (--anchor, and with
 * --store the roots that store includes) and their trust bits (--trust,
 * then the store's).  so points into the setup; period and kinds are
 * the command's to set.  Its errors (an anchor not in the inventory) are
 * reported, which makes the run incomplete.  Filled by the setup
 * stage's scope_setup() (setup/setup.h); free with scope_setup_free().
 */
struct scope_setup {
	struct scope_opts	 so;
	unsigned char		(*anchors)[32];
	char			**anchor_src;	/* "-a FILE", "--owner NAME" */
	size_t			 nanchors;
	struct trust_entry	*trust;
	size_t			 ntrust;
	struct scope_external	*ext;
	size_t			 next;
	size_t			 capext;
	struct revocation	*revoked;	/* so.revoked, owned */
	char			**strs;		/* the trust sources */
	size_t			 nstrs;
	int			 usage;	/* an --anchor that names no one */
	unsigned		 said;	/* errors the setup itself reported */
};

/*
 * Reconciliation (reconcile.c): each audit statement against the scope
 * the certificates themselves give for the statement's kinds and period.
 * The findings are what `auditscope check` reports.
 *
 * Ownership: reconcile_run() returns a struct check that the caller frees
 * with check_free(); it borrows the inventory and the statements, which
 * must outlive it.
 */

enum finding_kind {
	F_MISSING,		/* required, not listed */
	F_UNKNOWN,		/* listed, matches no certificate */
	F_NOT_REQUIRED,		/* listed, not required (information) */
	F_SHA1_ONLY,		/* listed by SHA-1 only */
	F_ALV,			/* listed in a form ALV will not find */
	NFINDING
};

struct finding {
	enum finding_kind kind;
	unsigned char	 sha256[32];
	long		 cert;		/* inventory index, or -1 */
	enum audit_kind	 audit;		/* the kind that requires it */
	enum scope_status status;	/* F_NOT_REQUIRED */
	long		 nearest;	/* F_UNKNOWN: a typo of this, or -1 */
	const char	*typo;		/* "one digit changed" ... */
	/*
	 * F_MISSING: a listed fingerprint that matches nothing and is this
	 * one with a typo (typo says which), the first such; has_typo_as: set.
	 */
	unsigned char	 typo_as[32];
	int		 has_typo_as;
	char		*detail;	/* F_ALV: how it was written */
	int		 required;	/* F_ALV: the certificate is required,
					   so ALV's "not found" is a finding */
	size_t		*listed_in;	/* F_MISSING: other statements */
	size_t		 nlisted_in;
	int		 known;		/* in the --baseline */
};

struct stmt_check {
	struct statement *st;		/* borrowed */
	unsigned	 kinds;		/* in force: given or detected */
	struct period	 period;
	const struct scope *scope;	/* for its period; borrowed */
	int		 known;		/* same content and kinds in --baseline */
	size_t		 required;
	size_t		 listed;	/* distinct SHA-256 listed */
	struct finding	*f;		/* most serious first, then sha256 */
	size_t		 nf;
	size_t		 capf;
};

struct resolved {
	char		*statement;
	char		*category;
	char		*sha256;
};

struct check {
	const struct inventory *inv;
	const struct hierarchy *h;
	const struct ccadb_db *db;
	struct stmt_check *sc;
	size_t		 nsc;
	struct scope	**scopes;	/* one per distinct period */
	struct period	*periods;
	size_t		 nscopes;
	const char	**unread;	/* statements not read: not checked */
	size_t		 nunread;
	struct resolved	*resolved;	/* baseline findings gone now */
	size_t		 nresolved;
	int		 baseline_used;
};

/*
 * statements[i] is checked against kinds[i] and periods[i] (already
 * resolved from KIND=, --period or detection).
 */
struct check	*reconcile_run(const struct inventory *, struct statement **,
		    const unsigned *kinds, const struct period *, size_t n,
		    const struct scope_opts *);
void		 check_free(struct check *);
const char	*finding_name(enum finding_kind);	/* "missing" */
/* Is the certificate required by this statement (kinds folded as check
 * folds them)?  Sets the kind that requires it. */
int		 stmt_requires(const struct stmt_check *, size_t cert,
		    enum audit_kind *);
size_t		 check_count(const struct check *, enum finding_kind,
		    int only_new);
/*
 * A finding that makes check exit 1: missing, unknown, or a required
 * certificate listed only where CCADB's ALV will not find it (ALV says
 * "Thumbprint not found" for it, as for a missing one).
 */
int		 finding_counts(const struct finding *);
size_t		 check_findings(const struct check *, int only_new);

/*
 * The reconciliation of one statement: every certificate it must list or
 * does list, and every fingerprint it lists that no certificate has, one
 * row each, sorted by fingerprint.  Free the array with free().
 */
struct recon_row {
	unsigned char	 sha256[32];
	long		 cert;		/* -1: no certificate of the inventory */
	int		 required;
	enum audit_kind	 audit;		/* the kind status and reasons are for */
	enum scope_status status;	/* when cert >= 0 */
	const struct stmt_fp *fp;	/* where it is listed, or NULL */
};
struct recon_row *reconcile_rows(const struct check *,
		    const struct stmt_check *, size_t *n);
int		 recon_row_cmp(const void *, const void *);	/* by sha256 */
/* "page 3 line 12: lower case; row 5" for a fingerprint's places. */
void		 locs_text(struct buf *, const struct stmt_loc *, size_t n);

/*
 * CCADB's audit records against the scope the certificates give
 * (ccadb_audit.c): what `auditscope ccadb` reports.  For every CA
 * certificate with a CCADB record (of one owner, with --owner) and every
 * audit kind the scope engine requires of it over the period, is there an
 * audit of that kind on file, its own or inherited through "Audits Same
 * as Parent", current and with dates that make sense?  And do CCADB's
 * "... Capable" flags agree with the computed scope?
 *
 * Ownership: ccadb_audit_run() returns a report the caller frees with
 * ccadb_audit_free(); it borrows the inventory, which must outlive it.
 */

/* "Audits Same as Parent" is followed this many records up, no further. */
#define AUDIT_MAX_DEPTH	16

enum af_kind {
	AF_MISSING,		/* required, no audit of that kind on file */
	AF_INHERITANCE,		/* "Audits Same as Parent" leads nowhere */
	AF_STALE,		/* period ended longer ago than --max-age */
	AF_DATES,		/* dates that contradict each other */
	AF_SAME_AS_PARENT,	/* one key, other audits on a sibling */
	AF_CAPABLE,		/* CCADB's flag is not the computed scope */
	NAF
};

/* How the audits of a record were found. */
enum src_how {
	SRC_OWN,		/* its own audit columns */
	SRC_INHERITED,		/* an ancestor's, through Same as Parent */
	SRC_CYCLE,		/* the chain comes back to a record */
	SRC_TOO_DEEP,		/* longer than AUDIT_MAX_DEPTH */
	SRC_NO_PARENT		/* claims a parent no input has */
};

/*
 * The record whose audits apply to a record.  The parent is the record's
 * "Parent SHA-256 Fingerprint" when a report loaded has that record,
 * otherwise the first issuer in the hierarchy that has one.  chain[0] is
 * the record itself; for SRC_CYCLE the last entry repeats an earlier one.
 */
struct audit_source {
	enum src_how	 how;
	const struct ccadb_record *rec;	/* whose audits apply; NULL broken */
	const struct ccadb_record *chain[AUDIT_MAX_DEPTH + 2];
	size_t		 nchain;
};
void	 ccadb_audit_source(const struct inventory *,
	    const struct hierarchy *, const struct ccadb_db *,
	    const struct ccadb_record *, struct audit_source *);

struct af {
	enum af_kind	 kind;
	size_t		 cert;		/* inventory index */
	unsigned char	 sha256[32];	/* its fingerprint */
	int		 audit;		/* enum audit_kind, -1: none */
	struct audit_source src;	/* where its audits come from */
	long		 sibling;	/* AF_SAME_AS_PARENT: cert index */
	unsigned	 kinds;		/* AF_SAME_AS_PARENT, AF_INHERITANCE */
	int		 ccadb_flag;	/* AF_CAPABLE: CCADB's value */
	enum scope_status status;	/* AF_CAPABLE: the computed one */
	int		 age_months;	/* AF_STALE */
	char		*detail;	/* one sentence, escaped by the sink */
	int		 known;		/* in the --baseline */
};

/*
 * One finding of a --baseline (report/baseline.c reads them): the ccadb
 * report keeps those gone since as they were read.
 */
struct bl_entry {
	char		*where;
	char		*label;		/* how to name where, or NULL */
	char		*category;	/* "missing", "stale" ... */
	char		*sha256;	/* as the baseline wrote it */
	unsigned char	 sha[32];
	int		 matched;	/* a finding of this run is it */
};

struct audit_report {
	const struct inventory *inv;
	const struct hierarchy *h;
	const struct ccadb_db *db;
	const struct revocation *revoked;	/* o->so.revoked */
	struct scope	*scope;
	struct period	 period;	/* the 12 months before at */
	astime		 at;		/* midnight of the --at day */
	int		 max_age;	/* months */
	astime		 oldest_end;	/* period ends before this are stale */
	size_t		 checked;	/* certificates with a record */
	size_t		 inscope;	/* of those, required for a kind */
	size_t		*norecord;	/* in scope, no record: not checked */
	size_t		 nnorecord;
	size_t		 nocert;	/* records without a certificate */
	struct af	*f;		/* by fingerprint, finding, kind */
	size_t		 nf;
	size_t		 capf;
	int		 baseline_used;
	struct bl_entry	*resolved;	/* baseline findings gone now */
	size_t		 nresolved;
};

struct audit_opts {
	struct scope_opts so;		/* period and kinds are set here */
	int		 max_age;	/* months, > 0 */
	const char	*owner;		/* NULL: every record */
	int		 store_given;	/* for the capable flags' "why" */
};

/*
 * The period is the 12 months before the day of at (at itself is not in
 * it).  NULL never: scope errors are the inventory's.
 */
struct audit_report *ccadb_audit_run(const struct inventory *,
	    const struct audit_opts *, astime at);
void	 ccadb_audit_free(struct audit_report *);
/* Findings of one kind; only_new: not in the baseline. */
size_t	 ccadb_audit_count(const struct audit_report *, enum af_kind,
	    int only_new);
/* The findings that make the run fail (exit 1): all but capable flags. */
size_t	 ccadb_audit_serious(const struct audit_report *, int only_new);
const char *af_name(enum af_kind);	/* "missing", "stale" ... */

/*
 * The lint (lint.c): one audit statement checked against what CCADB Policy
 * section 5.2 asks a statement to contain, the formats CCADB's Audit
 * Letter Validation (ALV) reads (Policy 5.2.3, cas/ALV.md), and the
 * Mozilla Root Store Policy where it says more.  Offline, on the text
 * the statement readers (statement.h) already extracted.
 *
 * Every check gives pass, warn or fail with the text it found (page and
 * line) or what it looked for, the rule it applies and a one-line fix.
 * A check that could not be made (no --owner, no --previous) warns: it
 * never passes unchecked.
 *
 * Ownership: lint_statement() fills a struct lint whose strings the
 * caller frees with lint_free(); rule texts are static.  found and
 * path come from a hostile document: escape them for their sink.
 */

enum lint_id {
	LINT_CA_OWNER, LINT_AUDITOR, LINT_FINGERPRINTS, LINT_STANDARDS,
	LINT_POLICY_DOCUMENTS, LINT_PERIOD_TYPE, LINT_PERIOD,
	LINT_STATEMENT_DATE, LINT_DEADLINE, LINT_CONTINUITY,
	LINT_POLICY_OIDS, LINT_INCIDENTS, LINT_OPINION, LINT_ETSI_SCOPE,
	LINT_TEAM_QUALIFICATIONS, LINT_LOCATIONS,
	NLINT
};

enum lint_result {
	LINT_PASS, LINT_WARN, LINT_FAIL
};

struct lint_check {
	enum lint_result result;
	char		*found;		/* what was found, or looked for */
	unsigned	 page;		/* 0: not paged or not found */
	long		 line;		/* 0: not found */
	const char	*rule;		/* policy section or ALV error */
	const char	*fix;		/* NULL when it passes */
};

struct lint {
	char		*path;
	unsigned	 kinds;		/* what was checked; 0: unknown */
	int		 incomplete;	/* the statement did not read */
	struct lint_check checks[NLINT];
};

/* What the command line adds; all optional (zeroed: none). */
struct lint_opts {
	const char	*owner;		/* --owner: CCADB's CA Owner name */
	const char	*auditor;	/* --auditor: CCADB's Audit Firm */
	unsigned	 kinds;		/* -k; 0: as the statement says */
	int		 period_set;	/* -p */
	struct period	 period;
	const struct statement *previous;	/* --previous, loaded */
	int		 at_set;	/* --at given: say days left */
	astime		 now;		/* the run's (--at) */
};

/*
 * For `check`: the CA Owner (Subordinate CA Owner if set) and Audit Firm
 * of the CCADB record of the first certificate, in fingerprint order,
 * that st lists and that has a record with them; each left as it is
 * when already set or when none has one.  Borrowed from db.
 */
struct ccadb_db;
void	 lint_opts_ccadb(struct lint_opts *, const struct ccadb_db *,
	    const struct statement *);

const char *lint_id_name(enum lint_id);		/* "ca_owner" */
const char *lint_result_name(enum lint_result);	/* "pass" */
void	 lint_statement(const struct statement *, const struct lint_opts *,
	    struct lint *);
void	 lint_free(struct lint *);
/* The worst result of all checks. */
enum lint_result lint_worst(const struct lint *);

#endif /* ENGINE_H */
