/*
 * auditscope inventory: every certificate loaded, with what the scope
 * engine will read from it.  The first thing to run on a new bundle: it
 * shows what was loaded, what was skipped and what failed.
 */
#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cmd/cmd.h"
#include "report/report.h"

int
cmd_inventory(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory *inv;
	struct hierarchy h = { 0 };
	struct ccadb_db	*db = ccadb_db_new();
	struct report_opts ro;
	int		 rc;

	inv = load_inventory(run, &o->setup, argc, argv, &h, db);
	/* The report starts at the margin, after any progress line. */
	progress_end();
	report_options(&ro, o, run);
	inventory_report(o->out, &ro, inv, &h, db);
	rc = run_exit(run, 0);
	unload_inventory(inv, &h, db);
	return rc;
}
