/*
 * auditscope scope: the list a CA's compliance team never had, generated
 * from the certificates themselves: for each kind of audit and a period,
 * every CA certificate the statement must list, with the reasons, and
 * (with -v) every one it need not, with the status that excludes it.
 * The audited roots and their trust are set up in src/setup, the
 * report written by report/.
 */
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "report/report.h"
#include "cmd/cmd.h"

int
cmd_scope(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv;
	struct hierarchy	 h = { 0 };
	struct ccadb_db		*db;
	struct scope		*sc;
	struct scope_setup	 ss;
	struct revocation	*rev;
	struct provenance	 pv;
	struct report_opts	 ro;
	struct setup_opts	 so = o->setup;
	int			 rc;

	/* -k (main.c requires it) is what an absent root would miss. */
	so.absent_kinds = so.kinds;
	db = ccadb_db_new();
	inv = load_scope_inventory(run, &so, argc, argv, &h, db, &rev);
	scope_setup(run, &so, inv, &h, db, rev, &ss);
	if (ss.usage) {
		scope_setup_free(&ss);
		unload_inventory(inv, &h, db);
		return EXIT_USAGE;
	}
	sc = scope_eval(inv, &ss.so);
	scope_say_ev_unknown(run, &sc, 1, 0);
	scope_fail_closed(run, inv, sc, &ss);
	memset(&pv, 0, sizeof(pv));
	pv.command = "scope";
	prov_options(&pv, &ro, o);	/* ro filled as the report starts */
	pv.inv = inv;
	pv.db = db;
	pv.ss = &ss;
	pv.sc = sc;
	/*
	 * Complete as the exit status says: an error said above (EV OIDs
	 * unknown, say) makes the report incomplete as well as the run.
	 */
	/* The report starts at the margin, after any progress line. */
	progress_end();
	report_options(&ro, o, run);
	scope_report(o->out, &ro, &pv, inv, sc);
	rc = run_exit(run, 0);
	scope_free(sc);
	scope_setup_free(&ss);
	unload_inventory(inv, &h, db);
	return rc;
}
