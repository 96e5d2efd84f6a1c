/*
 * auditscope check: the main job.  Each statement is checked against its
 * own kind and period (given as KIND= and --period, or as the statement
 * says); the report leads with what is missing, then what matches
 * nothing, then information.  A run that could not read an input says so
 * and never ends in an all-clear.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "cmd/cmd.h"

static size_t
count(const struct stmt_check *c, enum finding_kind k)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->nf; i++)
		if (c->f[i].kind == k)
			n++;
	return n;
}

/*
 * MISSING and UNKNOWN stand out at a terminal: red and yellow, unless
 * NO_COLOR is set (https://no-color.org); elsewhere the plain word.
 */
static int
want_color(FILE *f)
{
	const char	*nc = getenv("NO_COLOR");

	return isatty(fileno(f)) && (nc == NULL || *nc == '\0');
}

static void
put_alert(FILE *f, const char *word, int color)
{
	if (color)
		fprintf(f, "\033[1;%sm%s\033[0m",
		    word[0] == 'M' ? "31" : "33", word);
	else
		fputs(word, f);
}

static void
text_summary(FILE *f, const struct stmt_check *c, int findings_only,
    int color)
{
	struct buf	 b = { 0 };
	char		 s[11], e[11], *t;

	time_format_date(c->period.start, s);
	time_format_date(c->period.end, e);
	kinds_titles(&b, c->kinds, " + ");
	t = buf_take(&b);
	put_term(f, c->st->path);
	if (c->period.start == c->period.end)
		fprintf(f, " (%s, point in time %s%s)", t, s, c->st->keygen ?
		    ", key-generation report" : "");
	else
		fprintf(f, " (%s, %s..%s%s)", t, s, e, c->st->keygen ?
		    ", key-generation report" : "");
	fprintf(f, ": %zu required, %zu listed, %zu ", c->required,
	    c->listed, count(c, F_MISSING));
	if (count(c, F_MISSING) > 0)
		put_alert(f, "MISSING", color);
	else
		fputs("missing", f);
	fprintf(f, ", %zu unknown", count(c, F_UNKNOWN));
	if (findings_only && count(c, F_NOT_REQUIRED) > 0)
		fprintf(f, "; %zu listed, not required (not shown)",
		    count(c, F_NOT_REQUIRED));
	fputc('\n', f);
	free(t);
}

static void
text_missing(FILE *f, const struct check *ck, const struct stmt_check *c,
    const struct finding *fi, int color)
{
	const struct inventory	*inv = ck->inv;
	const struct cert	*cert = inv->certs[fi->cert];
	const struct keygroup	*g =
	    &ck->h->groups[ck->h->node[fi->cert].group];
	const char * const	*rs;
	char			 hex[65], nb[21], na[21];
	size_t			 n, r, m;

	fp_hex(fi->sha256, hex);
	fputs("  ", f);
	put_alert(f, "MISSING", color);
	fprintf(f, "%s %s  ", ck->baseline_used ? (fi->known ?
	    " (known)" : " (new)") : "", hex);
	put_term(f, cert->subject);
	fputs("\n      issuer: ", f);
	put_term(f, cert->issuer);
	fprintf(f, "\n      valid %s..%s; required for %s because:\n",
	    cert_time(cert, 0, 1, nb), cert_time(cert, 1, 1, na),
	    kind_title(fi->audit));
	rs = scope_reasons(c->scope, (size_t)fi->cert, fi->audit, &n);
	for (r = 0; r < n; r++) {
		if (scope_reason_is_twin_hint(rs[r]))
			continue;	/* the twin lines below say more */
		fputs("        - ", f);
		put_term(f, rs[r]);
		fputc('\n', f);
	}
	for (m = 0; m < g->nmembers; m++) {
		const struct cert *s = inv->certs[g->members[m]];

		if (s == cert)
			continue;
		fp_hex(s->sha256, hex);
		fprintf(f, "      same subject and key: %s, %s\n", hex,
		    statement_find(c->st, s->sha256) ? "listed here" :
		    "NOT listed here either");
	}
	for (m = 0; m < fi->nlisted_in; m++) {
		const struct stmt_check *o = &ck->sc[fi->listed_in[m]];
		struct buf b = { 0 };
		char	*t;

		kinds_titles(&b, o->kinds, " + ");
		t = buf_take(&b);
		fputs("      listed in your ", f);
		fputs(t, f);
		fputs(" statement ", f);
		put_term(f, o->st->path);
		fputs(", not in this one\n", f);
		free(t);
	}
}


/*
 * A listed fingerprint that matches no certificate: one --owner removed
 * is named as such, with the owner CCADB gives it; else maybe a typo.
 */
static void
text_unknown(FILE *f, const struct check *ck, const struct finding *fi,
    const char *known, const char *hex, int color)
{
	const struct inventory *inv = ck->inv;
	const char	*own;
	char		 nhex[65];

	if (ccadb_owner_dropped(ck->db, fi->sha256, &own)) {
		fputs("  ", f);
		put_alert(f, "UNKNOWN", color);
		fprintf(f, "%s %s: excluded by --owner: its CCADB CA Owner is ",
		    known, hex);
		put_term(f, own != NULL ? own : "not given (no record)");
		fputc('\n', f);
		return;
	}
	fputs("  ", f);
	put_alert(f, "UNKNOWN", color);
	fprintf(f, "%s %s: matches no certificate of the inventory", known,
	    hex);
	if (fi->nearest >= 0) {
		fp_hex(inv->certs[fi->nearest]->sha256, nhex);
		fprintf(f, "; %s from %s (", fi->typo, nhex);
		put_term(f, inv->certs[fi->nearest]->subject);
		fputc(')', f);
	}
	fputc('\n', f);
}

/* The statement's lint: counts, then what does not pass. */
static void
text_lint(FILE *f, const struct lint *l)
{
	size_t	 i, n[3] = { 0, 0, 0 };

	for (i = 0; i < NLINT; i++)
		n[l->checks[i].result]++;
	fputs("\nLint of ", f);
	put_term(f, l->path);
	fprintf(f, ": %zu pass, %zu warn, %zu fail (CCADB Policy 5.2, ALV; "
	    "auditscope lint says more)\n", n[LINT_PASS], n[LINT_WARN],
	    n[LINT_FAIL]);
	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		if (c->result == LINT_PASS)
			continue;
		fprintf(f, "  %s  %-19s ", lint_result_name(c->result),
		    lint_id_name(i));
		put_term(f, c->found != NULL ? c->found : "");
		fprintf(f, "\n        fix: %s\n", c->fix);
	}
}

static void
check_text(FILE *f, const struct check *ck, const struct lint *lints,
    int complete, int findings_only)
{
	int			 color = want_color(f);
	const struct inventory	*inv = ck->inv;
	size_t			 i, j;
	char			 hex[65];

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL)
			continue;
		text_summary(f, c, findings_only, color);
	}
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL || c->nf == 0 || (findings_only &&
		    c->nf == count(c, F_NOT_REQUIRED)))
			continue;
		fputc('\n', f);
		put_term(f, c->st->path);
		fputs(":\n", f);
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			const char	*known = !ck->baseline_used ? "" :
			    fi->known ? " (known)" : " (new)";

			fp_hex(fi->sha256, hex);
			switch (fi->kind) {
			case F_MISSING:
				text_missing(f, ck, c, fi, color);
				break;
			case F_UNKNOWN:
				text_unknown(f, ck, fi, known, hex, color);
				break;
			case F_NOT_REQUIRED:
				if (findings_only)
					break;
				fprintf(f, "  listed, not required: %s  ", hex);
				put_term(f, inv->certs[fi->cert]->subject);
				fprintf(f, " (%s)\n", status_name(fi->status));
				break;
			case F_SHA1_ONLY:
				fprintf(f, "  listed by SHA-1 only: %s  ", hex);
				put_term(f, inv->certs[fi->cert]->subject);
				fputc('\n', f);
				break;
			case F_ALV:
				fprintf(f, "  ALV will not find %s as written: ",
				    hex);
				put_term(f, fi->detail);
				fputc('\n', f);
				break;
			case NFINDING:
				break;
			}
		}
	}
	for (i = 0; i < ck->nresolved; i++) {
		if (i == 0)
			fputs("\nResolved since the baseline:\n", f);
		fprintf(f, "  %s ", ck->resolved[i].category);
		put_term(f, ck->resolved[i].sha256);
		fputs(" in ", f);
		put_term(f, ck->resolved[i].statement);
		fputc('\n', f);
	}
	for (i = 0; i < ck->nsc; i++)
		if (lints[i].path != NULL)
			text_lint(f, &lints[i]);
	fputc('\n', f);
	for (i = 0; i < ck->nunread; i++) {
		fputs("NOT CHECKED: ", f);
		put_term(f, ck->unread[i]);
		fputs(" could not be read (see the messages above)\n", f);
	}
	if (!complete)
		fputs("INCOMPLETE: see the messages above (an input could "
		    "not be read, or nothing was checked); this report cannot "
		    "be an all-clear.\n", f);
	else if (check_count(ck, F_MISSING, 0) + check_count(ck, F_UNKNOWN, 0)
	    == 0) {
		size_t	 nf, nw;

		/* The exit status is the fingerprints'; the lint is said. */
		check_lint_counts(ck, lints, &nf, &nw);
		if (nf + nw > 0)
			fprintf(f, "All clear on the fingerprints: every "
			    "required certificate is listed and every listed "
			    "fingerprint is known; lint: %zu fail, %zu warn "
			    "(see above).\n", nf, nw);
		else
			fputs("All clear: every required certificate is "
			    "listed and every listed fingerprint is known.\n",
			    f);
	}
	else
		fprintf(f, "%zu missing, %zu unknown.\n",
		    check_count(ck, F_MISSING, 0),
		    check_count(ck, F_UNKNOWN, 0));
}

static void
period_json(struct jstream *js, const struct period *p)
{
	char	 d[11];

	js_open(js, NULL, CK_PERIOD, '{');
	time_format_date(p->start, d);
	js_str(js, CK_START, d);
	time_format_date(p->end, d);
	js_str(js, CK_END, d);
	js_close(js);
}

/* Every certificate required or listed, and where it is listed. */
static void
reconciliation_json(struct jstream *js, const struct check *ck,
    const struct stmt_check *c)
{
	struct recon_row *r;
	size_t		 i, n;

	r = reconcile_rows(ck, c, &n);
	js_open(js, NULL, "reconciliation", '[');
	for (i = 0; i < n; i++) {
		js_open(js, NULL, NULL, '{');
		js_fp(js, "sha256", r[i].sha256);
		js_str(js, "subject", r[i].cert >= 0 ?
		    ck->inv->certs[r[i].cert]->subject : NULL);
		js_bool(js, "required", r[i].required);
		js_str(js, "status", r[i].cert >= 0 ?
		    status_name(r[i].status) : "not_in_inventory");
		js_put(js, "listed_at", r[i].fp != NULL ?
		    locs_json(r[i].fp->locs, r[i].fp->nlocs) : json_array());
		js_close(js);
	}
	js_close(js);
	free(r);
}

/* One finding of a statement, in the array of its kind. */
static void
finding_json(struct jstream *js, const struct check *ck,
    const struct stmt_check *c, const struct finding *fi)
{
	const struct inventory	*inv = ck->inv;
	size_t			 m, r, n;
	char			 d[21];

	js_open(js, NULL, NULL, '{');
	js_fp(js, CK_SHA256, fi->sha256);
	if (ck->baseline_used && (fi->kind == F_MISSING ||
	    fi->kind == F_UNKNOWN))
		js_bool(js, "new", !fi->known);
	switch (fi->kind) {
	case F_MISSING: {
		const struct cert *ct = inv->certs[fi->cert];
		const struct keygroup *g =
		    &ck->h->groups[ck->h->node[fi->cert].group];
		const char * const *rs;

		js_str(js, "subject", ct->subject);
		js_str(js, "issuer", ct->issuer);
		js_str(js, "not_before", cert_time(ct, 0, 0, d));
		js_str(js, "not_after", cert_time(ct, 1, 0, d));
		js_str(js, "required_for", kind_name(fi->audit));
		rs = scope_reasons(c->scope, (size_t)fi->cert, fi->audit, &n);
		js_open(js, NULL, "reasons", '[');
		for (r = 0; r < n; r++)
			js_str(js, NULL, rs[r]);
		js_close(js);
		js_open(js, NULL, "same_key", '[');
		for (m = 0; m < g->nmembers; m++) {
			const struct cert *sib = inv->certs[g->members[m]];

			if (sib == ct)
				continue;
			js_open(js, NULL, NULL, '{');
			js_fp(js, "sha256", sib->sha256);
			js_bool(js, "listed", statement_find(c->st,
			    sib->sha256) != NULL);
			js_close(js);
		}
		js_close(js);
		js_open(js, NULL, "listed_in", '[');
		for (m = 0; m < fi->nlisted_in; m++)
			js_str(js, NULL, ck->sc[fi->listed_in[m]].st->path);
		js_close(js);
		break;
	}
	case F_UNKNOWN: {
		const char *own;

		if (fi->nearest >= 0)
			js_fp(js, "nearest", inv->certs[fi->nearest]->sha256);
		else
			js_null(js, "nearest");
		js_str(js, "typo", fi->typo);
		if (ccadb_owner_dropped(ck->db, fi->sha256, &own))
			js_str(js, "excluded_by_owner", own != NULL ? own :
			    "");
		break;
	}
	case F_NOT_REQUIRED:
		js_str(js, "subject", inv->certs[fi->cert]->subject);
		js_str(js, "status", status_name(fi->status));
		break;
	case F_SHA1_ONLY: {
		char	 h1[41];

		hex_encode(inv->certs[fi->cert]->sha1, 20, h1);
		js_str(js, "sha1", h1);
		break;
	}
	case F_ALV:
		js_str(js, "written", fi->detail);
		break;
	case NFINDING:
		break;
	}
	js_close(js);
}

/*
 * Written a statement and a finding at a time (issue 18), in the layout
 * the whole tree had: the findings of each kind in an array of their own.
 */
static void
check_json(FILE *f, const struct check *ck, const struct opts *o,
    const struct lint *lints, const struct provenance *pv, int complete,
    unsigned nerrors)
{
	const struct inventory	*inv = ck->inv;
	struct jstream		 js;
	size_t			 i, j, g;
	unsigned		 k;

	js_open(&js, f, NULL, '{');
	js_bool(&js, "complete", complete);
	js_put(&js, "provenance", prov_json(pv));
	js_str(&js, "rules", rules_name((enum scope_rules)o->rules));
	js_open(&js, NULL, "inputs", '[');
	for (i = 0; i < inv->ninputs; i++)
		js_str(&js, NULL, inv->inputs[i].path);
	js_close(&js);
	if (ck->nscopes > 0)
		js_put(&js, "anchor_trust", anchors_json(inv, ck->scopes[0]));
	js_open(&js, NULL, CK_STATEMENTS, '[');
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL)
			continue;
		js_open(&js, NULL, NULL, '{');
		js_str(&js, CK_PATH, c->st->path);
		js_fp(&js, CK_CONTENT, c->st->content_sha256);
		if (ck->baseline_used)
			js_bool(&js, "new", !c->known);
		js_open(&js, NULL, CK_KIND, '[');
		for (k = 0; k < NKINDS; k++)
			if (c->kinds & KIND_BIT(k))
				js_str(&js, NULL, kind_name(k));
		js_close(&js);
		period_json(&js, &c->period);
		js_int(&js, "required", (long long)c->required);
		js_int(&js, "listed", (long long)c->listed);
		reconciliation_json(&js, ck, c);
		for (g = 0; g < CK_NGROUPS; g++) {
			js_open(&js, NULL, ck_groups[g].key, '[');
			for (j = 0; j < c->nf; j++)
				if (c->f[j].kind == ck_groups[g].kind)
					finding_json(&js, ck, c, &c->f[j]);
			js_close(&js);
		}
		if (lints[i].path != NULL)
			js_put(&js, "lint", lint_checks_json(&lints[i]));
		else
			js_null(&js, "lint");
		js_close(&js);
	}
	js_close(&js);
	js_open(&js, NULL, "not_checked", '[');
	for (i = 0; i < ck->nunread; i++)
		js_str(&js, NULL, ck->unread[i]);
	js_close(&js);
	if (ck->baseline_used) {
		js_open(&js, NULL, "resolved", '[');
		for (i = 0; i < ck->nresolved; i++) {
			js_open(&js, NULL, NULL, '{');
			js_str(&js, "statement", ck->resolved[i].statement);
			js_str(&js, "category", ck->resolved[i].category);
			js_str(&js, "sha256", ck->resolved[i].sha256);
			js_close(&js);
		}
		js_close(&js);
	}
	js_open(&js, NULL, "summary", '{');
	js_int(&js, "missing", (long long)check_count(ck, F_MISSING, 0));
	js_int(&js, "unknown", (long long)check_count(ck, F_UNKNOWN, 0));
	js_int(&js, "errors", nerrors);
	js_close(&js);
	js_close(&js);
	(void)js_end(&js);
}

/* The reconciliation columns of a CSV row: required,status,listed_at,reasons */
static void
csv_recon(FILE *f, const struct check *ck, const struct stmt_check *c,
    const struct recon_row *r)
{
	struct buf	 b = { 0 };
	const char * const *rs;
	char		*t;
	size_t		 i, n;

	if (r == NULL) {
		fputs(",,,,", f);
		return;
	}
	fprintf(f, ",%s,%s,", r->required ? "yes" : "no", r->cert >= 0 ?
	    status_name(r->status) : "not_in_inventory");
	if (r->fp != NULL)
		locs_text(&b, r->fp->locs, r->fp->nlocs);
	else
		buf_addstr(&b, "not listed");
	t = buf_take(&b);
	put_csv(f, t);
	free(t);
	fputc(',', f);
	if (r->cert >= 0) {
		rs = scope_reasons(c->scope, (size_t)r->cert, r->audit, &n);
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s%s", i ? "; " : "", rs[i]);
	}
	t = buf_take(&b);
	put_csv(f, t);
	free(t);
}

static void
csv_row(FILE *f, const struct check *ck, const struct stmt_check *c,
    const char *lead, const char *finding, const char *baseline,
    const unsigned char sha[32], long cert, const char *detail,
    const struct recon_row *r)
{
	char	 hex[65];

	put_csv(f, c->st->path);
	fprintf(f, ",%s,%s,%s,", lead, finding, baseline);
	fp_hex(sha, hex);
	fprintf(f, "%s,", hex);
	put_csv(f, cert >= 0 ? ck->inv->certs[cert]->subject : "");
	fputc(',', f);
	put_csv(f, detail);
	csv_recon(f, ck, c, r);
	fputc('\n', f);
}

/*
 * One row per finding, then one per certificate required and listed
 * ("listed"): with the reconciliation columns, every certificate that is
 * required or listed appears, with its status, where it is listed and why.
 */
static void
check_csv(FILE *f, const struct check *ck, int findings_only)
{
	const struct inventory	*inv = ck->inv;
	size_t			 i, j, nr, omitted = 0;
	char			 hex[65], s[11], e[11];
	const char		*own;

	fputs("statement,kind,period,finding,baseline,sha256,subject,"
	    "detail,required,status,listed_at,reasons\n", f);
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		struct recon_row *rows, key;
		struct buf	 kb = { 0 };
		char		*lead;

		if (c->st == NULL)
			continue;
		/* "netsec+tls": one cell, as the provenance writes kinds. */
		kinds_names(&kb, c->kinds, "+");
		time_format_date(c->period.start, s);
		time_format_date(c->period.end, e);
		buf_printf(&kb, ",%s..%s", s, e);
		lead = buf_take(&kb);
		rows = reconcile_rows(ck, c, &nr);
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			struct buf	 db = { 0 };
			char		*detail;

			if (findings_only && fi->kind == F_NOT_REQUIRED) {
				omitted++;
				continue;
			}
			switch (fi->kind) {
			case F_MISSING:
				buf_printf(&db, "required for %s",
				    kind_name(fi->audit));
				break;
			case F_UNKNOWN:
				if (ccadb_owner_dropped(ck->db, fi->sha256,
				    &own))
					buf_printf(&db, "excluded by --owner: "
					    "its CCADB CA Owner is %s", own !=
					    NULL ? own : "not given");
				else if (fi->nearest >= 0) {
					fp_hex(inv->certs[fi->nearest]->sha256,
					    hex);
					buf_printf(&db, "%s from %s", fi->typo,
					    hex);
				}
				break;
			case F_NOT_REQUIRED:
				buf_addstr(&db, status_name(fi->status));
				break;
			case F_ALV:
				buf_addstr(&db, fi->detail);
				break;
			default:
				break;
			}
			detail = buf_take(&db);
			memcpy(key.sha256, fi->sha256, 32);
			csv_row(f, ck, c, lead, finding_name(fi->kind),
			    !ck->baseline_used ? "" : fi->known ? "known" :
			    "new", fi->sha256, fi->cert, detail, bsearch(&key,
			    rows, nr, sizeof(*rows), recon_row_cmp));
			free(detail);
		}
		for (j = 0; j < nr; j++) {
			if (!rows[j].required || rows[j].fp == NULL)
				continue;
			if (findings_only) {
				omitted++;
				continue;
			}
			csv_row(f, ck, c, lead, "listed", "", rows[j].sha256,
			    rows[j].cert, "", &rows[j]);
		}
		free(rows);
		free(lead);
	}
	if (omitted > 0)
		fprintf(f, "# --findings-only: %zu rows that are no finding "
		    "(listed, required or not) not shown\n", omitted);
}

/*
 * "-s [KIND[,KIND]=]FILE".  A prefix that names no kind is a usage error
 * (a typo must not turn "SMIME=f" into a file name), unless the whole
 * argument is an existing file with '=' in its name.  Returns -1 after
 * saying so.
 */
static int
split_statement(const char *arg, unsigned *kinds, const char **path)
{
	const char	*eq = strchr(arg, '=');
	char		 k[128];
	struct stat	 sb;

	*kinds = 0;
	*path = arg;
	if (eq == NULL)
		return 0;
	if ((size_t)(eq - arg) < sizeof(k)) {
		memcpy(k, arg, (size_t)(eq - arg));
		k[eq - arg] = '\0';
		if (kinds_parse(k, kinds) == 0) {
			*path = eq + 1;
			return 0;
		}
	}
	if (stat(arg, &sb) == 0)
		return 0;	/* a file name with '=' in it */
	{
		char	*e = esc_term(arg);

		fprintf(stderr, "auditscope: -s %s: unknown audit kind before "
		    "'='; kinds are %s\nTry 'auditscope --help'.\n", e,
		    kinds_usage());
		free(e);
	}
	return -1;
}

/* The statements to check, each with the path it was read from. */
struct stmt_list {
	struct statement **sts;
	const char	**paths;	/* borrowed from the command line */
	size_t		 n;
};

static void
push_statement(struct stmt_list *sl, const char *path, struct statement *st)
{
	sl->sts = xreallocarray(sl->sts, sl->n + 1, sizeof(*sl->sts));
	sl->paths = xreallocarray(sl->paths, sl->n + 1, sizeof(*sl->paths));
	sl->sts[sl->n] = st;
	sl->paths[sl->n++] = path;
}

/*
 * Each statement's lint (engine/engine.h), for its section of the report:
 * the CA Owner and auditor from the options, else from the CCADB records
 * of the certificates it lists.  Does not change the exit status: `lint`
 * is the command for that.
 */
static struct lint *
check_lint(const struct run *run, const struct opts *o,
    const struct check *ck)
{
	struct lint	*l = xcalloc(ck->nsc ? ck->nsc : 1, sizeof(*l));
	size_t		 i;

	for (i = 0; i < ck->nsc; i++) {
		struct lint_opts lo = { 0 };
		struct statement own;

		/*
		 * A scope list (CSV) or a Trusted List is no audit letter:
		 * nothing to lint (path stays NULL).
		 */
		if (ck->sc[i].st == NULL || ck->sc[i].st->text == NULL)
			continue;
		/*
		 * The lint judges what the statement says of itself, as
		 * `lint -p/-k` does: its own period and kind, with -p given
		 * to the lint to compare, not written over them.
		 */
		own = *ck->sc[i].st;
		own.kinds = own.own_kinds;
		own.kind_source = own.own_kind_source;
		own.period_set = own.own_period_set;
		own.period = own.own_period;
		own.period_source = own.own_period_source;
		lo.owner = o->owner;
		lo.auditor = o->auditor;
		lo.kinds = ck->sc[i].kinds;
		lo.period_set = o->period_set;
		lo.period = o->period;
		lo.at_set = o->at_set;
		lo.now = run->now;
		lint_opts_ccadb(&lo, ck->db, &own);
		lint_statement(&own, &lo, &l[i]);
	}
	return l;
}

int
cmd_check(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv = NULL;
	struct hierarchy	 h = { 0 };
	struct ccadb_db		*recs = NULL;
	struct stmt_list	 sl = { 0 };
	struct provenance	 pv;
	unsigned		*kinds = NULL;
	struct period		*periods = NULL;
	struct scope_setup	 ss;
	size_t			 i, nunread = 0;
	struct check		*ck = NULL;
	struct lint		*lints = NULL;
	const char		**unread;
	unsigned		 k;
	int			 rc, complete, usage = 0;

	if (o->nstatements == 0) {
		fputs("auditscope: check needs at least one -s STATEMENT\n"
		    "Try 'auditscope --help'.\n", stderr);
		return EXIT_USAGE;
	}
	memset(&ss, 0, sizeof(ss));
	/* Reports list statements in this order, whatever the command's. */
	sort_args(o->nstatements, o->statements);
	for (i = 0; i < o->nstatements; i++) {
		const char	*path;

		if (split_statement(o->statements[i], &k, &path) != 0)
			return EXIT_USAGE;
	}
	progress_phase("reading statements", o->nstatements);
	for (i = 0; i < o->nstatements; i++) {
		struct stmt_overrides	 ov;
		struct statement	*st;
		const char		*path;

		memset(&ov, 0, sizeof(ov));
		split_statement(o->statements[i], &ov.kinds, &path);
		if (ov.kinds != 0)
			ov.kind_source = "command line (-s KIND=FILE)";
		else
			ov.kinds = o->kinds;
		ov.period_set = o->period_set;
		ov.period = o->period;
		ov.max_input = run->max_input;
		st = statement_load(path, &ov);
		progress_add(1);
		if (ov.kinds != 0 || st == NULL || st->error ||
		    st->flag_kinds == 0 || st->kinds == 0) {
			push_statement(&sl, path, st);
			continue;
		}
		/*
		 * A per-certificate list with a column per audit kind (scope
		 * -f list, or a CA's own): one statement per kind, each
		 * listing the rows its column flags (and not the others).
		 */
		for (k = 0; k < NKINDS; k++)
			if (st->kinds & KIND_BIT(k)) {
				char	 src[128];

				(void)snprintf(src, sizeof(src), "the list's "
				    "flag column for %s", kind_name(k));
				ov.kinds = KIND_BIT(k);
				ov.kind_source = src;
				push_statement(&sl, path,
				    statement_load(path, &ov));
			}
		statement_free(st);
	}
	for (i = 0; i < sl.n; i++) {
		const char	*path = sl.paths[i];

		if (sl.sts[i] == NULL || sl.sts[i]->error)
			continue;	/* reported; an input error */
		if (sl.sts[i]->kinds == 0 && sl.sts[i]->keygen) {
			char *p = esc_term(path), *q =
			    esc_term(sl.sts[i]->keygen_source);

			fprintf(stderr, "auditscope: %s: a key-generation "
			    "ceremony report (\"%s\"), not an audit of one "
			    "kind; give -s KIND=FILE to check it as one\n",
			    p, q);
			free(p);
			free(q);
			usage = 1;
		} else if (sl.sts[i]->kinds == 0 || !sl.sts[i]->period_set) {
			char *p = esc_term(path);
			int	 nok = sl.sts[i]->kinds == 0;

			fprintf(stderr, "auditscope: %s: the statement's %s "
			    "%s not found in it; give %s\n", p,
			    nok ? "audit kind" : "audit period",
			    nok && !sl.sts[i]->period_set ?
			    "and period are" : "is",
			    nok ? "-s KIND=FILE (and --period)" :
			    "--period START..END");
			free(p);
			usage = 1;
		}
	}
	rc = EXIT_USAGE;
	if (usage && run->diag.errors == 0)
		goto out;
	recs = ccadb_db_new();
	inv = load_scope_inventory(run, o, argc, argv, &h, recs);
	scope_setup(o, inv, &h, recs, &ss);
	if (ss.usage)
		goto out;
	scope_fail_closed(inv, NULL);
	/* Statements that could not be read are left out of the checks. */
	unread = xcalloc(sl.n + 1, sizeof(*unread));
	kinds = xcalloc(sl.n + 1, sizeof(*kinds));
	periods = xcalloc(sl.n + 1, sizeof(*periods));
	for (i = 0; i < sl.n; i++) {
		if (sl.sts[i] == NULL || sl.sts[i]->error ||
		    sl.sts[i]->kinds == 0 || !sl.sts[i]->period_set) {
			unread[nunread++] = sl.paths[i];
			statement_free(sl.sts[i]);
			sl.sts[i] = NULL;
			continue;
		}
		kinds[i] = sl.sts[i]->kinds;
		periods[i] = sl.sts[i]->period;
	}
	ck = reconcile_run(inv, sl.sts, kinds, periods, sl.n, &ss.so);
	for (i = 0; i < ck->nscopes; i++)
		scope_say_ev_unknown(run, ck->scopes[i], 0);
	ck->unread = unread;
	ck->nunread = nunread;
	if (o->baseline != NULL && check_baseline(ck, o->baseline,
	    run->max_input) != 0)
		inv->errors++;
	if (inv->errors > 0)
		run_incomplete(run, RUN_INPUTS);
	complete = run_complete(run);
	lints = check_lint(run, o, ck);
	memset(&pv, 0, sizeof(pv));
	pv.command = "check";
	pv.now = run->now;
	prov_options(&pv, o);
	pv.inv = inv;
	pv.db = recs;
	pv.ss = &ss;
	pv.sc = ck->nscopes > 0 ? ck->scopes[0] : NULL;
	pv.ck = ck;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	switch (o->format) {
	case OUT_JSON:
		check_json(o->out, ck, o, lints, &pv, complete,
		    run->diag.errors);
		break;
	case OUT_CSV:
		prov_csv(o->out, &pv);
		check_csv(o->out, ck, o->findings_only);
		break;
	case OUT_HTML:
		check_html(o->out, ck, lints, &pv, complete, o->findings_only);
		break;
	case OUT_DOT:
		check_dot(o->out, ck);
		break;
	default:
		prov_text(o->out, &pv);
		check_text(o->out, ck, lints, complete, o->findings_only);
		break;
	}
	rc = run_exit(run, check_count(ck, F_MISSING, o->fail_on_new) +
	    check_count(ck, F_UNKNOWN, o->fail_on_new) > 0);
	for (i = 0; lints != NULL && i < ck->nsc; i++)
		lint_free(&lints[i]);
	free(lints);
out:
	check_free(ck);
	for (i = 0; i < sl.n; i++)
		statement_free(sl.sts[i]);
	free(sl.sts);
	free(sl.paths);
	free(kinds);
	free(periods);
	scope_setup_free(&ss);
	hierarchy_free(&h);
	ccadb_db_free(recs);
	inventory_free(inv);
	return rc;
}
