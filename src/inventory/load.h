/*
 * Input formats of the inventory (load.c).  Internal to the inventory
 * stage.
 */
#ifndef LOAD_H
#define LOAD_H

#include "base/base.h"
#include "inventory/inventory.h"

/* A loading phase (inventory.h); its parts, private to the stage. */
struct loader {
	struct run	*run;		/* diagnostics (borrowed) */
	struct inventory *inv;		/* filled (borrowed) */
	size_t		 max_input;	/* a file's bytes; 0: RUN_MAX_INPUT */
	int		 jobs;		/* decoders (--jobs); 0: cores */
	/* The one format beside the inventory's own, or NULL (borrowed). */
	const struct inventory_reader *reader;
	struct buf	 input;		/* each file's bytes, one buffer */
	/*
	 * Certificates filed but not decoded yet and the threads decoding
	 * them (inventory.c); empty after loader_flush().
	 */
	struct decoder	*dec;
};

/*
 * What a certificate of the inventory holds outside the inventory's
 * arena (decoded fields, sources), for one dropped before the inventory
 * goes; the certificate and its DER stay in the arena until then.
 */
void	 inventory_cert_free(struct cert *);

enum format {
	FMT_EMPTY, FMT_DER, FMT_PEM,
	FMT_READER,		/* ld->reader's (CCADB reports) */
	FMT_UNKNOWN
};

/*
 * Loads one buffer into the loader's inventory.  strict: an unrecognised
 * format is an error (a file named on the command line) rather than a
 * warning (a file met while walking a directory).  Returns -1 on any
 * error.
 */
int	 load_buffer(struct loader *, struct input_stat *, const char *name,
	    const unsigned char *, size_t, int strict);

#endif
