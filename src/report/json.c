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
