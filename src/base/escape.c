/*
 * Escaping for each sink.  Certificate subjects, CSV cells and PDF text
 * are written by strangers: a subject can carry ANSI escapes that repaint
 * an auditor's terminal, bidi overrides that reorder a fingerprint on
 * screen, or "=HYPERLINK(...)" for the spreadsheet.  Nothing read from an
 * input reaches an output without passing through one of these (JSON and
 * HTML escaping are left to jansson and libxml2, fed valid UTF-8 from
 * esc_utf8; esc_json then writes the characters jansson leaves raw but a
 * terminal acts on as \u escapes; esc_json_string does both for one
 * string, byte for byte the same).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid. */
size_t
utf8_seq(const unsigned char *p, size_t n, unsigned long *cp)
{
	size_t		 len, i;
	unsigned long	 c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* overlong, surrogates, beyond U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* Valid UTF-8; each invalid byte becomes the text "\xNN", and NUL "\x00". */
char *
esc_utf8(const unsigned char *p, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i = 0, len;
	unsigned long	 cp;

	/* Nearly always valid already: one copy, no buffer growth. */
	while (i < n && p[i] != 0 && (len = utf8_seq(p + i, n - i, &cp)) > 0)
		i += len;
	if (i == n)
		return xstrndup((const char *)p, n);
	buf_add(&b, p, i);
	while (i < n) {
		len = p[i] == 0 ? 0 : utf8_seq(p + i, n - i, &cp);
		if (len == 0) {
			buf_printf(&b, "\\x%02X", p[i]);
			i++;
		} else {
			buf_add(&b, p + i, len);
			i += len;
		}
	}
	return buf_take(&b);
}

/* Code points that change how a terminal or a text renderer shows text. */
static int
unsafe_cp(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff;
}

/*
 * The escaping walk shared by esc_term and esc_json: each unsafe code
 * point (and, for a terminal, each invalid byte) becomes an escape.  For
 * JSON, only what jansson leaves raw: controls below U+0020 are already
 * escaped there, and jansson writes valid UTF-8 only.
 */
static char *
esc_unsafe(const char *s, int json)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i = 0, len;
	struct buf		 b = { 0 };
	unsigned long		 cp;

	while (i < n) {
		/* A run that stays as it is, in one copy: most of the text. */
		for (len = i; len < n && p[len] < 0x7f &&
		    (json || p[len] >= 0x20); len++)
			continue;
		buf_add(&b, p + i, len - i);
		if ((i = len) == n)
			break;
		len = utf8_seq(p + i, n - i, &cp);
		if (len == 0) {
			if (json)
				buf_add(&b, p + i, 1);
			else
				buf_printf(&b, "\\x%02X", p[i]);
			i++;
			continue;
		}
		if (unsafe_cp(cp) && (!json || cp >= 0x7f))
			buf_printf(&b, json ? "\\u%04lx" : "\\u{%04lX}", cp);
		else
			buf_add(&b, p + i, len);
		i += len;
	}
	return buf_take(&b);
}

/*
 * For a terminal or a plain text report: controls, C1, bidi marks and
 * overrides, BOM become "\u{XXXX}" (tab and newline too: one finding, one
 * line).  The input must be valid UTF-8 (esc_utf8); invalid bytes are
 * escaped anyway.
 */
char *
esc_term(const char *s)
{
	return esc_unsafe(s, 0);
}

/*
 * One CSV cell, always quoted.  A cell a spreadsheet would evaluate
 * (leading '=', '+', '-', '@', tab or CR) gets a leading apostrophe, as
 * OWASP recommends; terminal-unsafe characters are escaped as in
 * esc_term so that a cell cannot hide text either.
 */
char *
esc_csv(const char *s)
{
	char		*t = esc_term(s);
	struct buf	 b = { 0 };
	const char	*p;

	buf_addc(&b, '"');
	if (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' ||
	    t[0] == '\t' || t[0] == '\r')
		buf_addc(&b, '\'');
	for (p = t; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '"');
	free(t);
	return buf_take(&b);
}

/*
 * Serialised JSON, for a terminal as much as for a program: jansson
 * escapes only what JSON requires (controls below U+0020), so DEL, C1
 * controls and bidi overrides would reach whoever runs `cat report.json`
 * raw.  They become \uXXXX, which every JSON reader decodes back to the
 * same string.  Only string contents can hold such characters (JSON's own
 * syntax is ASCII), so the replacement cannot change the structure.
 */
char *
esc_json(const char *s)
{
	return esc_unsafe(s, 1);
}

/*
 * One JSON string, quotes and all, appended to b byte for byte as
 * json_dumps() writes it and esc_json() then rewrites it: '"', '\\' and
 * controls as jansson escapes them (\b \f \n \r \t, else \u00XX upper
 * case), DEL, C1 and bidi as esc_json() does (\u200e, lower case), valid
 * UTF-8 otherwise as it is.  A report written an element at a time need
 * not make a jansson string of each.  -1, b as it was, when s is not
 * valid UTF-8: that takes esc_utf8() first, as the callers' jstr() does.
 */
int
esc_json_string(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	size_t			 mark = b->len, len, n;
	unsigned long		 cp;
	char			 e[12];

	buf_addc(b, '"');
	for (;;) {
		for (run = p; *p >= 0x20 && *p < 0x7f && *p != '"' &&
		    *p != '\\'; p++)
			continue;
		buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*p < 0x80) {
			static const char two[] = "\"\\\b\f\n\r\t",
			    letter[] = "\"\\bfnrt";
			const char *t = strchr(two, *p);

			/* jansson's controls upper case, esc_json's DEL
			 * lower case. */
			if (t != NULL) {
				e[0] = '\\';
				e[1] = letter[t - two];
				buf_add(b, e, 2);
			} else if (*p == 0x7f) {
				snprintf(e, sizeof(e), "\\u%04x", *p);
				buf_add(b, e, 6);
			} else {
				snprintf(e, sizeof(e), "\\u%04X", *p);
				buf_add(b, e, 6);
			}
			p++;
			continue;
		}
		for (n = 1; n < 4 && p[n] != '\0'; n++)
			continue;
		if ((len = utf8_seq(p, n, &cp)) == 0) {
			b->len = mark;
			if (b->data != NULL)
				b->data[mark] = '\0';
			return -1;
		}
		if (unsafe_cp(cp)) {
			snprintf(e, sizeof(e), "\\u%04lx", cp);
			buf_add(b, e, 6);
		} else
			buf_add(b, p, len);
		p += len;
	}
	buf_addc(b, '"');
	return 0;
}
