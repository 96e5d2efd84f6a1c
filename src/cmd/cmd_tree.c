/*
 * auditscope tree: the issuer hierarchy as people draw it, one tree per
 * root (report/text.c), or as a graph (report/dot.c).
 */
#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cmd/cmd.h"
#include "report/report.h"

int
cmd_tree(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory *inv;
	struct hierarchy h = { 0 };
	struct ccadb_db	*db = ccadb_db_new();
	struct report_opts ro;
	int		 rc;

	inv = load_inventory(run, &o->setup, argc, argv, &h, db);
	progress_end();
	report_options(&ro, o, run);
	tree_report(o->out, &ro, inv, &h);
	rc = run_exit(run, 0);
	unload_inventory(inv, &h, db);
	return rc;
}
