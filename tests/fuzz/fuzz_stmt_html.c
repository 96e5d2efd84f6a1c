/* HTML statements (libxml2's HTML parser), DOCTYPE check first. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("html");

	fuzz_statement_done(st, stmt_read_html(fuzz_init(), st, d, n));
	return 0;
}
