/* The parent's parsing of the PDF child's pipe records (stmt_pdf_parse):
 * a subverted child may send any bytes.  Parsed at once and again as if
 * the records arrived in pieces (as the parent reads them while the
 * child works): both must find the same. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *a = fuzz_statement("pdf");
	struct statement *b = fuzz_statement("pdf");
	size_t		 piece = n > 0 ? 1 + d[0] % 61 : 1;
	int		 ra, rb;

	ra = stmt_pdf_parse(fuzz_init(), a, d, n);
	rb = stmt_pdf_parse_pieces(fuzz_init(), b, d, n, piece);
	if (ra != rb || a->nfps != b->nfps || a->nsha1s != b->nsha1s ||
	    a->nwarnings != b->nwarnings || a->pages != b->pages ||
	    (a->nfps > 0 && memcmp(a->fps[a->nfps - 1].sha256,
	    b->fps[b->nfps - 1].sha256, 32) != 0)) {
		fprintf(stderr, "pdf pipe: whole and in pieces of %zu "
		    "differ\n", piece);
		abort();
	}
	fuzz_statement_done(a, ra);
	fuzz_statement_done(b, rb);
	return 0;
}
