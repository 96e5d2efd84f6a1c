/*
 * The reports (src/report).  Enters: findings.  Leaves: text, JSON, CSV,
 * HTML and DOT on a stream, and the --baseline reader of a previous JSON
 * report.  One section per file, in the acme-client extern.h manner:
 * output.c (the table of formats), text.c, json.c, csv.c, dot.c, html.c,
 * report.c (shared pieces), provenance.c, baseline.c, layout.c.
 *
 * Output helpers shared by every report (report.c).  Strings from inputs
 * are escaped for their sink here and nowhere else.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

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
	json_t			 *statements;	/* -f json */
	size_t			  n;		/* operands so far */
};
void	 extract_begin(struct extract_out *, FILE *,
	    const struct report_opts *);
void	 extract_statement(struct extract_out *, const struct statement *);
int	 extract_end(struct extract_out *, int complete);

struct check;
struct lint;
struct provenance;

/*
 * Each audited root of a scope with its trust and where that came from:
 * one line each under a heading, or a JSON array (new reference).
 */
struct scope;
json_t	*anchors_json(const struct inventory *, const struct scope *);
/* A JSON string from text that may not be valid UTF-8 (never NULL). */
json_t	*jstr(const char *);
/* Writes a JSON document, sorted as built, two-space indent, newline. */
int	 json_write(FILE *, json_t *);	/* steals the reference */

/*
 * JSON written a member at a time, laid out byte for byte as json_write()
 * lays out the whole tree (JSON_INDENT(2), members in order, esc_json):
 * a report of a million certificates need not be one jansson tree.
 * js_open() starts an object ('{') or array ('['), as the member key of
 * the object it is in (NULL in an array, and for the outermost);
 * js_put() writes one member or element and steals v; js_str() (null
 * for NULL), js_fp() (a fingerprint in hex), js_int(), js_bool() and
 * js_null() write one without
 * jansson; js_close() ends the innermost; js_end() the line, flushes,
 * and returns -1 on a write error.  Nothing else may write to the
 * stream between js_open() and js_end().
 */
#define JS_MAXDEPTH	8
struct jstream {
	FILE	*f;
	int	 depth;
	size_t	 n[JS_MAXDEPTH];	/* members written, per open level */
	char	 close[JS_MAXDEPTH];
	int	 err;
	struct buf b;			/* what is not written yet */
};
void	 js_open(struct jstream *, FILE *, const char *key, char open);
void	 js_put(struct jstream *, const char *key, json_t *v);
void	 js_str(struct jstream *, const char *key, const char *);
void	 js_fp(struct jstream *, const char *key, const unsigned char sha[32]);
void	 js_int(struct jstream *, const char *key, long long);
void	 js_bool(struct jstream *, const char *key, int);
void	 js_null(struct jstream *, const char *key);
void	 js_close(struct jstream *);
int	 js_end(struct jstream *);
/* A certificate as the inventory JSON describes it (new reference). */
struct ccadb_db;
json_t	*cert_json(const struct inventory *, const struct hierarchy *,
	    const struct ccadb_db *, size_t cert);
/* A CCADB record's fields (new reference); null members: not given. */
struct ccadb_record;
json_t	*ccadb_json(const struct ccadb_record *);

/* One audit of a record ({url, type, statement_date, period_start,
 * period_end}), or null when the record gives none of it. */
struct ccadb_audit;
json_t	*audit_json(const struct ccadb_audit *);

/* A kind set as an array of names ["tls","netsec"], null when empty. */
json_t	*kind_set_json(unsigned);
/* HTML: a child element with escaped text (NULL: empty), by libxml2. */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);

/* Text and CSV: print one escaped field. */
void	 put_term(FILE *, const char *);
void	 put_csv(FILE *, const char *);

/* "2025-01-01" and the full upper-case fingerprint. */
void	 fp_hex(const unsigned char sha[32], char out[65]);
json_t	*fp_json(const unsigned char sha[32]);	/* the same, as JSON */
/*
 * A certificate's notBefore (after 0) or notAfter (after 1) into out and
 * returned: "2025-01-01T00:00:00Z", its first 10 characters when
 * date_only, or "undecodable" when it could not be read (the time it
 * stands for, 1950 or 9999, is no date the certificate gives).
 */
const char *cert_time(const struct cert *, int after, int date_only,
	    char out[21]);
/* A fingerprint's places in a statement: [{"page", "line", "row",
 * "form"}], null for what does not apply. */
struct stmt_loc;
json_t	*locs_json(const struct stmt_loc *, size_t);
/* ["smime", "tls"]; [] for none. */
json_t	*kinds_json(unsigned);
/* ["serverAuth", ...]; null when not known. */
json_t	*purposes_json(unsigned, int known);
/* Short description of a certificate's EKU: "absent", "serverAuth,...". */
char	*eku_summary(const struct cert *);
/* "file:index" for each source, joined by sep. */
char	*sources_text(const struct cert *, const char *sep);


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

char	**prov_lines(const struct provenance *, size_t *n);
void	 prov_lines_free(char **, size_t n);
json_t	*prov_json(const struct provenance *);

/* The three sinks of prov_lines(): a text header, CSV comment lines. */
void	 prov_text(FILE *, const struct provenance *);
void	 prov_csv(FILE *, const struct provenance *);

/*
 * The trust purposes the scope gives an audited root, and where they come
 * from ("--trust", "--store mozilla: its trust bits", or the default of
 * every purpose).  The one place that says so: a new origin of trust bits
 * is added here.
 */
const char *anchor_trust(const struct scope_setup *, const struct inventory *,
	    size_t cert, unsigned *purposes);

/*
 * --baseline (baseline.c): the findings of a previous JSON report, kept
 * as (where, category, fingerprint) to mark tonight's findings known or
 * new, and to list those that are gone.  "where" is what the report
 * groups findings by: a statement's path for check, an audit kind (or "")
 * for ccadb; check's is the statement's kind and period, so that the same
 * statements under other names or in another directory stay known.  Each
 * report reads its own JSON layout through a callback
 * and hands the findings over with baseline_add().
 *
 * Ownership: baseline_load() returns a baseline the caller frees with
 * baseline_free(); strings in it are its own.
 */

struct baseline {
	struct bl_entry	*e;
	size_t		 n;
};

/*
 * Reads the JSON report at path (at most max bytes, the run's
 * max_input) and hands it to read(), which calls
 * baseline_add() for each finding and returns 0, or reports (naming
 * path) that this is not its kind of report and returns -1.  NULL on any
 * error, reported.  A path that does not exist yet is the first night of
 * a nightly job: an empty baseline, with one notice.
 */
struct baseline	*baseline_load(const char *path, size_t max,
		    int (*read)(struct baseline *, json_t *, const char *));
/* A finding of the baseline; entries whose fingerprint is no SHA-256 are
 * skipped (a hand-edited file must not make every finding "new"). */
void		 baseline_add(struct baseline *, const char *where,
		    const char *label, const char *category,
		    const char *sha256);
/* 1 when the baseline has this finding (and marks it matched), else 0. */
int		 baseline_known(struct baseline *, const char *where,
		    const char *category, const unsigned char sha[32]);
void		 baseline_free(struct baseline *);

/*
 * Each report's reader of its own JSON layout (beside the writers' in
 * report/): marks the findings of this run known or new against a
 * previous report at path, and keeps what is gone as resolved.  -1 on a
 * file that is not such a report (reported).
 */
int		 check_baseline(struct check *, const char *path, size_t max);
int		 ccadb_audit_baseline(struct audit_report *, const char *path,
		    size_t max);

/*
 * JSON layouts (layout.c): what --baseline reads back (baseline.c), spelt
 * once for the writers (json.c: check_json, ccadb_json_report) and the
 * reader: a member renamed here is renamed on both sides, so that
 * tonight's binary keeps reading last night's report.  Members no reader
 * looks at are spelt where they are written.
 */


/*
 * check -f json: {"statements": [{"path", "content_sha256", "kind": [...],
 * "period": {"start", "end"}, ..., then an array of findings per group
 * below, each {"sha256", ...}}, ...]}.  A statement's identity across runs
 * is its kinds and period; a finding's, the group's finding_name() and
 * the fingerprint.
 */
#define CK_STATEMENTS	"statements"
#define CK_PATH		"path"
#define CK_CONTENT	"content_sha256"
#define CK_KIND		"kind"
#define CK_PERIOD	"period"
#define CK_START	"start"
#define CK_END		"end"
#define CK_SHA256	"sha256"

/* A statement's findings: one array per kind, in this order (layout.c). */
struct ck_group {
	const char		*key;
	enum finding_kind	 kind;
	int			 baseline;	/* compared by --baseline */
};
#define CK_NGROUPS	5
extern const struct ck_group ck_groups[CK_NGROUPS];

/*
 * ccadb -f json: {..., "checked": n, ..., "findings": [{"finding", "kind",
 * "sha256", ...}, ...]}; a finding's identity is its audit kind (null for
 * none), its af_name() and the fingerprint.
 */
#define AU_CHECKED	"checked"
#define AU_FINDINGS	"findings"
#define AU_FINDING	"finding"
#define AU_KIND		"kind"
#define AU_SHA256	"sha256"

#endif /* REPORT_H */
