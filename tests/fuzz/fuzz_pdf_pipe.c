/* The parent's parsing of the PDF child's pipe records (stmt_pdf_parse):
 * a subverted child may send any bytes. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("pdf");

	fuzz_statement_done(st, stmt_pdf_parse(st, d, n));
	return 0;
}
