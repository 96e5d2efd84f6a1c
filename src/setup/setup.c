/*
 * The scope setup that scope, check and ccadb share: the audited roots
 * (-a, the root stores' records, --owner) and their trust (--trust, the
 * stores' trust bits), --external, and the fail-closed checks of a scope;
 * with what it reads for the engine (issue 18: the engine reads no
 * file): --trust FILEs and --revoked FILEs, parsed here and handed in as
 * trust entries and revocation marks on the inventory's certificates.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "setup/setup.h"

static int
trust_line(struct run *run, const char *path, long line, const char *s,
    struct trust_entry **v, size_t *n)
{
	const char	*eq = strchr(s, '=');
	char		 fp[128];
	struct trust_entry t;

	if (eq == NULL || (size_t)(eq - s) >= sizeof(fp)) {
		diag_error(run, path, line,
		    "--trust wants FINGERPRINT=PURPOSES");
		return -1;
	}
	memcpy(fp, s, (size_t)(eq - s));
	fp[eq - s] = '\0';
	memset(&t, 0, sizeof(t));
	t.source = "--trust";
	t.given = 1;
	if (fp_parse(fp, t.sha256) != 0) {
		diag_error(run, path, line,
		    "not a SHA-256 fingerprint: %s", fp);
		return -1;
	}
	if (purposes_parse(eq + 1, &t.purposes) != 0) {
		diag_error(run, path, line,
		    "unknown purpose in \"%s\" (serverAuth, "
		    "clientAuth, emailProtection, codeSigning, timeStamping, "
		    "all, none)", eq + 1);
		return -1;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = t;
	return 0;
}

/*
 * --trust FP=purposes, or a file of such lines ('#' comments, blank
 * lines).  Appends to *v.
 */
int
trust_parse(struct run *run, const char *arg, struct trust_entry **v,
    size_t *n)
{
	unsigned char	*d;
	size_t		 len;
	char		*text, *line, *save = NULL;
	long		 ln = 0;
	int		 rc = 0;

	if (strchr(arg, '=') != NULL)
		return trust_line(run, NULL, 0, arg, v, n);
	if (read_file(run, arg, run->max_input, &d, &len) != 0)
		return -1;
	text = (char *)d;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char	*e;

		ln++;
		while (isspace((unsigned char)*line))
			line++;
		for (e = line + strlen(line); e > line &&
		    isspace((unsigned char)e[-1]); e--)
			*--e = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		if (trust_line(run, arg, ln, line, v, n) != 0)
			rc = -1;
	}
	free(d);
	return rc;
}

/*
 * --revoked FILE: lines "SHA256 [YYYY-MM-DD]", into rev by certificate
 * index.  A line without a date keeps the one CCADB's records (or an
 * earlier line) gave: "revoked" says nothing against a known date.  Two
 * dates that differ keep the later, with a warning: an earlier one could
 * take the certificate out of a period's scope, and doubt counts toward
 * in scope.  A fingerprint not in the inventory is worth a warning (a
 * typo here would silently keep a revoked CA in scope).
 */
int
revoked_load(struct run *run, struct inventory *inv,
    struct revocation *rev, const char *path)
{
	unsigned char	*d;
	size_t		 len, i;
	long		 ln = 0;
	int		 rc = 0;
	char		*p, *next;
	struct input_stat *side = inventory_add_side(inv, path, "revoked");

	side->format = "revoked";
	if (read_file(run, path, run->max_input, &d, &len) != 0) {
		side->errors++;
		return -1;
	}
	digest_sha256(d, len, side->sha256);
	side->bytes = len;
	side->read = 1;
	for (i = 0; i < len; i++)
		if (d[i] == '\0') {
			diag_error(run, path, 0, "NUL byte: not a text file");
			side->errors++;
			free(d);
			return -1;
		}
	for (p = (char *)d; p != NULL && *p != '\0'; p = next) {
		char		 fp[160], date[32], extra[2];
		unsigned char	 sha[32];
		astime		 t = 0;
		long		 ci;
		int		 nf;

		ln++;
		if ((next = strchr(p, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		date[0] = extra[0] = '\0';
		nf = sscanf(p, "%159s %31s %1s", fp, date, extra);
		/* A word after the fingerprint may start a comment. */
		if (nf >= 2 && date[0] == '#')
			nf = 1;
		else if (nf == 3 && extra[0] == '#')
			nf = 2;
		if (nf < 1 || nf > 2 || fp_parse(fp, sha) != 0) {
			diag_error(run, path, ln,
			    "expected \"SHA256 [YYYY-MM-DD]\"");
			side->errors++;
			rc = -1;
			continue;
		}
		if (nf == 2 && time_parse_date(date, &t) != 0) {
			diag_error(run, path, ln, "bad revocation date \"%s\"",
			    date);
			side->errors++;
			rc = -1;
			continue;
		}
		side->records++;
		if ((ci = inventory_find(inv, sha)) < 0) {
			diag_warn(run, path, ln,
			    "%s is not in the inventory", fp);
			continue;
		}
		/* Its day, not its second: one revoked the day it was made. */
		if (nf == 2 && t < inv->certs[ci]->not_before -
		    (inv->certs[ci]->not_before % 86400 + 86400) % 86400) {
			char	 nb[11];

			/*
			 * Before the certificate existed: a typo, which would
			 * take it out of scope.  Doubt keeps it in: the line
			 * counts as one without a date.
			 */
			time_format_date(inv->certs[ci]->not_before, nb);
			diag_warn(run, path, ln, "%s: revocation date %s is "
			    "before the certificate's notBefore %s: read as "
			    "revoked on an unknown date", fp, date, nb);
			nf = 1;
		}
		if (nf == 2 && rev[ci].revoked && rev[ci].at != 0 &&
		    rev[ci].at != t) {
			char	 given[11], known[11];

			time_format_date(t, given);
			time_format_date(rev[ci].at, known);
			diag_warn(run, path, ln,
			    "%s: revocation date %s differs "
			    "from the %s already known (CCADB's or an earlier "
			    "line's); the later is kept", fp, given, known);
			if (t < rev[ci].at)
				t = rev[ci].at;
		}
		rev[ci].revoked = 1;
		if (nf == 2)
			rev[ci].at = t;
	}
	free(d);
	return rc;
}

/* The subject's first CN value, RFC 2253 escapes undone; caller frees. */
static char *
subject_cn(const char *subject)
{
	const char	*p = subject;
	struct buf	 b = { 0 };

	while (p != NULL && *p != '\0') {
		if (strncmp(p, "CN=", 3) == 0) {
			for (p += 3; *p != '\0' && *p != ',' && *p != '+';
			    p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_addc(&b, *p);
			}
			buf_addc(&b, '\0');
			return buf_take(&b);
		}
		/* To the next unescaped ',' or '+'. */
		while (*p != '\0' && *p != ',' && *p != '+')
			p += *p == '\\' && p[1] != '\0' ? 2 : 1;
		if (*p != '\0')
			p++;
	}
	return NULL;
}

/* Levenshtein distance, case folded, bounded by the shorter string. */
static size_t
name_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, d, prev, t;

	if (la > 256 || lb > 256)
		return (size_t)-1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			t = row[j];
			d = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = t;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* "8CD83B5B" or "8c:d8:3b:5b...": the hex digits, or -1 if not 8..64. */
static int
hex_prefix(const char *s, char out[65])
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ':' || *s == ' ')
			continue;
		if (!isxdigit((unsigned char)*s) || n >= 64)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n >= 8 ? 0 : -1;
}

struct candidate {
	size_t	 cert;
	size_t	 score;		/* lower is nearer */
};

static int
candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->cert < y->cert ? -1 : x->cert > y->cert;
}

/*
 * An anchor given by fingerprint prefix or by its subject's CN: the one
 * certificate it names, else -1 after a usage message naming the nearest
 * candidates (at most five), the way a statement's typos are shown.
 */
static long
anchor_by_name(const struct inventory *inv, const struct hierarchy *h,
    const char *arg)
{
	char		 pre[65], hex[65], *cn, *t;
	struct candidate *c;
	size_t		 i, nc = 0, exact = 0, pl = 0;
	int		 by_hex = hex_prefix(arg, pre) == 0;
	long		 found = -1;

	if (by_hex)
		pl = strlen(pre);
	c = xcalloc(inv->ncerts + 1, sizeof(*c));
	for (i = 0; i < inv->ncerts; i++) {
		size_t	 score;

		if (by_hex) {
			hex_encode(inv->certs[i]->sha256, 32, hex);
			for (score = 0; score < pl && hex[score] == pre[score];
			    score++)
				;
			score = pl - score;	/* digits that differ */
		} else {
			if ((cn = subject_cn(inv->certs[i]->subject)) == NULL)
				continue;
			score = strcmp(cn, arg) == 0 ? 0 :
			    name_distance(cn, arg) + 1;
			free(cn);
		}
		if (score == 0) {
			exact++;
			found = (long)i;
		}
		c[nc].cert = i;
		c[nc++].score = score;
	}
	/* A CN shared by a root and its cross-certificates: the root. */
	if (exact > 1 && !by_hex) {
		size_t	 roots = 0;

		for (i = 0; i < nc; i++)
			if (c[i].score == 0 &&
			    h->node[c[i].cert].self_signed) {
				roots++;
				found = (long)c[i].cert;
			}
		if (roots == 1)
			exact = 1;
	}
	if (exact == 1) {
		free(c);
		return found;
	}
	qsort(c, nc, sizeof(*c), candidate_cmp);
	{
		char	*e = esc_term(arg);

		if (exact > 1)
			fprintf(stderr, "auditscope: --anchor %s names %zu "
			    "certificates; give more of the fingerprint:\n", e,
			    exact);
		else
			fprintf(stderr, "auditscope: --anchor %s: no such "
			    "file, and no certificate's %s; nearest:\n", e,
			    by_hex ? "SHA-256 fingerprint starts with it" :
			    "subject CN is exactly that");
		free(e);
	}
	for (i = 0; i < nc && i < (exact > 1 ? exact : 5); i++) {
		if (exact > 1 && i >= 5)
			break;
		hex_encode(inv->certs[c[i].cert]->sha256, 32, hex);
		t = esc_term(inv->certs[c[i].cert]->subject);
		fprintf(stderr, "  %s  %s\n", hex, t);
		free(t);
	}
	if (nc == 0)
		fputs("  (the inventory has no certificate)\n", stderr);
	fputs("Try 'auditscope --help'.\n", stderr);
	free(c);
	return -1;
}

/* An --anchor value that is a full fingerprint or an existing file. */
static int
anchor_is_file(const char *arg)
{
	struct stat	 sb;

	return strcmp(arg, "-") == 0 || stat(arg, &sb) == 0;
}

/* One audited root, with how it came to be one (for the provenance). */
static void
add_anchor(struct scope_setup *ss, const unsigned char sha[32],
    const char *how, const char *arg)
{
	struct buf	 b = { 0 };

	ss->anchors = xreallocarray(ss->anchors, ss->nanchors + 1,
	    sizeof(*ss->anchors));
	ss->anchor_src = xreallocarray(ss->anchor_src, ss->nanchors + 1,
	    sizeof(*ss->anchor_src));
	buf_printf(&b, "%s%s%s", how, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
	ss->anchor_src[ss->nanchors] = buf_take(&b);
	memcpy(ss->anchors[ss->nanchors++], sha, 32);
}

/*
 * Resolves --anchor values: a fingerprint, a file of certificates, a
 * fingerprint prefix or a subject CN.  Sets ss->anchors, or leaves it
 * NULL when none was given; anchors missing from the inventory are input
 * errors, names that fit no one certificate usage errors (ss->usage).
 */
static void
resolve_anchors(struct run *run, const struct setup_opts *o,
    struct inventory *inv, struct scope_setup *ss)
{
	size_t		 i, k;

	for (i = 0; i < o->nanchors; i++) {
		unsigned char	 sha[32];
		struct inventory *tmp;
		struct ccadb_db	*tdb;

		if (fp_parse(o->anchors[i], sha) == 0) {
			if (inventory_find(inv, sha) < 0) {
				diag_error(run, NULL, 0,
				    "anchor %s is not in the "
				    "inventory", o->anchors[i]);
				continue;
			}
			add_anchor(ss, sha, "-a", NULL);
			continue;
		}
		if (!anchor_is_file(o->anchors[i])) {
			long	 c = anchor_by_name(inv, ss->so.h,
			    o->anchors[i]);

			if (c < 0) {
				ss->usage = 1;
				continue;
			}
			add_anchor(ss, inv->certs[c]->sha256, "-a",
			    o->anchors[i]);
			continue;
		}
		/* A file: its certificates are the anchors. */
		tdb = ccadb_db_new();
		tmp = read_inputs(run, tdb, &o->anchors[i], 1);
		if (tmp->errors > 0)
			inv->errors++;
		for (k = 0; k < tmp->ncerts; k++)
			add_anchor(ss, tmp->certs[k]->sha256, "-a",
			    o->anchors[i]);
		unload_inventory(tmp, NULL, tdb);
	}
	if (o->nanchors > 0 && ss->nanchors == 0) {
		/* Never fall back to "every root" when the user named some. */
		ss->anchors = xcalloc(1, sizeof(*ss->anchors));
	}
}

/* A string the setup keeps until scope_setup_free(). */
static const char *
setup_keep(struct scope_setup *ss, char *s)
{
	ss->strs = xreallocarray(ss->strs, ss->nstrs + 1, sizeof(*ss->strs));
	ss->strs[ss->nstrs++] = s;
	return s;
}

/* Does the record say anything of a root store? */
static int
is_root_record(const struct ccadb_record *r)
{
	int	 s;

	for (s = 0; s < NSTORES; s++)
		if (r->store_status[s] != NULL || r->store_trust_known[s])
			return 1;
	return r->root_trust_known || r->root_trust_blank;
}

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/*
 * A file as a citation names it: without its directories, unless another
 * file the record cites (a store's trust rows, its status rows, its first
 * row) has the same name, as when nightly downloads sit in dated
 * directories.
 */
static const char *
cite_path(const struct ccadb_record *r, const char *path)
{
	const char	*base = base_name(path), *o;
	size_t		 s, k;

	for (s = 0; s < NSTORES; s++) {
		for (k = 0; k < r->ntrust_rows[s] && k < CCADB_TRUST_ROWS;
		    k++) {
			o = r->trust_rows[s][k].path;
			if (strcmp(base_name(o), base) == 0 &&
			    strcmp(o, path) != 0)
				return path;
		}
		o = r->store_path[s];
		if (o != NULL && strcmp(base_name(o), base) == 0 &&
		    strcmp(o, path) != 0)
			return path;
	}
	if (strcmp(base_name(r->path), base) == 0 && strcmp(r->path, path) != 0)
		return path;
	return base;
}

/*
 * Where a store's trust for the record was read (bits): the rows whose
 * bits were taken (the union over reports; "and N more rows" past
 * CCADB_TRUST_ROWS), else the row of its status, else the record's first
 * row; its inclusion (!bits): the row of its status.  File names lose
 * their directories unless two cited files share a name (cite_path()).
 * Caller frees.
 */
static char *
store_where(const struct ccadb_record *r, int s, int bits)
{
	struct buf	 b = { 0 };
	size_t		 n = r->ntrust_rows[s], k;

	if (!bits || n == 0) {
		buf_printf(&b, "%s:%ld", cite_path(r, r->store_path[s] != NULL ?
		    r->store_path[s] : r->path), r->store_path[s] != NULL ?
		    r->store_line[s] : r->line);
		return buf_take(&b);
	}
	for (k = 0; k < n && k < CCADB_TRUST_ROWS; k++)
		buf_printf(&b, "%s%s:%ld", k > 0 ? ", " : "",
		    cite_path(r, r->trust_rows[s][k].path),
		    r->trust_rows[s][k].line);
	if (n > CCADB_TRUST_ROWS)
		buf_printf(&b, " and %zu more rows", n - CCADB_TRUST_ROWS);
	return buf_take(&b);
}

/* Do stores s and t cite the same rows? */
static int
same_where(const struct ccadb_record *r, int s, int t, int bits)
{
	char	*a = store_where(r, s, bits), *b = store_where(r, t, bits);
	int	 same = strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

/*
 * "CCADB " and where the trust of the stores in `used` was read:
 * "mozilla, apple, file:line" (stores: their names, "*" marking those in
 * `lent`) when the same rows gave them all (or no store is in `used`:
 * the record's first row), else grouped by rows, "mozilla, apple:
 * file:line; microsoft: file2:line2, file3:line3".  Returns 1 when the
 * text `stores` (with its notes) was used, 0 when grouped by rows.
 */
static int
trust_source(struct buf *b, const struct ccadb_record *r, unsigned used,
    unsigned lent, const char *stores, int bits)
{
	unsigned	 done = 0;
	int		 s, t, one = -1, mixed = 0, n;
	char		*w;

	for (s = 0; s < NSTORES; s++) {
		if (!(used & (1u << s)))
			continue;
		if (one < 0)
			one = s;
		else if (!same_where(r, s, one, bits))
			mixed = 1;
	}
	if (!mixed) {
		if (one >= 0) {
			w = store_where(r, one, bits);
			buf_printf(b, "CCADB %s, %s", stores, w);
			free(w);
		} else
			buf_printf(b, "CCADB %s, %s:%ld", stores,
			    cite_path(r, r->path), r->line);
		return 1;
	}
	buf_addstr(b, "CCADB ");
	for (s = 0; s < NSTORES; s++) {
		if (!(used & (1u << s)) || (done & (1u << s)))
			continue;
		if (done != 0)
			buf_addstr(b, "; ");
		for (t = s, n = 0; t < NSTORES; t++) {
			if (!(used & (1u << t)) || (done & (1u << t)) ||
			    !same_where(r, s, t, bits))
				continue;
			done |= 1u << t;
			buf_printf(b, "%s%s%s", n++ ? ", " : "",
			    store_name((enum ccadb_store)t),
			    (lent & (1u << t)) ? "*" : "");
		}
		w = store_where(r, s, bits);
		buf_printf(b, ": %s", w);
		free(w);
	}
	return 0;
}

/*
 * The rows that include r in the stores in force, "CCADB mozilla, apple,
 * file:line"; NULL when none says so (its trust came from elsewhere).
 */
static char *
inclusion_source(const struct ccadb_record *r, unsigned stores)
{
	struct buf	 names = { 0 }, b = { 0 };
	unsigned	 used = 0, bits;
	int		 s;

	for (s = 0; s < NSTORES; s++)
		if ((stores & (1u << s)) && r->store_status[s] != NULL &&
		    ccadb_store_trust(r, (enum ccadb_store)s, &bits) != 0) {
			used |= 1u << s;
			buf_printf(&names, "%s%s", names.len > 0 ? ", " : "",
			    store_name((enum ccadb_store)s));
		}
	if (used == 0)
		return NULL;
	trust_source(&b, r, used, 0, names.data, 0);
	buf_free(&names);
	return buf_take(&b);
}

/*
 * Where the blank bits of item (a store, or NSTORES: "Trust Bits for Root
 * Cert") came from, added to b as "file:line": the first row that gave
 * them, else the store's inclusion row (included, no bits anywhere), else
 * the record's first row.
 */
static void
blank_where(struct buf *b, const struct ccadb_record *r, int item)
{
	const char	*p = r->path;
	long		 line = r->line;

	if (r->blank_row[item].path != NULL) {
		p = r->blank_row[item].path;
		line = r->blank_row[item].line;
	} else if (item < NSTORES && r->store_path[item] != NULL) {
		p = r->store_path[item];
		line = r->store_line[item];
	}
	buf_printf(b, "%s:%ld", cite_path(r, p), line);
}

/*
 * A root record's trust under the stores in force (the --store set, or
 * every store): the union of the trust bits of each store that includes
 * it, as CCADB's Capable flags take it.  A store that includes the root
 * but whose own bits the reports loaded lack (an all-records report
 * carries only "Trust Bits for Root Cert", the union over the stores)
 * lends that union: wider than its own, so scope only grows.  Returns 1
 * with *e filled, 0 when no store in force includes it.
 */
static int
record_trust(const struct ccadb_record *r, unsigned stores, int store_set,
    struct trust_entry *e, struct scope_setup *ss, size_t unioned[2])
{
	struct buf	 b = { 0 }, notes = { 0 };
	char		*note;
	unsigned	 bits, raw, all = 0, used = 0, lentm = 0;
	int		 s, t, n = 0, lent = 0, blank = 0, none, nodata, wide;

	memset(e, 0, sizeof(*e));
	for (s = 0; s < NSTORES; s++) {
		if (!(stores & (1u << s)))
			continue;
		t = ccadb_store_trust(r, (enum ccadb_store)s, &bits);
		/*
		 * wide: a row gave the bits blank beside rows that named
		 * some, so the union is every purpose.
		 */
		wide = 0;
		if (t == 1) {
			/* Chrome's TLS is named by the store, not a cell. */
			raw = s == STORE_CHROME ? bits | CCADB_TRUST_NAMED :
			    r->store_trust[s];
			/*
			 * Bits only from rows without the store's status
			 * add to the union over the stores, not replace it.
			 */
			if (s != STORE_CHROME && !r->store_trust_incl[s] &&
			    r->root_trust_known) {
				raw |= r->root_trust;
				lent |= 2;
				lentm |= 1u << s;
			}
			/*
			 * A row's blank bits beside named ones, the store's
			 * or (doubt of every store it includes) the root's.
			 */
			wide = s != STORE_CHROME && (r->store_trust_blank[s] ||
			    r->root_blank_incl[s]) && !ccadb_trust_blank(raw);
		} else if (t == -1 && r->store_status[s] != NULL) {
			/* Included; its own bits not in the reports loaded. */
			if (r->root_trust_known) {
				raw = r->root_trust;
				wide = r->root_trust_blank &&
				    !ccadb_trust_blank(raw);
				lent |= 1;
			} else {
				raw = 0;	/* none anywhere: blank */
				t = 1;
			}
		} else
			continue;
		/*
		 * Included for nothing is no trust data, not no trust; but
		 * bits that name only purposes no audit covers (Microsoft
		 * "Document Signing") are trust for no audit purpose.
		 */
		bits = wide ? PURP_ALL : ccadb_trust_purposes(raw);
		none = bits == 0;
		nodata = ccadb_trust_blank(raw);
		blank |= nodata;
		all |= bits;
		used |= 1u << s;
		if (t != 1)
			lentm |= 1u << s;
		buf_printf(&b, "%s%s%s", n++ ? ", " : "",
		    store_name((enum ccadb_store)s),
		    (lentm & (1u << s)) ? "*" : "");
		note = NULL;
		if (wide) {
			struct buf nb = { 0 };

			buf_addstr(&nb, "a row's bits blank (");
			blank_where(&nb, r, t == 1 &&
			    r->store_trust_blank[s] ? s : CCADB_BLANK_ROOT);
			buf_addstr(&nb, "): every purpose");
			note = buf_take(&nb);
		} else if (t == 1 && nodata) {
			struct buf nb = { 0 };

			buf_printf(&nb, "bits %s in ", (raw &
			    CCADB_TRUST_UNKNOWN) ? "with a word not known" :
			    "blank");
			blank_where(&nb, r, s);
			buf_addstr(&nb, ": no trust data, every purpose");
			note = buf_take(&nb);
		} else if (t == 1 && none)
			note = xstrdup("its bits name no audit purpose");
		if (note != NULL) {
			buf_printf(&b, " (%s)", note);
			buf_printf(&notes, "%s%s: %s", notes.len > 0 ? "; " : "",
			    store_name((enum ccadb_store)s), note);
			free(note);
		}
	}
	/*
	 * Older reports: the union alone, without store statuses; a blank
	 * cell there is no trust data (root_trust_unstated).
	 */
	if (n == 0 && !store_set && ccadb_root_trust(r, &bits, &nodata)) {
		int	 any = 0;

		for (s = 0; s < NSTORES; s++)
			any |= r->store_status[s] != NULL;
		if (!any) {
			all = bits;
			blank = nodata;
			buf_addstr(&b, "Trust Bits for Root Cert");
			if (nodata || r->root_trust_blank ||
			    r->root_trust_unstated) {
				buf_addstr(&b, !nodata ? " (a row's bits blank (" :
				    (r->root_trust & CCADB_TRUST_UNKNOWN) ?
				    " (with a word not known in " : " (blank in ");
				blank_where(&b, r, r->root_trust_blank ?
				    CCADB_BLANK_ROOT : CCADB_BLANK_UNSTATED);
				buf_addstr(&b, nodata ? ": no trust data, every "
				    "purpose)" : "): every purpose)");
			}
			n = 1;
		}
	}
	if (n == 0) {
		buf_free(&b);
		buf_free(&notes);
		return 0;
	}
	if (lent) {
		buf_addstr(&b, " (*: \"Trust Bits for Root Cert\")");
		buf_printf(&notes, "%s*: \"Trust Bits for Root Cert\"",
		    notes.len > 0 ? "; " : "");
		/* 1: a store without bits of its own; 2: only statusless. */
		unioned[(lent & 1) ? 0 : 1]++;
	}
	if (r->ev_oids_cut) {
		buf_printf(&b, " (EV OIDs cut at %d)", CCADB_MAX_EV_OIDS);
		buf_printf(&notes, "%sEV OIDs cut at %d", notes.len > 0 ?
		    "; " : "", CCADB_MAX_EV_OIDS);
	}
	memcpy(e->sha256, r->sha256, 32);
	e->purposes = all;
	e->ev_oids = r->ev_oids;
	e->nev_oids = r->nev_oids;
	e->ev_unknown = !r->ev_oids_known;
	e->no_data = blank;
	{
		char	*text;
		struct buf c = { 0 };

		text = buf_take(&b);
		/* Stores that cite rows of their own: the notes after. */
		if (!trust_source(&c, r, used, lentm, text, 1) &&
		    notes.len > 0)
			buf_printf(&c, " (%s)", notes.data);
		free(text);
		buf_free(&notes);
		e->source = setup_keep(ss, buf_take(&c));
	}
	return 1;
}

/*
 * The owner names a record gives its certificate's key: the Subordinate
 * CA Owner's when it names one (a cross-certificate's CA Owner is the
 * issuer's), else the CA Owner's, every alias of either.
 */
static void
key_owners(const struct ccadb_record *r, const char ***v, size_t *n)
{
	char	*const *names;
	size_t	 k, nn;

	if (r == NULL)
		return;
	names = r->nsub_owners > 0 ? r->sub_owners : r->owners;
	nn = r->nsub_owners > 0 ? r->nsub_owners : r->nowners;
	for (k = 0; k < nn; k++) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = names[k];
	}
}

/* The owner a key's first record with one names, as shown. */
static const char *
key_owner_first(const struct keygroup *kg, const struct inventory *inv,
    const struct ccadb_db *db)
{
	size_t	 m;

	for (m = 0; m < kg->nmembers; m++) {
		const struct ccadb_record *r = ccadb_find(db,
		    inv->certs[kg->members[m]]->sha256);

		if (r == NULL)
			continue;
		if (r->sub_ca_owner != NULL && r->sub_ca_owner[0] != '\0')
			return r->sub_ca_owner;
		if (r->ca_owner != NULL && r->ca_owner[0] != '\0')
			return r->ca_owner;
	}
	return "another CA Owner";
}

/* Does any name of a match any name of b (ccadb_owner_same)? */
static int
owners_meet(const char **a, size_t na, const char **b, size_t nb)
{
	size_t	 i, k;

	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			if (ccadb_owner_same(a[i], b[k]))
				return 1;
	return 0;
}

/*
 * "\"A\", \"B\"", each name once (in the order given), the first
 * OWNERS_NAMED of them and how many more.
 */
#define OWNERS_NAMED	8

static void
owner_list(struct buf *b, const char **v, size_t n)
{
	size_t	 i, k, shown = 0, more = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < i && strcmp(v[k], v[i]) != 0; k++)
			;
		if (k < i)
			continue;
		if (shown == OWNERS_NAMED) {
			more++;
			continue;
		}
		buf_printf(b, "%s\"%s\"", shown++ ? ", " : "", v[i]);
	}
	if (more > 0)
		buf_printf(b, " and %zu more", more);
}

/*
 * The key groups with an anchor among their certificates (NULL anchors:
 * none marked).  Free the result.
 */
static unsigned char *
anchored_groups(const struct inventory *inv, const struct scope_setup *ss)
{
	unsigned char	*g = xcalloc(ss->so.h->ngroups + 1, 1);
	size_t		 a;
	long		 ci;

	for (a = 0; ss->anchors != NULL && a < ss->nanchors; a++)
		if ((ci = inventory_find(inv, ss->anchors[a])) >= 0)
			g[ss->so.h->node[ci].group] = 1;
	return g;
}

/*
 * Why --external naming this certificate changes nothing (NULL: it may):
 * only a self-signed key of the inputs that is no audited root can head
 * another CA Owner's hierarchy.
 */
static const char *
external_useless(const struct inventory *inv, const struct scope_setup *ss,
    const unsigned char sha[32])
{
	long	 ci = inventory_find(inv, sha), ai;
	size_t	 a;

	if (ci < 0)
		return "no certificate of the inputs";
	/* Any certificate of the key names it: a cross-certificate too. */
	if (!ss->so.h->node[ci].self_signed) {
		const struct keygroup *g =
		    &ss->so.h->groups[ss->so.h->node[ci].group];
		size_t	 m;

		for (m = 0; m < g->nmembers &&
		    !ss->so.h->node[g->members[m]].self_signed; m++)
			;
		if (m == g->nmembers)
			return "no self-signed certificate of its key among "
			    "the inputs (name the other CA Owner's root)";
	}
	if (ss->anchors == NULL && inv->certs[ci]->ca)
		return "an audited root (without -a or CCADB root records every "
		    "self-signed CA is one)";
	for (a = 0; ss->anchors != NULL && a < ss->nanchors; a++)
		if ((ai = inventory_find(inv, ss->anchors[a])) >= 0 &&
		    ss->so.h->node[ai].group == ss->so.h->node[ci].group)
			return "an audited root";
	return NULL;
}

static void
external_warn(struct run *run, const char *arg, const char *why)
{
	char	*t;

	if (why == NULL)
		return;
	t = esc_term(arg);
	diag_warn(run, NULL, 0,
	    "--external %s: %s: it changes nothing", t, why);
	free(t);
}

/*
 * Keys the audited hierarchy may cross-certify that belong to another CA
 * Owner: a self-signed key whose CCADB records name an owner none of the
 * anchors' records (or --owner) names, and the keys --external names.
 */
static void
find_external(struct run *run, const struct setup_opts *o,
    struct inventory *inv, struct scope_setup *ss)
{
	const char	**owners = NULL, **names = NULL;
	size_t		 nowners = 0, nnames, g, m, i, k;
	unsigned char	*anch = anchored_groups(inv, ss);
	const struct hierarchy *h = ss->so.h;
	const struct ccadb_db *db = ss->so.db;

	/* --owner and every name the anchors' records give (aliases). */
	if (o->owner != NULL) {
		owners = xcalloc(1, sizeof(*owners));
		owners[nowners++] = o->owner;
	}
	for (g = 0; g < h->ngroups; g++) {
		const struct keygroup *kg = &h->groups[g];

		for (m = 0; anch[g] && m < kg->nmembers; m++) {
			const struct ccadb_record *r = ccadb_find(db,
			    inv->certs[kg->members[m]]->sha256);

			for (k = 0; r != NULL && k < r->nowners; k++) {
				owners = xreallocarray(owners, nowners + 1,
				    sizeof(*owners));
				owners[nowners++] = r->owners[k];
			}
			for (k = 0; r != NULL && k < r->nsub_owners; k++) {
				owners = xreallocarray(owners, nowners + 1,
				    sizeof(*owners));
				owners[nowners++] = r->sub_owners[k];
			}
		}
	}
	/*
	 * A self-signed key is another owner's only when it has owner names
	 * and none of them is an anchor's: no data, or a match, keeps it in.
	 */
	for (g = 0; nowners > 0 && ss->anchors != NULL && g < h->ngroups;
	    g++) {
		const struct keygroup *kg = &h->groups[g];
		int		 self = 0;
		struct buf	 b = { 0 };

		nnames = 0;
		for (m = 0; m < kg->nmembers; m++) {
			const struct cert *c = inv->certs[kg->members[m]];

			self |= h->node[kg->members[m]].self_signed;
			key_owners(ccadb_find(db, c->sha256), &names, &nnames);
		}
		if (!self || nnames == 0 || anch[g] ||
		    owners_meet(names, nnames, owners, nowners))
			continue;
		buf_addstr(&b, "CCADB owner names compared: this key's ");
		owner_list(&b, names, nnames);
		buf_addstr(&b, " against the audited roots' ");
		owner_list(&b, owners, nowners);
		ss->ext = xgrow(ss->ext, ss->next, &ss->capext,
		    sizeof(*ss->ext));
		memcpy(ss->ext[ss->next].sha256,
		    inv->certs[kg->members[0]]->sha256, 32);
		ss->ext[ss->next].owner = key_owner_first(kg, inv, db);
		ss->ext[ss->next++].compared = setup_keep(ss, buf_take(&b));
	}
	free(names);
	free(owners);
	free(anch);
	for (i = 0; i < o->nexternal; i++) {
		unsigned char	 sha[32];
		struct inventory *tmp;
		struct ccadb_db	*tdb;
		const char	*why = NULL;

		if (fp_parse(o->external[i], sha) == 0) {
			ss->ext = xgrow(ss->ext, ss->next, &ss->capext,
			    sizeof(*ss->ext));
			memcpy(ss->ext[ss->next].sha256, sha, 32);
			ss->ext[ss->next].compared = NULL;
			ss->ext[ss->next++].owner = "another CA Owner "
			    "(--external)";
			external_warn(run, o->external[i], external_useless(inv,
			    ss, sha));
			continue;
		}
		tdb = ccadb_db_new();
		tmp = read_inputs(run, tdb, &o->external[i], 1);
		if (tmp->errors > 0)
			inv->errors++;
		for (k = 0; k < tmp->ncerts; k++) {
			ss->ext = xgrow(ss->ext, ss->next, &ss->capext,
			    sizeof(*ss->ext));
			memcpy(ss->ext[ss->next].sha256, tmp->certs[k]->sha256,
			    32);
			ss->ext[ss->next].compared = NULL;
			ss->ext[ss->next++].owner = "another CA Owner "
			    "(--external)";
			why = k == 0 || why != NULL ? external_useless(inv, ss,
			    tmp->certs[k]->sha256) : NULL;
		}
		external_warn(run, o->external[i], why);
		for (k = 0; k < tmp->ninputs; k++) {
			struct input_stat *s = inventory_add_side(inv,
			    tmp->inputs[k].path, "external");
			char	*path = s->path;

			*s = tmp->inputs[k];
			s->path = path;
			s->role = "external";
		}
		unload_inventory(tmp, NULL, tdb);
	}
}

/*
 * One warning naming the anchors no trust data covers: they may issue
 * for every purpose but EV, which is wider than any store would say.
 */
#define UNTRUSTED_NAMED	10

static void
warn_untrusted(struct run *run, const struct inventory *inv,
    const struct scope_setup *ss)
{
	const struct hierarchy *h = ss->so.h;
	unsigned char	*anch = anchored_groups(inv, ss);
	struct buf	 b = { 0 };
	size_t		 i, n = 0;
	char		 hex[65];

	/*
	 * A root is named when its own entries among those that decide its
	 * key (key_trust_next(), the engine's) give no bits, or, with none
	 * of its own, when none of its twins' do.
	 */
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		const struct trust_entry *t;
		size_t		 it = 0;
		int		 own = 0, own_data = 0, key_data = 0;

		if (!hier_is_root(h, inv, i) ||
		    (ss->anchors != NULL && !anch[h->node[i].group]))
			continue;
		while ((t = key_trust_next(h, inv, i, ss->trust, ss->ntrust,
		    &it)) != NULL) {
			key_data |= !t->no_data;
			if (memcmp(t->sha256, c->sha256, 32) == 0) {
				own = 1;
				own_data |= !t->no_data;
			}
		}
		if (own ? own_data : key_data)
			continue;
		if (n++ < UNTRUSTED_NAMED) {
			hex_encode(c->sha256, 32, hex);
			buf_printf(&b, "%s%s (", n > 1 ? ", " : "", hex);
			cert_label_add(&b, c);
			buf_addstr(&b, ")");
		}
	}
	if (n > UNTRUSTED_NAMED)
		buf_printf(&b, " and %zu more", n - UNTRUSTED_NAMED);
	if (n > 0) {
		char	*t = esc_term(b.data);

		diag_warn(run, NULL, 0, "no trust data for %zu audited root%s: "
		    "taken as trusted for every purpose but EV (give CCADB "
		    "root records, --store or --trust): %s", n, n > 1 ? "s" :
		    "", t);
		free(t);
	}
	buf_free(&b);
	free(anch);
}

/*
 * Roots said in one warning: the stores include them and the inputs
 * lack their certificates, or the reports give them different trust.
 */
struct absent {
	struct buf	 names;		/* the first ABSENT_NAMED, said once */
	size_t		 n;
};

#define ABSENT_NAMED	10

/* The names, with how many more, escaped for the terminal; freed. */
static char *
absent_take(struct absent *a)
{
	char	*t;

	if (a->n > ABSENT_NAMED)
		buf_printf(&a->names, " and %zu more", a->n - ABSENT_NAMED);
	t = esc_term(a->names.data);
	buf_free(&a->names);
	return t;
}

static void
absent_name(struct absent *a, const struct ccadb_record *r, const char *more)
{
	char	 hex[65];

	hex_encode(r->sha256, 32, hex);
	if (a->n++ < ABSENT_NAMED)
		buf_printf(&a->names, "%s%s (%s%s)", a->n > 1 ? ", " : "", hex,
		    r->name != NULL ? r->name : "no Certificate Name", more);
}

/*
 * An audited root on which the rows of the reports disagree (two
 * generations of a report, say 2023's root-store report beside today's
 * all-records): an inclusion in a store in force, that store's trust
 * bits, "Trust Bits for Root Cert", the EV OIDs, each with the first row
 * that disagreed (its path as given: two reports may share a file name).
 * The union stands, since doubt counts towards scope, but a removal or a
 * bit withdrawn since still puts certificates in scope, and the user is
 * told which and where.  Where --trust gives the key's trust, only the
 * inclusions matter: the engine then reads neither bits nor EV OIDs of
 * the stores (key_trust_next()).
 */
static void
trust_differs(const struct inventory *inv, const struct ccadb_record *r,
    unsigned stores, const struct scope_setup *ss, struct absent *a)
{
	const struct trust_entry *t;
	struct buf	 b = { 0 };
	unsigned	 bits;
	size_t		 it = 0;
	long		 ci;
	int		 s, given;

	if (r == NULL || (ci = inventory_find(inv, r->sha256)) < 0)
		return;
	given = (t = key_trust_next(ss->so.h, inv, (size_t)ci, ss->trust,
	    ss->ntrust, &it)) != NULL && t->given;
	for (s = 0; s < NSTORES; s++) {
		int	 st = CCADB_DIFFER_STATUS(s), bt = CCADB_DIFFER_BITS(s);

		if (!(stores & (1u << s)) ||
		    ccadb_store_trust(r, (enum ccadb_store)s, &bits) == 0)
			continue;
		if (r->store_status_differ[s] && r->differ_path[st] != NULL)
			buf_printf(&b, "%s%s included by one row, not by "
			    "another (%s:%ld)", b.len > 0 ? "; " : ": ",
			    store_name((enum ccadb_store)s), r->differ_path[st],
			    r->differ_line[st]);
		if (r->store_trust_differ[s] && r->differ_path[bt] != NULL &&
		    !given)
			buf_printf(&b, "%s%s trust bits (%s:%ld)",
			    b.len > 0 ? "; " : ": ",
			    store_name((enum ccadb_store)s), r->differ_path[bt],
			    r->differ_line[bt]);
	}
	if (r->differ_path[CCADB_DIFFER_ROOT] != NULL && !given)
		buf_printf(&b, "%sTrust Bits for Root Cert (%s:%ld)",
		    b.len > 0 ? "; " : ": ", r->differ_path[CCADB_DIFFER_ROOT],
		    r->differ_line[CCADB_DIFFER_ROOT]);
	if (r->differ_path[CCADB_DIFFER_EV] != NULL && !given)
		buf_printf(&b, "%sEV OIDs (%s:%ld)", b.len > 0 ? "; " : ": ",
		    r->differ_path[CCADB_DIFFER_EV],
		    r->differ_line[CCADB_DIFFER_EV]);
	if (b.len > 0)
		absent_name(a, r, b.data);
	buf_free(&b);
}

static int
sha_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* Each audited root once, in fingerprint order: the disagreements. */
static void
warn_differs(struct run *run, const struct inventory *inv,
    const struct ccadb_db *db, unsigned stores, const struct scope_setup *ss)
{
	unsigned char	(*v)[32];
	struct absent	 differ = { 0 };
	size_t		 i;
	char		*t;

	if (ss->nanchors == 0)
		return;
	v = xreallocarray(NULL, ss->nanchors, sizeof(*v));
	memcpy(v, ss->anchors, ss->nanchors * sizeof(*v));
	qsort(v, ss->nanchors, sizeof(*v), sha_cmp);
	for (i = 0; i < ss->nanchors; i++)
		if (i == 0 || memcmp(v[i - 1], v[i], 32) != 0)
			trust_differs(inv, ccadb_find(db, v[i]), stores, ss,
			    &differ);
	free(v);
	if (differ.n == 0)
		return;
	t = absent_take(&differ);
	diag_warn(run, NULL, 0, "the reports loaded disagree on %zu audited "
	    "root%s (reports of different dates?): an inclusion in any of "
	    "them, and the union of their trust bits and EV OIDs, count, so "
	    "scope can only grow, and a removal or a bit withdrawn since does "
	    "not (give one generation of reports, --store, --trust or "
	    "--ev-oid; the row named is the first that disagrees): %s",
	    differ.n, differ.n > 1 ? "s" : "", t);
	free(t);
}

/*
 * A root record a store in force includes, without its certificate among
 * the inputs.  The owner's (--owner): an error each, since the CA's own
 * hierarchy under it goes unchecked and the run must not read as an
 * all-clear (the Certum case, a hand-compiled inventory checked against
 * itself).  Without --owner, every included root is audited only when
 * given: one warning names them.
 */
static void
absent_root(struct run *run, const struct setup_opts *o,
    const struct ccadb_record *r, unsigned stores, struct scope_setup *ss,
    struct absent *a)
{
	struct trust_entry e;
	size_t		 unioned[2] = { 0, 0 };
	unsigned	 wanted = 0;
	int		 k;
	char		 hex[65];

	if (o->owner != NULL && !ccadb_owner_is(r, o->owner))
		return;
	if (!record_trust(r, stores, o->store_set, &e, ss, unioned))
		return;
	/*
	 * Only a root trusted for a purpose of the kinds checked would have
	 * been audited: a Document Signing root, or a Code Signing root
	 * beside a TLS statement, leaves nothing unchecked.
	 */
	for (k = 0; k < NKINDS; k++)
		if (o->absent_kinds & KIND_BIT(k))
			wanted |= kind_purposes((enum audit_kind)k,
			    (enum scope_rules)o->rules);
	if ((e.purposes & wanted) == 0)
		return;
	hex_encode(r->sha256, 32, hex);
	if (o->owner != NULL) {
		diag_error(run, r->path, r->line, "root %s (%s) of %s is in "
		    "a root store in force, but its certificate is not among "
		    "the inputs: neither it nor what only it issued is checked "
		    "(give its PEM, or the AllCertificatePEMsCSVFormat "
		    "reports)", hex, r->name != NULL ? r->name :
		    "no Certificate Name", o->owner);
		return;
	}
	absent_name(a, r, "");
}

/* Does any record name the owner (as CA Owner or Subordinate CA Owner)? */
static int
owner_named(const struct ccadb_db *db, const char *owner)
{
	size_t	 i;

	for (i = 0; db != NULL && i < ccadb_count(db); i++)
		if (ccadb_owner_is(ccadb_record_at(db, i), owner))
			return 1;
	return 0;
}

/*
 * The audited roots and their trust.  -a names them; otherwise, when root
 * records are loaded, the self-signed certificates a store in force
 * includes (with --owner, only that owner's); otherwise every self-signed
 * CA.  Trust: --trust first, then the stores' records.
 */
void
scope_setup(struct run *run, const struct setup_opts *o,
    struct inventory *inv,
    const struct hierarchy *h, const struct ccadb_db *db,
    struct revocation *rev, struct scope_setup *ss)
{
	unsigned	 stores = o->store_set ? o->stores : (1u << NSTORES) - 1;
	unsigned	 e0 = diag_errors(run);	/* said before the setup */
	size_t		 i, nroot = 0, unioned[2] = { 0, 0 };
	struct absent	 absent = { 0 };
	char		 st[STORES_TEXT];

	memset(ss, 0, sizeof(*ss));
	ss->so.h = h;
	ss->so.db = db;
	ss->so.revoked = ss->revoked = rev;
	/*
	 * --trust, read here rather than while the options are parsed, so
	 * that a command that takes none refuses it before any file is
	 * opened: a malformed FP=PURPOSES is a usage error, a FILE that
	 * cannot be read or holds a bad line an input error.
	 */
	for (i = 0; i < o->ntrust; i++)
		if (trust_parse(run, o->trust[i], &ss->trust, &ss->ntrust) !=
		    0) {
			if (strchr(o->trust[i], '=') != NULL)
				ss->usage = 1;
		}
	if (ss->usage)
		return;
	resolve_anchors(run, o, inv, ss);
	for (i = 0; i < ccadb_count(db); i++)
		nroot += is_root_record(ccadb_record_at(db, i));
	if (o->store_set && nroot == 0) {
		diag_error(run, NULL, 0,
		    "--store %s: no CCADB report loaded says "
		    "which roots %s includes (give AllIncludedRootCertsCSV or "
		    "an all-records report)", stores_text(o->stores, st),
		    stores_text(o->stores, st));
	}
	/* Not "every self-signed CA": only what the stores include. */
	if (ss->anchors == NULL && (nroot > 0 || o->owner != NULL ||
	    o->store_set))
		ss->anchors = xcalloc(1, sizeof(*ss->anchors));
	for (i = 0; i < ccadb_count(db); i++) {
		const struct ccadb_record *r = ccadb_record_at(db, i);
		struct trust_entry e;
		long		 ci;

		memset(&e, 0, sizeof(e));

		if ((ci = inventory_find(inv, r->sha256)) < 0) {
			if (nroot > 0 && (is_root_record(r) ||
			    r->root_trust_unstated) &&
			    o->nanchors == 0 && o->absent_kinds != 0)
				absent_root(run, o, r, stores, ss, &absent);
			continue;
		}
		/* A blank root cell without statuses: a root beside others. */
		if (nroot > 0 && (is_root_record(r) ||
		    r->root_trust_unstated)) {
			if (!record_trust(r, stores, o->store_set, &e, ss,
			    unioned))
				continue;
			ss->trust = xreallocarray(ss->trust, ss->ntrust + 1,
			    sizeof(*ss->trust));
			ss->trust[ss->ntrust++] = e;
		} else if (nroot > 0)
			continue;
		/* -a named the anchors: the stores give their trust only. */
		if (o->nanchors > 0 || ss->anchors == NULL ||
		    !hier_is_root(h, inv, (size_t)ci))
			continue;
		if (o->owner != NULL && !ccadb_owner_is(r, o->owner))
			continue;
		if (o->owner != NULL)
			add_anchor(ss, r->sha256, "--owner", o->owner);
		else {
			char	*incl = inclusion_source(r, stores);

			add_anchor(ss, r->sha256, "root store inclusion:",
			    incl != NULL ? setup_keep(ss, incl) : e.source !=
			    NULL ? e.source : "a CCADB record");
		}
	}
	if (absent.n > 0) {
		char	*t = absent_take(&absent);

		diag_warn(run, NULL, 0, "%zu root%s the stores in force include "
		    "%s no certificate among the inputs, so %s not audited "
		    "here (--owner names a CA Owner, all of whose roots must "
		    "then be given): %s", absent.n, absent.n > 1 ? "s" : "",
		    absent.n > 1 ? "have" : "has", absent.n > 1 ? "they are" :
		    "it is", t);
		free(t);
	}
	warn_differs(run, inv, db, stores, ss);
	if (unioned[0] > 0)
		diag_warn(run, NULL, 0,
		    "%zu included roots have no trust bits of "
		    "their own store in the reports loaded; using \"Trust Bits "
		    "for Root Cert\", the union over every store (give "
		    "AllIncludedRootCertsCSV for each store's own)", unioned[0]);
	if (unioned[1] > 0)
		diag_warn(run, NULL, 0,
		    "%zu included roots have trust bits of their own store "
		    "only from rows that give no status for it; adding "
		    "\"Trust Bits for Root Cert\", the union over every store "
		    "(give AllIncludedRootCertsCSV for each store's own)",
		    unioned[1]);
	/* An --owner no record names was said already (load_inventory). */
	if (ss->anchors != NULL && ss->nanchors == 0 && o->nanchors == 0 &&
	    inv->errors == 0 && diag_errors(run) == e0 && (o->owner == NULL ||
	    owner_named(db, o->owner))) {
		diag_error(run, NULL, 0, "no audited root: %s", nroot > 0 ?
		    "no root store in force includes a self-signed certificate "
		    "of the inputs (give the roots' certificates, e.g. the "
		    "AllCertificatePEMsCSVFormat reports, or name them with -a)"
		    : "no CCADB record of the owner's is a self-signed "
		    "certificate of the inputs (give the roots' certificates, "
		    "or name them with -a)");
	}
	find_external(run, o, inv, ss);
	warn_untrusted(run, inv, ss);
	ss->so.rules = (enum scope_rules)o->rules;
	ss->so.period = o->period;
	ss->so.kinds = o->kinds;
	ss->so.anchors = (const unsigned char (*)[32])ss->anchors;
	ss->so.nanchors = ss->nanchors;
	ss->so.trust = ss->trust;
	ss->so.ntrust = ss->ntrust;
	ss->so.ev_oids = o->ev_oids;
	ss->so.nev_oids = o->nev_oids;
	ss->so.external = ss->ext;
	ss->so.nexternal = ss->next;
	ss->said = diag_errors(run) - e0 + (o->owner != NULL &&
	    !owner_named(db, o->owner));
}

void
scope_setup_free(struct scope_setup *ss)
{
	size_t	 i;

	for (i = 0; i < ss->nstrs; i++)
		free(ss->strs[i]);
	free(ss->strs);
	for (i = 0; i < ss->nanchors; i++)
		free(ss->anchor_src[i]);
	free(ss->anchor_src);
	free(ss->anchors);
	free(ss->trust);
	free(ss->ext);
	free(ss->revoked);
	memset(ss, 0, sizeof(*ss));
}

/*
 * Loads the inventory plus anchor files; the revocations (CCADB, then
 * --revoked) into *rev, by index of the sorted and filtered inventory.
 */
struct inventory *
load_scope_inventory(struct run *run, const struct setup_opts *o,
    int argc, char **argv, struct hierarchy *h, struct ccadb_db *db,
    struct revocation **rev)
{
	char		**all = xcalloc((size_t)argc + o->nanchors + 1,
			    sizeof(char *));
	int		 n = 0, i;
	size_t		 k;
	struct inventory *inv;
	unsigned char	 sha[32];

	for (i = 0; i < argc; i++)
		all[n++] = argv[i];
	for (k = 0; k < o->nanchors; k++)
		if (fp_parse(o->anchors[k], sha) != 0 &&
		    anchor_is_file(o->anchors[k]))
			all[n++] = o->anchors[k];
	inv = load_inventory(run, o, n, all, h, db);
	free(all);
	*rev = xcalloc(inv->ncerts + 1, sizeof(**rev));
	ccadb_revocations(db, inv, *rev);
	for (k = 0; k < o->nrevoked; k++)
		(void)revoked_load(run, inv, *rev, o->revoked[k]);
	return inv;
}

/*
 * Once for a run's scopes (check evaluates one per period), from the
 * first that has any: anchors whose EV OIDs no report loaded can say make
 * the EV scope incomplete, an error (exit 3) rather than an all-clear or
 * a false alarm for every such root; a warning for ccadb, which evaluates
 * every kind whether asked or not.
 */
void
scope_say_ev_unknown(struct run *run, struct scope *const *sc, size_t nsc,
    int warns)
{
	size_t		 i, n = 0;

	for (i = 0; i < nsc && n == 0; i++)
		n = scope_ev_unknown(sc[i]);
	if (n == 0)
		return;
	(warns ? diag_warn : diag_error)(run, NULL, 0, "EV scope "
	    "incomplete: EV OIDs unknown for %zu audited root%s (no report "
	    "with \"EV OIDs for Root Cert\" loaded for %s), not counted as "
	    "EV-capable; give the AllCertificateRecords report, or --ev-oid "
	    "FP=OID or FP=none", n, n > 1 ? "s" : "", n > 1 ? "them" : "it");
}

/*
 * Fail closed: a run over no certificate, or whose anchors are none of
 * its certificates, found nothing because it looked at nothing.
 */
void
scope_fail_closed(struct run *run, struct inventory *inv,
    const struct scope *sc, const struct scope_setup *ss)
{
	size_t	 i, n = 0;

	for (i = 0; sc != NULL && i < inv->ncerts; i++)
		n += scope_is_anchor(sc, i) != 0;
	if (inv->ncerts == 0) {
		diag_error(run, NULL, 0,
		    "no certificate among the inputs: nothing "
		    "was checked (give the CA's certificates, e.g. PEM files "
		    "or the CCADB AllCertificatePEMsCSVFormat reports)");
	} else if (sc != NULL && n == 0 && inv->errors == 0 &&
	    (ss == NULL || ss->said == 0)) {
		diag_error(run, NULL, 0, "no audited root among the %zu "
		    "certificates: nothing is in scope (name the roots with "
		    "-a, or give the roots' certificates)", inv->ncerts);
	}
}
