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
#ifndef CCADB_AUDIT_H
#define CCADB_AUDIT_H

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/scope.h"

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
	struct scope	*scope;
	struct period	 period;	/* the 12 months before at */
	astime		 at;		/* midnight of the --at day */
	int		 max_age;	/* months */
	astime		 oldest_end;	/* period ends before this are stale */
	size_t		 checked;	/* certificates with a record */
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
const char *af_name(enum af_kind);	/* "missing", "stale" ... */

#endif
