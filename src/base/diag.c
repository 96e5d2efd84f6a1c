/*
 * Diagnostics: one line per problem, naming the input and the place, so
 * that a compliance officer can open the file at the line that is wrong.
 * Errors are counted here because "incomplete" is a property of the whole
 * run: any input error means the report must not read as an all-clear.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "base/base.h"

static unsigned	 nerrors;
static unsigned	 nwarnings;
static FILE	*diag_stream;
static int	 diag_stream_set;

static FILE *
stream(void)
{
	return diag_stream_set ? diag_stream : stderr;
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

	nerrors++;
	va_start(ap, fmt);
	vmsg(NULL, path, line, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *path, long line, const char *fmt, ...)
{
	va_list	 ap;

	nwarnings++;
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
	return nerrors;
}

unsigned
diag_warnings(void)
{
	return nwarnings;
}

void
diag_reset(void)
{
	nerrors = nwarnings = 0;
}

void
diag_set_stream(FILE *f)
{
	diag_stream = f;
	diag_stream_set = 1;
}
