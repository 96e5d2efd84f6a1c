/*
 * Provenance (provenance.c): what a check, scope or ccadb report was made
 * from, so that it can stand as audit evidence: the tool's version, the
 * --at date and the rules; each input with its path as given, size,
 * SHA-256 and what was read from it; each statement with the kind and
 * period in force and the text or option they came from; each audited
 * root with why it is one and the trust purposes the scope used, with
 * their source; and the assumptions made where the inputs said nothing.
 *
 * Every report format shows the same facts: prov_lines() for text (a
 * header), CSV (comment lines) and HTML, prov_json() for JSON.
 *
 * Ownership: everything in struct provenance is borrowed.  prov_lines()
 * returns lines the caller frees with prov_lines_free(); they are already
 * escaped for a terminal (esc_term).  prov_json() returns a new reference.
 */
#ifndef PROVENANCE_H
#define PROVENANCE_H

#include <stddef.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/scope.h"

struct check;

struct provenance {
	const char		*command;	/* "check", "scope", "ccadb" */
	/* What the command line said (borrowed from the options). */
	int			 rules;		/* enum scope_rules */
	struct period		 period;	/* scope's */
	unsigned		 kinds;		/* scope's */
	unsigned		 stores;	/* --store set, if store_set */
	int			 store_set;
	const char		*owner;		/* --owner, or NULL */
	char * const		*revoked;	/* --revoked FILEs */
	size_t			 nrevoked;
	const struct inventory	*inv;
	const struct ccadb_db	*db;	/* its CCADB records, or NULL */
	const struct scope_setup *ss;
	const struct scope	*sc;	/* the anchors; NULL: none evaluated */
	const struct check	*ck;	/* check: its statements, else NULL */
};

char	**prov_lines(const struct provenance *, size_t *n);
void	 prov_lines_free(char **, size_t n);
json_t	*prov_json(const struct provenance *);

/* The three sinks of prov_lines(): a text header, CSV comment lines. */
void	 prov_text(FILE *, const struct provenance *);
void	 prov_csv(FILE *, const struct provenance *);

/*
 * The trust purposes the scope gives an audited root, and where they come
 * from ("--trust", "--store mozilla: its trust bits", or the default of
 * every purpose).  The one place that says so: a new origin of trust bits
 * is added here.
 */
const char *anchor_trust(const struct scope_setup *, const struct inventory *,
	    size_t cert, unsigned *purposes);

#endif /* PROVENANCE_H */
