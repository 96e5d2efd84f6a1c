/* Plain-text statements: what statement_load does with text. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("text");
	char		*norm;
	size_t		 nlen;

	norm = stmt_normalize((const char *)d, n, &nlen);
	stmt_scan_text(st, norm, nlen, 0, 1, 0);
	stmt_meta(st, norm, nlen);
	free(norm);
	fuzz_statement_done(st, 0);
	return 0;
}
