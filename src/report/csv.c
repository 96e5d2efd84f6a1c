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
