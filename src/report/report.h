/*
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

/* Reports of a check that need more than a page of their own
 * (check_html.c). */
struct check;
struct lint;
struct provenance;
/* check's lint: how many fail and warn checks, over all statements. */
void	 check_lint_counts(const struct check *, const struct lint *,
	    size_t *nfail, size_t *nwarn);
void	 check_html(FILE *, const struct check *, const struct lint *,
	    const struct provenance *, int complete, int findings_only);
void	 check_dot(FILE *, const struct check *);

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
 * js_put() writes one member or element and steals v; js_close() ends
 * the innermost; js_end() the line, and returns -1 on a write error.
 */
#define JS_MAXDEPTH	8
struct jstream {
	FILE	*f;
	int	 depth;
	size_t	 n[JS_MAXDEPTH];	/* members written, per open level */
	char	 close[JS_MAXDEPTH];
	int	 err;
};
void	 js_open(struct jstream *, FILE *, const char *key, char open);
void	 js_put(struct jstream *, const char *key, json_t *v);
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

#endif
