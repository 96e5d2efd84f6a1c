/*
 * The lint's reports (report/report.h): text, JSON, CSV and HTML.  The JSON is
 * {"path","kind","checks":[{"id","result","found","page","line","rule",
 * "fix"}]} per statement; `check` puts the same "checks" array in each
 * statement of its own report.  Text from the statement is escaped for
 * each sink (put_term, put_csv, jstr, libxml2's serialiser).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "report/report.h"

static char *
kinds_list(unsigned kinds)
{
	struct buf b = { 0 };
	unsigned k;

	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			buf_printf(&b, "%s%s", b.len ? "," : "",
			    kind_name((enum audit_kind)k));
	if (b.len == 0)
		buf_addstr(&b, "unknown");
	return buf_take(&b);
}

json_t *
lint_checks_json(const struct lint *l)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];
		json_t	*o = json_object();

		json_object_set_new(o, "id", json_string(lint_id_name(i)));
		json_object_set_new(o, "result",
		    json_string(lint_result_name(c->result)));
		json_object_set_new(o, "found", c->found != NULL ?
		    jstr(c->found) : json_null());
		json_object_set_new(o, "page", c->page > 0 ?
		    json_integer(c->page) : json_null());
		json_object_set_new(o, "line", c->line > 0 ?
		    json_integer(c->line) : json_null());
		json_object_set_new(o, "rule", json_string(c->rule));
		json_object_set_new(o, "fix", c->fix != NULL ?
		    json_string(c->fix) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
lint_json(const struct lint *l)
{
	json_t	*o = json_object();

	json_object_set_new(o, "path", jstr(l->path));
	json_object_set_new(o, "kind", kind_set_json(l->kinds));
	json_object_set_new(o, "complete", json_boolean(!l->incomplete));
	json_object_set_new(o, "checks", lint_checks_json(l));
	return o;
}

static void
where(char *out, size_t len, const struct lint_check *c)
{
	if (c->page > 0)
		snprintf(out, len, "page %u line %ld", c->page, c->line);
	else if (c->line > 0)
		snprintf(out, len, "line %ld", c->line);
	else
		out[0] = '\0';
}

void
lint_text(FILE *f, const struct lint *l, const char *indent)
{
	size_t	 i;
	char	 w[64];

	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		fprintf(f, "%s%s  %-19s ", indent,
		    lint_result_name(c->result), lint_id_name(i));
		put_term(f, c->found != NULL ? c->found : "");
		where(w, sizeof(w), c);
		if (*w != '\0')
			fprintf(f, "  (%s)", w);
		fprintf(f, "\n%s      rule: %s\n", indent, c->rule);
		if (c->fix != NULL)
			fprintf(f, "%s      fix:  %s\n", indent, c->fix);
	}
}

void
lint_csv_header(FILE *f)
{
	fputs("path,kind,id,result,found,page,line,rule,fix\n", f);
}

void
lint_csv(FILE *f, const struct lint *l)
{
	char	*k = kinds_list(l->kinds);
	size_t	 i;

	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		put_csv(f, l->path);
		fputc(',', f);
		put_csv(f, k);
		fprintf(f, ",%s,%s,", lint_id_name(i),
		    lint_result_name(c->result));
		put_csv(f, c->found != NULL ? c->found : "");
		if (c->page > 0)
			fprintf(f, ",%u", c->page);
		else
			fputc(',', f);
		if (c->line > 0)
			fprintf(f, ",%ld,", c->line);
		else
			fputs(",,", f);
		put_csv(f, c->rule);
		fputc(',', f);
		put_csv(f, c->fix != NULL ? c->fix : "");
		fputc('\n', f);
	}
	free(k);
}

#define el html_el

static const char css[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #bbb;"
    "padding:.2em .5em;text-align:left;vertical-align:top}"
    ".pass{background:#d7f5d7}.warn{background:#fdf0c4}"
    ".fail{background:#f8c4c4}";

void
lint_html_section(xmlNodePtr body, const struct lint *l, const char *tag)
{
	static const char *const heads[] = { "check", "result", "found",
	    "where", "rule", "fix", NULL };
	xmlNodePtr	 tab, tr;
	char		*k = kinds_list(l->kinds);
	struct buf	 h = { 0 };
	char		 w[64];
	size_t		 i;

	buf_printf(&h, "%s (%s)", l->path, k);
	free(k);
	el(body, tag, h.data);
	buf_free(&h);
	if (l->incomplete)
		el(body, "p", "The statement could not be read completely: "
		    "these results are incomplete.");
	tab = el(body, "table", NULL);
	xmlNewProp(tab, (const xmlChar *)"class", (const xmlChar *)"lint");
	tr = el(tab, "tr", NULL);
	for (i = 0; heads[i] != NULL; i++)
		el(tr, "th", heads[i]);
	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		tr = el(tab, "tr", NULL);
		xmlNewProp(tr, (const xmlChar *)"class",
		    (const xmlChar *)lint_result_name(c->result));
		el(tr, "td", lint_id_name(i));
		el(tr, "td", lint_result_name(c->result));
		el(tr, "td", c->found != NULL ? c->found : "");
		where(w, sizeof(w), c);
		el(tr, "td", w);
		el(tr, "td", c->rule);
		el(tr, "td", c->fix != NULL ? c->fix : "");
	}
}

int
lint_html(FILE *out, const struct lint *ls, size_t n)
{
	htmlDocPtr	 doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr	 html, head, body;
	size_t		 s;

	html = xmlNewNode(NULL, (const xmlChar *)"html");
	xmlDocSetRootElement(doc, html);
	xmlNewProp(html, (const xmlChar *)"lang", (const xmlChar *)"en");
	head = el(html, "head", NULL);
	xmlNewProp(el(head, "meta", NULL), (const xmlChar *)"charset",
	    (const xmlChar *)"utf-8");
	el(head, "title", "auditscope lint");
	el(head, "style", css);
	body = el(html, "body", NULL);
	el(body, "h1", "auditscope lint");
	for (s = 0; s < n; s++)
		lint_html_section(body, &ls[s], "h2");
	fputs("<!DOCTYPE html>\n", out);
	htmlDocDump(out, doc);
	xmlFreeDoc(doc);
	return 0;
}

/* check's lint: how many fail and warn checks, over all statements. */
void
check_lint_counts(const struct check *ck, const struct lint *lints,
    size_t *nfail, size_t *nwarn)
{
	size_t	 i, k;

	*nfail = *nwarn = 0;
	for (i = 0; lints != NULL && i < ck->nsc; i++)
		for (k = 0; k < NLINT; k++) {
			if (lints[i].checks[k].result == LINT_FAIL)
				(*nfail)++;
			else if (lints[i].checks[k].result == LINT_WARN)
				(*nwarn)++;
		}
}
