/*
 * CCADB CSV reports: recognised by their header line, read with libcsv,
 * merged by SHA-256 into the inventory.  CCADB changes its columns in
 * place, so every column is found by its header name (with the aliases of
 * earlier report generations), never by position.
 *
 * A header that has a column only CCADB reports carry is claimed; if it
 * then lacks a column the reader needs, that is an error naming the
 * missing columns, never a partial read.  Every row that cannot be read is
 * an error naming the file and its line.  Every row goes through
 * libcsv, fed one physical line at a time so that rows and fields know
 * their line numbers (libcsv itself counts none).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <openssl/sha.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "ccadb/records.h"

/* More columns than any report has had (V5: 89): refuse, not guess. */
#define MAX_FIELDS	1024
/* A header line longer than this is not a CCADB report's. */
#define MAX_HEADER	65536
/* What a column means to us.  Audit columns: COL_AUDIT + kind * 5 + k. */
enum col {
	COL_SHA, COL_PEM, COL_OWNER, COL_SUBOWNER, COL_NAME, COL_RTYPE,
	COL_REVSTATUS, COL_REVDATE, COL_PARENT_SHA, COL_TC,
	COL_STATUS,			/* + store */
	COL_TRUST = COL_STATUS + NSTORES, /* + store; Chrome has none */
	COL_ROOT_STATUS = COL_TRUST + NSTORES,
	COL_ROOT_TRUST, COL_EV_OIDS, COL_DERIVED, COL_AUDIT_FIRM,
	COL_SAME_AS_PARENT, COL_TLS_CAPABLE, COL_EV_CAPABLE,
	COL_SMIME_CAPABLE, COL_CODE_CAPABLE,
	COL_MARKER,			/* recognised, not read */
	COL_AUDIT,
	NCOLS = COL_AUDIT + NKINDS * 5
};
enum { AUD_URL, AUD_TYPE, AUD_DATE, AUD_START, AUD_END };

/*
 * Header names, compared after normalisation (lower case, blanks
 * collapsed, a trailing '?' dropped: v1-v4 wrote "Audits Same as
 * Parent?").  strong: only a CCADB report has such a column, so one is
 * enough to claim the file; a plain CSV of fingerprints has none.
 */
static const struct alias {
	const char	*name;
	int		 col;
	int		 strong;
} aliases[] = {
	{ "sha-256 fingerprint", COL_SHA, 0 },
	{ "sha256", COL_SHA, 0 },		/* Mozilla intermediates */
	{ "sha256 fingerprint", COL_SHA, 0 },
	{ "x.509 certificate (pem)", COL_PEM, 1 },
	{ "pem info", COL_PEM, 1 },		/* Mozilla's public reports */
	{ "pem", COL_PEM, 0 },
	{ "ca owner", COL_OWNER, 0 },
	{ "owner", COL_OWNER, 0 },
	{ "subordinate ca owner", COL_SUBOWNER, 0 },
	{ "certificate name", COL_NAME, 0 },
	{ "common name or certificate name", COL_NAME, 0 },
	{ "certificate record type", COL_RTYPE, 1 },
	{ "revocation status", COL_REVSTATUS, 0 },
	{ "date of revocation", COL_REVDATE, 0 },
	{ "revocation date", COL_REVDATE, 0 },
	{ "parent sha-256 fingerprint", COL_PARENT_SHA, 1 },
	{ "technically constrained", COL_TC, 0 },
	{ "mozilla status", COL_STATUS + STORE_MOZILLA, 0 },
	{ "chrome status", COL_STATUS + STORE_CHROME, 0 },
	{ "google chrome status", COL_STATUS + STORE_CHROME, 1 },
	{ "apple status", COL_STATUS + STORE_APPLE, 0 },
	{ "microsoft status", COL_STATUS + STORE_MICROSOFT, 0 },
	{ "mozilla trust bits", COL_TRUST + STORE_MOZILLA, 1 },
	{ "apple trust bits", COL_TRUST + STORE_APPLE, 1 },
	{ "microsoft ekus for dtbs", COL_TRUST + STORE_MICROSOFT, 1 },
	{ "microsoft ekus", COL_TRUST + STORE_MICROSOFT, 1 },
	{ "status of root cert", COL_ROOT_STATUS, 1 },
	{ "trust bits for root cert", COL_ROOT_TRUST, 1 },
	{ "ev oids for root cert", COL_EV_OIDS, 1 },
	{ "ev policy oid(s)", COL_EV_OIDS, 0 },
	{ "derived trust bits", COL_DERIVED, 1 },
	{ "audit firm", COL_AUDIT_FIRM, 1 },	/* V5 */
	{ "auditor", COL_AUDIT_FIRM, 0 },	/* v1-v4 */
	{ "audits same as parent", COL_SAME_AS_PARENT, 1 },
	{ "tls capable", COL_TLS_CAPABLE, 1 },
	{ "tls ev capable", COL_EV_CAPABLE, 1 },
	{ "s/mime capable", COL_SMIME_CAPABLE, 1 },
	{ "code signing capable", COL_CODE_CAPABLE, 1 },
	{ "salesforce record id", COL_MARKER, 1 },
	{ "full crl issued by this ca", COL_MARKER, 1 },
	{ "json array of partitioned crls", COL_MARKER, 1 },
	{ "json array of all full crl urls", COL_MARKER, 1 },
};

/*
 * Audit columns are "<prefix><suffix>".  Prefixes per kind, newest
 * first: v1 (to 2023-12) named the TLS audits "BR Audit" and "EV SSL
 * Audit" and had "EV Code Signing Audit" where code signing audits went;
 * Mozilla's public intermediate report names the URL column "Standard
 * Audit" without " URL".
 */
static const char *const audit_prefix[NKINDS][3] = {
	[KIND_STANDARD] = { "standard audit", NULL },
	[KIND_NETSEC] = { "netsec audit", "network security audit", NULL },
	[KIND_TLS] = { "tls br audit", "br audit", NULL },
	[KIND_EV] = { "tls evg audit", "ev ssl audit", "ev audit" },
	[KIND_CODESIGNING] = { "code signing audit", "ev code signing audit",
	    NULL },
	[KIND_SMIME] = { "s/mime br audit", "s/mime audit", NULL },
};
static const struct {
	const char	*suffix;
	int		 field;
} audit_suffix[] = {
	{ " url", AUD_URL }, { "", AUD_URL }, { " type", AUD_TYPE },
	{ " statement date", AUD_DATE }, { " statement dt", AUD_DATE },
	{ " period start date", AUD_START }, { " period end date", AUD_END },
};

/* Report shapes, and the columns each cannot do without. */
enum report { RPT_RECORDS, RPT_ROOTS, RPT_PEMS, RPT_INTERMEDIATES, NRPT };
static const int required[NRPT][6] = {
	[RPT_RECORDS] = { COL_SHA, COL_OWNER, COL_RTYPE, COL_REVSTATUS,
	    COL_PARENT_SHA, -1 },
	[RPT_ROOTS] = { COL_SHA, COL_OWNER, -1 },
	[RPT_PEMS] = { COL_SHA, COL_PEM, -1 },
	[RPT_INTERMEDIATES] = { COL_SHA, COL_PEM, -1 },
};
static const char *const report_title[NRPT] = {
	"all certificate records", "AllIncludedRootCertsCSV",
	"AllCertificatePEMsCSVFormat", "intermediate certificates with PEM"
};

/* A column's name as the missing-column error gives it. */
static const char *
col_title(int col)
{
	switch (col) {
	case COL_SHA:		return "SHA-256 Fingerprint";
	case COL_PEM:		return "X.509 Certificate (PEM)";
	case COL_OWNER:		return "CA Owner";
	case COL_RTYPE:		return "Certificate Record Type";
	case COL_REVSTATUS:	return "Revocation Status";
	case COL_PARENT_SHA:	return "Parent SHA-256 Fingerprint";
	}
	return "?";
}

/* The header as read: for each role, the field index, or -1. */
struct header {
	int		 idx[NCOLS];
	size_t		 nfields;	/* as written, trailing empties too */
	size_t		 ncols;		/* up to the last named column */
	int		 strong;	/* CCADB-only columns seen */
	int		 marker_v1;	/* "BR Audit ...", "EV SSL Audit ..." */
	int		 marker_v5;	/* "Audit Firm" */
	int		 has_apple_status, has_root_trust, has_pem_x509;
	int		 has_meta;	/* any column a record keeps */
	enum report	 rpt;
	const char	*label;		/* "ccadb-records-v5" ... */
	char		*colname[NCOLS];	/* as written, for messages */
	/* A column read by name appears twice: fields (0-based), or -1. */
	long		 twin_first, twin_again;
};

/* Lower case, blanks collapsed, trimmed, a trailing '?' dropped. */
static void
normalise(const char *s, size_t n, char *out, size_t outlen)
{
	size_t	 i, o = 0;
	int	 space = 0;

	for (i = 0; i < n && o + 1 < outlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < outlen)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)tolower(c);
	}
	if (o > 0 && out[o - 1] == '?')
		o--;
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

/* The role of one header name, or -1; *strong as the table says. */
static int
col_lookup(const char *norm, int *strong)
{
	size_t	 i, k, s;
	char	 want[128];

	*strong = 0;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(norm, aliases[i].name) == 0) {
			*strong = aliases[i].strong;
			return aliases[i].col;
		}
	/* v1's EV end-date column lacked the word "Audit". */
	if (strcmp(norm, "ev ssl period end date") == 0)
		return COL_AUDIT + KIND_EV * 5 + AUD_END;
	for (k = 0; k < NKINDS; k++)
		for (i = 0; i < 3 && audit_prefix[k][i] != NULL; i++)
			for (s = 0; s < sizeof(audit_suffix) /
			    sizeof(audit_suffix[0]); s++) {
				snprintf(want, sizeof(want), "%s%s",
				    audit_prefix[k][i], audit_suffix[s].suffix);
				if (strcmp(norm, want) == 0)
					return COL_AUDIT + (int)k * 5 +
					    audit_suffix[s].field;
			}
	return -1;
}

/*
 * Columns a report only shows beside the verdicts, never one they rest
 * on: CCADB's all-records reports have carried both "Certificate Name"
 * and "Common Name or Certificate Name".
 */
static int
shown_only(int col)
{
	return col == COL_NAME || col == COL_AUDIT_FIRM || col == COL_DERIVED ||
	    col == COL_TLS_CAPABLE || col == COL_EV_CAPABLE ||
	    col == COL_SMIME_CAPABLE || col == COL_CODE_CAPABLE;
}

/* Do header fields a and b carry the same name, case and blanks folded? */
static int
same_name(char **names, const size_t *lens, size_t a, size_t b)
{
	char	 fa[256], fb[256];

	normalise(names[a], lens[a], fa, sizeof(fa));
	normalise(names[b], lens[b], fb, sizeof(fb));
	return strcmp(fa, fb) == 0;
}

/*
 * Reads the header's names into h.  Returns 1 when the header is a CCADB
 * report's (some CCADB-only column), 0 when it is not.
 */
static int
header_scan(struct header *h, char **names, const size_t *lens, size_t n)
{
	size_t	 i;
	char	 norm[256];

	memset(h, 0, sizeof(*h));
	for (i = 0; i < NCOLS; i++)
		h->idx[i] = -1;
	h->twin_first = h->twin_again = -1;
	h->nfields = n;
	for (i = 0; i < n; i++) {
		int	 strong, col;

		normalise(names[i], lens[i], norm, sizeof(norm));
		if (norm[0] != '\0')
			h->ncols = i + 1;
		if ((col = col_lookup(norm, &strong)) < 0)
			continue;
		h->strong += strong;
		if (strncmp(norm, "br audit", 8) == 0 ||
		    strncmp(norm, "ev ssl audit", 12) == 0)
			h->marker_v1 = 1;
		if (strcmp(norm, "audit firm") == 0)
			h->marker_v5 = 1;
		if (strcmp(norm, "apple status") == 0)
			h->has_apple_status = 1;
		if (strcmp(norm, "x.509 certificate (pem)") == 0)
			h->has_pem_x509 = 1;
		if (col == COL_ROOT_TRUST)
			h->has_root_trust = 1;
		/*
		 * The first column of a role is read.  A second column of
		 * the same role (the same name twice, or two of its names:
		 * "Date of Revocation" and "Revocation Date") makes the
		 * header ambiguous, which one did CCADB mean?
		 * header_done() refuses the file.  Columns only recognised,
		 * never read (COL_MARKER), may come in any number, and a
		 * column only shown (shown_only()) under two of its names.
		 */
		if (h->idx[col] < 0) {
			h->idx[col] = (int)i;
			h->colname[col] = xstrndup(names[i], lens[i]);
		} else if (h->twin_again < 0 && col != COL_MARKER &&
		    (shown_only(col) == 0 || same_name(names, lens,
		    (size_t)h->idx[col], i))) {
			h->twin_first = h->idx[col];
			h->twin_again = (long)i;
		}
		if (col != COL_SHA && col != COL_PEM && col != COL_MARKER)
			h->has_meta = 1;
	}
	return h->strong > 0;
}

/*
 * Which report this is.  The all-records generations differ in names,
 * not in what we need; the label is inferred from marker columns (v1's
 * "BR Audit", V5's "Audit Firm", v4's "Apple Status", v3's "Trust Bits
 * for Root Cert"), as third-party readers of each generation show them,
 * and is informational only.  V4a and V4b are v4 split by expiry: each
 * half is a v4 file, merged by fingerprint like any two inputs.
 */
static void
header_free(struct header *h)
{
	int	 i;

	for (i = 0; i < NCOLS; i++)
		free(h->colname[i]);
}

static void
header_classify(struct header *h)
{
	if (h->idx[COL_RTYPE] >= 0 || h->idx[COL_PARENT_SHA] >= 0 ||
	    h->marker_v5) {
		h->rpt = RPT_RECORDS;
		if (h->marker_v5)
			h->label = "ccadb-records-v5";
		else if (h->marker_v1)
			h->label = "ccadb-records-v1";
		else if (h->has_apple_status)
			h->label = "ccadb-records-v4";
		else if (h->has_root_trust)
			h->label = "ccadb-records-v3";
		else
			h->label = "ccadb-records-v2";
	} else if (h->idx[COL_PEM] >= 0 && h->has_pem_x509 &&
	    h->idx[COL_OWNER] < 0) {
		h->rpt = RPT_PEMS;
		h->label = "ccadb-pems";
	} else if (h->idx[COL_PEM] >= 0) {
		/*
		 * MozillaIntermediateCertsCSVReport, and (modelled on
		 * CCADB's field names: we have no copy of it) Mozilla's
		 * PublicAllIntermediateCertsWithPEMCSV, whose "PEM Info"
		 * wraps the PEM in single quotes.
		 */
		h->rpt = RPT_INTERMEDIATES;
		h->label = "ccadb-intermediates";
	} else if (h->idx[COL_TRUST + STORE_MOZILLA] >= 0 ||
	    h->idx[COL_TRUST + STORE_APPLE] >= 0 ||
	    h->idx[COL_TRUST + STORE_MICROSOFT] >= 0 ||
	    h->idx[COL_STATUS + STORE_CHROME] >= 0) {
		h->rpt = RPT_ROOTS;
		h->label = "ccadb-roots";
	} else {
		/* CCADB-only columns, but no report we know: refused. */
		h->rpt = NRPT;
		h->label = "ccadb-unknown";
	}
}

/* "SHA-256 Fingerprint, CA Owner" of the required columns it lacks. */
static char *
header_missing(const struct header *h)
{
	struct buf	 b = { 0 };
	int		 k;

	if (h->rpt == NRPT)
		return xstrdup("a column that tells which report it is: "
		    "\"Certificate Record Type\" (all certificate records), "
		    "\"X.509 Certificate (PEM)\" or \"PEM\" (certificate "
		    "reports), or a store's trust bits (AllIncludedRootCertsCSV)");
	for (k = 0; required[h->rpt][k] >= 0; k++)
		if (h->idx[required[h->rpt][k]] < 0)
			buf_printf(&b, "%s\"%s\"", b.len ? ", " : "",
			    col_title(required[h->rpt][k]));
	return b.len ? buf_take(&b) : NULL;
}

/* One row's fields, copied out of libcsv's buffer. */
struct field {
	size_t	 off;
	size_t	 len;
	long	 line;		/* where the field begins */
};

struct reader {
	struct loader	*ld;
	struct run	*run;		/* diagnostics: the loader's */
	struct ccadb_db	*db;		/* where the records go */
	struct input_stat *st;
	const char	*name;
	struct buf	 row;		/* field bytes, each NUL-terminated */
	struct buf	 der;		/* the row's certificate, decoded */
	struct field	 f[MAX_FIELDS];
	size_t		 nf;
	int		 too_many;
	long		 line;		/* the physical line being fed */
	long		 row_line;	/* where the current row began */
	int		 want_start;
	int		 header_done;
	int		 stop;		/* header refused: read no further */
	int		 rc;
	struct header	 h;
	/* sniff mode: stop after the header */
	int		 sniff;
	int		 claimed;
};

static const char *
fld(const struct reader *r, int col)
{
	int	 i = r->h.idx[col];

	if (i < 0 || (size_t)i >= r->nf)
		return NULL;
	return r->row.data + r->f[i].off;
}

/* A cell without its surrounding blanks, or NULL when empty. */
static char *
cell(const struct reader *r, int col)
{
	const char	*s = fld(r, col), *e;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
}

static void
row_error(struct reader *r, int col, const char *what, const char *val)
{
	char	 shown[81];

	snprintf(shown, sizeof(shown), "%s", val);
	diag_error(r->run, r->name, r->row_line, "column \"%s\": %s: \"%s\"",
	    r->h.colname[col] != NULL ? r->h.colname[col] : "?", what, shown);
	r->st->errors++;
	r->rc = -1;
}

/* Booleans as CCADB and its re-serialisers write them, in any case. */
static void
get_bool(struct reader *r, int col, int *v)
{
	char	*s = cell(r, col);

	if (s == NULL || *v != CCADB_UNSET) {
		free(s);
		return;
	}
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcmp(s, "1") == 0)
		*v = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 ||
	    strcmp(s, "0") == 0)
		*v = 0;
	else
		row_error(r, col, "not a boolean", s);
	free(s);
}

/* YYYY.MM.DD (CCADB) or YYYY-MM-DD (re-serialised copies). */
static void
get_date(struct reader *r, int col, astime *v)
{
	char	*s = cell(r, col);

	if (s != NULL && *v == 0 && time_parse_date(s, v) != 0)
		row_error(r, col, "not a date YYYY.MM.DD or YYYY-MM-DD", s);
	free(s);
}

/* Fills *v from the cell unless an earlier row already did. */
static void
get_str(struct reader *r, int col, char **v)
{
	char	*s;

	if (*v != NULL)
		return;
	if ((s = cell(r, col)) != NULL)
		*v = s;
}

/*
 * This row disagrees with the record's earlier ones on item (a store, or
 * CCADB_DIFFER_*): the first such row is kept.
 */
static void
differ_at(struct reader *r, struct ccadb_record *rec, int item)
{
	if (rec->differ_path[item] == NULL) {
		rec->differ_path[item] = xstrdup(r->name);
		rec->differ_line[item] = r->row_line;
	}
}

/*
 * Bits of a row that does not include the root: an empty cell says
 * nothing (0), and a word not known is no doubt (there is no inclusion
 * to doubt); the known words count, as named.
 */
static unsigned
without_doubt(unsigned bits)
{
	if (bits & CCADB_TRUST_UNKNOWN) {
		bits &= ~CCADB_TRUST_UNKNOWN;
		if (bits & PURP_ALL)
			bits |= CCADB_TRUST_NAMED;
	}
	return (bits & (PURP_ALL | CCADB_TRUST_NAMED)) != 0 ? bits : 0;
}

/* This row gave item's bits blank (ccadb_record.blank_row): the first. */
static void
blank_at(struct reader *r, struct ccadb_record *rec, int item)
{
	if (rec->blank_row[item].path == NULL) {
		rec->blank_row[item].path = xstrdup(r->name);
		rec->blank_row[item].line = r->row_line;
	}
}

static void
get_trust(struct reader *r, int col, unsigned *bits, int *known)
{
	char	*s;

	if (r->h.idx[col] < 0 || *known)
		return;
	s = cell(r, col);
	*bits = s != NULL ? ccadb_trust_bits(s) : 0;
	*known = 1;
	free(s);
}

/*
 * "Apple: Included; Google Chrome: Not Included; ...": the row's status
 * of each store its own column did not give.
 */
static void
get_root_status(struct reader *r, char *row[NSTORES])
{
	static const struct { const char *name; enum ccadb_store st; } t[] = {
		{ "mozilla", STORE_MOZILLA }, { "google chrome", STORE_CHROME },
		{ "chrome", STORE_CHROME }, { "apple", STORE_APPLE },
		{ "microsoft", STORE_MICROSOFT },
	};
	char	*s = cell(r, COL_ROOT_STATUS), *p, *tok, *colon;
	size_t	 i;

	if (s == NULL)
		return;
	for (p = s; (tok = strsep(&p, ";")) != NULL; ) {
		char	 key[64];

		if ((colon = strchr(tok, ':')) == NULL)
			continue;
		normalise(tok, (size_t)(colon - tok), key, sizeof(key));
		for (colon++; *colon == ' '; colon++)
			;
		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strcmp(key, t[i].name) == 0 &&
			    row[t[i].st] == NULL && *colon != '\0')
				row[t[i].st] = xstrdup(colon);
	}
	free(s);
}

static void
get_ev_oids(struct reader *r, struct ccadb_record *rec)
{
	char		*s, *p, *tok;
	size_t		 before = rec->nev_oids, seen = 0, i;
	unsigned char	*hit;
	int		 again;

	if (r->h.idx[COL_EV_OIDS] < 0)
		return;
	rec->ev_oids_known = 1;
	again = rec->ev_rows++ > 0;
	/*
	 * The union over every row, each OID once.  A row whose set is not
	 * that of the rows before it (a new OID, or one of theirs it does
	 * not name) disagrees with them.
	 */
	hit = xcalloc(before + 1, 1);
	s = cell(r, COL_EV_OIDS);
	for (p = s; p != NULL && (tok = strsep(&p, ";, \n\r\t")) != NULL; ) {
		if (*tok == '\0')
			continue;
		for (i = 0; i < rec->nev_oids; i++)
			if (strcmp(rec->ev_oids[i], tok) == 0)
				break;
		if (i < before) {
			seen += !hit[i];
			hit[i] = 1;
			continue;
		}
		if (i < rec->nev_oids)
			continue;
		if (rec->nev_oids == CCADB_MAX_EV_OIDS) {
			char	 what[64];

			snprintf(what, sizeof(what), "more than %d EV OIDs for "
			    "one root", CCADB_MAX_EV_OIDS);
			row_error(r, COL_EV_OIDS, what, tok);
			rec->ev_oids_cut = 1;
			break;
		}
		rec->ev_oids = xreallocarray(rec->ev_oids, rec->nev_oids + 1,
		    sizeof(char *));
		rec->ev_oids[rec->nev_oids++] = xstrdup(tok);
	}
	free(s);
	free(hit);
	if (again && (rec->nev_oids != before || seen != before))
		differ_at(r, rec, CCADB_DIFFER_EV);
}

static void
get_rtype(struct reader *r, struct ccadb_record *rec)
{
	char	*s = cell(r, COL_RTYPE);

	if (s == NULL || rec->rtype != RTYPE_UNKNOWN) {
		free(s);
		return;
	}
	if (strncasecmp(s, "root", 4) == 0)
		rec->rtype = RTYPE_ROOT;
	else if (strncasecmp(s, "intermediate", 12) == 0 ||
	    strncasecmp(s, "subordinate", 11) == 0)
		rec->rtype = RTYPE_INTERMEDIATE;
	else
		row_error(r, COL_RTYPE, "unknown record type", s);
	free(s);
}

static void
get_revocation(struct reader *r, struct ccadb_record *rec)
{
	char	*s = cell(r, COL_REVSTATUS);

	if (s == NULL || rec->revocation != REVOC_UNKNOWN) {
		free(s);
		return;
	}
	if (strcasecmp(s, "not revoked") == 0)
		rec->revocation = REVOC_NOT_REVOKED;
	else if (strcasecmp(s, "revoked") == 0)
		rec->revocation = REVOC_REVOKED;
	else if (strcasecmp(s, "parent cert revoked") == 0)
		rec->revocation = REVOC_PARENT_REVOKED;
	else
		row_error(r, COL_REVSTATUS, "unknown revocation status", s);
	free(s);
}

static void
get_audits(struct reader *r, struct ccadb_record *rec)
{
	int	 k;

	for (k = 0; k < NKINDS; k++) {
		struct ccadb_audit *a = &rec->audits[k];
		int	 base = COL_AUDIT + k * 5;

		get_str(r, base + AUD_URL, &a->url);
		get_str(r, base + AUD_TYPE, &a->type);
		get_date(r, base + AUD_DATE, &a->statement);
		get_date(r, base + AUD_START, &a->start);
		get_date(r, base + AUD_END, &a->end);
	}
}

/* Adds the cell's text to a sorted set of distinct names. */
static void
get_name_set(struct reader *r, int col, char ***v, size_t *n)
{
	char	*s = cell(r, col);
	size_t	 i;
	int	 c = 1;

	if (s == NULL)
		return;
	for (i = 0; i < *n && (c = strcmp((*v)[i], s)) < 0; i++)
		;
	if (i < *n && c == 0) {
		free(s);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	memmove(*v + i + 1, *v + i, (*n - i) * sizeof(**v));
	(*v)[i] = s;
	(*n)++;
}

/*
 * One report's status of a store, merged into the record's: an inclusion
 * beats any other status; between two of the same kind the smaller text,
 * then the smaller file name and line, so that neither the order of the
 * files nor of their rows changes the result.  Takes st.
 */
static void
merge_status(struct reader *r, struct ccadb_record *rec, int i, char *st)
{
	enum ccadb_store s = (enum ccadb_store)i;
	const char	*old = rec->store_status[i];
	int		 c;

	if (old != NULL) {
		c = ccadb_status_includes(s, old) - ccadb_status_includes(s, st);
		if (c != 0) {
			rec->store_status_differ[i] = 1;
			differ_at(r, rec, CCADB_DIFFER_STATUS(i));
		}
		if (c == 0)
			c = strcmp(st, old);
		if (c == 0)
			c = strcmp(r->name, rec->store_path[i]);
		if (c == 0)
			c = r->row_line < rec->store_line[i] ? -1 : 1;
		if (c >= 0) {
			free(st);
			return;
		}
	}
	free(rec->store_status[i]);
	free(rec->store_path[i]);
	rec->store_status[i] = st;
	rec->store_path[i] = xstrdup(r->name);
	rec->store_line[i] = r->row_line;
}

/*
 * Notes this row among those that gave store i's trust bits: the first
 * CCADB_TRUST_ROWS, each (file, line) once; the rest only counted.
 */
static void
trust_row(struct reader *r, struct ccadb_record *rec, int i)
{
	size_t	 k, n = rec->ntrust_rows[i];

	for (k = 0; k < n && k < CCADB_TRUST_ROWS; k++)
		if (rec->trust_rows[i][k].line == r->row_line &&
		    strcmp(rec->trust_rows[i][k].path, r->name) == 0)
			return;		/* a file given twice */
	if (n < CCADB_TRUST_ROWS) {
		rec->trust_rows[i][n].path = xstrdup(r->name);
		rec->trust_rows[i][n].line = r->row_line;
	}
	rec->ntrust_rows[i]++;
}

/*
 * The stores' statuses and trust bits of one row.  Trust bits count only
 * from a row that includes the root in that store (or gives no status
 * for it): a report that says "Removed" with no bits never takes away
 * the bits another report gave with its inclusion.  Blank bits (no trust
 * data: every purpose) count only from a row that includes the root: a
 * blank beside no status is silence, not doubt.  Likewise a blank "Trust
 * Bits for Root Cert" counts only from a root's row that includes it in
 * some store (an intermediate's row, and a root's that no store includes,
 * leave that cell blank).  In a report without statuses a blank is
 * root_trust_unstated: counted as a root store's, it made roots of
 * records that say nothing, and every other self-signed CA stopped being
 * an anchor; ignored, such a root left scope beside another root's bits.
 */
static void
get_stores(struct reader *r, struct ccadb_record *rec)
{
	char	*row[NSTORES] = { NULL }, *s;
	unsigned bits;
	int	 i, known, incl = 0, anystatus = 0, statuscols = 0;
	int	 includes[NSTORES] = { 0 };

	for (i = 0; i < NSTORES; i++)
		row[i] = cell(r, COL_STATUS + i);
	get_root_status(r, row);
	for (i = 0; i < NSTORES; i++) {
		statuscols |= r->h.idx[COL_STATUS + i] >= 0;
		anystatus |= row[i] != NULL;
		if (row[i] != NULL) {
			includes[i] = ccadb_status_includes(
			    (enum ccadb_store)i, row[i]);
			incl |= includes[i];
		}
		if (i != STORE_CHROME && (row[i] == NULL ||
		    ccadb_status_includes((enum ccadb_store)i, row[i]))) {
			known = 0;
			get_trust(r, COL_TRUST + i, &bits, &known);
			if (known && row[i] == NULL && (bits =
			    without_doubt(bits)) == 0)
				known = 0;
			if (known) {
				if (ccadb_trust_blank(bits) && row[i] != NULL) {
					rec->store_trust_blank[i] = 1;
					blank_at(r, rec, i);
				}
				if (rec->ntrust_rows[i] == 0)
					rec->store_trust_first[i] =
					    ccadb_trust_purposes(bits);
				else if (ccadb_trust_purposes(bits) !=
				    rec->store_trust_first[i]) {
					rec->store_trust_differ[i] = 1;
					differ_at(r, rec, CCADB_DIFFER_BITS(i));
				}
				rec->store_trust[i] |= bits;
				rec->store_trust_known[i] = 1;
				trust_row(r, rec, i);
				if (row[i] != NULL)
					rec->store_trust_incl[i] = 1;
			}
		}
		if (row[i] != NULL)
			merge_status(r, rec, i, row[i]);
	}
	statuscols |= r->h.idx[COL_ROOT_STATUS] >= 0;
	s = cell(r, COL_ROOT_TRUST);
	if (s == NULL && r->h.idx[COL_ROOT_TRUST] >= 0 &&
	    rec->rtype == RTYPE_ROOT && !statuscols) {
		rec->root_trust_unstated = 1;
		blank_at(r, rec, CCADB_BLANK_UNSTATED);
	}
	if (s != NULL || (r->h.idx[COL_ROOT_TRUST] >= 0 &&
	    rec->rtype == RTYPE_ROOT && incl)) {
		bits = s != NULL ? ccadb_trust_bits(s) : 0;
		/*
		 * A row that gives statuses and includes the root in none:
		 * no doubt.  A row with no status at all is read as an
		 * older report's (record_trust()): its doubt stands.
		 */
		if (anystatus && !incl && (bits = without_doubt(bits)) == 0) {
			free(s);
			return;
		}
		if (!rec->root_trust_known && !rec->root_trust_blank)
			rec->root_trust_first = ccadb_trust_purposes(bits);
		else if (ccadb_trust_purposes(bits) != rec->root_trust_first)
			differ_at(r, rec, CCADB_DIFFER_ROOT);
		if (ccadb_trust_blank(bits)) {
			rec->root_trust_blank = 1;
			blank_at(r, rec, CCADB_BLANK_ROOT);
			/* A row with no status: every store's doubt. */
			for (i = 0; i < NSTORES; i++)
				rec->root_blank_incl[i] |= includes[i] ||
				    !anystatus;
		}
		if (s != NULL) {
			rec->root_trust |= bits;
			rec->root_trust_known = 1;
		}
		free(s);
	}
}

/* Everything a record keeps, merged into the record of this fingerprint. */
static void
row_record(struct reader *r, const unsigned char sha[32])
{
	struct ccadb_record *rec;
	char		*s;

	rec = ccadb_record_get(r->db, sha, r->name, r->row_line);
	get_name_set(r, COL_OWNER, &rec->owners, &rec->nowners);
	get_name_set(r, COL_SUBOWNER, &rec->sub_owners, &rec->nsub_owners);
	get_str(r, COL_OWNER, &rec->ca_owner);
	get_str(r, COL_SUBOWNER, &rec->sub_ca_owner);
	get_str(r, COL_NAME, &rec->name);
	get_rtype(r, rec);
	if (r->h.rpt == RPT_ROOTS && rec->rtype == RTYPE_UNKNOWN)
		rec->rtype = RTYPE_ROOT;
	get_revocation(r, rec);
	get_date(r, COL_REVDATE, &rec->revoked_at);
	if (!rec->has_parent && (s = cell(r, COL_PARENT_SHA)) != NULL) {
		if (fp_parse(s, rec->parent_sha256) == 0)
			rec->has_parent = 1;
		else
			row_error(r, COL_PARENT_SHA, "not a SHA-256 "
			    "fingerprint", s);
		free(s);
	}
	get_bool(r, COL_TC, &rec->technically_constrained);
	get_stores(r, rec);
	get_ev_oids(r, rec);
	get_trust(r, COL_DERIVED, &rec->derived_trust,
	    &rec->derived_trust_known);
	rec->derived_trust &= PURP_ALL;
	get_str(r, COL_AUDIT_FIRM, &rec->audit_firm);
	get_bool(r, COL_SAME_AS_PARENT, &rec->audits_same_as_parent);
	get_audits(r, rec);
	get_bool(r, COL_TLS_CAPABLE, &rec->tls_capable);
	get_bool(r, COL_EV_CAPABLE, &rec->ev_capable);
	get_bool(r, COL_SMIME_CAPABLE, &rec->smime_capable);
	get_bool(r, COL_CODE_CAPABLE, &rec->codesigning_capable);
}

/*
 * The PEM cell: one CERTIFICATE block, perhaps wrapped in single quotes
 * (one Mozilla report) or with CRLF inside (another).  Its fingerprint
 * must be the row's; errors name the line of the BEGIN marker.
 */
static void
row_pem(struct reader *r, const unsigned char sha[32])
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	const struct field *f = &r->f[r->h.idx[COL_PEM]];
	const char	*s = r->row.data + f->off, *b, *e, *p;
	struct buf	*der = &r->der;
	unsigned char	 got[32];
	long		 line = f->line, bad;
	char		 hex[65], want[65];

	if ((b = mem_find(s, f->len, begin, sizeof(begin) - 1)) == NULL) {
		for (p = s; p < s + f->len && isspace((unsigned char)*p); p++)
			;
		if (p == s + f->len && r->h.rpt == RPT_RECORDS)
			return;		/* a record without its PEM */
		diag_error(r->run, r->name, line, "no \"%s\" in the PEM column",
		    begin);
		goto bad;
	}
	for (p = s; p < b; p++)
		if (*p == '\n')
			line++;
	b += sizeof(begin) - 1;
	if ((e = mem_find(b, f->len - (size_t)(b - s), end,
	    sizeof(end) - 1)) == NULL) {
		diag_error(r->run, r->name, line, "PEM block has no END line "
		    "(truncated cell?)");
		goto bad;
	}
	if (mem_find(e, f->len - (size_t)(e - s), "-----BEGIN", 10) != NULL) {
		diag_error(r->run, r->name, line,
		    "more than one PEM block in a cell");
		goto bad;
	}
	der->len = 0;
	if (pem_b64_decode(b, (size_t)(e - b), line, der, &bad) != 0) {
		diag_error(r->run, r->name, bad,
		    "bad base64 in the PEM block that "
		    "begins on line %ld", line);
		goto bad;
	}
	digest_sha256(der->data, der->len, got);
	if (memcmp(got, sha, 32) != 0) {
		const struct inventory *inv = loader_inventory(r->ld);
		long	 i = inventory_find(inv, sha);

		hex_encode(got, 32, hex);
		hex_encode(sha, 32, want);
		if (i >= 0)
			diag_error(r->run, r->name, line,
			    "fingerprint %s repeats "
			    "with a different PEM body (first at %s:%ld); "
			    "this one's SHA-256 is %s", want,
			    inv->certs[i]->sources[0].path,
			    inv->certs[i]->sources[0].line, hex);
		else
			diag_error(r->run, r->name, line,
			    "PEM's SHA-256 is %s, the row says %s", hex, want);
		goto bad;
	}
	/* Its digest is known: the inventory need not take it again. */
	if (loader_add_der_hashed(r->ld, r->st,
	    (unsigned char *)der->data, der->len, line, got) < 0)
		r->rc = -1;
	return;
bad:
	r->st->errors++;
	r->rc = -1;
}

static void
row_data(struct reader *r)
{
	unsigned char	 sha[32];
	char		*s;
	size_t		 i;

	/* A line of blanks is no row. */
	if (r->nf == 1 && r->f[0].len == 0)
		return;
	r->st->rows++;
	if (r->too_many || r->nf < r->h.ncols ||
	    r->nf > (r->h.nfields > r->h.ncols ? r->h.nfields :
	    r->h.ncols) + 1) {
		diag_error(r->run, r->name, r->row_line,
		    "%s row: %zu fields, the "
		    "header has %zu", r->nf < r->h.ncols ? "truncated" :
		    "overlong", r->nf, r->h.ncols);
		goto bad;
	}
	/* Older reports end every line with a comma: empty extras only. */
	for (i = r->h.ncols; i < r->nf; i++)
		if (r->f[i].len != 0) {
			diag_error(r->run, r->name, r->row_line,
			    "field %zu has no column in the header", i + 1);
			goto bad;
		}
	if ((s = cell(r, COL_SHA)) == NULL) {
		diag_error(r->run, r->name, r->row_line, "row has no SHA-256 "
		    "fingerprint");
		goto bad;
	}
	if (fp_parse(s, sha) != 0) {
		row_error(r, COL_SHA, "not a SHA-256 fingerprint", s);
		free(s);
		return;
	}
	free(s);
	if (r->h.has_meta) {
		r->st->records++;
		row_record(r, sha);
	}
	if (r->h.idx[COL_PEM] >= 0)
		row_pem(r, sha);
	return;
bad:
	r->st->errors++;
	r->rc = -1;
}

static void
row_header(struct reader *r)
{
	char	*names[MAX_FIELDS], *miss;
	size_t	 lens[MAX_FIELDS], i;

	for (i = 0; i < r->nf; i++) {
		names[i] = r->row.data + r->f[i].off;
		lens[i] = r->f[i].len;
	}
	r->header_done = 1;
	r->claimed = !r->too_many && header_scan(&r->h, names, lens, r->nf);
	if (r->sniff || !r->claimed) {
		r->stop = 1;
		return;
	}
	header_classify(&r->h);
	r->st->report = r->h.label;
	if (r->h.twin_again >= 0) {
		long	 a = r->h.twin_first, b = r->h.twin_again;
		char	*na = xstrndup(names[a], lens[a]), *ta = esc_term(na);
		char	*nb = xstrndup(names[b], lens[b]), *tb = esc_term(nb);

		if (same_name(names, lens, (size_t)a, (size_t)b))
			diag_error(r->run, r->name, r->row_line, "header names "
			    "column \"%.200s\" twice (columns %ld and %ld): "
			    "which one to read is ambiguous", ta, a + 1, b + 1);
		else
			diag_error(r->run, r->name, r->row_line, "header has "
			    "\"%.200s\" (column %ld) and \"%.200s\" (column "
			    "%ld), two names of one field: which one to read "
			    "is ambiguous", ta, a + 1, tb, b + 1);
		free(ta);
		free(na);
		free(tb);
		free(nb);
		r->st->errors++;
		r->rc = -1;
		r->stop = 1;
		return;
	}
	if ((miss = header_missing(&r->h)) != NULL) {
		if (r->h.rpt == NRPT)
			diag_error(r->run, r->name, r->row_line, "header not "
			    "recognised: it has CCADB columns, but lacks %s",
			    miss);
		else
			diag_error(r->run, r->name, r->row_line, "header not "
			    "recognised: a CCADB %s report needs %s",
			    report_title[r->h.rpt], miss);
		free(miss);
		r->st->errors++;
		r->rc = -1;
		r->stop = 1;
	}
}

/* A field that begins on line `line`, as the reader keeps it. */
static void
field_add(struct reader *r, const char *s, size_t len, long line)
{
	struct field	*f;

	if (r->stop)
		return;
	if (r->nf == MAX_FIELDS) {
		r->too_many = 1;
		return;
	}
	f = &r->f[r->nf++];
	f->off = r->row.len;
	f->len = len;
	f->line = line;
	buf_add(&r->row, s, len);
	buf_addc(&r->row, '\0');
}

static void
cb_field(void *s, size_t len, void *arg)
{
	struct reader	*r = arg;
	const char	*p = s, *e = p + len;
	long		 line = r->line;

	/* libcsv hands a field over on the line where it ends. */
	for (; p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		line--;
	field_add(r, s, len, line);
}

static void
cb_row(int c, void *arg)
{
	struct reader	*r = arg;

	(void)c;
	if (!r->stop) {
		if (!r->header_done)
			row_header(r);
		else
			row_data(r);
	}
	r->row.len = 0;
	r->nf = 0;
	r->too_many = 0;
	r->want_start = 1;
}

/*
 * A line libcsv reads past before a row: blanks and line ends only, as it
 * defines them (a vertical tab or form feed begins a field).
 */
static int
blank(const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

/*
 * Feeds d to libcsv a line at a time.  In sniff mode only the first line
 * is read and nothing is reported.
 */
static void
csv_run(struct reader *r, const unsigned char *d, size_t n)
{
	struct csv_parser cp;
	const unsigned char *p = d, *end = d + n, *nl;

	if (n >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
		p += 3;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		/* A sniffing reader (ccadb_sniff) has no run to tell. */
		if (r->run != NULL)
			diag_error(r->run, r->name, 0, "out of memory");
		r->rc = -1;
		return;
	}
	r->line = 1;
	r->want_start = 1;
	while (p < end && !r->stop) {
		size_t	 len;

		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (r->want_start && !blank(p, len)) {
			r->row_line = r->line;
			r->want_start = 0;
		}
		if (csv_parse(&cp, p, len, cb_field, cb_row, r) != len) {
			if (!r->sniff) {
				diag_error(r->run, r->name, r->line,
				    "CSV syntax "
				    "error (%s: a quote inside an unquoted "
				    "field, or text after a closing quote); "
				    "the rest of the file is not read",
				    csv_strerror(csv_error(&cp)));
				r->st->errors++;
			}
			r->rc = -1;
			r->stop = 1;
			break;
		}
		p += len;
		if (nl != NULL)
			r->line++;
		if (r->sniff && p - d > MAX_HEADER)
			break;
	}
	if (!r->stop && !r->sniff && csv_fini(&cp, cb_field, cb_row, r) != 0) {
		diag_error(r->run, r->name, r->row_line,
		    "unbalanced quote: a quoted "
		    "field that opens in this row never closes (truncated "
		    "file?)");
		r->st->errors++;
		r->rc = -1;
	}
	csv_free(&cp);
	/*
	 * The row buffer stays: ccadb_sniff still reads a header line that
	 * had no final newline from it after this returns (freeing it here
	 * left r->f[] pointing into freed memory: a crash on "a,b,c").
	 */
}

int
ccadb_sniff(const unsigned char *d, size_t n)
{
	struct reader	*r = xcalloc(1, sizeof(*r));
	const unsigned char *nl;
	size_t		 len;
	int		 claimed;

	/* The header line only: a CCADB header holds no line breaks. */
	len = n < MAX_HEADER ? n : MAX_HEADER;
	if ((nl = memchr(d, '\n', len)) != NULL)
		len = (size_t)(nl - d) + 1;
	else if (len < n) {
		free(r);
		return 0;	/* no line break near the start: not a CSV */
	}
	r->sniff = 1;
	r->name = "(sniff)";
	csv_run(r, d, len);
	/* A header without a final newline is still one line. */
	if (!r->header_done && r->rc == 0 && r->nf > 0)
		cb_row(0, r);
	claimed = r->claimed;
	header_free(&r->h);
	buf_free(&r->row);
	free(r);
	return claimed;
}

int
ccadb_load(void *db, struct loader *ld, struct input_stat *st,
    const char *name, const unsigned char *d, size_t n)
{
	struct reader	*r = xcalloc(1, sizeof(*r));
	int		 rc;

	r->ld = ld;
	r->run = loader_run(ld);
	r->db = db;
	r->st = st;
	r->name = name;
	csv_run(r, d, n);
	if (!r->header_done) {
		diag_error(r->run, name, 0, "CCADB report has no header line");
		st->errors++;
		r->rc = -1;
	}
	loader_flush(ld);
	ccadb_link(db, loader_inventory(ld));
	header_free(&r->h);
	buf_free(&r->row);
	buf_free(&r->der);
	rc = r->rc;
	free(r);
	return rc;
}

/* Here, beside the reader, so that ccadb_records.c calls nothing here. */
struct ccadb_db *
ccadb_db_new(void)
{
	struct ccadb_db	*d = xcalloc(1, sizeof(*d));

	fpindex_init(&d->index);
	d->reader.format = "ccadb-csv";
	d->reader.sniff = ccadb_sniff;
	d->reader.load = ccadb_load;
	d->reader.ctx = d;
	return d;
}
