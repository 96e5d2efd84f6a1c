/*
 * The HTML reports (report/report.h): `lint -f html`, a table per
 * statement, and `check -f html`, one self-contained page for the
 * auditor's file: the summary, the findings, and the hierarchy drawn as
 * a tree with each certificate's status in each statement.  Built with libxml2's tree API,
 * so every string from a certificate or statement is escaped by the
 * serialiser; terminal-unsafe characters (bidi overrides that would
 * reorder a fingerprint on screen) are escaped first with esc_term.  No
 * script, no external resource.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/* One statement's heading (element tag) and table, appended to body. */
static void	lint_html_section(xmlNodePtr body, const struct lint *,
	    const char *tag);

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
    ".missing-row{background:#fde0e0;outline:2px solid #f36b6b}"
    "li.finding-missing{margin-bottom:.5em}li.finding-missing>strong{color:#b00}"
    "table.lint tr.warn{background:#fdf0c4}table.lint tr.fail{background:#f8c4c4}"
    "ul.detail{list-style:none;padding-left:1.5em;font-size:95%}"
    "ul.detail>li>span:first-child{color:#555}"
    "details.not-required>summary{cursor:pointer;color:#555}"
    "summary.row{cursor:pointer}"
    "#provenance ul{font-size:85%;list-style:none;padding-left:0}"
    "#provenance summary h2{display:inline;cursor:pointer}"
    "#provenance li{overflow-wrap:anywhere}"
    "@media print{body{margin:0;font-size:9pt}"
    "details::details-content{content-visibility:visible;display:block}"
    "details>summary::marker{content:''}"
    "details:not([open])>*:not(summary){display:block}"
    ".badge,.missing-row,.banner{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}"
    "li,tr{break-inside:avoid}thead{display:table-header-group}}";

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *text)
{
	return html_el(parent, name, text);
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

/*
 * Levels of the hierarchy the page draws: real ones are under ten deep,
 * and each level nests three elements, so a hostile chain of 100,000
 * (one input of 47 MB) overflowed the stack.  Deeper is said, not drawn.
 */
#define HTML_TREE_DEPTH	200

struct hwalk {
	const struct check	*ck;
	unsigned char		*expanded;	/* per key group */
	unsigned char		*onpath;
	unsigned char		*reached;	/* per certificate */
	size_t			 cut;		/* subtrees not drawn */
};

/*
 * One certificate of the hierarchy: its row (subject, fingerprint, a mark
 * per statement) and, in a <details> open by default, what it issued.  A
 * missing certificate's row is marked, not the subtree under it.
 */
static void
node(struct hwalk *w, xmlNodePtr ul, size_t ci, size_t depth)
{
	const struct inventory	*inv = w->ck->inv;
	const struct hierarchy	*h = w->ck->h;
	const struct hnode	*c = &h->node[ci];
	xmlNodePtr		 li = el(ul, "li", NULL), row, sub, d = NULL;
	char			 hex[65];
	size_t			 k, nkids = 0;
	int			 any_missing = 0, expand;

	w->reached[ci] = 1;
	for (k = 0; k < c->nchildren; k++)
		if (h->node[c->children[k]].group != c->group)
			nkids++;
	expand = nkids > 0 && !w->onpath[c->group] && !w->expanded[c->group];
	if (expand) {
		d = el(li, "details", NULL);
		xmlNewProp(d, (const xmlChar *)"open", NULL);
		row = el(d, "summary", NULL);
	} else
		row = el(li, "span", NULL);
	fp_hex(inv->certs[ci]->sha256, hex);
	attr(row, "data-sha256", hex);
	text(row, inv->certs[ci]->subject);
	text(row, " ");
	el(row, "code", hex);
	badges(row, w->ck, ci);
	for (k = 0; k < w->ck->nsc; k++) {
		const struct stmt_check *s = &w->ck->sc[k];
		size_t	 f;

		for (f = 0; s->st != NULL && f < s->nf; f++)
			if (s->f[f].kind == F_MISSING &&
			    s->f[f].cert == (long)ci)
				any_missing = 1;
	}
	attr(row, "class", any_missing ? "row missing-row" : "row");
	if (expand && depth >= HTML_TREE_DEPTH) {
		char	 cut[160];

		snprintf(cut, sizeof(cut), "(what this certificate issued is "
		    "more than %d levels below its root and not drawn here: "
		    "auditscope tree shows it)", HTML_TREE_DEPTH);
		el(li, "div", cut);
		w->cut++;
		return;
	}
	if (!expand) {
		if (nkids > 0)
			el(li, "div", w->onpath[c->group] ?
			    "(cycle: this key is already above)" :
			    "(issues the certificates shown under the first "
			    "certificate of this key)");
		return;
	}
	w->expanded[c->group] = 1;
	w->onpath[c->group] = 1;
	sub = el(d, "ul", NULL);
	attr(sub, "class", "tree");
	for (k = 0; k < c->nchildren; k++)
		if (h->node[c->children[k]].group != c->group)
			node(w, sub, c->children[k], depth + 1);
	w->onpath[c->group] = 0;
}

static void
summary_table(xmlNodePtr body, const struct check *ck)
{
	xmlNodePtr	 t = el(body, "table", NULL), tr, tb;
	size_t		 i, j, nm, nu, na;
	char		 num[32], s[11], e[11];

	attr(t, "id", "statements");
	tr = el(el(t, "thead", NULL), "tr", NULL);
	el(tr, "th", "#");
	el(tr, "th", "statement");
	el(tr, "th", "kinds");
	el(tr, "th", "period");
	el(tr, "th", "required");
	el(tr, "th", "listed");
	el(tr, "th", "missing");
	el(tr, "th", "unknown");
	el(tr, "th", "not found by ALV");
	tb = el(t, "tbody", NULL);
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
		nm = nu = na = 0;
		for (j = 0; j < c->nf; j++) {
			nm += c->f[j].kind == F_MISSING;
			nu += c->f[j].kind == F_UNKNOWN;
			na += c->f[j].kind == F_ALV && c->f[j].required;
		}
		tr = el(tb, "tr", NULL);
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
		snprintf(num, sizeof(num), "%zu", na);
		attr(el(tr, "td", num), "class", na ? "missing" : "listed");
		free(k);
	}
}

/* A status in words: "not_capable" reads "not capable". */
static char *
status_words(enum scope_status st)
{
	char	*w = xstrdup(status_name(st)), *p;

	for (p = w; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	return w;
}

/* A labelled line of a finding's detail: "issuer: CN=...". */
static xmlNodePtr
detail(xmlNodePtr ul, const char *label, const char *value)
{
	xmlNodePtr	 li = el(ul, "li", NULL);

	el(li, "span", label);
	text(li, ": ");
	text(li, value);
	return li;
}

/* A missing certificate with everything an auditor asks next. */
static void
missing_detail(xmlNodePtr li, const struct check *ck,
    const struct stmt_check *c, const struct finding *f)
{
	const struct inventory	*inv = ck->inv;
	const struct cert	*cert = inv->certs[f->cert];
	const struct keygroup	*g =
	    &ck->h->groups[ck->h->node[f->cert].group];
	const char * const	*rs;
	xmlNodePtr		 dl, rl;
	struct buf		 b = { 0 };
	char			 nb[11], na[11], hex[65], *t;
	size_t			 r, n, m;

	dl = el(li, "ul", NULL);
	attr(dl, "class", "detail");
	detail(dl, "issuer", cert->issuer);
	time_format_date(cert->not_before, nb);
	time_format_date(cert->not_after, na);
	buf_printf(&b, "%s to %s", nb, na);
	t = buf_take(&b);
	detail(dl, "valid", t);
	free(t);
	detail(dl, "required for", kind_title(f->audit));
	rl = el(el(dl, "li", "why:"), "ul", NULL);
	attr(rl, "class", "reasons");
	rs = scope_reasons(c->scope, (size_t)f->cert, f->audit, &n);
	for (r = 0; r < n; r++)
		if (!scope_reason_is_twin_hint(rs[r]))	/* "twin" rows say more */
			el(rl, "li", rs[r]);
	for (m = 0; m < g->nmembers; m++) {
		const struct cert *sib = inv->certs[g->members[m]];

		if (sib == cert)
			continue;
		fp_hex(sib->sha256, hex);
		buf_printf(&b, "%s, %s", hex, statement_find(c->st,
		    sib->sha256) != NULL ? "listed here" :
		    "NOT listed here either");
		t = buf_take(&b);
		attr(detail(dl, "same subject and key", t), "class", "twin");
		free(t);
	}
	for (r = 0; r < f->nlisted_in; r++) {
		buf_printf(&b, "listed in %s, not in this statement",
		    ck->sc[f->listed_in[r]].st->path);
		t = buf_take(&b);
		attr(el(dl, "li", t), "class", "listed-elsewhere");
		free(t);
	}
	if ((t = unlisted_text(c->st, f->sha256)) != NULL) {
		attr(el(dl, "li", t), "class", "shown-unlisted");
		free(t);
	}
	if ((t = typo_text(c, f)) != NULL) {
		attr(el(dl, "li", t), "class", "typo-listed");
		free(t);
	}
}

/* One finding as a list item: what, fingerprint, subject, detail. */
static void
finding_item(xmlNodePtr ul, const struct check *ck,
    const struct stmt_check *c, const struct finding *f)
{
	const struct inventory	*inv = ck->inv;
	xmlNodePtr		 li = el(ul, "li", NULL);
	char			 hex[65], cl[64], *w;

	snprintf(cl, sizeof(cl), "finding-%s", finding_name(f->kind));
	attr(li, "class", cl);
	fp_hex(f->sha256, hex);
	attr(li, "data-sha256", hex);
	el(li, "strong", f->kind == F_MISSING ? "MISSING" :
	    f->kind == F_UNKNOWN ? "UNKNOWN" : f->kind == F_NOT_REQUIRED ?
	    "listed, not required" : f->kind == F_SHA1_ONLY ?
	    "listed by SHA-1 only" : f->required ? "NOT FOUND BY ALV "
	    "(required; write it in upper case, without separators, on one "
	    "line)" : "ALV will not find it as written");
	/* --baseline: as in the text report, known or new. */
	if (ck->baseline_used)
		attr(el(li, "span", f->known ? " (known)" : " (new)"),
		    "class", f->known ? "baseline-known" : "baseline-new");
	text(li, " ");
	el(li, "code", hex);
	if (f->cert >= 0) {
		text(li, " ");
		el(li, "span", inv->certs[f->cert]->subject);
	}
	switch (f->kind) {
	case F_MISSING:
		missing_detail(li, ck, c, f);
		break;
	case F_UNKNOWN: {
		const struct stmt_fp *fp = statement_find(c->st, f->sha256);
		char		*ex = owner_excluded_text(ck, f->sha256);

		/* As the text report: one --owner removed is named so. */
		if (ex != NULL) {
			text(li, ": ");
			text(li, ex);
			free(ex);
			break;
		}
		text(li, ": matches no certificate of the inventory");
		if (f->nearest >= 0) {
			fp_hex(inv->certs[f->nearest]->sha256, hex);
			text(li, "; ");
			text(li, f->typo);
			text(li, " from ");
			el(li, "code", hex);
			text(li, " (");
			text(li, inv->certs[f->nearest]->subject);
			text(li, ")");
		}
		/* Where to correct it, as the text report says. */
		if (fp != NULL && fp->nlocs > 0) {
			char	*at = extract_locs_text(fp->locs, fp->nlocs);
			xmlNodePtr dl = el(li, "ul", NULL);

			attr(dl, "class", "detail");
			detail(dl, "listed at", at);
			free(at);
		}
		break;
	}
	case F_NOT_REQUIRED:
		w = status_words(f->status);
		text(li, ": ");
		attr(el(li, "em", w), "class", "status");
		free(w);
		break;
	case F_ALV:
		text(li, ": ");
		text(li, f->detail);
		break;
	default:
		break;
	}
}

static void
findings(xmlNodePtr body, const struct check *ck, int findings_only)
{
	size_t			 i, j, nnr;
	char			 line[64];

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		xmlNodePtr	 ul = NULL, nr = NULL, d;

		if (c->st == NULL)
			continue;
		for (j = nnr = 0; j < c->nf; j++)
			nnr += c->f[j].kind == F_NOT_REQUIRED;
		if (c->nf == 0 || (findings_only && c->nf == nnr))
			continue;
		el(body, "h3", c->st->path);
		for (j = 0; j < c->nf; j++) {
			if (c->f[j].kind != F_NOT_REQUIRED) {
				if (ul == NULL) {
					ul = el(body, "ul", NULL);
					attr(ul, "class", "finding-list");
				}
				finding_item(ul, ck, c, &c->f[j]);
			} else if (!findings_only) {
				/* Information, not findings: folded away. */
				if (nr == NULL) {
					d = el(body, "details", NULL);
					attr(d, "class", "not-required");
					snprintf(line, sizeof(line), "%zu listed, "
					    "not required", nnr);
					el(d, "summary", line);
					nr = el(d, "ul", NULL);
					attr(nr, "class", "finding-list");
				}
				finding_item(nr, ck, c, &c->f[j]);
			}
		}
	}
}

/* The INCOMPLETE banner's detail: each input not read, and why. */
static void
unread_list(xmlNodePtr body, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	xmlNodePtr		 ul = el(body, "ul", NULL);
	struct buf		 b = { 0 };
	char			*t;
	size_t			 i;

	attr(ul, "id", "incomplete");
	for (i = 0; i < ck->nunread; i++) {
		buf_printf(&b, "statement %s: not read (see the messages "
		    "on standard error); not checked", ck->unread[i]);
		t = buf_take(&b);
		el(ul, "li", t);
		free(t);
	}
	for (i = 0; i < inv->ninputs; i++) {
		if (inv->inputs[i].errors == 0)
			continue;
		buf_printf(&b, "input %s: %u error%s (%s); certificates in "
		    "it may be missing from the hierarchy",
		    inv->inputs[i].path, inv->inputs[i].errors,
		    inv->inputs[i].errors == 1 ? "" : "s",
		    inv->inputs[i].read ? "unreadable content" :
		    "could not be read");
		t = buf_take(&b);
		el(ul, "li", t);
		free(t);
	}
}

/* What the report was made from, one line each, as the text header. */
static void
provenance(xmlNodePtr body, const struct provenance *pv)
{
	xmlNodePtr	 sec, ul;
	char		**v, line[128];
	size_t		 i, n;

	sec = el(body, "details", NULL);
	attr(sec, "id", "provenance");
	xmlNewProp(sec, (const xmlChar *)"open", NULL);
	v = prov_lines(pv, &n);
	snprintf(line, sizeof(line), "Provenance (%zu lines: inputs, "
	    "statements, audited roots, assumptions)", n);
	el(el(sec, "summary", NULL), "h2", line);
	ul = el(sec, "ul", NULL);
	for (i = 0; i < n; i++)
		el(ul, "li", v[i]);
	prov_lines_free(v, n);
}

/* The audited roots' hierarchies: what the statements are about. */
static void
hierarchy(xmlNodePtr body, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	const struct scope	*sc = ck->nscopes > 0 ? ck->scopes[0] : NULL;
	struct hwalk		 w;
	xmlNodePtr		 ul;
	size_t			 i, outside = 0;
	char			 line[160];

	el(body, "h2", "Hierarchy");
	el(body, "p", "Under each audited root, each certificate carries one "
	    "mark per statement (#N as in the table above): listed, MISSING "
	    "(required, not listed), listed, not required, or - (not "
	    "required, not listed).");
	memset(&w, 0, sizeof(w));
	w.ck = ck;
	w.expanded = xcalloc(ck->h->ngroups + 1, 1);
	w.onpath = xcalloc(ck->h->ngroups + 1, 1);
	w.reached = xcalloc(inv->ncerts + 1, 1);
	ul = el(body, "ul", NULL);
	attr(ul, "class", "tree");
	attr(ul, "id", "hierarchy");
	for (i = 0; i < inv->ncerts; i++)
		if (sc != NULL ? scope_is_anchor(sc, i) :
		    ck->h->node[i].self_signed || ck->h->node[i].nparents == 0)
			node(&w, ul, i, 0);
	for (i = 0; i < inv->ncerts; i++)
		outside += !w.reached[i];
	if (outside > 0) {
		if (w.cut > 0)
			snprintf(line, sizeof(line), "%zu certificates outside "
			    "the audited roots' hierarchies, or in %zu "
			    "subtree%s more than %d levels below a root, are "
			    "not drawn.", outside, w.cut, w.cut > 1 ? "s" : "",
			    HTML_TREE_DEPTH);
		else
			snprintf(line, sizeof(line), "%zu certificates outside "
			    "the audited roots' hierarchies are not drawn.",
			    outside);
		attr(el(body, "p", line), "id", "outside");
	}
	free(w.expanded);
	free(w.onpath);
	free(w.reached);
}

void
check_html(FILE *out, const struct check *ck, const struct lint *lints,
    const struct provenance *pv, int complete, int findings_only)
{
	htmlDocPtr		 doc;
	xmlNodePtr		 html, head, body, b, meta;
	size_t			 i, nm, nu, na, nf = 0, nw = 0;
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
	{
		char	 d[11];

		/*
		 * Printed as an attachment: A4, and on every page a head that
		 * says what this is (a page margin box; no input text in it).
		 */
		time_format_date(pv->ro->now, d);
		snprintf(line, sizeof(line), "@page{size:A4;margin:20mm 12mm "
		    "15mm;@top-left{content:\"auditscope check at %s: %s\";"
		    "font:8pt sans-serif;color:#555}@bottom-right{content:"
		    "\"page \" counter(page) \" of \" counter(pages);"
		    "font:8pt sans-serif;color:#555}}", d, !complete ?
		    "INCOMPLETE" : check_findings(ck, 0) == 0 ? "all clear" :
		    "findings");
		el(head, "style", line);
	}
	body = el(html, "body", NULL);
	nm = check_count(ck, F_MISSING, 0);
	nu = check_count(ck, F_UNKNOWN, 0);
	na = check_findings(ck, 0) - nm - nu;
	el(body, "h1", "auditscope check");
	if (!complete)
		snprintf(line, sizeof(line), "INCOMPLETE: an input could "
		    "not be read, or nothing was checked; this report is not "
		    "an all-clear");
	else if (nm + nu + na == 0 && (check_lint_counts(ck, lints, &nf, &nw),
	    nf + nw > 0))
		snprintf(line, sizeof(line), "All clear on the fingerprints: "
		    "every required certificate is listed; lint: %zu fail, "
		    "%zu warn (see below)", nf, nw);
	else if (nm + nu + na == 0)
		snprintf(line, sizeof(line), "All clear: every required "
		    "certificate is listed");
	else if (na > 0)
		snprintf(line, sizeof(line), "%zu missing, %zu unknown, %zu "
		    "required but written where ALV will not find %s", nm, nu,
		    na, na == 1 ? "it" : "them");
	else
		snprintf(line, sizeof(line), "%zu missing, %zu unknown", nm,
		    nu);
	b = el(body, "p", line);
	attr(b, "id", "banner");
	attr(b, "class", !complete ? "banner incomplete" : nm + nu + na ?
	    "banner findings" : "banner clear");
	if (!complete)
		unread_list(body, ck);
	summary_table(body, ck);
	provenance(body, pv);
	if (findings_only && (i = check_count(ck, F_NOT_REQUIRED, 0)) > 0) {
		snprintf(line, sizeof(line), "%zu listed, not required: not "
		    "shown (--findings-only)", i);
		attr(el(body, "p", line), "id", "omitted");
	}
	el(body, "h2", "Findings");
	findings(body, ck, findings_only);
	if (ck->nresolved > 0) {
		xmlNodePtr	 ul;

		el(body, "h2", "Resolved since the baseline");
		ul = el(body, "ul", NULL);
		attr(ul, "id", "resolved");
		for (i = 0; i < ck->nresolved; i++) {
			xmlNodePtr li = el(ul, "li", NULL);

			el(li, "strong", ck->resolved[i].category);
			text(li, " ");
			el(li, "code", ck->resolved[i].sha256);
			text(li, " in ");
			text(li, ck->resolved[i].statement);
		}
	}
	el(body, "h2", "Lint (CCADB Policy 5.2, ALV)");
	for (i = 0; i < ck->nsc; i++)
		if (lints[i].path != NULL)
			lint_html_section(body, &lints[i], "h3");
	/* --findings-only: the findings and the summary, no hierarchy. */
	if (!findings_only)
		hierarchy(body, ck);
	fputs("<!DOCTYPE html>\n", out);
	htmlDocDump(out, doc);
	xmlFreeDoc(doc);
}

/* lint -f html: a table per statement. */
static const char lint_css[] =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #bbb;"
    "padding:.2em .5em;text-align:left;vertical-align:top}"
    ".pass{background:#d7f5d7}.warn{background:#fdf0c4}"
    ".fail{background:#f8c4c4}";

static void
lint_html_section(xmlNodePtr body, const struct lint *l, const char *tag)
{
	static const char *const heads[] = { "check", "result", "found",
	    "where", "rule", "fix", NULL };
	xmlNodePtr	 tab, tr;
	char		*k = lint_kinds_list(l->kinds);
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
		lint_where(w, sizeof(w), c);
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
	el(head, "style", lint_css);
	body = el(html, "body", NULL);
	el(body, "h1", "auditscope lint");
	for (s = 0; s < n; s++)
		lint_html_section(body, &ls[s], "h2");
	fputs("<!DOCTYPE html>\n", out);
	htmlDocDump(out, doc);
	xmlFreeDoc(doc);
	return 0;
}
