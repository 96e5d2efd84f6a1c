/*
 * An empty inventory that reads CCADB reports too, as the commands'
 * (their loader has the database's reader), its records in recs: each
 * call starts a new database, freed by the next call (or left, reachable,
 * at exit).  test_add_path() and test_add_buffer() read one input into an
 * inventory through a loader of its own, with recs's reader.
 */
#ifndef TESTINV_H
#define TESTINV_H

#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "test_run.h"

static struct ccadb_db *recs;

static inline struct inventory *
new_inv(void)
{
	ccadb_db_free(recs);
	recs = ccadb_db_new();
	return inventory_new();
}

/* A loader into inv with db's reader (none if db is NULL). */
static inline struct loader *
test_loader(struct inventory *inv, struct ccadb_db *db)
{
	struct loader	*ld = loader_new(&test_run, inv);

	if (db != NULL)
		loader_add_reader(ld, &db->reader);
	return ld;
}

static inline int
test_add_path(struct inventory *inv, const char *path)
{
	struct loader	*ld = test_loader(inv, recs);
	int		 rc = loader_add_path(ld, path);

	loader_free(ld);
	return rc;
}

static inline int
test_add_buffer_db(struct inventory *inv, struct ccadb_db *db,
    const char *name, const void *d, size_t n)
{
	struct loader	*ld = test_loader(inv, db);
	int		 rc = loader_add_buffer(ld, name, d, n);

	loader_free(ld);
	return rc;
}

static inline int
test_add_buffer(struct inventory *inv, const char *name, const void *d,
    size_t n)
{
	return test_add_buffer_db(inv, recs, name, d, n);
}

#endif /* TESTINV_H */
