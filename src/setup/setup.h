/*
 * The setup stage (src/setup), the one header of the folder: from a
 * command's inputs and options to what the scope engine is handed.  The
 * inventory read, sorted, linked and (--owner) filtered (inputs.c); the
 * audited roots (-a, the root stores' records, --owner), their trust
 * (--trust, the stores' trust bits), --external, revocations (CCADB's
 * records, --revoked) (setup.c); after the engine, the run's fail-closed
 * checks and the one message about roots of unknown EV OIDs (setup.c).
 * It reads the --trust and --revoked files (the engine reads none) and
 * says what is wrong on standard error; it prints no report.
 */
#ifndef SETUP_H
#define SETUP_H

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"

struct ccadb_db;

/*
 * What the setup takes of the command line: the part of cmd's struct
 * opts that main.c fills for it (opts.setup).
 */
struct setup_opts {
	char		**anchors;	/* -a FP or FILE, as given */
	size_t		 nanchors;
	char		**trust;	/* --trust FP=PURPOSES or FILE */
	size_t		 ntrust;
	char		**external;	/* --external FP|FILE */
	size_t		 nexternal;
	char		**revoked;	/* --revoked FILEs */
	size_t		 nrevoked;
	char		**ev_oids;	/* --ev-oid [FP=]OID */
	size_t		 nev_oids;
	const char	*owner;		/* --owner: one CA Owner's hierarchy */
	unsigned	 stores;	/* --store: bits 1 << enum ccadb_store */
	int		 store_set;
	unsigned	 kinds;		/* KIND_BIT set, 0: not given */
	struct period	 period;
	int		 rules;		/* enum scope_rules */
	int		 no_cache;
	/*
	 * The kinds (KIND_BIT) the command checks, for which scope_setup()
	 * says which included roots the inputs lack (scope: -k; check: its
	 * statements'); 0: it says nothing of them (ccadb lists those
	 * records in its own report).
	 */
	unsigned	 absent_kinds;
};

/* The inventory (inputs.c). */
/*
 * Sorts arguments into the order they are read: INPUTs here, and the
 * statements of check, extract and lint.
 */
void	 sort_args(size_t, char **);
/*
 * What every command that reads an inventory does first: loads every
 * INPUT (the records of CCADB reports into db), sorts, links into h,
 * keeps --owner's.  Load errors are said and counted in inv->errors (the
 * report is then incomplete).
 */
struct inventory *load_inventory(struct run *,
	    const struct setup_opts *, int argc, char **argv,
	    struct hierarchy *h, struct ccadb_db *db);
/*
 * The reading alone: paths, in the order given, into a new inventory,
 * CCADB reports' records into db (not NULL); an input that fails is said
 * and counted in the inventory's errors.
 */
struct inventory *read_inputs(struct run *, struct ccadb_db *db,
	    char *const *paths, size_t n);
/*
 * load_inventory()'s counterpart: the hierarchy (h may be NULL), the
 * inventory, db.
 */
void	 unload_inventory(struct inventory *, struct hierarchy *h,
	    struct ccadb_db *db);

/* The scope setup that scope, check and ccadb share (setup.c). */
/*
 * load_inventory(), then the revocations: CCADB's records', then the
 * --revoked files', by certificate index into *rev.
 */
struct inventory *load_scope_inventory(struct run *,
	    const struct setup_opts *, int, char **, struct hierarchy *,
	    struct ccadb_db *, struct revocation **rev);
/*
 * Fills ss (engine/engine.h) for the engine; takes rev
 * (scope_setup_free() frees it).
 */
void	 scope_setup(struct run *, const struct setup_opts *,
	    struct inventory *, const struct hierarchy *,
	    const struct ccadb_db *, struct revocation *rev,
	    struct scope_setup *);
void	 scope_setup_free(struct scope_setup *);
/*
 * The files the setup reads, reporting their own errors:
 * 0 ok, -1 bad.  --trust FP=PURPOSES or a FILE of such lines (of at most
 * the run's max_input bytes), appended to *v; --revoked FILE into rev, by the
 * inventory's certificate index.
 */
int	 trust_parse(struct run *, const char *arg, struct trust_entry **,
	    size_t *);
int	 revoked_load(struct run *, struct inventory *,
	    struct revocation *rev, const char *path);
/*
 * Reports an error (the run incomplete) when nothing was checked or (sc
 * not NULL) nothing anchored; the second not when an input or the setup
 * ss already said why.
 */
void	 scope_fail_closed(struct run *, struct inventory *,
	    const struct scope *, const struct scope_setup *);
/*
 * Once for the run's scopes: the anchors of unknown EV OIDs
 * (scope_ev_unknown()) of the first scope with any, as an error, or with
 * warns as a warning.
 */
void	 scope_say_ev_unknown(struct run *, struct scope *const *, size_t,
	    int warns);

#endif /* SETUP_H */
