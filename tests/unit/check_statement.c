/*
 * The statement reader: fingerprint forms and the rejoin rule, dates and
 * metadata, the PDF containment, refusals of hostile XML, and the real
 * statements (ISRG's WebTrust PDFs, Denmark's Trusted List) pinned.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"
#include "statement/reader.h"
#include "test_run.h"

#define ISRG	"../shared/data/statements/isrg/"
#define FIX	"fixtures/statements/"

static const char *A =
    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396";
static const char *K =
    "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642";

/* Tests run from the project root (make check). */
static void
setup(void)
{
	diag_set_stream(&test_run, NULL);
	diag_reset(&test_run);
}

static struct statement *
scan(const char *text)
{
	struct statement *st = xcalloc(1, sizeof(*st));

	st->path = xstrdup("test");
	st->format = "text";
	stmt_scan_text(st, text, strlen(text), 0, 1, 0);
	stmt_finish(&test_run, st, NULL);
	return st;
}

static int
has(const struct statement *st, const char *hex)
{
	unsigned char	 bin[32];

	ck_assert_int_eq(fp_parse(hex, bin), 0);
	return statement_find(st, bin) != NULL;
}

/* Where st shows hex without listing it, or NULL. */
static const struct stmt_unlisted *
unlisted(const struct statement *st, const char *hex)
{
	unsigned char	 bin[32];

	ck_assert_int_eq(fp_parse(hex, bin), 0);
	return statement_unlisted(st, bin);
}

static const struct stmt_fp *
get(const struct statement *st, const char *hex)
{
	unsigned char	 bin[32];

	ck_assert_int_eq(fp_parse(hex, bin), 0);
	return statement_find(st, bin);
}

/*
 * A fingerprint on every line of a long statement, two others and a
 * SHA-1 between: one entry each with its locations in line order, at
 * most 1,000 of them, and nothing lost of the others.
 */
START_TEST(many_repeats)
{
	struct buf	 b = { 0 };
	struct statement *st;
	const struct stmt_fp *f;
	size_t		 i;

	for (i = 1; i <= 3000; i++) {
		buf_printf(&b, "%s\n", A);
		if (i % 1000 == 0)
			buf_printf(&b, "%s\n", K);
		if (i % 1500 == 0)
			buf_addstr(&b, "SHA-1 "
			    "0123456789ABCDEF0123456789ABCDEF01234567\n");
	}
	buf_printf(&b, "%s\n", K);
	st = scan(b.data);
	ck_assert_uint_eq(st->nfps, 2);
	f = get(st, A);
	ck_assert_uint_eq(f->nlocs, 1000);
	ck_assert_int_eq(f->locs[0].line, 1);
	for (i = 1; i < f->nlocs; i++)
		ck_assert_int_lt(f->locs[i - 1].line, f->locs[i].line);
	f = get(st, K);
	ck_assert_uint_eq(f->nlocs, 4);
	ck_assert_int_eq(f->locs[0].line, 1001);
	ck_assert_int_eq(f->locs[3].line, 3006);
	ck_assert_uint_eq(st->nsha1s, 1);
	ck_assert_uint_eq(st->sha1s[0].nlocs, 2);
	ck_assert_int_eq(st->sha1s[0].locs[1].line, 3005);
	statement_free(st);
	buf_free(&b);
}
END_TEST

START_TEST(forms)
{
	struct statement *st = scan(
	    "plain 25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396\n"
	    "lower bb0fb7fa5908c3887b190a835feb2db10022d916491c2f3e08097b40fbdafcda\n"
	    "colon 8C:D8:3B:5B:2A:C2:AB:E2:C6:85:98:3A:50:6B:63:91:22:E3:EB:29:D8:08:43:FB:BC:1F:23:0E:64:C4:E2:7A\n"
	    "space EC 9D 4C E8 BF 1A C8 46 99 D0 71 71 7A B7 5D 6C 16 43 FD DA AF 91 E0 6F 8A 35 DC 0B BE 42 CF FD\n"
	    "SHA256:3C5A411A1975B17E186673D864F3FCC26092D7663F57CC1445ED3A2990AE3334.\n");

	ck_assert_uint_eq(st->nfps, 5);
	ck_assert_int_eq(get(st, A)->alv_findable, 1);
	ck_assert_uint_eq(get(st, "BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA")->locs[0].form, FPF_LOWER);
	ck_assert_uint_eq(get(st, "8CD83B5B2AC2ABE2C685983A506B639122E3EB29D80843FBBC1F230E64C4E27A")->locs[0].form, FPF_COLON);
	ck_assert_uint_eq(get(st, "EC9D4CE8BF1AC84699D071717AB75D6C1643FDDAAF91E06F8A35DC0BBE42CFFD")->locs[0].form, FPF_SPACE);
	ck_assert(has(st, "3C5A411A1975B17E186673D864F3FCC26092D7663F57CC1445ED3A2990AE3334"));
	statement_free(st);
}
END_TEST

START_TEST(never_glued)
{
	/* glued to a word, 63 and 65 digits, 33 pairs, mixed separators */
	struct statement *st = scan(
	    "X125DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396\n"
	    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F0741939\n"
	    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F074193960\n"
	    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396G\n"
	    "8C:D8:3B:5B:2A:C2:AB:E2:C6:85:98:3A:50:6B:63:91:22:E3:EB:29:D8:08:43:FB:BC:1F:23:0E:64:C4:E2:7A:00\n"
	    "8C:D8:3B:5B:2A:C2:AB:E2:C6:85:98:3A:50:6B:63:91 22:E3:EB:29:D8:08:43:FB:BC:1F:23:0E:64:C4:E2:7A\n");

	ck_assert_uint_eq(st->nfps, 0);
	statement_free(st);
}
END_TEST

START_TEST(wraps)
{
	struct statement *st;

	/* end of one line, start of the next */
	st = scan("Fingerprint: 25DE7F0516716F158E1238F4EB81323AFAB2F59E97\n"
	    "1639771896661F07419396 (root)\n");
	ck_assert_uint_eq(st->nfps, 1);
	ck_assert(has(st, A));
	ck_assert_str_eq(get(st, A)->locs[0].split, "42+22");
	ck_assert_int_eq(get(st, A)->alv_findable, 0);
	statement_free(st);

	/* a layout table: the pieces keep their column, text between */
	st = scan(
	    "Subject: CN=Root A, O=Example   25DE7F0516716F158E1238F4EB81323AFAB2F59E97163977189666\n"
	    "Trust, C=US                     1F07419396       2024-01-01\n");
	ck_assert(has(st, A));
	statement_free(st);

	/* upper piece and lower-case word: not one fingerprint */
	st = scan("25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F0741\n"
	    "9396 and face\n"
	    "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07\n"
	    "deadbe\n");
	ck_assert(has(st, A));
	ck_assert_uint_eq(st->nfps, 1);
	statement_free(st);

	/* two 32-digit serials in one column, a blank line apart */
	st = scan("serial 0A1B2C3D4E5F60718293A4B5C6D7E8F9 x\n\n"
	    "serial 1A1B2C3D4E5F60718293A4B5C6D7E8F9 y\n");
	ck_assert_uint_eq(st->nfps, 0);
	statement_free(st);

	/* a key identifier stays a SHA-1-sized value */
	st = scan("SKI 7AAAEE2670D452701CDBCD906F91DF3BC83619C9\n"
	    "serial 0A1B2C3D4E5F60718293A4B5\n");
	ck_assert_uint_eq(st->nfps, 0);
	ck_assert_uint_eq(st->nsha1s, 1);
	ck_assert_uint_eq(st->nwarnings, 1);
	statement_free(st);
}
END_TEST

START_TEST(dates)
{
	static const struct { const char *s; const char *want; } t[] = {
		{ "September 1, 2024", "2024-09-01" },
		{ "Sept. 1 2024", "2024-09-01" },
		{ "sep 1, 2024", "2024-09-01" },
		{ "7 May 2016", "2016-05-07" },
		{ "1st of September, 2024", "2024-09-01" },
		{ "2016-05-07", "2016-05-07" },
		{ "5/7/2016", "2016-05-07" },
		{ "07.05.2016", "2016-05-07" },
	};
	static const char *bad[] = { "February 30, 2024", "13/1/2024",
	    "Mayday 1, 2024", "2024-1", "12345" };
	astime	 d;
	char	 out[11];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_uint_eq(stmt_parse_date(t[i].s, strlen(t[i].s), &d),
		    strlen(t[i].s));
		time_format_date(d, out);
		ck_assert_str_eq(out, t[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_uint_eq(stmt_parse_date(bad[i], strlen(bad[i]), &d),
		    0);
}
END_TEST

static struct statement *
meta(const char *text)
{
	struct statement *st = xcalloc(1, sizeof(*st));
	size_t	 n;
	char	*norm = stmt_normalize(text, strlen(text), &n);

	st->path = xstrdup("test");
	stmt_meta(st, norm, n);
	free(norm);
	return st;
}

static void
assert_period(const struct statement *st, const char *a, const char *b)
{
	char	 d[11];

	ck_assert_int_eq(st->period_set, 1);
	time_format_date(st->period.start, d);
	ck_assert_str_eq(d, a);
	time_format_date(st->period.end, d);
	ck_assert_str_eq(d, b);
}

START_TEST(metadata)
{
	struct statement *st;

	st = meta("an incident from 2022-10-27 through 2022-11-08, and\n"
	    "throughout the period\nSeptember 1, 2022, to August 31, 2023 "
	    "based on the WebTrust Principles and Criteria for "
	    "Certification Authorities \xe2\x80\x93 SSL Baseline with "
	    "Network Security v2.6");
	assert_period(st, "2022-09-01", "2023-08-31");
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_TLS) |
	    KIND_BIT(KIND_NETSEC));
	ck_assert_ptr_nonnull(strstr(st->kind_source, "SSL Baseline"));
	statement_free(st);

	st = meta("for the period 4/1/2024 \xe2\x80\x93 3/31/2025 under "
	    "ETSI EN 319 411-1 (policies OVCP, EVCP)");
	assert_period(st, "2024-04-01", "2025-03-31");
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_STANDARD) |
	    KIND_BIT(KIND_NETSEC) | KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV));
	statement_free(st);

	st = meta("audit period: 2024-01-01 ~ 2024-12-31; TS 119 411-6");
	assert_period(st, "2024-01-01", "2024-12-31");
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_SMIME));
	statement_free(st);

	/* point in time: its day is the period; no kind: none guessed */
	st = meta("the controls were suitably designed as of 7 May 2016.");
	ck_assert_int_eq(st->pit_set, 1);
	assert_period(st, "2016-05-07", "2016-05-07");
	ck_assert_uint_eq(st->kinds, 0);
	ck_assert_ptr_null(st->kind_source);
	statement_free(st);

	/* a key-generation report is not a Standard audit */
	st = meta("Report on the Root Key Generation Ceremony, based on the "
	    "WebTrust Principles and Criteria for Certification Authorities, "
	    "v2.2.2, as of March 3, 2025.");
	ck_assert_int_eq(st->keygen, 1);
	ck_assert_uint_eq(st->kinds, 0);
	ck_assert_ptr_null(st->kind_source);
	assert_period(st, "2025-03-03", "2025-03-03");
	statement_free(st);

	/* an annual audit that mentions a ceremony stays one */
	st = meta("Principles and Criteria for Certification Authorities, "
	    "v2.2.2, throughout the period April 1, 2024 to March 31, 2025; "
	    "we also witnessed a key generation ceremony.");
	ck_assert_int_eq(st->keygen, 0);
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_STANDARD));
	statement_free(st);

	/* WebTrust for CAs itself */
	st = meta("Principles and Criteria for Certification Authorities, "
	    "v2.2.2\n\nNovember 17, 2025\n");
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_STANDARD));
	ck_assert_int_eq(st->date_set, 1);
	statement_free(st);
}
END_TEST

static void
child_hang(void *arg, int fd)
{
	for (;;)
		pause();
}

static void
child_spin(void *arg, int fd)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
}

static void
child_crash(void *arg, int fd)
{
	abort();
}

#if !defined(__SANITIZE_ADDRESS__)
/* What poppler does when an allocation fails: new throws, then abort. */
static void
child_hog(void *arg, int fd)
{
	size_t	 n = 1024u * 1024 * 1024;
	char	*p = malloc(n);

	if (p == NULL)
		abort();
	memset(p, 1, n);
	(void)write(fd, p, 1);
	free(p);
}
#endif

static void
child_ok(void *arg, int fd)
{
	(void)write(fd, "hello", 5);
}

/*
 * Pages on two processes (stmt_pages): what each page writes arrives in
 * page order, and a grandchild's crash, CPU limit or hang on a page of
 * the second half fails the whole run as the child's would.
 */
static int	 bad_page = -1;		/* this page fails ... */
static int	 bad_how;		/* 0 abort, 1 spin, 2 hang */

static void
numbered_page(void *ctx, int i, struct buf *b)
{
	volatile unsigned long n = 0;

	if (i == bad_page) {
		if (bad_how == 0)
			abort();
		if (bad_how == 1)
			for (;;)
				n++;
		for (;;)
			pause();
	}
	buf_printf(b, "[%d:%d]", i, (int)getpid());
}

static void
child_pages_of(void *arg, int fd)
{
	stmt_pages(*(int *)arg, numbered_page, NULL, NULL, fd);
}

START_TEST(pages_in_two)
{
	struct pdf_limits saved = pdf_limits;
	struct buf	 out = { 0 };
	char		*why = NULL, *p;
	int		 n = 9, i, first = -1, pids = 0;

	bad_page = -1;
	ck_assert_int_eq(stmt_run_contained(child_pages_of, &n, 1 << 20, &out,
	    &why), 0);
	buf_addc(&out, '\0');
	/* every page once, in order, made by two processes */
	for (i = 0, p = out.data; i < n; i++) {
		int	 page, pid;

		ck_assert_int_eq(sscanf(p, "[%d:%d]", &page, &pid), 2);
		ck_assert_int_eq(page, i);
		if (pid != first) {
			first = pid;
			pids++;
		}
		p = strchr(p, ']') + 1;
	}
	ck_assert_str_eq(p, "");
	ck_assert_int_eq(pids, 2);
	buf_free(&out);

	/* the second half's failures are the run's */
	for (bad_how = 0; bad_how < 3; bad_how++) {
		bad_page = n - 1;
		pdf_limits.cpu_seconds = 1;
		/*
		 * The CPU-bound child must reach its 1 s of CPU before the
		 * wall clock gives up, also on a loaded machine (the suite
		 * runs beside the end-to-end cases on 2 cores): 30 s for it,
		 * 3 s for the one that hangs.
		 */
		pdf_limits.wall_seconds = bad_how == 1 ? 30 : 3;
		ck_assert_int_eq(stmt_run_contained(child_pages_of, &n,
		    1 << 20, &out, &why), -1);
		ck_assert_msg(strstr(why, bad_how == 0 ? "crashed" :
		    bad_how == 1 ? "CPU time limit" : "hung") != NULL,
		    "failure %d: %s", bad_how, why);
		free(why);
		buf_free(&out);
		pdf_limits = saved;
	}
	bad_page = -1;
}
END_TEST

START_TEST(containment)
{
	struct pdf_limits saved = pdf_limits;
	struct buf	 out = { 0 };
	char		*why = NULL;

	pdf_limits.wall_seconds = 1;
	ck_assert_int_eq(stmt_run_contained(child_hang, NULL, 1024, &out,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "hung"));
	free(why);

	pdf_limits.wall_seconds = 20;
	pdf_limits.cpu_seconds = 1;
	ck_assert_int_eq(stmt_run_contained(child_spin, NULL, 1024, &out,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "CPU time limit"));
	free(why);

	ck_assert_int_eq(stmt_run_contained(child_crash, NULL, 1024, &out,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "crashed"));
	free(why);

#if !defined(__SANITIZE_ADDRESS__)
	/* The address-space limit (not applied under ASan: its shadow). */
	pdf_limits.as_bytes = 256u * 1024 * 1024;
	ck_assert_int_eq(stmt_run_contained(child_hog, NULL, 1024, &out,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "crashed"));
	free(why);
	pdf_limits.as_bytes = saved.as_bytes;
#endif

	ck_assert_int_eq(stmt_run_contained(child_ok, NULL, 1024, &out,
	    &why), 0);
	ck_assert_uint_eq(out.len, 5);
	ck_assert_int_eq(memcmp(out.data, "hello", 5), 0);
	buf_free(&out);

	/* more output than allowed */
	ck_assert_int_eq(stmt_run_contained(child_ok, NULL, 2, &out, &why),
	    -1);
	free(why);
	buf_free(&out);
	pdf_limits = saved;
}
END_TEST

/* Loads a file expecting an error whose message contains want. */
static void
refused(const char *path, const char *want)
{
	FILE		*f = tmpfile();
	struct statement *st;
	char		 msg[1024];
	size_t		 n;

	ck_assert_ptr_nonnull(f);
	diag_set_stream(&test_run, f);
	st = statement_load(&test_run, path, NULL);
	ck_assert_int_eq(st->error, 1);
	ck_assert_uint_eq(st->nfps, 0);
	rewind(f);
	n = fread(msg, 1, sizeof(msg) - 1, f);
	msg[n] = '\0';
	ck_assert_msg(strstr(msg, want) != NULL, "%s: got %s", path, msg);
	ck_assert_int_ge(diag_errors(&test_run), 1);
	statement_free(st);
	fclose(f);
	diag_set_stream(&test_run, NULL);
}

START_TEST(hostile_inputs)
{
	refused(FIX "malformed/xxe.xml", "declares entities");
	refused(FIX "malformed/billion-laughs.xml", "declares entities");
	refused(FIX "malformed/external-dtd.xml", "external DTD");
	refused(FIX "malformed/junk.bin", "binary data");
	refused(FIX "malformed/encrypted.pdf", "encrypted PDF");
	refused(FIX "malformed/truncated.pdf", "truncated PDF");
	refused(FIX "malformed/scanned.pdf", "no extractable text");
	refused(FIX "malformed/no-fingerprint.txt", "no fingerprint");
}
END_TEST

START_TEST(fixture_pdf)
{
	struct statement *st = statement_load(&test_run, FIX "wrapped.pdf",
	    NULL);
	char	 k2[65];

	ck_assert_int_eq(st->error, 0);
	ck_assert_str_eq(st->format, "pdf");
	ck_assert_uint_eq(st->nfps, 9);
	/* the table printed twice: one entry, both places */
	ck_assert_uint_eq(get(st, A)->nlocs, 2);
	ck_assert_str_eq(get(st, A)->locs[0].split, "54+10");
	/* one digit changed: the real one is not listed */
	ck_assert(!has(st, K));
	memcpy(k2, K, 65);
	k2[63] = '3';
	ck_assert(has(st, k2));
	ck_assert_uint_eq(st->nsha1s, 5);
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_TLS) |
	    KIND_BIT(KIND_NETSEC));
	statement_free(st);
}
END_TEST

static const struct {
	const char	*file;
	size_t		 nfps;
	unsigned	 kinds;
	const char	*start, *end;
	const char	*one;
} isrg[] = {
	{ "ISRG-2019-WebTrust-for-CAs-SSL-Baseline-Report.pdf", 9,
	  KIND_BIT(KIND_TLS) | KIND_BIT(KIND_NETSEC), "2018-09-01",
	  "2019-08-31",
	  "A74B0C32B65B95FE2C4F8F098947A68B695033BED0B51DD8B984ECAE89571BB6" },
	{ "ISRG-2023-WebTrust-for-CAs-SSL-Baseline-Report.pdf", 20,
	  KIND_BIT(KIND_TLS) | KIND_BIT(KIND_NETSEC), "2022-09-01",
	  "2023-08-31",
	  "5A8F16FDA448D783481CCA57A2428D174DAD8C60943CEB28F661AE31FD39A5FA" },
	{ "ISRG-2025-WTCA.pdf", 23, KIND_BIT(KIND_STANDARD), "2024-09-01",
	  "2025-08-31",
	  "24D45AA9B8D6053D281F3842C8CC0C6C1AF7CCDFD42DD5C12F6A74FA9323F7A2" },
};

START_TEST(real_pdfs)
{
	struct statement *st;
	char	 path[256];

	snprintf(path, sizeof(path), ISRG "%s", isrg[_i].file);
	if (access(path, R_OK) != 0)
		return;		/* the shared data is not here */
	st = statement_load(&test_run, path, NULL);
	ck_assert_int_eq(st->error, 0);
	ck_assert_uint_eq(st->nfps, isrg[_i].nfps);
	ck_assert_uint_eq(st->nsha1s, 0);
	ck_assert_uint_eq(st->kinds, isrg[_i].kinds);
	assert_period(st, isrg[_i].start, isrg[_i].end);
	ck_assert(has(st, isrg[_i].one));
	ck_assert_int_eq(get(st, isrg[_i].one)->alv_findable, 1);
	statement_free(st);
}
END_TEST

/* A fingerprint found only in concealed text, and where. */
struct concealed_at {
	long		 line;
	const char	*fp;
};

/*
 * st lists none of c's fingerprints and warns of each, in c's order (the
 * document's), and of nothing else.
 */
static void
warned_concealed(const struct statement *st, const struct concealed_at *c,
    size_t n)
{
	char	 want[128];
	size_t	 i;

	ck_assert_uint_eq(st->nwarnings, n);
	/* Each is kept as shown, not listed, at its line: check says so. */
	ck_assert_uint_eq(st->nunlisted, n);
	for (i = 0; i < n; i++) {
		const struct stmt_unlisted *u = unlisted(st, c[i].fp);

		ck_assert_ptr_nonnull(u);
		ck_assert_int_eq(u->loc.line, c[i].line);
		ck_assert_str_eq(u->why, "in struck-through or hidden text");
		ck_assert(!has(st, c[i].fp));
		(void)snprintf(want, sizeof(want), "line %ld: fingerprint %s "
		    "appears only in struck-through or hidden text",
		    c[i].line, c[i].fp);
		ck_assert_msg(strncmp(st->warnings[i], want, strlen(want)) ==
		    0, "warning %zu: %s", i, st->warnings[i]);
	}
}

/*
 * HTML text struck through or hidden is not a listing: each such
 * fingerprint is warned of, once, at its line, in the order of the
 * document, unless it is also written where it shows.  Class rules of
 * the document's <style> count; a child made visible again, a later
 * declaration and another tag's class rule do not hide.
 */
START_TEST(concealed_html)
{
	static const struct concealed_at concealed[] = {
		{ 10, "75E3090289E2955DFAECFE21EABBE80B7146AB62339454A3DCD1A0CA53111381" },
		{ 11, "043A718774C572BD8A25ADBEB1BFCD5C0256AE11CECF9F9C3F925D0E52BEAF89" },
		{ 12, "7CD58CDD64A3DCFCD4A55B5972523D0B472BD7487EF2F785AA64C75FA39F830E" },
		{ 13, "4FFD8EB2EBA64D62D9514DD55935A4CD94CC239E041FCC2CAE9A91AFE4700A0C" },
		{ 14, "209103AB651B4FABE0E01C35B0F5BED5301532957D9323190DACEFD3AD9E53F5" },
		{ 15, "7D2FB3DA93A013CE41E4EB531E0BB78E245939E05984A6A8DEA49113BECC347C" },
		{ 16, "1A967B068CFE50E5633B0C7E7C64C62EBA8DA9E67D71754842E0796FAE4A9B7E" },
		{ 17, "565039594A70154EA7835A9B25D2D8B01C4D85D14B67D710AF81F8D482C65B8C" },
		{ 18, "EC2FE13B6D60E30FD948D73E5F4E49B945D522C6CF4BB7EDD7DC0105A91EEF34" },
		{ 20, "C44BB2FD516909DAB78AE0BFEDCD5672B131B996C4B7A4328EE55FBA170DA776" },
	};
	static const char *const shown[] = {
		"D42EF1497900BC6E542C641A896C88694D15069B8A11247F66BA7342B6C21CD9",
		"C85A40C3BCC1C890B7A2C5A2D6A6FC601A413FD9F19D1183811079C6D8D6D262",
		"A1C2AAB82F834376E86E37F07836C6959ADF147E054B9962AE6C9FD4FF26E7B8",
		"C28A02DB40EE2E2B2A24687B316B09337C2AFE8BEE1F7A7CA10F0E5DD376DB9A",
		"CAB7C01A38FC89A1C8FAAE86BB3F31AEF14A771272AB77F2A9FBCCC6F3071651",
	};
	/*
	 * The cascade's corners (concealed-css.html): a brace in a string
	 * ends no rule, !important in a class beats the style attribute, a
	 * block left open runs to the end; a later rule of one class says
	 * nothing of display, so the other's display: none stands; p.t
	 * beats a later .t; a screen's @media block is read; media=""
	 * means every medium.
	 */
	static const struct concealed_at css[] = {
		{ 11, "7D4509F8110F116D63EF0C341A8699F8F648A0B69FEBA1002FFCE24780B5176B" },
		{ 12, "C6C802AEB4A76FC7C739521EAE8B499B381F5B5C829A214775EE0057CA994A1A" },
		{ 13, "E8183EE8D13CAE93756D78A94D0D12D898F64AC4359E2B3008BB29B38A55BF82" },
		{ 14, "AFA7576D2C690B0C80F3849857225257BCAE60D187C3CF0B1B34604765921DBF" },
		{ 15, "A000119941C04E7FF01F516F2A008FE32B3786BB2A059D59B44D2C5836D56DF5" },
		{ 19, "FB3FA249F42608EE7C324F9F909635343C1F6DE7D1E8BBE73ABD869C7549C7D0" },
		{ 20, "50B8303700573CD8ABCFE4AA86C18F3D83F16DE50FD4775F80E862A4C50F9423" },
	};
	struct statement *st;
	size_t		 i, k;

	st = statement_load(&test_run, FIX "concealed.html", NULL);
	ck_assert_int_eq(st->error, 0);
	ck_assert_uint_eq(st->nfps, 5);
	for (i = 0; i < 5; i++)
		ck_assert_msg(has(st, shown[i]), "%s not listed", shown[i]);
	warned_concealed(st, concealed, sizeof(concealed) /
	    sizeof(concealed[0]));
	/* Listed where it shows, struck elsewhere: its location shows. */
	for (i = 0; i < st->nfps; i++)
		for (k = 0; k < st->fps[i].nlocs; k++)
			ck_assert_uint_eq(st->fps[i].locs[k].form &
			    FPF_CONCEALED, 0);
	ck_assert_uint_eq(get(st, shown[0])->nlocs, 1);
	statement_free(st);
	st = statement_load(&test_run, FIX "concealed-css.html", NULL);
	ck_assert_int_eq(st->error, 0);
	/* Shown: <s> with text-decoration: none, a print sheet's rule. */
	ck_assert_uint_eq(st->nfps, 3);
	ck_assert(has(st, shown[0]));
	ck_assert(has(st, "ECC6D7709E44F5A27C7A0FCE79B45CD6BCB3A2C2D9128A8471936162556BC102"));
	ck_assert(has(st, "30965917DDFE141BD74155969895AD8DB57838DF289C2306DEDCF49E0964795A"));
	warned_concealed(st, css, sizeof(css) / sizeof(css[0]));
	statement_free(st);
	/* All of them struck: an error, not a statement that lists none. */
	refused(FIX "malformed/all-struck.html", "in struck-through or hidden "
	    "text: it lists none");
}
END_TEST

/*
 * Shown without being listed: kept once, at its first place, and only
 * while the statement lists it nowhere else.
 */
START_TEST(unlisted_merge)
{
	struct statement *st = xcalloc(1, sizeof(*st));
	struct stmt_loc	 a = { .line = 7 }, b = { .line = 3 };
	unsigned char	 k[32], j[32];

	ck_assert_int_eq(fp_parse(K, k), 0);
	ck_assert_int_eq(fp_parse(A, j), 0);
	st->path = xstrdup("test");
	st->format = "html";
	stmt_add_fp(st, k, &a);
	stmt_add_unlisted(st, k, &b, "in struck-through or hidden text");
	stmt_add_unlisted(st, j, &a, "in struck-through or hidden text");
	stmt_add_unlisted(st, j, &b, "in struck-through or hidden text");
	stmt_finish(&test_run, st, NULL);
	ck_assert_uint_eq(st->nunlisted, 1);
	ck_assert_ptr_null(statement_unlisted(st, k));
	ck_assert_ptr_nonnull(statement_unlisted(st, j));
	ck_assert_int_eq(statement_unlisted(st, j)->loc.line, 3);
	statement_free(st);
}
END_TEST

/* A statement read from a file of these bytes (a temporary directory). */
static struct statement *
load_bytes(const char *name, const char *bytes, size_t n)
{
	char		 dir[] = "/tmp/auditscope-stmt-XXXXXX", path[64];
	struct statement *st;
	FILE		*f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	st = statement_load(&test_run, path, NULL);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	return st;
}

/*
 * The bytes as read are kept for the lint only when they hold a dash it
 * looks for (stmt_raw_dash), and a location's split is set only for a
 * wrapped fingerprint.
 */
START_TEST(raw_kept_for_dash)
{
	static const char plain[] = "Root: 25DE7F0516716F158E1238F4EB81323AF"
	    "AB2F59E971639771896661F07419396\nIt\xe2\x80\x99s R&amp;D.\n";
	static const char endash[] = "April 1, 2024 \xe2\x80\x93 March 31, "
	    "2025\n25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07"
	    "419396\n";
	static const char cut[] = "25DE7F0516716F158E1238F4EB81323AFAB2F59E97"
	    "1639771896661F07419396\nto \xe2\x80";
	static const char html[] = "<html><body><p>1 April 2024 &ndash; 31 "
	    "March 2025</p><p>25DE7F0516716F158E1238F4EB81323AFAB2F59E97163977"
	    "1896661F07419396</p></body></html>\n";
	struct statement *st;

	ck_assert_uint_eq(stmt_raw_dash((const unsigned char *)"\xe2\x80",
	    2, 0), 0);
	ck_assert_uint_eq(stmt_raw_dash((const unsigned char *)"&ndash", 6,
	    0), 0);
	ck_assert_uint_eq(stmt_raw_dash((const unsigned char *)"x&#x2014;",
	    9, 1), 8);
	ck_assert_uint_eq(stmt_raw_dash((const unsigned char *)"\xe2\x88\x92",
	    3, 0), 3);

	st = load_bytes("plain.txt", plain, sizeof(plain) - 1);
	ck_assert_str_eq(st->format, "text");
	ck_assert(has(st, A));
	ck_assert_ptr_null(st->raw);
	ck_assert_ptr_null(get(st, A)->locs[0].split);
	statement_free(st);

	st = load_bytes("endash.txt", endash, sizeof(endash) - 1);
	ck_assert_str_eq(st->format, "text");
	ck_assert_ptr_nonnull(st->raw);
	ck_assert_uint_eq(st->rawlen, sizeof(endash) - 1);
	ck_assert_mem_eq(st->raw, endash, sizeof(endash) - 1);
	statement_free(st);

	/* a dash's first two bytes at the very end: none */
	st = load_bytes("cut.txt", cut, sizeof(cut) - 1);
	ck_assert(has(st, A));
	ck_assert_ptr_null(st->raw);
	statement_free(st);

	st = load_bytes("dash.html", html, sizeof(html) - 1);
	ck_assert_str_eq(st->format, "html");
	ck_assert(has(st, A));
	ck_assert_ptr_nonnull(st->raw);
	ck_assert_uint_eq(st->rawlen, sizeof(html) - 1);
	statement_free(st);
}
END_TEST

START_TEST(trusted_lists)
{
	struct statement *st;

	st = statement_load(&test_run, FIX "trusted-list.xml", NULL);
	ck_assert_int_eq(st->error, 0);
	ck_assert_uint_eq(st->nservices, 2);
	/* The S/MIME CA's service is withdrawn: kept, warned of, unlisted. */
	ck_assert_uint_eq(st->nfps, 1);
	ck_assert(has(st, "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"));
	ck_assert(!has(st, "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642"));
	ck_assert_uint_eq(st->nunlisted, 1);
	ck_assert_str_eq(unlisted(st, "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642")->why,
	    "on a Trusted List service not approved now (current status: "
	    "withdrawn)");
	ck_assert_ptr_null(unlisted(st, "25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"));
	ck_assert_uint_eq(st->nwarnings, 1);
	ck_assert_ptr_nonnull(strstr(st->warnings[0], "1 service is not "
	    "approved now (current status: withdrawn 1)"));
	ck_assert_int_eq(st->services[0].web, 1);
	ck_assert_int_eq(st->services[1].web, 0);
	ck_assert_str_eq(st->services[0].tsp, "Example Trust");
	statement_free(st);
	if (access("../shared/data/trusted-lists/DK.xml", R_OK) != 0)
		return;
	st = statement_load(&test_run, "../shared/data/trusted-lists/DK.xml",
	    NULL);
	ck_assert_int_eq(st->error, 0);
	ck_assert_uint_eq(st->nfps, 1);
	ck_assert(has(st, "92D8092EE77BC9208F0897DC05271894E63EF27933AE537FB983EEF0EAE3EEC8"));
	ck_assert_str_eq(st->services[0].type,
	    "http://uri.etsi.org/TrstSvc/Svctype/CA/PKC");
	statement_free(st);
}
END_TEST

/*
 * A Trusted List service lists its certificate for a period only when
 * every status it had during the period approves it (ServiceHistory);
 * without a period, the current status decides.
 */
START_TEST(trusted_list_history)
{
	static const char *const tls_ca =
	    "EA3707C1C5CE0361F03F945EA6B929994770E78DF1D3DDCB429BCA28E4DD2EFA";
	static const char *const smime_ca =
	    "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642";
	static const char *const cs_ca =
	    "4DC543E5FCFB9F9B148B7F55CD0779BD84C24E76657FF7408672FD35649BEEED";
	static const char *const ev_ca =
	    "B1AF854B72DA91149034EEDECFEF82F186E8B9F1AB6C061E80D9FF4A1B7A8CAB";
	static const struct {
		const char	*period;	/* NULL: none */
		int		 tls, smime;
		const char	*warn;
	} c[] = {
		{ NULL, 0, 1, "2 services are not approved now (current status: "
		    "withdrawn 1, (none) 1)" },
		/* withdrawn 2025-09-01, after the period; granted before */
		{ "2024-07-01..2025-06-30", 1, 0, "2 services are not approved "
		    "throughout 2024-07-01..2025-06-30 (current status: "
		    "granted 1, (none) 1)" },
		{ "2025-01-01..2025-12-31", 0, 0, "3 services" },
		/* granted again 2025-03-01, before the period */
		{ "2025-04-01..2025-12-31", 0, 1, "2 services" },
	};
	struct stmt_overrides ov;
	struct statement *st;
	size_t		 i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&ov, 0, sizeof(ov));
		if (c[i].period != NULL) {
			ck_assert_int_eq(period_parse(c[i].period, &ov.period),
			    0);
			ov.period_set = 1;
		}
		st = statement_load(&test_run, FIX "trusted-list-history.xml",
		    &ov);
		ck_assert_int_eq(st->error, 0);
		ck_assert_uint_eq(st->nservices, 4);
		ck_assert_msg(has(st, tls_ca) == c[i].tls, "case %zu", i);
		ck_assert_msg(has(st, smime_ca) == c[i].smime, "case %zu", i);
		ck_assert(has(st, cs_ca));	/* granted, no dates */
		ck_assert(!has(st, ev_ca));	/* no status */
		ck_assert_uint_eq(st->nwarnings, 1);
		ck_assert_msg(strncmp(st->warnings[0], c[i].warn,
		    strlen(c[i].warn)) == 0, "case %zu: %s", i,
		    st->warnings[0]);
		statement_free(st);
	}
	/*
	 * Granted at 09:00, withdrawn at 12:00 the same day: withdrawn
	 * since, whatever the order the two are written in.
	 */
	memset(&ov, 0, sizeof(ov));
	ck_assert_int_eq(period_parse("2024-09-01..2025-08-31", &ov.period),
	    0);
	ov.period_set = 1;
	st = statement_load(&test_run, FIX "trusted-list-sameday.xml", &ov);
	ck_assert_int_eq(st->error, 0);
	ck_assert(!has(st, tls_ca));
	statement_free(st);
	/* Withdrawn at noon on the period's last day: not throughout. */
	ck_assert_int_eq(period_parse("2023-01-01..2024-01-01", &ov.period),
	    0);
	st = statement_load(&test_run, FIX "trusted-list-sameday.xml", &ov);
	ck_assert(!has(st, tls_ca));
	statement_free(st);
	/* A period before its first status: the service did not exist. */
	ck_assert_int_eq(period_parse("2023-01-01..2023-12-31", &ov.period),
	    0);
	st = statement_load(&test_run, FIX "trusted-list-sameday.xml", &ov);
	ck_assert(has(st, tls_ca) == 0);
	statement_free(st);
}
END_TEST

START_TEST(csv_flags)
{
	struct stmt_overrides ov = { .kinds = KIND_BIT(KIND_SMIME) };
	struct statement *st;

	st = statement_load(&test_run, FIX "scope.csv", NULL);
	ck_assert_uint_eq(st->nfps, 5);
	statement_free(st);
	st = statement_load(&test_run, FIX "scope.csv", &ov);
	ck_assert_uint_eq(st->nfps, 3);
	ck_assert(has(st, K));
	ck_assert_str_eq(get(st, K)->locs[0].split, "40+24");
	ck_assert_uint_eq(st->kinds, KIND_BIT(KIND_SMIME));
	statement_free(st);
}
END_TEST

Suite	*statement_suite(void);

Suite *
statement_suite(void)
{
	Suite	*s = suite_create("statement");
	TCase	*tc = tcase_create("statement");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, forms);
	tcase_add_test(tc, many_repeats);
	tcase_add_test(tc, never_glued);
	tcase_add_test(tc, wraps);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, metadata);
	tcase_add_test(tc, containment);
	tcase_add_test(tc, pages_in_two);
	tcase_add_test(tc, hostile_inputs);
	tcase_add_test(tc, fixture_pdf);
	tcase_add_loop_test(tc, real_pdfs, 0, sizeof(isrg) / sizeof(isrg[0]));
	tcase_add_test(tc, concealed_html);
	tcase_add_test(tc, unlisted_merge);
	tcase_add_test(tc, raw_kept_for_dash);
	tcase_add_test(tc, trusted_lists);
	tcase_add_test(tc, trusted_list_history);
	tcase_add_test(tc, csv_flags);
	suite_add_tcase(s, tc);
	return s;
}
