/*
 * One test per bug the fuzzers found (tests/fuzz/), each through the
 * public entry point that a user's file reaches.  The input that found
 * the bug is also committed as tests/fuzz/corpus/HARNESS/crash-*, which
 * `make check` replays through the harness.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "testinv.h"
#include "test_run.h"

Suite	*fuzzfound_suite(void);

static struct inventory *
load_bytes(const char *text, size_t n, int *rc)
{
	struct inventory *inv = new_inv();

	diag_set_stream(&test_run, NULL);
	*rc = test_add_buffer(inv, "input", (const unsigned char *)text,
	    n);
	inventory_sort(inv);
	return inv;
}

/*
 * A one-line file with two commas and no final newline: the CCADB sniffer
 * read the header's cells from a row buffer the CSV reader had already
 * freed (a NULL dereference, or worse).  It is simply not a CCADB report.
 */
START_TEST(ccadb_sniff_header_without_newline)
{
	static const char *const inputs[] = {
		"a,b,c",
		"SHA-256 Fingerprint,X.509 Certificate (PEM),x",
		",,",
	};
	struct inventory *inv;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		inv = load_bytes(inputs[i], strlen(inputs[i]), &rc);
		ck_assert_uint_eq(inv->ncerts, 0);
		inventory_free(inv);
	}
	inv = load_bytes("a,b,c", 5, &rc);
	ck_assert_int_eq(rc, -1);
	inventory_free(inv);
}
END_TEST

Suite *
fuzzfound_suite(void)
{
	Suite	*s = suite_create("fuzzfound");
	TCase	*tc = tcase_create("regressions");

	tcase_add_test(tc, ccadb_sniff_header_without_newline);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
