/*
 * HTML and XHTML statements, read with libxml2's HTML parser (which never
 * loads a DTD nor the network).  Each table cell and each list item is a
 * unit of its own: a fingerprint wrapped inside a cell (by <br> or a line
 * break) is rebuilt within that cell, never glued to the next cell.
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
flush(struct hctx *h)
{
	char	*norm;
	size_t	 n;

	if (h->unit.len > 0) {
		norm = stmt_normalize(h->unit.data, h->unit.len, &n);
		stmt_scan_text(h->st, norm, n, 0, h->unit_line, 0);
		free(norm);
	}
	buf_free(&h->unit);
	h->unit_line = 0;
}

static void
text(struct hctx *h, const xmlNode *n, const char *s)
{
	if (h->unit.len == 0)
		h->unit_line = xmlGetLineNo((xmlNode *)n);
	buf_addstr(&h->unit, s);
	buf_addstr(&h->all, s);
}

static void
walk(struct hctx *h, const xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		{
			if (n->content != NULL)
				text(h, n, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(n, skipped))
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"br") == 0) {
			text(h, n, "\n");
			continue;
		}
		if (depth >= HTML_MAX_DEPTH) {
			stmt_warn(h->st, "elements nested deeper than %d "
			    "were skipped", HTML_MAX_DEPTH);
			continue;
		}
		if (is_name(n, cells)) {
			flush(h);
			walk(h, n->children, depth + 1);
			flush(h);
			buf_addstr(&h->all, "\n");
		} else if (is_name(n, blocks)) {
			text(h, n, "\n");
			walk(h, n->children, depth + 1);
			text(h, n, "\n");
		} else
			walk(h, n->children, depth + 1);
	}
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
	walk(&h, xmlDocGetRootElement(doc), 0);
	flush(&h);
	norm = stmt_normalize(h.all.data != NULL ? h.all.data : "", h.all.len,
	    &n);
	stmt_meta(st, norm, n);
	free(norm);
	buf_free(&h.all);
	xmlFreeDoc(doc);
	return 0;
}
