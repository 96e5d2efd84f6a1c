/*
 * auditscope lint: each audit statement checked, offline, against what
 * CCADB Policy 5.2 asks a statement to contain and what ALV reads (see
 * engine/engine.h and the manual's LINT section), so that a CA can
 * correct the auditor's draft before submitting it.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
	enum lint_result	 worst = LINT_PASS;
	int			 i, rc;

	sort_args((size_t)argc, argv);
	ov.kinds = o->kinds;
	ov.max_input = run->max_input;
	lo.owner = o->owner;
	lo.auditor = o->auditor;
	lo.kinds = o->kinds;
	lo.period_set = o->period_set;
	lo.period = o->period;
	lo.at_set = o->at_set;
	lo.now = run->now;
	if (o->previous != NULL) {
		prev = statement_load(o->previous, &ov);
		if (prev == NULL || prev->error)
			run_incomplete(run, RUN_STATEMENT);
		lo.previous = prev;
	}
	ls = xcalloc((size_t)argc, sizeof(*ls));
	for (i = 0; i < argc; i++) {
		struct statement *st = statement_load(argv[i], &ov);

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
	switch (o->format) {
	case OUT_JSON: {
		json_t	*root = json_object(), *a = json_array();

		for (i = 0; i < argc; i++)
			json_array_append_new(a, lint_json(&ls[i]));
		json_object_set_new(root, "complete",
		    json_boolean(run_complete(run)));
		json_object_set_new(root, "statements", a);
		json_write(o->out, root);
		break;
	}
	case OUT_CSV:
		lint_csv_header(o->out);
		for (i = 0; i < argc; i++)
			lint_csv(o->out, &ls[i]);
		break;
	case OUT_HTML:
		lint_html(o->out, ls, (size_t)argc);
		break;
	default:
		for (i = 0; i < argc; i++) {
			put_term(o->out, ls[i].path);
			fputs(ls[i].incomplete ? "  (INCOMPLETE: the statement "
			    "did not read)\n" : "\n", o->out);
			lint_text(o->out, &ls[i], "  ");
		}
		break;
	}
	rc = run_exit(run, worst != LINT_PASS);
	for (i = 0; i < argc; i++)
		lint_free(&ls[i]);
	free(ls);
	statement_free(prev);
	return rc;
}
