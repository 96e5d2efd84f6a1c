/*
 * The CSV reports (report/report.h), one per command: a header row, then
 * one row per certificate or finding; cells from inputs through put_csv.
 * scope's -f list (a column per audit kind) is CSV too.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

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

void
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
		    h->node[i].self_signed ? "true" : "false");
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

void
statement_csv(FILE *f, const struct statement *st)
{
	size_t	 i;
	char	 hex[65], d1[11] = "", d2[11] = "";
	char	*k = kinds_text(st->kinds, ";"), *s;

	if (st->period_set) {
		time_format_date(st->period.start, d1);
		time_format_date(st->period.end, d2);
	}
	for (i = 0; i < st->nfps + st->nsha1s; i++) {
		const struct stmt_loc *l;
		size_t	 nl;
		int	 alv = 0;

		put_csv(f, st->path);
		if (i < st->nfps) {
			fp_hex(st->fps[i].sha256, hex);
			l = st->fps[i].locs;
			nl = st->fps[i].nlocs;
			alv = st->fps[i].alv_findable;
			fprintf(f, ",sha256,%s,%s,", hex, alv ? "true" :
			    "false");
		} else {
			hex_encode(st->sha1s[i - st->nfps].sha1, 20, hex);
			l = st->sha1s[i - st->nfps].locs;
			nl = st->sha1s[i - st->nfps].nlocs;
			fprintf(f, ",sha1,%s,false,", hex);
		}
		fprintf(f, "%s,%s,%s,%s,", st->format, k, d1, d2);
		s = extract_locs_text(l, nl);
		put_csv(f, s);
		free(s);
		fputc('\n', f);
	}
	free(k);
}

void
scope_csv(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct scope *sc)
{
	size_t	 i, n, r;
	unsigned k;
	char	 hex[65];

	fputs("kind,status,sha256,subject,reasons\n", f);
	for (k = 0; k < NKINDS; k++) {
		if (!(ro->kinds & KIND_BIT(k)))
			continue;
		for (i = 0; i < inv->ncerts; i++) {
			enum scope_status st = scope_status(sc, i, k);
			const char * const *rs;
			struct buf b = { 0 };
			char	*s;

			if (st != ST_REQUIRED && !ro->verbose)
				continue;
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(f, "%s,%s,%s,", kind_name(k), status_name(st),
			    hex);
			put_csv(f, inv->certs[i]->subject);
			rs = scope_reasons(sc, i, k, &n);
			for (r = 0; r < n; r++)
				buf_printf(&b, "%s%s", r ? "; " : "", rs[r]);
			s = buf_take(&b);
			fputc(',', f);
			put_csv(f, s);
			fputc('\n', f);
			free(s);
		}
	}
}

/*
 * -f list: the per-certificate list CAs hand their auditors and publish,
 * one row per certificate and one column per audit kind, "required" or
 * the status that excludes it.  check reads it back as one statement per
 * kind, listing the rows whose column says required.
 */
void
scope_list(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct scope *sc)
{
	size_t	 i;
	unsigned k;
	char	 hex[65], d[11];

	fputs("sha256,subject,issuer,not_before,not_after", f);
	for (k = 0; k < NKINDS; k++)
		if (ro->kinds & KIND_BIT(k))
			fprintf(f, ",%s", kind_name(k));
	fputc('\n', f);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		fp_hex(c->sha256, hex);
		fprintf(f, "%s,", hex);
		put_csv(f, c->subject);
		fputc(',', f);
		put_csv(f, c->issuer);
		time_format_date(c->not_before, d);
		fprintf(f, ",%s", d);
		time_format_date(c->not_after, d);
		fprintf(f, ",%s", d);
		for (k = 0; k < NKINDS; k++)
			if (ro->kinds & KIND_BIT(k))
				fprintf(f, ",%s", status_name(scope_status(sc,
				    i, k)));
		fputc('\n', f);
	}
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
void
check_csv(FILE *f, const struct check *ck, int findings_only)
{
	const struct inventory	*inv = ck->inv;
	size_t			 i, j, nr, omitted = 0;
	char			 hex[65], s[11], e[11];
	char			*ex;

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
			case F_MISSING: {
				char	*u = unlisted_text(c->st,
				    fi->sha256), *t = typo_text(c, fi);

				buf_printf(&db, "required for %s",
				    kind_name(fi->audit));
				if (u != NULL)
					buf_printf(&db, "; %s", u);
				if (t != NULL)
					buf_printf(&db, "; %s", t);
				free(u);
				free(t);
				break;
			}
			case F_UNKNOWN:
				if ((ex = owner_excluded_text(ck,
				    fi->sha256)) != NULL) {
					buf_addstr(&db, ex);
					free(ex);
				} else if (fi->nearest >= 0) {
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
				if (fi->required)
					buf_printf(&db, "required for %s; ",
					    kind_name(fi->audit));
				buf_addstr(&db, fi->detail);
				break;
			default:
				break;
			}
			detail = buf_take(&db);
			memcpy(key.sha256, fi->sha256, 32);
			/* A required one is a finding: its own name. */
			csv_row(f, ck, c, lead, fi->kind == F_ALV &&
			    fi->required ? "alv_not_found" :
			    finding_name(fi->kind),
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

void
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

void
lint_csv_header(FILE *f)
{
	fputs("path,kind,id,result,found,page,line,rule,fix\n", f);
}

void
lint_csv(FILE *f, const struct lint *l)
{
	char	*k = lint_kinds_list(l->kinds);
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
