/*
 * The fingerprint scanner every statement reader shares (stmt_*.c call it;
 * statement.c dispatches to them and merges what they found).
 *
 * The scanner's rule, from what real statements do to fingerprints: a
 * fingerprint is 64 hex digits, in either case, or 32 byte pairs joined
 * by ':' or single spaces, standing as a word of its own (a hex run that
 * touches a letter or digit is part of some other word and is left
 * alone).  A fingerprint wrapped over lines or inside a table cell is put
 * back together from hex-only words that together make exactly 64 digits
 * (stmt_join_words); nothing else is ever glued, and white space is never
 * stripped wholesale, which would invent fingerprints out of serial
 * numbers and key identifiers.  40-hex runs are SHA-1 fingerprints or key
 * identifiers and are kept apart.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

/* Words a fingerprint piece may not be shorter than to start a join. */
#define JOIN_MIN_FIRST	8
/* Pieces one fingerprint may be wrapped into. */
#define JOIN_MAX_PIECES	4
/* Candidate pieces looked at after each first piece (quadratic bound). */
#define JOIN_WINDOW	4096
/* Bound against hostile input: warnings kept. */
#define MAX_WARNINGS	100

static int
ishex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
iswordc(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

static double
fabs_d(double d)
{
	return d < 0 ? -d : d;
}

static int
haslower(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'f')
			return 1;
	return 0;
}

void
stmt_warn(struct statement *st, const char *fmt, ...)
{
	va_list	 ap;
	char	 text[512];

	if (st->nwarnings >= MAX_WARNINGS) {
		st->nwarnings_cut++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	st->warnings = xreallocarray(st->warnings, st->nwarnings + 1,
	    sizeof(char *));
	st->warnings[st->nwarnings++] = esc_utf8((unsigned char *)text,
	    strlen(text));
}

static int
sha_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

unsigned char (*stmt_found_sorted(const struct statement *st))[32]
{
	unsigned char	(*v)[32] = xreallocarray(NULL, st->nfps + 1, 32);
	size_t		 i;

	for (i = 0; i < st->nfps; i++)
		memcpy(v[i], st->fps[i].sha256, 32);
	qsort(v, st->nfps, 32, sha_cmp);
	return v;
}

int
stmt_found_in(unsigned char (*sorted)[32], size_t n,
    const unsigned char sha[32])
{
	return digest_search(sorted, n, 32, sha, 32) != NULL;
}

void
stmt_warnings_cut(struct statement *st)
{
	char	 text[96];

	if (st->nwarnings_cut == 0)
		return;
	(void)snprintf(text, sizeof(text), "%zu more warning%s not shown",
	    st->nwarnings_cut, st->nwarnings_cut == 1 ? "" : "s");
	st->warnings = xreallocarray(st->warnings, st->nwarnings + 1,
	    sizeof(char *));
	st->warnings[st->nwarnings++] = xstrdup(text);
	st->nwarnings_cut = 0;
}

void
stmt_add_fp(struct statement *st, const unsigned char sha[32],
    const struct stmt_loc *loc)
{
	struct stmt_fp	*fp;

	/* One entry per occurrence; stmt_finish merges them.  Grown by
	 * doubling: one at a time copied a 10,000-row table quadratically. */
	if (st->nfps == st->capfps) {
		st->capfps = st->capfps ? 2 * st->capfps : 64;
		st->fps = xreallocarray(st->fps, st->capfps, sizeof(*st->fps));
	}
	fp = &st->fps[st->nfps++];
	memset(fp, 0, sizeof(*fp));
	memcpy(fp->sha256, sha, 32);
	fp->locs = arena_alloc(&st->locs, sizeof(*fp->locs));
	fp->locs[0] = *loc;
	fp->nlocs = 1;
}

void
stmt_add_unlisted(struct statement *st, const unsigned char sha[32],
    const struct stmt_loc *loc, const char *why)
{
	struct stmt_unlisted *u;

	if (st->nunlisted == st->capunlisted) {
		st->capunlisted = st->capunlisted ? 2 * st->capunlisted : 16;
		st->unlisted = xreallocarray(st->unlisted, st->capunlisted,
		    sizeof(*st->unlisted));
	}
	u = &st->unlisted[st->nunlisted++];
	memcpy(u->sha256, sha, 32);
	u->loc = *loc;
	u->loc.form = 0;
	u->why = xstrdup(why);
}

static void
stmt_add_sha1(struct statement *st, const unsigned char sha1[20],
    const struct stmt_loc *loc)
{
	struct stmt_sha1 *s;

	if (st->nsha1s == st->capsha1s) {
		st->capsha1s = st->capsha1s ? 2 * st->capsha1s : 64;
		st->sha1s = xreallocarray(st->sha1s, st->capsha1s,
		    sizeof(*st->sha1s));
	}
	s = &st->sha1s[st->nsha1s++];
	memcpy(s->sha1, sha1, 20);
	s->locs = arena_alloc(&st->locs, sizeof(*s->locs));
	s->locs[0] = *loc;
	s->nlocs = 1;
}

/*
 * Byte pairs joined by one separator (':' or ' '), each pair a word of
 * its own.  Returns the number of pairs and sets *end; 0 if s[i] does
 * not start such a list.
 */
static size_t
pair_list(const char *s, size_t len, size_t i, char *sep, size_t *end)
{
	size_t	 n = 0, p = i;

	*sep = 0;
	for (;;) {
		if (p + 1 >= len || !ishex((unsigned char)s[p]) ||
		    !ishex((unsigned char)s[p + 1]))
			return 0;
		if (p + 2 < len && iswordc((unsigned char)s[p + 2]))
			return 0;
		n++;
		p += 2;
		if (p + 2 < len && (s[p] == ':' || s[p] == ' ') &&
		    (*sep == 0 || *sep == s[p]) &&
		    ishex((unsigned char)s[p + 1]) &&
		    ishex((unsigned char)s[p + 2]) &&
		    (p + 3 >= len || !iswordc((unsigned char)s[p + 3]))) {
			*sep = s[p];
			p++;
			continue;
		}
		break;
	}
	*end = p;
	return *sep != 0 ? n : 0;
}

static void
record(struct statement *st, const char *digits, size_t nd, unsigned form,
    unsigned page, long line, long row, const char *split)
{
	struct stmt_loc	 loc;
	unsigned char	 bin[32];

	memset(&loc, 0, sizeof(loc));
	loc.page = page;
	loc.line = line;
	loc.row = row;
	loc.form = form | (haslower(digits, nd) ? FPF_LOWER : 0);
	if (split != NULL) {
		size_t	 n = strlen(split) + 1;
		char	*p = arena_alloc(&st->locs, n);

		memcpy(p, split, n);
		loc.split = p;
	}
	if (nd == 64 && hex_decode(digits, 64, bin, 32) == 0)
		stmt_add_fp(st, bin, &loc);
	else if (nd == 40 && hex_decode(digits, 40, bin, 20) == 0)
		stmt_add_sha1(st, bin, &loc);
}

/* Half-open byte ranges of one line that the line scanner consumed. */
struct spans {
	size_t	 start[64];
	size_t	 end[64];
	size_t	 n;
};

static void
scan_line(struct statement *st, const char *s, size_t len, unsigned page,
    long line, long row, struct spans *sp)
{
	size_t	 i = 0, j, npairs, end;
	char	 sep, digits[65];

	while (i < len) {
		int	 c = (unsigned char)s[i];

		if (!iswordc(c)) {
			i++;
			continue;
		}
		if (!ishex(c) || (i > 0 && iswordc((unsigned char)s[i - 1]))) {
			while (i < len && iswordc((unsigned char)s[i]))
				i++;
			continue;
		}
		npairs = pair_list(s, len, i, &sep, &end);
		if (npairs == 32 || npairs == 20) {
			size_t	 nd = 0;

			for (j = i; j < end; j++)
				if (ishex((unsigned char)s[j]))
					digits[nd++] = s[j];
			record(st, digits, nd, sep == ':' ? FPF_COLON :
			    FPF_SPACE, page, line, row, NULL);
		}
		if (npairs > 0) {
			if (sp != NULL && sp->n < 64) {
				sp->start[sp->n] = i;
				sp->end[sp->n++] = end;
			}
			i = end;
			continue;
		}
		for (j = i; j < len && ishex((unsigned char)s[j]); j++)
			;
		if (j < len && iswordc((unsigned char)s[j])) {
			/* Hex glued to a word: part of that word. */
			while (j < len && iswordc((unsigned char)s[j]))
				j++;
		} else if (j - i == 64 || j - i == 40) {
			record(st, s + i, j - i, 0, page, line, row, NULL);
			/* a 40-digit run may yet be the head of a wrap */
			if (sp != NULL && sp->n < 64 && j - i == 64) {
				sp->start[sp->n] = i;
				sp->end[sp->n++] = j;
			}
		}
		i = j;
	}
}

void
stmt_scan_line(struct statement *st, const char *s, size_t len,
    unsigned page, long line, long row)
{
	scan_line(st, s, len, page, line, row, NULL);
}

/*
 * A word that may be a piece of a wrapped fingerprint: hex digits only,
 * or byte pairs joined by ':' (a trailing ':' where the line broke).
 * Returns the number of digits, 0 if not a piece; *colon says which.
 */
static size_t
piece_digits(const char *s, size_t n, int *colon)
{
	size_t	 i, nd = 0;
	int	 up = 0, lo = 0;

	*colon = memchr(s, ':', n) != NULL;
	for (i = 0; i < n; i++) {
		if (ishex((unsigned char)s[i])) {
			nd++;
			if (s[i] >= 'a' && s[i] <= 'f')
				lo = 1;
			else if (s[i] >= 'A' && s[i] <= 'F')
				up = 1;
		} else if (s[i] == ':' && *colon) {
			/* pairs only: "AB:CD:" */
			if (nd % 2 != 0 || (i > 0 && s[i - 1] == ':') ||
			    i == 0)
				return 0;
		} else
			return 0;
	}
	if (*colon && nd % 2 != 0)
		return 0;
	/* Mixed case is not how anything prints a fingerprint. */
	if (up && lo)
		return 0;
	return nd;
}

/* 'U' upper, 'L' lower, 'D' digits only. */
static int
piece_case(const struct stmt_word *w)
{
	size_t	 i;

	for (i = 0; i < w->len; i++) {
		if (w->s[i] >= 'a' && w->s[i] <= 'f')
			return 'L';
		if (w->s[i] >= 'A' && w->s[i] <= 'F')
			return 'U';
	}
	return 'D';
}

static int
word_cmp(const void *a, const void *b)
{
	const struct stmt_word *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->y0 != y->y0)
		return x->y0 < y->y0 ? -1 : 1;
	if (x->x0 != y->x0)
		return x->x0 < y->x0 ? -1 : 1;
	return x->tline < y->tline ? -1 : x->tline > y->tline;
}

/*
 * Does q continue p?  Stacked: q sits right under p in the same narrow
 * column (left edges or centres aligned, at most about half a line of
 * gap), as a table cell wraps.  Wrapped: p ends its line and q starts the
 * next, as running text wraps.  Returns a rank (lower is better), or -1.
 */
static double
continues(const struct stmt_word *p, const struct stmt_word *q,
    size_t pdig)
{
	double	 h = p->y1 - p->y0, cw, gap;

	if (q->page != p->page || h <= 0 || pdig == 0)
		return -1;
	cw = (p->x1 - p->x0) / (double)p->len;
	gap = q->y0 - p->y1;
	if (q->y0 > p->y0 + h / 2 && gap <= 0.6 * h && gap > -h / 2 &&
	    (fabs_d(q->x0 - p->x0) <= cw / 2 + 0.01 ||
	    fabs_d((q->x0 + q->x1) / 2 - (p->x0 + p->x1) / 2) <= cw / 2 + 0.01))
		return gap > 0 ? gap / h : 0;
	if (p->last && q->first && q->tline == p->tline + 1)
		return 10;
	return -1;
}

/*
 * A 40-digit piece that turned out to be part of a wrapped fingerprint
 * was taken for a SHA-1 by the line scanner: take that back.
 */
static void
unrecord_sha1(struct statement *st, const struct stmt_word *w)
{
	unsigned char	 bin[20];
	char		 digits[40];
	size_t		 i, nd = 0;

	for (i = 0; i < w->len && nd < 40; i++)
		if (ishex((unsigned char)w->s[i]))
			digits[nd++] = w->s[i];
	if (nd != 40 || hex_decode(digits, 40, bin, 20) != 0)
		return;
	for (i = st->nsha1s; i-- > 0; ) {
		struct stmt_sha1 *s = &st->sha1s[i];

		if (memcmp(s->sha1, bin, 20) == 0 && s->locs[0].page ==
		    w->page && s->locs[0].line == w->line &&
		    s->locs[0].row == w->row) {
			memmove(s, s + 1, (st->nsha1s - i - 1) * sizeof(*s));
			st->nsha1s--;
			return;
		}
	}
}

void
stmt_join_words(struct statement *st, struct stmt_word *w, size_t n)
{
	size_t	 i, k, chain[JOIN_MAX_PIECES], nchain, total, nd;
	int	 colon, cs;

	if (n == 0)
		return;
	qsort(w, n, sizeof(*w), word_cmp);
	for (i = 0; i < n; i++) {
		char	 digits[65], split[24];
		size_t	 sl = 0;
		unsigned form = FPF_WRAPPED;

		if (w[i].used)
			continue;
		total = piece_digits(w[i].s, w[i].len, &colon);
		if (total < JOIN_MIN_FIRST || total >= 64)
			continue;
		cs = piece_case(&w[i]);
		chain[0] = i;
		nchain = 1;
		while (total < 64 && nchain < JOIN_MAX_PIECES) {
			const struct stmt_word *cur = &w[chain[nchain - 1]];
			double	 best = -1, r;
			size_t	 bj = 0, bnd = 0, j;
			int	 c2;

			/*
			 * Pieces are sorted by page and height: what lies two
			 * lines below cur or further cannot continue it.  The
			 * window bounds the work on hostile input.
			 */
			for (j = i + 1; j < n && j - i <= JOIN_WINDOW; j++) {
				if (w[j].page != cur->page || w[j].y0 > cur->y1 +
				    2 * (cur->y1 - cur->y0))
					break;
				if (w[j].used)
					continue;
				nd = piece_digits(w[j].s, w[j].len, &colon);
				if (nd == 0 || total + nd > 64)
					continue;
				c2 = piece_case(&w[j]);
				if (c2 != 'D' && cs != 'D' && c2 != cs)
					continue;
				r = continues(cur, &w[j], total);
				if (r >= 0 && (best < 0 || r < best)) {
					best = r;
					bj = j;
					bnd = nd;
				}
			}
			if (best < 0)
				break;
			c2 = piece_case(&w[bj]);
			if (cs == 'D')
				cs = c2;
			chain[nchain++] = bj;
			total += bnd;
		}
		if (total != 64 || nchain < 2)
			continue;
		nd = 0;
		for (k = 0; k < nchain; k++) {
			const struct stmt_word *p = &w[chain[k]];
			size_t	 m;

			for (m = 0; m < p->len; m++)
				if (ishex((unsigned char)p->s[m]))
					digits[nd++] = p->s[m];
			if (memchr(p->s, ':', p->len) != NULL)
				form |= FPF_COLON;
			sl += (size_t)snprintf(split + sl, sizeof(split) - sl,
			    "%s%zu", k ? "+" : "", piece_digits(p->s, p->len,
			    &colon));
			if (sl >= sizeof(split))
				sl = sizeof(split) - 1;
		}
		for (k = 0; k < nchain; k++) {
			w[chain[k]].used = 1;
			unrecord_sha1(st, &w[chain[k]]);
		}
		record(st, digits, 64, form, w[i].page, w[i].line, w[i].row,
		    split);
	}
}

static int
in_spans(const struct spans *sp, size_t a, size_t b)
{
	size_t	 i;

	for (i = 0; i < sp->n; i++)
		if (a < sp->end[i] && b > sp->start[i])
			return 1;
	return 0;
}

/*
 * Text of one unit that a fingerprint may wrap within (a file, a CSV
 * cell, an HTML table cell).  Words get boxes on a grid of character
 * columns and lines, so that the same join rule as for PDFs applies to
 * `pdftotext -layout` output, where a wrapped cell keeps its column.
 */
void
stmt_scan_text(struct statement *st, const char *text, size_t len,
    unsigned page, long first_line, long row)
{
	struct stmt_word *w = NULL;
	size_t		 nw = 0, cap = 0, ls = 0, le, i;
	long		 idx = 0;

	while (ls <= len) {
		struct spans	 sp;
		size_t		 col = 0, first_w = nw;

		for (le = ls; le < len && text[le] != '\n'; le++)
			;
		sp.n = 0;
		scan_line(st, text + ls, le - ls, page,
		    first_line > 0 ? first_line + idx : 0, row, &sp);
		for (i = ls; i < le; ) {
			size_t	 ws, nd, cps;
			int	 colon;

			if (text[i] == ' ' || text[i] == '\t' ||
			    text[i] == '\r' || text[i] == '\f') {
				col = text[i] == '\t' ? (col / 8 + 1) * 8 :
				    col + 1;
				i++;
				continue;
			}
			ws = i;
			cps = 0;
			while (i < le && text[i] != ' ' && text[i] != '\t' &&
			    text[i] != '\r' && text[i] != '\f') {
				/* columns count characters, not bytes */
				if (((unsigned char)text[i] & 0xc0) != 0x80)
					cps++;
				i++;
			}
			nd = piece_digits(text + ws, i - ws, &colon);
			if (nd > 0 && nd < 64 && !in_spans(&sp, ws - ls,
			    i - ls)) {
				if (nw == cap) {
					cap = cap ? cap * 2 : 64;
					w = xreallocarray(w, cap, sizeof(*w));
				}
				memset(&w[nw], 0, sizeof(*w));
				w[nw].s = text + ws;
				w[nw].len = i - ws;
				w[nw].page = page;
				w[nw].line = first_line > 0 ? first_line + idx :
				    0;
				w[nw].row = row;
				w[nw].tline = idx;
				w[nw].x0 = (double)col;
				w[nw].x1 = (double)(col + cps);
				w[nw].y0 = (double)idx;
				w[nw].y1 = (double)idx + 1;
				w[nw].first = ws == ls ||
				    strspn(text + ls, " \t\r\f") == ws - ls;
				w[nw].last = strspn(text + i, " \t\r\f") ==
				    le - i;
				nw++;
			}
			col += cps;
		}
		/* A non-piece word before a piece: the piece is not first. */
		for (i = first_w; i < nw; i++)
			if (i > first_w)
				w[i].first = 0;
		idx++;
		ls = le + 1;
	}
	stmt_join_words(st, w, nw);
	free(w);
}

void
stmt_truncate(struct statement *st, size_t nfps, size_t nsha1s,
    size_t nwarnings)
{
	/* Their locations stay in the arena until the statement goes. */
	if (st->nfps > nfps)
		st->nfps = nfps;
	if (st->nsha1s > nsha1s)
		st->nsha1s = nsha1s;
	while (st->nwarnings > nwarnings)
		free(st->warnings[--st->nwarnings]);
}
