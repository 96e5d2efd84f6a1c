/*
 * The lint over a plain-text statement read as statement_load reads it;
 * a form feed in the input starts a new page, as in a PDF's text, and
 * the first byte picks which options are given.
 */
#include <string.h>

#include "fuzz.h"
#include "engine/engine.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("text");
	struct lint_opts lo;
	struct lint	 l;
	char		*norm;
	size_t		 nlen, i;
	unsigned	 sel = n > 0 ? d[0] : 0;

	norm = stmt_normalize((const char *)d, n, &nlen);
	/* The pages first: stmt_meta() numbers the text's runs by them. */
	for (i = 0; i < nlen; i++)
		if (norm[i] == '\f')
			st->pages++;
	if (st->pages > 0)
		st->pages++;
	stmt_scan_text(st, norm, nlen, 0, 1, 0);
	stmt_meta(st, norm, nlen);
	free(norm);
	stmt_finish(fuzz_init(), st, NULL);
	memset(&lo, 0, sizeof(lo));
	if (sel & 1)
		lo.owner = "Example Trust Inc.";
	if (sel & 2)
		lo.auditor = "Example Assurance LLP";
	if (sel & 4)
		lo.kinds = KIND_BIT(KIND_TLS) | KIND_BIT(KIND_SMIME);
	if (sel & 8)
		lo.previous = st;
	lo.at_set = (sel & 16) != 0;
	lo.now = fuzz_init()->now;
	lint_statement(st, &lo, &l);
	(void)lint_worst(&l);
	lint_free(&l);
	statement_free(st);
	diag_reset(fuzz_init());
	return 0;
}
