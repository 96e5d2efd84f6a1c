/*
 * Audit statements: the fingerprints a statement lists, and what it says
 * about itself (audit kind, period, dates, auditor).
 *
 * statement_load() reads one statement of any supported format (PDF,
 * plain text, CSV, HTML, ETSI TS 119 612 Trusted List XML), sniffed from
 * the content.  The result is what `auditscope check` compares with the
 * inventory and what `auditscope extract` prints.
 *
 * Ownership: statement_load() returns a statement the caller frees with
 * statement_free(); every pointer inside it belongs to the statement.
 * Strings inside come from a hostile document: they are valid UTF-8
 * (esc_utf8) and bounded, but must still be escaped for their sink
 * (esc_term, esc_csv, jstr) before they are printed.
 */
#ifndef STATEMENT_H
#define STATEMENT_H

#include <stddef.h>

#include "base/base.h"

/* How a fingerprint was written at one location (bits). */
#define FPF_LOWER	0x01u	/* lower-case (or mixed) hex digits */
#define FPF_COLON	0x02u	/* byte pairs separated by ':' */
#define FPF_SPACE	0x04u	/* byte pairs separated by spaces */
#define FPF_WRAPPED	0x08u	/* split over lines or inside a table cell */
#define FPF_NOTEXT	0x10u	/* not in searchable text (XML certificate) */
#define FPF_CONCEALED	0x20u	/* struck-through or hidden (HTML): taken
				   out by its reader, never reported */

/* Where a fingerprint was found. */
struct stmt_loc {
	unsigned	 page;		/* 1-based PDF page; 0: not paged */
	unsigned	 form;		/* FPF_* */
	long		 line;		/* line in the page or file; 0: none */
	long		 row;		/* CSV record (header is row 1); 0: none */
	/*
	 * "54+10" when wrapped, else NULL; in the statement's locs arena.
	 * A pointer, not the 24 bytes inline: a million fingerprints,
	 * nearly all unwrapped, each have a location (32 bytes, not 56).
	 */
	const char	*split;
};

/* One SHA-256 fingerprint, once, with every place it appears. */
struct stmt_fp {
	unsigned char	 sha256[32];
	int		 alv_findable;	/* some location has form 0 */
	unsigned	 kinds;		/* CSV flag columns (KIND_BIT); 0: none */
	struct stmt_loc	*locs;		/* sorted by page, line, row */
	size_t		 nlocs;
};

/* A 40-hex run: a SHA-1 fingerprint or a key identifier. */
struct stmt_sha1 {
	unsigned char	 sha1[20];
	struct stmt_loc	*locs;
	size_t		 nlocs;
};

/* One status of a Trusted List service, from the day it took effect. */
struct stmt_status {
	int		 approved;	/* granted and the like (stmt_tsl.c) */
	int		 from_set;	/* 0: StatusStartingTime not given */
	astime		 from;		/* that moment, UTC */
	size_t		 order;		/* 0: current; then the history's */
};

/* A service of an ETSI TS 119 612 Trusted List, with its certificate. */
struct stmt_service {
	unsigned char	 sha256[32];
	char		*tsp;		/* TSPName, English if given */
	char		*name;		/* ServiceName */
	char		*type;		/* ServiceTypeIdentifier URI */
	char		*status;	/* ServiceStatus URI */
	int		 web;		/* ForWebSiteAuthentication */
	long		 line;		/* of the X509Certificate element */
	/* The current status, then those of its ServiceHistory. */
	struct stmt_status *statuses;
	size_t		 nstatuses;
	int		 listed;	/* its certificate is listed */
};

/*
 * A fingerprint the statement shows without listing it, at the first
 * place it shows it: in struck-through or hidden HTML text, on Trusted
 * List services none of which approves throughout the period, or in a
 * scope list's row not flagged for the kind checked.  check says so
 * beside the certificate it then finds missing.
 */
struct stmt_unlisted {
	unsigned char	 sha256[32];
	struct stmt_loc	 loc;		/* its form: 0 */
	char		*why;		/* "in struck-through or hidden text" */
};

/*
 * Where a run of a stmt_text's characters came from: those from at up to
 * the next run's at share a page and a line.  One run a line rather than
 * a page and a line for every character (12 bytes each: 750 MB for the
 * 62 MB statement of the 1M check, 40% of its memory and, in page
 * faults, 30% of its time).
 */
struct stmt_run {
	size_t		 at;		/* its first character */
	unsigned	 page;		/* PDF page from 1; 0: not a PDF */
	long		 line;		/* on that page, or in the file when
					   page is 0; from 1 */
};

/*
 * A statement's text as one line: every run of white space is one space,
 * with an ASCII lower-case twin and where each character came from (the
 * normalised text's PDF pages end with "\n\f\n", lines with '\n',
 * numbered as in stmt_loc).  Made once by stmt_meta(), which searches it
 * for the statement's metadata, and kept for the lint.
 */
struct stmt_text {
	char		*s;
	char		*lc;		/* s in ASCII lower case */
	size_t		 n;		/* strlen(s) */
	struct stmt_run	*runs;		/* by at, ascending; the first at 0 */
	size_t		 nruns;
};

struct statement {
	char		*path;
	unsigned char	 content_sha256[32];	/* of the file as read */
	size_t		 bytes;
	const char	*format;	/* "pdf" "text" "csv" "html" "tsl" */
	unsigned	 pages;		/* PDF pages, else 0 */

	unsigned	 kinds;		/* KIND_BIT set; 0: not found */
	char		*kind_source;	/* the text it came from, or NULL */
	int		 period_set;
	struct period	 period;
	char		*period_source;
	/*
	 * What the statement itself says, before stmt_overrides replaced
	 * kinds/period (equal to them when nothing was overridden): for
	 * the lint, which judges the statement's own text.
	 */
	unsigned	 own_kinds;
	char		*own_kind_source;
	int		 own_period_set;
	struct period	 own_period;
	char		*own_period_source;
	int		 pit_set;	/* point-in-time report */
	astime		 point_in_time;
	char		*pit_source;
	int		 keygen;	/* a key-generation ceremony report */
	char		*keygen_source;
	int		 date_set;	/* date of the report */
	astime		 statement_date;
	char		*date_source;
	char		*auditor;	/* NULL: not stated */
	char		*auditor_source;
	/*
	 * The whole text as stmt_meta() read it, on one line (see struct
	 * stmt_text), for the lint's checks; NULL when the format has none.
	 */
	struct stmt_text *text;
	/*
	 * The bytes as read, kept for text, HTML and CSV statements that
	 * hold a dash stmt_raw_dash() knows (the lint looks there for a
	 * dash the reader folded); NULL otherwise.
	 */
	unsigned char	*raw;
	size_t		 rawlen;

	struct stmt_fp	*fps;		/* sorted by sha256, unique */
	size_t		 nfps;
	size_t		 capfps;	/* allocated, while reading */
	struct stmt_sha1 *sha1s;	/* sorted by sha1, unique */
	size_t		 nsha1s;
	size_t		 capsha1s;
	struct stmt_service *services;	/* Trusted Lists, in document order */
	size_t		 nservices;
	/* Shown, not listed: sorted by sha256, unique, none in fps. */
	struct stmt_unlisted *unlisted;
	size_t		 nunlisted;
	size_t		 capunlisted;	/* allocated, while reading */
	char		**warnings;	/* in the order found */
	size_t		 nwarnings;
	size_t		 nwarnings_cut;	/* more than the reader keeps */
	/* Where every list's locations are: freed with the statement. */
	struct arena	*locs;

	unsigned	 flag_kinds;	/* CSV: kinds that have a flag column */
	char		*flag_columns;	/* CSV: their headers, for messages */

	int		 error;		/* reported; the lists are incomplete */
};

/* Command-line overrides of what the statement says about itself. */
struct stmt_overrides {
	unsigned	 kinds;		/* 0: detect */
	/* Where kinds came from, for provenance; NULL: "command line (--kind)" */
	const char	*kind_source;
	int		 period_set;
	struct period	 period;
	size_t		 max_input;	/* the run's; 0: RUN_MAX_INPUT */
};

/*
 * Reads one statement ("-" is standard input).  On a problem with the
 * input it reports through diag_error to run, naming the file, and returns a
 * statement with error set (and whatever could be read); it never
 * returns a silently empty list.  NULL only when not even the path could
 * be recorded.  ov may be NULL.
 */
struct statement *statement_load(struct run *, const char *path,
	    const struct stmt_overrides *ov);
void	 statement_free(struct statement *);
/*
 * Is it an audit letter (PDF, text, HTML), which CCADB's ALV reads?  A
 * scope list (CSV) or a Trusted List is none: no ALV form applies.
 */
int	 statement_is_letter(const struct statement *);
/* The fingerprint, or NULL (binary search). */
const struct stmt_fp *statement_find(const struct statement *,
	    const unsigned char sha256[32]);
/* Where the statement shows sha256 without listing it, or NULL. */
const struct stmt_unlisted *statement_unlisted(const struct statement *,
	    const unsigned char sha256[32]);
/*
 * A dash at raw[i] that the statement's reader folds to '-' or '~' (a
 * Unicode dash or wave dash in UTF-8, or an HTML dash entity: &ndash;,
 * &mdash;, &#8211;, &#8212;, &#x2013;, &#x2014;); its length, or 0.
 */
size_t	 stmt_raw_dash(const unsigned char *raw, size_t n, size_t i);
/* "lower case, colon-separated, wrapped 54+10"; "" for form 0. */
void	 stmt_form_text(const struct stmt_loc *, char *out, size_t outlen);

/*
 * Metadata (stmt_meta.c): what the statement's text says of itself, also
 * read by lint (engine/lint.c).  The text is stmt_normalize()'s (no NUL)
 * and st->pages is final: the runs of st->text, which this makes (and
 * replaces on a second call), are numbered by it.
 */
void	 stmt_meta(struct statement *, const char *text, size_t len);
/* The page and line character at (< n) of a stmt_text came from. */
void	 stmt_text_where(const struct stmt_text *, size_t at, unsigned *page,
	    long *line);
/*
 * The qualifier after "...Criteria for Certification Authorities" at lc
 * (lower case: "ssl baseline with network security"): its kinds, and its
 * length in *len; 0 when none starts there.
 */
unsigned stmt_criteria_qual(const char *lc, size_t *len);
/* Unicode dashes, quotes and spaces to ASCII; caller frees. */
char	*stmt_normalize(const char *text, size_t len, size_t *outlen);
/* A date as statements write it; returns its length, 0 if none at s. */
size_t	 stmt_parse_date(const char *s, size_t len, astime *);

#endif /* STATEMENT_H */
