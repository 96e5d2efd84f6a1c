/* Certificate bundles: PEM, DER, PKCS#7, sniffed as inventory_add_buffer
 * does for a file named on the command line (CCADB CSV included). */
#include "fuzz.h"
#include "ccadb/ccadb.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct inventory *inv;
	struct ccadb_db	*db;

	fuzz_init();
	db = ccadb_db_new();
	inv = inventory_new_ccadb(db);
	inventory_add_buffer(inv, "fuzz-input", d, n);
	inventory_sort(inv);
	inventory_free(inv);
	ccadb_db_free(db);
	diag_reset();
	return 0;
}
