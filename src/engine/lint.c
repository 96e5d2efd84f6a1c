/*
 * The lint's checks (engine/engine.h): each reads the statement's text as one
 * line (struct stmt_text, which stmt_meta.c made: white space runs folded
 * to one space, because PDF text breaks lines anywhere), whose runs say
 * the page and line each character came from, so that each result can
 * say where.
 *
 * The rules and their sources are in the manual's LINT section; each
 * check's `rule` names its source.  CCADB Policy numbers are those of
 * version 2.0 (July 2025): 5.2 Audit Statement Content, 5.2.3 ALV
 * Formatting, 5.3.1 Audit Team Qualifications.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "statement/statement.h"

#define SNIP_MAX	160
/* Mentions of one phrase looked at: hostile text may repeat it. */
#define MAX_MENTIONS	256
#define DAY		86400LL
/* Policy 5.2: uploaded no later than 92 calendar days after the end. */
#define UPLOAD_DAYS	92

static const char *const ids[NLINT] = {
	"ca_owner", "auditor", "fingerprints", "standards",
	"policy_documents", "period_type", "period", "statement_date",
	"deadline", "continuity", "policy_oids", "incidents", "opinion",
	"etsi_scope", "team_qualifications", "locations"
};

const char *
lint_id_name(enum lint_id id)
{
	return id < NLINT ? ids[id] : "?";
}

const char *
lint_result_name(enum lint_result r)
{
	return r == LINT_PASS ? "pass" : r == LINT_WARN ? "warn" : "fail";
}

/* Characters a and b (< t->n) came from one line of one page. */
static int
same_line(const struct stmt_text *t, size_t a, size_t b)
{
	unsigned pa, pb;
	long	 la, lb;

	stmt_text_where(t, a, &pa, &la);
	stmt_text_where(t, b, &pb, &lb);
	return pa == pb && la == lb;
}

static int
word_at(const struct stmt_text *t, size_t i)
{
	return i == 0 || !isalnum((unsigned char)t->lc[i - 1]);
}

/* The first whole-word w (lower case) at or after from; SIZE_MAX. */
static size_t
find(const struct stmt_text *t, size_t from, const char *w)
{
	const char	*p;
	size_t		 l = strlen(w);

	if (from > t->n || l == 0)
		return SIZE_MAX;
	for (p = t->lc + from; (p = strstr(p, w)) != NULL; p++) {
		size_t	 i = (size_t)(p - t->lc);

		if (word_at(t, i) && (!isalnum((unsigned char)w[l - 1]) ||
		    !isalnum((unsigned char)p[l])))
			return i;
	}
	return SIZE_MAX;
}

/* The first of a NULL-terminated list found (earliest); SIZE_MAX. */
static size_t
find_any(const struct stmt_text *t, size_t from, const char *const *ws,
    size_t *len)
{
	size_t	 best = SIZE_MAX, i, at;

	for (i = 0; ws[i] != NULL; i++)
		if ((at = find(t, from, ws[i])) < best) {
			best = at;
			if (len != NULL)
				*len = strlen(ws[i]);
		}
	return best;
}

/* The text just before at is pre (lower case). */
static int
preceded_by(const struct stmt_text *t, size_t at, const char *pre)
{
	size_t	 n = strlen(pre);

	return at >= n && memcmp(t->lc + at - n, pre, n) == 0;
}

static char *
snip(const struct stmt_text *t, size_t a, size_t b)
{
	size_t	 n;

	if (b > t->n)
		b = t->n;
	if (a > b)
		a = b;
	n = b - a;
	if (n > SNIP_MAX)
		n = SNIP_MAX;
	/* end at a word's end */
	if (a + n < t->n && n > 0 && isalnum((unsigned char)t->s[a + n]) &&
	    isalnum((unsigned char)t->s[a + n - 1])) {
		size_t	 k = n;

		while (k > 0 && t->s[a + k - 1] != ' ')
			k--;
		if (k > 0)
			n = k;
	}
	while (n > 0 && a + n < t->n &&
	    ((unsigned char)t->s[a + n] & 0xc0) == 0x80)
		n--;
	while (n > 0 && t->s[a + n - 1] == ' ')
		n--;
	return xstrndup(t->s + a, n);
}

static void
set(struct lint_check *c, enum lint_result r, const char *rule,
    const char *fix)
{
	c->result = r;
	c->rule = rule;
	c->fix = r == LINT_PASS ? NULL : fix;
}

/* "s" unless n is 1: "1 day", "2 days". */
static const char *
plural(long n)
{
	return n == 1 ? "" : "s";
}

static void
found_at(struct lint_check *c, const struct stmt_text *t, size_t a, size_t b)
{
	free(c->found);
	c->found = snip(t, a, b);
	if (a < t->n)
		stmt_text_where(t, a, &c->page, &c->line);
}

static void
found_str(struct lint_check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
found_str(struct lint_check *c, const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(c->found);
	c->found = buf_take(&b);
}

/* Appends to found: "; text". */
static void
found_add(struct lint_check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
found_add(struct lint_check *c, const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	if (c->found != NULL && *c->found != '\0')
		buf_printf(&b, "%s; ", c->found);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(c->found);
	c->found = buf_take(&b);
}

/* A name as given on the command line, folded as the text is. */
static char *
fold_name(const char *s)
{
	size_t	 n;
	char	*norm = stmt_normalize(s, strlen(s), &n), *r = xmalloc(n + 1);
	size_t	 i, k = 0;
	int	 sp = 1;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)norm[i];

		if (isspace(c)) {
			if (!sp)
				r[k++] = ' ';
			sp = 1;
			continue;
		}
		r[k++] = (char)tolower(c);
		sp = 0;
	}
	while (k > 0 && r[k - 1] == ' ')
		k--;
	r[k] = '\0';
	free(norm);
	return r;
}

/* ---- ca_owner: Policy 5.2 item 1; ALV "CA Owner Not Found" ---- */

static void
check_owner(const struct stmt_text *t, const struct lint_opts *o,
    struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 1; "
	    "ALV \"CA Owner Not Found\"";
	static const char *const lead[] = { "to the management of ",
	    "to the board of directors of ", "management of ", NULL };
	size_t	 at, l = 0, e;

	if (o->owner != NULL) {
		char	*w = fold_name(o->owner);

		if (*w != '\0' && (at = find(t, 0, w)) != SIZE_MAX) {
			found_at(c, t, at, at + strlen(w));
			set(c, LINT_PASS, rule, NULL);
		} else {
			found_str(c, "\"%s\" not in the text", o->owner);
			set(c, LINT_FAIL, rule, "write the CA Owner's full "
			    "name exactly as CCADB records it");
		}
		free(w);
		return;
	}
	set(c, LINT_WARN, rule, "give --owner with CCADB's CA Owner name "
	    "to check it");
	if ((at = find_any(t, 0, lead, &l)) == SIZE_MAX) {
		found_str(c, "not checked (no --owner); no addressee found");
		return;
	}
	for (e = at + l; e < t->n && e < at + l + 80 && t->s[e] != ':' &&
	    t->s[e] != '(' && t->s[e] != ','; e++)
		;
	found_at(c, t, at + l, e);
	{
		char	*n = c->found;

		c->found = NULL;
		found_str(c, "not checked (no --owner); addressed to \"%s\"",
		    n);
		free(n);
	}
}

/* ---- auditor: Policy 5.2 item 2; ALV "Auditor Not Found" ---- */

/* A street address or postal code: its offset, or SIZE_MAX. */
static size_t
find_address(const struct stmt_text *t, size_t *end)
{
	static const char *const street[] = { "street", "st.", "avenue",
	    "ave", "ave.", "blvd", "blvd.", "boulevard", "road", "rd.",
	    "drive", "suite", "floor", "lane", "strasse", "str.", "calle",
	    "via", "rue", "place", "square", "parkway", "way", NULL };
	size_t	 i, k, j, nw;

	for (i = 0; i < t->n; i++) {
		/* "Musterstrasse 12": a street word, a house number */
		if (word_at(t, i) && isalpha((unsigned char)t->lc[i])) {
			static const char *const suf[] = { "strasse",
			    "str.", "weg", "gasse", "platz", "allee", NULL };

			for (k = i; k < t->n && (isalpha((unsigned char)
			    t->lc[k]) || t->lc[k] == '.'); k++)
				;
			for (j = 0; suf[j] != NULL; j++) {
				size_t	 l = strlen(suf[j]);

				if (k - i > l && strncmp(t->lc + k - l, suf[j],
				    l) == 0 && k + 1 < t->n && t->lc[k] == ' ' &&
				    isdigit((unsigned char)t->lc[k + 1])) {
					*end = k + 2;
					while (*end < t->n && isdigit(
					    (unsigned char)t->lc[*end]))
						(*end)++;
					return i;
				}
			}
			continue;
		}
		if (!word_at(t, i) || !isdigit((unsigned char)t->s[i]))
			continue;
		for (k = i; k < t->n && isdigit((unsigned char)t->s[k]); k++)
			;
		/* "FL 33607": two capitals, a space, five digits */
		if (k - i == 5 && i >= 3 && t->s[i - 1] == ' ' &&
		    isupper((unsigned char)t->s[i - 2]) &&
		    isupper((unsigned char)t->s[i - 3]) &&
		    (i == 3 || !isalnum((unsigned char)t->s[i - 4]))) {
			*end = k;
			return i - 3;
		}
		/*
		 * "4010 W Boy Scout Blvd": a house number, at most four
		 * words of letters (the street's name), a street word.
		 */
		if (k - i > 5 || k >= t->n || t->s[k] != ' ')
			continue;
		for (j = k + 1, nw = 0; j < t->n && nw <= 4; nw++) {
			size_t	 w, e;

			for (w = 0; street[w] != NULL; w++) {
				size_t l = strlen(street[w]);

				if (strncmp(t->lc + j, street[w], l) == 0 &&
				    !isalpha((unsigned char)t->lc[j + l])) {
					*end = j + l;
					return i;
				}
			}
			for (e = j; e < t->n && isalpha((unsigned char)
			    t->lc[e]); e++)
				;
			if (e == j || (e < t->n && t->lc[e] != ' '))
				break;
			j = e + 1;
		}
	}
	return SIZE_MAX;
}

static void
check_auditor(const struct statement *st, const struct stmt_text *t,
    const struct lint_opts *o, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 2; "
	    "ALV \"Auditor Not Found\"";
	size_t	 at = SIZE_MAX, ae = 0, end;
	char	*w;

	if (o->auditor != NULL) {
		w = fold_name(o->auditor);
		if (*w != '\0')
			at = find(t, 0, w);
		ae = at + strlen(w);
		free(w);
		if (at == SIZE_MAX) {
			found_str(c, "\"%s\" not in the text", o->auditor);
			set(c, LINT_FAIL, rule, "write the audit firm's name "
			    "exactly as CCADB's Audit Firm record has it");
			return;
		}
	} else if (st->auditor != NULL) {
		w = fold_name(st->auditor);
		at = find(t, 0, w);
		ae = at + strlen(w);
		free(w);
	}
	if (at == SIZE_MAX && st->auditor == NULL) {
		/* A firm the reader does not know: its address may say. */
		if ((at = find_address(t, &end)) != SIZE_MAX) {
			found_at(c, t, at, end);
			found_add(c, "an address, but no audit firm the reader "
			    "knows");
			set(c, LINT_WARN, rule, "give --auditor with CCADB's "
			    "Audit Firm name to check it");
			return;
		}
		found_str(c, "no audit firm named");
		set(c, LINT_FAIL, rule, "name the audit firm, with its "
		    "address, under the report");
		return;
	}
	if (at != SIZE_MAX)
		found_at(c, t, at, ae);
	if (o->auditor == NULL)
		found_str(c, "%s (not checked against CCADB: no --auditor)",
		    st->auditor);
	if ((at = find_address(t, &end)) == SIZE_MAX) {
		found_add(c, "no address found");
		set(c, LINT_WARN, rule, "give the audit firm's postal "
		    "address beside its name");
		return;
	}
	{
		char	*a = snip(t, at, end);
		unsigned page = 0;
		long	 line = 0;

		if (at < t->n)
			stmt_text_where(t, at, &page, &line);
		/* The name's own place follows the text, in parentheses. */
		if (page > 0)
			found_add(c, "address \"%s\" on page %u line %ld", a,
			    page, line);
		else
			found_add(c, "address \"%s\" on line %ld", a, line);
		free(a);
	}
	if (o->auditor == NULL)
		set(c, LINT_WARN, rule, "give --auditor with CCADB's Audit "
		    "Firm name to check it");
	else
		set(c, LINT_PASS, rule, NULL);
}

/* ---- fingerprints: Policy 5.2 item 5, 5.2.3; ALV "Thumbprint not
 * found" ---- */

/* Fingerprints named one by one in found, at most this many. */
#define FP_LISTED	8

static void
check_fingerprints(const struct statement *st, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2.3 (SHA-256: upper "
	    "case, no colons, spaces or line feeds, text-searchable); "
	    "ALV \"Thumbprint not found\"";
	size_t	 i, k, bad = 0, mixed = 0, listed = 0;
	struct buf b = { 0 };
	char	 form[128], hex[65];

	if (st->nfps == 0) {
		found_str(c, "no SHA-256 fingerprint in the text");
		set(c, LINT_FAIL, rule, "list every in-scope CA "
		    "certificate's SHA-256 fingerprint as text");
		return;
	}
	/* Those ALV cannot find first, then those also written badly. */
	for (i = 0; i < 2 * st->nfps; i++) {
		const struct stmt_fp *f = &st->fps[i % st->nfps];
		const struct stmt_loc *l;

		if ((i < st->nfps) == (f->alv_findable != 0))
			continue;
		for (k = 0; k < f->nlocs && f->locs[k].form == 0; k++)
			;
		if (k == f->nlocs)
			continue;
		l = &f->locs[k];
		if (f->alv_findable)
			mixed++;
		else
			bad++;
		if (listed == 0) {
			c->page = l->page;
			c->line = l->line ? l->line : l->row;
		}
		if (listed++ >= FP_LISTED)
			continue;
		stmt_form_text(l, form, sizeof(form));
		hex_encode(f->sha256, 32, hex);
		buf_printf(&b, "; %s %s", hex, form);
		if (l->page > 0)
			buf_printf(&b, " (page %u line %ld)", l->page,
			    l->line);
		else if (l->line > 0 || l->row > 0)
			buf_printf(&b, " (%s %ld)", l->line ? "line" : "row",
			    l->line ? l->line : l->row);
	}
	if (listed == 0) {
		found_str(c, "%zu fingerprint%s, all in ALV form", st->nfps,
		    st->nfps == 1 ? "" : "s");
		set(c, LINT_PASS, rule, NULL);
		return;
	}
	found_str(c, "%zu of %zu not findable by ALV, %zu also written "
	    "otherwise%s%s", bad, st->nfps, mixed, b.data,
	    listed > FP_LISTED ? "; ..." : "");
	buf_free(&b);
	if (bad > 0)
		set(c, LINT_FAIL, rule, "write each fingerprint as 64 "
		    "upper-case hex digits on one line, no colons or spaces");
	else
		set(c, LINT_WARN, rule, "write every occurrence in ALV "
		    "form, so that no reader copies the bad one");
}

/* ---- standards: Policy 5.2 item 6; ALV "standard names and standard
 * policies are not found" ---- */

/* A version ("v2.3", "Version 2.2.2", "V1.3.1") in [from, to): its
 * offset, or SIZE_MAX. */
static size_t
find_version(const struct stmt_text *t, size_t from, size_t to, size_t *end)
{
	size_t	 i, k;

	if (to > t->n)
		to = t->n;
	for (i = from; i < to; i++) {
		if (!word_at(t, i) || t->lc[i] != 'v')
			continue;
		k = i + 1;
		if (strncmp(t->lc + i, "version", 7) == 0)
			k = i + 7;
		else if (strncmp(t->lc + i, "ver.", 4) == 0)
			k = i + 4;
		while (k < t->n && t->lc[k] == ' ')
			k++;
		if (k + 2 < t->n && isdigit((unsigned char)t->lc[k])) {
			size_t	 e = k;

			while (e < t->n && (isdigit((unsigned char)t->lc[e]) ||
			    (t->lc[e] == '.' && e + 1 < t->n &&
			    isdigit((unsigned char)t->lc[e + 1]))))
				e++;
			if (memchr(t->lc + k, '.', e - k) != NULL) {
				*end = e;
				return i;
			}
		}
	}
	return SIZE_MAX;
}

/* What the text names per kind: named, and named with a version. */
struct named {
	size_t	 at[NKINDS], end[NKINDS];	/* with version */
	size_t	 bare[NKINDS], bare_end[NKINDS];	/* without */
};

static void
note_named(struct named *nm, unsigned kinds, size_t at, size_t end,
    int version)
{
	unsigned k;

	for (k = 0; k < NKINDS; k++) {
		if (!(kinds & KIND_BIT(k)))
			continue;
		if (version && nm->at[k] == SIZE_MAX) {
			nm->at[k] = at;
			nm->end[k] = end;
		} else if (!version && nm->bare[k] == SIZE_MAX) {
			nm->bare[k] = at;
			nm->bare_end[k] = end;
		}
	}
}

/* ETSI's policies, as ALV's examples write them. */
static const struct {
	const char	*w;
	unsigned	 kinds;
} etsi_pol[] = {
	{ "dvcp", KIND_BIT(KIND_TLS) }, { "ovcp", KIND_BIT(KIND_TLS) },
	{ "ivcp", KIND_BIT(KIND_TLS) },
	{ "evcp", KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV) },
	{ "qevcp-w", KIND_BIT(KIND_EV) },
	{ "qcp-w", KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV) },
	{ "qncp-w", KIND_BIT(KIND_TLS) },
	{ "lcp", KIND_BIT(KIND_SMIME) }, { "ncp", KIND_BIT(KIND_SMIME) },
	{ "ncp+", KIND_BIT(KIND_SMIME) },
	{ "qcp-n", 0 }, { "qcp-l", 0 }, { "qcp-n-qscd", 0 },
	{ "qcp-l-qscd", 0 },
};
#define NETSI_POL (sizeof(etsi_pol) / sizeof(etsi_pol[0]))

static int
is_etsi(const struct stmt_text *t)
{
	return find(t, 0, "en 319 411-1") != SIZE_MAX ||
	    find(t, 0, "en 319 411-2") != SIZE_MAX;
}

static void
find_named(const struct stmt_text *t, struct named *nm)
{
	static const char *const anchors[] = {
	    "criteria for certification authorities",
	    "webtrust for certification authorities", NULL };
	size_t	 m;
	size_t	 a, i, j, q, ql, ve;

	for (a = 0; a < NKINDS; a++)
		nm->at[a] = nm->bare[a] = SIZE_MAX;
	for (a = 0; anchors[a] != NULL; a++) {
		for (m = 0, i = find(t, 0, anchors[a]); i != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
		    i = find(t, i + 1, anchors[a])) {
			unsigned kinds = KIND_BIT(KIND_STANDARD);
			size_t	 e;

			j = i + strlen(anchors[a]);
			while (j < t->n && strchr(" -:(,", t->lc[j]) != NULL)
				j++;
			e = j;
			if ((q = stmt_criteria_qual(t->lc + j, &ql)) != 0) {
				kinds = (unsigned)q;
				e = j + ql;
			}
			/* "... Authorities Seal": not the criteria */
			if (kinds == KIND_BIT(KIND_STANDARD) &&
			    strncmp(t->lc + j, "seal", 4) == 0)
				continue;
			if (a == 0 && preceded_by(t, i,
			    "webtrust principles and ")) {
				/* shown from the criteria's first word */
				if (find_version(t, e, e + 16, &ve) != SIZE_MAX)
					note_named(nm, kinds, i - 24, ve, 1);
				else
					note_named(nm, kinds, i - 24, e, 0);
				continue;
			}
			if (find_version(t, e, e + 16, &ve) != SIZE_MAX)
				note_named(nm, kinds, i, ve, 1);
			else
				note_named(nm, kinds, i, e, 0);
		}
	}
	/* ETSI: the standard with its version, the policies apart. */
	{
		static const char *const std[] = { "en 319 411-1",
		    "en 319 411-2", "ts 119 411-6", NULL };

		for (a = 0; std[a] != NULL; a++) {
			unsigned kinds = a == 2 ? KIND_BIT(KIND_SMIME) :
			    KIND_BIT(KIND_STANDARD) | KIND_BIT(KIND_NETSEC);

			for (m = 0, i = find(t, 0, std[a]); i != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
			    i = find(t, i + 1, std[a])) {
				size_t	 e = i + strlen(std[a]);
				int	 v = find_version(t, e, e + 6, &ve) !=
				    SIZE_MAX;
				unsigned pk = 0;

				if (v && a < 2)
					for (q = 0; q < NETSI_POL; q++)
						if (find(t, 0, etsi_pol[q].w) !=
						    SIZE_MAX)
							pk |= etsi_pol[q].kinds;
				note_named(nm, kinds | pk, i, v ? ve : e, v);
			}
		}
	}
}

/* The fix for a criteria not named (in full): the first such kind's own. */
static const char *
criteria_fix(const struct stmt_text *t, unsigned kinds)
{
	static const char *const wt[NKINDS] = {
	    [KIND_STANDARD] = "name each criteria in full with its version, "
		"e.g. \"WebTrust Principles and Criteria for Certification "
		"Authorities - Version 2.2.2\"",
	    [KIND_NETSEC] = "name each criteria in full with its version, "
		"e.g. \"WebTrust Principles and Criteria for Certification "
		"Authorities - Network Security - Version <version>\"",
	    [KIND_TLS] = "name each criteria in full with its version, "
		"e.g. \"WebTrust Principles and Criteria for Certification "
		"Authorities - SSL Baseline with Network Security - Version "
		"2.8\"",
	    [KIND_EV] = "name each criteria in full with its version, "
		"e.g. \"WebTrust Principles and Criteria for Certification "
		"Authorities - Extended Validation SSL - Version <version>\"",
	    [KIND_SMIME] = "name each criteria in full with its version, "
		"e.g. \"WebTrust Principles and Criteria for Certification "
		"Authorities - S/MIME Baseline Requirements - Version "
		"<version>\"",
	    [KIND_CODESIGNING] = "name each criteria in full with its "
		"version, e.g. \"WebTrust Principles and Criteria for "
		"Certification Authorities - Code Signing Baseline "
		"Requirements - Version <version>\"",
	};
	unsigned k;

	if (is_etsi(t))
		return kinds & KIND_BIT(KIND_SMIME) ? "name each standard "
		    "with its version, e.g. \"ETSI TS 119 411-6 "
		    "V<version>\"" : "name each standard with its version, "
		    "e.g. \"ETSI EN 319 411-1 V<version>\"";
	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			return wt[k];
	return wt[KIND_TLS];
}

static void
check_standards(const struct stmt_text *t, unsigned kinds,
    struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 6; ALV \"the "
	    "standard names and standard policies are not found\"";
	struct named nm;
	unsigned k, missing = 0, nover = 0;
	struct buf b = { 0 };
	size_t	 first = SIZE_MAX, fe = 0;

	if (kinds == 0) {
		found_str(c, "the audit kind is not stated");
		set(c, LINT_FAIL, rule, "name the audit criteria in full; "
		    "or give -k");
		return;
	}
	find_named(t, &nm);
	for (k = 0; k < NKINDS; k++) {
		if (!(kinds & KIND_BIT(k)))
			continue;
		if (nm.at[k] != SIZE_MAX) {
			char	*s = snip(t, nm.at[k], nm.end[k]);

			if (strstr(b.data != NULL ? b.data : "", s) == NULL)
				buf_printf(&b, "%s\"%s\"", b.len ? "; " : "",
				    s);
			free(s);
			if (first == SIZE_MAX || nm.at[k] < first) {
				first = nm.at[k];
				fe = nm.end[k];
			}
		} else if (nm.bare[k] != SIZE_MAX) {
			nover |= KIND_BIT(k);
			if (first == SIZE_MAX || c->page == 0) {
				first = nm.bare[k];
				fe = nm.bare_end[k];
			}
		} else
			missing |= KIND_BIT(k);
	}
	if (first != SIZE_MAX)
		found_at(c, t, first, fe);
	free(c->found);
	c->found = NULL;
	if (b.len)
		found_str(c, "%s", b.data);
	buf_free(&b);
	if (nover != 0) {
		struct buf n = { 0 };

		kinds_titles(&n, nover, ", ");
		found_add(c, "%s named without a version number", n.data);
		buf_free(&n);
	}
	if (missing != 0) {
		struct buf n = { 0 };

		kinds_titles(&n, missing, ", ");
		found_add(c, "no criteria named for %s", n.data);
		buf_free(&n);
	}
	if (nover == 0 && missing == 0)
		set(c, LINT_PASS, rule, NULL);
	else
		set(c, LINT_FAIL, rule, criteria_fix(t, nover | missing));
}

/* ---- policy_documents: Policy 5.2 item 7 ---- */

/* A date anywhere in [from, to): its offset, or SIZE_MAX. */
static size_t
find_date(const struct stmt_text *t, size_t from, size_t to)
{
	size_t	 i;
	astime	 d;

	if (to > t->n)
		to = t->n;
	for (i = from; i < to; i++)
		if (word_at(t, i) && stmt_parse_date(t->s + i, t->n - i, &d))
			return i;
	return SIZE_MAX;
}

/* A document version: "v2.6", "version 3", or a bare "5.9" (one or two
 * digits, a dot, one or two digits, at most one more such part). */
static int
doc_version(const struct stmt_text *t, size_t from, size_t to)
{
	size_t	 i, k, parts, ve;

	if (find_version(t, from, to, &ve) != SIZE_MAX)
		return 1;
	if (to > t->n)
		to = t->n;
	for (i = from; i < to; i++) {
		if (!word_at(t, i) || !isdigit((unsigned char)t->lc[i]))
			continue;
		k = i;
		parts = 0;
		for (;;) {
			size_t	 d = k;

			while (k < t->n && isdigit((unsigned char)t->lc[k]))
				k++;
			if (k - d == 0 || k - d > 2) {
				parts = 0;	/* an OID, a year */
				break;
			}
			parts++;
			if (k + 1 < t->n && t->lc[k] == '.' &&
			    isdigit((unsigned char)t->lc[k + 1]))
				k++;
			else
				break;
		}
		if (parts >= 2 && parts <= 3 && (k >= t->n ||
		    !isalnum((unsigned char)t->lc[k])) && (k + 1 >= t->n ||
		    t->lc[k] != '.' || !isdigit((unsigned char)t->lc[k + 1])))
			return 1;
	}
	return 0;
}

static void
check_docs(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 7 (policy "
	    "documents with version numbers and publication dates)";
	static const char *const names[] = { "certification practice "
	    "statement", "certificate policy", "cp/cps", "cps",
	    "certification practice statements", NULL };
	size_t	 m;
	size_t	 i, l = 0, first = SIZE_MAX, vonly = SIZE_MAX;

	for (m = 0, i = find_any(t, 0, names, &l); i != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
	    i = find_any(t, i + 1, names, &l)) {
		size_t	 e = i + l;

		if (!doc_version(t, e, e + 60))
			continue;
		if (first == SIZE_MAX)
			first = i;
		if (find_date(t, e, e + 80) != SIZE_MAX) {
			size_t	 d = find_date(t, e, e + 80);
			astime	 dt;

			found_at(c, t, i, d + stmt_parse_date(t->s + d,
			    t->n - d, &dt));
			set(c, LINT_PASS, rule, NULL);
			return;
		}
		if (vonly == SIZE_MAX)
			vonly = i;
	}
	if (vonly != SIZE_MAX) {
		found_at(c, t, vonly, vonly + 60);
		found_add(c, "versions without publication dates");
		set(c, LINT_FAIL, rule, "give each CP/CPS version with its "
		    "publication (effective) date");
		return;
	}
	i = find_any(t, 0, names, &l);
	if (i != SIZE_MAX) {
		found_at(c, t, i, i + l + 40);
		found_add(c, "no version numbers");
	} else
		found_str(c, "no CP or CPS named");
	set(c, LINT_FAIL, rule, "list the CP/CPS versions in force during "
	    "the period, each with its publication date");
}

/* ---- dates: Policy 5.2.3, ALV's forms ---- */

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static size_t
month_full(const char *lc, size_t n, int *m)
{
	int	 i;

	for (i = 0; i < 12; i++) {
		size_t	 l = strlen(months[i]);

		if (l <= n && strncmp(lc, months[i], l) == 0 &&
		    (l == n || !isalpha((unsigned char)lc[l]))) {
			*m = i + 1;
			return l;
		}
	}
	return 0;
}

static size_t
digits(const char *s, size_t n, size_t max, int *v)
{
	size_t	 i = 0;

	*v = 0;
	while (i < n && isdigit((unsigned char)s[i])) {
		if (i == max)
			return 0;
		*v = *v * 10 + (s[i++] - '0');
	}
	return i;
}

/*
 * A date in one of ALV's forms at lc (lower case): "may 7, 2016",
 * "7 may 2016", "2016-05-07".  Returns its length, 0 if none.
 */
static size_t
alv_date(const char *lc, size_t n, astime *t)
{
	size_t	 i = 0, k;
	int	 y, m, d;
	astime	 chk;

	if (n >= 10 && (k = digits(lc, n, 4, &y)) == 4 && lc[4] == '-') {
		if (digits(lc + 5, n - 5, 2, &m) != 2 || lc[7] != '-' ||
		    digits(lc + 8, n - 8, 2, &d) != 2)
			return 0;
		i = 10;
	} else if ((k = digits(lc, n, 2, &d)) > 0) {
		if (k >= n || lc[k] != ' ')
			return 0;
		i = k + 1;
		if ((k = month_full(lc + i, n - i, &m)) == 0)
			return 0;
		i += k;
		if (i >= n || lc[i] != ' ' || digits(lc + i + 1, n - i - 1,
		    4, &y) != 4)
			return 0;
		i += 5;
	} else if ((k = month_full(lc, n, &m)) > 0) {
		i = k;
		if (i >= n || lc[i] != ' ')
			return 0;
		i++;
		if ((k = digits(lc + i, n - i, 2, &d)) == 0)
			return 0;
		i += k;
		if (i + 6 > n || lc[i] != ',' || lc[i + 1] != ' ' ||
		    digits(lc + i + 2, n - i - 2, 4, &y) != 4)
			return 0;
		i += 6;
	} else
		return 0;
	if (i < n && isalnum((unsigned char)lc[i]))
		return 0;
	/* the same date as the statement readers read it: a real day */
	if (stmt_parse_date(lc, i, &chk) != i)
		return 0;
	*t = chk;
	(void)y;
	(void)m;
	(void)d;
	return i;
}

/* "<date> <splitter> <date>", splitter to/through/until/and/-/~; the
 * comma that closes a US "Month D, YYYY" may stand before it. */
static size_t
alv_splitter(const char *lc, size_t n)
{
	static const char *const w[] = { "to", "through", "until", "and",
	    "-", "~", NULL };
	size_t	 i = 0, k;

	if (i < n && lc[i] == ',')
		i++;
	if (i >= n || lc[i] != ' ')
		return 0;
	i++;
	for (k = 0; w[k] != NULL; k++) {
		size_t	 l = strlen(w[k]);

		if (i + l < n && strncmp(lc + i, w[k], l) == 0 &&
		    lc[i + l] == ' ')
			return i + l + 1;
	}
	return 0;
}

static char *
date_text(astime t)
{
	char	 d[11];

	time_format_date(t, d);
	return xstrdup(d);
}

/* Where the statement states its period, in ALV form or any form. */
static size_t
find_period(const struct stmt_text *t, const struct period *p, int strict,
    size_t *end)
{
	size_t	 i, k, s, e;
	astime	 a, b;

	for (i = 0; i < t->n; i++) {
		if (!word_at(t, i))
			continue;
		if (strict) {
			if ((k = alv_date(t->lc + i, t->n - i, &a)) == 0 ||
			    a != p->start)
				continue;
			if ((s = alv_splitter(t->lc + i + k, t->n - i - k)) ==
			    0)
				continue;
			if ((e = alv_date(t->lc + i + k + s, t->n - i - k - s,
			    &b)) == 0 || b != p->end)
				continue;
			*end = i + k + s + e;
			return i;
		}
		if ((k = stmt_parse_date(t->s + i, t->n - i, &a)) == 0 ||
		    a != p->start)
			continue;
		for (s = i + k; s < t->n && s < i + k + 24; s++)
			if (word_at(t, s) && (e = stmt_parse_date(t->s + s,
			    t->n - s, &b)) > 0 && b == p->end) {
				/* "the 7th of ...": from the article on */
				if (preceded_by(t, i, "the "))
					i -= 4;
				*end = s + e;
				return i;
			}
	}
	return SIZE_MAX;
}

static void
check_period_type(const struct statement *st, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 items 8-10; ALV "
	    "\"Audit Period Not Found\" (under one month or point in time: "
	    "manual review)";

	if (st->pit_set) {
		char	*a = date_text(st->point_in_time);

		found_str(c, "point in time, %s (ALV: manual review)", a);
		free(a);
		set(c, LINT_WARN, rule, "a point-in-time statement goes to "
		    "ALV's manual review; expect it");
	} else if (st->period_set) {
		char	*a = date_text(st->period.start);
		char	*b = date_text(st->period.end);
		long	 days = (long)((st->period.end - st->period.start) /
		    DAY) + 1;

		found_str(c, "period of time, %s..%s (%ld day%s)", a, b, days,
		    plural(days));
		free(a);
		free(b);
		if (time_add_months(st->period.start, 1) > period_after(
		    &st->period))
			set(c, LINT_WARN, rule, "a period under one month "
			    "goes to ALV's manual review; say so to the Root "
			    "Store Operators");
		else
			set(c, LINT_PASS, rule, NULL);
	} else {
		found_str(c, "neither an audit period nor a point-in-time "
		    "date found");
		set(c, LINT_FAIL, rule, "state \"throughout the period "
		    "<date> to <date>\" or \"as of <date>\"");
	}
}

/*
 * ALV splits the period at to|through|until|and|-|~ with an ASCII
 * hyphen; the reader folds Unicode dashes to ASCII before the lint
 * sees the text.  For a statement read from its bytes (text, HTML,
 * CSV), look for the period's '-' splitter as a Unicode dash there:
 * the word before it, white space, the dash, white space, the word
 * after.  Not found (PDF, or another folding on the way): no finding.
 */
static int
period_unicode_dash(const struct statement *st, const struct stmt_text *t,
    size_t at, size_t end)
{
	const unsigned char *raw = st->raw;
	size_t		 n = st->rawlen, k, i, j, a, b, pl, ql, dl;
	int		 hit = 0;

	if (raw == NULL || st->format == NULL ||
	    (strcmp(st->format, "text") != 0 &&
	    strcmp(st->format, "html") != 0 &&
	    strcmp(st->format, "csv") != 0))
		return 0;
	for (k = at; k < end && k < t->n && !hit; k++) {
		if (t->s[k] != '-' && t->s[k] != '~')
			continue;
		/* the words either side, one space allowed */
		for (a = k; a > at && t->s[a - 1] == ' '; a--)
			;
		for (pl = 0; a > at && isalnum((unsigned char)t->s[a - 1]);
		    a--)
			pl++;
		for (b = k + 1; b < end && t->s[b] == ' '; b++)
			;
		for (ql = 0; b + ql < end &&
		    isalnum((unsigned char)t->s[b + ql]); ql++)
			;
		if (pl == 0 || ql == 0)
			continue;
		for (i = 0; i + pl <= n && !hit; i++) {
			if (memcmp(raw + i, t->s + a, pl) != 0 ||
			    (i > 0 && isalnum(raw[i - 1])))
				continue;
			for (j = i + pl; j < n && isspace(raw[j]); j++)
				;
			if ((dl = stmt_raw_dash(raw, n, j)) == 0)
				continue;
			for (j += dl; j < n && isspace(raw[j]); j++)
				;
			hit = j + ql <= n && memcmp(raw + j, t->s + b, ql) ==
			    0 && (j + ql == n || !isalnum(raw[j + ql]));
		}
	}
	return hit;
}

static void
check_period(const struct statement *st, const struct stmt_text *t,
    const struct lint_opts *o, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2.3 (dates \"May 7, "
	    "2016\", \"7 May 2016\", \"2016-05-07\"; splitter to, through, "
	    "until, and, -, ~); ALV \"Audit Period Not Found\"";
	size_t	 at, end;

	if (st->pit_set || !st->period_set) {
		if (st->pit_set) {
			astime	 d;

			found_str(c, "point in time: \"%s\"",
			    st->pit_source != NULL ? st->pit_source : "");
			for (at = 0; at < t->n; at++)
				if (word_at(t, at) && alv_date(t->lc + at,
				    t->n - at, &d) && d == st->point_in_time)
					break;
			if (at < t->n) {
				stmt_text_where(t, at, &c->page, &c->line);
				set(c, LINT_PASS, rule, NULL);
			} else
				set(c, LINT_FAIL, rule, "write the date as "
				    "\"May 7, 2016\", \"7 May 2016\" or "
				    "\"2016-05-07\"");
			return;
		}
		found_str(c, "no audit period found");
		set(c, LINT_FAIL, rule, "state the period as \"<date> to "
		    "<date>\", e.g. \"April 1, 2024 to March 31, 2025\"");
		return;
	}
	if ((at = find_period(t, &st->period, 1, &end)) != SIZE_MAX) {
		found_at(c, t, at, end);
		if (period_unicode_dash(st, t, at, end)) {
			found_add(c, "a Unicode dash between the dates");
			set(c, LINT_FAIL, rule, "ALV splits the period only "
			    "at to, through, until, and, an ASCII hyphen or "
			    "~: write \"to\" or an ASCII hyphen between the "
			    "dates");
		} else
			set(c, LINT_PASS, rule, NULL);
	} else {
		if ((at = find_period(t, &st->period, 0, &end)) != SIZE_MAX)
			found_at(c, t, at, end);
		else
			found_str(c, "%s", st->period_source != NULL ?
			    st->period_source : "");
		found_add(c, "not in a form ALV reads");
		set(c, LINT_FAIL, rule, "write \"<date> to <date>\" with "
		    "dates like \"May 7, 2016\" (no \"the\", \"7th\", "
		    "\"from ... till\")");
	}
	if (o->period_set && (o->period.start != st->period.start ||
	    o->period.end != st->period.end)) {
		char	*a = date_text(o->period.start);
		char	*b = date_text(o->period.end);

		found_add(c, "-p gives %s..%s", a, b);
		free(a);
		free(b);
		set(c, LINT_FAIL, rule, "the statement's period is not the "
		    "one expected (-p): correct one of them");
	}
}

static astime
period_end(const struct statement *st)
{
	return st->period_set ? st->period.end : st->point_in_time;
}

/*
 * The report's date: the reader's (the first line that is only a date),
 * else one after a label, as ETSI letters give it ("Date of issuance:
 * 2025-06-20").  at/end locate it in the text when found there.
 */
struct rdate {
	int	 set;
	astime	 t;
	size_t	 at, end;	/* SIZE_MAX: not located */
};

static void
report_date(const struct statement *st, const struct stmt_text *t,
    struct rdate *r)
{
	static const char *const labels[] = { "date of issuance",
	    "issuing date", "issuance date", "date of issue", "report date",
	    "date of the report", "date of report", NULL };
	size_t	 at, l = 0, k, n, m;
	char	*w;

	r->set = 0;
	r->at = r->end = SIZE_MAX;
	if (st->date_set && st->date_source != NULL) {
		r->set = 1;
		r->t = st->statement_date;
		w = fold_name(st->date_source);
		if ((at = find(t, 0, w)) != SIZE_MAX) {
			r->at = at;
			r->end = at + strlen(w);
		}
		free(w);
		return;
	}
	for (m = 0, at = find_any(t, 0, labels, &l); at != SIZE_MAX &&
	    m++ < MAX_MENTIONS; at = find_any(t, at + 1, labels, &l)) {
		k = at + l;
		while (k < t->n && (t->s[k] == ':' || t->s[k] == ' ' ||
		    t->s[k] == '-'))
			k++;
		if ((n = stmt_parse_date(t->s + k, t->n - k, &r->t)) > 0) {
			r->set = 1;
			r->at = k;
			r->end = k + n;
			return;
		}
	}
}

static void
check_statement_date(const struct statement *st, const struct stmt_text *t,
    const struct rdate *r, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 11, 5.2.3 (date "
	    "forms); ALV \"Statement Date Not Found\"";
	astime	 d;

	if (!r->set) {
		found_str(c, "no report date: no line that is only a date, "
		    "no \"Date of issuance:\" or the like");
		set(c, LINT_FAIL, rule, "date the report on a line of its "
		    "own, e.g. \"June 30, 2025\"");
		return;
	}
	if (r->at != SIZE_MAX)
		found_at(c, t, r->at, r->end);
	else
		found_str(c, "%s", st->date_source);
	if (r->at == SIZE_MAX || alv_date(t->lc + r->at, r->end - r->at,
	    &d) != r->end - r->at) {
		found_add(c, "not in a form ALV reads");
		set(c, LINT_FAIL, rule, "write the date as \"May 7, 2016\", "
		    "\"7 May 2016\" or \"2016-05-07\"");
		return;
	}
	if ((st->period_set || st->pit_set) && r->t <= period_end(st)) {
		found_add(c, "not after the end of the audited period");
		set(c, LINT_FAIL, rule, "the report is dated after the "
		    "period it covers: check both dates");
		return;
	}
	set(c, LINT_PASS, rule, NULL);
}

static void
check_deadline(const struct statement *st, const struct lint_opts *o,
    const struct rdate *r, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 (uploaded within 92 "
	    "calendar days of the period end; later needs an explanatory "
	    "letter signed by the auditor); Mozilla Root Store Policy "
	    "3.1.3 (within three months)";
	astime	 end, due;
	long	 days, left;
	char	*e, *dd;

	if (!(st->period_set || st->pit_set) || !r->set) {
		found_str(c, "not checked: %s", !r->set ?
		    "no report date" : "no period end");
		set(c, LINT_WARN, rule, "see period and statement_date");
		return;
	}
	end = period_end(st);
	due = end + UPLOAD_DAYS * DAY;
	days = (long)((r->t - end) / DAY);
	e = date_text(end);
	dd = date_text(due);
	found_str(c, "dated %ld day%s %s the period end %s; upload due "
	    "by %s", labs(days), plural(labs(days)), days < 0 ? "before" :
	    "after", e, dd);
	if (o->at_set) {
		left = (long)((due - o->now) / DAY);
		if (left >= 0)
			found_add(c, "%ld day%s left at --at", left,
			    plural(left));
		else
			found_add(c, "due %ld day%s before --at (not "
			    "uploaded by then, it needs the auditor's letter)",
			    -left, plural(-left));
	}
	free(e);
	free(dd);
	/*
	 * The statement's date decides, as CCADB's does with the upload
	 * date it sees; --at only says how the days stand then.
	 */
	if (days > UPLOAD_DAYS)
		set(c, LINT_WARN, rule, "have the auditor sign a letter "
		    "explaining the delay, to upload with the statement");
	else
		set(c, LINT_PASS, rule, NULL);
}

static void
check_continuity(const struct statement *st, const struct lint_opts *o,
    struct lint_check *c)
{
	static const char rule[] = "Mozilla Root Store Policy 3.1.3 "
	    "(successive period-of-time audits contiguous); CCADB Policy "
	    "5.2 (CCADB warns when periods are not consecutive)";
	const struct statement *p = o->previous;
	astime	 next;
	char	*a, *b;

	if (p == NULL) {
		found_str(c, "not checked (no --previous)");
		set(c, LINT_WARN, rule, "give --previous with last year's "
		    "statement of the same kind");
		return;
	}
	if (!p->period_set || !st->period_set) {
		found_str(c, "not checked: %s states no audit period",
		    !p->period_set ? "the previous statement" : "this one");
		set(c, LINT_WARN, rule, "see period");
		return;
	}
	next = period_after(&p->period);
	a = date_text(p->period.start);
	b = date_text(p->period.end);
	found_str(c, "previous %s..%s", a, b);
	free(a);
	free(b);
	/* Another kind first: its dates say nothing about this one's. */
	if (p->kinds != 0 && st->kinds != 0 && (p->kinds & st->kinds) == 0) {
		found_add(c, "but of another audit kind");
		set(c, LINT_WARN, rule, "compare with the previous statement "
		    "of the same kind");
		return;
	}
	if (p->period.start >= st->period.start) {
		found_add(c, "the previous statement's period is not before "
		    "this one");
		set(c, LINT_FAIL, rule, "give --previous the statement of the "
		    "period before this one");
		return;
	}
	if (st->period.start > next) {
		a = date_text(next);
		b = date_text(st->period.start - DAY);
		found_add(c, "gap %s..%s not audited", a, b);
		free(a);
		free(b);
		set(c, LINT_FAIL, rule, "the gap needs its own audit, or an "
		    "explanation to the Root Store Operators");
		return;
	}
	if (st->period.start < next) {
		long	 d = (long)((next - st->period.start) / DAY);

		found_add(c, "overlaps it by %ld day%s", d, plural(d));
	}
	set(c, LINT_PASS, rule, NULL);
}

/* ---- policy_oids: Policy 5.2 item 14 ---- */

static const char *const oids_tls[] = { "2.23.140.1.2.1",
    "2.23.140.1.2.2", "2.23.140.1.2.3", "2.23.140.1.1", NULL };
static const char *const oids_cs[] = { "2.23.140.1.4.1",
    "2.23.140.1.4.2", "2.23.140.1.3", NULL };
static const char *const oids_smime[] = { "2.23.140.1.5.1.1",
    "2.23.140.1.5.1.2", "2.23.140.1.5.1.3", "2.23.140.1.5.2.1",
    "2.23.140.1.5.2.2", "2.23.140.1.5.2.3", "2.23.140.1.5.3.1",
    "2.23.140.1.5.3.2", "2.23.140.1.5.3.3", "2.23.140.1.5.4.1",
    "2.23.140.1.5.4.2", "2.23.140.1.5.4.3", NULL };

static int
in_list(const char *const *l, const char *s)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

/* s is an arc above an identifier of l ("2.23.140.1.2"). */
static int
arc_of(const char *const *l, const char *s)
{
	size_t	 n = strlen(s);

	for (; *l != NULL; l++)
		if (strncmp(*l, s, n) == 0 && (*l)[n] == '.')
			return 1;
	return 0;
}

static void
check_oids(const struct stmt_text *t, unsigned kinds, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 14 (an explicit "
	    "statement that the audit covers issuance of certificates "
	    "asserting the CA/Browser Forum policy identifiers)";
	const char *const *lists[3];
	size_t	 m;
	size_t	 nl = 0, i, k, arc = SIZE_MAX, arce = 0;
	char	 oid[64];

	if (kinds & (KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV)))
		lists[nl++] = oids_tls;
	if (kinds & KIND_BIT(KIND_CODESIGNING))
		lists[nl++] = oids_cs;
	if (kinds & KIND_BIT(KIND_SMIME))
		lists[nl++] = oids_smime;
	if (nl == 0) {
		/* Standard or NetSec: the hierarchy's own, any of them. */
		lists[nl++] = oids_tls;
		lists[nl++] = oids_cs;
		lists[nl++] = oids_smime;
	}
	for (m = 0, i = find(t, 0, "2.23.140.1"); i != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
	    i = find(t, i + 1, "2.23.140.1")) {
		size_t	 e = i;

		while (e < t->n && e - i < sizeof(oid) - 1 &&
		    (isdigit((unsigned char)t->lc[e]) || (t->lc[e] == '.' &&
		    e + 1 < t->n && isdigit((unsigned char)t->lc[e + 1]))))
			e++;
		memcpy(oid, t->lc + i, e - i);
		oid[e - i] = '\0';
		for (k = 0; k < nl; k++) {
			if (in_list(lists[k], oid)) {
				size_t	 from = i > 100 ? i - 100 : 0;

				found_at(c, t, from, e);
				free(c->found);
				c->found = NULL;
				{
					size_t	 a = from;

					/* from the sentence's start */
					while (a < i && !(t->s[a] == '.' &&
					    t->s[a + 1] == ' '))
						a++;
					if (a < i)
						a += 2;
					else
						a = from;
					while (a < i && !word_at(t, a))
						a++;
					found_at(c, t, a, e);
				}
				if (strstr(c->found, "dentifier") == NULL &&
				    strstr(c->found, "assert") == NULL &&
				    strstr(c->found, "OID") == NULL) {
					found_add(c, "no explicit statement "
					    "around it");
					set(c, LINT_WARN, rule, "say the audit "
					    "covers the issuance of all "
					    "certificates that assert it");
				} else
					set(c, LINT_PASS, rule, NULL);
				return;
			}
			if (arc == SIZE_MAX && arc_of(lists[k], oid)) {
				arc = i;
				arce = e;
			}
		}
	}
	if (arc != SIZE_MAX) {
		found_at(c, t, arc, arce);
		found_add(c, "an arc, not one of the identifiers");
		set(c, LINT_WARN, rule, "name the identifiers themselves, "
		    "e.g. 2.23.140.1.2.1, 2.23.140.1.2.2");
		return;
	}
	found_str(c, "no CA/Browser Forum policy identifier for %s",
	    lists[0] == oids_tls ? (nl > 1 ? "any purpose" : "TLS") :
	    lists[0] == oids_cs ? "code signing" : "S/MIME");
	set(c, LINT_FAIL, rule, lists[0] == oids_tls ? "add \"... the "
	    "issuance of all certificates that assert policy identifier "
	    "2.23.140.1.2.1 ...\" (the kind's identifiers)" :
	    lists[0] == oids_cs ? "add \"... the issuance of all certificates "
	    "that assert policy identifier 2.23.140.1.4.1 ...\" (the kind's "
	    "identifiers)" : "add \"... the issuance of all certificates that "
	    "assert policy identifier 2.23.140.1.5.2.2 ...\" (the kind's "
	    "identifiers)");
}

/* ---- incidents: Policy 5.2 item 13 ---- */

/* One of ws as a line of its own (a heading, a colon allowed); SIZE_MAX. */
static size_t
find_heading(const struct stmt_text *t, const char *const *ws, size_t *len)
{
	size_t	 i, at, e;

	for (i = 0; ws[i] != NULL; i++)
		for (at = find(t, 0, ws[i]); at != SIZE_MAX;
		    at = find(t, at + 1, ws[i])) {
			e = at + strlen(ws[i]);
			if (e < t->n && t->s[e] == ':')
				e++;
			if ((at == 0 || !same_line(t, at - 1, at)) &&
			    (e >= t->n || e + 1 >= t->n ||
			    !same_line(t, e + 1, at))) {
				*len = e - at;
				return at;
			}
		}
	return SIZE_MAX;
}

static void
check_incidents(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 13 (all "
	    "incidents and findings during the period)";
	static const char *const none[] = { "no incidents",
	    "no reported incidents", "no findings", "no non-conformities",
	    "no nonconformities", "no matters", "no incident", NULL };
	/*
	 * Not the bare word "incident": "security incident response" and
	 * "incident management" are control boilerplate.  An incidents or
	 * findings context: a bug reference, a findings term, a sentence
	 * about the incidents of the period, or a heading (below).
	 */
	static const char *const some[] = { "bugzilla", "mozilla bug",
	    "bug id", "bug #", "non-conformity", "non-conformities",
	    "nonconformity", "nonconformities", "emphasis of matter",
	    "other matters", "other matter", "incidents during",
	    "incident during", "incidents in the period",
	    "incidents disclosed", "disclosed incidents", "disclosed the "
	    "following", "reported incidents", "incidents reported",
	    "incidents were", "incident was", "incident reports",
	    "incident report", "following incidents", "following incident",
	    "findings during", "following findings", "matters noted",
	    "findings were", "incidents:", "findings:", NULL };
	static const char *const head[] = { "incidents", "incident",
	    "findings", "reported incidents", "disclosed incidents",
	    "incidents and findings", NULL };
	size_t	 at, l = 0;

	if ((at = find_any(t, 0, none, &l)) != SIZE_MAX ||
	    (at = find_any(t, 0, some, &l)) != SIZE_MAX ||
	    (at = find_heading(t, head, &l)) != SIZE_MAX) {
		found_at(c, t, at, at + l + 80);
		set(c, LINT_PASS, rule, NULL);
		return;
	}
	found_str(c, "no incidents or findings listed, and no statement "
	    "that there were none");
	set(c, LINT_FAIL, rule, "list each incident (with its Bugzilla "
	    "bug) or state that there were none");
}

/* ---- opinion ---- */

/* The text of [at, at + len) as a NUL-terminated copy, lower case. */
static int
window_has(const struct stmt_text *t, size_t at, size_t len, const char *w,
    size_t *where)
{
	size_t	 e = at + len < t->n ? at + len : t->n;
	char	*c = xstrndup(t->lc + at, e - at), *p = strstr(c, w);

	if (p != NULL && where != NULL)
		*where = at + (size_t)(p - c);
	free(c);
	return p != NULL;
}

/* The last negation ("not", "isn't", ...) as a word in [a, b); SIZE_MAX. */
static size_t
negation(const struct stmt_text *t, size_t a, size_t b)
{
	static const char *const neg[] = { "not", "cannot", "isn't",
	    "doesn't", "don't", "didn't", NULL };
	size_t	 at, last = SIZE_MAX;

	for (at = find_any(t, a, neg, NULL); at < b;
	    at = find_any(t, at + 1, neg, NULL))
		last = at;
	return last;
}

static void
check_opinion(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2.2 (qualified WebTrust "
	    "statements) and 5.2 item 13; Mozilla Root Store Policy 2.4 "
	    "(incidents)";
	static const char qfix[] = "file an incident report for each "
	    "qualification before or with the statement";
	static const char *const adverse[] = { "adverse opinion",
	    "disclaimer of opinion", "do not express an opinion",
	    "not in conformity", "not fairly stated", "not fairly presented",
	    "not presented fairly", "does not conform", "do not conform",
	    "did not conform", NULL };
	static const char *const qual[] = { "qualified opinion",
	    "basis for qualified", "qualified conclusion", NULL };
	static const char *const ok[] = { "fairly stated",
	    "in all material respects", "in conformity", "conforms", NULL };
	static const char *const opin[] = { "in our opinion",
	    "the audit was completed successfully", NULL };
	size_t	 m;
	size_t	 at, l = 0, o, x = 0, e, n;

	if ((at = find_any(t, 0, adverse, &l)) != SIZE_MAX) {
		found_at(c, t, at, at + l + 80);
		set(c, LINT_FAIL, rule, "an adverse opinion or disclaimer "
		    "gives no assurance: report it as an incident");
		return;
	}
	if ((at = find_any(t, 0, qual, &l)) != SIZE_MAX) {
		found_at(c, t, at, at + l + 80);
		found_add(c, "qualified");
		set(c, LINT_WARN, rule, qfix);
		return;
	}
	/* The opinion paragraph: "In our opinion, ... fairly stated". */
	for (m = 0, o = find_any(t, 0, opin, &l); o != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
	    o = find_any(t, o + 1, opin, &l)) {
		size_t	 k;

		if (window_has(t, o, 300, "except for", &x) ||
		    window_has(t, o, 300, "except that", &x)) {
			found_at(c, t, o, x + 80);
			found_add(c, "qualified (\"except for\")");
			set(c, LINT_WARN, rule, qfix);
			return;
		}
		for (k = 0; ok[k] != NULL; k++)
			if (window_has(t, o, 300, ok[k], &x))
				break;
		if (ok[k] == NULL && opin[1] != NULL &&
		    strncmp(t->lc + o, opin[1], strlen(opin[1])) != 0)
			continue;
		for (e = o; e < t->n && e < o + 300 && !(t->s[e] == '.' &&
		    (e + 1 >= t->n || t->s[e + 1] == ' ')); e++)
			;
		found_at(c, t, o, e + 1);
		/*
		 * "is not, in all material respects, in conformity": the
		 * ok-words match inside the negation.  A "not" just before
		 * the ok-word (40 characters) is an adverse opinion; one
		 * further back in the opinion sentence may belong to a
		 * clause ("which does not issue EV"): warn.
		 */
		if (ok[k] != NULL && x < e &&
		    (n = negation(t, o, x)) != SIZE_MAX) {
			found_add(c, "negated (\"%.*s...\")", (int)(x - n
			    < 40 ? x - n : 40), t->s + n);
			if (x - n <= 40)
				set(c, LINT_FAIL, rule, "an adverse opinion "
				    "gives no assurance: report it as an "
				    "incident");
			else
				set(c, LINT_WARN, rule, "the opinion sentence "
				    "has a \"not\": make sure the opinion is "
				    "unmodified");
			return;
		}
		set(c, LINT_PASS, rule, NULL);
		return;
	}
	found_str(c, "no opinion (\"In our opinion, ... fairly stated\") "
	    "or conformity conclusion found");
	set(c, LINT_FAIL, rule, "the report must state the auditor's "
	    "opinion (or conformity conclusion)");
}

/* ---- etsi_scope: Policy 5.2 item 12 ---- */

static void
check_etsi(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 12 (ETSI: full "
	    "audit or not, policies and parts applied, CA/Browser Forum "
	    "criteria and version)";
	static const char *const full[] = { "full audit",
	    "surveillance audit", "full re-assessment", "full assessment",
	    "full reassessment", NULL };
	static const char *const cabf[] = { "baseline requirements",
	    "ev guidelines", "extended validation certificates",
	    "network and certificate system security requirements", NULL };
	size_t	 m;
	size_t	 at, l = 0, q, pol = SIZE_MAX, vb = SIZE_MAX, ve;
	int	 missing = 0;

	if (!is_etsi(t)) {
		found_str(c, "not an ETSI letter (no EN 319 411): does not "
		    "apply");
		set(c, LINT_PASS, rule, NULL);
		return;
	}
	for (q = 0; q < NETSI_POL; q++)
		if ((at = find(t, 0, etsi_pol[q].w)) < pol)
			pol = at;
	for (m = 0, at = find_any(t, 0, cabf, &l); at != SIZE_MAX &&
	    m++ < MAX_MENTIONS;
	    at = find_any(t, at + 1, cabf, &l))
		if (find_version(t, at + l, at + l + 60, &ve) != SIZE_MAX) {
			vb = at;
			break;
		}
	at = find_any(t, 0, full, &l);
	if (at != SIZE_MAX)
		found_at(c, t, at, at + l + 40);
	else {
		found_str(c, "no statement that the audit was a full audit");
		missing = 1;
	}
	if (pol == SIZE_MAX) {
		found_add(c, "no ETSI policy named (DVCP, OVCP, EVCP, "
		    "QCP-w ...)");
		missing = 1;
	}
	if (vb == SIZE_MAX) {
		found_add(c, "no CA/Browser Forum criteria with a version");
		missing = 1;
	}
	if (missing)
		set(c, LINT_FAIL, rule, "state \"full audit\", the policies "
		    "applied and the CA/Browser Forum requirements' "
		    "version, as the ACAB'c AAL template does");
	else
		set(c, LINT_PASS, rule, NULL);
}

/* ---- team_qualifications: Policy 5.3.1 ---- */

static void
check_team(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.3.1 (audit team "
	    "qualifications: in the statement or a separate text-searchable "
	    "PDF that accompanies it); Mozilla Root Store Policy 3.2";
	static const char *const w[] = { "audit team", "lead auditor",
	    "team qualifications", "qualifications of the audit",
	    "audit team members", "signing partner", NULL };
	size_t	 at, l = 0;

	if ((at = find_any(t, 0, w, &l)) != SIZE_MAX) {
		found_at(c, t, at, at + l + 80);
		set(c, LINT_PASS, rule, NULL);
		return;
	}
	found_str(c, "no audit team qualification information in the "
	    "letter");
	set(c, LINT_WARN, rule, "make sure the team's qualifications "
	    "accompany the statement as a separate PDF, or add them");
}

/* ---- locations: Policy 5.2 item 4 ---- */

/*
 * A mention that names no site of the CA's: WebTrust's paragraph on
 * controls "at individual subscriber and relying party locations", a
 * "web site", a subservice organisation's "data center services".
 */
static int
not_a_site(const struct stmt_text *t, size_t at, size_t len)
{
	return preceded_by(t, at, "relying party ") ||
	    preceded_by(t, at, "subscriber ") || preceded_by(t, at, "web ") ||
	    preceded_by(t, at, "web-") || preceded_by(t, at, "/") ||
	    strncmp(t->lc + at + len, " services", 9) == 0;
}

static void
check_locations(const struct stmt_text *t, struct lint_check *c)
{
	static const char rule[] = "CCADB Policy 5.2 item 4 (the physical "
	    "locations that were and were not audited)";
	static const char *const w[] = { "location", "locations", "site",
	    "sites", "premises", "facility", "facilities", "data center",
	    "data centers", "data centre", "data centres",
	    "ca operations in", "ca operations at", "ca services in",
	    "ca services at" };
	enum { NW = sizeof(w) / sizeof(w[0]) };
	size_t	 next[NW], i, best, at;

	/*
	 * Each word's next mention, so that the text is read once a word
	 * however many mentions are passed over.
	 */
	for (i = 0; i < NW; i++)
		next[i] = find(t, 0, w[i]);
	for (;;) {
		for (best = NW, i = 0; i < NW; i++)
			if (next[i] != SIZE_MAX && (best == NW ||
			    next[i] < next[best]))
				best = i;
		if (best == NW)
			break;
		at = next[best];
		if (!not_a_site(t, at, strlen(w[best]))) {
			found_at(c, t, at > 60 ? at - 60 : 0,
			    at + strlen(w[best]) + 20);
			set(c, LINT_PASS, rule, NULL);
			return;
		}
		next[best] = find(t, at + 1, w[best]);
	}
	found_str(c, "no audited location named in the letter");
	set(c, LINT_WARN, rule, "name the sites that were audited, and any "
	    "that were not (\"for its CA operations at its Salt Lake City, "
	    "Utah, and Centennial, Colorado, locations\")");
}

void
lint_opts_ccadb(struct lint_opts *o, const struct ccadb_db *db,
    const struct statement *st)
{
	size_t	 i;

	for (i = 0; i < st->nfps; i++) {
		const struct ccadb_record *r = ccadb_find(db,
		    st->fps[i].sha256);
		const char *own;

		if (r == NULL)
			continue;
		own = r->sub_ca_owner != NULL && *r->sub_ca_owner != '\0' ?
		    r->sub_ca_owner : r->ca_owner;
		if (o->owner == NULL && own != NULL && *own != '\0')
			o->owner = own;
		if (o->auditor == NULL && r->audit_firm != NULL &&
		    *r->audit_firm != '\0')
			o->auditor = r->audit_firm;
	}
}

/*
 * A key-generation ceremony report covers one ceremony, not a period of
 * CA operations: it names no policy identifiers, incidents of a period,
 * previous period or upload deadline.  Those checks pass as not
 * applying; period_type says what the report is.
 */
static void
keygen_skip(struct lint *l)
{
	static const char rule[] = "key-generation ceremony report (a "
	    "report on one ceremony, not a period-of-time audit)";
	static const enum lint_id skip[] = { LINT_POLICY_OIDS,
	    LINT_INCIDENTS, LINT_CONTINUITY, LINT_DEADLINE };
	size_t	 i;

	found_add(&l->checks[LINT_PERIOD_TYPE], "key-generation report");
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
		struct lint_check *c = &l->checks[skip[i]];

		found_str(c, "does not apply to a key-generation report");
		c->page = 0;
		c->line = 0;
		set(c, LINT_PASS, rule, NULL);
	}
}

void
lint_statement(const struct statement *st, const struct lint_opts *o,
    struct lint *l)
{
	const struct stmt_text *t = st->text;
	struct rdate	 rd;
	unsigned	 kinds = o->kinds ? o->kinds : st->kinds;

	memset(l, 0, sizeof(*l));
	l->path = xstrdup(st->path);
	l->kinds = kinds;
	l->incomplete = st->error;
	if (st->text == NULL) {
		size_t	 i;

		/* Nothing read, nothing passes. */
		for (i = 0; i < NLINT; i++) {
			found_str(&l->checks[i], "not checked: no text read "
			    "from the statement (%s)", st->format);
			l->checks[i].rule = "CCADB Policy 5.2 (clearly-"
			    "labeled text-searchable information)";
			l->checks[i].fix = "give the statement as a "
			    "text-searchable PDF";
			l->checks[i].result = LINT_FAIL;
		}
		return;
	}
	check_owner(t, o, &l->checks[LINT_CA_OWNER]);
	check_auditor(st, t, o, &l->checks[LINT_AUDITOR]);
	check_fingerprints(st, &l->checks[LINT_FINGERPRINTS]);
	check_standards(t, kinds, &l->checks[LINT_STANDARDS]);
	check_docs(t, &l->checks[LINT_POLICY_DOCUMENTS]);
	check_period_type(st, &l->checks[LINT_PERIOD_TYPE]);
	check_period(st, t, o, &l->checks[LINT_PERIOD]);
	report_date(st, t, &rd);
	check_statement_date(st, t, &rd, &l->checks[LINT_STATEMENT_DATE]);
	check_deadline(st, o, &rd, &l->checks[LINT_DEADLINE]);
	check_continuity(st, o, &l->checks[LINT_CONTINUITY]);
	check_oids(t, kinds, &l->checks[LINT_POLICY_OIDS]);
	check_incidents(t, &l->checks[LINT_INCIDENTS]);
	check_opinion(t, &l->checks[LINT_OPINION]);
	check_etsi(t, &l->checks[LINT_ETSI_SCOPE]);
	check_team(t, &l->checks[LINT_TEAM_QUALIFICATIONS]);
	check_locations(t, &l->checks[LINT_LOCATIONS]);
	if (st->keygen)
		keygen_skip(l);
}

void
lint_free(struct lint *l)
{
	size_t	 i;

	free(l->path);
	for (i = 0; i < NLINT; i++)
		free(l->checks[i].found);
	memset(l, 0, sizeof(*l));
}

enum lint_result
lint_worst(const struct lint *l)
{
	enum lint_result w = LINT_PASS;
	size_t	 i;

	for (i = 0; i < NLINT; i++)
		if (l->checks[i].result > w)
			w = l->checks[i].result;
	return w;
}
