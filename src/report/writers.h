/*
 * Private to src/report: each format's writers (text.c, json.c, csv.c,
 * dot.c, html.c), called from the table of formats in output.c, and the
 * pieces two formats share (report.c).  The commands see only
 * report/report.h.
 */
#ifndef REPORT_WRITERS_H
#define REPORT_WRITERS_H

#include <stdio.h>

#include "report/report.h"

/* Shared by the formats (report.c). */
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
json_t	*lint_checks_json(const struct lint *);	/* the "checks" array */

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

/* HTML (html.c): one self-contained page. */
void	 check_html(FILE *, const struct check *, const struct lint *,
	    const struct provenance *, int complete, int findings_only);
int	 lint_html(FILE *, const struct lint *, size_t n);
/* One statement's heading (element tag) and table, appended to body. */
void	 lint_html_section(xmlNodePtr body, const struct lint *,
	    const char *tag);
void	 lint_csv_header(FILE *);
void	 lint_csv(FILE *, const struct lint *);

/* DOT (dot.c). */
void	 tree_dot(FILE *, const struct inventory *, const struct hierarchy *);

#endif
