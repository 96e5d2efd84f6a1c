/*
 * Audit statements: loading (format sniffed from content), dispatch to the
 * reader of each format (stmt_*.c), and the merge of what they found into
 * one sorted list with every location.  The fingerprint scanner the
 * readers share is stmt_scan.c's: readers call it, never this file, so
 * that the dispatch and its readers are no circle (issue 18).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

/* Bounds against hostile input: locations kept. */
#define MAX_LOCS	1000

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
	return strcmp(x->split != NULL ? x->split : "",
	    y->split != NULL ? y->split : "");
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

static int
unlisted_cmp(const void *a, const void *b)
{
	const struct stmt_unlisted *x = a, *y = b;
	int	 r = memcmp(x->sha256, y->sha256, 32);

	if (r == 0 && (r = loc_cmp(&x->loc, &y->loc)) == 0)
		r = strcmp(x->why, y->why);
	return r;
}

/*
 * Each fingerprint shown without being listed, once, at its first place;
 * none the statement lists elsewhere (fps merged).
 */
static void
merge_unlisted(struct statement *st)
{
	size_t	 i, k = 0;

	if (st->nunlisted > 0)
		qsort(st->unlisted, st->nunlisted, sizeof(*st->unlisted),
		    unlisted_cmp);
	for (i = 0; i < st->nunlisted; i++) {
		struct stmt_unlisted *u = &st->unlisted[i];

		if ((k > 0 && memcmp(st->unlisted[k - 1].sha256, u->sha256,
		    32) == 0) || statement_find(st, u->sha256) != NULL) {
			free(u->why);
			continue;
		}
		st->unlisted[k++] = *u;
	}
	st->nunlisted = k;
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
override_warn(struct run *r, struct statement *st, const char *what,
    unsigned said, unsigned given, const char *source)
{
	struct buf	 a = { 0 }, b = { 0 };
	char		*sa, *sb;

	kinds_titles(&a, said, " + ");
	kinds_titles(&b, given, " + ");
	sa = buf_take(&a);
	sb = buf_take(&b);
	diag_warn(r, st->path, 0, "the statement says its %s is %s (from %s), "
	    "the command line says %s: checking as %s", what, sa,
	    source != NULL ? source : "its text", sb, sb);
	free(sa);
	free(sb);
}

static void
period_warn(struct run *r, struct statement *st, const struct period *given)
{
	char	 a[11], b[11], c[11], d[11];

	time_format_date(st->period.start, a);
	time_format_date(st->period.end, b);
	time_format_date(given->start, c);
	time_format_date(given->end, d);
	diag_warn(r, st->path, 0, "the statement says its period is %s..%s "
	    "(from %s), --period says %s..%s: checking %s..%s", a, b,
	    st->period_source != NULL ? st->period_source : "its text", c, d,
	    c, d);
}

void
stmt_finish(struct run *r, struct statement *st,
    const struct stmt_overrides *ov)
{
	size_t	 i, k;

	/* A Trusted List lists what its services' statuses approve. */
	if (st->nservices > 0)
		stmt_tsl_list(st, ov != NULL && ov->period_set ? &ov->period :
		    st->period_set ? &st->period : NULL);
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
			struct buf	 why = { 0 };

			buf_addstr(&why, "in a row not flagged for ");
			kinds_titles(&why, ov->kinds & st->flag_kinds, " or ");
			for (i = k = 0; i < st->nfps; i++) {
				if (st->fps[i].kinds & ov->kinds)
					st->fps[k++] = st->fps[i];
				else
					stmt_add_unlisted(st, st->fps[i].sha256,
					    &st->fps[i].locs[0], why.data);
			}
			st->nfps = k;
			buf_free(&why);
		}
		/* Picking one of a list's flag columns is no contradiction. */
		if (st->kinds != 0 && st->kinds != ov->kinds &&
		    (st->flag_kinds & ov->kinds) == 0)
			override_warn(r, st, "audit kind", st->kinds, ov->kinds,
			    st->kind_source);
		st->kinds = ov->kinds;
		free(st->kind_source);
		st->kind_source = xstrdup(ov->kind_source != NULL ?
		    ov->kind_source : "command line (--kind)");
	}
	if (ov != NULL && ov->period_set) {
		if (st->period_set && (st->period.start != ov->period.start ||
		    st->period.end != ov->period.end))
			period_warn(r, st, &ov->period);
		st->period_set = 1;
		st->period = ov->period;
		free(st->period_source);
		st->period_source = xstrdup("command line (--period)");
	}
	merge_unlisted(st);
	if (st->error) {
		stmt_warnings_cut(st);
		return;
	}
	if (st->nfps == 0 && st->nsha1s == 0 && st->nservices == 0) {
		diag_error(r, st->path, 0, "no fingerprint found: not an audit "
		    "statement, or its fingerprints are images");
		st->error = 1;
	} else if (st->nfps == 0 && st->nsha1s > 0)
		stmt_warn(st, "lists only 40-hex values (SHA-1 fingerprints "
		    "or key identifiers), no SHA-256 fingerprint");
	for (i = k = 0; i < st->nfps; i++)
		if (!st->fps[i].alv_findable)
			k++;
	if (k > 0 && statement_is_letter(st))
		stmt_warn(st, "%zu fingerprint%s written so that CCADB's ALV "
		    "would not find %s (lower case, separators or wrapped)", k,
		    k == 1 ? " is" : "s are", k == 1 ? "it" : "them");
	stmt_warnings_cut(st);
}

int
statement_is_letter(const struct statement *st)
{
	return st->format != NULL && strcmp(st->format, "csv") != 0 &&
	    strcmp(st->format, "tsl") != 0;
}

const struct stmt_fp *
statement_find(const struct statement *st, const unsigned char sha[32])
{
	/* sha256 leads struct stmt_fp */
	return digest_search(st->fps, st->nfps, sizeof(*st->fps), sha, 32);
}

const struct stmt_unlisted *
statement_unlisted(const struct statement *st, const unsigned char sha[32])
{
	/* sha256 leads struct stmt_unlisted */
	return digest_search(st->unlisted, st->nunlisted,
	    sizeof(*st->unlisted), sha, 32);
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
		buf_printf(&b, "%swrapped %s", b.len ? ", " : "",
		    l->split != NULL ? l->split : "");
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

size_t
stmt_raw_dash(const unsigned char *raw, size_t n, size_t i)
{
	static const char *const d[] = { "\xe2\x80\x90", "\xe2\x80\x91",
	    "\xe2\x80\x92", "\xe2\x80\x93", "\xe2\x80\x94",
	    "\xe2\x80\x95", "\xe2\x88\x92", "\xef\xb9\x98",
	    "\xef\xb9\xa3", "\xef\xbc\x8d", "\xe3\x80\x9c",
	    "\xef\xbd\x9e", "&ndash;", "&mdash;", "&#8211;", "&#8212;",
	    "&#x2013;", "&#x2014;", NULL };
	size_t	 k, l;

	for (k = 0; d[k] != NULL; k++)
		if ((l = strlen(d[k])) <= n - i &&
		    memcmp(raw + i, d[k], l) == 0)
			return l;
	return 0;
}

/* Does any byte of raw begin a dash stmt_raw_dash() knows? */
static int
has_raw_dash(const unsigned char *raw, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((raw[i] == 0xe2 || raw[i] == 0xe3 || raw[i] == 0xef ||
		    raw[i] == '&') && stmt_raw_dash(raw, n, i) > 0)
			return 1;
	return 0;
}

struct statement *
statement_load(struct run *r, const char *path,
    const struct stmt_overrides *ov)
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
	if (read_file(r, path, ov != NULL && ov->max_input != 0 ?
	    ov->max_input : RUN_MAX_INPUT, &data, &len) != 0)
		goto out;
	digest_sha256(data, len, st->content_sha256);
	st->bytes = len;
	if (len == 0) {
		diag_error(r, path, 0, "empty file: not an audit statement");
		goto out;
	}
	st->format = sniff(data, len);
	if (strcmp(st->format, "pdf") == 0)
		rc = stmt_read_pdf(r, st, data, len);
	else if (strcmp(st->format, "tsl") == 0)
		rc = stmt_read_tsl(r, st, data, len);
	else if (strcmp(st->format, "html") == 0)
		rc = stmt_read_html(r, st, data, len);
	else if (strcmp(st->format, "csv") == 0)
		rc = stmt_read_csv(r, st, data, len);
	else if (strcmp(st->format, "xml") == 0) {
		if (stmt_xml_doctype_ok(r, st, data, len, 0) == 0)
			diag_error(r, path, 0, "XML but not an ETSI TS 119 612 "
			    "Trusted List (no TrustServiceStatusList)");
	} else if (strcmp(st->format, "binary") == 0)
		diag_error(r, path, 0,
		    "binary data: not a PDF, text, CSV, HTML "
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
	/*
	 * The lint reads the bytes only for a Unicode dash in the period:
	 * kept when there is one.  Without, a text list of a million
	 * fingerprints held 63 MB more through the inventory's load.
	 */
	if ((strcmp(st->format, "text") == 0 ||
	    strcmp(st->format, "html") == 0 ||
	    strcmp(st->format, "csv") == 0) && has_raw_dash(data, len)) {
		st->raw = data;
		st->rawlen = len;
		data = NULL;
	}
	stmt_finish(r, st, ov);
	free(norm);
	free(data);
	return st;
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
	stmt_text_free(st->text);
	free(st->raw);
	free(st->flag_columns);
	free(st->fps);
	free(st->sha1s);
	arena_free(st->locs);
	for (i = 0; i < st->nservices; i++) {
		free(st->services[i].tsp);
		free(st->services[i].name);
		free(st->services[i].type);
		free(st->services[i].status);
		free(st->services[i].statuses);
	}
	free(st->services);
	for (i = 0; i < st->nunlisted; i++)
		free(st->unlisted[i].why);
	free(st->unlisted);
	for (i = 0; i < st->nwarnings; i++)
		free(st->warnings[i]);
	free(st->warnings);
	free(st);
}
