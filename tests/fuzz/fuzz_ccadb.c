/* CCADB CSV reports, given straight to the CCADB reader (not sniffed):
 * every report it knows, headers it does not, broken quoting, PEM cells. */
#include <string.h>

#include "fuzz.h"
#include "load.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct inventory *inv;
	struct input_stat st;

	fuzz_init();
	inv = inventory_new();
	memset(&st, 0, sizeof(st));
	st.path = "fuzz-input.csv";
	st.format = "ccadb-csv";
	ccadb_load(inv, &st, st.path, d, n);
	inventory_sort(inv);
	inventory_free(inv);
	diag_reset();
	return 0;
}
