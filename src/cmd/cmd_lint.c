/*
 * auditscope lint: each audit statement checked, offline, against what
 * CCADB Policy 5.2 asks a statement to contain and what ALV reads (see
 * engine/engine.h and the manual's LINT section), so that a CA can
 * correct the auditor's draft before submitting it.
 */
#include <stdlib.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "cmd/cmd.h"
#include "engine/engine.h"
#include "report/report.h"
#include "statement/statement.h"

int
cmd_lint(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct stmt_overrides	 ov = { 0 };
	struct lint_opts	 lo = { 0 };
	struct statement	*prev = NULL;
	struct lint		*ls;
	struct report_opts	 ro;
	enum lint_result	 worst = LINT_PASS;
	int			 i, rc;

	sort_args((size_t)argc, argv);
	ov.kinds = o->setup.kinds;
	ov.max_input = run->max_input;
	lo.owner = o->setup.owner;
	lo.auditor = o->auditor;
	lo.kinds = o->setup.kinds;
	lo.period_set = o->period_set;
	lo.period = o->setup.period;
	lo.at_set = o->at_set;
	lo.now = run->now;
	if (o->previous != NULL) {
		prev = statement_load(run, o->previous, &ov);
		if (prev == NULL || prev->error)
			run_incomplete(run, RUN_STATEMENT);
		lo.previous = prev;
	}
	ls = xcalloc((size_t)argc, sizeof(*ls));
	for (i = 0; i < argc; i++) {
		struct statement *st = statement_load(run, argv[i], &ov);

		if (st == NULL) {
			ls[i].path = xstrdup(argv[i]);
			ls[i].incomplete = 1;
			run_incomplete(run, RUN_STATEMENT);
			continue;
		}
		lint_statement(st, &lo, &ls[i]);
		if (st->error)
			run_incomplete(run, RUN_STATEMENT);
		if (lint_worst(&ls[i]) > worst)
			worst = lint_worst(&ls[i]);
		statement_free(st);
	}
	report_options(&ro, o, run);
	lint_report(o->out, &ro, ls, (size_t)argc);
	rc = run_exit(run, worst != LINT_PASS);
	for (i = 0; i < argc; i++)
		lint_free(&ls[i]);
	free(ls);
	statement_free(prev);
	return rc;
}
