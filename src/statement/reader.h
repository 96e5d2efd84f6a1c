/*
 * Private to src/statement: what the readers (stmt_*.c) share with the
 * scanner (stmt_scan.c) and the dispatcher (statement.c), and what the
 * tests and fuzzers drive directly.  Nothing outside src/statement and
 * tests/ includes it; statement/statement.h is the stage's interface.
 */
#ifndef STATEMENT_READER_H
#define STATEMENT_READER_H

#include "statement/statement.h"

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
/*
 * Is sha among the fingerprints st has recorded so far (unsorted, before
 * stmt_finish)?  For a reader that scanned text apart and warns of what
 * is found only there: stmt_found_sorted() copies them once, sorted.
 */
unsigned char (*stmt_found_sorted(const struct statement *))[32];
int	 stmt_found_in(unsigned char (*sorted)[32], size_t n,
	    const unsigned char sha[32]);
/*
 * A fingerprint shown at loc but not listed, and why (copied): kept if
 * the statement lists it nowhere else (stmt_finish), at its first place.
 */
void	 stmt_add_unlisted(struct statement *, const unsigned char sha[32],
	    const struct stmt_loc *, const char *why);
/* The warnings over the reader's cap, counted in one last warning. */
void	 stmt_warnings_cut(struct statement *);
void	 stmt_warn(struct statement *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Sorts and merges; applies overrides.  Called once by statement_load. */
void	 stmt_finish(struct run *, struct statement *,
	    const struct stmt_overrides *);

/* A statement's text freed, with its runs (stmt_meta.c). */
void	 stmt_text_free(struct stmt_text *);

/* The readers: each fills st from data, reporting its own errors. */
int	 stmt_read_pdf(struct run *, struct statement *, const unsigned char *,
	    size_t);
int	 stmt_read_csv(struct run *, struct statement *, const unsigned char *,
	    size_t);
int	 stmt_read_html(struct run *, struct statement *, const unsigned char *,
	    size_t);
int	 stmt_read_tsl(struct run *, struct statement *, const unsigned char *,
	    size_t);
/*
 * A Trusted List's listing (stmt_tsl.c), once the period is known (NULL:
 * none): the certificate of each service approved throughout it (or
 * now) is listed; the others are counted in one warning.
 */
void	 stmt_tsl_list(struct statement *, const struct period *);
/* Refuses a DOCTYPE that declares entities or names an external DTD. */
int	 stmt_xml_doctype_ok(struct run *, struct statement *,
	    const unsigned char *, size_t, int allow_public_dtd);

/*
 * The containment machinery, exposed for tests: runs fn(arg, fd) in a
 * child under pdf_limits, collecting what it writes to fd (at most max
 * bytes).  Returns 0 when the child exited 0, else -1 with a reason in
 * why (caller frees).
 */
int	 stmt_run_contained(void (*fn)(void *, int), void *arg, size_t max,
	    struct buf *out, char **why);
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
int	 stmt_pdf_parse(struct run *, struct statement *, const unsigned char *,
	    size_t);
/* The same, fed as if it arrived piece bytes at a time (0: at once). */
int	 stmt_pdf_parse_pieces(struct run *, struct statement *,
	    const unsigned char *, size_t, size_t piece);
/* Drops the fingerprints, SHA-1s and warnings found after the counts. */
void	 stmt_truncate(struct statement *, size_t nfps, size_t nsha1s,
	    size_t nwarnings);

#endif /* STATEMENT_READER_H */
