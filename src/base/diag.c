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

static FILE *
stream(const struct run *r)
{
	if (r->diag.silent)
		return NULL;
	return r->diag.stream != NULL ? r->diag.stream : stderr;
}

static void
vmsg(const struct run *r, const char *kind, const char *path, long line,
    const char *fmt, va_list ap)
{
	FILE	*f = stream(r);
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
diag_error(struct run *r, const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	r->diag.errors++;
	r->causes |= 1u << RUN_ERROR;
	va_start(ap, fmt);
	vmsg(r, NULL, path, line, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct run *r, const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	r->diag.warnings++;
	va_start(ap, fmt);
	vmsg(r, "warning", path, line, fmt, ap);
	va_end(ap);
}

void
diag_usage(const struct run *r, const char *path, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg(r, NULL, path, 0, fmt, ap);
	va_end(ap);
}

void
diag_note(const struct run *r, const char *path, long line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg(r, "note", path, line, fmt, ap);
	va_end(ap);
}

/* An error whose detail is OpenSSL's own first queued reason. */
void
diag_openssl(struct run *r, const char *path, long line, const char *what)
{
	unsigned long	 e = ERR_peek_error();
	char		 reason[256];

	if (e != 0) {
		ERR_error_string_n(e, reason, sizeof(reason));
		diag_error(r, path, line, "%s (%s)", what, reason);
	} else
		diag_error(r, path, line, "%s", what);
	ERR_clear_error();
}

unsigned
diag_errors(const struct run *r)
{
	return r->diag.errors;
}

unsigned
diag_warnings(const struct run *r)
{
	return r->diag.warnings;
}

void
diag_reset(struct run *r)
{
	r->diag.errors = r->diag.warnings = 0;
	r->causes &= ~(1u << RUN_ERROR);
}

void
diag_set_stream(struct run *r, FILE *f)
{
	r->diag.stream = f;
	r->diag.silent = f == NULL;
}
