/*
 * Input formats of the inventory (load.c).  Internal to the inventory
 * stage.
 */
#ifndef LOAD_H
#define LOAD_H

#include "base/base.h"
#include "inventory/inventory.h"

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
