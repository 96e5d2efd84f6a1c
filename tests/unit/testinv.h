/*
 * An empty inventory that reads CCADB reports too, as the commands'
 * (inventory_new_ccadb()), its records in recs: each call starts a new
 * database, freed by the next call (or left, reachable, at exit).
 */
#ifndef TESTINV_H
#define TESTINV_H

#include "inventory/inventory.h"
#include "ccadb/ccadb.h"

static struct ccadb_db *recs;

static inline struct inventory *
new_inv(void)
{
	ccadb_db_free(recs);
	recs = ccadb_db_new();
	return inventory_new_ccadb(recs);
}

#endif /* TESTINV_H */
