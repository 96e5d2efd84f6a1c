/*
 * auditscope ccadb: the nightly job over CCADB exports.  For each CA
 * certificate with a record (of one owner, with --owner), is every audit
 * its scope requires on file in CCADB, current, with dates that agree,
 * and do CCADB's own capability flags agree with the certificates?  The
 * work is ccadb_audit.c's; this file reads options and writes reports.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "report/report.h"
#include "cmd/cmd.h"

#define DEFAULT_MAX_AGE	15	/* 12 months, plus CCADB's 3 to file */

/* Findings that set exit status 1; capable flags are information. */
static size_t
serious(const struct audit_report *ar, int only_new)
{
	return ccadb_audit_count(ar, AF_MISSING, only_new) +
	    ccadb_audit_count(ar, AF_INHERITANCE, only_new) +
	    ccadb_audit_count(ar, AF_STALE, only_new) +
	    ccadb_audit_count(ar, AF_DATES, only_new) +
	    ccadb_audit_count(ar, AF_SAME_AS_PARENT, only_new);
}

static const char *
af_title(enum af_kind k)
{
	switch (k) {
	case AF_MISSING:	return "MISSING";
	case AF_INHERITANCE:	return "INHERITANCE";
	case AF_STALE:		return "STALE";
	case AF_DATES:		return "DATES";
	case AF_SAME_AS_PARENT:	return "SAME AS PARENT";
	case AF_CAPABLE:	return "capable flag";
	case NAF:		break;
	}
	return "?";
}

static void
text_head(FILE *f, const struct opts *o, const struct audit_report *ar)
{
	char	 a[11], s[11], e[11], old[11], st[STORES_TEXT];

	time_format_date(ar->at, a);
	time_format_date(ar->period.start, s);
	time_format_date(ar->period.end, e);
	time_format_date(ar->oldest_end, old);
	fprintf(f, "CCADB audit records as of %s\n", a);
	fprintf(f, "  scope: the 12 months %s..%s, rules %s, roots: %s\n", s,
	    e, rules_name((enum scope_rules)o->rules), o->store_set ?
	    stores_text(o->stores, st) : o->nanchors > 0 ?
	    "--anchor" : "every store's, else every self-signed CA");
	fprintf(f, "  current: audit period ending on or after %s "
	    "(--max-age %d months)\n", old, ar->max_age);
	if (o->owner != NULL) {
		fputs("  owner: ", f);
		put_term(f, o->owner);
		fputc('\n', f);
	}
	fprintf(f, "checked: %zu certificates with a CCADB record; not "
	    "checked: %zu in scope without a record, %zu records without a "
	    "certificate\n", ar->checked, ar->nnorecord, ar->nocert);
}

static void
text_cert(FILE *f, const struct audit_report *ar, size_t ci)
{
	const struct cert	*c = ar->inv->certs[ci];
	const struct ccadb_record *r = ccadb_find(ar->db, c->sha256);
	char			 hex[65];

	fp_hex(c->sha256, hex);
	fprintf(f, "\n%s  ", hex);
	put_term(f, c->subject);
	fputs("\n    CCADB record: ", f);
	put_term(f, r->name != NULL ? r->name : "(no name)");
	fputs(r->audits_same_as_parent == 1 ? ", Audits Same as Parent\n" :
	    ", audits of its own\n", f);
}

static void
text_finding(FILE *f, const struct audit_report *ar, const struct af *fi)
{
	const char * const	*rs;
	size_t			 n, r;

	fprintf(f, "  %s%s%s%s: ", af_title(fi->kind), !ar->baseline_used ||
	    fi->kind == AF_CAPABLE ? "" : fi->known ? " (known)" : " (new)",
	    fi->audit >= 0 ? " " : "", fi->audit >= 0 ?
	    kind_name((enum audit_kind)fi->audit) : "");
	put_term(f, fi->detail);
	fputc('\n', f);
	if (fi->kind != AF_MISSING && fi->kind != AF_STALE)
		return;
	rs = scope_reasons(ar->scope, fi->cert, (enum audit_kind)fi->audit,
	    &n);
	for (r = 0; r < n; r++) {
		fputs("      - ", f);
		put_term(f, rs[r]);
		fputc('\n', f);
	}
}

static void
ccadb_text(FILE *f, const struct opts *o, const struct audit_report *ar,
    int complete)
{
	size_t	 i;
	char	 hex[65];

	text_head(f, o, ar);
	for (i = 0; i < ar->nf; i++) {
		if (i == 0 || ar->f[i].cert != ar->f[i - 1].cert)
			text_cert(f, ar, ar->f[i].cert);
		text_finding(f, ar, &ar->f[i]);
	}
	if (o->verbose && ar->nnorecord > 0) {
		fputs("\nIn scope, without a CCADB record (not checked):\n", f);
		for (i = 0; i < ar->nnorecord; i++) {
			fp_hex(ar->inv->certs[ar->norecord[i]]->sha256, hex);
			fprintf(f, "  %s  ", hex);
			put_term(f, ar->inv->certs[ar->norecord[i]]->subject);
			fputc('\n', f);
		}
	}
	for (i = 0; i < ar->nresolved; i++) {
		if (i == 0)
			fputs("\nResolved since the baseline:\n", f);
		fputs("  ", f);
		put_term(f, ar->resolved[i].category);
		if (ar->resolved[i].where[0] != '\0') {
			fputc(' ', f);
			put_term(f, ar->resolved[i].where);
		}
		fputc(' ', f);
		put_term(f, ar->resolved[i].sha256);
		fputc('\n', f);
	}
	fputc('\n', f);
	if (!complete)
		fputs("INCOMPLETE: see the messages above (an input could "
		    "not be read, or nothing was checked); this report cannot "
		    "be an all-clear.\n", f);
	else if (serious(ar, 0) == 0)
		fputs("All clear: every certificate checked has a current "
		    "audit on file for every kind its scope requires.\n", f);
	else
		fprintf(f, "%zu missing, %zu inheritance, %zu stale, %zu "
		    "dates, %zu same as parent.\n",
		    ccadb_audit_count(ar, AF_MISSING, 0),
		    ccadb_audit_count(ar, AF_INHERITANCE, 0),
		    ccadb_audit_count(ar, AF_STALE, 0),
		    ccadb_audit_count(ar, AF_DATES, 0),
		    ccadb_audit_count(ar, AF_SAME_AS_PARENT, 0));
	if (ccadb_audit_count(ar, AF_CAPABLE, 0) > 0)
		fprintf(f, "%zu capable flags differ from the computed scope "
		    "(information).\n", ccadb_audit_count(ar, AF_CAPABLE, 0));
}

static void
date_json(struct jstream *js, const char *key, astime t)
{
	char	 d[11];

	time_format_date(t, d);
	js_str(js, key, d);
}

static void
chain_json(struct jstream *js, const struct audit_source *s)
{
	size_t	 i;

	js_open(js, NULL, "chain", '[');
	for (i = 0; i < s->nchain; i++)
		js_fp(js, NULL, s->chain[i]->sha256);
	js_close(js);
}

static void
reasons_json(struct jstream *js, const struct audit_report *ar,
    const struct af *fi)
{
	const char * const *rs;
	size_t	 n, r;

	rs = scope_reasons(ar->scope, fi->cert, (enum audit_kind)fi->audit,
	    &n);
	js_open(js, NULL, "reasons", '[');
	for (r = 0; r < n; r++)
		js_str(js, NULL, rs[r]);
	js_close(js);
}

static void
finding_json(struct jstream *js, const struct audit_report *ar,
    const struct af *fi)
{
	const struct cert *c = ar->inv->certs[fi->cert];
	const struct ccadb_record *r = ccadb_find(ar->db, c->sha256);

	js_open(js, NULL, NULL, '{');
	js_str(js, AU_FINDING, af_name(fi->kind));
	js_str(js, AU_KIND, fi->audit >= 0 ?
	    kind_name((enum audit_kind)fi->audit) : NULL);
	js_fp(js, AU_SHA256, c->sha256);
	if (ar->baseline_used)
		js_bool(js, "new", !fi->known);
	js_str(js, "subject", c->subject);
	js_str(js, "name", r->name);
	js_str(js, "detail", fi->detail);
	if (fi->src.rec != NULL)
		js_fp(js, "audits_from", fi->src.rec->sha256);
	switch (fi->kind) {
	case AF_MISSING:
		reasons_json(js, ar, fi);
		break;
	case AF_STALE:
		js_put(js, "audit", audit_json(
		    &fi->src.rec->audits[fi->audit]));
		js_int(js, "age_months", fi->age_months);
		reasons_json(js, ar, fi);
		break;
	case AF_DATES:
		js_put(js, "audit", audit_json(
		    &fi->src.rec->audits[fi->audit]));
		break;
	case AF_INHERITANCE:
		js_str(js, "problem", fi->src.how == SRC_CYCLE ? "cycle" :
		    fi->src.how == SRC_TOO_DEEP ? "too_deep" : "no_parent");
		chain_json(js, &fi->src);
		js_put(js, "required_for", kinds_json(fi->kinds));
		break;
	case AF_SAME_AS_PARENT:
		chain_json(js, &fi->src);
		js_fp(js, "sibling", ar->inv->certs[fi->sibling]->sha256);
		js_put(js, "differ", kinds_json(fi->kinds));
		break;
	case AF_CAPABLE:
		js_bool(js, "ccadb", fi->ccadb_flag);
		js_str(js, "computed", status_name(fi->status));
		reasons_json(js, ar, fi);
		break;
	case NAF:
		break;
	}
	js_close(js);
}

/* Written a finding at a time (issue 18), as the whole tree was laid out. */
static void
ccadb_json_report(FILE *f, const struct opts *o,
    const struct audit_report *ar, const struct provenance *pv, int complete,
    unsigned nerrors)
{
	const struct inventory *inv = ar->inv;
	struct jstream	 js;
	size_t		 i;
	unsigned	 k;
	char		 st[STORES_TEXT];

	js_open(&js, f, NULL, '{');
	js_bool(&js, "complete", complete);
	js_put(&js, "provenance", prov_json(pv));
	date_json(&js, "at", ar->at);
	js_open(&js, NULL, "period", '{');
	date_json(&js, "start", ar->period.start);
	date_json(&js, "end", ar->period.end);
	js_close(&js);
	js_int(&js, "max_age_months", ar->max_age);
	js_str(&js, "rules", rules_name((enum scope_rules)o->rules));
	js_str(&js, "owner", o->owner);
	js_str(&js, "store", o->store_set ? stores_text(o->stores, st) :
	    NULL);
	js_open(&js, NULL, "inputs", '[');
	for (i = 0; i < inv->ninputs; i++)
		js_str(&js, NULL, inv->inputs[i].path);
	js_close(&js);
	if (ar->scope != NULL)
		js_put(&js, "anchor_trust", anchors_json(inv, ar->scope));
	js_int(&js, AU_CHECKED, (long long)ar->checked);
	js_open(&js, NULL, "in_scope_without_record", '[');
	for (i = 0; i < ar->nnorecord; i++)
		js_fp(&js, NULL, inv->certs[ar->norecord[i]]->sha256);
	js_close(&js);
	js_int(&js, "records_without_certificate", (long long)ar->nocert);
	js_open(&js, NULL, AU_FINDINGS, '[');
	for (i = 0; i < ar->nf; i++)
		finding_json(&js, ar, &ar->f[i]);
	js_close(&js);
	if (ar->baseline_used) {
		js_open(&js, NULL, "resolved", '[');
		for (i = 0; i < ar->nresolved; i++) {
			js_open(&js, NULL, NULL, '{');
			js_str(&js, "finding", ar->resolved[i].category);
			js_str(&js, "kind", ar->resolved[i].where[0] != '\0' ?
			    ar->resolved[i].where : NULL);
			js_str(&js, "sha256", ar->resolved[i].sha256);
			js_close(&js);
		}
		js_close(&js);
	}
	js_open(&js, NULL, "summary", '{');
	for (k = 0; k < NAF; k++)
		js_int(&js, af_name((enum af_kind)k),
		    (long long)ccadb_audit_count(ar, (enum af_kind)k, 0));
	js_int(&js, "errors", nerrors);
	js_close(&js);
	js_close(&js);
	(void)js_end(&js);
}

static void
ccadb_csv(FILE *f, const struct audit_report *ar)
{
	size_t	 i;
	char	 hex[65];

	fputs("finding,baseline,kind,sha256,subject,name,detail\n", f);
	for (i = 0; i < ar->nf; i++) {
		const struct af	*fi = &ar->f[i];
		const struct cert *c = ar->inv->certs[fi->cert];
		const struct ccadb_record *r = ccadb_find(ar->db, c->sha256);

		fp_hex(c->sha256, hex);
		fprintf(f, "%s,%s,%s,%s,", af_name(fi->kind),
		    !ar->baseline_used ? "" : fi->known ? "known" : "new",
		    fi->audit >= 0 ? kind_name((enum audit_kind)fi->audit) :
		    "", hex);
		put_csv(f, c->subject);
		fputc(',', f);
		put_csv(f, r->name != NULL ? r->name : "");
		fputc(',', f);
		put_csv(f, fi->detail);
		fputc('\n', f);
	}
}

int
cmd_ccadb(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv;
	struct hierarchy	 h = { 0 };
	struct ccadb_db		*db = ccadb_db_new();
	struct scope_setup	 ss;
	struct audit_opts	 ao;
	struct audit_report	*ar;
	struct provenance	 pv;
	int			 rc, complete;

	/* Formats, and no -p or -k (every kind over the 12 months before
	 * --at): main.c's command table. */
	inv = load_scope_inventory(run, o, argc, argv, &h, db);
	scope_setup(o, inv, &h, db, &ss);
	if (ss.usage) {
		scope_setup_free(&ss);
		hierarchy_free(&h);
		ccadb_db_free(db);
		inventory_free(inv);
		return EXIT_USAGE;
	}
	memset(&ao, 0, sizeof(ao));
	ao.so = ss.so;
	ao.max_age = o->max_age_set ? o->max_age : DEFAULT_MAX_AGE;
	ao.owner = o->owner;
	ao.store_given = o->store_set;
	if (ccadb_count(db) == 0 && inv->errors == 0) {
		diag_error(NULL, 0, "ccadb: no CCADB all-records report among "
		    "the inputs: there are no audit records to check");
		inv->errors++;
	}
	ar = ccadb_audit_run(inv, &ao, run->now);
	scope_say_ev_unknown(run, ar->scope, 1);
	/* Fail closed: a report over nothing is no all-clear. */
	if (ar->checked == 0 && inv->errors == 0) {
		diag_error(NULL, 0, "ccadb: checked 0 certificates: no CCADB "
		    "record has its certificate among the inputs (give the "
		    "AllCertificatePEMsCSVFormat reports or the CA's PEM "
		    "files)");
		inv->errors++;
	}
	if (o->baseline != NULL && ccadb_audit_baseline(ar, o->baseline,
	    run->max_input) != 0)
		inv->errors++;
	if (inv->errors > 0)
		run_incomplete(run, RUN_INPUTS);
	complete = run_complete(run);
	memset(&pv, 0, sizeof(pv));
	pv.command = "ccadb";
	pv.now = run->now;
	prov_options(&pv, o);
	pv.inv = inv;
	pv.db = db;
	pv.ss = &ss;
	pv.sc = ar->scope;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	switch (o->format) {
	case OUT_JSON:
		ccadb_json_report(o->out, o, ar, &pv, complete,
		    run->diag.errors);
		break;
	case OUT_CSV:
		prov_csv(o->out, &pv);
		ccadb_csv(o->out, ar);
		break;
	default:
		prov_text(o->out, &pv);
		ccadb_text(o->out, o, ar, complete);
		break;
	}
	rc = run_exit(run, serious(ar, o->fail_on_new) > 0);
	ccadb_audit_free(ar);
	scope_setup_free(&ss);
	hierarchy_free(&h);
	ccadb_db_free(db);
	inventory_free(inv);
	return rc;
}
