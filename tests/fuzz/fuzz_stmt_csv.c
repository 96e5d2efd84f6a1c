/* CSV statements: fingerprint cells, kind flag columns. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("csv");

	fuzz_statement_done(st, stmt_read_csv(fuzz_init(), st, d, n));
	return 0;
}
