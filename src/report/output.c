/*
 * The table of formats (rpki-client's output.c): for each command, which
 * writer makes the report in the format asked for.  The writers are one
 * file per format (text.c, json.c, csv.c, dot.c, html.c); main.c's command
 * table has already refused a format the command does not take.
 */
#include <stdio.h>

#include "base/base.h"
#include "inventory/inventory.h"
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
		inventory_json(f, inv, h, db);
		break;
	case OUT_CSV:
		inventory_csv(f, inv, h);
		break;
	case OUT_TEXT:
		inventory_text(f, inv, h, db);
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
		tree_text(f, inv, h, ro->now);
}
