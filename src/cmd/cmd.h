/*
 * The commands (src/cmd), the one header of the folder: one file per
 * command, orchestration only (read the inputs and set up through
 * setup/setup.h, hand them to the engine, hand the findings to the
 * command's report in report/report.h), and what they share
 * (cmd_common.c).  The command line is parsed once by main.c and handed
 * to the command that runs, with the run (base/base.h: now, limits,
 * jobs, diagnostics).  Each command returns an
 * enum exit_status, decided by run_exit(), and writes its report to `out`
 * (main checks and closes it).
 */
#ifndef CMD_H
#define CMD_H

#include <stdio.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "setup/setup.h"
#include "report/report.h"

struct opts {
	enum outfmt	 format;
	int		 format_set;
	int		 verbose;
	int		 quiet;		/* no progress */
	FILE		*out;
	const char	*out_path;
	/*
	 * What the setup stage reads (setup/setup.h): anchors, --trust,
	 * --store, --owner, --external, --revoked, --ev-oid, --no-cache,
	 * kinds, period, rules; the reports read some of it too.
	 */
	struct setup_opts setup;
	int		 period_set;
	/* check */
	char		**statements;	/* [KIND=]FILE, as given */
	size_t		 nstatements;
	const char	*baseline;
	int		 fail_on_new;
	/* lint */
	const char	*auditor;	/* --auditor: CCADB's Audit Firm */
	const char	*previous;	/* --previous STATEMENT */
	int		 at_set;	/* --at given */
	int		 findings_only;	/* not the "listed, not required" */
	/* ccadb */
	int		 max_age;	/* --max-age MONTHS */
	int		 max_age_set;
};

/* Each command (cmd_NAME.c), given the INPUT operands only (argc, argv). */
int	 cmd_inventory(struct run *, const struct opts *, int, char **);
int	 cmd_tree(struct run *, const struct opts *, int, char **);
int	 cmd_scope(struct run *, const struct opts *, int, char **);
int	 cmd_extract(struct run *, const struct opts *, int, char **);
int	 cmd_check(struct run *, const struct opts *, int, char **);
int	 cmd_ccadb(struct run *, const struct opts *, int, char **);
int	 cmd_lint(struct run *, const struct opts *, int, char **);


/*
 * "-s [KIND[,KIND]=]FILE": the kinds (0: none given) and the path.  A
 * prefix that names no kind is a usage error (a typo must not turn
 * "SMIME=f" into a file name), unless the whole argument is an existing
 * file with '=' in its name: -1, which main.c reports (cmd_common.c).
 */
int	 statement_arg(const char *arg, unsigned *kinds, const char **path);

/*
 * A report's provenance: what the command line said, as ro has it, and
 * the --revoked files (cmd_common.c).
 */
struct provenance;
void	 prov_options(struct provenance *, const struct report_opts *,
	    const struct opts *);
/* What the reports need of the command line and the run (cmd_common.c),
 * taken when the report is written. */
void	 report_options(struct report_opts *, const struct opts *,
	    const struct run *);

#endif
