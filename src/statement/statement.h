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

/* Where a fingerprint was found. */
struct stmt_loc {
	unsigned	 page;		/* 1-based PDF page; 0: not paged */
	long		 line;		/* line in the page or file; 0: none */
	long		 row;		/* CSV record (header is row 1); 0: none */
	unsigned	 form;		/* FPF_* */
	char		 split[24];	/* "54+10" when wrapped, else "" */
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

/* A service of an ETSI TS 119 612 Trusted List, with its certificate. */
struct stmt_service {
	unsigned char	 sha256[32];
	char		*tsp;		/* TSPName, English if given */
	char		*name;		/* ServiceName */
	char		*type;		/* ServiceTypeIdentifier URI */
	char		*status;	/* ServiceStatus URI */
	int		 web;		/* ForWebSiteAuthentication */
	long		 line;		/* of the X509Certificate element */
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
	 * The whole text as stmt_meta() read it (normalised; PDF pages
	 * end with "\n\f\n", lines with '\n', numbered as in stmt_loc),
	 * for the lint's checks; NULL when the format has none.
	 */
	char		*text;
	size_t		 textlen;
	/*
	 * The bytes as read, kept for text, HTML and CSV statements (the
	 * lint looks there for a dash the reader folded); NULL otherwise.
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
	char		**warnings;	/* in the order found */
	size_t		 nwarnings;
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
 * input it reports through diag_error, naming the file, and returns a
 * statement with error set (and whatever could be read); it never
 * returns a silently empty list.  NULL only when not even the path could
 * be recorded.  ov may be NULL.
 */
struct statement *statement_load(const char *path,
	    const struct stmt_overrides *ov);
void	 statement_free(struct statement *);
/* The fingerprint, or NULL (binary search). */
const struct stmt_fp *statement_find(const struct statement *,
	    const unsigned char sha256[32]);
/* "lower case, colon-separated, wrapped 54+10"; "" for form 0. */
void	 stmt_form_text(const struct stmt_loc *, char *out, size_t outlen);

/*
 * PDF containment (stmt_pdf.c): poppler runs in a child process with
 * these limits; a crash, a limit or the wall-clock timeout is an input
 * error for that statement.  Tests lower them.
 */
struct pdf_limits {
	unsigned	 cpu_seconds;	/* RLIMIT_CPU */
	unsigned long long as_bytes;	/* RLIMIT_AS; ignored under ASan */
	unsigned	 wall_seconds;	/* parent kills the child after this */
};
extern struct pdf_limits pdf_limits;

/* ---- Between the readers (stmt_*.c, stmt_scan.c) and the tests. ---- */

/*
 * A word of text with its box: PDF points from poppler, or, for text
 * formats, character columns and line numbers (one unit high).  Pieces of
 * a wrapped fingerprint are found among these.
 */
struct stmt_word {
	const char	*s;		/* borrowed, not NUL-terminated */
	size_t		 len;
	unsigned	 page;
	long		 line;		/* location to report */
	long		 row;
	long		 tline;		/* line index for the wrap rule */
	double		 x0, y0, x1, y1;
	int		 first, last;	/* first/last word of its line */
	int		 used;
};

/*
 * The scanner (stmt_scan.c).  Scans text for fingerprints: whole ones on
 * each line, and wrapped ones rebuilt from hex-only words (see
 * stmt_join_words).  Lines are numbered from first_line; row (CSV) is
 * copied into every location.
 */
void	 stmt_scan_text(struct statement *, const char *text, size_t len,
	    unsigned page, long first_line, long row);
/* Whole fingerprints on one line only (no rejoining). */
void	 stmt_scan_line(struct statement *, const char *s, size_t len,
	    unsigned page, long line, long row);
/* Rebuilds fingerprints wrapped over stacked or wrapped hex-only words. */
void	 stmt_join_words(struct statement *, struct stmt_word *, size_t n);
/* Records one occurrence (merged and sorted by stmt_finish). */
void	 stmt_add_fp(struct statement *, const unsigned char sha[32],
	    const struct stmt_loc *);
void	 stmt_add_sha1(struct statement *, const unsigned char sha1[20],
	    const struct stmt_loc *);
void	 stmt_warn(struct statement *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Sorts and merges; applies overrides.  Called once by statement_load. */
void	 stmt_finish(struct statement *, const struct stmt_overrides *);

/* Metadata from the statement's text (stmt_meta.c). */
void	 stmt_meta(struct statement *, const char *text, size_t len);
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

/* The readers: each fills st from data, reporting its own errors. */
int	 stmt_read_pdf(struct statement *, const unsigned char *, size_t);
int	 stmt_read_csv(struct statement *, const unsigned char *, size_t);
int	 stmt_read_html(struct statement *, const unsigned char *, size_t);
int	 stmt_read_tsl(struct statement *, const unsigned char *, size_t);
/* Refuses a DOCTYPE that declares entities or names an external DTD. */
int	 stmt_xml_doctype_ok(struct statement *, const unsigned char *,
	    size_t, int allow_public_dtd);

/*
 * The containment machinery, exposed for tests: runs fn(arg, fd) in a
 * child under pdf_limits, collecting what it writes to fd (at most max
 * bytes).  Returns 0 when the child exited 0, else -1 with a reason in
 * why (caller frees).
 */
int	 stmt_run_contained(void (*fn)(void *, int), void *arg, size_t max,
	    struct buf *out, char **why);
/* The same, calling progress(ctx, out) each time more has arrived. */
int	 stmt_run_contained_cb(void (*fn)(void *, int), void *arg,
	    size_t max, struct buf *out, char **why,
	    void (*progress)(void *, const struct buf *), void *ctx);
/*
 * In such a child: page(ctx, i, b) for every i < n, its output appended
 * to b and written to fd in page order, the second half made by a
 * grandchild at the same time, which calls fini(ctx) (if not NULL) when
 * done.  Its failure ends the child the same way (signal or exit
 * status); the grandchild dies with the child.
 */
void	 stmt_pages(int n, void (*page)(void *, int, struct buf *),
	    void (*fini)(void *), void *ctx, int fd);

/*
 * The parent's side of the PDF pipe (stmt_pdf.c): reads the records the
 * child wrote, as hostile input.  Exposed for the fuzzer and tests.
 */
int	 stmt_pdf_parse(struct statement *, const unsigned char *, size_t);
/* The same, fed as if it arrived piece bytes at a time (0: at once). */
int	 stmt_pdf_parse_pieces(struct statement *, const unsigned char *,
	    size_t, size_t piece);
/* Drops the fingerprints, SHA-1s and warnings found after the counts. */
void	 stmt_truncate(struct statement *, size_t nfps, size_t nsha1s,
	    size_t nwarnings);

#endif /* STATEMENT_H */
