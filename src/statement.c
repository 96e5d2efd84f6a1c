/*
 * Audit statements: loading (format sniffed from content), the fingerprint
 * scanner every format shares, and the merge of what was found into one
 * sorted list with every location.
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
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "auditscope.h"
#include "statement.h"

/* Words a fingerprint piece may not be shorter than to start a join. */
#define JOIN_MIN_FIRST	8
/* Pieces one fingerprint may be wrapped into. */
#define JOIN_MAX_PIECES	4
/* Candidate pieces looked at after each first piece (quadratic bound). */
#define JOIN_WINDOW	4096
/* Bounds against hostile input: warnings and locations kept. */
#define MAX_WARNINGS	100
#define MAX_LOCS	1000

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

	if (st->nwarnings == MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	st->warnings = xreallocarray(st->warnings, st->nwarnings + 1,
	    sizeof(char *));
	st->warnings[st->nwarnings++] = esc_utf8((unsigned char *)text,
	    strlen(text));
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
	if (split != NULL)
		snprintf(loc.split, sizeof(loc.split), "%s", split);
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

static int
loc_cmp(const void *a, const void *b)
{
	const struct stmt_loc *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->form != y->form)
		return x->form < y->form ? -1 : 1;
	return strcmp(x->split, y->split);
}

/* Sorts locations, drops repeats; keeps at most MAX_LOCS. */
static size_t
locs_merge(struct stmt_loc *l, size_t n)
{
	size_t	 i, k = 0;

	if (n > 1)
		qsort(l, n, sizeof(*l), loc_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || loc_cmp(&l[k - 1], &l[i]) != 0) {
			if (k == MAX_LOCS)
				break;
			l[k++] = l[i];
		}
	return k;
}

/*
 * Joins the locations of n entries for one value into the first's, in
 * one new block of the statement's arena, so that a value repeated on
 * every line is copied once.  The entries are struct stmt_fp or struct
 * stmt_sha1, `stride` bytes apart; locs and nlocs are the first's.
 */
static void
locs_join(struct statement *st, struct stmt_loc **locs, size_t *nlocs,
    size_t stride, size_t n)
{
	struct stmt_loc	*all;
	size_t		 i, total = 0, k = 0;

#define ENTRY(field, i) ((void *)((char *)(field) + (i) * stride))
	for (i = 0; i < n; i++)
		total += *(size_t *)ENTRY(nlocs, i);
	all = arena_alloc(&st->locs, total * sizeof(*all));
	for (i = 0; i < n; i++) {
		size_t	 m = *(size_t *)ENTRY(nlocs, i);

		memcpy(all + k, *(struct stmt_loc **)ENTRY(locs, i),
		    m * sizeof(*all));
		k += m;
	}
#undef ENTRY
	*locs = all;
	*nlocs = total;
}

static int
fp_cmp(const void *a, const void *b)
{
	return memcmp(((const struct stmt_fp *)a)->sha256,
	    ((const struct stmt_fp *)b)->sha256, 32);
}

static int
sha1_cmp(const void *a, const void *b)
{
	return memcmp(((const struct stmt_sha1 *)a)->sha1,
	    ((const struct stmt_sha1 *)b)->sha1, 20);
}

/*
 * Occurrences to one entry per fingerprint.  qsort is not stable, but
 * the locations are sorted afterwards, so the result does not depend on
 * the order things were found in.
 */
static void
merge_fps(struct statement *st)
{
	size_t	 i, j, k = 0;

	if (st->nfps > 0)
		qsort(st->fps, st->nfps, sizeof(*st->fps), fp_cmp);
	for (i = 0; i < st->nfps; i = j) {
		struct stmt_fp *f = &st->fps[i];

		for (j = i + 1; j < st->nfps &&
		    memcmp(st->fps[j].sha256, f->sha256, 32) == 0; j++)
			f->kinds |= st->fps[j].kinds;
		if (j - i > 1)
			locs_join(st, &f->locs, &f->nlocs, sizeof(*f), j - i);
		st->fps[k++] = *f;
	}
	st->nfps = k;
	for (i = 0; i < st->nfps; i++) {
		struct stmt_fp *f = &st->fps[i];

		f->nlocs = locs_merge(f->locs, f->nlocs);
		f->alv_findable = 0;
		for (j = 0; j < f->nlocs; j++)
			if (f->locs[j].form == 0)
				f->alv_findable = 1;
	}
}

static void
merge_sha1s(struct statement *st)
{
	size_t	 i, j, k = 0;

	if (st->nsha1s > 0)
		qsort(st->sha1s, st->nsha1s, sizeof(*st->sha1s), sha1_cmp);
	for (i = 0; i < st->nsha1s; i = j) {
		struct stmt_sha1 *f = &st->sha1s[i];

		for (j = i + 1; j < st->nsha1s &&
		    memcmp(st->sha1s[j].sha1, f->sha1, 20) == 0; j++)
			;
		if (j - i > 1)
			locs_join(st, &f->locs, &f->nlocs, sizeof(*f), j - i);
		st->sha1s[k++] = *f;
	}
	st->nsha1s = k;
	for (i = 0; i < st->nsha1s; i++)
		st->sha1s[i].nlocs = locs_merge(st->sha1s[i].locs,
		    st->sha1s[i].nlocs);
}

/*
 * The command line wins over what the statement says, but a contradiction
 * is worth a line: the wrong file, or the wrong KIND=, is the usual cause.
 */
static void
override_warn(struct statement *st, const char *what, unsigned said,
    unsigned given, const char *source)
{
	struct buf	 a = { 0 }, b = { 0 };
	char		*sa, *sb;

	kinds_titles(&a, said, " + ");
	kinds_titles(&b, given, " + ");
	sa = buf_take(&a);
	sb = buf_take(&b);
	diag_warn(st->path, 0, "the statement says its %s is %s (from %s), "
	    "the command line says %s: checking as %s", what, sa,
	    source != NULL ? source : "its text", sb, sb);
	free(sa);
	free(sb);
}

static void
period_warn(struct statement *st, const struct period *given)
{
	char	 a[11], b[11], c[11], d[11];

	time_format_date(st->period.start, a);
	time_format_date(st->period.end, b);
	time_format_date(given->start, c);
	time_format_date(given->end, d);
	diag_warn(st->path, 0, "the statement says its period is %s..%s "
	    "(from %s), --period says %s..%s: checking %s..%s", a, b,
	    st->period_source != NULL ? st->period_source : "its text", c, d,
	    c, d);
}

void
stmt_finish(struct statement *st, const struct stmt_overrides *ov)
{
	size_t	 i, k;

	merge_fps(st);
	merge_sha1s(st);
	st->own_kinds = st->kinds;
	st->own_kind_source = st->kind_source != NULL ?
	    xstrdup(st->kind_source) : NULL;
	st->own_period_set = st->period_set;
	st->own_period = st->period;
	st->own_period_source = st->period_source != NULL ?
	    xstrdup(st->period_source) : NULL;
	if (ov != NULL && ov->kinds != 0) {
		/*
		 * A scope list with per-audit flag columns: the statement for
		 * the chosen kind lists the rows flagged for it.
		 */
		if (st->flag_kinds & ov->kinds) {
			for (i = k = 0; i < st->nfps; i++) {
				if (st->fps[i].kinds & ov->kinds)
					st->fps[k++] = st->fps[i];
			}
			st->nfps = k;
		}
		/* Picking one of a list's flag columns is no contradiction. */
		if (st->kinds != 0 && st->kinds != ov->kinds &&
		    (st->flag_kinds & ov->kinds) == 0)
			override_warn(st, "audit kind", st->kinds, ov->kinds,
			    st->kind_source);
		st->kinds = ov->kinds;
		free(st->kind_source);
		st->kind_source = xstrdup(ov->kind_source != NULL ?
		    ov->kind_source : "command line (--kind)");
	}
	if (ov != NULL && ov->period_set) {
		if (st->period_set && (st->period.start != ov->period.start ||
		    st->period.end != ov->period.end))
			period_warn(st, &ov->period);
		st->period_set = 1;
		st->period = ov->period;
		free(st->period_source);
		st->period_source = xstrdup("command line (--period)");
	}
	if (st->error)
		return;
	if (st->nfps == 0 && st->nsha1s == 0 && st->nservices == 0) {
		diag_error(st->path, 0, "no fingerprint found: not an audit "
		    "statement, or its fingerprints are images");
		st->error = 1;
	} else if (st->nfps == 0 && st->nsha1s > 0)
		stmt_warn(st, "lists only 40-hex values (SHA-1 fingerprints "
		    "or key identifiers), no SHA-256 fingerprint");
	for (i = k = 0; i < st->nfps; i++)
		if (!st->fps[i].alv_findable)
			k++;
	/* ALV reads PDFs: a Trusted List is not searched as text. */
	if (k > 0 && strcmp(st->format, "tsl") != 0)
		stmt_warn(st, "%zu fingerprint%s written so that CCADB's ALV "
		    "would not find %s (lower case, separators or wrapped)", k,
		    k == 1 ? " is" : "s are", k == 1 ? "it" : "them");
}

const struct stmt_fp *
statement_find(const struct statement *st, const unsigned char sha[32])
{
	/* sha256 leads struct stmt_fp */
	return digest_search(st->fps, st->nfps, sizeof(*st->fps), sha, 32);
}

void
stmt_form_text(const struct stmt_loc *l, char *out, size_t outlen)
{
	struct buf	 b = { 0 };
	char		*s;

	if (l->form & FPF_LOWER)
		buf_printf(&b, "%slower case", b.len ? ", " : "");
	if (l->form & FPF_COLON)
		buf_printf(&b, "%scolon-separated", b.len ? ", " : "");
	if (l->form & FPF_SPACE)
		buf_printf(&b, "%sspace-separated", b.len ? ", " : "");
	if (l->form & FPF_WRAPPED)
		buf_printf(&b, "%swrapped %s", b.len ? ", " : "", l->split);
	if (l->form & FPF_NOTEXT)
		buf_printf(&b, "%snot in searchable text", b.len ? ", " : "");
	s = buf_take(&b);
	snprintf(out, outlen, "%s", s);
	free(s);
}

static int
prefix_ci(const unsigned char *p, size_t n, const char *lit)
{
	size_t	 m = strlen(lit), i;

	if (n < m)
		return 0;
	for (i = 0; i < m; i++)
		if (tolower(p[i]) != lit[i])
			return 0;
	return 1;
}

/* The first len bytes contain lit, case-insensitively. */
static int
contains_ci(const unsigned char *p, size_t n, const char *lit)
{
	size_t	 i, m = strlen(lit);

	for (i = 0; i + m <= n; i++)
		if (prefix_ci(p + i, n - i, lit))
			return 1;
	return 0;
}

/*
 * Binary junk is refused rather than scanned: NUL bytes, or more than a
 * few bytes that are neither valid UTF-8 nor usual text controls.
 */
static int
looks_binary(const unsigned char *p, size_t n)
{
	size_t	 i, bad = 0;
	char	*e;

	if (memchr(p, 0, n) != NULL)
		return 1;
	for (i = 0; i < n && i < 65536; i++)
		if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != '\t' && p[i] != '\f')
			bad++;
	e = esc_utf8(p, n < 65536 ? n : 65536);
	/* each invalid byte grew by three ("\xNN") */
	bad += (strlen(e) - (n < 65536 ? n : 65536)) / 3;
	free(e);
	return bad > 16 && bad * 50 > (n < 65536 ? n : 65536);
}

static const char *
csv_header_words[] = {
	"sha-256", "sha256", "fingerprint", "thumbprint", "wtbrssl",
	"wtsmime", "wtca", "wtevssl", NULL
};

static int
looks_csv(const unsigned char *p, size_t n)
{
	size_t	 i, e, line = 0, commas[3] = { 0 };

	for (i = 0; i < n && line < 3; i = e + 1) {
		size_t	 c = 0, k;

		for (e = i; e < n && p[e] != '\n'; e++)
			if (p[e] == ',')
				c++;
		if (line == 0 && c > 0)
			for (k = 0; csv_header_words[k] != NULL; k++)
				if (contains_ci(p + i, e - i,
				    csv_header_words[k]))
					return 1;
		commas[line++] = c;
	}
	return line == 3 && commas[0] >= 2 && commas[1] == commas[0] &&
	    commas[2] == commas[0];
}

static const char *
sniff(const unsigned char *p, size_t n)
{
	size_t	 i = 0, m = n < 4096 ? n : 4096;

	if (contains_ci(p, n < 1024 ? n : 1024, "%pdf-"))
		return "pdf";
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace(p[i]))
		i++;
	if (i < n && p[i] == '<') {
		if (contains_ci(p, n < 65536 ? n : 65536,
		    "<trustservicestatuslist") || contains_ci(p, n < 65536 ?
		    n : 65536, ":trustservicestatuslist"))
			return "tsl";
		if (contains_ci(p + i, m - i, "<html") ||
		    contains_ci(p + i, m - i, "<!doctype html"))
			return "html";
		if (prefix_ci(p + i, n - i, "<?xml") ||
		    prefix_ci(p + i, n - i, "<!doctype"))
			return "xml";
	}
	if (looks_binary(p, n))
		return "binary";
	if (looks_csv(p, n))
		return "csv";
	return "text";
}

struct statement *
statement_load(const char *path, const struct stmt_overrides *ov)
{
	struct statement *st;
	unsigned char	*data = NULL;
	size_t		 len;
	int		 rc = -1;
	char		*norm = NULL;
	size_t		 nlen;

	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->format = "unknown";
	if (read_file(path, &data, &len) != 0)
		goto out;
	digest_sha256(data, len, st->content_sha256);
	st->bytes = len;
	if (len == 0) {
		diag_error(path, 0, "empty file: not an audit statement");
		goto out;
	}
	st->format = sniff(data, len);
	if (strcmp(st->format, "pdf") == 0)
		rc = stmt_read_pdf(st, data, len);
	else if (strcmp(st->format, "tsl") == 0)
		rc = stmt_read_tsl(st, data, len);
	else if (strcmp(st->format, "html") == 0)
		rc = stmt_read_html(st, data, len);
	else if (strcmp(st->format, "csv") == 0)
		rc = stmt_read_csv(st, data, len);
	else if (strcmp(st->format, "xml") == 0) {
		if (stmt_xml_doctype_ok(st, data, len, 0) == 0)
			diag_error(path, 0, "XML but not an ETSI TS 119 612 "
			    "Trusted List (no TrustServiceStatusList)");
	} else if (strcmp(st->format, "binary") == 0)
		diag_error(path, 0, "binary data: not a PDF, text, CSV, HTML "
		    "or Trusted List statement");
	else {
		/* Plain text: pdftotext output, e-mail, Markdown. */
		norm = stmt_normalize((const char *)data, len, &nlen);
		stmt_scan_text(st, norm, nlen, 0, 1, 0);
		stmt_meta(st, norm, nlen);
		rc = 0;
	}
 out:
	if (rc != 0)
		st->error = 1;
	stmt_finish(st, ov);
	free(norm);
	free(data);
	return st;
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

void
statement_free(struct statement *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	free(st->path);
	free(st->kind_source);
	free(st->period_source);
	free(st->own_kind_source);
	free(st->own_period_source);
	free(st->pit_source);
	free(st->keygen_source);
	free(st->date_source);
	free(st->auditor);
	free(st->auditor_source);
	free(st->text);
	free(st->flag_columns);
	free(st->fps);
	free(st->sha1s);
	arena_free(st->locs);
	for (i = 0; i < st->nservices; i++) {
		free(st->services[i].tsp);
		free(st->services[i].name);
		free(st->services[i].type);
		free(st->services[i].status);
	}
	free(st->services);
	for (i = 0; i < st->nwarnings; i++)
		free(st->warnings[i]);
	free(st->warnings);
	free(st);
}
