/*
 * Statement metadata: dates as statements write them (stmt_parse_date at
 * every offset), periods and dates as the command line takes them
 * (period_parse, time_parse_date), audit kinds, and the detection of
 * kind, period, point in time, report date and auditor (stmt_meta).
 */
#include <string.h>

#include "fuzz.h"

#define MAX_LEN		4096
#define MAX_OFFSETS	1024

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("text");
	struct period	 p;
	astime		 t;
	unsigned	 kinds;
	enum audit_kind	 k;
	char		*s, *norm;
	size_t		 i, nlen;

	if (n > MAX_LEN)
		n = MAX_LEN;
	s = xstrndup((const char *)d, n);
	time_parse_date(s, &t);
	period_parse(s, &p);
	kinds_parse(s, &kinds);
	kind_parse(s, &k);
	for (i = 0; i < n && i < MAX_OFFSETS; i++)
		stmt_parse_date(s + i, n - i, &t);
	norm = stmt_normalize(s, n, &nlen);
	stmt_meta(st, norm, nlen);
	free(norm);
	free(s);
	fuzz_statement_done(st, 0);
	return 0;
}
