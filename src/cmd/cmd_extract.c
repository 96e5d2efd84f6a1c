/*
 * auditscope extract: what each audit statement lists (SHA-256
 * fingerprints with every location and whether CCADB's ALV would find
 * them as written; 40-hex values apart) and what it says about itself
 * (kind, period, dates, auditor), each value with the text it came from.
 * The first thing to run on a preliminary statement.  The reports are
 * report/'s (text.c, json.c, csv.c), a statement at a time.
 */
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "cmd/cmd.h"
#include "report/report.h"
#include "statement/statement.h"

int
cmd_extract(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct stmt_overrides ov;
	struct report_opts ro;
	struct extract_out x;
	int		 i;

	memset(&ov, 0, sizeof(ov));
	ov.kinds = o->setup.kinds;
	ov.period_set = o->period_set;
	ov.period = o->setup.period;
	ov.max_input = run->max_input;
	report_options(&ro, o, run);
	extract_begin(&x, o->out, &ro);
	sort_args((size_t)argc, argv);
	for (i = 0; i < argc; i++) {
		struct statement *st = statement_load(run, argv[i], &ov);

		if (st == NULL || st->error)
			run_incomplete(run, RUN_STATEMENT);
		extract_statement(&x, st);
		statement_free(st);
	}
	if (extract_end(&x, run_complete(run)) != 0)
		return EXIT_INTERNAL;
	return run_exit(run, 0);
}
