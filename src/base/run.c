/*
 * The run: now, limits, jobs, and what made it incomplete, in one place,
 * so that every command decides "complete" and its exit status the same
 * way (issue 18: one error channel instead of three combined ad hoc).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Where the link cache lives, read once from the environment. */
static void
cache_dir(char *out, size_t len)
{
	const char	*x = getenv("XDG_CACHE_HOME"), *home;
	int		 n = -1;

	if (x != NULL && x[0] == '/')
		n = snprintf(out, len, "%s/auditscope", x);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		n = snprintf(out, len, "%s/.cache/auditscope", home);
	if (n < 0 || (size_t)n >= len)
		out[0] = '\0';		/* none, or too long: no cache */
}

void
run_init(struct run *r)
{
	memset(r, 0, sizeof(*r));
	r->max_input = RUN_MAX_INPUT;
	cache_dir(r->cache_dir, sizeof(r->cache_dir));
}

void
run_incomplete(struct run *r, enum run_cause why)
{
	r->causes |= 1u << why;
}

/*
 * Any error reported (an input that did not read, a check that looked at
 * nothing) or any cause a command recorded makes the run incomplete.
 * Warnings do not: nothing is wrong with the input.
 */
int
run_complete(const struct run *r)
{
	return r->diag.errors == 0 && r->causes == 0;
}

int
run_exit(const struct run *r, int findings)
{
	if (!run_complete(r))
		return EXIT_INPUT;
	return findings ? EXIT_FINDINGS : EXIT_CLEAN;
}
