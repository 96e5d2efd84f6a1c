/*
 * auditscope inventory: every certificate loaded, with what the scope
 * engine will read from it.  The first thing to run on a new bundle: it
 * shows what was loaded, what was skipped and what failed.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cmd/cmd.h"
#include "report/report.h"

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
static void
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

static void
csv_join(FILE *f, char **v, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*s;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ";" : "", v[i]);
	s = buf_take(&b);
	put_csv(f, s);
	free(s);
}

static void
inventory_csv(FILE *f, const struct inventory *inv,
    const struct hierarchy *h)
{
	size_t	 i, k;
	char	 hex[65], d[21];

	fputs("sha256,sha1,subject,issuer,serial,not_before,not_after,ca,"
	    "self_signed,eku,policies,name_constraints,spki_sha256,parents,"
	    "sources\n", f);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		char	*s;
		char	 sha1[41];

		fp_hex(c->sha256, hex);
		hex_encode(c->sha1, 20, sha1);
		fprintf(f, "%s,%s,", hex, sha1);
		put_csv(f, c->subject);
		fputc(',', f);
		put_csv(f, c->issuer);
		/* Read from the certificate, and may begin with '-'. */
		fputc(',', f);
		put_csv(f, c->serial);
		fputc(',', f);
		fprintf(f, "%s,", cert_time(c, 0, 0, d));
		fprintf(f, "%s,%s,%s,", cert_time(c, 1, 0, d), c->ca ? "true" :
		    "false",
		    c->self_signed ? "true" : "false");
		s = c->eku_present ? eku_summary(c) : xstrdup("");
		put_csv(f, s);
		free(s);
		fputc(',', f);
		csv_join(f, c->policies, c->npolicies);
		fputc(',', f);
		csv_join(f, c->nc.items, c->nc.nitems);
		fp_hex(c->spki_sha256, hex);
		fprintf(f, ",%s,", hex);
		for (k = 0; k < h->node[i].nparents; k++) {
			fp_hex(inv->certs[h->node[i].parents[k]]->sha256, hex);
			fprintf(f, "%s%s", k ? ";" : "", hex);
		}
		fputc(',', f);
		s = sources_text(c, ";");
		put_csv(f, s);
		free(s);
		fputc('\n', f);
	}
}

/* The CCADB fields a reader of the text inventory wants first. */
static void
ccadb_text(FILE *f, const struct ccadb_record *r)
{
	static const char *const revs[] = { "unknown", "not revoked",
	    "revoked", "parent revoked" };
	int	 k;

	fputs("  ccadb:       ", f);
	put_term(f, r->ca_owner != NULL ? r->ca_owner : "(no CA Owner)");
	if (r->sub_ca_owner != NULL) {
		fputs(" / ", f);
		put_term(f, r->sub_ca_owner);
	}
	if (r->name != NULL) {
		fputs(": ", f);
		put_term(f, r->name);
	}
	fprintf(f, "\n  ccadb state: %s%s%s\n", r->rtype == RTYPE_ROOT ?
	    "root, " : r->rtype == RTYPE_INTERMEDIATE ? "intermediate, " : "",
	    revs[r->revocation], r->audits_same_as_parent == 1 ?
	    ", audits same as parent" : "");
	for (k = 0; k < NKINDS; k++) {
		const struct ccadb_audit *a = &r->audits[k];
		char	 s[11], e[11];

		if (a->start == 0 || a->end == 0)
			continue;
		time_format_date(a->start, s);
		time_format_date(a->end, e);
		fprintf(f, "  ccadb audit: %s %s..%s\n", kind_name(k), s, e);
	}
}

static void
inventory_text(FILE *f, const struct inventory *inv,
    const struct hierarchy *h, const struct ccadb_db *db)
{
	const struct ccadb_record *r;
	size_t	 i, k;
	char	 hex[65], nb[21], na[21];

	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		char	*s;

		fp_hex(c->sha256, hex);
		fprintf(f, "%s\n  subject:     ", hex);
		put_term(f, c->subject);
		fputs("\n  issuer:      ", f);
		if (c->self_signed)
			fputs("(self-signed)", f);
		else
			put_term(f, c->issuer);
		fprintf(f, "\n  validity:    %s .. %s\n  serial:      %s\n",
		    cert_time(c, 0, 1, nb), cert_time(c, 1, 1, na), c->serial);
		if (c->ca && c->pathlen >= 0)
			fprintf(f, "  ca:          yes, pathLen %ld\n",
			    c->pathlen);
		else
			fprintf(f, "  ca:          %s\n", c->ca ? "yes" : "no");
		s = eku_summary(c);
		fprintf(f, "  eku:         %s%s\n", s, c->eku_present ? "" :
		    " (every purpose)");
		free(s);
		if (c->pol_present) {
			fputs("  policies:   ", f);
			for (k = 0; k < c->npolicies; k++)
				fprintf(f, " %s", c->policies[k]);
			fputc('\n', f);
		}
		for (k = 0; k < c->nc.nitems; k++) {
			fputs("  constraint:  ", f);
			put_term(f, c->nc.items[k]);
			fputc('\n', f);
		}
		for (k = 0; k < h->node[i].nparents; k++) {
			fp_hex(inv->certs[h->node[i].parents[k]]->sha256, hex);
			fprintf(f, "  parent:      %s\n", hex);
		}
		if ((r = ccadb_find(db, c->sha256)) != NULL)
			ccadb_text(f, r);
		s = sources_text(c, ", ");
		fputs("  source:      ", f);
		put_term(f, s);
		fputs("\n\n", f);
		free(s);
	}
	for (i = 0, k = 0; i < ccadb_count(db); i++) {
		r = ccadb_record_at(db, i);

		if (r->has_cert)
			continue;
		fp_hex(r->sha256, hex);
		fprintf(f, "%s\n  (CCADB record only: no input holds this "
		    "certificate)\n", hex);
		ccadb_text(f, r);
		fprintf(f, "  source:      ");
		put_term(f, r->path);
		fprintf(f, ":%ld\n\n", r->line);
		k++;
	}
	if (k > 0)
		fprintf(f, "%zu CCADB records without a certificate\n", k);
	fprintf(f, "%zu certificates from %zu inputs", inv->ncerts,
	    inv->ninputs);
	if (inv->errors > 0)
		fprintf(f, "; INCOMPLETE: %u inputs had errors", inv->errors);
	fputc('\n', f);
}

int
cmd_inventory(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory *inv;
	struct hierarchy h = { 0 };
	struct ccadb_db	*db = ccadb_db_new();
	int		 rc;

	inv = load_inventory(run, o, argc, argv, &h, db);
	/* The report starts at the margin, after any progress line. */
	progress_end();
	switch (o->format) {
	case OUT_JSON:
		inventory_json(o->out, inv, &h, db);
		break;
	case OUT_CSV:
		inventory_csv(o->out, inv, &h);
		break;
	case OUT_TEXT:
		inventory_text(o->out, inv, &h, db);
		break;
	default:
		break;
	}
	if (inv->errors > 0)
		run_incomplete(run, RUN_INPUTS);
	rc = run_exit(run, 0);
	hierarchy_free(&h);
	ccadb_db_free(db);
	inventory_free(inv);
	return rc;
}
