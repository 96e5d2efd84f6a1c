/*
 * What a statement says about itself: audit kind, period, point-in-time
 * date, date of the report, auditor.  Each value keeps the text it came
 * from, so that a reader can see why; a value not found stays unset
 * rather than guessed.
 *
 * Statements are written by hand in word processors: Unicode dashes and
 * curly quotes are folded to ASCII first, and phrases are matched in a
 * copy where every run of white space (line and page breaks included) is
 * one space, because PDF text breaks lines anywhere.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

/* Snippets shown as the source of a value are at most this long. */
#define SNIPPET_MAX	160

struct fold {
	unsigned long	 cp;
	const char	*to;
};

/* Sorted by code point. */
static const struct fold folds[] = {
	{ 0x00a0, " " }, { 0x00ad, "" }, { 0x2000, " " }, { 0x2001, " " },
	{ 0x2002, " " }, { 0x2003, " " }, { 0x2004, " " }, { 0x2005, " " },
	{ 0x2006, " " }, { 0x2007, " " }, { 0x2008, " " }, { 0x2009, " " },
	{ 0x200a, " " }, { 0x200b, "" }, { 0x200c, "" }, { 0x200d, "" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201a, "'" }, { 0x201b, "'" }, { 0x201c, "\"" }, { 0x201d, "\"" },
	{ 0x201e, "\"" }, { 0x201f, "\"" }, { 0x2022, "*" }, { 0x202f, " " },
	{ 0x2032, "'" }, { 0x2033, "\"" }, { 0x205f, " " }, { 0x2212, "-" },
	{ 0x3000, " " }, { 0x301c, "~" }, { 0xfb01, "fi" }, { 0xfb02, "fl" },
	{ 0xfe58, "-" }, { 0xfe63, "-" }, { 0xfeff, "" }, { 0xff0d, "-" },
	{ 0xff5e, "~" },
};

static const char *
fold_cp(unsigned long cp)
{
	size_t	 lo = 0, hi = sizeof(folds) / sizeof(folds[0]), mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (folds[mid].cp == cp)
			return folds[mid].to;
		if (folds[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Valid UTF-8 with dashes, quotes and odd spaces folded to ASCII.  Line
 * breaks are kept where they were, so line numbers still hold.
 */
char *
stmt_normalize(const char *text, size_t len, size_t *outlen)
{
	char		*u = esc_utf8((const unsigned char *)text, len);
	const unsigned char *p = (const unsigned char *)u;
	struct buf	 b = { 0 };
	size_t		 i = 0, n = strlen(u), sl;
	char		*r;

	while (i < n) {
		unsigned long	 cp;
		const char	*to;

		if (p[i] < 0x80) {
			buf_addc(&b, (char)p[i++]);
			continue;
		}
		if (p[i] >= 0xf0) {
			sl = 4;
			cp = p[i] & 0x07;
		} else if (p[i] >= 0xe0) {
			sl = 3;
			cp = p[i] & 0x0f;
		} else {
			sl = 2;
			cp = p[i] & 0x1f;
		}
		if (i + sl > n)
			sl = n - i;
		{
			size_t	 k;

			for (k = 1; k < sl; k++)
				cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((to = fold_cp(cp)) != NULL)
			buf_addstr(&b, to);
		else
			buf_add(&b, p + i, sl);
		i += sl;
	}
	free(u);
	*outlen = b.len;
	r = buf_take(&b);
	return r;
}

static const char *months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* A month name or abbreviation ("sept.", "aug") at s; its length. */
static size_t
month_at(const char *s, size_t n, int *m)
{
	size_t	 i, k, l, w;

	for (w = 0; w < n && isalpha((unsigned char)s[w]); w++)
		;
	for (i = 0; i < 12; i++) {
		l = strlen(months[i]);
		for (k = 0; k < l && k < w; k++)
			if (tolower((unsigned char)s[k]) != months[i][k])
				break;
		if (k != w)
			continue;
		if (w == l || w == 3 || (i == 8 && w == 4)) {
			*m = (int)i + 1;
			if (w < l && w < n && s[w] == '.')
				w++;
			return w;
		}
	}
	return 0;
}

static size_t
number_at(const char *s, size_t n, size_t maxd, int *v)
{
	size_t	 i = 0;

	*v = 0;
	while (i < n && i < maxd && isdigit((unsigned char)s[i]))
		*v = *v * 10 + (s[i++] - '0');
	if (i < n && isdigit((unsigned char)s[i]))
		return 0;
	return i;
}

/* ", 2024" or " 2024" after a day or month; its length, 0 if none. */
static size_t
year_at(const char *s, size_t n, int *y)
{
	size_t	 i = 0, k;

	if (i < n && s[i] == ',')
		i++;
	while (i < n && s[i] == ' ')
		i++;
	if ((k = number_at(s + i, n - i, 4, y)) != 4)
		return 0;
	return i + k;
}

static int
valid_date(int y, int m, int d)
{
	static const int dm[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > dm[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0))
		return 0;
	return 1;
}

static size_t
skip_ordinal(const char *s, size_t n)
{
	if (n >= 2 && (strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd",
	    2) == 0 || strncasecmp(s, "rd", 2) == 0 ||
	    strncasecmp(s, "th", 2) == 0) &&
	    (n == 2 || !isalpha((unsigned char)s[2])))
		return 2;
	return 0;
}

/*
 * The date forms statements use: "September 1, 2024", "Sept. 1 2024",
 * "1 September 2024", "1st of September, 2024", "2024-09-01",
 * "9/1/2024" (US order) and "01.09.2024" (European order).  s must start
 * the date; returns the length read, 0 if no date starts there.
 */
size_t
stmt_parse_date(const char *s, size_t n, astime *t)
{
	size_t	 i = 0, k;
	int	 y, m, d;

	if (n == 0)
		return 0;
	if (isdigit((unsigned char)s[0])) {
		int	 a, b;
		char	 sep;

		k = number_at(s, n, 4, &a);
		if (k == 4 && k + 5 < n + 0 && (s[4] == '-' || s[4] == '/' ||
		    s[4] == '.')) {
			sep = s[4];
			i = 5;
			if ((k = number_at(s + i, n - i, 2, &m)) == 0 ||
			    i + k >= n || s[i + k] != sep)
				return 0;
			i += k + 1;
			if ((k = number_at(s + i, n - i, 2, &d)) == 0)
				return 0;
			i += k;
			y = a;
		} else if (k >= 1 && k <= 2 && k < n && (s[k] == '/' ||
		    s[k] == '.') && isdigit((unsigned char)s[k + 1 < n ? k + 1 :
		    k])) {
			sep = s[k];
			i = k + 1;
			if ((k = number_at(s + i, n - i, 2, &b)) == 0 ||
			    i + k >= n || s[i + k] != sep)
				return 0;
			i += k + 1;
			if ((k = number_at(s + i, n - i, 4, &y)) != 4)
				return 0;
			i += k;
			/* "/" is American month-first, "." European */
			if (sep == '/') {
				m = a;
				d = b;
			} else {
				d = a;
				m = b;
			}
		} else if (k >= 1 && k <= 2) {
			/* "1 September 2024", "1st of September, 2024" */
			d = a;
			i = k;
			i += skip_ordinal(s + i, n - i);
			if (i < n && s[i] == '.')
				i++;
			while (i < n && s[i] == ' ')
				i++;
			if (n - i >= 3 && strncasecmp(s + i, "of ", 3) == 0)
				i += 3;
			if ((k = month_at(s + i, n - i, &m)) == 0)
				return 0;
			i += k;
			if ((k = year_at(s + i, n - i, &y)) == 0)
				return 0;
			i += k;
		} else
			return 0;
	} else {
		if ((k = month_at(s, n, &m)) == 0)
			return 0;
		i = k;
		while (i < n && s[i] == ' ')
			i++;
		if ((k = number_at(s + i, n - i, 2, &d)) == 0)
			return 0;
		i += k;
		i += skip_ordinal(s + i, n - i);
		if ((k = year_at(s + i, n - i, &y)) == 0)
			return 0;
		i += k;
	}
	if (i < n && isalnum((unsigned char)s[i]))
		return 0;
	if (!valid_date(y, m, d))
		return 0;
	*t = time_from_civil(y, m, d, 0, 0, 0);
	return i;
}

/* Character k came from page, line: a new run unless the last one's. */
static void
text_from(struct stmt_text *t, size_t *cap, size_t k, unsigned page,
    long line)
{
	struct stmt_run	*r;

	if (t->nruns > 0 && t->runs[t->nruns - 1].page == page &&
	    t->runs[t->nruns - 1].line == line)
		return;
	if (t->nruns == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		t->runs = xreallocarray(t->runs, *cap, sizeof(*t->runs));
	}
	r = &t->runs[t->nruns++];
	r->at = k;
	r->page = page;
	r->line = line;
}

/*
 * The normalised text on one line (struct stmt_text).  A form feed
 * begins the next page of a PDF (the "\f\n" between pages counts as one
 * line end).
 */
static struct stmt_text *
text_make(const char *text, size_t len, unsigned pages)
{
	struct stmt_text *t = xcalloc(1, sizeof(*t));
	unsigned	 page = pages > 0 ? 1 : 0;
	long		 line = 1;
	size_t		 i, k = 0, cap = 0;
	int		 sp = 1;

	t->s = xmalloc(len + 1);
	t->lc = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\f' && pages > 0) {
			page++;
			line = 1;
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		}
		if (isspace(c) || c == 0) {
			if (!sp) {
				text_from(t, &cap, k, page, line);
				t->s[k++] = ' ';
			}
			sp = 1;
			if (c == '\n')
				line++;
			continue;
		}
		text_from(t, &cap, k, page, line);
		t->s[k++] = (char)c;
		sp = 0;
	}
	t->s[k] = '\0';
	t->n = k;
	for (i = 0; i <= k; i++)
		t->lc[i] = (char)tolower((unsigned char)t->s[i]);
	/* Kept as long as the statement: no room to grow. */
	if (t->nruns > 0 && t->nruns < cap)
		t->runs = xreallocarray(t->runs, t->nruns, sizeof(*t->runs));
	return t;
}

void
stmt_text_free(struct stmt_text *t)
{
	if (t == NULL)
		return;
	free(t->s);
	free(t->lc);
	free(t->runs);
	free(t);
}

void
stmt_text_where(const struct stmt_text *t, size_t at, unsigned *page,
    long *line)
{
	size_t	 a = 0, b = t->nruns, mid;

	/* The last run that starts at or before at; the first starts at 0. */
	while (b - a > 1) {
		mid = a + (b - a) / 2;
		if (t->runs[mid].at <= at)
			a = mid;
		else
			b = mid;
	}
	*page = t->runs[a].page;
	*line = t->runs[a].line;
}

static char *
snippet(const struct stmt_text *f, size_t a, size_t b)
{
	size_t	 n;
	char	*s;

	if (b > f->n)
		b = f->n;
	/* start at a word */
	if (a > 0 && f->s[a - 1] != ' ') {
		while (a < b && f->s[a] != ' ')
			a++;
		while (a < b && f->s[a] == ' ')
			a++;
	}
	n = b - a;
	if (n > SNIPPET_MAX)
		n = SNIPPET_MAX;
	/* do not cut a UTF-8 sequence in two */
	while (n > 0 && a + n < f->n &&
	    ((unsigned char)f->s[a + n] & 0xc0) == 0x80)
		n--;
	s = xstrndup(f->s + a, n);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static int
word_start(const struct stmt_text *f, size_t i)
{
	return i == 0 || !isalnum((unsigned char)f->lc[i - 1]);
}

static const char *
find_word(const struct stmt_text *f, const char *from, const char *w)
{
	const char	*p = from;
	size_t		 l = strlen(w);

	while ((p = strstr(p, w)) != NULL) {
		size_t	 i = (size_t)(p - f->lc);

		if (word_start(f, i) && !isalnum((unsigned char)p[l]))
			return p;
		p++;
	}
	return NULL;
}

/* Qualifiers after "...Criteria for Certification Authorities". */
static const struct {
	const char	*q;
	unsigned	 kinds;
} quals[] = {
	{ "ssl baseline with network security", KIND_BIT(KIND_TLS) |
	    KIND_BIT(KIND_NETSEC) },
	{ "ssl baseline", KIND_BIT(KIND_TLS) },
	{ "baseline requirements", KIND_BIT(KIND_TLS) },
	{ "extended validation ssl", KIND_BIT(KIND_EV) },
	{ "ev ssl", KIND_BIT(KIND_EV) },
	{ "extended validation code signing", KIND_BIT(KIND_CODESIGNING) },
	{ "publicly trusted code signing", KIND_BIT(KIND_CODESIGNING) },
	{ "code signing", KIND_BIT(KIND_CODESIGNING) },
	{ "s/mime", KIND_BIT(KIND_SMIME) },
	{ "network security", KIND_BIT(KIND_NETSEC) },
	{ "network and certificate system security", KIND_BIT(KIND_NETSEC) },
};

unsigned
stmt_criteria_qual(const char *lc, size_t *len)
{
	size_t	 q;

	for (q = 0; q < sizeof(quals) / sizeof(quals[0]); q++)
		if (strncmp(lc, quals[q].q, strlen(quals[q].q)) == 0) {
			*len = strlen(quals[q].q);
			return quals[q].kinds;
		}
	return 0;
}

static const char *anchors[] = {
	"principles and criteria for certification authorities",
	"webtrust for certification authorities",
	"webtrust for cas",
};

/* ETSI standards and policies, matched as words. */
static const struct {
	const char	*w;
	unsigned	 kinds;
} etsi[] = {
	{ "en 319 411-1", KIND_BIT(KIND_STANDARD) | KIND_BIT(KIND_NETSEC) },
	{ "en 319 411-2", KIND_BIT(KIND_STANDARD) | KIND_BIT(KIND_NETSEC) },
	{ "ts 119 411-6", KIND_BIT(KIND_SMIME) },
	{ "dvcp", KIND_BIT(KIND_TLS) },
	{ "ovcp", KIND_BIT(KIND_TLS) },
	{ "ivcp", KIND_BIT(KIND_TLS) },
	{ "evcp", KIND_BIT(KIND_EV) },
	{ "qevcp-w", KIND_BIT(KIND_EV) },
	{ "qcp-w", KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV) },
	{ "qncp-w", KIND_BIT(KIND_TLS) },
};

static void
add_source(struct buf *src, const struct stmt_text *f, size_t a, size_t b)
{
	char	*s;

	if (src->len > 400)
		return;
	s = snippet(f, a, b);
	if (strstr(src->data != NULL ? src->data : "", s) == NULL)
		buf_printf(src, "%s\"%s\"", src->len ? "; " : "", s);
	free(s);
}

/*
 * A report on a key-generation ceremony cites the same WebTrust
 * principles as a Standard audit but audits no period of operations:
 * recognised here so that it is never taken for one.
 */
static const char *keygen_phrases[] = {
	"key generation ceremony", "key ceremony", "root key generation",
	"key pair generation ceremony",
};

static void
detect_keygen(struct statement *st, const struct stmt_text *f)
{
	const char	*p;
	size_t		 i, a;

	/* An annual report may mention a ceremony it also witnessed. */
	if (st->period_set)
		return;

	for (i = 0; i < sizeof(keygen_phrases) / sizeof(keygen_phrases[0]);
	    i++)
		if ((p = strstr(f->lc, keygen_phrases[i])) != NULL) {
			a = (size_t)(p - f->lc);
			st->keygen = 1;
			st->keygen_source = snippet(f, a,
			    a + strlen(keygen_phrases[i]));
			/* Of no kind: -s KIND=FILE says which to check. */
			st->kinds = 0;
			free(st->kind_source);
			st->kind_source = NULL;
			return;
		}
}

static void
detect_kind(struct statement *st, const struct stmt_text *f)
{
	struct buf	 src = { 0 };
	unsigned	 kinds = 0;
	size_t		 a, q;

	for (a = 0; a < sizeof(anchors) / sizeof(anchors[0]); a++) {
		const char	*p = f->lc;
		size_t		 al = strlen(anchors[a]);

		while ((p = strstr(p, anchors[a])) != NULL) {
			size_t	 i = (size_t)(p - f->lc) + al, j = i;
			unsigned k = 0;

			while (j < f->n && (f->lc[j] == ' ' || f->lc[j] == '-' ||
			    f->lc[j] == ':' || f->lc[j] == '('))
				j++;
			if ((k = stmt_criteria_qual(f->lc + j, &q)) != 0)
				add_source(&src, f, (size_t)(p - f->lc), j + q);
			/*
			 * Unqualified: WebTrust for CAs itself, when what
			 * follows is a version, a comma or the end of the
			 * phrase ("..., v2.2.2", "Version 2.2").
			 */
			if (k == 0 && a == 0 && (j >= f->n || f->lc[i] == ',' ||
			    strncmp(f->lc + j, "v", 1) == 0 ||
			    f->lc[i] == '.' || f->lc[i] == ')')) {
				k = KIND_BIT(KIND_STANDARD);
				add_source(&src, f, (size_t)(p - f->lc),
				    i + 8 < f->n ? i + 8 : f->n);
			}
			kinds |= k;
			p += al;
		}
	}
	for (q = 0; q < sizeof(etsi) / sizeof(etsi[0]); q++) {
		const char *p = find_word(f, f->lc, etsi[q].w);

		if (p != NULL) {
			size_t	 i = (size_t)(p - f->lc);

			kinds |= etsi[q].kinds;
			add_source(&src, f, i, i + strlen(etsi[q].w));
		}
	}
	if (kinds != 0) {
		st->kinds = kinds;
		st->kind_source = buf_take(&src);
	} else
		buf_free(&src);
}

/* Words before a date range that make it the audit period. */
static int
period_score(const struct stmt_text *f, size_t at)
{
	size_t	 from = at > 48 ? at - 48 : 0;
	char	 w[49];
	int	 score = 0;

	/* A copy: the text is the statement's, and the lint reads it too. */
	memcpy(w, f->lc + from, at - from);
	w[at - from] = '\0';
	if (strstr(w, "throughout the period") != NULL ||
	    strstr(w, "during the period") != NULL)
		score = 4;
	else if (strstr(w, "period") != NULL)
		score = 3;
	else if (strstr(w, "from") != NULL || strstr(w, "between") != NULL)
		score = 1;
	return score;
}

/* ", to ", " through ", " - ", "~": the separators ALV accepts. */
static size_t
range_sep(const char *s, size_t n)
{
	static const char *words[] = { "to", "through", "until", "till",
	    "and", "thru" };
	size_t	 i = 0, k;

	if (i < n && s[i] == ',')
		i++;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '~')) {
		i++;
		while (i < n && s[i] == ' ')
			i++;
		return i;
	}
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t	 l = strlen(words[k]);

		if (n - i > l && strncmp(s + i, words[k], l) == 0 &&
		    s[i + l] == ' ') {
			i += l;
			while (i < n && s[i] == ' ')
				i++;
			return i;
		}
	}
	return 0;
}

static void
detect_period(struct statement *st, const struct stmt_text *f)
{
	size_t	 i, k, s, e, best_a = 0, best_b = 0;
	int	 best = -1;
	astime	 t1, t2;
	struct period bp = { 0, 0 };

	for (i = 0; i < f->n; i++) {
		int	 score;

		if (!word_start(f, i) || (k = stmt_parse_date(f->lc + i,
		    f->n - i, &t1)) == 0)
			continue;
		if ((s = range_sep(f->lc + i + k, f->n - i - k)) == 0 ||
		    (e = stmt_parse_date(f->lc + i + k + s, f->n - i - k - s,
		    &t2)) == 0)
			continue;
		if (t2 < t1 || t2 - t1 > 3 * 366 * 86400LL)
			continue;
		score = period_score(f, i);
		/* a year, give or take, is what audits cover */
		if (t2 - t1 >= 28 * 86400LL && t2 - t1 <= 460 * 86400LL)
			score++;
		if (score < 2)
			continue;
		if (score > best) {
			best = score;
			bp.start = t1;
			bp.end = t2;
			best_a = i;
			best_b = i + k + s + e;
		}
	}
	if (best < 0)
		return;
	st->period_set = 1;
	st->period = bp;
	{
		size_t	 a = best_a > 40 ? best_a - 40 : 0;

		while (a > 0 && a < best_a && f->s[a - 1] != ' ')
			a++;
		st->period_source = snippet(f, a, best_b);
	}
}

static void
detect_pit(struct statement *st, const struct stmt_text *f)
{
	static const char *lead[] = { "as of ", "as at " };
	const char	*p, *pit;
	size_t		 i, k;
	astime		 t;

	if (st->period_set)
		return;
	for (i = 0; i < 2; i++) {
		p = f->lc;
		while ((p = strstr(p, lead[i])) != NULL) {
			size_t	 at = (size_t)(p - f->lc) + strlen(lead[i]);

			if ((k = stmt_parse_date(f->lc + at, f->n - at, &t)) >
			    0) {
				st->pit_set = 1;
				st->point_in_time = t;
				st->pit_source = snippet(f, (size_t)(p - f->lc),
				    at + k);
				return;
			}
			p++;
		}
	}
	/* "... at a point in time ... on May 7, 2016" */
	if ((pit = strstr(f->lc, "point in time")) == NULL)
		return;
	p = pit;
	while ((p = strstr(p, " on ")) != NULL && p - pit < 400) {
		size_t	 at = (size_t)(p - f->lc) + 4;

		if ((k = stmt_parse_date(f->lc + at, f->n - at, &t)) > 0) {
			st->pit_set = 1;
			st->point_in_time = t;
			st->pit_source = snippet(f, (size_t)(p - f->lc) + 1,
			    at + k);
			return;
		}
		p++;
	}
}

/*
 * The report's own date: the first line that is nothing but a date, as
 * under the auditor's signature.  Line structure matters here, so this
 * reads the normalised text, not the stmt_text.
 */
static void
detect_date(struct statement *st, const char *text, size_t len)
{
	size_t	 ls = 0, le, a, b, k;
	astime	 t;

	while (ls < len) {
		for (le = ls; le < len && text[le] != '\n'; le++)
			;
		for (a = ls; a < le && isspace((unsigned char)text[a]); a++)
			;
		for (b = le; b > a && (isspace((unsigned char)text[b - 1]) ||
		    text[b - 1] == '.'); b--)
			;
		if (b > a && (k = stmt_parse_date(text + a, b - a, &t)) ==
		    b - a && !isdigit((unsigned char)text[a])) {
			st->date_set = 1;
			st->statement_date = t;
			st->date_source = xstrndup(text + a, b - a);
			return;
		}
		ls = le + 1;
	}
}

static const struct {
	const char	*match;		/* lower case, a word */
	const char	*name;
} auditors[] = {
	{ "schellman", "Schellman & Company, LLC" },
	{ "bdo usa", "BDO USA, P.C." },
	{ "bdo", "BDO" },
	{ "deloitte", "Deloitte" },
	{ "kpmg", "KPMG" },
	{ "pricewaterhousecoopers", "PricewaterhouseCoopers" },
	{ "pwc", "PwC" },
	{ "ernst & young", "Ernst & Young" },
	{ "grant thornton", "Grant Thornton" },
	{ "crowe", "Crowe" },
	{ "a-lign", "A-LIGN" },
	{ "lsti", "LSTI" },
	{ "tuvit", "TUViT" },
	{ "tuv austria", "TUV AUSTRIA" },
	{ "tuv nord", "TUV NORD" },
	{ "dekra", "DEKRA" },
	{ "bsi group", "BSI Group" },
	{ "qmscert", "QMSCERT" },
	{ "auren", "Auren" },
	{ "csqa", "CSQA" },
	{ "kiwa", "Kiwa" },
	{ "actalis", "Actalis" },
	{ "datenschutz cert", "datenschutz cert" },
};

static void
detect_auditor(struct statement *st, const struct stmt_text *f)
{
	const char	*p, *best = NULL;
	size_t		 i, bi = 0;

	/* The earliest named firm: letterheads and signatures come first. */
	for (i = 0; i < sizeof(auditors) / sizeof(auditors[0]); i++) {
		p = find_word(f, f->lc, auditors[i].match);
		if (p != NULL && (best == NULL || p < best)) {
			best = p;
			bi = i;
		}
	}
	if (best == NULL)
		return;
	st->auditor = xstrdup(auditors[bi].name);
	{
		size_t	 a = (size_t)(best - f->lc);

		st->auditor_source = snippet(f, a > 30 ? a - 30 : 0,
		    a + strlen(auditors[bi].match) + 30);
	}
}

void
stmt_meta(struct statement *st, const char *text, size_t len)
{
	const struct stmt_text *f;
	struct buf	 src_pit = { 0 };

	stmt_text_free(st->text);
	st->text = text_make(text, len, st->pages);
	f = st->text;
	detect_kind(st, f);
	detect_period(st, f);
	detect_keygen(st, f);
	detect_pit(st, f);
	/* A point-in-time report: that day is its period's start and end. */
	if (!st->period_set && st->pit_set) {
		st->period_set = 1;
		st->period.start = st->period.end = st->point_in_time;
		buf_printf(&src_pit, "point in time: %s", st->pit_source);
		st->period_source = buf_take(&src_pit);
	}
	detect_date(st, text, len);
	detect_auditor(st, f);
}
