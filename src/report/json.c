/*
 * The JSON reports (report/report.h), one per command.  The large ones
 * are written a member at a time through the stream of report.c (struct
 * jstream), laid out as one jansson tree would be; the members --baseline
 * reads back are spelt once, in report.h's layout section.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/* A statement's "checks" array (lint and check -f json). */
static json_t	*lint_checks_json(const struct lint *);

/*
 * CCADB records whose certificate no input holds: listed, never dropped,
 * since "CCADB knows a CA certificate we do not have" is itself a finding.
 */
static void
uncertified_json(struct jstream *js, const struct ccadb_db *db)
{
	size_t	 i;

	js_open(js, NULL, "ccadb_records_without_certificate", '[');
	for (i = 0; i < ccadb_count(db); i++) {
		const struct ccadb_record *r = ccadb_record_at(db, i);

		if (r->has_cert)
			continue;
		js_open(js, NULL, NULL, '{');
		js_fp(js, "sha256", r->sha256);
		js_put(js, "ccadb", ccadb_json(r));
		js_close(js);
	}
	js_close(js);
}

/* Written a certificate at a time (issue 18): the corpus as one jansson
 * tree took many times the text report's time. */
void
inventory_json(FILE *f, const struct inventory *inv,
    const struct hierarchy *h, const struct ccadb_db *db, int complete)
{
	struct jstream	 js;
	size_t		 i;

	js_open(&js, f, NULL, '{');
	js_bool(&js, "complete", complete);
	js_open(&js, NULL, "certificates", '[');
	for (i = 0; i < inv->ncerts; i++)
		js_put(&js, NULL, cert_json(inv, h, db, i));
	js_close(&js);
	if (ccadb_count(db) > 0)
		uncertified_json(&js, db);
	js_open(&js, NULL, "inputs", '[');
	for (i = 0; i < inv->ninputs; i++) {
		const struct input_stat *st = &inv->inputs[i];

		js_open(&js, NULL, NULL, '{');
		js_str(&js, "path", st->path);
		js_str(&js, "format", st->format);
		js_int(&js, "certificates", (long long)st->certificates);
		js_int(&js, "duplicates", (long long)st->duplicates);
		js_int(&js, "skipped", (long long)st->skipped);
		js_int(&js, "errors", (long long)st->errors);
		if (st->report != NULL) {
			js_str(&js, "report", st->report);
			js_int(&js, "rows", (long long)st->rows);
			js_int(&js, "records", (long long)st->records);
		}
		js_close(&js);
	}
	js_close(&js);
	js_close(&js);
	(void)js_end(&js);
}

/* null: the statement names no kind. */
static json_t *
date_or_null(int set, astime t)
{
	char	 d[11];

	if (!set)
		return json_null();
	time_format_date(t, d);
	return json_string(d);
}

static json_t *
src_json(const char *s)
{
	return s != NULL ? jstr(s) : json_null();
}

static json_t *
int_or_null(long v)
{
	return v > 0 ? json_integer(v) : json_null();
}

json_t *
statement_json(const struct statement *st)
{
	json_t	*o = json_object(), *a, *p;
	size_t	 i;
	char	 hex[65];

	json_object_set_new(o, "path", jstr(st->path));
	json_object_set_new(o, "format", json_string(st->format));
	json_object_set_new(o, "complete", json_boolean(!st->error));
	json_object_set_new(o, "pages", int_or_null(st->pages));
	json_object_set_new(o, "kind", kind_set_json(st->kinds));
	json_object_set_new(o, "kind_source", src_json(st->kind_source));
	if (st->period_set) {
		p = json_object();
		json_object_set_new(p, "start", date_or_null(1,
		    st->period.start));
		json_object_set_new(p, "end", date_or_null(1, st->period.end));
	} else
		p = json_null();
	json_object_set_new(o, "period", p);
	json_object_set_new(o, "period_source", src_json(st->period_source));
	json_object_set_new(o, "point_in_time", date_or_null(st->pit_set,
	    st->point_in_time));
	json_object_set_new(o, "point_in_time_source",
	    src_json(st->pit_source));
	json_object_set_new(o, "key_generation",
	    src_json(st->keygen_source));
	json_object_set_new(o, "statement_date", date_or_null(st->date_set,
	    st->statement_date));
	json_object_set_new(o, "statement_date_source",
	    src_json(st->date_source));
	json_object_set_new(o, "auditor", src_json(st->auditor));
	json_object_set_new(o, "auditor_source", src_json(st->auditor_source));
	a = json_array();
	for (i = 0; i < st->nfps; i++) {
		const struct stmt_fp *f = &st->fps[i];
		json_t	*e = json_object();

		fp_hex(f->sha256, hex);
		json_object_set_new(e, "sha256", json_string(hex));
		json_object_set_new(e, "alv_findable", !statement_is_letter(st) ?
		    json_null() : json_boolean(f->alv_findable));
		if (st->flag_kinds != 0)
			json_object_set_new(e, "flags", kind_set_json(f->kinds));
		json_object_set_new(e, "locations", locs_json(f->locs,
		    f->nlocs));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "fingerprints", a);
	a = json_array();
	for (i = 0; i < st->nsha1s; i++) {
		json_t	*e = json_object();

		hex_encode(st->sha1s[i].sha1, 20, hex);
		json_object_set_new(e, "sha1", json_string(hex));
		json_object_set_new(e, "locations", locs_json(
		    st->sha1s[i].locs, st->sha1s[i].nlocs));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "sha1", a);
	if (st->nservices > 0) {
		a = json_array();
		for (i = 0; i < st->nservices; i++) {
			const struct stmt_service *s = &st->services[i];
			json_t	*e = json_object();

			fp_hex(s->sha256, hex);
			json_object_set_new(e, "sha256", json_string(hex));
			json_object_set_new(e, "tsp", src_json(s->tsp));
			json_object_set_new(e, "name", src_json(s->name));
			json_object_set_new(e, "type", src_json(s->type));
			json_object_set_new(e, "status", src_json(s->status));
			json_object_set_new(e, "web_site_authentication",
			    json_boolean(s->web));
			json_object_set_new(e, "line", json_integer(s->line));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "services", a);
	}
	a = json_array();
	for (i = 0; i < st->nwarnings; i++)
		json_array_append_new(a, jstr(st->warnings[i]));
	json_object_set_new(o, "warnings", a);
	return o;
}

/* One certificate of one kind in the JSON report: required, with its
 * reasons, or excluded, with its status and why. */
static void
scope_entry_json(struct jstream *js, const struct inventory *inv,
    const struct scope *sc, size_t i, unsigned k, enum scope_status st)
{
	const char * const *rs;
	size_t	 n, r;
	char	 hex[65];

	js_open(js, NULL, NULL, '{');
	fp_hex(inv->certs[i]->sha256, hex);
	js_str(js, "sha256", hex);
	js_str(js, "subject", inv->certs[i]->subject);
	rs = scope_reasons(sc, i, k, &n);
	if (st == ST_REQUIRED) {
		long	 x = scope_cross_of(sc, i, (enum audit_kind)k);

		js_open(js, NULL, "reasons", '[');
		for (r = 0; r < n; r++)
			js_str(js, NULL, rs[r]);
		js_close(js);
		/*
		 * As the text report's summary, which counts them per key:
		 * not the cross-certificate itself.
		 */
		if (x >= 0 && (size_t)x != i) {
			js_fp(js, "via_cross", inv->certs[x]->sha256);
			js_fp(js, "via_key", inv->certs[x]->spki_sha256);
		} else {
			js_null(js, "via_cross");
			js_null(js, "via_key");
		}
	} else {
		struct buf b = { 0 };
		char	*s;

		js_str(js, "status", status_name(st));
		for (r = 0; r < n; r++) {
			if (r > 0)
				buf_add(&b, "; ", 2);
			buf_addstr(&b, rs[r]);
		}
		s = buf_take(&b);
		js_str(js, "reason", s);
		free(s);
	}
	js_close(js);
}

void
scope_json(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct scope *sc,
    const struct provenance *pv, int complete)
{
	struct jstream	 js;
	json_t		*p, *an;
	char		 d[11], hex[65];
	size_t		 i;
	unsigned	 k;
	int		 req;

	/*
	 * Written a member at a time: over the CCADB corpus in four kinds
	 * the document is 15.7 MB, which as one jansson tree took three
	 * times the text report's time (issue 18).
	 */
	js_open(&js, f, NULL, '{');
	js_put(&js, "complete", json_boolean(complete));
	js_put(&js, "provenance", prov_json(pv));
	js_put(&js, "rules",
	    json_string(rules_name((enum scope_rules)ro->rules)));
	js_put(&js, "technically_constrained_rule",
	    json_string(scope_tc_rule((enum scope_rules)ro->rules)));
	p = json_object();
	time_format_date(ro->period.start, d);
	json_object_set_new(p, "start", json_string(d));
	time_format_date(ro->period.end, d);
	json_object_set_new(p, "end", json_string(d));
	js_put(&js, "period", p);
	an = json_array();
	for (i = 0; i < inv->ncerts; i++)
		if (scope_is_anchor(sc, i)) {
			fp_hex(inv->certs[i]->sha256, hex);
			json_array_append_new(an, json_string(hex));
		}
	js_put(&js, "anchors", an);
	js_put(&js, "anchor_trust", anchors_json(inv, sc));
	js_open(&js, NULL, "kinds", '{');
	for (k = 0; k < NKINDS; k++) {
		if (!(ro->kinds & KIND_BIT(k)))
			continue;
		js_open(&js, NULL, kind_name(k), '{');
		for (req = 1; req >= 0; req--) {
			js_open(&js, NULL, req ? "required" : "excluded", '[');
			for (i = 0; i < inv->ncerts; i++) {
				enum scope_status st = scope_status(sc, i, k);

				if ((st == ST_REQUIRED) == req)
					scope_entry_json(&js, inv, sc, i, k,
					    st);
			}
			js_close(&js);
		}
		js_close(&js);
	}
	js_close(&js);
	js_close(&js);
	(void)js_end(&js);
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
check_finding_json(struct jstream *js, const struct check *ck,
    const struct stmt_check *c, const struct finding *fi)
{
	const struct inventory	*inv = ck->inv;
	size_t			 m, r, n;
	char			 d[21];

	js_open(js, NULL, NULL, '{');
	js_fp(js, CK_SHA256, fi->sha256);
	if (ck->baseline_used && finding_counts(fi))
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
			js_bool(js, "required", scope_status(c->scope,
			    g->members[m], fi->audit) == ST_REQUIRED);
			js_close(js);
		}
		js_close(js);
		js_open(js, NULL, "listed_in", '[');
		for (m = 0; m < fi->nlisted_in; m++)
			js_str(js, NULL, ck->sc[fi->listed_in[m]].st->path);
		js_close(js);
		js_put(js, "shown_unlisted", unlisted_json(c->st,
		    fi->sha256));
		js_put(js, "typo_listed", typo_json(c, fi));
		break;
	}
	case F_UNKNOWN: {
		const struct stmt_fp *fp = statement_find(c->st, fi->sha256);
		const char *own;

		int	 ex = ccadb_owner_dropped(ck->db, fi->sha256, &own);

		js_put(js, "listed_at", fp != NULL ? locs_json(fp->locs,
		    fp->nlocs) : json_array());
		/* One --owner set aside is no typo (owner_excluded_text()). */
		if (fi->nearest >= 0 && !ex)
			js_fp(js, "nearest", inv->certs[fi->nearest]->sha256);
		else
			js_null(js, "nearest");
		js_str(js, "typo", ex ? "" : fi->typo);
		if (ex && own != NULL)
			js_str(js, "excluded_by_owner", own);
		else if (ex)
			js_null(js, "excluded_by_owner");
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
		js_bool(js, "required", fi->required);
		if (fi->required)
			js_str(js, "required_for", kind_name(fi->audit));
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
void
check_json(FILE *f, const struct check *ck, const struct report_opts *ro,
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
	js_str(&js, "rules", rules_name((enum scope_rules)ro->rules));
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
		/* Why a fingerprint in the file may not count (struck...). */
		js_open(&js, NULL, "warnings", '[');
		for (j = 0; j < c->st->nwarnings; j++)
			js_str(&js, NULL, c->st->warnings[j]);
		js_close(&js);
		reconciliation_json(&js, ck, c);
		for (g = 0; g < CK_NGROUPS; g++) {
			js_open(&js, NULL, ck_groups[g].key, '[');
			for (j = 0; j < c->nf; j++)
				if (c->f[j].kind == ck_groups[g].kind)
					check_finding_json(&js, ck, c, &c->f[j]);
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
	js_int(&js, "alv_not_found", (long long)(check_findings(ck, 0) -
	    check_count(ck, F_MISSING, 0) - check_count(ck, F_UNKNOWN, 0)));
	js_int(&js, "errors", nerrors);
	js_close(&js);
	js_close(&js);
	(void)js_end(&js);
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
audit_finding_json(struct jstream *js, const struct audit_report *ar,
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
void
ccadb_json_report(FILE *f, const struct report_opts *ro,
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
	js_str(&js, "rules", rules_name((enum scope_rules)ro->rules));
	js_str(&js, "owner", ro->owner);
	js_str(&js, "store", ro->store_set ? stores_text(ro->stores, st) :
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
		audit_finding_json(&js, ar, &ar->f[i]);
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

/*
 * lint -f json: {"path","kind","checks":[{"id","result","found","page",
 * "line","rule","fix"}]} per statement; `check` puts the same "checks"
 * array in each statement of its own report.
 */
static json_t *
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
