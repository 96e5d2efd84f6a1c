/*
 * Private to src/ccadb: what the CSV reader (ccadb.c) files into the
 * records (ccadb_records.c) and reads of them.  ccadb/ccadb.h is the
 * stage's interface.
 */
#ifndef CCADB_RECORDS_H
#define CCADB_RECORDS_H

#include "ccadb/ccadb.h"

/*
 * CCADB CSV reports (ccadb.c): does this look like one, and load it (its
 * certificates into the inventory, its records into db, a struct
 * ccadb_db): the two as db->reader, which the loader calls.  Here for the
 * tests, which call them directly.
 */
int	 ccadb_sniff(const unsigned char *, size_t);
int	 ccadb_load(void *db, struct loader *, struct input_stat *,
	    const char *name, const unsigned char *, size_t);

/* The record of a fingerprint, created empty on first sight (path:line). */
struct ccadb_record *ccadb_record_get(struct ccadb_db *,
	    const unsigned char sha[32], const char *path, long line);

/* Is this store status an inclusion ("Included"; Microsoft "NotBefore")? */
int	 ccadb_status_includes(enum ccadb_store, const char *status);

/*
 * Trust-bit words ("Websites;Email", "Server Authentication") -> PURP_*,
 * with CCADB_TRUST_NAMED when every word is known (ccadb.h).
 */
unsigned ccadb_trust_bits(const char *);

#endif /* CCADB_RECORDS_H */
