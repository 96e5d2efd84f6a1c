/*
 * The commands (src/cmd), the one header of the folder: one file per
 * command, orchestration only (read the inputs, hand them to the engine,
 * hand the findings to the command's report in report/report.h), and the
 * setup they share (cmd_common.c, cmd_setup.c).  The command line is
 * parsed once by main.c and handed to the command that runs, with the run
 * (base/base.h: now, limits, jobs, diagnostics).  Each command returns an
 * enum exit_status, decided by run_exit(), and writes its report to `out`
 * (main checks and closes it).
 */
#ifndef CMD_H
#define CMD_H

#include <stdio.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "report/report.h"

struct opts {
	enum outfmt	 format;
	int		 format_set;
	int		 verbose;
	int		 quiet;		/* no progress */
	int		 no_cache;
	FILE		*out;
	const char	*out_path;
	const char	*owner;		/* --owner: one CA Owner's hierarchy */
	unsigned	 stores;	/* --store: bits 1 << enum ccadb_store */
	int		 store_set;
	char		**external;	/* --external FP|FILE, as given */
	size_t		 nexternal;
	/* scope, extract, check */
	unsigned	 kinds;		/* KIND_BIT set, 0: not given */
	struct period	 period;
	int		 period_set;
	int		 rules;		/* enum scope_rules */
	char		**trust;	/* --trust FP=PURPOSES or FILE, as given */
	size_t		 ntrust;
	char		**anchors;	/* FP or FILE, as given */
	size_t		 nanchors;
	char		**ev_oids;
	size_t		 nev_oids;
	char		**revoked;	/* FILEs */
	size_t		 nrevoked;
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
 * Shared by the commands that read an inventory (cmd_common.c): loads
 * every INPUT (the records of CCADB reports into db), sorts, links into
 * h.  Returns NULL only on exhaustion; load errors are counted in
 * inv->errors (the report is then incomplete).
 */
struct ccadb_db;
struct inventory *load_inventory(const struct run *, const struct opts *,
	    int argc, char **argv, struct hierarchy *h, struct ccadb_db *db);
/*
 * The reading alone: paths, in the order given, into a new inventory,
 * CCADB reports' records into db (not NULL); an input that fails is said
 * and counted in the inventory's errors.
 */
struct inventory *read_inputs(const struct run *, struct ccadb_db *db,
	    char *const *paths, size_t n);
/*
 * load_inventory()'s counterpart: the hierarchy (h may be NULL), the
 * inventory, db.
 */
void	 unload_inventory(struct inventory *, struct hierarchy *h,
	    struct ccadb_db *db);
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
/* Sorts arguments (inputs, -s statements) into the order they are read. */
void	 sort_args(size_t, char **);

/* Shared by scope, check and ccadb, with the files the setup reads
 * (cmd_setup.c). */
struct inventory *load_scope_inventory(const struct run *,
	    const struct opts *, int, char **, struct hierarchy *,
	    struct ccadb_db *, struct revocation **rev);
/* The setup takes rev (scope_setup_free() frees it). */
void	 scope_setup(const struct run *, const struct opts *,
	    struct inventory *,
	    const struct hierarchy *, const struct ccadb_db *,
	    struct revocation *rev, struct scope_setup *);
void	 scope_setup_free(struct scope_setup *);
/*
 * The files scope setup reads (cmd_setup.c), reporting their own errors:
 * 0 ok, -1 bad.  --trust FP=PURPOSES or a FILE of such lines (of at most
 * max bytes), appended to *v; --revoked FILE into rev, by the
 * inventory's certificate index.
 */
int	 trust_parse(size_t max, const char *arg, struct trust_entry **,
	    size_t *);
int	 revoked_load(const struct run *, struct inventory *,
	    struct revocation *rev, const char *path);
/*
 * Reports an error (the run incomplete) when nothing was checked or (sc
 * not NULL) nothing anchored; the second not when an input or the setup
 * ss already said why.
 */
struct scope;
void	 scope_fail_closed(struct inventory *, const struct scope *,
	    const struct scope_setup *);
/*
 * Once for the run's scopes: the anchors of unknown EV OIDs
 * (scope_ev_unknown()) of the first scope with any, as an error, or with
 * warns as a warning.
 */
void	 scope_say_ev_unknown(struct scope *const *, size_t,
	    int warns);

#endif
