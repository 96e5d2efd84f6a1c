/*
 * HTML and XHTML statements, read with libxml2's HTML parser (which never
 * loads a DTD nor the network).  Each table cell, list item and block
 * (paragraph, div, heading...) is a unit of its own: a fingerprint wrapped
 * inside a cell (by <br> or a line break) is rebuilt within that cell,
 * never glued to the next cell or block.
 *
 * Text a reader does not see as written is not a listing: struck through
 * (<del>, <s>, <strike>, text-decoration line-through) or hidden (the
 * hidden attribute, display: none, visibility: hidden or collapse).  The
 * declarations are read from style attributes and from the document's
 * own <style> rules whose selector is a class (".c3", "span.c3": how
 * word processors export strike-through), @media blocks that take in a
 * screen included; other selectors and stylesheets elsewhere are not
 * read.  The cascade is a browser's for these, property by property
 * (PREC): tag and class over class, a later rule over an earlier, the
 * style attribute over rules, !important over all; a child's visibility:
 * visible shows it again.  A fingerprint found only in such text is not
 * counted as listed, so its certificate stays missing, and a
 * warning names it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

/* Depth bound against hostile nesting. */
#define HTML_MAX_DEPTH	256
/* Class rules kept from the document's <style> elements. */
#define MAX_RULES	4096

/*
 * What declarations say of the three properties that conceal text, each
 * -1 (not said), 0 or 1, apart for those marked !important; with each,
 * the precedence of what said it (higher wins: see PREC).
 */
enum { E_STRUCK, E_NONE, E_VIS, E_N };
struct effect {
	signed char	 v[2][E_N];	/* [1]: !important */
	unsigned long	 prec[2][E_N];
};

/*
 * A declaration's precedence in the cascade (CSS 2.1 6.4.3): the style
 * attribute over any rule, a rule naming a tag and a class over one
 * naming a class, then the later block of the document.
 */
#define PREC(inline, tagged, block) \
	((unsigned long)(inline) << 40 | (unsigned long)(tagged) << 32 | \
	(unsigned long)(block))

/* A rule of one selector, ".c3" or "span.c3", its blocks merged. */
struct rule {
	char		*tag;		/* NULL: any element */
	char		*cls;
	struct effect	 eff;
};

/* How an element shows its text: what its children inherit. */
struct show {
	int		 struck;	/* line-through: no child undoes it */
	int		 none;		/* display: none, hidden: nor this */
	int		 invisible;	/* visibility: hidden, collapse */
};

struct hctx {
	struct statement *st;
	struct buf	 unit;		/* visible text of the current unit */
	long		 unit_line;
	struct buf	 cunit;		/* and its concealed text */
	long		 cunit_line;
	int		 after_br;	/* a <br> was the last thing read */
	struct buf	 all;		/* whole visible text, for metadata */
	struct rule	*rules;		/* by cls then tag, once indexed */
	size_t		 nrules;
	unsigned	 nblocks;	/* rule blocks read, for their order */
	int		 rules_cut;	/* MAX_RULES reached */
	int		 too_deep;	/* elements past HTML_MAX_DEPTH */
};

static int
is_name(const xmlNode *n, const char *const *names)
{
	size_t	 i;

	for (i = 0; names[i] != NULL; i++)
		if (xmlStrcasecmp(n->name, (const xmlChar *)names[i]) == 0)
			return 1;
	return 0;
}

static const char *const cells[] = { "td", "th", "li", "dd", "dt",
	"caption", NULL };
static const char *const blocks[] = { "p", "div", "tr", "table", "ul", "ol",
	"dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article",
	"header", "footer", "blockquote", "body", "thead", "tbody", "address",
	NULL };
static const char *const skipped[] = { "script", "style", "head",
	"template", NULL };
static const char *const struck_tags[] = { "del", "s", "strike", NULL };

/*
 * CSS text in lower case without comments; white space kept (it separates
 * the words of a value).  An unclosed comment runs to the end.
 */
static char *
css_plain(const char *s)
{
	char	*t = xmalloc(strlen(s) + 1);
	size_t	 o = 0;

	while (*s != '\0') {
		if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");

			s = e != NULL ? e + 2 : s + strlen(s);
			t[o++] = ' ';
			continue;
		}
		t[o++] = (char)tolower((unsigned char)*s++);
	}
	t[o] = '\0';
	return t;
}

/* s without the white space around it, in place. */
static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * One declaration list ("display: none; color: red !important"), already
 * css_plain(), into e at precedence prec: the last of each property wins.
 */
static void
parse_decls(char *d, struct effect *e, unsigned long prec)
{
	char	*next, *colon, *prop, *val, *bang;
	int	 imp;

	for (; d != NULL; d = next) {
		if ((next = strchr(d, ';')) != NULL)
			*next++ = '\0';
		if ((colon = strchr(d, ':')) == NULL)
			continue;
		*colon = '\0';
		prop = trim(d);
		val = colon + 1;
		imp = 0;
		if ((bang = strchr(val, '!')) != NULL) {
			imp = strcmp(trim(bang + 1), "important") == 0;
			*bang = '\0';
		}
		val = trim(val);
		if (strcmp(prop, "display") == 0) {
			e->v[imp][E_NONE] = strcmp(val, "none") == 0;
			e->prec[imp][E_NONE] = prec;
		} else if (strcmp(prop, "visibility") == 0) {
			if (strcmp(val, "hidden") == 0 ||
			    strcmp(val, "collapse") == 0)
				e->v[imp][E_VIS] = 1;
			else if (strcmp(val, "visible") == 0 ||
			    strcmp(val, "initial") == 0)
				e->v[imp][E_VIS] = 0;
			else
				continue;
			e->prec[imp][E_VIS] = prec;
		} else if ((strcmp(prop, "text-decoration") == 0 ||
		    strcmp(prop, "text-decoration-line") == 0) &&
		    strcmp(val, "revert") != 0) {
			/* revert: back to the browser's (<s>'s line). */
			e->v[imp][E_STRUCK] = strstr(val, "line-through") !=
			    NULL;
			e->prec[imp][E_STRUCK] = prec;
		}
	}
}

static const struct effect no_effect = { { { -1, -1, -1 },
	{ -1, -1, -1 } }, { { 0, 0, 0 }, { 0, 0, 0 } } };

/* a and b together, property by property: the higher precedence wins. */
static void
effect_over(struct effect *a, const struct effect *b)
{
	int	 i, p;

	for (i = 0; i < 2; i++)
		for (p = 0; p < E_N; p++)
			if (b->v[i][p] != -1 && (a->v[i][p] == -1 ||
			    b->prec[i][p] >= a->prec[i][p])) {
				a->v[i][p] = b->v[i][p];
				a->prec[i][p] = b->prec[i][p];
			}
}

static int
rule_cmp(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;
	int	 r = strcmp(x->cls, y->cls);

	if (r != 0)
		return r;
	if ((x->tag == NULL) != (y->tag == NULL))
		return x->tag == NULL ? -1 : 1;
	return x->tag == NULL ? 0 : strcmp(x->tag, y->tag);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * How n shows its text, given how its parent does.  The cascade: the
 * rules of each class it has (one per selector, merged), the style
 * attribute, !important over all of those, precedence deciding.
 */
static struct show
show_of(const struct hctx *h, const xmlNode *n, struct show s)
{
	struct effect	 e = no_effect;
	xmlChar		*a;
	size_t		 i;

	/*
	 * <del>, <s>, <strike>: the browser's own line-through, below any
	 * rule of the document (text-decoration: none takes it off).
	 */
	if (is_name(n, struck_tags)) {
		e.v[0][E_STRUCK] = 1;
		e.prec[0][E_STRUCK] = 0;
	}
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		s.none = 1;
	if (h->nrules > 0 &&
	    (a = xmlGetProp(n, (const xmlChar *)"class")) != NULL) {
		char	*cls = css_plain((const char *)a), *tok, *save = NULL;
		char	*tag = css_plain((const char *)n->name);
		char	**t = NULL;
		size_t	 nt = 0, cap = 0;

		for (tok = strtok_r(cls, " \t\r\n\f", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\r\n\f", &save)) {
			if (nt == cap) {
				cap = cap ? 2 * cap : 8;
				t = xreallocarray(t, cap, sizeof(*t));
			}
			t[nt++] = tok;
		}
		/* Each class once: "c c c" is c. */
		if (nt > 1)
			qsort(t, nt, sizeof(*t), str_cmp);
		for (i = 0; i < nt; i++) {
			struct rule	 key[2] = { { NULL, t[i], no_effect },
					    { tag, t[i], no_effect } };
			const struct rule *r;
			int	 k;

			if (i > 0 && strcmp(t[i - 1], t[i]) == 0)
				continue;
			for (k = 0; k < 2; k++)
				if ((r = bsearch(&key[k], h->rules, h->nrules,
				    sizeof(*h->rules), rule_cmp)) != NULL)
					effect_over(&e, &r->eff);
		}
		free(t);
		free(tag);
		free(cls);
		xmlFree(a);
	}
	if ((a = xmlGetProp(n, (const xmlChar *)"style")) != NULL) {
		char	*st = css_plain((const char *)a);

		parse_decls(st, &e, PREC(1, 0, 0));
		free(st);
		xmlFree(a);
	}
	for (i = 0; i < E_N; i++)
		if (e.v[1][i] != -1)
			e.v[0][i] = e.v[1][i];
	if (e.v[0][E_STRUCK] == 1)
		s.struck = 1;
	if (e.v[0][E_NONE] == 1)
		s.none = 1;
	if (e.v[0][E_VIS] != -1)
		s.invisible = e.v[0][E_VIS];
	return s;
}

/*
 * ".c3" or "span.c3" with what its block says (read once per block, at
 * the block's precedence); any other selector: nothing.
 */
static void
add_rule(struct hctx *h, char *sel, const struct effect *eff)
{
	char	*dot, *p;
	struct rule *r;
	int	 i, k;

	sel = trim(sel);
	if ((dot = strchr(sel, '.')) == NULL || dot[1] == '\0')
		return;
	for (p = sel; p < dot; p++)
		if (!isalnum((unsigned char)*p))
			return;
	for (p = dot + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return;
	if (h->nrules == MAX_RULES) {
		h->rules_cut = 1;
		return;
	}
	h->rules = xreallocarray(h->rules, h->nrules + 1, sizeof(*h->rules));
	r = &h->rules[h->nrules++];
	r->tag = dot > sel ? xstrndup(sel, (size_t)(dot - sel)) : NULL;
	r->cls = xstrdup(dot + 1);
	r->eff = *eff;
	if (r->tag != NULL)
		for (i = 0; i < 2; i++)
			for (k = 0; k < E_N; k++)
				r->eff.prec[i][k] |= PREC(0, 1, 0);
}

/* The end of a block opened before s: its '}', skipping strings. */
static char *
block_end(char *s, int nested)
{
	int	 depth = 1;
	char	 q = 0;

	for (; *s != '\0'; s++) {
		if (q != 0) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			else if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'')
			q = *s;
		else if (*s == '{' && nested)
			depth++;
		else if (*s == '}' && --depth == 0)
			return s;
	}
	return s;	/* unclosed: it ends with the text, as in a browser */
}

/*
 * Does a media query list ("print", "screen and (min-width: 1px)",
 * "print, speech") take in a screen?  Only when every query names a type
 * that is not one (print, speech, the old aural, braille, embossed...) is
 * it passed over; empty, "all", "screen", a bare feature, "not ..." or a
 * type not known: read (doubt counts toward concealed).
 */
static int
media_screen(const char *q)
{
	static const char *const not_screen[] = { "print", "speech", "aural",
		"braille", "embossed", "handheld", "projection", "tty", "tv",
		NULL };
	char	*t = css_plain(q), *p, *next, *w;
	int	 screen = 0, n = 0;
	size_t	 i, len;

	for (p = t; p != NULL && !screen; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		w = trim(p);
		n++;
		if (strncmp(w, "only ", 5) == 0)
			w = trim(w + 5);
		len = strcspn(w, " \t\r\n\f(");
		for (i = 0; not_screen[i] != NULL; i++)
			if (strlen(not_screen[i]) == len &&
			    strncmp(w, not_screen[i], len) == 0)
				break;
		if (not_screen[i] == NULL || len == 0)
			screen = 1;
	}
	free(t);
	return screen || n == 0;
}

/*
 * The rules of one <style> element's text, in order; an @media block
 * whose query takes in a screen is read as its rules, any other at-rule
 * (@import, @font-face, @page...) passed over.  depth bounds nesting.
 */
static void
read_css(struct hctx *h, char *t, int depth)
{
	char	*p = t, *open, *close, *sel, *comma, *at;

	while ((open = strchr(p, '{')) != NULL) {
		struct effect	 eff = no_effect;

		*open = '\0';
		at = strchr(p, '@');
		close = block_end(open + 1, at != NULL);
		if (at != NULL) {
			char	*next = *close != '\0' ? close + 1 : close;

			*close = '\0';
			if (strncmp(at, "@media", 6) == 0 && depth < 8 &&
			    media_screen(at + 6))
				read_css(h, open + 1, depth + 1);
			p = next;
			continue;
		}
		sel = p;
		p = *close != '\0' ? close + 1 : close;
		*close = '\0';
		parse_decls(open + 1, &eff, PREC(0, 0, ++h->nblocks));
		for (; sel != NULL; sel = comma) {
			if ((comma = strchr(sel, ',')) != NULL)
				*comma++ = '\0';
			add_rule(h, sel, &eff);
		}
	}
}

static void
read_style(struct hctx *h, const char *css)
{
	char	*t = css_plain(css);

	read_css(h, t, 0);
	free(t);
}

/* Every <style> element of the document, wherever it is. */
static void
find_styles(struct hctx *h, const xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (depth >= HTML_MAX_DEPTH) {
			h->too_deep = 1;
			continue;
		}
		if (xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0) {
			xmlChar	*media = xmlGetProp(n,
			    (const xmlChar *)"media");
			xmlChar	*c;

			/* A print (or other) style sheet is not the screen's. */
			if (media != NULL && !media_screen((char *)media)) {
				xmlFree(media);
				continue;
			}
			xmlFree(media);
			c = xmlNodeGetContent(n);

			if (c != NULL)
				read_style(h, (const char *)c);
			xmlFree(c);
			continue;
		}
		find_styles(h, n->children, depth + 1);
	}
}

/*
 * The rules read, one per selector: sorted by class and tag, each
 * selector's blocks merged property by property (precedence decides).
 */
static void
index_rules(struct hctx *h)
{
	size_t	 i, o = 0;

	if (h->nrules == 0)
		return;
	/* Merged by precedence, the order of equal selectors is moot. */
	qsort(h->rules, h->nrules, sizeof(*h->rules), rule_cmp);
	for (i = 0; i < h->nrules; i++) {
		if (o > 0 && rule_cmp(&h->rules[o - 1], &h->rules[i]) == 0) {
			effect_over(&h->rules[o - 1].eff, &h->rules[i].eff);
			free(h->rules[i].tag);
			free(h->rules[i].cls);
			continue;
		}
		h->rules[o++] = h->rules[i];
	}
	h->nrules = o;
}

static void
scan_unit(struct statement *st, struct buf *unit, long *line)
{
	char	*norm;
	size_t	 n;

	if (unit->len > 0) {
		norm = stmt_normalize(unit->data, unit->len, &n);
		stmt_scan_text(st, norm, n, 0, *line, 0);
		free(norm);
	}
	buf_free(unit);
	*line = 0;
}

/*
 * The concealed text so far, scanned: its fingerprints marked
 * FPF_CONCEALED (taken out by conceal_out()), its 40-hex values dropped.
 */
static void
flush_concealed(struct hctx *h)
{
	struct statement *st = h->st;
	size_t		 from = st->nfps, nsha1s = st->nsha1s, i;

	scan_unit(st, &h->cunit, &h->cunit_line);
	for (i = from; i < st->nfps; i++)
		st->fps[i].locs[0].form |= FPF_CONCEALED;
	st->nsha1s = nsha1s;
}

static void
flush(struct hctx *h)
{
	scan_unit(h->st, &h->unit, &h->unit_line);
	flush_concealed(h);
	h->after_br = 0;
}

static void
text(struct hctx *h, const xmlNode *n, const char *s, int concealed)
{
	struct buf	*u = concealed ? &h->cunit : &h->unit;
	long		*line = concealed ? &h->cunit_line : &h->unit_line;

	/*
	 * A <br> before a line break of the source is one line break, so
	 * that lines are numbered as in the file.
	 */
	if (h->after_br && (s[0] == '\n' || (s[0] == '\r' && s[1] == '\n')))
		s += s[0] == '\r' ? 2 : 1;
	h->after_br = 0;
	/* Concealed pieces far apart are not one fingerprint. */
	if (!concealed && h->cunit.len > 0 && s[strspn(s, " \t\r\n\f")] !=
	    '\0')
		flush_concealed(h);
	if (*s == '\0')
		return;
	if (u->len == 0)
		*line = xmlGetLineNo((xmlNode *)n);
	buf_addstr(u, s);
	if (!concealed)
		buf_addstr(&h->all, s);
}

static void
walk(struct hctx *h, const xmlNode *n, int depth, struct show parent)
{
	for (; n != NULL; n = n->next) {
		struct show	 s;
		int		 concealed = parent.struck || parent.none ||
				    parent.invisible;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		{
			if (n->content != NULL)
				text(h, n, (const char *)n->content,
				    concealed);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(n, skipped))
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"br") == 0) {
			text(h, n, "\n", concealed);
			h->after_br = 1;
			continue;
		}
		if (depth >= HTML_MAX_DEPTH) {
			h->too_deep = 1;
			continue;
		}
		s = show_of(h, n, parent);
		if (is_name(n, cells) || is_name(n, blocks)) {
			flush(h);
			walk(h, n->children, depth + 1, s);
			flush(h);
			buf_addstr(&h->all, "\n");
		} else
			walk(h, n->children, depth + 1, s);
	}
}

static int
fp_cmp(const void *a, const void *b)
{
	const struct stmt_fp *x = a, *y = b;
	int	 r = memcmp(x->sha256, y->sha256, 32);

	if (r != 0)
		return r;
	return (x->locs[0].line > y->locs[0].line) -
	    (x->locs[0].line < y->locs[0].line);
}

static int
line_cmp(const void *a, const void *b)
{
	const struct stmt_fp *x = a, *y = b;

	if (x->locs[0].line != y->locs[0].line)
		return (x->locs[0].line > y->locs[0].line) -
		    (x->locs[0].line < y->locs[0].line);
	return memcmp(x->sha256, y->sha256, 32);
}

/*
 * The concealed occurrences taken out of st's list.  Each fingerprint
 * found only there is warned of once, at its first line, in the order of
 * the document; returns how many there are.
 */
static size_t
conceal_out(struct statement *st)
{
	struct stmt_fp	*hid;
	unsigned char	(*seen)[32];
	char		 hex[65];
	size_t		 i, nv = 0, nh = 0, o = 0;

	hid = xreallocarray(NULL, st->nfps + 1, sizeof(*hid));
	for (i = 0; i < st->nfps; i++)
		if (st->fps[i].locs[0].form & FPF_CONCEALED)
			hid[nh++] = st->fps[i];
		else
			st->fps[nv++] = st->fps[i];
	st->nfps = nv;
	seen = stmt_found_sorted(st);
	qsort(hid, nh, sizeof(*hid), fp_cmp);
	for (i = 0; i < nh; i++)
		if ((i == 0 || memcmp(hid[i - 1].sha256, hid[i].sha256, 32) !=
		    0) && !stmt_found_in(seen, nv, hid[i].sha256))
			hid[o++] = hid[i];
	qsort(hid, o, sizeof(*hid), line_cmp);
	for (i = 0; i < o; i++) {
		hex_encode(hid[i].sha256, 32, hex);
		stmt_warn(st, "line %ld: fingerprint %s appears only in "
		    "struck-through or hidden text: not counted as listed",
		    hid[i].locs[0].line, hex);
		stmt_add_unlisted(st, hid[i].sha256, &hid[i].locs[0],
		    "in struck-through or hidden text");
	}
	free(seen);
	free(hid);
	return o;
}

int
stmt_read_html(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	struct hctx	 h;
	struct show	 shown = { 0, 0, 0 };
	htmlDocPtr	 doc;
	char		*norm;
	size_t		 n, i, hidden;
	int		 rc = 0;

	if (stmt_xml_doctype_ok(r, st, data, len, 1) != 0)
		return -1;
	if (len > INT32_MAX) {
		diag_error(r, st->path, 0, "HTML too large");
		return -1;
	}
	doc = htmlReadMemory((const char *)data, (int)len, NULL, NULL,
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER);
	if (doc == NULL) {
		diag_error(r, st->path, 0, "cannot parse HTML");
		return -1;
	}
	memset(&h, 0, sizeof(h));
	h.st = st;
	find_styles(&h, xmlDocGetRootElement(doc), 0);
	index_rules(&h);
	walk(&h, xmlDocGetRootElement(doc), 0, shown);
	flush(&h);
	hidden = conceal_out(st);
	/*
	 * What was not read may hide a fingerprint or strike one: the
	 * statement is incomplete, never an all-clear.
	 */
	if (h.too_deep) {
		diag_error(r, st->path, 0, "elements nested deeper than %d "
		    "are not read", HTML_MAX_DEPTH);
		rc = -1;
	}
	if (h.rules_cut) {
		diag_error(r, st->path, 0, "<style> holds more than %d class "
		    "rules; the rest are not read, so text they strike or "
		    "hide could count as listed", MAX_RULES);
		rc = -1;
	}
	if (st->nfps == 0 && hidden > 0) {
		diag_error(r, st->path, 0, "every fingerprint in it (%zu) is "
		    "in struck-through or hidden text: it lists none", hidden);
		rc = -1;
	}
	norm = stmt_normalize(h.all.data != NULL ? h.all.data : "", h.all.len,
	    &n);
	stmt_meta(st, norm, n);
	free(norm);
	buf_free(&h.all);
	for (i = 0; i < h.nrules; i++) {
		free(h.rules[i].tag);
		free(h.rules[i].cls);
	}
	free(h.rules);
	xmlFreeDoc(doc);
	return rc;
}
