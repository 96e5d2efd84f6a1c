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
 * word processors export strike-through); other selectors, stylesheets
 * elsewhere and @media blocks are not read.  In one element the last
 * declaration wins; a child's visibility: visible shows it again, as in a
 * browser.  A fingerprint found only in such text is not counted as
 * listed, so its certificate stays missing, and a warning names it.
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

/* A <style> rule whose selector is one class, perhaps on one tag. */
struct rule {
	char		*tag;		/* NULL: any element */
	char		*cls;
	char		*decls;		/* lower case, comments removed */
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
	struct rule	*rules;
	size_t		 nrules;
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
 * the words of a value).
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
 * A declaration list ("display: none; color: red"), already css_plain():
 * its effect on show, in order, the last of each property winning.
 * own_* are -1 until a declaration sets them.
 */
static void
apply_decls(const char *decls, int *own_struck, int *own_none, int *own_vis)
{
	char	*copy = xstrdup(decls), *d, *next, *colon, *prop, *val, *bang;

	for (d = copy; d != NULL; d = next) {
		if ((next = strchr(d, ';')) != NULL)
			*next++ = '\0';
		if ((colon = strchr(d, ':')) == NULL)
			continue;
		*colon = '\0';
		prop = trim(d);
		if ((bang = strchr(colon + 1, '!')) != NULL)
			*bang = '\0';		/* !important */
		val = trim(colon + 1);
		if (strcmp(prop, "display") == 0)
			*own_none = strcmp(val, "none") == 0;
		else if (strcmp(prop, "visibility") == 0) {
			if (strcmp(val, "hidden") == 0 ||
			    strcmp(val, "collapse") == 0)
				*own_vis = 1;
			else if (strcmp(val, "visible") == 0 ||
			    strcmp(val, "initial") == 0)
				*own_vis = 0;
		} else if (strcmp(prop, "text-decoration") == 0 ||
		    strcmp(prop, "text-decoration-line") == 0)
			*own_struck = strstr(val, "line-through") != NULL;
	}
	free(copy);
}

/* Does the class attribute cls (white-space separated) hold name? */
static int
has_class(const char *cls, const char *name)
{
	size_t	 n = strlen(name);
	const char *p = cls;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == cls || isspace((unsigned char)p[-1])) &&
		    (p[n] == '\0' || isspace((unsigned char)p[n])))
			return 1;
		p += n;
	}
	return 0;
}

/* How n shows its text, given how its parent does. */
static struct show
show_of(const struct hctx *h, const xmlNode *n, struct show s)
{
	int	 own_struck = -1, own_none = -1, own_vis = -1;
	xmlChar	*a;
	size_t	 i;

	if (is_name(n, struck_tags))
		s.struck = 1;
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		s.none = 1;
	if (h->nrules > 0 &&
	    (a = xmlGetProp(n, (const xmlChar *)"class")) != NULL) {
		char	*cls = css_plain((const char *)a);

		for (i = 0; i < h->nrules; i++)
			if ((h->rules[i].tag == NULL ||
			    xmlStrcasecmp(n->name, (const xmlChar *)
			    h->rules[i].tag) == 0) &&
			    has_class(cls, h->rules[i].cls))
				apply_decls(h->rules[i].decls, &own_struck,
				    &own_none, &own_vis);
		free(cls);
		xmlFree(a);
	}
	if ((a = xmlGetProp(n, (const xmlChar *)"style")) != NULL) {
		char	*st = css_plain((const char *)a);

		apply_decls(st, &own_struck, &own_none, &own_vis);
		free(st);
		xmlFree(a);
	}
	if (own_struck == 1)
		s.struck = 1;
	if (own_none == 1)
		s.none = 1;
	if (own_vis != -1)
		s.invisible = own_vis;
	return s;
}

/* ".c3" or "span.c3": the rule is kept; any other selector is not. */
static void
add_rule(struct hctx *h, char *sel, const char *decls)
{
	char	*dot, *p;
	struct rule *r;

	sel = trim(sel);
	if ((dot = strchr(sel, '.')) == NULL || dot[1] == '\0' ||
	    h->nrules == MAX_RULES)
		return;
	for (p = sel; p < dot; p++)
		if (!isalnum((unsigned char)*p))
			return;
	for (p = dot + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return;
	h->rules = xreallocarray(h->rules, h->nrules + 1, sizeof(*h->rules));
	r = &h->rules[h->nrules++];
	r->tag = dot > sel ? xstrndup(sel, (size_t)(dot - sel)) : NULL;
	r->cls = xstrdup(dot + 1);
	r->decls = xstrdup(decls);
}

/* The rules of one <style> element's text, in order. */
static void
read_style(struct hctx *h, const char *css)
{
	char	*t = css_plain(css), *p = t, *open, *close, *sel, *comma;

	while ((open = strchr(p, '{')) != NULL) {
		*open = '\0';
		if (strchr(p, '@') != NULL) {
			/* An at-rule's block, nested blocks and all: skipped. */
			int	 depth = 1;

			for (close = open + 1; *close != '\0' && depth > 0;
			    close++)
				depth += *close == '{' ? 1 : *close == '}' ?
				    -1 : 0;
			p = close;
			continue;
		}
		if ((close = strchr(open + 1, '}')) == NULL)
			break;
		*close = '\0';
		for (sel = p; sel != NULL; sel = comma) {
			if ((comma = strchr(sel, ',')) != NULL)
				*comma++ = '\0';
			add_rule(h, sel, open + 1);
		}
		p = close + 1;
	}
	free(t);
}

/* Every <style> element of the document, wherever it is. */
static void
find_styles(struct hctx *h, const xmlNode *n, int depth)
{
	for (; n != NULL && depth < HTML_MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0) {
			xmlChar	*c = xmlNodeGetContent(n);

			if (c != NULL)
				read_style(h, (const char *)c);
			xmlFree(c);
			continue;
		}
		find_styles(h, n->children, depth + 1);
	}
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
			stmt_warn(h->st, "elements nested deeper than %d "
			    "were skipped", HTML_MAX_DEPTH);
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
	walk(&h, xmlDocGetRootElement(doc), 0, shown);
	flush(&h);
	hidden = conceal_out(st);
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
		free(h.rules[i].decls);
	}
	free(h.rules);
	xmlFreeDoc(doc);
	return rc;
}
