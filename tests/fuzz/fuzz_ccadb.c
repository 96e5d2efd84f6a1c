/* CCADB CSV reports, given straight to the CCADB reader (not sniffed):
 * every report it knows, headers it does not, broken quoting, PEM cells.
 * Each input is read twice, plain rows cut by row_plain() and every row
 * through libcsv, and any difference between the two aborts. */
#include <stdio.h>

#include "fuzz.h"
#include "../ccadb_cmp.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char	*why;

	fuzz_init();
	if ((why = ccadb_both_ways(d, n)) != NULL) {
		fprintf(stderr, "fuzz_ccadb: plain rows and libcsv differ: "
		    "%s\n", why);
		abort();
	}
	diag_reset();
	return 0;
}
