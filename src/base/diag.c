/*
 * Diagnostics: one line per problem, naming the input and the place, so
 * that a compliance officer can open the file at the line that is wrong.
 * Errors are counted in the run because "incomplete" is a property of the
 * whole run: any input error means the report must not read as an
 * all-clear.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "base/base.h"

/*
 * The run whose diagnostics these are: the one global the run keeps, on
 * purpose.  diag_error() is called where an input is found wrong, by the
 * readers of every stage (cert, inventory, ccadb, statement: some 150
 * places, deep in parsers), which do not take the run; run_init() binds
 * it.  Before that (and in a test that binds none) a run of its own.
 */
static struct run	 unbound = { .max_input = RUN_MAX_INPUT };
static struct run	*bound = &unbound;

void
diag_bind(struct run *r)
{
	bound = r;
}

static FILE *
stream(void)
{
	if (bound->diag.silent)
		return NULL;
	return bound->diag.stream != NULL ? bound->diag.stream : stderr;
}

static void
vmsg(const char *kind, const char *path, long line, const char *fmt,
    va_list ap)
{
	FILE	*f = stream();
	char	 text[1024];
	char	*safe_path = NULL, *safe_text = NULL;

	if (f == NULL)
		return;
	vsnprintf(text, sizeof(text), fmt, ap);
	progress_clear();
	/* Paths and messages may quote hostile input: keep them inert. */
	safe_text = esc_term(text);
	fputs("auditscope: ", f);
	if (path != NULL) {
		safe_path = esc_term(path);
		fputs(safe_path, f);
		if (line > 0)
			fprintf(f, ":%ld", line);
		fputs(": ", f);
	}
	if (kind != NULL)
		fprintf(f, "%s: ", kind);
	fputs(safe_text, f);
	fputc('\n', f);
	free(safe_path);
	free(safe_text);
}

void
diag_error(const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	bound->diag.errors++;
	bound->causes |= 1u << RUN_ERROR;
	va_start(ap, fmt);
	vmsg(NULL, path, line, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	bound->diag.warnings++;
	va_start(ap, fmt);
	vmsg("warning", path, line, fmt, ap);
	va_end(ap);
}

void
diag_note(const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg("note", path, line, fmt, ap);
	va_end(ap);
}

/* An error whose detail is OpenSSL's own first queued reason. */
void
diag_openssl(const char *path, long line, const char *what)
{
	unsigned long	 e = ERR_peek_error();
	char		 reason[256];

	if (e != 0) {
		ERR_error_string_n(e, reason, sizeof(reason));
		diag_error(path, line, "%s (%s)", what, reason);
	} else
		diag_error(path, line, "%s", what);
	ERR_clear_error();
}

unsigned
diag_errors(void)
{
	return bound->diag.errors;
}

unsigned
diag_warnings(void)
{
	return bound->diag.warnings;
}

void
diag_reset(void)
{
	bound->diag.errors = bound->diag.warnings = 0;
	bound->causes &= ~(1u << RUN_ERROR);
}

void
diag_set_stream(FILE *f)
{
	bound->diag.stream = f;
	bound->diag.silent = f == NULL;
}
