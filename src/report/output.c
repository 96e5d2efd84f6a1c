/*
 * The table of formats (rpki-client's output.c): for each command, which
 * writer makes the report in the format asked for.  The writers are one
 * file per format (text.c, json.c, csv.c, dot.c, html.c); main.c's command
 * table has already refused a format the command does not take.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

void
inventory_report(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct hierarchy *h,
    const struct ccadb_db *db)
{
	switch (ro->format) {
	case OUT_JSON:
		inventory_json(f, inv, h, db, ro->complete);
		break;
	case OUT_CSV:
		inventory_csv(f, inv, h);
		break;
	case OUT_TEXT:
		inventory_text(f, inv, h, db, ro->complete);
		break;
	default:
		break;
	}
}

void
tree_report(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct hierarchy *h)
{
	if (ro->format == OUT_DOT)
		tree_dot(f, inv, h);
	else
		tree_text(f, inv, h, ro->now, ro->complete);
}

void
scope_report(FILE *f, const struct report_opts *ro,
    const struct provenance *pv, const struct inventory *inv,
    const struct scope *sc)
{
	switch (ro->format) {
	case OUT_JSON:
		scope_json(f, ro, inv, sc, pv, ro->complete);
		break;
	case OUT_CSV:
		prov_csv(f, pv);
		scope_csv(f, ro, inv, sc);
		break;
	case OUT_LIST:
		scope_list(f, ro, inv, sc);
		break;
	default:
		prov_text(f, pv);
		scope_text(f, ro, inv, sc, ro->complete);
		break;
	}
}

void
check_report(FILE *f, const struct report_opts *ro,
    const struct provenance *pv, const struct check *ck,
    const struct lint *lints)
{
	switch (ro->format) {
	case OUT_JSON:
		check_json(f, ck, ro, lints, pv, ro->complete, ro->nerrors);
		break;
	case OUT_CSV:
		prov_csv(f, pv);
		check_csv(f, ck, ro->findings_only);
		break;
	case OUT_HTML:
		check_html(f, ck, lints, pv, ro->complete, ro->findings_only);
		break;
	case OUT_DOT:
		check_dot(f, ck);
		break;
	default:
		prov_text(f, pv);
		check_text(f, ck, lints, ro->complete, ro->findings_only);
		break;
	}
}

void
ccadb_report(FILE *f, const struct report_opts *ro,
    const struct provenance *pv, const struct audit_report *ar)
{
	switch (ro->format) {
	case OUT_JSON:
		ccadb_json_report(f, ro, ar, pv, ro->complete, ro->nerrors);
		break;
	case OUT_CSV:
		prov_csv(f, pv);
		ccadb_csv(f, ar);
		break;
	default:
		prov_text(f, pv);
		ccadb_text(f, ro, ar, ro->complete);
		break;
	}
}

void
lint_report(FILE *f, const struct report_opts *ro, const struct lint *ls,
    size_t n)
{
	size_t	 i;

	switch (ro->format) {
	case OUT_JSON: {
		struct jstream	 js;

		/* A statement at a time, as check -f json writes them. */
		js_open(&js, f, NULL, '{');
		js_bool(&js, "complete", ro->complete);
		js_open(&js, NULL, "statements", '[');
		for (i = 0; i < n; i++)
			js_put(&js, NULL, lint_json(&ls[i]));
		js_close(&js);
		js_close(&js);
		(void)js_end(&js);
		break;
	}
	case OUT_CSV:
		lint_csv_header(f);
		for (i = 0; i < n; i++)
			lint_csv(f, &ls[i]);
		break;
	case OUT_HTML:
		lint_html(f, ls, n);
		break;
	default:
		for (i = 0; i < n; i++) {
			put_term(f, ls[i].path);
			fputs(ls[i].incomplete ? "  (INCOMPLETE: the statement "
			    "did not read)\n" : "\n", f);
			lint_text(f, &ls[i], "  ");
		}
		break;
	}
}

void
extract_begin(struct extract_out *x, FILE *f, const struct report_opts *ro)
{
	memset(x, 0, sizeof(*x));
	x->f = f;
	x->ro = ro;
	if (ro->format == OUT_CSV)
		fputs("path,type,fingerprint,alv_findable,format,kind,"
		    "period_start,period_end,locations\n", f);
}

void
extract_statement(struct extract_out *x, const struct statement *st)
{
	if (st != NULL) {
		if (x->ro->format == OUT_JSON) {
			x->docs = xreallocarray(x->docs, x->ndocs + 1,
			    sizeof(*x->docs));
			x->docs[x->ndocs++] = statement_json(st);
		} else if (x->ro->format == OUT_CSV)
			statement_csv(x->f, st);
		else {
			if (x->n > 0)
				fputc('\n', x->f);
			statement_text(x->f, st);
		}
	}
	x->n++;
}

int
extract_end(struct extract_out *x, int complete)
{
	struct jstream	 js;
	size_t		 i;

	if (x->ro->format != OUT_JSON)
		return 0;
	js_open(&js, x->f, NULL, '{');
	js_bool(&js, "complete", complete);
	js_open(&js, NULL, "statements", '[');
	for (i = 0; i < x->ndocs; i++)
		js_put(&js, NULL, x->docs[i]);
	js_close(&js);
	js_close(&js);
	free(x->docs);
	x->docs = NULL;
	x->ndocs = 0;
	return js_end(&js);
}
