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

/*
 * A message is whole up to DIAG_MAX bytes before escaping: the warnings
 * that name ten roots by fingerprint and name run past a kilobyte, and a
 * cut there lost their "and 53 more".  Past DIAG_MAX (only a hostile
 * input quoted whole could get there) it ends in DIAG_CUT.
 */
#define DIAG_MAX	((size_t)16 << 10)
#define DIAG_CUT	"... (cut)"

static void
vmsg(const struct run *r, const char *kind, const char *path, long line,
    const char *fmt, va_list ap)
{
	FILE	*f = stream(r);
	char	 small[1024], *text = small;
	char	*safe_path = NULL, *safe_text = NULL;
	va_list	 aq;
	int	 n;

	if (f == NULL)
		return;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		size_t	 len = (size_t)n < DIAG_MAX ? (size_t)n + 1 : DIAG_MAX;

		text = xmalloc(len);
		vsnprintf(text, len, fmt, aq);
		if ((size_t)n >= DIAG_MAX)
			memcpy(text + len - sizeof(DIAG_CUT), DIAG_CUT,
			    sizeof(DIAG_CUT));
	}
	va_end(aq);
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
	if (text != small)
		free(text);
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
