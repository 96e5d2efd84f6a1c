/*
 * auditscope check: the main job.  Each statement is checked against its
 * own kind and period (given as KIND= and --period, or as the statement
 * says); the report leads with what is missing, then what matches
 * nothing, then information.  A run that could not read an input says so
 * and never ends in an all-clear.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "cmd/cmd.h"


/* The statements to check, each with the path it was read from. */
struct stmt_list {
	struct statement **sts;
	const char	**paths;	/* borrowed from the command line */
	size_t		 n;
};

static void
push_statement(struct stmt_list *sl, const char *path, struct statement *st)
{
	sl->sts = xreallocarray(sl->sts, sl->n + 1, sizeof(*sl->sts));
	sl->paths = xreallocarray(sl->paths, sl->n + 1, sizeof(*sl->paths));
	sl->sts[sl->n] = st;
	sl->paths[sl->n++] = path;
}

/*
 * Each statement's lint (engine/engine.h), for its section of the report:
 * the CA Owner and auditor from the options, else from the CCADB records
 * of the certificates it lists.  Does not change the exit status: `lint`
 * is the command for that.
 */
static struct lint *
check_lint(const struct run *run, const struct opts *o,
    const struct check *ck)
{
	struct lint	*l = xcalloc(ck->nsc ? ck->nsc : 1, sizeof(*l));
	size_t		 i;

	for (i = 0; i < ck->nsc; i++) {
		struct lint_opts lo = { 0 };
		struct statement own;

		/*
		 * A scope list (CSV) or a Trusted List is no audit letter:
		 * nothing to lint (path stays NULL).
		 */
		if (ck->sc[i].st == NULL || ck->sc[i].st->text == NULL)
			continue;
		/*
		 * The lint judges what the statement says of itself, as
		 * `lint -p/-k` does: its own period and kind, with -p given
		 * to the lint to compare, not written over them.
		 */
		own = *ck->sc[i].st;
		own.kinds = own.own_kinds;
		own.kind_source = own.own_kind_source;
		own.period_set = own.own_period_set;
		own.period = own.own_period;
		own.period_source = own.own_period_source;
		lo.owner = o->setup.owner;
		lo.auditor = o->auditor;
		lo.kinds = ck->sc[i].kinds;
		lo.period_set = o->period_set;
		lo.period = o->setup.period;
		lo.at_set = o->at_set;
		lo.now = run->now;
		lint_opts_ccadb(&lo, ck->db, &own);
		lint_statement(&own, &lo, &l[i]);
	}
	return l;
}

int
cmd_check(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv = NULL;
	struct hierarchy	 h = { 0 };
	struct ccadb_db		*recs = NULL;
	struct stmt_list	 sl = { 0 };
	struct provenance	 pv;
	unsigned		*kinds = NULL;
	struct period		*periods = NULL;
	struct scope_setup	 ss;
	struct revocation	*rev;
	size_t			 i, nunread = 0;
	struct check		*ck = NULL;
	struct lint		*lints = NULL;
	const char		**unread;
	unsigned		 k;
	struct report_opts	 ro;
	struct setup_opts	 so;
	int			 rc, usage = 0;

	memset(&ss, 0, sizeof(ss));
	/* Reports list statements in this order, whatever the command's. */
	sort_args(o->nstatements, o->statements);
	progress_phase("reading statements", o->nstatements);
	for (i = 0; i < o->nstatements; i++) {
		struct stmt_overrides	 ov;
		struct statement	*st;
		const char		*path;

		memset(&ov, 0, sizeof(ov));
		/* main.c refused a -s it cannot split. */
		(void)statement_arg(o->statements[i], &ov.kinds, &path);
		if (ov.kinds != 0)
			ov.kind_source = "command line (-s KIND=FILE)";
		else
			ov.kinds = o->setup.kinds;
		ov.period_set = o->period_set;
		ov.period = o->setup.period;
		ov.max_input = run->max_input;
		st = statement_load(run, path, &ov);
		progress_add(1);
		/*
		 * What the reader warned of (a page without text, a
		 * fingerprint only in struck-through text): said once per
		 * file, before the flag columns split it.
		 */
		for (k = 0; st != NULL && k < st->nwarnings; k++)
			diag_warn(run, path, 0, "%s", st->warnings[k]);
		if (ov.kinds != 0 || st == NULL || st->error ||
		    st->flag_kinds == 0 || st->kinds == 0) {
			push_statement(&sl, path, st);
			continue;
		}
		/*
		 * A per-certificate list with a column per audit kind (scope
		 * -f list, or a CA's own): one statement per kind, each
		 * listing the rows its column flags (and not the others).
		 */
		for (k = 0; k < NKINDS; k++)
			if (st->kinds & KIND_BIT(k)) {
				char	 src[128];

				(void)snprintf(src, sizeof(src), "the list's "
				    "flag column for %s", kind_name(k));
				ov.kinds = KIND_BIT(k);
				ov.kind_source = src;
				push_statement(&sl, path,
				    statement_load(run, path, &ov));
			}
		statement_free(st);
	}
	for (i = 0; i < sl.n; i++) {
		const char	*path = sl.paths[i];

		if (sl.sts[i] == NULL || sl.sts[i]->error)
			continue;	/* reported; an input error */
		if (sl.sts[i]->kinds == 0 && sl.sts[i]->keygen) {
			diag_usage(run, path, "a key-generation ceremony "
			    "report (\"%s\"), not an audit of one kind; give "
			    "-s KIND=FILE to check it as one",
			    sl.sts[i]->keygen_source);
			usage = 1;
		} else if (sl.sts[i]->kinds == 0 || !sl.sts[i]->period_set) {
			int	 nok = sl.sts[i]->kinds == 0;

			diag_usage(run, path, "the statement's %s %s not found "
			    "in it; give %s",
			    nok ? "audit kind" : "audit period",
			    nok && !sl.sts[i]->period_set ?
			    "and period are" : "is",
			    nok ? "-s KIND=FILE (and --period)" :
			    "--period START..END");
			usage = 1;
		}
	}
	rc = EXIT_USAGE;
	if (usage && run->diag.errors == 0)
		goto out;
	/*
	 * The kinds the statements will be checked for, which decide what
	 * an absent root leaves unchecked: every kind when one statement
	 * could not be read or names none.
	 */
	so = o->setup;
	for (i = 0; i < sl.n; i++)
		so.absent_kinds |= sl.sts[i] == NULL || sl.sts[i]->error ||
		    sl.sts[i]->kinds == 0 ? (1u << NKINDS) - 1 :
		    sl.sts[i]->kinds;
	recs = ccadb_db_new();
	inv = load_scope_inventory(run, &so, argc, argv, &h, recs, &rev);
	scope_setup(run, &so, inv, &h, recs, rev, &ss);
	if (ss.usage)
		goto out;
	scope_fail_closed(run, inv, NULL, &ss);
	/* Statements that could not be read are left out of the checks. */
	unread = xcalloc(sl.n + 1, sizeof(*unread));
	kinds = xcalloc(sl.n + 1, sizeof(*kinds));
	periods = xcalloc(sl.n + 1, sizeof(*periods));
	for (i = 0; i < sl.n; i++) {
		if (sl.sts[i] == NULL || sl.sts[i]->error ||
		    sl.sts[i]->kinds == 0 || !sl.sts[i]->period_set) {
			unread[nunread++] = sl.paths[i];
			statement_free(sl.sts[i]);
			sl.sts[i] = NULL;
			continue;
		}
		kinds[i] = sl.sts[i]->kinds;
		periods[i] = sl.sts[i]->period;
	}
	ck = reconcile_run(inv, sl.sts, kinds, periods, sl.n, &ss.so);
	scope_say_ev_unknown(run, ck->scopes, ck->nscopes, 0);
	ck->unread = unread;
	ck->nunread = nunread;
	/* A baseline that cannot be read has said so (the run incomplete). */
	if (o->baseline != NULL)
		(void)check_baseline(run, ck, o->baseline);
	lints = check_lint(run, o, ck);
	memset(&pv, 0, sizeof(pv));
	pv.command = "check";
	prov_options(&pv, &ro, o);	/* ro filled as the report starts */
	pv.inv = inv;
	pv.db = recs;
	pv.ss = &ss;
	pv.sc = ck->nscopes > 0 ? ck->scopes[0] : NULL;
	pv.ck = ck;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	report_options(&ro, o, run);
	check_report(o->out, &ro, &pv, ck, lints);
	rc = run_exit(run, check_findings(ck, o->fail_on_new) > 0);
	for (i = 0; lints != NULL && i < ck->nsc; i++)
		lint_free(&lints[i]);
	free(lints);
out:
	check_free(ck);
	for (i = 0; i < sl.n; i++)
		statement_free(sl.sts[i]);
	free(sl.sts);
	free(sl.paths);
	free(kinds);
	free(periods);
	scope_setup_free(&ss);
	unload_inventory(inv, &h, recs);
	return rc;
}
