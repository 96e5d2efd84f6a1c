/*
 * The lint's rules at their edges: ALV's date forms and splitters, the
 * 92-day deadline, continuity (gap, adjacent, overlap), the policy
 * identifiers, the opinion, page and line numbers across PDF pages.
 * Each test lints a statement made from the good fixture's text with
 * one sentence changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "statement/statement.h"
#include "statement/reader.h"
#include "test_run.h"

static const char *FP =
    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396";

static void
setup(void)
{
	diag_set_stream(&test_run, NULL);
	diag_reset(&test_run);
}

/* A statement of the good fixture's form, as of (e.g.) "throughout the
 * period April 1, 2024 to March 31, 2025", with an incidents sentence. */
static struct statement *
make_full(const char *when, const char *extra, const char *dated,
    const char *incidents)
{
	struct statement *st = xcalloc(1, sizeof(*st));
	struct buf	 b = { 0 };

	buf_printf(&b, "To the management of Example Trust Inc.:\n"
	    "We have examined that %s, the Certificate "
	    "Policy (version 4.2, published March 1, 2024) was followed, based "
	    "on the WebTrust Principles and Criteria for Certification "
	    "Authorities - SSL Baseline with Network Security - Version 2.8, "
	    "for the issuance of all certificates that assert policy "
	    "identifier 2.23.140.1.2.1.\n%s\n%s\n"
	    "The audit team is listed apart.\nExample Assurance LLP\n"
	    "100 Market Street\n%s\n%s\n", when, extra, incidents, dated, FP);
	st->path = xstrdup("test");
	st->format = "text";
	stmt_scan_text(st, b.data, b.len, 0, 1, 0);
	stmt_meta(st, b.data, b.len);
	stmt_finish(&test_run, st, NULL);
	buf_free(&b);
	return st;
}

/* A statement: text with its period, opinion, OIDs and date. */
static struct statement *
make(const char *period, const char *extra, const char *dated)
{
	struct buf	 w = { 0 };
	struct statement *st;

	buf_printf(&w, "throughout the period %s", period);
	st = make_full(w.data, extra, dated, "Other Matters: no incidents.");
	buf_free(&w);
	return st;
}

static const char *OPINION = "In our opinion, it is fairly stated, in "
    "all material respects.";

static enum lint_result
result(struct statement *st, const struct statement *prev,
    enum lint_id id, char **found)
{
	struct lint_opts lo = { 0 };
	struct lint	 l;
	enum lint_result r;

	lo.owner = "Example Trust Inc.";
	lo.auditor = "Example Assurance LLP";
	lo.previous = prev;
	lint_statement(st, &lo, &l);
	r = l.checks[id].result;
	if (found != NULL)
		*found = xstrdup(l.checks[id].found != NULL ?
		    l.checks[id].found : "");
	lint_free(&l);
	return r;
}

static enum lint_result
period_result(const char *period)
{
	struct statement *st = make(period, OPINION, "June 20, 2025");
	enum lint_result r;

	ck_assert_msg(st->period_set, "period not read: %s", period);
	r = result(st, NULL, LINT_PERIOD, NULL);
	statement_free(st);
	return r;
}

START_TEST(alv_date_forms)
{
	/* Policy 5.2.3's three forms, each splitter, the US comma. */
	ck_assert_int_eq(period_result("April 1, 2024 to March 31, 2025"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("1 April 2024 through 31 March 2025"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("2024-04-01 until 2025-03-31"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("April 1, 2024 and March 31, 2025"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("April 1, 2024 - March 31, 2025"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("April 1, 2024 ~ March 31, 2025"),
	    LINT_PASS);
	ck_assert_int_eq(period_result("April 1, 2024, to March 31, 2025"),
	    LINT_PASS);
	/* what the reader finds but ALV does not */
	ck_assert_int_eq(period_result("the 1st of April 2024 to March 31, "
	    "2025"), LINT_FAIL);
	ck_assert_int_eq(period_result("Apr. 1, 2024 to March 31, 2025"),
	    LINT_FAIL);
	ck_assert_int_eq(period_result("April 1 2024 to March 31, 2025"),
	    LINT_FAIL);
	ck_assert_int_eq(period_result("4/1/2024 to 3/31/2025"), LINT_FAIL);
	ck_assert_int_eq(period_result("01.04.2024 to 31.03.2025"),
	    LINT_FAIL);
	ck_assert_int_eq(period_result("April 1, 2024 till March 31, 2025"),
	    LINT_FAIL);
	ck_assert_int_eq(period_result("April 1, 2024 thru March 31, 2025"),
	    LINT_FAIL);
}
END_TEST

static enum lint_result
deadline(const char *dated)
{
	struct statement *st = make("April 1, 2024 to March 31, 2025",
	    OPINION, dated);
	enum lint_result r = result(st, NULL, LINT_DEADLINE, NULL);

	statement_free(st);
	return r;
}

START_TEST(deadline_92_days)
{
	/* March 31 + 92 days = July 1 */
	ck_assert_int_eq(deadline("July 1, 2025"), LINT_PASS);
	ck_assert_int_eq(deadline("July 2, 2025"), LINT_WARN);
}
END_TEST

/* --at past the due date: a draft dated in time is told of the letter. */
static enum lint_result
deadline_at(const char *at, char **found)
{
	struct statement *st = make("April 1, 2024 to March 31, 2025",
	    OPINION, "June 20, 2025");
	struct lint_opts lo = { 0 };
	struct lint	 l;
	enum lint_result r;

	lo.owner = "Example Trust Inc.";
	lo.auditor = "Example Assurance LLP";
	lo.at_set = 1;
	ck_assert_int_eq(time_parse_date(at, &lo.now), 0);
	lint_statement(st, &lo, &l);
	r = l.checks[LINT_DEADLINE].result;
	*found = xstrdup(l.checks[LINT_DEADLINE].found);
	lint_free(&l);
	statement_free(st);
	return r;
}

START_TEST(deadline_upload_day)
{
	char	*f;

	ck_assert_int_eq(deadline_at("2025-07-01", &f), LINT_PASS);
	ck_assert_msg(strstr(f, "0 days left at --at") != NULL, "%s", f);
	free(f);
	/* Past the due date at --at: said, the verdict the date's. */
	ck_assert_int_eq(deadline_at("2025-07-03", &f), LINT_PASS);
	ck_assert_msg(strstr(f, "due 2 days before --at (not uploaded by "
	    "then, it needs the auditor's letter)") != NULL, "%s", f);
	free(f);
}
END_TEST

START_TEST(statement_date_after_period)
{
	struct statement *st = make("April 1, 2024 to March 31, 2025",
	    OPINION, "March 31, 2025");

	ck_assert_int_eq(result(st, NULL, LINT_STATEMENT_DATE, NULL),
	    LINT_FAIL);
	statement_free(st);
	/* ETSI's labelled ISO date, with no line of a date alone */
	st = make("April 1, 2024 to March 31, 2025", OPINION,
	    "Date of issuance: 2025-06-20");
	ck_assert_int_eq(st->date_set, 0);
	ck_assert_int_eq(result(st, NULL, LINT_STATEMENT_DATE, NULL),
	    LINT_PASS);
	ck_assert_int_eq(result(st, NULL, LINT_DEADLINE, NULL), LINT_PASS);
	statement_free(st);
	st = make("April 1, 2024 to March 31, 2025", OPINION,
	    "Sept. 1, 2025");
	ck_assert_int_eq(result(st, NULL, LINT_STATEMENT_DATE, NULL),
	    LINT_FAIL);
	statement_free(st);
}
END_TEST

START_TEST(continuity)
{
	struct statement *cur = make("April 1, 2024 to March 31, 2025",
	    OPINION, "June 20, 2025");
	struct statement *adj = make("April 1, 2023 to March 31, 2024",
	    OPINION, "June 20, 2024");
	struct statement *gap = make("April 1, 2023 to February 29, 2024",
	    OPINION, "June 20, 2024");
	struct statement *ovl = make("May 1, 2023 to April 30, 2024",
	    OPINION, "June 20, 2024");
	char	*f;

	ck_assert_int_eq(result(cur, adj, LINT_CONTINUITY, NULL), LINT_PASS);
	ck_assert_int_eq(result(cur, gap, LINT_CONTINUITY, &f), LINT_FAIL);
	ck_assert_msg(strstr(f, "gap 2024-03-01..2024-03-31") != NULL, "%s",
	    f);
	free(f);
	ck_assert_int_eq(result(cur, ovl, LINT_CONTINUITY, &f), LINT_PASS);
	ck_assert_msg(strstr(f, "overlaps it by 30 days") != NULL, "%s", f);
	free(f);
	ck_assert_int_eq(result(cur, NULL, LINT_CONTINUITY, NULL),
	    LINT_WARN);
	/* the statement itself, or a later one, is not a previous one */
	ck_assert_int_eq(result(cur, cur, LINT_CONTINUITY, &f), LINT_FAIL);
	ck_assert_msg(strstr(f, "is not before this one") != NULL, "%s", f);
	free(f);
	ck_assert_int_eq(result(adj, cur, LINT_CONTINUITY, &f), LINT_FAIL);
	ck_assert_msg(strstr(f, "is not before this one") != NULL, "%s", f);
	free(f);
	ck_assert_int_eq(result(ovl, cur, LINT_CONTINUITY, NULL), LINT_FAIL);
	statement_free(cur);
	statement_free(adj);
	statement_free(gap);
	statement_free(ovl);
}
END_TEST

START_TEST(opinions)
{
	static const struct {
		const char	*text;
		enum lint_result r;
	} t[] = {
		{ "In our opinion, it is fairly stated, in all material "
		  "respects.", LINT_PASS },
		{ "In our opinion, except for the matter above, it is fairly "
		  "stated.", LINT_WARN },
		{ "Basis for Qualified Opinion: two late revocations.",
		  LINT_WARN },
		{ "Adverse Opinion: it is not fairly stated.", LINT_FAIL },
		/* adverse without the word: the ok-words inside "not" */
		{ "In our opinion, management's assertion is not fairly "
		  "stated, in all material respects.", LINT_FAIL },
		{ "In our opinion, the CA's controls do not conform, in all "
		  "material respects, to the criteria.", LINT_FAIL },
		{ "In our opinion, the CA's controls are not, in all material "
		  "respects, in conformity with the criteria.", LINT_FAIL },
		{ "In our opinion, the CA is not in all material respects in "
		  "conformity with the criteria.", LINT_FAIL },
		/* a "not" far from the conclusion: read it */
		{ "In our opinion, throughout the period the CA, which does "
		  "not issue EV certificates and had no subordinate CAs "
		  "operated by third parties, maintained effective controls, "
		  "in all material respects.", LINT_WARN },
		{ "We do not express an opinion.", LINT_FAIL },
		{ "Without modifying our opinion, we note the matters.",
		  LINT_FAIL },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct statement *st = make("April 1, 2024 to March 31, 2025",
		    t[i].text, "June 20, 2025");

		ck_assert_msg(result(st, NULL, LINT_OPINION, NULL) == t[i].r,
		    "%s", t[i].text);
		statement_free(st);
	}
}
END_TEST

START_TEST(deadline_words)
{
	struct statement *early = make("April 1, 2024 to March 31, 2025",
	    OPINION, "March 20, 2025");
	struct statement *next = make("April 1, 2024 to March 31, 2025",
	    OPINION, "April 1, 2025");
	char	*f;

	(void)result(early, NULL, LINT_DEADLINE, &f);
	ck_assert_msg(strstr(f, "dated 11 days before the period end") !=
	    NULL, "%s", f);
	free(f);
	(void)result(next, NULL, LINT_DEADLINE, &f);
	ck_assert_msg(strstr(f, "dated 1 day after the period end") != NULL,
	    "%s", f);
	free(f);
	statement_free(early);
	statement_free(next);
}
END_TEST

/* The standards fix names the checked kind's criteria, not always TLS. */
START_TEST(standards_fix_kind)
{
	struct stmt_overrides ov = { 0 };
	struct statement *st = statement_load(&test_run,
	    "fixtures/evidence/point-in-time.txt", &ov);
	struct lint_opts lo = { 0 };
	struct lint	 l;

	ck_assert_ptr_nonnull(st);
	lint_statement(st, &lo, &l);
	ck_assert_int_eq(l.checks[LINT_STANDARDS].result, LINT_FAIL);
	ck_assert_ptr_nonnull(l.checks[LINT_STANDARDS].fix);
	ck_assert_msg(strstr(l.checks[LINT_STANDARDS].fix, "S/MIME") != NULL,
	    "%s", l.checks[LINT_STANDARDS].fix);
	ck_assert_msg(strstr(l.checks[LINT_STANDARDS].fix, "SSL") == NULL,
	    "%s", l.checks[LINT_STANDARDS].fix);
	lint_free(&l);
	statement_free(st);
}
END_TEST

/* A key-generation report: the period-of-time checks do not apply. */
START_TEST(keygen_report)
{
	static const enum lint_id skip[] = { LINT_POLICY_OIDS,
	    LINT_INCIDENTS, LINT_CONTINUITY, LINT_DEADLINE };
	struct stmt_overrides ov = { 0 };
	struct statement *st = statement_load(&test_run,
	    "fixtures/evidence/keygen.txt", &ov);
	struct lint_opts lo = { 0 };
	struct lint	 l;
	size_t		 i;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_ne(st->keygen, 0);
	lint_statement(st, &lo, &l);
	ck_assert_msg(strstr(l.checks[LINT_PERIOD_TYPE].found,
	    "key-generation report") != NULL, "%s",
	    l.checks[LINT_PERIOD_TYPE].found);
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
		ck_assert_int_eq(l.checks[skip[i]].result, LINT_PASS);
		ck_assert_str_eq(l.checks[skip[i]].found,
		    "does not apply to a key-generation report");
	}
	/* the rest still runs: no opinion in the fixture */
	ck_assert_int_eq(l.checks[LINT_OPINION].result, LINT_FAIL);
	lint_free(&l);
	statement_free(st);
}
END_TEST

START_TEST(point_in_time)
{
	struct statement *st = make_full("as of May 7, 2016", OPINION,
	    "June 20, 2016", "Other Matters: no incidents.");
	char	*f;

	ck_assert_int_eq(result(st, NULL, LINT_PERIOD_TYPE, &f), LINT_WARN);
	ck_assert_str_eq(f, "point in time, 2016-05-07 (ALV: manual review)");
	free(f);
	ck_assert_int_eq(result(st, NULL, LINT_PERIOD, NULL), LINT_PASS);
	statement_free(st);
}
END_TEST

START_TEST(incidents)
{
	static const struct {
		const char	*text;
		enum lint_result r;
	} t[] = {
		{ "Other Matters: no incidents.", LINT_PASS },
		{ "There were no incidents during the period.", LINT_PASS },
		{ "The CA disclosed incidents in Mozilla Bug 1234567.",
		  LINT_PASS },
		{ "Incidents\nLate revocation, see bug 1234567.", LINT_PASS },
		{ "The following findings were noted: none.", LINT_PASS },
		/* control boilerplate is no incidents statement */
		{ "The CA maintained effective controls over security "
		  "incident response.", LINT_FAIL },
		{ "The CA maintained incident management procedures.",
		  LINT_FAIL },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct statement *st = make_full("throughout the period "
		    "April 1, 2024 to March 31, 2025", OPINION,
		    "June 20, 2025", t[i].text);

		ck_assert_msg(result(st, NULL, LINT_INCIDENTS, NULL) == t[i].r,
		    "%s", t[i].text);
		statement_free(st);
	}
}
END_TEST

START_TEST(whole_fixture_pages)
{
	struct stmt_overrides ov = { 0 };
	struct statement *st = statement_load(&test_run,
	    "fixtures/lint/good.pdf", &ov);
	struct lint_opts lo = { 0 };
	struct lint	 l;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(st->error, 0);
	lint_statement(st, &lo, &l);
	/* the opinion on page 1, the fingerprints on page 2 */
	ck_assert_uint_eq(l.checks[LINT_OPINION].page, 1);
	ck_assert_int_eq(l.checks[LINT_OPINION].result, LINT_PASS);
	ck_assert_uint_eq(l.checks[LINT_PERIOD].page, 1);
	ck_assert_int_eq(l.checks[LINT_PERIOD].line, 5);
	/* no --owner, --auditor, --previous: warned, never passed */
	ck_assert_int_eq(l.checks[LINT_CA_OWNER].result, LINT_WARN);
	ck_assert_int_eq(l.checks[LINT_AUDITOR].result, LINT_WARN);
	ck_assert_int_eq(l.checks[LINT_CONTINUITY].result, LINT_WARN);
	ck_assert_int_eq(lint_worst(&l), LINT_WARN);
	lint_free(&l);
	statement_free(st);
}
END_TEST

Suite	*lint_suite(void);

Suite *
lint_suite(void)
{
	Suite	*s = suite_create("lint");
	TCase	*tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, alv_date_forms);
	tcase_add_test(tc, deadline_92_days);
	tcase_add_test(tc, deadline_upload_day);
	tcase_add_test(tc, statement_date_after_period);
	tcase_add_test(tc, continuity);
	tcase_add_test(tc, opinions);
	tcase_add_test(tc, point_in_time);
	tcase_add_test(tc, deadline_words);
	tcase_add_test(tc, standards_fix_kind);
	tcase_add_test(tc, keygen_report);
	tcase_add_test(tc, incidents);
	tcase_add_test(tc, whole_fixture_pages);
	suite_add_tcase(s, tc);
	return s;
}
