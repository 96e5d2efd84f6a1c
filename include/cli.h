/*
 * The command line, parsed once by main.c and handed to the command that
 * runs.  Commands live in src/cmd_*.c; each returns an enum exit_status
 * and writes its report to `out` (main checks and closes it).
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "auditscope.h"

enum outfmt {
	OUT_TEXT, OUT_JSON, OUT_CSV, OUT_DOT, OUT_HTML
};

struct opts {
	enum outfmt	 format;
	int		 format_set;
	int		 verbose;
	int		 jobs;
	int		 no_cache;
	/* -k/--kind and -p/--period: what a statement covers */
	unsigned	 kinds;		/* KIND_BIT set; 0: not given */
	int		 period_set;
	struct period	 period;
	FILE		*out;
	const char	*out_path;
};

/* Each command: argv holds the INPUT operands only. */
int	 cmd_inventory(const struct opts *, int argc, char **argv);
int	 cmd_tree(const struct opts *, int argc, char **argv);
int	 cmd_extract(const struct opts *, int argc, char **argv);

/*
 * Shared by the commands that read an inventory: loads every INPUT, sorts,
 * links.  Returns NULL only on exhaustion; load errors are counted in
 * inv->errors (the report is then incomplete).
 */
struct inventory *load_inventory(const struct opts *, int argc, char **argv);

#endif
