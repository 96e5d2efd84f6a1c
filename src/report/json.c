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
    const struct hierarchy *h, const struct ccadb_db *db)
{
	struct jstream	 js;
	size_t		 i;

	js_open(&js, f, NULL, '{');
	js_bool(&js, "complete", inv->errors == 0);
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
		/* ALV searches PDF text; a Trusted List is not that */
		json_object_set_new(e, "alv_findable", strcmp(st->format,
		    "tsl") == 0 ? json_null() : json_boolean(f->alv_findable));
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
		js_open(js, NULL, "reasons", '[');
		for (r = 0; r < n; r++)
			js_str(js, NULL, rs[r]);
		js_close(js);
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
	    json_string(scope_tc_rule()));
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
