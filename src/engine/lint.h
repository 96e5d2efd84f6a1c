/*
 * The lint: one audit statement checked against what CCADB Policy
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
#ifndef LINT_H
#define LINT_H

#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"

enum lint_id {
	LINT_CA_OWNER, LINT_AUDITOR, LINT_FINGERPRINTS, LINT_STANDARDS,
	LINT_POLICY_DOCUMENTS, LINT_PERIOD_TYPE, LINT_PERIOD,
	LINT_STATEMENT_DATE, LINT_DEADLINE, LINT_CONTINUITY,
	LINT_POLICY_OIDS, LINT_INCIDENTS, LINT_OPINION, LINT_ETSI_SCOPE,
	LINT_TEAM_QUALIFICATIONS,
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

/* Reports (lint_out.c). */
json_t	*lint_json(const struct lint *);	/* {"path","kind","checks"} */
json_t	*lint_checks_json(const struct lint *);	/* the "checks" array */
void	 lint_text(FILE *, const struct lint *, const char *indent);
void	 lint_csv_header(FILE *);
void	 lint_csv(FILE *, const struct lint *);
int	 lint_html(FILE *, const struct lint *, size_t n);
/* One statement's heading (element tag) and table, appended to body. */
void	 lint_html_section(xmlNodePtr body, const struct lint *,
	    const char *tag);

#endif /* LINT_H */
