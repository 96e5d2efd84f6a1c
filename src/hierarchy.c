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
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "auditscope.h"
#include "linkcache.h"

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
}

int
cert_is_root(const struct cert *c)
{
	return c->self_signed && c->ca;
}

static struct inventory *sort_inv;	/* qsort has no context argument */

static int
by_subject_key(const void *a, const void *b)
{
	const struct cert *x = sort_inv->certs[*(const size_t *)a];
	const struct cert *y = sort_inv->certs[*(const size_t *)b];
	int		 r;

	if (x->subject_hash != y->subject_hash)
		return x->subject_hash < y->subject_hash ? -1 : 1;
	if ((r = memcmp(x->spki_sha256, y->spki_sha256, 32)) != 0)
		return r;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int
same_subject(const struct cert *x, const struct cert *y)
{
	return x->subject_hash == y->subject_hash &&
	    memcmp(x->subject_id, y->subject_id, 32) == 0;
}

/*
 * Group certificates by (subject, key).  order is the inventory sorted by
 * (subject hash, key), which the caller keeps for candidate look-up.
 */
static void
build_groups(struct inventory *inv, const size_t *order)
{
	size_t	 i, j, k;

	for (i = 0; i < inv->ngroups; i++)
		free(inv->groups[i].members);
	free(inv->groups);
	inv->groups = NULL;
	inv->ngroups = 0;
	for (i = 0; i < inv->ncerts; i = j) {
		struct keygroup	*g;

		for (j = i + 1; j < inv->ncerts; j++) {
			const struct cert *a = inv->certs[order[i]];
			const struct cert *b = inv->certs[order[j]];

			if (a->subject_hash != b->subject_hash ||
			    memcmp(a->spki_sha256, b->spki_sha256, 32) != 0)
				break;
		}
		/*
		 * Hash-equal runs are split further by the exact name, so a
		 * 32-bit name hash collision cannot merge two CAs.
		 */
		for (k = i; k < j; k++) {
			const struct cert *c = inv->certs[order[k]];
			size_t	 m, gi = (size_t)-1;

			for (m = i; m < k; m++)
				if (same_subject(c, inv->certs[order[m]])) {
					gi = inv->certs[order[m]]->group;
					break;
				}
			if (gi == (size_t)-1) {
				inv->groups = xreallocarray(inv->groups,
				    inv->ngroups + 1, sizeof(*inv->groups));
				gi = inv->ngroups++;
				memset(&inv->groups[gi], 0, sizeof(*g));
			}
			g = &inv->groups[gi];
			g->members = xreallocarray(g->members, g->nmembers + 1,
			    sizeof(size_t));
			g->members[g->nmembers++] = order[k];
			inv->certs[order[k]]->group = gi;
		}
	}
	/* Members in inventory order, for stable output. */
	for (i = 0; i < inv->ngroups; i++) {
		struct keygroup *g = &inv->groups[i];

		for (j = 1; j < g->nmembers; j++)
			for (k = j; k > 0 && g->members[k - 1] >
			    g->members[k]; k--) {
				size_t t = g->members[k];

				g->members[k] = g->members[k - 1];
				g->members[k - 1] = t;
			}
	}
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
	parallel_for(npairs, 4, jobs, verify_pair, &v);
	for (i = 0; i < nkeys; i++)
		EVP_PKEY_free(v.keys[v.keyidx[i]]);
	free(v.keys);
	free(v.keyidx);
}

/*
 * Verifies the pairs the cache does not know, then tells the cache.
 * Pairs are verified in a compact list so threads stay busy.
 */
static void
verify_cached(struct inventory *inv, struct pair *pairs, size_t npairs,
    const struct hier_opts *opts)
{
	struct linkcache	*lc = NULL;
	struct pair		*todo;
	size_t			*where, ntodo = 0, i;
	int			 ok;

	if (opts != NULL && opts->use_cache)
		lc = linkcache_open(opts->cache_dir);
	todo = xcalloc(npairs + 1, sizeof(*todo));
	where = xcalloc(npairs + 1, sizeof(*where));
	for (i = 0; i < npairs; i++) {
		const struct cert *c = inv->certs[pairs[i].child];
		const struct cert *k = inv->certs[pairs[i].key];

		if (linkcache_get(lc, c->sha256, k->spki_sha256, &ok)) {
			pairs[i].ok = ok;
			continue;
		}
		where[ntodo] = i;
		todo[ntodo++] = pairs[i];
	}
	verify_all(inv, todo, ntodo, opts != NULL ? opts->jobs : 0);
	for (i = 0; i < ntodo; i++) {
		const struct cert *c = inv->certs[todo[i].child];
		const struct cert *k = inv->certs[todo[i].key];

		pairs[where[i]].ok = todo[i].ok;
		linkcache_put(lc, c->sha256, k->spki_sha256, todo[i].ok);
	}
	inv->links_checked = ntodo;
	(void)linkcache_save(lc);
	linkcache_free(lc);
	free(todo);
	free(where);
}

static void
add_link(struct inventory *inv, size_t child, size_t parent)
{
	struct cert	*c = inv->certs[child], *p = inv->certs[parent];

	c->parents = xreallocarray(c->parents, c->nparents + 1,
	    sizeof(size_t));
	c->parents[c->nparents++] = parent;
	p->children = xreallocarray(p->children, p->nchildren + 1,
	    sizeof(size_t));
	p->children[p->nchildren++] = child;
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
hierarchy_build(struct inventory *inv, const struct hier_opts *opts)
{
	size_t		*order, i, lo, hi, npairs = 0, cappairs = 0;
	struct pair	*pairs = NULL;

	for (i = 0; i < inv->ncerts; i++) {
		struct cert *c = inv->certs[i];

		free(c->parents);
		free(c->children);
		c->parents = c->children = NULL;
		c->nparents = c->nchildren = 0;
	}
	order = xcalloc(inv->ncerts, sizeof(size_t));
	for (i = 0; i < inv->ncerts; i++)
		order[i] = i;
	sort_inv = inv;
	qsort(order, inv->ncerts, sizeof(size_t), by_subject_key);
	sort_inv = NULL;
	build_groups(inv, order);

	/* Candidate pairs: issuer name == subject name, one per key. */
	for (i = 0; i < inv->ncerts; i++) {
		struct cert	*c = inv->certs[i];
		size_t		 a = 0, b = inv->ncerts, k;
		const unsigned char *lastkey = NULL;

		/* lower bound of c->issuer_hash in order[] */
		while (a < b) {
			size_t mid = (a + b) / 2;

			if (inv->certs[order[mid]]->subject_hash <
			    c->issuer_hash)
				a = mid + 1;
			else
				b = mid;
		}
		lo = a;
		for (hi = lo; hi < inv->ncerts &&
		    inv->certs[order[hi]]->subject_hash == c->issuer_hash;
		    hi++)
			;
		for (k = lo; k < hi; k++) {
			struct cert *p = inv->certs[order[k]];

			/*
			 * Same name and key as the child: itself, or a
			 * re-issued twin.  Those are siblings (one CA key),
			 * shown as such, never as issuer and issued.  The
			 * same key under another name is a real issuer: a CA
			 * renaming itself signs its new name with its old one
			 * (TrustCor RootCert CA-1 in CCADB), and dropping that
			 * link would leave the new name an orphan.
			 */
			if (p->group == c->group)
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
			pairs[npairs].key = order[k];
			pairs[npairs].ok = 0;
			npairs++;
		}
	}
	verify_cached(inv, pairs, npairs, opts);

	/* A verified key links the child to every certificate of that key. */
	inv->links_verified = inv->links_rejected = 0;
	for (i = 0; i < npairs; i++) {
		struct cert	*key = inv->certs[pairs[i].key];
		struct keygroup	*g = &inv->groups[key->group];
		size_t		 m;

		if (!pairs[i].ok) {
			inv->links_rejected++;
			continue;
		}
		for (m = 0; m < g->nmembers; m++) {
			add_link(inv, pairs[i].child, g->members[m]);
			inv->links_verified++;
		}
	}
	for (i = 0; i < inv->ncerts; i++) {
		struct cert *c = inv->certs[i];

		/* qsort(NULL, 0, ...) is undefined: skip empty lists. */
		if (c->nparents > 1)
			qsort(c->parents, c->nparents, sizeof(size_t),
			    idx_cmp);
		if (c->nchildren > 1)
			qsort(c->children, c->nchildren, sizeof(size_t),
			    idx_cmp);
	}
	free(pairs);
	free(order);
	return 0;
}
