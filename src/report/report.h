/*
 * The reports (src/report).  Enters: findings.  Leaves: text, JSON, CSV,
 * HTML and DOT on a stream, and the --baseline reader of a previous JSON
 * report.  One section per file, in the acme-client extern.h manner:
 * output.c (the table of formats), text.c, json.c, csv.c, dot.c, html.c,
 * report.c (shared pieces), provenance.c, baseline.c, layout.c.  What
 * the formats share among themselves is in the private report/writers.h.
 * Strings from inputs are escaped for their sink in src/report and
 * nowhere else.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"

/*
 * The formats, and what the reports need of the command line and the
 * run, filled by the command (cmd/): the writers never see its options.
 */
enum outfmt {
	OUT_TEXT, OUT_JSON, OUT_CSV, OUT_DOT, OUT_HTML,
	OUT_LIST		/* scope: a column per audit kind */
};

struct report_opts {
	enum outfmt	 format;
	astime		 now;		/* the run's (--at) */
	struct period	 period;	/* -p */
	unsigned	 kinds;		/* -k: KIND_BIT set */
	int		 rules;		/* enum scope_rules */
	const char	*owner;		/* --owner, or NULL */
	unsigned	 stores;	/* --store: bits, when store_set */
	int		 store_set;
	int		 anchors_given;	/* -a given */
	int		 verbose;	/* -v */
	int		 findings_only;	/* --findings-only */
	int		 complete;	/* the run's, as its exit status says */
	unsigned	 nerrors;	/* errors said in the run */
};

/*
 * Each command's report in the format of ro->format (output.c, the table
 * of formats; one file per format: text.c, json.c, csv.c, dot.c,
 * html.c).
 */
void	 inventory_report(FILE *, const struct report_opts *,
	    const struct inventory *, const struct hierarchy *,
	    const struct ccadb_db *);
void	 tree_report(FILE *, const struct report_opts *,
	    const struct inventory *, const struct hierarchy *);
struct scope;
struct provenance;
void	 scope_report(FILE *, const struct report_opts *,
	    const struct provenance *, const struct inventory *,
	    const struct scope *);
/* check's: lints[i] is the lint of statement i (path NULL: none). */
void	 check_report(FILE *, const struct report_opts *,
	    const struct provenance *, const struct check *,
	    const struct lint *lints);
struct audit_report;
void	 ccadb_report(FILE *, const struct report_opts *,
	    const struct provenance *, const struct audit_report *);
/* lint's: ls[n], one per statement. */
void	 lint_report(FILE *, const struct report_opts *, const struct lint *,
	    size_t n);
/*
 * extract's, a statement at a time: extract_begin(), then
 * extract_statement() for each operand (NULL: it did not load), then
 * extract_end(), which writes the JSON document (complete: the run's) and
 * returns -1 on a write error.
 */
struct statement;
struct extract_out {
	FILE			 *f;
	const struct report_opts *ro;
	/*
	 * -f json: each statement's object, written one at a time by
	 * extract_end() after "complete", which only the end knows.
	 */
	json_t			**docs;
	size_t			  ndocs;
	size_t			  n;		/* operands so far */
};
void	 extract_begin(struct extract_out *, FILE *,
	    const struct report_opts *);
void	 extract_statement(struct extract_out *, const struct statement *);
int	 extract_end(struct extract_out *, int complete);

/*
 * Provenance (provenance.c): what a check, scope or ccadb report was made
 * from, so that it can stand as audit evidence: the tool's version, the
 * --at date and the rules; each input with its path as given, size,
 * SHA-256 and what was read from it; each statement with the kind and
 * period in force and the text or option they came from; each audited
 * root with why it is one and the trust purposes the scope used, with
 * their source; and the assumptions made where the inputs said nothing.
 *
 * Every report format shows the same facts: prov_lines() for text (a
 * header), CSV (comment lines) and HTML, prov_json() for JSON.
 *
 * Ownership: everything in struct provenance is borrowed.  prov_lines()
 * returns lines the caller frees with prov_lines_free(); they are already
 * escaped for a terminal (esc_term).  prov_json() returns a new reference.
 */
struct provenance {
	const char		*command;	/* "check", "scope", "ccadb" */
	/* What the command line said: the run's now, rules, period ... */
	const struct report_opts *ro;
	char * const		*revoked;	/* --revoked FILEs */
	size_t			 nrevoked;
	const struct inventory	*inv;
	const struct ccadb_db	*db;	/* its CCADB records, or NULL */
	const struct scope_setup *ss;
	const struct scope	*sc;	/* the anchors; NULL: none evaluated */
	const struct check	*ck;	/* check: its statements, else NULL */
};

/*
 * Each report's reader of its own JSON layout (beside the writers' in
 * report/): marks the findings of this run known or new against a
 * previous report at path, and keeps what is gone as resolved.  -1 on a
 * file that is not such a report (reported).
 */
int		 check_baseline(struct run *, struct check *, const char *path);
int		 ccadb_audit_baseline(struct run *, struct audit_report *,
		    const char *path);

#endif /* REPORT_H */
