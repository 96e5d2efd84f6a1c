/*
 * Private to src/report: each format's writers (text.c, json.c, csv.c,
 * dot.c, html.c), called from the table of formats in output.c, and the
 * pieces two formats share (report.c).  The commands see only
 * report/report.h.
 */
#ifndef REPORT_WRITERS_H
#define REPORT_WRITERS_H

#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "report/report.h"

/* Shared by the formats (report.c). */
/* Text and CSV: print one escaped field. */
void	 put_term(FILE *, const char *);
/* The full upper-case fingerprint. */
void	 fp_hex(const unsigned char sha[32], char out[65]);
/*
 * Each audited root of a scope with its trust and where that came from:
 * one line each under a heading, or a JSON array (new reference).
 */
struct scope;
json_t	*anchors_json(const struct inventory *, const struct scope *);
/* A JSON string from text that may not be valid UTF-8 (never NULL). */
json_t	*jstr(const char *);

/*
 * JSON written a member at a time, laid out byte for byte as jansson
 * lays out a whole tree (json_dumps() with JSON_INDENT(2) and members in
 * order, then esc_json(); tests/unit/check_report.c compares the two):
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

/* Text and CSV: one escaped CSV field. */
void	 put_csv(FILE *, const char *);

/* A fingerprint as JSON: the full upper-case hex. */
json_t	*fp_json(const unsigned char sha[32]);
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
/* unlisted_text()'s place and reason as {"page", "line", "row", "why"}, or null. */
json_t	*unlisted_json(const struct statement *, const unsigned char sha[32]);
/* ["smime", "tls"]; [] for none. */
json_t	*kinds_json(unsigned);
/* ["serverAuth", ...]; null when not known. */
json_t	*purposes_json(unsigned, int known);
/* Short description of a certificate's EKU: "absent", "serverAuth,...". */
char	*eku_summary(const struct cert *);
/* "file:index" for each source, joined by sep. */
char	*sources_text(const struct cert *, const char *sep);

/* Provenance (provenance.c): its lines and JSON, and their sinks. */
char	**prov_lines(const struct provenance *, size_t *n);
void	 prov_lines_free(char **, size_t n);
json_t	*prov_json(const struct provenance *);

/* The three sinks of prov_lines(): a text header, CSV comment lines. */
void	 prov_text(FILE *, const struct provenance *);
void	 prov_csv(FILE *, const struct provenance *);

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

/* Same subject and key as a certificate another issuer signed. */
int	 cert_is_cross(const struct inventory *, const struct hierarchy *,
	    size_t cert);
/* A certificate's badge in a statement: "req" or "notreq", with *label. */
const char *badge_class(const struct stmt_check *, size_t cert,
	    const char **label);

/* "tls, ev": the kinds of the set, by name, joined by sep; free it. */
char	*kinds_text(unsigned kinds, const char *sep);
/* A fingerprint's places: "page 3 line 12 (form); ..."; free it. */
char	*extract_locs_text(const struct stmt_loc *, size_t);
/*
 * Where the statement shows a missing certificate's fingerprint without
 * listing it: "shown at line 40, but in struck-through or hidden text:
 * not a listing", or NULL; free it.
 */
char	*unlisted_text(const struct statement *, const unsigned char sha[32]);
/*
 * A missing certificate an unknown fingerprint misses by a typo:
 * "probably listed with a typo (one digit differs): FP at line 32", or
 * NULL; free it.  typo_json(): {"sha256", "typo", "listed_at"} or null.
 */
char	*typo_text(const struct stmt_check *, const struct finding *);
json_t	*typo_json(const struct stmt_check *, const struct finding *);
/*
 * A listed fingerprint --owner set aside: "excluded by --owner: its CCADB
 * CA Owner is X" (or "not given (no record)"), or NULL when it was not;
 * free it.  Nothing else is said of it: no typo, no place to correct.
 */
char	*owner_excluded_text(const struct check *, const unsigned char sha[32]);
/* The lint's: one check's place, "page 3 line 12" or ""; its kinds,
 * "tls,ev" or "unknown" (free it). */
void	 lint_where(char *out, size_t len, const struct lint_check *);
char	*lint_kinds_list(unsigned kinds);
/* check's lint: how many fail and warn checks, over all statements. */
void	 check_lint_counts(const struct check *, const struct lint *,
	    size_t *nfail, size_t *nwarn);

/* Text (text.c). */
void	 tree_text(FILE *, const struct inventory *, const struct hierarchy *,
	    astime now, int complete);
void	 inventory_text(FILE *, const struct inventory *,
	    const struct hierarchy *, const struct ccadb_db *, int complete);
void	 statement_text(FILE *, const struct statement *);
void	 scope_text(FILE *, const struct report_opts *,
	    const struct inventory *, const struct scope *, int complete);
void	 check_text(FILE *, const struct check *, const struct lint *,
	    int complete, int findings_only);
struct audit_report;
void	 ccadb_text(FILE *, const struct report_opts *,
	    const struct audit_report *, int complete);
void	 lint_text(FILE *, const struct lint *, const char *indent);

/* JSON (json.c). */
void	 inventory_json(FILE *, const struct inventory *,
	    const struct hierarchy *, const struct ccadb_db *, int complete);
json_t	*statement_json(const struct statement *);
void	 scope_json(FILE *, const struct report_opts *,
	    const struct inventory *, const struct scope *,
	    const struct provenance *, int complete);
void	 check_json(FILE *, const struct check *, const struct report_opts *,
	    const struct lint *, const struct provenance *, int complete,
	    unsigned nerrors);
void	 ccadb_json_report(FILE *, const struct report_opts *,
	    const struct audit_report *, const struct provenance *,
	    int complete, unsigned nerrors);
json_t	*lint_json(const struct lint *);	/* {"path","kind","checks"} */

/* CSV (csv.c). */
void	 inventory_csv(FILE *, const struct inventory *,
	    const struct hierarchy *);
void	 statement_csv(FILE *, const struct statement *);
void	 scope_csv(FILE *, const struct report_opts *,
	    const struct inventory *, const struct scope *);
/* -f list: a row per certificate, a column per audit kind. */
void	 scope_list(FILE *, const struct report_opts *,
	    const struct inventory *, const struct scope *);
void	 check_csv(FILE *, const struct check *, int findings_only);
void	 ccadb_csv(FILE *, const struct audit_report *);
void	 lint_csv_header(FILE *);
void	 lint_csv(FILE *, const struct lint *);

/* DOT (dot.c). */
void	 check_dot(FILE *, const struct check *);
void	 tree_dot(FILE *, const struct inventory *, const struct hierarchy *);

/* HTML (html.c): one self-contained page. */
void	 check_html(FILE *, const struct check *, const struct lint *,
	    const struct provenance *, int complete, int findings_only);
int	 lint_html(FILE *, const struct lint *, size_t n);

#endif
