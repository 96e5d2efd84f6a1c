/*
 * --baseline (baseline.c and its two readers): the input is the JSON of a
 * previous report, read as a check report and as a ccadb report through
 * the entry points the commands call (check_baseline(),
 * ccadb_audit_baseline()), each against one finding of its own so that
 * matching runs too.  The readers take a path: the input is written to a
 * memory file and named by /proc/self/fd.
 */
#define _GNU_SOURCE
#include <sys/mman.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "engine/engine.h"
#include "report/report.h"

/* The fingerprint of the one finding each report has. */
#define FP	"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"

static int	 fd = -1;
static char	 path[64];

static void
as_check(void)
{
	struct check	*ck = xcalloc(1, sizeof(*ck));
	struct statement *st = fuzz_statement("text");
	struct finding	*f;

	ck->sc = xcalloc(1, sizeof(*ck->sc));
	ck->nsc = 1;
	ck->sc[0].st = st;
	f = ck->sc[0].f = xcalloc(1, sizeof(*f));
	ck->sc[0].nf = ck->sc[0].capf = 1;
	f->kind = F_MISSING;
	f->cert = -1;
	(void)fp_parse(FP, f->sha256);
	(void)check_baseline(fuzz_init(), ck, path);
	check_free(ck);
	fuzz_statement_done(st, 0);
}

static void
as_ccadb(void)
{
	struct audit_report *ar = xcalloc(1, sizeof(*ar));

	ar->f = xcalloc(1, sizeof(*ar->f));
	ar->nf = ar->capf = 1;
	ar->f[0].audit = KIND_TLS;
	(void)fp_parse(FP, ar->f[0].sha256);
	(void)ccadb_audit_baseline(fuzz_init(), ar, path);
	ccadb_audit_free(ar);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	fuzz_init();
	if (fd == -1) {
		if ((fd = memfd_create("baseline", 0)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, d, n, 0) != (ssize_t)n)
		abort();
	as_check();
	as_ccadb();
	diag_reset(fuzz_init());
	return 0;
}
