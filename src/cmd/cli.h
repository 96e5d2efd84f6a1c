/*
 * The command line, parsed once by main.c and handed to the command that
 * runs.  Commands live in src/cmd_*.c; each returns an enum exit_status
 * and writes its report to `out` (main checks and closes it).
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/scope.h"

enum outfmt {
	OUT_TEXT, OUT_JSON, OUT_CSV, OUT_DOT, OUT_HTML,
	OUT_LIST		/* scope: a column per audit kind */
};

struct opts {
	enum outfmt	 format;
	int		 format_set;
	int		 verbose;
	int		 quiet;		/* no progress */
	int		 jobs;
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
	struct trust_entry *trust;
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

/* Each command: argv holds the INPUT operands only. */
int	 cmd_inventory(const struct opts *, int argc, char **argv);
int	 cmd_tree(const struct opts *, int argc, char **argv);
int	 cmd_scope(const struct opts *, int argc, char **argv);
int	 cmd_extract(const struct opts *, int argc, char **argv);
int	 cmd_check(const struct opts *, int argc, char **argv);
int	 cmd_ccadb(const struct opts *, int argc, char **argv);
int	 cmd_lint(const struct opts *, int argc, char **argv);


/*
 * Shared by the commands that read an inventory: loads every INPUT (the
 * records of CCADB reports into db), sorts, links into h.  Returns NULL
 * only on exhaustion; load errors are counted in inv->errors (the report
 * is then incomplete).
 */
struct ccadb_db;
struct inventory *load_inventory(const struct opts *, int argc, char **argv,
	    struct hierarchy *h, struct ccadb_db *db);
/* A report's provenance: what the command line said (cmd_common.c). */
struct provenance;
void	 prov_options(struct provenance *, const struct opts *);
/* Sorts arguments (inputs, -s statements) into the order they are read. */
void	 sort_args(size_t, char **);

/* Shared by scope, check and ccadb (cmd_scope.c). */
struct inventory *load_scope_inventory(const struct opts *, int, char **,
	    struct hierarchy *, struct ccadb_db *);

void	 scope_setup(const struct opts *, struct inventory *,
	    const struct hierarchy *, const struct ccadb_db *,
	    struct scope_setup *);
void	 scope_setup_free(struct scope_setup *);
/*
 * Counts an input error when nothing was checked or (sc not NULL) nothing
 * anchored.
 */
struct scope;
void	 scope_fail_closed(struct inventory *, const struct scope *);

#endif
