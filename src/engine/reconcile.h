/*
 * Reconciliation (reconcile.c): each audit statement against the scope
 * the certificates themselves give for the statement's kinds and period.
 * The findings are what `auditscope check` reports.
 *
 * Ownership: reconcile_run() returns a struct check that the caller frees
 * with check_free(); it borrows the inventory and the statements, which
 * must outlive it.
 */
#ifndef RECONCILE_H
#define RECONCILE_H

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/scope.h"
#include "statement/statement.h"

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
	char		*detail;	/* F_ALV: how it was written */
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

struct check_opts {
	struct scope_opts so;		/* period and kinds set per statement */
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

#endif
