/*
 * The one Check runner: every tests/unit/check_NAME.c contributes NAME_suite(),
 * listed in the generated suites.h.  CK_FORK stays on so that a crash in
 * one test is reported as that test's failure.
 */
#include <stdlib.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "test_run.h"

#define SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef SUITE

struct run	 test_run;

int
main(void)
{
	SRunner	*sr = srunner_create(NULL);
	int	 failed;

	/* One run for every suite, "now" pinned: no test may depend on
	 * the clock. */
	run_init(&test_run);
	test_run.now = time_from_civil(2026, 1, 15, 0, 0, 0);
#define SUITE(name) srunner_add_suite(sr, name##_suite());
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
