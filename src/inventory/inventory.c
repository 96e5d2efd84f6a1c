/*
 * The CA certificate inventory: every certificate from every input, once,
 * keyed by the SHA-256 of its DER.  Duplicates across inputs merge and keep
 * every source, because "which file did this come from" is the first
 * question a compliance officer asks about a finding.  Here too the
 * loader's filing of a certificate and its decoder, the threads that
 * decode while the reader goes on.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "inventory/load.h"

static void	 decoder_free(struct decoder *);

struct inventory *
inventory_new(void)
{
	struct inventory *inv = xcalloc(1, sizeof(*inv));

	fpindex_init(&inv->index);
	return inv;
}

struct loader *
loader_new(struct run *run, struct inventory *inv)
{
	struct loader	*ld = xcalloc(1, sizeof(*ld));

	ld->run = run;
	ld->inv = inv;
	ld->max_input = run->max_input;
	ld->jobs = run->jobs;
	return ld;
}

void
loader_add_reader(struct loader *ld, const struct inventory_reader *r)
{
	ld->reader = r;
}

struct inventory *
loader_inventory(const struct loader *ld)
{
	return ld->inv;
}

struct run *
loader_run(const struct loader *ld)
{
	return ld->run;
}

void
loader_free(struct loader *ld)
{
	if (ld == NULL)
		return;
	loader_flush(ld);
	if (ld->inv->errors > 0)
		run_incomplete(ld->run, RUN_INPUTS);
	decoder_free(ld->dec);
	buf_free(&ld->input);
	free(ld);
}

void
inventory_cert_free(struct cert *c)
{
	if (c == NULL)
		return;
	cert_free(c);
	free(c->sources);
	c->sources = NULL;
	c->nsources = 0;
}

void
inventory_free(struct inventory *inv)
{
	size_t	 i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->ncerts; i++)
		inventory_cert_free(inv->certs[i]);
	free(inv->certs);
	for (i = 0; i < inv->ninputs; i++)
		free(inv->inputs[i].path);
	free(inv->inputs);
	for (i = 0; i < inv->nsides; i++)
		free(inv->sides[i].path);
	free(inv->sides);
	fpindex_free(&inv->index);
	arena_free(inv->arena);
	free(inv);
}

/* The index again, after certificates moved or went. */
static void
reindex(struct inventory *inv)
{
	size_t	 i;

	fpindex_clear(&inv->index);
	for (i = 0; i < inv->ncerts; i++) {
		if (i + 8 < inv->ncerts)
			PREFETCH(inv->certs[i + 8]);
		fpindex_put(&inv->index, inv->certs[i]->sha256, i);
	}
}

long
inventory_find(const struct inventory *inv, const unsigned char sha[32])
{
	size_t	 probe = FPINDEX_START, i;

	while ((i = fpindex_next(&inv->index, sha, &probe)) != SIZE_MAX)
		if (memcmp(inv->certs[i]->sha256, sha, 32) == 0)
			return (long)i;
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

/* A certificate filed by loader_add_der(), not decoded yet. */
struct pending {
	size_t		 idx;		/* in inv->certs */
	struct cert	*c;		/* inv->certs moves as it grows */
	struct input_stat *st;
	long		 line;
	size_t		 given_len;	/* der_len before decoding */
	int		 rc;
	int		 bad_validity;
	char		*err;		/* why it failed */
};

/*
 * Decoding ahead.  Pending certificates live in chunks that never move;
 * every DECODE_BATCH of them are published to worker threads, which
 * decode while the reader (CSV, PEM) goes on with the file: on two cores
 * parsing and decoding overlap instead of taking turns.  Workers touch
 * nothing but their certificates' decoded fields; everything that is
 * said about a certificate is said by loader_flush(), in input order.
 * Decoding only at the flush, on base's parallel_for(): CCADB corpus warm
 * scope wall median 0.31 -> 0.37 s, its load alone 0.51 -> 0.67 s (21
 * interleaved runs; the 1M check the same), kept.
 */
#define PCHUNK		1024
#define DECODE_BATCH	32

struct decoder {
	struct pending	**pchunks;
	size_t		 nchunks;
	size_t		 npending;	/* filed, not settled by the flush */
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;
	pthread_cond_t	 idle;
	size_t		 published;	/* pending [0, published) may go */
	size_t		 next;		/* first not yet taken */
	size_t		 done;		/* decoded */
	int		 closing;	/* the loader goes: stop */
	pthread_t	 th[16];
	int		 nth;
};

static struct pending *
pending_at(const struct loader *ld, size_t i)
{
	return &ld->dec->pchunks[i / PCHUNK][i % PCHUNK];
}

static void
decode_pending(struct pending *pd)
{
	char	 err[256];

	pd->rc = cert_decode(pd->c, &pd->bad_validity, err, sizeof(err));
	if (pd->rc != 0)
		pd->err = xstrdup(err);
}

/*
 * Takes published batches: a worker until the loader goes, the reader
 * (drain) until none is left to take.
 */
static void
decoder_run(struct loader *ld, int drain)
{
	struct decoder	*d = ld->dec;
	struct pending	*batch[DECODE_BATCH];
	size_t		 i, n;

	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (d->next >= d->published && !d->closing && !drain)
			pthread_cond_wait(&d->work, &d->mu);
		if (d->next >= d->published)
			break;
		n = d->published - d->next;
		if (n > DECODE_BATCH)
			n = DECODE_BATCH;
		for (i = 0; i < n; i++)
			batch[i] = pending_at(ld, d->next + i);
		d->next += n;
		pthread_mutex_unlock(&d->mu);
		for (i = 0; i < n; i++)
			decode_pending(batch[i]);
		pthread_mutex_lock(&d->mu);
		if ((d->done += n) == d->published)
			pthread_cond_broadcast(&d->idle);
	}
	pthread_mutex_unlock(&d->mu);
}

static void *
decoder_worker(void *arg)
{
	decoder_run(arg, 0);
	return NULL;
}

/* The loader's decoder, made on the first certificate filed. */
static struct decoder *
decoder_get(struct loader *ld)
{
	struct decoder	*d = ld->dec;

	if (d == NULL) {
		d = ld->dec = xcalloc(1, sizeof(*d));
		pthread_mutex_init(&d->mu, NULL);
		pthread_cond_init(&d->work, NULL);
		pthread_cond_init(&d->idle, NULL);
	}
	return d;
}

/* Publishes what is pending; starts the workers on the first batch. */
static void
decoder_publish(struct loader *ld)
{
	struct decoder	*d = decoder_get(ld);
	int		 want;

	pthread_mutex_lock(&d->mu);
	d->published = d->npending;
	/*
	 * One core reads; the others decode (all of them at the flush).
	 * --jobs 1: no worker, the reader decodes everything at the flush.
	 */
	want = parallel_jobs(ld->jobs) - 1;
	if (want > (int)(sizeof(d->th) / sizeof(d->th[0])))
		want = (int)(sizeof(d->th) / sizeof(d->th[0]));
	while (d->nth < want && pthread_create(&d->th[d->nth], NULL,
	    decoder_worker, ld) == 0)
		d->nth++;
	pthread_cond_broadcast(&d->work);
	pthread_mutex_unlock(&d->mu);
}

/* The workers stopped and gone, with the chunks. */
static void
decoder_free(struct decoder *d)
{
	size_t	 k;
	int	 i;

	if (d == NULL)
		return;
	pthread_mutex_lock(&d->mu);
	d->closing = 1;
	pthread_cond_broadcast(&d->work);
	pthread_mutex_unlock(&d->mu);
	for (i = 0; i < d->nth; i++)
		pthread_join(d->th[i], NULL);
	pthread_mutex_destroy(&d->mu);
	pthread_cond_destroy(&d->work);
	pthread_cond_destroy(&d->idle);
	for (k = 0; k < d->nchunks; k++)
		free(d->pchunks[k]);
	free(d->pchunks);
	free(d);
}

/*
 * Every pending certificate decoded, the reader helping; the workers
 * stay for the next input (starting threads for each of 33 CCADB year
 * files cost more than it saved).
 */
static void
decoder_finish(struct loader *ld)
{
	struct decoder	*d;

	decoder_publish(ld);
	d = ld->dec;
	decoder_run(ld, 1);
	pthread_mutex_lock(&d->mu);
	while (d->done < d->published)
		pthread_cond_wait(&d->idle, &d->mu);
	d->published = d->next = d->done = 0;
	pthread_mutex_unlock(&d->mu);
}

long
loader_add_der(struct loader *ld, struct input_stat *st,
    const unsigned char *der, size_t n, long line)
{
	unsigned char	 sha[32];

	digest_sha256(der, n, sha);
	return loader_add_der_hashed(ld, st, der, n, line, sha);
}

long
loader_add_der_hashed(struct loader *ld, struct input_stat *st,
    const unsigned char *der, size_t n, long line,
    const unsigned char sha[32])
{
	struct inventory *inv = ld->inv;
	struct cert	*c;
	struct pending	*pd;
	struct decoder	*d;
	long		 i;
	unsigned	 index = st->certificates + st->duplicates + 1;

	if ((i = inventory_find(inv, sha)) >= 0) {
		st->duplicates++;
		add_source(inv->certs[i], st->path, line, index);
		return i;
	}
	/* Kept until the inventory goes: in its arena (see arena_alloc). */
	c = arena_alloc(&inv->arena, sizeof(*c));
	c->der = arena_alloc(&inv->arena, n);
	memcpy(c->der, der, n);
	c->der_len = n;
	memcpy(c->sha256, sha, 32);
	add_source(c, st->path, line, index);
	if (inv->ncerts == inv->capcerts) {
		inv->capcerts = inv->capcerts ? inv->capcerts * 2 : 256;
		inv->certs = xreallocarray(inv->certs, inv->capcerts,
		    sizeof(*inv->certs));
	}
	fpindex_put(&inv->index, sha, inv->ncerts);
	inv->certs[inv->ncerts++] = c;
	st->certificates++;
	d = decoder_get(ld);
	if (d->npending == d->nchunks * PCHUNK) {
		/* Workers read the chunk table under the decoder's lock. */
		pthread_mutex_lock(&d->mu);
		d->pchunks = xreallocarray(d->pchunks, d->nchunks + 1,
		    sizeof(*d->pchunks));
		d->pchunks[d->nchunks++] = xcalloc(PCHUNK,
		    sizeof(struct pending));
		pthread_mutex_unlock(&d->mu);
	}
	pd = pending_at(ld, d->npending++);
	memset(pd, 0, sizeof(*pd));
	pd->idx = inv->ncerts - 1;
	pd->c = c;
	pd->st = st;
	pd->line = line;
	pd->given_len = n;
	if (d->npending % DECODE_BATCH == 0)
		decoder_publish(ld);
	return (long)inv->ncerts - 1;
}

void
loader_flush(struct loader *ld)
{
	struct inventory *inv = ld->inv;
	size_t		 i, k, o;
	int		 moved = 0, hidden;

	if (ld->dec == NULL || ld->dec->npending == 0)
		return;
	decoder_finish(ld);
	/* Now what each failed decoding said, in the order added. */
	for (i = 0; i < ld->dec->npending; i++) {
		struct pending	*pd = pending_at(ld, i);
		struct input_stat *st = pd->st;
		struct cert	*c = inv->certs[pd->idx];
		long		 other;

		if (pd->rc != 0) {
			/* Every occurrence fails as the first did. */
			for (k = 0; k < c->nsources; k++)
				diag_error(ld->run, st->path,
				    c->sources[k].line,
				    "cannot decode certificate: %s", pd->err);
			st->errors += (unsigned)c->nsources;
			st->certificates--;
			st->duplicates -= (unsigned)c->nsources - 1;
			free(pd->err);
			inventory_cert_free(c);
			inv->certs[pd->idx] = NULL;
			moved = 1;
			continue;
		}
		if (pd->bad_validity)
			for (k = 0; k < c->nsources; k++)
				cert_warn_validity(ld->run, st->path,
				    c->sources[k].line, c);
		if (c->der_len == pd->given_len)
			continue;
		/*
		 * Trailing bytes were dropped, so the fingerprint changes to
		 * that of the bytes decoded; the certificate may already be
		 * in the inventory.  Junk is a warning (OpenSSL's PEM reader
		 * ignores it too); a certificate among it would go unread, so
		 * that is an input error.
		 */
		digest_sha256(c->der, c->der_len, c->sha256);
		hidden = cert_among(c->der + c->der_len,
		    pd->given_len - c->der_len);
		for (k = 0; k < c->nsources; k++)
			if (hidden) {
				diag_error(ld->run, st->path,
				    c->sources[k].line, "another certificate "
				    "follows the certificate in one PEM block "
				    "and is not read: give each certificate a "
				    "block of its own");
				st->errors++;
			} else
				diag_warn(ld->run, st->path,
				    c->sources[k].line, "trailing bytes after "
				    "the certificate's DER are ignored");
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
			inventory_cert_free(c);
			inv->certs[pd->idx] = NULL;
		}
	}
	if (moved) {
		for (i = 0, o = 0; i < inv->ncerts; i++)
			if (inv->certs[i] != NULL)
				inv->certs[o++] = inv->certs[i];
		inv->ncerts = o;
		reindex(inv);
	}
	ld->dec->npending = 0;
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

/*
 * The sort key of a certificate: its subject and fingerprint read out of
 * it once, so that a comparison (twenty a certificate at a million) reads
 * two subjects rather than two certificates and then their subjects.
 */
struct ckey {
	const char	*subject;
	unsigned char	 fp[8];		/* the fingerprint's first bytes */
	struct cert	*c;
	long		 from;		/* its index before the sort */
};

static int
ckey_cmp(const void *a, const void *b)
{
	const struct ckey *x = a, *y = b;
	int		 r = strcmp(x->subject, y->subject);

	if (r == 0 && (r = memcmp(x->fp, y->fp, sizeof(x->fp))) == 0)
		r = memcmp(x->c->sha256, y->c->sha256, 32);
	return r;
}

static int
input_cmp(const void *a, const void *b)
{
	return strcmp(((const struct input_stat *)a)->path,
	    ((const struct input_stat *)b)->path);
}

/*
 * An input's path string, by address: where the inputs of that path
 * begin in path order and how many there are.  Sources borrow the input's
 * string, so a source is placed by comparing addresses; comparing the
 * strings (long shared prefixes: one directory of a hundred files) was a
 * tenth of the sort at a million certificates.
 */
struct pathrun {
	const char	*path;
	size_t		 lo, run;
};

static int
pathrun_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct pathrun *)a)->path;
	uintptr_t y = (uintptr_t)((const struct pathrun *)b)->path;

	return x < y ? -1 : x > y;
}

/* Places path p among the sorted inputs; 0 if no input has that path. */
static int
input_run(const struct inventory *inv, const struct pathrun *pr,
    const char *p, size_t *lo, size_t *run)
{
	size_t	 a = 0, b = inv->ninputs, mid;

	while (a < b) {
		mid = a + (b - a) / 2;
		if ((uintptr_t)pr[mid].path < (uintptr_t)p)
			a = mid + 1;
		else
			b = mid;
	}
	if (a < inv->ninputs && pr[a].path == p) {
		*lo = pr[a].lo;
		*run = pr[a].run;
		return 1;
	}
	/* Not an input's own string: by the string. */
	for (a = 0, b = inv->ninputs; a < b; ) {
		mid = a + (b - a) / 2;
		if (strcmp(inv->inputs[mid].path, p) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	if (a == inv->ninputs || strcmp(inv->inputs[a].path, p) != 0)
		return 0;
	for (*lo = a, *run = 1; a + *run < inv->ninputs &&
	    strcmp(inv->inputs[a + *run].path, p) == 0; (*run)++)
		;
	return 1;
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
	struct pathrun	*pr;
	size_t		 i, j, lo, run, nth, prev;
	int		 first;

	pr = xcalloc(inv->ninputs + 1, sizeof(*pr));
	for (i = 0; i < inv->ninputs; i = j) {
		for (j = i + 1; j < inv->ninputs &&
		    strcmp(inv->inputs[i].path, inv->inputs[j].path) == 0; j++)
			;
		for (lo = i; lo < j; lo++) {
			pr[lo].path = inv->inputs[lo].path;
			pr[lo].lo = i;
			pr[lo].run = j - i;
		}
	}
	if (inv->ninputs > 1)
		qsort(pr, inv->ninputs, sizeof(*pr), pathrun_cmp);
	for (i = 0; i < inv->ninputs; i++)
		inv->inputs[i].certificates = inv->inputs[i].duplicates = 0;
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		prev = SIZE_MAX;
		nth = 0;
		first = 1;
		for (j = 0; j < c->nsources; j++) {
			if (!input_run(inv, pr, c->sources[j].path, &lo, &run))
				continue;
			/* Sources are in path order: one path's are adjacent. */
			nth = prev == lo ? nth + 1 : 0;
			prev = lo;
			lo += nth < run ? nth : run - 1;
			if (first)
				inv->inputs[lo].certificates++;
			else
				inv->inputs[lo].duplicates++;
			if (c->not_before > inv->inputs[lo].newest)
				inv->inputs[lo].newest = c->not_before;
			first = 0;
		}
	}
	free(pr);
}

/*
 * A canonical order, whatever order the inputs came in: certificates by
 * subject then fingerprint, sources by path.  Output is then the same
 * bytes for the same set of inputs.
 */
void
inventory_sort(struct inventory *inv)
{
	struct ckey	*keys;
	long		*to;
	size_t		 i;

	/* Inputs in path order too, with counts that do not depend on it. */
	if (inv->ninputs > 1)
		qsort(inv->inputs, inv->ninputs, sizeof(*inv->inputs),
		    input_cmp);
	/*
	 * Sources and counts first, while the certificates are still in
	 * the order they were read, which is the order of their memory.
	 */
	keys = xcalloc(inv->ncerts + 1, sizeof(*keys));
	for (i = 0; i < inv->ncerts; i++) {
		struct cert *c = inv->certs[i];

		if (i + 4 < inv->ncerts)
			PREFETCH(inv->certs[i + 4]->sources);
		qsort(c->sources, c->nsources, sizeof(struct source),
		    source_cmp);
		keys[i].subject = c->subject;
		memcpy(keys[i].fp, c->sha256, sizeof(keys[i].fp));
		keys[i].c = c;
		keys[i].from = (long)i;
	}
	recount_inputs(inv);
	/* qsort(NULL, 0, ...) is undefined: an inventory may be empty. */
	if (inv->ncerts > 1)
		qsort(keys, inv->ncerts, sizeof(*keys), ckey_cmp);
	/*
	 * The index follows through the old positions' new ones: inserting
	 * every fingerprint again read a million certificates out of memory
	 * order.
	 */
	to = xcalloc(inv->ncerts + 1, sizeof(*to));
	for (i = 0; i < inv->ncerts; i++) {
		inv->certs[i] = keys[i].c;
		to[keys[i].from] = (long)i;
	}
	free(keys);
	fpindex_renumber(&inv->index, to, inv->ncerts);
	free(to);
}
