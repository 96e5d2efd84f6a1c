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
#include "report/baseline.h"
#include "ccadb/ccadb.h"
#include "engine/ccadb_audit.h"
#include "cmd/cli.h"
#include "report/provenance.h"
#include "report/report.h"
#include "engine/scope.h"

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

static json_t *
date_json(astime t)
{
	char	 d[11];

	time_format_date(t, d);
	return json_string(d);
}

static json_t *
chain_json(const struct audit_source *s)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < s->nchain; i++)
		json_array_append_new(a, fp_json(s->chain[i]->sha256));
	return a;
}

static json_t *
reasons_json(const struct audit_report *ar, const struct af *fi)
{
	const char * const *rs;
	json_t	*a = json_array();
	size_t	 n, r;

	rs = scope_reasons(ar->scope, fi->cert, (enum audit_kind)fi->audit,
	    &n);
	for (r = 0; r < n; r++)
		json_array_append_new(a, jstr(rs[r]));
	return a;
}

static json_t *
finding_json(const struct audit_report *ar, const struct af *fi)
{
	const struct cert *c = ar->inv->certs[fi->cert];
	const struct ccadb_record *r = ccadb_find(ar->db, c->sha256);
	json_t		*e = json_object();

	json_object_set_new(e, "finding", json_string(af_name(fi->kind)));
	json_object_set_new(e, "kind", fi->audit >= 0 ? json_string(
	    kind_name((enum audit_kind)fi->audit)) : json_null());
	json_object_set_new(e, "sha256", fp_json(c->sha256));
	if (ar->baseline_used)
		json_object_set_new(e, "new", json_boolean(!fi->known));
	json_object_set_new(e, "subject", jstr(c->subject));
	json_object_set_new(e, "name", r->name != NULL ?
	    jstr(r->name) : json_null());
	json_object_set_new(e, "detail", jstr(fi->detail));
	if (fi->src.rec != NULL)
		json_object_set_new(e, "audits_from",
		    fp_json(fi->src.rec->sha256));
	switch (fi->kind) {
	case AF_MISSING:
		json_object_set_new(e, "reasons", reasons_json(ar, fi));
		break;
	case AF_STALE:
		json_object_set_new(e, "audit", audit_json(
		    &fi->src.rec->audits[fi->audit]));
		json_object_set_new(e, "age_months",
		    json_integer(fi->age_months));
		json_object_set_new(e, "reasons", reasons_json(ar, fi));
		break;
	case AF_DATES:
		json_object_set_new(e, "audit", audit_json(
		    &fi->src.rec->audits[fi->audit]));
		break;
	case AF_INHERITANCE:
		json_object_set_new(e, "problem", json_string(
		    fi->src.how == SRC_CYCLE ? "cycle" : fi->src.how ==
		    SRC_TOO_DEEP ? "too_deep" : "no_parent"));
		json_object_set_new(e, "chain", chain_json(&fi->src));
		json_object_set_new(e, "required_for", kinds_json(fi->kinds));
		break;
	case AF_SAME_AS_PARENT:
		json_object_set_new(e, "chain", chain_json(&fi->src));
		json_object_set_new(e, "sibling",
		    fp_json(ar->inv->certs[fi->sibling]->sha256));
		json_object_set_new(e, "differ", kinds_json(fi->kinds));
		break;
	case AF_CAPABLE:
		json_object_set_new(e, "ccadb", json_boolean(fi->ccadb_flag));
		json_object_set_new(e, "computed",
		    json_string(status_name(fi->status)));
		json_object_set_new(e, "reasons", reasons_json(ar, fi));
		break;
	case NAF:
		break;
	}
	return e;
}

static void
ccadb_json_report(FILE *f, const struct opts *o,
    const struct audit_report *ar, const struct provenance *pv, int complete)
{
	const struct inventory *inv = ar->inv;
	json_t		*root = json_object(), *p = json_object(), *a, *sum;
	size_t		 i;
	unsigned	 k;
	char		 st[STORES_TEXT];

	json_object_set_new(root, "complete", json_boolean(complete));
	json_object_set_new(root, "provenance", prov_json(pv));
	json_object_set_new(root, "at", date_json(ar->at));
	json_object_set_new(p, "start", date_json(ar->period.start));
	json_object_set_new(p, "end", date_json(ar->period.end));
	json_object_set_new(root, "period", p);
	json_object_set_new(root, "max_age_months", json_integer(ar->max_age));
	json_object_set_new(root, "rules",
	    json_string(rules_name((enum scope_rules)o->rules)));
	json_object_set_new(root, "owner", o->owner != NULL ? jstr(o->owner) :
	    json_null());
	json_object_set_new(root, "store", o->store_set ? json_string(
	    stores_text(o->stores, st)) : json_null());
	a = json_array();
	for (i = 0; i < inv->ninputs; i++)
		json_array_append_new(a, jstr(inv->inputs[i].path));
	json_object_set_new(root, "inputs", a);
	if (ar->scope != NULL)
		json_object_set_new(root, "anchor_trust",
		    anchors_json(inv, ar->scope));
	json_object_set_new(root, "checked", json_integer(
	    (json_int_t)ar->checked));
	a = json_array();
	for (i = 0; i < ar->nnorecord; i++)
		json_array_append_new(a,
		    fp_json(inv->certs[ar->norecord[i]]->sha256));
	json_object_set_new(root, "in_scope_without_record", a);
	json_object_set_new(root, "records_without_certificate",
	    json_integer((json_int_t)ar->nocert));
	a = json_array();
	for (i = 0; i < ar->nf; i++)
		json_array_append_new(a, finding_json(ar, &ar->f[i]));
	json_object_set_new(root, "findings", a);
	if (ar->baseline_used) {
		a = json_array();
		for (i = 0; i < ar->nresolved; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "finding",
			    jstr(ar->resolved[i].category));
			json_object_set_new(e, "kind",
			    ar->resolved[i].where[0] != '\0' ?
			    jstr(ar->resolved[i].where) : json_null());
			json_object_set_new(e, "sha256",
			    jstr(ar->resolved[i].sha256));
			json_array_append_new(a, e);
		}
		json_object_set_new(root, "resolved", a);
	}
	sum = json_object();
	for (k = 0; k < NAF; k++)
		json_object_set_new(sum, af_name((enum af_kind)k),
		    json_integer((json_int_t)ccadb_audit_count(ar,
		    (enum af_kind)k, 0)));
	json_object_set_new(sum, "errors", json_integer(diag_errors()));
	json_object_set_new(root, "summary", sum);
	json_write(f, root);
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
cmd_ccadb(const struct opts *o, int argc, char **argv)
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
	inv = load_scope_inventory(o, argc, argv, &h, db);
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
	ar = ccadb_audit_run(inv, &ao, as_now);
	/* Fail closed: a report over nothing is no all-clear. */
	if (ar->checked == 0 && inv->errors == 0) {
		diag_error(NULL, 0, "ccadb: checked 0 certificates: no CCADB "
		    "record has its certificate among the inputs (give the "
		    "AllCertificatePEMsCSVFormat reports or the CA's PEM "
		    "files)");
		inv->errors++;
	}
	if (o->baseline != NULL && ccadb_audit_baseline(ar, o->baseline) != 0)
		inv->errors++;
	complete = inv->errors == 0 && diag_errors() == 0;
	memset(&pv, 0, sizeof(pv));
	pv.command = "ccadb";
	prov_options(&pv, o);
	pv.inv = inv;
	pv.db = db;
	pv.ss = &ss;
	pv.sc = ar->scope;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	switch (o->format) {
	case OUT_JSON:
		ccadb_json_report(o->out, o, ar, &pv, complete);
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
	if (!complete)
		rc = EXIT_INPUT;
	else if (serious(ar, o->fail_on_new) > 0)
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
	ccadb_audit_free(ar);
	scope_setup_free(&ss);
	hierarchy_free(&h);
	ccadb_db_free(db);
	inventory_free(inv);
	return rc;
}
