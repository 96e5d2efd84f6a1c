/* Certificate bundles: PEM, DER, PKCS#7, sniffed as loader_add_buffer
 * does for a file named on the command line (CCADB CSV included). */
#include "fuzz.h"
#include "ccadb/ccadb.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct inventory *inv;
	struct loader	*ld;
	struct ccadb_db	*db;

	fuzz_init();
	db = ccadb_db_new();
	inv = inventory_new();
	ld = loader_new(fuzz_init(), inv);
	loader_add_reader(ld, &db->reader);
	loader_add_buffer(ld, "fuzz-input", d, n);
	loader_free(ld);
	inventory_sort(inv);
	inventory_free(inv);
	ccadb_db_free(db);
	diag_reset(fuzz_init());
	return 0;
}
