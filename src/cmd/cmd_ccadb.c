/*
 * auditscope ccadb: the nightly job over CCADB exports.  For each CA
 * certificate with a record (of one owner, with --owner), is every audit
 * its scope requires on file in CCADB, current, with dates that agree,
 * and do CCADB's own capability flags agree with the certificates?  The
 * work is ccadb_audit.c's, the reports report/'s; this file reads options
 * and runs them.
 */
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "report/report.h"
#include "cmd/cmd.h"

#define DEFAULT_MAX_AGE	15	/* 12 months, plus CCADB's 3 to file */

int
cmd_ccadb(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv;
	struct hierarchy	 h = { 0 };
	struct ccadb_db		*db = ccadb_db_new();
	struct scope_setup	 ss;
	struct revocation	*rev;
	struct audit_opts	 ao;
	struct audit_report	*ar;
	struct provenance	 pv;
	struct report_opts	 ro;
	int			 rc;

	/* Formats, and no -p or -k (every kind over the 12 months before
	 * --at): main.c's command table.  Its report lists the records
	 * without their certificate (absent_kinds 0). */
	inv = load_scope_inventory(run, &o->setup, argc, argv, &h, db, &rev);
	scope_setup(run, &o->setup, inv, &h, db, rev, &ss);
	if (ss.usage) {
		scope_setup_free(&ss);
		unload_inventory(inv, &h, db);
		return EXIT_USAGE;
	}
	memset(&ao, 0, sizeof(ao));
	ao.so = ss.so;
	ao.max_age = o->max_age_set ? o->max_age : DEFAULT_MAX_AGE;
	ao.owner = o->setup.owner;
	ao.store_given = o->setup.store_set;
	/* Said only when nothing else is wrong: it would follow from that. */
	if (ccadb_count(db) == 0 && run_complete(run))
		diag_error(run, NULL, 0,
		    "ccadb: no CCADB all-records report among "
		    "the inputs: there are no audit records to check");
	ar = ccadb_audit_run(inv, &ao, run->now);
	scope_say_ev_unknown(run, &ar->scope, 1, 1);
	/* Fail closed: a report over nothing is no all-clear. */
	if (ar->checked == 0 && run_complete(run)) {
		if (ar->nocert == 0)
			/* Root-store rows only: no audits to read. */
			diag_error(run, NULL, 0,
			    "ccadb: checked 0 certificates: no all-records "
			    "row (with its audits) among the inputs%s (give "
			    "CCADB's AllCertificateRecords report)",
			    o->setup.owner != NULL ? " is the owner's" : "");
		else
			diag_error(run, NULL, 0,
			    "ccadb: checked 0 certificates: no CCADB "
			    "record has its certificate among the inputs (give "
			    "the AllCertificatePEMsCSVFormat reports or the "
			    "CA's PEM files)");
	}
	/*
	 * Records checked, but none of their certificates in scope for any
	 * kind over the 12 months before --at (a date before or long after
	 * their lives): nothing checked was due, which is no all-clear.
	 */
	if (ar->checked > 0 && ar->inscope == 0 && run_complete(run)) {
		char	 d[11];

		time_format_date(run->now, d);
		diag_error(run, NULL, 0, "ccadb: no certificate with a CCADB "
		    "record%s is in scope for any audit in the 12 months "
		    "before %s: nothing checked was due (is --at right?)",
		    o->setup.owner != NULL ? " of the owner's" : "", d);
	}
	/* A baseline that cannot be read has said so (the run incomplete). */
	if (o->baseline != NULL)
		(void)ccadb_audit_baseline(run, ar, o->baseline);
	memset(&pv, 0, sizeof(pv));
	pv.command = "ccadb";
	prov_options(&pv, &ro, o);	/* ro filled as the report starts */
	pv.inv = inv;
	pv.db = db;
	pv.ss = &ss;
	pv.sc = ar->scope;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	report_options(&ro, o, run);
	ccadb_report(o->out, &ro, &pv, ar);
	rc = run_exit(run, ccadb_audit_serious(ar, o->fail_on_new) > 0);
	ccadb_audit_free(ar);
	scope_setup_free(&ss);
	unload_inventory(inv, &h, db);
	return rc;
}
