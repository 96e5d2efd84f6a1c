/*
 * Input formats of the inventory (load.c) and the hook by which the CCADB
 * reader (ccadb.c) claims CSV reports.  Internal to the inventory stage.
 */
#ifndef LOAD_H
#define LOAD_H

#include "base/auditscope.h"

enum format {
	FMT_EMPTY, FMT_DER, FMT_PEM, FMT_CCADB, FMT_UNKNOWN
};

enum format sniff_format(const unsigned char *, size_t);

/*
 * Loads one buffer into the inventory.  strict: an unrecognised format is
 * an error (a file named on the command line) rather than a warning (a
 * file met while walking a directory).  Returns -1 on any error.
 */
int	 load_buffer(struct inventory *, struct input_stat *, const char *name,
	    const unsigned char *, size_t, int strict);

/* PEM blocks of a text; line_offset is added to reported line numbers. */
int	 load_pem_text(struct inventory *, struct input_stat *,
	    const char *name, const char *, size_t, long line_offset);
int	 pem_b64_decode(const char *, size_t, long first_line, struct buf *,
	    long *bad_line);

/*
 * inventory_add_der() only fingerprints and files a certificate; its
 * decoding waits for inventory_flush(), which decodes every pending
 * certificate on all cores and then reports, in the order they were
 * added, those that failed (they leave the inventory).  Every reader
 * flushes before it returns, and before anything reads the fields.
 */
void	 inventory_flush(struct inventory *);

/* CCADB CSV reports (ccadb.c): does this look like one, and load it. */
int	 ccadb_sniff(const unsigned char *, size_t);
int	 ccadb_load(struct inventory *, struct input_stat *, const char *name,
	    const unsigned char *, size_t);
/* The record of a fingerprint, created empty on first sight (path:line). */
struct ccadb_record *ccadb_record_get(struct inventory *,
	    const unsigned char sha[32], const char *path, long line);

#endif
