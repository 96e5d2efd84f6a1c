/*
 * CSV statements: a column of fingerprints found by content (every cell
 * is scanned, and a fingerprint wrapped inside a cell is rebuilt within
 * that cell only), and the per-audit flag columns of CA-published scope
 * lists ("WTBRSSL?", "WTSMIME?"): each fingerprint keeps the kinds its row
 * is flagged for, so that --kind picks the rows of one audit.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

#define CSV_MAX_FIELDS	4096

struct csvctx {
	struct statement *st;
	char		**fields;
	size_t		 nfields;
	long		 row;
	int		 flagcol[CSV_MAX_FIELDS];	/* kind + 1, 0: none */
	int		 too_wide;
	long		 first_col[NKINDS];	/* each kind's flag column */
	long		 twin_col;	/* a second column of one kind, or -1 */
	char		*twin_text;	/* "smime" (column 3) and "WTSMIME?" */
};

/*
 * An EV Code Signing column ("WTEVCS?"): a flag of the Code Signing kind
 * beside the plain one, whose rows it adds to rather than contradicts.
 */
static int
ev_codesigning(const char *h)
{
	char	 w[16];
	size_t	 n = 0;

	for (; *h != '\0' && n + 1 < sizeof(w); h++)
		if (isalnum((unsigned char)*h))
			w[n++] = (char)tolower((unsigned char)*h);
	w[n] = '\0';
	return strcmp(w, "wtevcs") == 0 || strcmp(w, "evcs") == 0;
}

/* A per-audit flag column's kind + 1 (kind_parse's names), 0: none. */
static int
flag_kind(const char *h)
{
	enum audit_kind	 k;

	return kind_parse(h, &k) == 0 ? (int)k + 1 : 0;
}

static int
truthy(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "required") == 0 ||
	    strcasecmp(s, "y") == 0 || strcasecmp(s, "x") == 0 ||
	    strcmp(s, "1") == 0 || strncmp(s, "\xe2\x9c\x93", 3) == 0 ||
	    strncmp(s, "\xe2\x9c\x94", 3) == 0;
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct csvctx	*c = arg;

	if (c->nfields == CSV_MAX_FIELDS) {
		c->too_wide = 1;
		return;
	}
	c->fields = xreallocarray(c->fields, c->nfields + 1, sizeof(char *));
	c->fields[c->nfields++] = stmt_normalize(s, len, &len);
}

static void
on_record(int term, void *arg)
{
	struct csvctx	*c = arg;
	struct statement *st = c->st;
	size_t		 i, before = st->nfps;
	unsigned	 kinds = 0;
	struct buf	 cols = { 0 };

	c->row++;
	for (i = 0; i < c->nfields; i++) {
		if (c->row == 1) {
			int	 k = flag_kind(c->fields[i]);

			c->flagcol[i] = k;
			if (k > 0 && (st->flag_kinds & KIND_BIT(k - 1)) &&
			    c->twin_col < 0 && c->first_col[k - 1] >= 0 &&
			    !ev_codesigning(c->fields[i]) &&
			    !ev_codesigning(c->fields[c->first_col[k - 1]])) {
				struct buf t = { 0 };

				c->twin_col = (long)i;
				buf_printf(&t, "\"%s\" (column %ld) and \"%s\" "
				    "(column %zu), both flags for %s",
				    c->fields[c->first_col[k - 1]],
				    c->first_col[k - 1] + 1, c->fields[i], i + 1,
				    kind_name((enum audit_kind)(k - 1)));
				c->twin_text = buf_take(&t);
			} else if (k > 0 && (c->first_col[k - 1] < 0 ||
			    ev_codesigning(c->fields[c->first_col[k - 1]])))
				c->first_col[k - 1] = (long)i;
			if (k > 0) {
				st->flag_kinds |= KIND_BIT(k - 1);
				buf_printf(&cols, "%s%s", cols.len ? ", " : "",
				    c->fields[i]);
			}
		} else if (c->flagcol[i] > 0 && truthy(c->fields[i]))
			kinds |= KIND_BIT(c->flagcol[i] - 1);
		stmt_scan_text(st, c->fields[i], strlen(c->fields[i]), 0, 0,
		    c->row);
	}
	if (c->row == 1 && cols.len > 0)
		st->flag_columns = buf_take(&cols);
	buf_free(&cols);
	for (i = before; i < st->nfps; i++)
		st->fps[i].kinds |= kinds;
	for (i = 0; i < c->nfields; i++)
		free(c->fields[i]);
	c->nfields = 0;
}

/*
 * The line on which a quoted field opens and never closes, or 0.  libcsv
 * (not strict, so that stray quotes inside unquoted cells pass) would
 * read such a field to the end of the file and swallow every row after
 * it into one cell: a cut download must be an error instead.  Quotes
 * open a field only at its start (after blanks), as libcsv reads them.
 */
static long
unclosed_quote(const unsigned char *p, size_t n)
{
	size_t	 i;
	long	 line = 1, opened = 0;
	int	 start = 1, quoted = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			line++;
		if (quoted) {
			if (p[i] != '"')
				continue;
			if (i + 1 < n && p[i + 1] == '"')
				i++;
			else
				quoted = 0;
			start = 0;
		} else if (p[i] == '"' && start) {
			quoted = 1;
			opened = line;
		} else if (p[i] == ',' || p[i] == '\n' || p[i] == '\r')
			start = 1;
		else if (p[i] != ' ' && p[i] != '\t')
			start = 0;
	}
	return quoted ? opened : 0;
}

int
stmt_read_csv(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	struct csv_parser p;
	struct csvctx	*c;
	struct buf	 text = { 0 };
	size_t		 i;
	unsigned	 seen = 0;
	int		 rc = -1;
	long		 bad;

	if ((bad = unclosed_quote(data, len)) != 0) {
		diag_error(r, st->path, bad, "unbalanced quote: a quoted field "
		    "that opens on this line never closes (truncated file?)");
		return -1;
	}
	c = xcalloc(1, sizeof(*c));
	c->st = st;
	c->twin_col = -1;
	for (i = 0; i < NKINDS; i++)
		c->first_col[i] = -1;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		diag_error(r, st->path, 0, "cannot set up the CSV parser");
		free(c);
		return -1;
	}
	if (csv_parse(&p, data, len, on_field, on_record, c) != len) {
		diag_error(r, st->path, c->row + 1, "CSV error: %s",
		    csv_strerror(csv_error(&p)));
		goto out;
	}
	csv_fini(&p, on_field, on_record, c);
	/*
	 * Two flag columns of one kind: a row flagged in one of them only
	 * would count as listed for it.  Which column is the statement's?
	 */
	if (c->twin_col >= 0) {
		diag_error(r, st->path, 1, "header has %s: which one is the "
		    "statement's is ambiguous", c->twin_text);
		goto out;
	}
	if (c->too_wide)
		stmt_warn(st, "rows wider than %d fields were cut",
		    CSV_MAX_FIELDS);
	for (i = 0; i < st->nfps; i++)
		seen |= st->fps[i].kinds;
	if (st->flag_kinds != 0 && seen != 0) {
		st->kinds = seen;
		buf_printf(&text, "CSV flag columns: %s", st->flag_columns);
		st->kind_source = buf_take(&text);
	}
	rc = 0;
 out:
	for (i = 0; i < c->nfields; i++)
		free(c->fields[i]);
	free(c->fields);
	free(c->twin_text);
	free(c);
	csv_free(&p);
	return rc;
}
