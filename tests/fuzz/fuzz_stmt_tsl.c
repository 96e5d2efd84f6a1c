/* ETSI TS 119 612 Trusted List XML, DOCTYPE check first. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("tsl");

	fuzz_statement_done(st, stmt_read_tsl(fuzz_init(), st, d, n));
	return 0;
}
