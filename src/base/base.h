/*
 * auditscope: which CA certificates must an audit statement list, and which
 * does it miss?
 *
 * The base (src/base), the stage every other builds on: exit statuses,
 * diagnostics, memory, buffers, threads, reading files, PEM base64, hex
 * and fingerprints, time and periods, audit kinds, escaping.  Each stage
 * above has a header of its own (cert/cert.h, inventory/inventory.h, ...).
 *
 * Ownership: functions named *_new or *_load return memory the caller frees
 * with the matching *_free; everything returned as "const" or documented as
 * borrowed lives as long as the object it came from.
 */
#ifndef BASE_H
#define BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define AUDITSCOPE_VERSION "0.1.0"

/* Exit statuses, documented under EXIT STATUS in auditscope(1). */
enum exit_status {
	EXIT_CLEAN = 0,		/* nothing missing, nothing unknown */
	EXIT_FINDINGS = 1,	/* findings reported */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_INPUT = 3,		/* some input could not be read: incomplete */
	EXIT_INTERNAL = 4	/* out of memory, output error */
};

typedef int64_t astime;		/* seconds since the epoch, UTC */

/*
 * The run (run.c): what one command works with and what went wrong in
 * it, created by main (run_init(), then the options) and handed down to
 * the functions that need it.  Its diagnostics are the run's: the
 * counters diag_*() keep (diag.c) and the causes of incompleteness the
 * commands record.  Whether the run is complete, and so its exit status,
 * is decided in one place, run_exit().
 */
/* 256 MiB: the whole CCADB corpus is 21 MB; raise with --max-input-size. */
#define RUN_MAX_INPUT	(256u * 1024 * 1024)
enum run_cause {
	RUN_ERROR,		/* an error was reported (diag_error) */
	RUN_INPUTS,		/* inputs had errors (loader_free()) */
	RUN_STATEMENT,		/* a statement did not read */
	NRUN_CAUSES
};
struct diag {
	unsigned	 errors;
	unsigned	 warnings;
	FILE		*stream;	/* NULL: standard error */
	int		 silent;	/* diag_set_stream(NULL): say nothing */
};
struct run {
	astime		 now;		/* --at, else the clock */
	size_t		 max_input;	/* bytes, RUN_MAX_INPUT by default */
	int		 jobs;		/* --jobs: threads, 0 one per core */
	struct diag	 diag;
	unsigned	 causes;	/* bits 1 << enum run_cause */
	/*
	 * The link cache's directory, from the environment:
	 * $XDG_CACHE_HOME/auditscope, else $HOME/.cache/auditscope (each
	 * only when absolute); "" when neither is set.
	 */
	char		 cache_dir[4096];
};
/* Sets the defaults. */
void	 run_init(struct run *);
void	 run_incomplete(struct run *, enum run_cause);
/* No error reported, no cause recorded. */
int	 run_complete(const struct run *);
/* EXIT_INPUT when incomplete, else EXIT_FINDINGS when findings, else
 * EXIT_CLEAN: every command's exit status. */
int	 run_exit(const struct run *, int findings);

/*
 * Diagnostics (diag.c).  Every message names the input and place:
 * "auditscope: PATH:LINE: text".  Errors are counted in the run; a run
 * that counted any input error is incomplete and exits EXIT_INPUT.
 */
void	 diag_error(struct run *, const char *path, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	 diag_warn(struct run *, const char *path, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Progress on standard error (progress.c): off unless progress_init(1);
 * nothing appears before the run has taken a second.  progress_add() may
 * be called from any thread; progress_end() clears the line before a
 * report or a message is written.
 */
void	 progress_init(int on);
void	 progress_phase(const char *what, size_t total);	/* 0: no total */
void	 progress_add(size_t);
void	 progress_pages(unsigned page, unsigned npages);	/* main thread */
void	 progress_end(void);
void	 progress_clear(void);

/*
 * A usage error found once inputs are read (a statement that does not say
 * its audit kind or period): said like an error, but not counted as one,
 * since the input is not at fault; the command exits 2.  Like every
 * message, whole up to 16 KiB before escaping (diag.c).
 */
void	 diag_usage(const struct run *, const char *path,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A notice: said, never counted (nothing is wrong with the input). */
void	 diag_note(const struct run *, const char *path, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	 diag_openssl(struct run *, const char *path, long line,
	    const char *what);
/* The run's counters and stream (tests; commands read the run). */
unsigned diag_errors(const struct run *);
unsigned diag_warnings(const struct run *);
void	 diag_reset(struct run *);
void	 diag_set_stream(struct run *, FILE *);	/* NULL silences (tests) */

/*
 * Memory (util.c): exit 4 with a message on exhaustion.  memory_init()
 * keeps large arrays on malloc's heap for the rest of the run (main()
 * calls it first); memory_defaults() goes back to glibc's starting limits
 * (in a child that runs a library's code).
 */
void	 memory_init(void);
void	 memory_defaults(void);
/*
 * Room for element n of v, an array that may reach a row a certificate
 * or an input file: grown by doubling *cap (0 at first), where growing it
 * one element at a time could copy it at each step.
 */
void	*xgrow(void *v, size_t n, size_t *cap, size_t sz);
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/*
 * Arena (util.c): many small allocations that live and die together
 * (the inventory's DER and certificates), carved from large mappings
 * without a malloc() header each.  Under AddressSanitizer every piece is
 * its own malloc(), so that bounds stay checked.
 */
struct arena;
void	*arena_alloc(struct arena **, size_t);	/* zeroed, 16-aligned */
void	 arena_free(struct arena *);		/* all of it */

/* Growable byte buffer (util.c). */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addstr(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* One byte, inline: PEM, CSV and printed names add bytes one by one. */
static inline void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}
char	*buf_take(struct buf *);	/* NUL-terminated, caller frees */
void	 buf_free(struct buf *);

/*
 * A hint to start fetching memory a loop reads a few steps on: at a
 * million certificates nearly every look at one is a cache miss.  Every
 * PREFETCH a no-op: 1M warm check CPU 14.2-17.4 s -> 16.2-19.4 s (+12%),
 * wall 18.3-22.6 s -> 21.6-43.4 s (3 interleaved runs each, make bench's
 * command line; corpus: no difference), kept.  The staged hash-slot
 * pipelines that were beside it gained nothing and went.
 */
#if defined(__GNUC__)
#define PREFETCH(p)	__builtin_prefetch(p)
#else
#define PREFETCH(p)	((void)(p))
#endif

/*
 * Threads (util.c): fn(arg, i) for every i < n, spread over `jobs`
 * threads (0: one per core), handed out `chunk` items at a time.  fn must
 * not report diagnostics (their order would depend on the scheduler);
 * it records what to say and the caller says it afterwards, in order.
 */
int	 parallel_jobs(int jobs);	/* 0 -> cores */
void	 parallel_for(size_t n, size_t chunk, int jobs,
	    void (*fn)(void *, size_t), void *arg);

/*
 * Reading files (io.c).  Inputs are capped at max bytes (the run's
 * max_input, --max-input-size); a larger input is an error, never a
 * truncated read.  "-" is standard input.
 */
int	 read_file(struct run *, const char *path, size_t max,
	    unsigned char **data, size_t *len);
/* The same into out, whose memory is reused (NUL-terminated too). */
int	 read_file_buf(struct run *, const char *path, size_t max,
	    struct buf *out);

/*
 * PEM (pem.c).  Is s[i] the end of a line ("\n", or "\r" not before
 * "\n")?  And the base64 body of a PEM block, white space ignored,
 * appended to out: -1 with the line of the first bad character.
 */
int	 text_eol(const char *s, size_t n, size_t i);
int	 pem_b64_decode(const char *, size_t, long first_line, struct buf *,
	    long *bad_line);

/* Hex and fingerprints (util.c). */
void	 hex_encode(const unsigned char *, size_t, char *out); /* upper */
int	 hex_decode(const char *, size_t, unsigned char *out, size_t outlen);
/*
 * The element of base[0..n) (each size bytes, sorted by memcmp of its
 * first klen bytes) whose key is key, or NULL.  For keys that begin with
 * a digest, whose leading bytes are uniform: they say where to look, and
 * a search widening from there finds it in a few nearby probes (a binary
 * search over a million took twenty, each a cache miss).
 */
const void *digest_search(const void *base, size_t n, size_t size,
	    const unsigned char *key, size_t klen);
/*
 * SHA-256 digest -> position, open addressing (util.c).  A slot holds the
 * position and the digest's first 32 bits, which also say where it goes:
 * a look-up that finds nothing (the load's, for every new certificate)
 * reads the table alone, and growing it reads no digest again.  At a
 * million certificates a look at a digest is a cache miss; a probe used
 * to cost two.  The caller holds the digests and confirms a candidate.
 */
struct fpindex {
	uint64_t	*slots;		/* bits << 32 | position + 1; 0: empty */
	size_t		 nslots;	/* a power of two, at least 2n */
	size_t		 n;
};
void	 fpindex_init(struct fpindex *);
void	 fpindex_free(struct fpindex *);
void	 fpindex_clear(struct fpindex *);	/* empty, its size kept */
void	 fpindex_put(struct fpindex *, const unsigned char sha[32], size_t);
/*
 * Every position p becomes to[p], for p < nto: the index follows the
 * certificates it points at when they are sorted or some are dropped
 * (to[p] < 0), without reading them again.  Positions kept must stay
 * distinct; a position at or past nto aborts (the index was stale).
 */
void	 fpindex_renumber(struct fpindex *, const long *to, size_t nto);
/*
 * The positions whose first 32 bits are sha's, one a call: *probe starts
 * at FPINDEX_START; SIZE_MAX when there are no more.
 */
#define FPINDEX_START	SIZE_MAX
size_t	 fpindex_next(const struct fpindex *, const unsigned char sha[32],
	    size_t *probe);
int	 fp_parse(const char *, unsigned char out[32]);	/* 64 hex, ':' ok */
/* memmem(3), which C11 and POSIX lack: where what[0, wl) is in s[0, n). */
const char *mem_find(const char *s, size_t n, const char *what, size_t wl);
/* Digests of a buffer, thread-safe (util.c). */
void	 digest_sha256(const void *, size_t, unsigned char out[32]);
void	 digest_sha1(const void *, size_t, unsigned char out[20]);

/*
 * Time (util.c).  Seconds since the epoch, UTC, 64-bit so that
 * notAfter 9999-12-31 survives.  Dates are read as YYYY-MM-DD or
 * YYYY.MM.DD.  "now" (the run's) is pinned by --at so that output never
 * depends on the clock.
 */
astime	 time_from_civil(int y, int m, int d, int hh, int mm, int ss);
int	 time_parse_date(const char *, astime *);	/* 0 ok, -1 bad */
void	 time_format(astime, char out[21]);		/* 2025-01-01T00:00:00Z */
void	 time_format_date(astime, char out[11]);	/* 2025-01-01 */
/* The same day n months later (earlier when n < 0), clamped to the end
 * of a shorter month: 2024-01-31 + 1 = 2024-02-29. */
astime	 time_add_months(astime, int n);
/* Whole months from a to b (negative when b is before a). */
int	 time_months_between(astime a, astime b);

/*
 * An audit period: inclusive days, start and end at midnight UTC of the
 * first and last day.  Written "YYYY-MM-DD..YYYY-MM-DD".
 */
struct period {
	astime	 start;
	astime	 end;		/* midnight of the last day */
};
int	 period_parse(const char *, struct period *);	/* 0 ok, -1 bad */
/* The first instant after the period: end + one day. */
astime	 period_after(const struct period *);

/*
 * Audit kinds, named as CCADB Policy section 5 names the audits.  Every
 * stage uses these names: "standard", "netsec", "tls", "ev", "smime",
 * "codesigning".
 */
enum audit_kind {
	KIND_STANDARD,		/* WebTrust for CAs, ETSI EN 319 411-1 */
	KIND_NETSEC,		/* Network and Certificate System Security */
	KIND_TLS,		/* TLS Baseline Requirements */
	KIND_EV,		/* TLS EV Guidelines */
	KIND_SMIME,		/* S/MIME Baseline Requirements */
	KIND_CODESIGNING,	/* Code Signing Baseline Requirements */
	NKINDS
};
#define KIND_BIT(k)	(1u << (k))
const char *kind_name(enum audit_kind);		/* "smime" */
const char *kind_title(enum audit_kind);	/* "S/MIME BR" */
int	 kind_parse(const char *, enum audit_kind *);	/* 0 ok */
/* The names kind_parse() takes, for usage messages. */
const char *kinds_usage(void);
/* "tls,smime" -> bit set; -1 on an unknown name. */
int	 kinds_parse(const char *, unsigned *);
/* Appends the titles of a set, joined by sep; nothing for an empty set. */
void	 kinds_titles(struct buf *, unsigned, const char *sep);
/* The same with the short names ("smime"). */
void	 kinds_names(struct buf *, unsigned, const char *sep);

/*
 * Output escaping (escape.c).  Anything read from a certificate, CSV, XML
 * or PDF is hostile: these make it safe for one sink each.  All return
 * memory the caller frees.
 */
char	*esc_utf8(const unsigned char *, size_t);	/* valid UTF-8 */
/* One UTF-8 character (RFC 3629: no overlong forms, no surrogates):
 * its length, or 0 when invalid. */
size_t	 utf8_seq(const unsigned char *, size_t, unsigned long *cp);
char	*esc_term(const char *);	/* no controls, no bidi, no ESC */
char	*esc_csv(const char *);		/* quoted cell, formulas defused */
char	*esc_json(const char *);	/* serialised JSON: DEL, C1, bidi as \u */
/* s as a JSON string, as jansson and esc_json write it; -1: not UTF-8. */
int	 esc_json_string(struct buf *, const char *s);

#endif /* BASE_H */
