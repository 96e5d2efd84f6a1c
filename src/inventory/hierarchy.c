/*
 * The hierarchy: who issued whom.  A name match is only a candidate
 * (CCADB holds hundreds of same-name, different-key pairs); a link is real
 * when the candidate's key verifies the child's signature.  Candidates that
 * share one key are verified once.  Verification is the cost of a cold run,
 * so it is spread over threads, one pair per task.
 *
 * The result can hold cycles (two roots cross-signing each other); every
 * walk over it elsewhere keeps a visited set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "inventory/linkcache.h"
#include "inventory/load.h"

/* One signature to check: child's, with the key of certificate `key`. */
struct pair {
	size_t	 child;
	size_t	 key;		/* representative of the candidates' key */
	int	 ok;
};

/*
 * Verification in two passes over threads: first each key once (decoding
 * an RSA or EC key is dearer than many a signature check), then each
 * pair.
 */
struct verify {
	struct inventory *inv;
	struct pair	*pairs;
	size_t		*keyidx;	/* distinct keys[] of the pairs */
	EVP_PKEY	**keys;		/* by certificate index, or NULL */
};

static void
decode_key(void *arg, size_t i)
{
	struct verify	*v = arg;
	size_t		 k = v->keyidx[i];

	v->keys[k] = cert_pubkey(v->inv->certs[k]);
}

static void
verify_pair(void *arg, size_t i)
{
	struct verify	*v = arg;
	struct pair	*p = &v->pairs[i];

	p->ok = cert_verify_with(v->inv->certs[p->child], v->keys[p->key]);
	progress_add(1);
}

/*
 * The sort key of one certificate, copied out of it so that sorting a
 * million certificates compares neighbours in one array rather than
 * chasing a pointer per comparison (which made the sort and the look-ups
 * after it slower per certificate the larger the inventory).  Sorted, the
 * keys are the inventory in (subject hash, key, index) order: groups and
 * candidate issuers are read from them, the certificate a step away
 * rather than two (index, then inventory slot, each a cache miss).
 */
struct skey {
	unsigned long	 hash;		/* subject hash */
	uint64_t	 kpref;		/* first key bytes, big-endian */
	size_t		 idx;
	struct cert	*c;		/* inv->certs[idx] */
};

static int
by_subject_key(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int		 r;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->kpref != y->kpref)
		return x->kpref < y->kpref ? -1 : 1;
	if ((r = memcmp(x->c->spki_sha256, y->c->spki_sha256, 32)) != 0)
		return r;
	return x->idx < y->idx ? -1 : 1;
}

static int
same_subject(const struct cert *x, const struct cert *y)
{
	return x->subject_hash == y->subject_hash &&
	    memcmp(x->subject_id, y->subject_id, 32) == 0;
}

/*
 * Group certificates by (subject, key), from the sorted keys, which the
 * caller keeps for candidate look-up.  Members come out in inventory
 * order (stable output).  Returns every certificate's group by index,
 * for the caller to free.
 */
static size_t *
build_groups(struct hierarchy *h, struct inventory *inv,
    const struct skey *keys)
{
	size_t	 i, j, k, m, first, *count, *rep = NULL, caprep = 0, *gid;

	/*
	 * First pass: group numbers, kept by certificate in gid[] so that
	 * the passes after it read an array, not a million certificates.
	 * A run ends where the keys' own hash and key prefix change; only
	 * within a run are certificates read, out of memory order.
	 */
	gid = xcalloc(inv->ncerts + 1, sizeof(*gid));
	for (i = 0; i < inv->ncerts; i = j) {
		for (j = i + 1; j < inv->ncerts; j++)
			if (keys[i].hash != keys[j].hash ||
			    keys[i].kpref != keys[j].kpref ||
			    memcmp(keys[i].c->spki_sha256,
			    keys[j].c->spki_sha256, 32) != 0)
				break;
		/*
		 * Hash-equal runs are split further by the exact name, so a
		 * 32-bit name hash collision cannot merge two CAs.  A
		 * certificate is compared with one member of each group of
		 * its run (nearly always one group), not with every
		 * certificate before it: a key re-issued thousands of times
		 * stays linear.
		 */
		first = h->ngroups;
		for (k = i; k < j; k++) {
			struct cert *c = keys[k].c;
			size_t	 gi = (size_t)-1;

			for (m = first; m < h->ngroups && gi == (size_t)-1;
			    m++)
				if (same_subject(c, keys[rep[m - first]].c))
					gi = m;
			if (gi == (size_t)-1) {
				if (h->ngroups - first == caprep) {
					caprep = caprep ? caprep * 2 : 16;
					rep = xreallocarray(rep, caprep,
					    sizeof(*rep));
				}
				rep[h->ngroups - first] = k;
				gi = h->ngroups++;
			}
			gid[keys[k].idx] = gi;
		}
	}
	free(rep);
	/*
	 * Renumber groups in the order of their first member in the
	 * inventory (subject, then fingerprint), so that anything listed
	 * group by group comes out in that order, not in hash order.
	 */
	count = xcalloc(h->ngroups + 1, sizeof(*count));
	for (i = 0; i < h->ngroups; i++)
		count[i] = (size_t)-1;
	for (i = 0, k = 0; i < inv->ncerts; i++) {
		if (count[gid[i]] == (size_t)-1)
			count[gid[i]] = k++;
		gid[i] = count[gid[i]];
		h->node[i].group = gid[i];
	}
	free(count);
	h->groups = xcalloc(h->ngroups + 1, sizeof(*h->groups));
	count = xcalloc(h->ngroups + 1, sizeof(*count));
	for (i = 0; i < inv->ncerts; i++)
		count[gid[i]]++;
	/* One block, as for the links: a million groups, a million calls. */
	h->group_members = xcalloc(inv->ncerts + 1, sizeof(size_t));
	for (i = 0, k = 0; i < h->ngroups; i++) {
		h->groups[i].members = h->group_members + k;
		k += count[i];
	}
	/* Members in inventory order, as the keys have them within a group. */
	for (i = 0; i < inv->ncerts; i++) {
		struct keygroup *g = &h->groups[gid[i]];

		g->members[g->nmembers++] = i;
	}
	free(count);
	return gid;
}

static void
verify_all(struct inventory *inv, struct pair *pairs, size_t npairs,
    int jobs)
{
	struct verify	 v;
	size_t		 i, nkeys = 0;

	if (npairs == 0)
		return;
	memset(&v, 0, sizeof(v));
	v.inv = inv;
	v.pairs = pairs;
	v.keys = xcalloc(inv->ncerts, sizeof(*v.keys));
	v.keyidx = xcalloc(npairs, sizeof(*v.keyidx));
	/* keys[k] doubles as "seen" until decoded: mark with a sentinel. */
	for (i = 0; i < npairs; i++)
		if (v.keys[pairs[i].key] == NULL) {
			v.keys[pairs[i].key] = (EVP_PKEY *)&v;
			v.keyidx[nkeys++] = pairs[i].key;
		}
	for (i = 0; i < nkeys; i++)
		v.keys[v.keyidx[i]] = NULL;
	parallel_for(nkeys, 4, jobs, decode_key, &v);
	progress_phase("verifying issuer links", npairs);
	parallel_for(npairs, 4, jobs, verify_pair, &v);
	for (i = 0; i < nkeys; i++)
		EVP_PKEY_free(v.keys[v.keyidx[i]]);
	free(v.keys);
	free(v.keyidx);
}

/* The cache's answers, looked up over threads: one pair per task. */
struct lookup {
	const struct inventory	*inv;
	const struct linkcache	*lc;
	struct pair		*pairs;
	size_t			 npairs;
	unsigned char		*known;		/* by pair */
};

/*
 * In the pairs' own order.  Looking them up in the children's SHA-256
 * order instead (a counting sort on its leading 16 bits, so that each
 * look-up starts where the last ended) gained 3% of the 1M warm check's
 * wall time (11.82 against 12.18 s, the fastest of 4 interleaved runs
 * each): under issue 18's 5%, so it went.
 */
static void
lookup_pair(void *arg, size_t i)
{
	struct lookup		*l = arg;
	struct pair		*p = &l->pairs[i];
	const struct cert	*c = l->inv->certs[p->child];
	const struct cert	*k = l->inv->certs[p->key];
	int			 ok;

	if (i + 8 < l->npairs) {
		PREFETCH(l->inv->certs[l->pairs[i + 8].child]);
		PREFETCH(l->inv->certs[l->pairs[i + 8].key]->spki_sha256);
	}
	if (linkcache_get(l->lc, c->sha256, k->spki_sha256, &ok)) {
		p->ok = ok;
		l->known[i] = 1;
	}
}

/*
 * Verifies the pairs the cache does not know, then tells the cache.
 * Pairs are verified in a compact list so threads stay busy.  Returns
 * how many were verified.
 */
static size_t
verify_cached(struct inventory *inv, struct pair *pairs, size_t npairs,
    const struct hier_opts *opts)
{
	struct linkcache	*lc = NULL;
	struct lookup		 l;
	struct pair		*todo;
	size_t			*where, ntodo = 0, i;
	struct run		*run = opts != NULL ? opts->run : NULL;
	int			 jobs = run != NULL ? run->jobs : 0;

	if (run != NULL && opts->use_cache)
		lc = linkcache_open(run, run->cache_dir);
	l.inv = inv;
	l.lc = lc;
	l.pairs = pairs;
	l.npairs = npairs;
	l.known = xcalloc(npairs + 1, 1);
	if (lc != NULL && npairs > 0)
		parallel_for(npairs, 4096, jobs, lookup_pair, &l);
	todo = xcalloc(npairs + 1, sizeof(*todo));
	where = xcalloc(npairs + 1, sizeof(*where));
	for (i = 0; i < npairs; i++) {
		if (l.known[i])
			continue;
		where[ntodo] = i;
		todo[ntodo++] = pairs[i];
	}
	free(l.known);
	verify_all(inv, todo, ntodo, jobs);
	for (i = 0; i < ntodo; i++) {
		const struct cert *c = inv->certs[todo[i].child];
		const struct cert *k = inv->certs[todo[i].key];

		pairs[where[i]].ok = todo[i].ok;
		linkcache_put(lc, c->sha256, k->spki_sha256, todo[i].ok);
	}
	(void)linkcache_save(lc);
	linkcache_free(lc);
	free(todo);
	free(where);
	return ntodo;
}

/*
 * Where each subject hash's run begins in the keys: an open-addressed
 * table, so that finding a child's candidate issuers is one look at a
 * slot (fetched ahead) rather than a binary search over the million
 * hashes, a cache miss a step.  The hashes are SHA-256 bytes of names,
 * uniform, and a name repeated a thousand times is one run; probing
 * stops after HASH_PROBES slots all the same and the caller searches.
 */
#define HASH_PROBES	64

struct runs {
	uint32_t	*slot;		/* run start + 1; 0: empty */
	size_t		 mask;
	const struct skey *keys;	/* sorted */
	size_t		 n;
};

static int
runs_init(struct runs *r, const struct skey *keys, size_t n)
{
	size_t	 i, j, nslots = 64, probes;

	r->slot = NULL;
	r->keys = keys;
	r->n = n;
	if (n >= UINT32_MAX)
		return -1;
	while (nslots < 2 * n)
		nslots *= 2;
	r->slot = xcalloc(nslots, sizeof(*r->slot));
	r->mask = nslots - 1;
	for (i = 0; i < n; i++) {
		if (i > 0 && keys[i].hash == keys[i - 1].hash)
			continue;
		j = keys[i].hash & r->mask;
		for (probes = 0; r->slot[j] != 0 && probes < HASH_PROBES;
		    probes++)
			j = (j + 1) & r->mask;
		if (r->slot[j] != 0) {
			free(r->slot);
			r->slot = NULL;
			return -1;
		}
		r->slot[j] = (uint32_t)i + 1;
	}
	return 0;
}

/* The first position of hash h in the keys, or n when there is none. */
static size_t
runs_find(const struct runs *r, unsigned long h)
{
	size_t	 a = 0, b = r->n, j, probes;

	if (r->slot != NULL) {
		j = h & r->mask;
		for (probes = 0; probes < HASH_PROBES && r->slot[j] != 0;
		    probes++) {
			if (r->keys[r->slot[j] - 1].hash == h)
				return r->slot[j] - 1;
			j = (j + 1) & r->mask;
		}
		if (probes < HASH_PROBES)
			return r->n;
	}
	/* lower bound of h */
	while (a < b) {
		size_t mid = (a + b) / 2;

		if (r->keys[mid].hash < h)
			a = mid + 1;
		else
			b = mid;
	}
	return a < r->n && r->keys[a].hash == h ? a : r->n;
}

static int
idx_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Links every certificate to each inventory certificate whose key verifies
 * its signature.  Call after inventory_sort().  Returns 0.
 */
int
hierarchy_build(struct hierarchy *h, struct inventory *inv,
    const struct hier_opts *opts)
{
	size_t		 i, k, lo, hi, npairs = 0, cappairs = 0, nlinks;
	size_t		*gid, *npar, *nchi;
	unsigned char	*own;
	struct skey	*keys;
	struct pair	*pairs = NULL;
	struct runs	 runs;
	size_t		 ahead[4];

	hierarchy_free(h);
	h->node = xcalloc(inv->ncerts + 1, sizeof(*h->node));
	h->nnodes = inv->ncerts;
	keys = xcalloc(inv->ncerts + 1, sizeof(*keys));
	own = xcalloc(inv->ncerts + 1, 1);
	for (i = 0; i < inv->ncerts; i++) {
		struct cert *c = inv->certs[i];

		if (i + 8 < inv->ncerts) {
			PREFETCH(&inv->certs[i + 8]->spki_sha256);
			PREFETCH(&inv->certs[i + 8]->subject_hash);
		}

		keys[i].hash = c->subject_hash;
		/* Big-endian, so that it orders as memcmp() would. */
		for (k = 0; k < 8; k++)
			keys[i].kpref = keys[i].kpref << 8 | c->spki_sha256[k];
		keys[i].idx = i;
		keys[i].c = c;
		/*
		 * A self-issued certificate's own signature is checked below
		 * (own[i]).  An algorithm OpenSSL cannot check (MD2 roots)
		 * counts as self-signed: a root's own signature proves
		 * nothing anyway, and "orphan" would be false.
		 */
		h->node[i].self_signed = c->self_issued && c->sig_unsupported;
		own[i] = c->self_issued && !c->sig_unsupported;
	}
	if (inv->ncerts > 1)
		qsort(keys, inv->ncerts, sizeof(*keys), by_subject_key);
	gid = build_groups(h, inv, keys);

	/*
	 * Candidate pairs: issuer name == subject name, one per key.  What
	 * the children a few on will read is fetched ahead, in stages:
	 * their issuer hash, its slot, the first candidate.  A child's run
	 * is found four children ahead and kept until its turn.
	 */
	(void)runs_init(&runs, keys, inv->ncerts);
	for (i = 0; i < 4 && i < inv->ncerts; i++)
		ahead[i] = runs_find(&runs, inv->certs[i]->issuer_hash);
	for (i = 0; i < inv->ncerts; i++) {
		struct cert	*c = inv->certs[i];
		const unsigned char *lastkey = NULL;

		if (i + 16 < inv->ncerts)
			PREFETCH(&inv->certs[i + 16]->issuer_hash);
		lo = ahead[i % 4];
		if (i + 4 < inv->ncerts) {
			k = runs_find(&runs, inv->certs[i + 4]->issuer_hash);
			if (k < inv->ncerts) {
				PREFETCH(&keys[k].c->subject_id);
				PREFETCH(&gid[keys[k].idx]);
			}
			ahead[i % 4] = k;
		}
		for (hi = lo; hi < inv->ncerts && keys[hi].hash == c->issuer_hash;
		    hi++)
			;
		for (k = lo; k < hi; k++) {
			struct cert *p = keys[k].c;

			/*
			 * Same name and key as the child: itself, or a
			 * re-issued twin.  Those are siblings (one CA key),
			 * shown as such, never as issuer and issued.  The
			 * same key under another name is a real issuer: a CA
			 * renaming itself signs its new name with its old one
			 * (TrustCor RootCert CA-1 in CCADB), and dropping that
			 * link would leave the new name an orphan.
			 */
			if (gid[keys[k].idx] == gid[i])
				continue;
			if (memcmp(c->issuer_id, p->subject_id, 32) != 0)
				continue;
			/* Same key as the previous candidate: same answer. */
			if (lastkey != NULL &&
			    memcmp(lastkey, p->spki_sha256, 32) == 0)
				continue;
			lastkey = p->spki_sha256;
			if (npairs == cappairs) {
				cappairs = cappairs ? cappairs * 2 : 1024;
				pairs = xreallocarray(pairs, cappairs,
				    sizeof(*pairs));
			}
			pairs[npairs].child = i;
			pairs[npairs].key = keys[k].idx;
			pairs[npairs].ok = 0;
			npairs++;
		}
	}
	free(runs.slot);
	free(keys);
	/*
	 * A self-issued certificate's own signature, as a pair of its own
	 * (child == key): verified with the links, spread over the threads
	 * and remembered by the link cache like any other.
	 */
	for (i = 0; i < inv->ncerts; i++) {
		if (!own[i])
			continue;
		if (npairs == cappairs) {
			cappairs = cappairs ? cappairs * 2 : 1024;
			pairs = xreallocarray(pairs, cappairs, sizeof(*pairs));
		}
		pairs[npairs].child = pairs[npairs].key = i;
		pairs[npairs].ok = 0;
		npairs++;
	}
	free(own);
	h->links_checked = verify_cached(inv, pairs, npairs, opts);
	for (i = 0; i < npairs; i++)
		if (pairs[i].child == pairs[i].key)
			h->node[pairs[i].child].self_signed = pairs[i].ok;

	/*
	 * A verified key links the child to every certificate of that key.
	 * Counted first, so each list is allocated once at its size rather
	 * than grown a link at a time.
	 */
	h->links_verified = h->links_rejected = 0;
	/*
	 * Counted into arrays first and laid out in one block, in inventory
	 * order (two million small allocations at a million certificates,
	 * scattered over the heap where the scope's walk then reads them);
	 * the certificates themselves are written once, in order, at the
	 * end: the pairs visit them out of order, a cache miss each.
	 */
	npar = xcalloc(inv->ncerts + 1, sizeof(*npar));
	nchi = xcalloc(inv->ncerts + 1, sizeof(*nchi));
	for (i = 0; i < npairs; i++) {
		struct keygroup	*g = &h->groups[gid[pairs[i].key]];

		if (pairs[i].child == pairs[i].key)
			continue;
		if (!pairs[i].ok) {
			h->links_rejected++;
			continue;
		}
		npar[pairs[i].child] += g->nmembers;
		for (k = 0; k < g->nmembers; k++)
			nchi[g->members[k]]++;
		h->links_verified += g->nmembers;
	}
	h->links = xcalloc(2 * h->links_verified + 1, sizeof(size_t));
	/* npar and nchi become where each list begins, then where it ends. */
	for (i = 0, nlinks = 0; i < inv->ncerts; i++) {
		size_t	 np = npar[i], nc = nchi[i];

		npar[i] = nlinks;
		nchi[i] = nlinks + np;
		nlinks += np + nc;
	}
	for (i = 0; i < npairs; i++) {
		struct keygroup	*g;

		if (!pairs[i].ok || pairs[i].child == pairs[i].key)
			continue;
		g = &h->groups[gid[pairs[i].key]];
		for (k = 0; k < g->nmembers; k++) {
			h->links[npar[pairs[i].child]++] = g->members[k];
			h->links[nchi[g->members[k]]++] = pairs[i].child;
		}
	}
	for (i = 0, nlinks = 0; i < inv->ncerts; i++) {
		struct hnode *c = &h->node[i];

		/* the lists end where the next begins */
		c->nparents = npar[i] - nlinks;
		c->nchildren = nchi[i] - npar[i];
		if (c->nparents > 0)
			c->parents = h->links + nlinks;
		if (c->nchildren > 0)
			c->children = h->links + npar[i];
		nlinks = nchi[i];
		/* qsort(NULL, 0, ...) is undefined: skip empty lists. */
		if (c->nparents > 1)
			qsort(c->parents, c->nparents, sizeof(size_t),
			    idx_cmp);
		if (c->nchildren > 1)
			qsort(c->children, c->nchildren, sizeof(size_t),
			    idx_cmp);
	}
	free(npar);
	free(nchi);
	free(gid);
	free(pairs);
	return 0;
}

/* Indices through map (-1: dropped), those dropped left out. */
static void
remap(size_t *v, size_t *n, const long *map)
{
	size_t	 i, o = 0;

	for (i = 0; i < *n; i++)
		if (map[v[i]] >= 0)
			v[o++] = (size_t)map[v[i]];
	*n = o;
}

size_t
inventory_keep(struct inventory *inv, struct hierarchy *h,
    const unsigned char *keep, void (*dropped)(void *, const struct cert *),
    void *ctx)
{
	unsigned	*before;
	long		*map;
	size_t		 i, k, o, was = inv->ncerts;

	/* What each input gave, for provenance: read, and set aside. */
	/* Each input's certificates, then its duplicates, before. */
	before = xcalloc(2 * inv->ninputs + 1, sizeof(*before));
	for (i = 0; i < inv->ninputs; i++) {
		before[i] = inv->inputs[i].certificates;
		before[inv->ninputs + i] = inv->inputs[i].duplicates;
	}
	map = xcalloc(inv->ncerts + 1, sizeof(long));
	for (i = 0, o = 0; i < inv->ncerts; i++) {
		if (keep[i]) {
			map[i] = (long)o;
			h->node[o] = h->node[i];
			inv->certs[o++] = inv->certs[i];
		} else {
			map[i] = -1;
			if (dropped != NULL)
				dropped(ctx, inv->certs[i]);
			inventory_cert_free(inv->certs[i]);
		}
	}
	inv->ncerts = h->nnodes = o;
	for (i = 0; i < inv->ncerts; i++) {
		struct hnode *n = &h->node[i];

		remap(n->parents, &n->nparents, map);
		remap(n->children, &n->nchildren, map);
	}
	for (i = 0, o = 0; i < h->ngroups; i++) {
		struct keygroup *g = &h->groups[i];

		remap(g->members, &g->nmembers, map);
		if (g->nmembers == 0)
			continue;	/* its block is the hierarchy's */
		for (k = 0; k < g->nmembers; k++)
			h->node[g->members[k]].group = o;
		h->groups[o++] = *g;
	}
	h->ngroups = o;
	/* The index without those dropped; sorting again moves nothing. */
	fpindex_renumber(&inv->index, map, was);
	inventory_sort(inv);
	for (i = 0; i < inv->ninputs; i++) {
		if (before[i] > inv->inputs[i].certificates)
			inv->inputs[i].set_aside += before[i] -
			    inv->inputs[i].certificates;
		if (before[inv->ninputs + i] > inv->inputs[i].duplicates)
			inv->inputs[i].dup_set_aside +=
			    before[inv->ninputs + i] - inv->inputs[i].duplicates;
	}
	free(before);
	free(map);
	return inv->ncerts;
}

void
hierarchy_free(struct hierarchy *h)
{
	if (h == NULL)
		return;
	free(h->node);
	free(h->groups);
	free(h->group_members);
	free(h->links);
	memset(h, 0, sizeof(*h));
}
