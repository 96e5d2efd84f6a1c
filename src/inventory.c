/*
 * The CA certificate inventory: every certificate from every input, once,
 * keyed by the SHA-256 of its DER.  Duplicates across inputs merge and keep
 * every source, because "which file did this come from" is the first
 * question a compliance officer asks about a finding.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "auditscope.h"
#include "ccadb.h"
#include "load.h"

/* Directory nesting we follow before assuming a symlink loop. */
#define MAX_DEPTH	32

struct inventory *
inventory_new(void)
{
	struct inventory *inv = xcalloc(1, sizeof(*inv));

	inv->nslots = 1024;
	inv->slots = xcalloc(inv->nslots, sizeof(size_t));
	return inv;
}

void
inventory_free(struct inventory *inv)
{
	size_t	 i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->ncerts; i++)
		cert_free(inv->certs[i]);
	free(inv->certs);
	for (i = 0; i < inv->ninputs; i++)
		free(inv->inputs[i].path);
	free(inv->inputs);
	for (i = 0; i < inv->ngroups; i++)
		free(inv->groups[i].members);
	free(inv->groups);
	free(inv->slots);
	free(inv->pending);
	ccadb_free(inv->ccadb);
	free(inv);
}

static size_t
slot_of(const unsigned char sha[32], size_t nslots)
{
	size_t	 h;

	memcpy(&h, sha, sizeof(h));
	return h & (nslots - 1);
}

static void
rehash(struct inventory *inv, size_t nslots)
{
	size_t	 i, j;

	free(inv->slots);
	inv->nslots = nslots;
	inv->slots = xcalloc(nslots, sizeof(size_t));
	for (i = 0; i < inv->ncerts; i++) {
		j = slot_of(inv->certs[i]->sha256, nslots);
		while (inv->slots[j] != 0)
			j = (j + 1) & (nslots - 1);
		inv->slots[j] = i + 1;
	}
}

long
inventory_find(const struct inventory *inv, const unsigned char sha[32])
{
	size_t	 j = slot_of(sha, inv->nslots);

	while (inv->slots[j] != 0) {
		size_t	 i = inv->slots[j] - 1;

		if (memcmp(inv->certs[i]->sha256, sha, 32) == 0)
			return (long)i;
		j = (j + 1) & (inv->nslots - 1);
	}
	return -1;
}

/*
 * path is the input's, which the inventory keeps until it is freed: one
 * string per input, not one per certificate (a directory of a million
 * certificates held a million copies of a few file names).
 */
static void
add_source(struct cert *c, const char *path, long line, unsigned index)
{
	c->sources = xreallocarray(c->sources, c->nsources + 1,
	    sizeof(*c->sources));
	c->sources[c->nsources].path = path;
	c->sources[c->nsources].line = line;
	c->sources[c->nsources].index = index;
	c->nsources++;
}

/* A certificate filed by inventory_add_der(), not decoded yet. */
struct pending {
	size_t		 idx;		/* in inv->certs */
	struct input_stat *st;
	long		 line;
	size_t		 given_len;	/* der_len before decoding */
	int		 rc;
	int		 bad_validity;
	char		*err;		/* why it failed */
};

static void
slot_put(struct inventory *inv, size_t i)
{
	size_t	 j = slot_of(inv->certs[i]->sha256, inv->nslots);

	while (inv->slots[j] != 0)
		j = (j + 1) & (inv->nslots - 1);
	inv->slots[j] = i + 1;
}

long
inventory_add_der(struct inventory *inv, struct input_stat *st,
    const unsigned char *der, size_t n, long line)
{
	unsigned char	 sha[32];
	struct cert	*c;
	struct pending	*pd;
	long		 i;
	unsigned	 index = st->certificates + st->duplicates + 1;

	digest_sha256(der, n, sha);
	if ((i = inventory_find(inv, sha)) >= 0) {
		st->duplicates++;
		add_source(inv->certs[i], st->path, line, index);
		return i;
	}
	c = xcalloc(1, sizeof(*c));
	c->der = xmalloc(n);
	memcpy(c->der, der, n);
	c->der_len = n;
	memcpy(c->sha256, sha, 32);
	add_source(c, st->path, line, index);
	if (inv->ncerts == inv->capcerts) {
		inv->capcerts = inv->capcerts ? inv->capcerts * 2 : 256;
		inv->certs = xreallocarray(inv->certs, inv->capcerts,
		    sizeof(*inv->certs));
	}
	inv->certs[inv->ncerts++] = c;
	if (inv->ncerts * 2 > inv->nslots)
		rehash(inv, inv->nslots * 2);
	else
		slot_put(inv, inv->ncerts - 1);
	st->certificates++;
	if (inv->npending == inv->cappending) {
		inv->cappending = inv->cappending ? inv->cappending * 2 : 256;
		inv->pending = xreallocarray(inv->pending, inv->cappending,
		    sizeof(*inv->pending));
	}
	pd = &inv->pending[inv->npending++];
	memset(pd, 0, sizeof(*pd));
	pd->idx = inv->ncerts - 1;
	pd->st = st;
	pd->line = line;
	pd->given_len = n;
	return (long)inv->ncerts - 1;
}

static void
decode_one(void *arg, size_t i)
{
	struct inventory *inv = arg;
	struct pending	*pd = &inv->pending[i];
	char		 err[256];

	pd->rc = cert_decode(inv->certs[pd->idx], &pd->bad_validity, err,
	    sizeof(err));
	if (pd->rc != 0)
		pd->err = xstrdup(err);
}

/* Below this many, threads cost more than they save. */
#define FLUSH_THREADED	64

void
inventory_flush(struct inventory *inv)
{
	size_t		 i, k, o;
	int		 moved = 0;

	if (inv->npending == 0)
		return;
	parallel_for(inv->npending, 8, inv->npending < FLUSH_THREADED ? 1 : 0,
	    decode_one, inv);
	/* Now what cert_from_der() would have said, in order. */
	for (i = 0; i < inv->npending; i++) {
		struct pending	*pd = &inv->pending[i];
		struct input_stat *st = pd->st;
		struct cert	*c = inv->certs[pd->idx];
		long		 other;

		if (pd->rc != 0) {
			/* Every occurrence fails as the first did. */
			for (k = 0; k < c->nsources; k++)
				diag_error(st->path, c->sources[k].line,
				    "cannot decode certificate: %s", pd->err);
			st->errors += (unsigned)c->nsources;
			st->certificates--;
			st->duplicates -= (unsigned)c->nsources - 1;
			free(pd->err);
			cert_free(c);
			inv->certs[pd->idx] = NULL;
			moved = 1;
			continue;
		}
		if (pd->bad_validity)
			for (k = 0; k < c->nsources; k++)
				diag_warn(st->path, c->sources[k].line,
				    "certificate %s has an unreadable "
				    "validity period", c->subject);
		if (c->der_len == pd->given_len)
			continue;
		/*
		 * Trailing bytes were dropped, so the fingerprint changed
		 * (cert_decode() took it over the bytes decoded); the
		 * certificate may already be in the inventory.
		 */
		for (k = 0; k < c->nsources; k++)
			diag_warn(st->path, c->sources[k].line, "trailing "
			    "bytes after the certificate's DER are ignored");
		moved = 1;
		other = -1;
		for (k = 0; k < inv->ncerts && other < 0; k++)
			if (k != pd->idx && inv->certs[k] != NULL &&
			    memcmp(inv->certs[k]->sha256, c->sha256, 32) == 0)
				other = (long)k;
		if (other >= 0) {
			struct cert *oc = inv->certs[other];

			for (k = 0; k < c->nsources; k++) {
				add_source(oc, c->sources[k].path,
				    c->sources[k].line, c->sources[k].index);
				st->duplicates++;
			}
			st->certificates--;
			st->duplicates--;
			cert_free(c);
			inv->certs[pd->idx] = NULL;
		}
	}
	if (moved) {
		for (i = 0, o = 0; i < inv->ncerts; i++)
			if (inv->certs[i] != NULL)
				inv->certs[o++] = inv->certs[i];
		inv->ncerts = o;
		rehash(inv, inv->nslots);
	}
	inv->npending = 0;
}

static struct input_stat *
new_input(struct inventory *inv, const char *path)
{
	struct input_stat *st;

	inv->inputs = xreallocarray(inv->inputs, inv->ninputs + 1,
	    sizeof(*inv->inputs));
	st = &inv->inputs[inv->ninputs++];
	memset(st, 0, sizeof(*st));
	st->path = xstrdup(path);
	st->format = "unknown";
	return st;
}

int
inventory_add_buffer(struct inventory *inv, const char *name,
    const unsigned char *d, size_t n)
{
	struct input_stat *st = new_input(inv, name);
	int		 rc;

	rc = load_buffer(inv, st, name, d, n, 1);
	inventory_flush(inv);
	if (st->errors > 0)
		rc = -1;
	if (rc != 0)
		inv->errors++;
	return rc;
}

static int
add_file(struct inventory *inv, const char *path, int strict)
{
	unsigned char	*d;
	size_t		 n;
	struct input_stat *st;
	int		 rc;

	st = new_input(inv, path);
	if (read_file(path, &d, &n) != 0) {
		st->errors++;
		inv->errors++;
		return -1;
	}
	rc = load_buffer(inv, st, path, d, n, strict);
	inventory_flush(inv);
	free(d);
	if (st->errors > 0)
		rc = -1;
	if (rc != 0)
		inv->errors++;
	return rc;
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Files a user names certificate files; in a directory these must load. */
static int
looks_like_cert_file(const char *name)
{
	static const char *const exts[] = { ".pem", ".crt", ".cer", ".der",
	    ".p7b", ".p7c", ".p7", ".csv" };
	size_t	 i, nl = strlen(name), el;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		el = strlen(exts[i]);
		if (nl > el && strcasecmp(name + nl - el, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int
add_dir(struct inventory *inv, const char *path, int depth,
    unsigned *found)
{
	struct dirent	**ents;
	struct stat	 st;
	int		 n, i, rc = 0;

	if (depth > MAX_DEPTH) {
		diag_error(path, 0, "directories nested deeper than %d "
		    "(symlink loop?)", MAX_DEPTH);
		inv->errors++;
		return -1;
	}
	if ((n = scandir(path, &ents, NULL, name_cmp)) < 0) {
		diag_error(path, 0, "cannot read directory: %s",
		    strerror(errno));
		inv->errors++;
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct buf	 b = { 0 };
		char		*child;

		if (ents[i]->d_name[0] == '.') {
			free(ents[i]);
			continue;
		}
		buf_printf(&b, "%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", ents[i]->d_name);
		child = buf_take(&b);
		if (stat(child, &st) == -1) {
			diag_error(child, 0, "cannot stat: %s",
			    strerror(errno));
			inv->errors++;
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (add_dir(inv, child, depth + 1, found) != 0)
				rc = -1;
		} else {
			size_t before = inv->ncerts;
			unsigned dups = 0, k;

			if (add_file(inv, child, S_ISREG(st.st_mode) ?
			    looks_like_cert_file(ents[i]->d_name) : 1) != 0)
				rc = -1;
			for (k = 0; k < inv->ninputs; k++)
				if (strcmp(inv->inputs[k].path, child) == 0)
					dups = inv->inputs[k].duplicates;
			*found += (unsigned)(inv->ncerts - before) + dups;
		}
		free(child);
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
inventory_add_path(struct inventory *inv, const char *path)
{
	struct stat	 st;
	unsigned	 found = 0;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		int rc = add_dir(inv, path, 0, &found);

		if (found == 0 && rc == 0) {
			diag_error(path, 0, "directory holds no certificates");
			inv->errors++;
			return -1;
		}
		return rc;
	}
	return add_file(inv, path, 1);
}

static int
source_cmp(const void *a, const void *b)
{
	const struct source *x = a, *y = b;
	int		 r = strcmp(x->path, y->path);

	if (r != 0)
		return r;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

static int
cert_cmp(const void *a, const void *b)
{
	const struct cert *x = *(const struct cert *const *)a;
	const struct cert *y = *(const struct cert *const *)b;
	int		 r = strcmp(x->subject, y->subject);

	return r != 0 ? r : memcmp(x->sha256, y->sha256, 32);
}

static int
input_cmp(const void *a, const void *b)
{
	return strcmp(((const struct input_stat *)a)->path,
	    ((const struct input_stat *)b)->path);
}

/*
 * Which input counted a certificate and which a duplicate depended on the
 * order the inputs were read in.  Count again from the sorted sources, as
 * if the inputs had been read in path order: a certificate's first source
 * holds it, every other source is a duplicate.  An input named twice
 * gives several inputs of one path; they take that path's sources of a
 * certificate in turn.  inv->inputs must be sorted by path.
 */
static void
recount_inputs(struct inventory *inv)
{
	size_t	 i, j, lo, hi, mid, run, nth;
	const char *prev;
	int	 first;

	for (i = 0; i < inv->ninputs; i++)
		inv->inputs[i].certificates = inv->inputs[i].duplicates = 0;
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		prev = NULL;
		nth = 0;
		first = 1;
		for (j = 0; j < c->nsources; j++) {
			const char *p = c->sources[j].path;

			for (lo = 0, hi = inv->ninputs; lo < hi; ) {
				mid = lo + (hi - lo) / 2;
				if (strcmp(inv->inputs[mid].path, p) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == inv->ninputs ||
			    strcmp(inv->inputs[lo].path, p) != 0)
				continue;
			nth = prev != NULL && strcmp(prev, p) == 0 ? nth + 1 : 0;
			prev = p;
			for (run = 1; lo + run < inv->ninputs &&
			    strcmp(inv->inputs[lo + run].path, p) == 0; run++)
				;
			lo += nth < run ? nth : run - 1;
			if (first)
				inv->inputs[lo].certificates++;
			else
				inv->inputs[lo].duplicates++;
			first = 0;
		}
	}
}

/*
 * A canonical order, whatever order the inputs came in: certificates by
 * subject then fingerprint, sources by path.  Output is then the same
 * bytes for the same set of inputs.
 */
void
inventory_sort(struct inventory *inv)
{
	size_t	 i;

	for (i = 0; i < inv->ncerts; i++)
		qsort(inv->certs[i]->sources, inv->certs[i]->nsources,
		    sizeof(struct source), source_cmp);
	/* qsort(NULL, 0, ...) is undefined: an inventory may be empty. */
	if (inv->ncerts > 1)
		qsort(inv->certs, inv->ncerts, sizeof(*inv->certs), cert_cmp);
	rehash(inv, inv->nslots);
	/* Inputs in path order too, with counts that do not depend on it. */
	if (inv->ninputs > 1)
		qsort(inv->inputs, inv->ninputs, sizeof(*inv->inputs),
		    input_cmp);
	recount_inputs(inv);
}
