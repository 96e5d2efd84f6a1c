/*
 * The run (base/run.c): one decision of "complete" and of the exit
 * status for every command, whatever made the run incomplete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "test_run.h"

/* Every cause alone makes the run incomplete: exit 3, findings or not. */
START_TEST(each_cause_is_incomplete)
{
	struct run	 r;
	unsigned	 why;

	for (why = 0; why < NRUN_CAUSES; why++) {
		run_init(&r);
		diag_set_stream(&r, NULL);
		ck_assert_int_eq(run_complete(&r), 1);
		if (why == RUN_ERROR)
			diag_error(&r, "x.pem", 3, "cannot decode certificate");
		else
			run_incomplete(&r, (enum run_cause)why);
		ck_assert_int_eq(run_complete(&r), 0);
		ck_assert_uint_eq(r.causes, 1u << why);
		ck_assert_int_eq(run_exit(&r, 0), EXIT_INPUT);
		ck_assert_int_eq(run_exit(&r, 1), EXIT_INPUT);
	}
}
END_TEST

/* Warnings and notes are said, never counted against completeness. */
START_TEST(warnings_are_complete)
{
	struct run	 r;

	run_init(&r);
	diag_set_stream(&r, NULL);
	diag_warn(&r, "x.pem", 1, "is not in the inventory");
	diag_note(&r, NULL, 0, "no baseline yet");
	ck_assert_uint_eq(r.diag.warnings, 1);
	ck_assert_uint_eq(r.diag.errors, 0);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_CLEAN);
	ck_assert_int_eq(run_exit(&r, 1), EXIT_FINDINGS);
	diag_reset(&r);
	diag_error(&r, "x.pem", 1, "bad");
	ck_assert_int_eq(run_exit(&r, 0), EXIT_INPUT);
	/* diag_reset() (tests) takes back what the errors recorded. */
	diag_reset(&r);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_CLEAN);
}
END_TEST

/*
 * A usage error found late (check's statement without a kind) is said on
 * the run's stream like an error, with its path escaped, and not counted
 * as one: the command decides exit 2 itself.
 */
START_TEST(usage_errors_are_said_not_counted)
{
	struct run	 r;
	FILE		*f = tmpfile();
	char		 got[256];
	size_t		 n;

	ck_assert_ptr_nonnull(f);
	run_init(&r);
	diag_set_stream(&r, f);
	diag_usage(&r, "k\033ey.pdf", "a key-generation ceremony report "
	    "(\"%s\")", "Key \033[31mCeremony");
	ck_assert_uint_eq(r.diag.errors, 0);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_CLEAN);
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	ck_assert_str_eq(got, "auditscope: k\\u{001B}ey.pdf: a "
	    "key-generation ceremony report (\"Key \\u{001B}[31mCeremony\")"
	    "\n");
	fclose(f);
}
END_TEST

/*
 * A message is said whole past a kilobyte (the warnings that name ten
 * roots end in "and N more"); only past 16 KiB is it cut, and says so.
 */
START_TEST(long_messages_are_whole)
{
	static char	 got[32 << 10];
	struct run	 r;
	FILE		*f = tmpfile();
	char		*arg = xmalloc(20000);
	size_t		 n;

	ck_assert_ptr_nonnull(f);
	memset(arg, 'x', 19999);
	arg[19999] = '\0';
	run_init(&r);
	diag_set_stream(&r, f);
	diag_warn(&r, NULL, 0, "%.3000s and 53 more", arg);
	diag_error(&r, "in.csv", 7, "%s", arg);
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	/* "auditscope: warning: " 3000 x " and 53 more\n" */
	ck_assert_uint_eq(strcspn(got, "\n"), 21 + 3000 + 12);
	ck_assert(strncmp(got + 21 + 3000, " and 53 more\n", 13) == 0);
	/* "auditscope: in.csv:7: " then 16 KiB less the cut's bytes */
	ck_assert_uint_eq(strlen(got + 21 + 3000 + 13), 22 + (16 << 10) - 1 +
	    1);
	ck_assert(strcmp(got + n - 10, "... (cut)\n") == 0);
	ck_assert_uint_eq(r.diag.errors, 1);
	free(arg);
	fclose(f);
}
END_TEST

/* The diagnostics are the run's they are handed: two runs keep their own. */
START_TEST(diagnostics_are_the_runs)
{
	struct run	 a, b;

	run_init(&a);
	diag_set_stream(&a, NULL);
	run_init(&b);
	diag_set_stream(&b, NULL);
	diag_error(&a, NULL, 0, "one");
	ck_assert_uint_eq(a.diag.errors, 1);
	ck_assert_uint_eq(b.diag.errors, 0);
	ck_assert_int_eq(run_exit(&b, 0), EXIT_CLEAN);
	ck_assert_int_eq(run_exit(&a, 0), EXIT_INPUT);
}
END_TEST

/* The input size limit is the run's, handed to read_file(). */
START_TEST(max_input_is_the_runs)
{
	struct run	 r;
	unsigned char	*d;
	size_t		 n;
	char		 path[] = "/tmp/auditscope-run-XXXXXX";
	FILE		*f;
	int		 fd;

	run_init(&r);
	ck_assert_uint_eq(r.max_input, RUN_MAX_INPUT);
	diag_set_stream(&r, NULL);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs("0123456789", f);
	fclose(f);
	r.max_input = 10;
	ck_assert_int_eq(read_file(&r, path, r.max_input, &d, &n), 0);
	ck_assert_uint_eq(n, 10);
	free(d);
	ck_assert_int_eq(run_complete(&r), 1);
	r.max_input = 9;
	ck_assert_int_eq(read_file(&r, path, r.max_input, &d, &n), -1);
	free(d);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_INPUT);
	remove(path);
}
END_TEST

/*
 * The readers report into the run they are handed, not into the one made
 * last (other) nor the suites' test_run: the loader's PEM reader and the
 * CCADB reader it is given, and statement_load() with its readers.
 */
START_TEST(readers_report_to_their_run)
{
	static const char pem[] = "-----BEGIN CERTIFICATE-----\n"
	    "not base64!\n-----END CERTIFICATE-----\n";
	static const char csv[] = "SHA-256 Fingerprint,X.509 Certificate (PEM)\n"
	    "not a fingerprint,\n";
	static const char text[] = "An audit statement that lists nothing.\n";
	struct run	 r, other;
	struct ccadb_db	*db = ccadb_db_new();
	struct inventory *inv = inventory_new();
	struct loader	*ld;
	struct statement *st;
	unsigned	 theirs = test_run.diag.errors;
	char		 path[] = "/tmp/auditscope-run-XXXXXX";
	FILE		*f;
	int		 fd;

	run_init(&r);
	diag_set_stream(&r, NULL);
	run_init(&other);
	diag_set_stream(&other, NULL);
	ld = loader_new(&r, inv);
	loader_add_reader(ld, &db->reader);
	ck_assert_int_eq(loader_add_path(ld, "fixtures/no-such-file.pem"), -1);
	ck_assert_uint_eq(r.diag.errors, 1);
	ck_assert_int_eq(loader_add_buffer(ld, "bad.pem",
	    (const unsigned char *)pem, sizeof(pem) - 1), -1);
	ck_assert_uint_eq(r.diag.errors, 2);
	ck_assert_int_eq(loader_add_buffer(ld, "bad.csv",
	    (const unsigned char *)csv, sizeof(csv) - 1), -1);
	ck_assert_uint_eq(r.diag.errors, 3);
	ck_assert_uint_eq(r.causes & (1u << RUN_INPUTS), 0);
	loader_free(ld);
	/* The loader, not each command, says the inputs were not all read. */
	ck_assert_uint_ne(r.causes & (1u << RUN_INPUTS), 0);
	ck_assert_uint_eq(other.causes, 0);
	st = statement_load(&r, "fixtures/no-such-statement.pdf", NULL);
	ck_assert_int_eq(st->error, 1);
	ck_assert_uint_eq(r.diag.errors, 4);
	statement_free(st);
	/* A text statement that lists no fingerprint: an error too. */
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	st = statement_load(&r, path, NULL);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(r.diag.errors, 5);
	statement_free(st);
	remove(path);
	ck_assert_uint_eq(other.diag.errors + other.diag.warnings, 0);
	ck_assert_uint_eq(test_run.diag.errors, theirs);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_INPUT);
	inventory_free(inv);
	ccadb_db_free(db);
}
END_TEST

Suite *
run_suite(void)
{
	Suite	*s = suite_create("run");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, each_cause_is_incomplete);
	tcase_add_test(tc, warnings_are_complete);
	tcase_add_test(tc, usage_errors_are_said_not_counted);
	tcase_add_test(tc, long_messages_are_whole);
	tcase_add_test(tc, diagnostics_are_the_runs);
	tcase_add_test(tc, max_input_is_the_runs);
	tcase_add_test(tc, readers_report_to_their_run);
	suite_add_tcase(s, tc);
	return s;
}
