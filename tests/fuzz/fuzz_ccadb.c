/* CCADB CSV reports, given straight to the CCADB reader (not sniffed):
 * every report it knows, headers it does not, broken quoting, PEM cells.
 * libcsv reads every row; the harness looks for crashes, leaks and
 * undefined behaviour. */
#include <stdio.h>

#include "fuzz.h"
#include "ccadb/ccadb.h"
#include "ccadb/records.h"
#include "inventory/load.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct inventory *inv;
	struct loader	*ld;
	struct ccadb_db	*db;
	struct input_stat st = { 0 };

	fuzz_init();
	inv = inventory_new();
	ld = loader_new(fuzz_init(), inv);
	db = ccadb_db_new();
	st.path = "fuzz-input";
	st.format = "ccadb-csv";
	(void)ccadb_load(db, ld, &st, st.path, d, n);
	loader_free(ld);
	inventory_free(inv);
	ccadb_db_free(db);
	diag_reset(fuzz_init());
	return 0;
}
