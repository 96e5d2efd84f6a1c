/*
 * `check -f html`: one self-contained page for the auditor's file: the
 * summary, the findings, and the hierarchy drawn as a tree with each
 * certificate's status in each statement.  Built with libxml2's tree API,
 * so every string from a certificate or statement is escaped by the
 * serialiser; terminal-unsafe characters (bidi overrides that would
 * reorder a fingerprint on screen) are escaped first with esc_term.  No
 * script, no external resource.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "auditscope.h"
#include "cli.h"
#include "provenance.h"
#include "reconcile.h"
#include "report.h"
#include "statement.h"

static const char css[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "code{font-family:monospace;font-size:90%}"
    "table{border-collapse:collapse}td,th{border:1px solid #bbb;"
    "padding:.2em .5em;text-align:left}"
    ".banner{padding:.5em 1em;font-weight:bold}"
    ".clear{background:#d7f5d7}.banner.findings{background:#fde2c4}"
    ".incomplete{background:#f8c4c4}"
    "ul.tree{list-style:none;padding-left:1.2em;border-left:1px dotted #999}"
    ".badge{display:inline-block;margin-left:.3em;padding:0 .4em;"
    "border-radius:.3em;font-size:80%}"
    ".listed{background:#9be29b}.missing{background:#f36b6b;color:#fff}"
    ".extra{background:#b8cde8}.excluded{background:#e4e4e4;color:#666}"
    ".missing-row{background:#fde0e0}"
    "li.finding-missing{margin-bottom:.5em}li.finding-missing>strong{color:#b00}";

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *text)
{
	char		*t = text != NULL ? esc_term(text) : NULL;
	xmlNodePtr	 n;

	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)t);
	free(t);
	return n;
}

static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	char	*t = esc_term(value);

	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)t);
	free(t);
}

static void
text(xmlNodePtr n, const char *s)
{
	char	*t = esc_term(s);

	xmlAddChild(n, xmlNewText((const xmlChar *)t));
	free(t);
}

static const char *
badge_class(const struct stmt_check *c, size_t ci, const char **label)
{
	enum audit_kind	 k;

	if (stmt_requires(c, ci, &k)) {
		*label = "required";
		return "req";
	}
	*label = "not required";
	return "notreq";
}

/* One certificate's badge per statement: listed, MISSING, extra, -. */
static void
badges(xmlNodePtr li, const struct check *ck, size_t ci)
{
	const struct cert	*cert = ck->inv->certs[ci];
	size_t			 i;

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		const char	*label, *cls, *state;
		int		 listed;
		xmlNodePtr	 b;
		struct buf	 t = { 0 };
		char		*title;

		if (c->st == NULL)
			continue;
		listed = statement_find(c->st, cert->sha256) != NULL;
		cls = badge_class(c, ci, &label);
		if (strcmp(cls, "req") == 0) {
			cls = listed ? "listed" : "missing";
			state = listed ? "listed" : "MISSING";
		} else {
			cls = listed ? "extra" : "excluded";
			state = listed ? "listed, not required" : "-";
		}
		{
			char	 t2[64];

			snprintf(t2, sizeof(t2), "#%zu %s", i + 1, state);
			b = el(li, "span", t2);
		}
		buf_printf(&t, "statement %s: %s, %s", c->st->path, label,
		    listed ? "listed" : "not listed");
		title = buf_take(&t);
		attr(b, "title", title);
		free(title);
		{
			char	 cl[64];

			snprintf(cl, sizeof(cl), "badge %s", cls);
			attr(b, "class", cl);
		}
		attr(b, "data-statement", c->st->path);
	}
}

struct hwalk {
	const struct check	*ck;
	unsigned char		*expanded;	/* per key group */
	unsigned char		*onpath;
};

static void
node(struct hwalk *w, xmlNodePtr ul, size_t ci)
{
	const struct inventory	*inv = w->ck->inv;
	const struct cert	*c = inv->certs[ci];
	xmlNodePtr		 li = el(ul, "li", NULL), sub;
	char			 hex[65];
	size_t			 k, nkids = 0;
	int			 any_missing = 0;

	fp_hex(c->sha256, hex);
	attr(li, "data-sha256", hex);
	text(li, c->subject);
	text(li, " ");
	el(li, "code", hex);
	badges(li, w->ck, ci);
	for (k = 0; k < w->ck->nsc; k++) {
		const struct stmt_check *s = &w->ck->sc[k];
		size_t	 f;

		for (f = 0; s->st != NULL && f < s->nf; f++)
			if (s->f[f].kind == F_MISSING &&
			    s->f[f].cert == (long)ci)
				any_missing = 1;
	}
	if (any_missing)
		attr(li, "class", "missing-row");
	for (k = 0; k < c->nchildren; k++)
		if (inv->certs[c->children[k]]->group != c->group)
			nkids++;
	if (nkids == 0 || w->onpath[c->group] || w->expanded[c->group]) {
		if (nkids > 0)
			el(li, "div", w->onpath[c->group] ?
			    "(cycle: this key is already above)" :
			    "(issues the certificates shown under the first "
			    "certificate of this key)");
		return;
	}
	w->expanded[c->group] = 1;
	w->onpath[c->group] = 1;
	sub = el(li, "ul", NULL);
	attr(sub, "class", "tree");
	for (k = 0; k < c->nchildren; k++)
		if (inv->certs[c->children[k]]->group != c->group)
			node(w, sub, c->children[k]);
	w->onpath[c->group] = 0;
}

static void
summary_table(xmlNodePtr body, const struct check *ck)
{
	xmlNodePtr	 t = el(body, "table", NULL), tr;
	size_t		 i, j, nm, nu;
	char		 num[32], s[11], e[11];

	attr(t, "id", "statements");
	tr = el(t, "tr", NULL);
	el(tr, "th", "#");
	el(tr, "th", "statement");
	el(tr, "th", "kinds");
	el(tr, "th", "period");
	el(tr, "th", "required");
	el(tr, "th", "listed");
	el(tr, "th", "missing");
	el(tr, "th", "unknown");
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		struct buf	 kb = { 0 };
		char		*k;
		unsigned	 b;

		if (c->st == NULL)
			continue;
		for (b = 0; b < NKINDS; b++)
			if (c->kinds & KIND_BIT(b))
				buf_printf(&kb, "%s%s", kb.len ? ", " : "",
				    kind_title((enum audit_kind)b));
		k = buf_take(&kb);
		nm = nu = 0;
		for (j = 0; j < c->nf; j++) {
			nm += c->f[j].kind == F_MISSING;
			nu += c->f[j].kind == F_UNKNOWN;
		}
		tr = el(t, "tr", NULL);
		snprintf(num, sizeof(num), "#%zu", i + 1);
		el(tr, "td", num);
		el(tr, "td", c->st->path);
		el(tr, "td", k);
		time_format_date(c->period.start, s);
		time_format_date(c->period.end, e);
		snprintf(num, sizeof(num), "%s..%s", s, e);
		el(tr, "td", num);
		snprintf(num, sizeof(num), "%zu", c->required);
		el(tr, "td", num);
		snprintf(num, sizeof(num), "%zu", c->listed);
		el(tr, "td", num);
		snprintf(num, sizeof(num), "%zu", nm);
		attr(el(tr, "td", num), "class", nm ? "missing" : "listed");
		snprintf(num, sizeof(num), "%zu", nu);
		attr(el(tr, "td", num), "class", nu ? "missing" : "listed");
		free(k);
	}
}

static void
findings(xmlNodePtr body, const struct check *ck, int findings_only)
{
	const struct inventory	*inv = ck->inv;
	size_t			 i, j, r, n, shown;
	char			 hex[65];

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		xmlNodePtr	 ul;

		if (c->st == NULL)
			continue;
		for (j = shown = 0; j < c->nf; j++)
			shown += !findings_only ||
			    c->f[j].kind != F_NOT_REQUIRED;
		if (shown == 0)
			continue;
		el(body, "h3", c->st->path);
		ul = el(body, "ul", NULL);
		attr(ul, "class", "finding-list");
		for (j = 0; j < c->nf; j++) {
			const struct finding *f = &c->f[j];
			xmlNodePtr	 li;

			if (findings_only && f->kind == F_NOT_REQUIRED)
				continue;
			li = el(ul, "li", NULL);

			{
				char	 cl[64];

				snprintf(cl, sizeof(cl), "finding-%s",
				    finding_name(f->kind));
				attr(li, "class", cl);
			}
			fp_hex(f->sha256, hex);
			el(li, "strong", finding_name(f->kind));
			text(li, " ");
			el(li, "code", hex);
			if (f->cert >= 0) {
				text(li, " ");
				text(li, inv->certs[f->cert]->subject);
			}
			if (f->kind == F_MISSING) {
				const char * const *rs = scope_reasons(c->scope,
				    (size_t)f->cert, f->audit, &n);
				xmlNodePtr rl = el(li, "ul", NULL);

				for (r = 0; r < n; r++)
					el(rl, "li", rs[r]);
				for (r = 0; r < f->nlisted_in; r++) {
					struct buf b = { 0 };
					char	*s;

					buf_printf(&b, "listed in %s, not in "
					    "this statement",
					    ck->sc[f->listed_in[r]].st->path);
					s = buf_take(&b);
					el(rl, "li", s);
					free(s);
				}
			} else if (f->kind == F_UNKNOWN && f->nearest >= 0) {
				fp_hex(inv->certs[f->nearest]->sha256, hex);
				text(li, ": ");
				text(li, f->typo);
				text(li, " from ");
				el(li, "code", hex);
			} else if (f->kind == F_NOT_REQUIRED) {
				text(li, ": ");
				text(li, status_name(f->status));
			} else if (f->kind == F_ALV) {
				text(li, ": ");
				text(li, f->detail);
			}
		}
	}
}

/* What the report was made from, one line each, as the text header. */
static void
provenance(xmlNodePtr body, const struct provenance *pv)
{
	xmlNodePtr	 sec, ul;
	char		**v;
	size_t		 i, n;

	sec = el(body, "section", NULL);
	attr(sec, "id", "provenance");
	el(sec, "h2", "Provenance");
	ul = el(sec, "ul", NULL);
	v = prov_lines(pv, &n);
	for (i = 0; i < n; i++)
		el(ul, "li", v[i]);
	prov_lines_free(v, n);
}

static void
hierarchy(xmlNodePtr body, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	struct hwalk		 w;
	xmlNodePtr		 ul;
	size_t			 i;

	el(body, "h2", "Hierarchy");
	el(body, "p", "Each certificate carries one mark per statement (#N as "
	    "in the table above): listed, MISSING (required, not listed), "
	    "listed, not required, or - (not required, not listed).");
	memset(&w, 0, sizeof(w));
	w.ck = ck;
	w.expanded = xcalloc(inv->ngroups + 1, 1);
	w.onpath = xcalloc(inv->ngroups + 1, 1);
	ul = el(body, "ul", NULL);
	attr(ul, "class", "tree");
	attr(ul, "id", "hierarchy");
	for (i = 0; i < inv->ncerts; i++)
		if (inv->certs[i]->self_signed || inv->certs[i]->nparents == 0)
			node(&w, ul, i);
	free(w.expanded);
	free(w.onpath);
}

void
check_html(FILE *out, const struct check *ck, const struct provenance *pv,
    int complete, int findings_only)
{
	htmlDocPtr		 doc;
	xmlNodePtr		 html, head, body, b, meta;
	size_t			 i, nm, nu;
	char			 line[256];

	doc = htmlNewDocNoDtD(NULL, NULL);
	html = xmlNewNode(NULL, (const xmlChar *)"html");
	xmlDocSetRootElement(doc, html);
	attr(html, "lang", "en");
	head = el(html, "head", NULL);
	meta = el(head, "meta", NULL);
	attr(meta, "charset", "utf-8");
	el(head, "title", "auditscope check");
	el(head, "style", css);
	body = el(html, "body", NULL);
	el(body, "h1", "auditscope check");
	nm = check_count(ck, F_MISSING, 0);
	nu = check_count(ck, F_UNKNOWN, 0);
	if (!complete)
		snprintf(line, sizeof(line), "INCOMPLETE: some input could "
		    "not be read; this report is not an all-clear");
	else if (nm + nu == 0)
		snprintf(line, sizeof(line), "All clear: every required "
		    "certificate is listed");
	else
		snprintf(line, sizeof(line), "%zu missing, %zu unknown", nm,
		    nu);
	b = el(body, "p", line);
	attr(b, "id", "banner");
	attr(b, "class", !complete ? "banner incomplete" : nm + nu ?
	    "banner findings" : "banner clear");
	provenance(body, pv);
	summary_table(body, ck);
	if (findings_only && (i = check_count(ck, F_NOT_REQUIRED, 0)) > 0) {
		snprintf(line, sizeof(line), "%zu listed, not required: not "
		    "shown (--findings-only)", i);
		attr(el(body, "p", line), "id", "omitted");
	}
	el(body, "h2", "Findings");
	findings(body, ck, findings_only);
	/* --findings-only: the findings and the summary, no hierarchy. */
	if (!findings_only)
		hierarchy(body, ck);
	fputs("<!DOCTYPE html>\n", out);
	htmlDocDump(out, doc);
	xmlFreeDoc(doc);
}

/* `check -f dot`: the hierarchy coloured by the first statement. */
void
check_dot(FILE *out, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	const struct stmt_check	*c = NULL;
	size_t			 i, k;
	char			 hex[65], phex[65];

	for (i = 0; i < ck->nsc && c == NULL; i++)
		if (ck->sc[i].st != NULL)
			c = &ck->sc[i];
	fputs("digraph auditscope_check {\n  rankdir=LR;\n  node [shape=box, "
	    "style=filled, fontsize=10];\n", out);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *cert = inv->certs[i];
		const char	*label, *color = "gray90";
		char		*name = cert_label(cert), *p;
		int		 listed = c != NULL &&
				    statement_find(c->st, cert->sha256) != NULL;

		if (c != NULL && strcmp(badge_class(c, i, &label), "req") == 0)
			color = listed ? "palegreen" : "tomato";
		else if (listed)
			color = "lightsteelblue";
		fp_hex(cert->sha256, hex);
		fprintf(out, "  \"%s\" [fillcolor=%s, label=\"", hex, color);
		for (p = esc_term(name), k = 0; p[k] != '\0'; k++) {
			if (p[k] == '"' || p[k] == '\\')
				fputc('\\', out);
			fputc(p[k], out);
		}
		fprintf(out, "\\n%.16s\"];\n", hex);
		free(p);
		free(name);
	}
	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < inv->certs[i]->nparents; k++) {
			fp_hex(inv->certs[inv->certs[i]->parents[k]]->sha256,
			    phex);
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(out, "  \"%s\" -> \"%s\";\n", phex, hex);
		}
	fputs("}\n", out);
}
