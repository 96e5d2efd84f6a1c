/*
 * HTML and XHTML statements, read with libxml2's HTML parser (which never
 * loads a DTD nor the network).  Each table cell and each list item is a
 * unit of its own: a fingerprint wrapped inside a cell (by <br> or a line
 * break) is rebuilt within that cell, never glued to the next cell.
 *
 * Text a reader does not see as written is not a listing: struck through
 * (<del>, <s>, <strike>, text-decoration line-through) or hidden (the
 * hidden attribute, display:none, visibility:hidden in a style
 * attribute).  A fingerprint found only there is not counted as listed,
 * so its certificate stays missing, and a warning names it.  Stylesheets
 * and classes are not evaluated: CSS is not read.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

/* Depth bound against hostile nesting. */
#define HTML_MAX_DEPTH	256

struct hctx {
	struct statement *st;
	struct buf	 unit;		/* text of the current unit */
	long		 unit_line;
	struct buf	 all;		/* whole text, for the metadata */
	/* The same for struck-through or hidden text, scanned apart. */
	struct statement *concealed;
	struct buf	 cunit;
	long		 cunit_line;
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

static void
flush_unit(struct statement *st, struct buf *unit, long *line)
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

static void
flush(struct hctx *h)
{
	flush_unit(h->st, &h->unit, &h->unit_line);
	flush_unit(h->concealed, &h->cunit, &h->cunit_line);
}

static void
text(struct hctx *h, const xmlNode *n, const char *s, int concealed)
{
	struct buf	*u = concealed ? &h->cunit : &h->unit;
	long		*line = concealed ? &h->cunit_line : &h->unit_line;

	if (u->len == 0)
		*line = xmlGetLineNo((xmlNode *)n);
	buf_addstr(u, s);
	if (!concealed)
		buf_addstr(&h->all, s);
}

/*
 * Does a style attribute strike or hide?  Declarations are compared
 * without white space and case: "Display : None" hides.
 */
static int
style_conceals(const xmlNode *n)
{
	static const char *const decl[] = { "display:none",
		"visibility:hidden", "visibility:collapse", "line-through",
		NULL };
	xmlChar		*style = xmlGetProp(n, (const xmlChar *)"style");
	char		*t;
	size_t		 i, o = 0;
	int		 hit = 0;

	if (style == NULL)
		return 0;
	t = xmalloc(strlen((char *)style) + 1);
	for (i = 0; style[i] != '\0'; i++)
		if (style[i] != ' ' && style[i] != '\t' && style[i] != '\n' &&
		    style[i] != '\r' && style[i] != '\f')
			t[o++] = (char)(style[i] >= 'A' && style[i] <= 'Z' ?
			    style[i] - 'A' + 'a' : style[i]);
	t[o] = '\0';
	for (i = 0; decl[i] != NULL && !hit; i++)
		hit = strstr(t, decl[i]) != NULL;
	free(t);
	xmlFree(style);
	return hit;
}

static const char *const struck[] = { "del", "s", "strike", NULL };

static int
conceals(const xmlNode *n)
{
	return is_name(n, struck) ||
	    xmlHasProp(n, (const xmlChar *)"hidden") != NULL ||
	    style_conceals(n);
}

static void
walk(struct hctx *h, const xmlNode *n, int depth, int concealed)
{
	for (; n != NULL; n = n->next) {
		int	 c;

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
			continue;
		}
		if (depth >= HTML_MAX_DEPTH) {
			stmt_warn(h->st, "elements nested deeper than %d "
			    "were skipped", HTML_MAX_DEPTH);
			continue;
		}
		c = concealed || conceals(n);
		if (is_name(n, cells)) {
			flush(h);
			walk(h, n->children, depth + 1, c);
			flush(h);
			buf_addstr(&h->all, "\n");
		} else if (is_name(n, blocks)) {
			text(h, n, "\n", c);
			walk(h, n->children, depth + 1, c);
			text(h, n, "\n", c);
		} else
			walk(h, n->children, depth + 1, c);
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
	const struct stmt_fp *x = *(const struct stmt_fp *const *)a;
	const struct stmt_fp *y = *(const struct stmt_fp *const *)b;

	if (x->locs[0].line != y->locs[0].line)
		return (x->locs[0].line > y->locs[0].line) -
		    (x->locs[0].line < y->locs[0].line);
	return memcmp(x->sha256, y->sha256, 32);
}

/*
 * Each fingerprint found only in concealed text, once, at its first line,
 * in the order of the document: a warning, and no listing.
 */
static void
warn_concealed(struct statement *st, struct statement *cs)
{
	unsigned char	(*seen)[32];
	const struct stmt_fp **only;
	char		 hex[65];
	size_t		 i, n = 0;

	if (cs->nfps == 0)
		return;
	seen = stmt_found_sorted(st);
	qsort(cs->fps, cs->nfps, sizeof(*cs->fps), fp_cmp);
	only = xreallocarray(NULL, cs->nfps, sizeof(*only));
	for (i = 0; i < cs->nfps; i++)
		if ((i == 0 || memcmp(cs->fps[i - 1].sha256,
		    cs->fps[i].sha256, 32) != 0) && !stmt_found_in(seen,
		    st->nfps, cs->fps[i].sha256))
			only[n++] = &cs->fps[i];
	qsort(only, n, sizeof(*only), line_cmp);
	for (i = 0; i < n; i++) {
		hex_encode(only[i]->sha256, 32, hex);
		stmt_warn(st, "line %ld: fingerprint %s appears only in "
		    "struck-through or hidden text: not counted as listed",
		    only[i]->locs[0].line, hex);
	}
	free(only);
	free(seen);
}

int
stmt_read_html(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	struct hctx	 h;
	htmlDocPtr	 doc;
	char		*norm;
	size_t		 n;

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
	h.concealed = xcalloc(1, sizeof(*h.concealed));
	walk(&h, xmlDocGetRootElement(doc), 0, 0);
	flush(&h);
	warn_concealed(st, h.concealed);
	statement_free(h.concealed);
	norm = stmt_normalize(h.all.data != NULL ? h.all.data : "", h.all.len,
	    &n);
	stmt_meta(st, norm, n);
	free(norm);
	buf_free(&h.all);
	xmlFreeDoc(doc);
	return 0;
}
