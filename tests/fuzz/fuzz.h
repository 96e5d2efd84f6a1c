/*
 * Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c).  Each harness
 * defines LLVMFuzzerTestOneInput for one reader entry point that takes
 * bytes; built with clang -fsanitize=fuzzer,address,undefined by
 * `make fuzz`, and with any compiler by `make check`, whose driver
 * (tests/fuzz/replay.c) runs every committed corpus input once.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"
#include "statement/reader.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The harness's run.  Diagnostics are the expected result of bad input:
 * keep them quiet.
 */
static inline struct run *
fuzz_init(void)
{
	static struct run run;
	static int	 done;

	if (!done) {
		run_init(&run);
		run.now = 1735689600;	/* 2025-01-01: never the clock */
		diag_set_stream(&run, NULL);
		done = 1;
	}
	return &run;
}

static inline struct statement *
fuzz_statement(const char *format)
{
	struct statement *st = xcalloc(1, sizeof(*st));

	fuzz_init();
	st->path = xstrdup("fuzz-input");
	st->format = format;
	return st;
}

/* Runs what statement_load runs after a reader, then frees. */
static inline void
fuzz_statement_done(struct statement *st, int rc)
{
	if (rc != 0)
		st->error = 1;
	stmt_finish(fuzz_init(), st, NULL);
	statement_free(st);
	diag_reset(fuzz_init());
}

#endif
