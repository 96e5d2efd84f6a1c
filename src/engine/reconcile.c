/*
 * Reconciliation: what a statement lists against what the certificates
 * say it must list.  For each statement, with its kinds and period:
 *   missing       required for one of its kinds, not listed;
 *   unknown       listed, but no certificate of the inventory has that
 *                 fingerprint (with the nearest one when it looks like a
 *                 typo: one or two digits changed, two swapped);
 *   not required  listed although excluded (information);
 *   SHA-1 only    a certificate listed by its SHA-1 fingerprint alone;
 *   ALV           listed in a form CCADB's ALV will not find.
 * A missing certificate also says which other statements list it: the
 * Certum 2024 miss was a cross-certificate present in the TLS, EV and
 * code-signing statements and absent from the S/MIME one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "statement/statement.h"

static const char *const finding_names[NFINDING] = {
	[F_MISSING] = "missing",
	[F_UNKNOWN] = "unknown",
	[F_NOT_REQUIRED] = "not_required",
	[F_SHA1_ONLY] = "sha1_only",
	[F_ALV] = "alv_warning",
};

const char *
finding_name(enum finding_kind k)
{
	return (unsigned)k < NFINDING ? finding_names[k] : "?";
}

static struct finding *
add_finding(struct stmt_check *c, enum finding_kind k,
    const unsigned char sha[32], long cert)
{
	struct finding	*f;

	/* A statement of a million unknown fingerprints: a million. */
	c->f = xgrow(c->f, c->nf, &c->capf, sizeof(*c->f));
	f = &c->f[c->nf++];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	memcpy(f->sha256, sha, 32);
	f->cert = cert;
	f->nearest = -1;
	return f;
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return memcmp(x->sha256, y->sha256, 32);
}

/*
 * A listed fingerprint that is a typo of a known one: up to two hex
 * digits changed, or two neighbouring digits swapped.  Returns the
 * description, or NULL.
 */
static const char *
typo_of(const unsigned char a[32], const unsigned char b[32])
{
	char	 x[65], y[65];
	int	 diff = 0, first = -1, second = -1, i;

	hex_encode(a, 32, x);
	hex_encode(b, 32, y);
	for (i = 0; i < 64; i++)
		if (x[i] != y[i]) {
			if (diff == 0)
				first = i;
			else if (diff == 1)
				second = i;
			if (++diff > 2)
				return NULL;
		}
	if (diff == 1)
		return "one digit differs";
	if (diff == 2 && second == first + 1 && x[first] == y[second] &&
	    x[second] == y[first])
		return "two neighbouring digits swapped";
	if (diff == 2)
		return "two digits differ";
	return NULL;
}

/*
 * Finding the certificates an unknown fingerprint misses by a typo
 * without comparing it with every one (a statement of 50,000 unknown
 * fingerprints against 100k certificates took 17 minutes so).  A typo is
 * at most two hex digits, so at most two bytes; of three byte ranges of
 * the SHA-256 one at least is then the certificate's own.  Each range's
 * first eight bytes, sorted, find the candidates; typo_of() decides.
 */
#define NEAR_RANGES	3

static const size_t near_at[NEAR_RANGES] = { 0, 11, 22 };

struct near_key {
	uint64_t	 k;
	size_t		 i;
};

struct near_index {
	struct near_key	*keys[NEAR_RANGES];
	size_t		 n;
};

static uint64_t
near_key_of(const unsigned char sha[32], int r)
{
	uint64_t	 k = 0;
	int		 j;

	for (j = 0; j < 8; j++)
		k = k << 8 | sha[near_at[r] + j];
	return k;
}

static int
near_key_cmp(const void *a, const void *b)
{
	const struct near_key *x = a, *y = b;

	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
near_index_init(struct near_index *nx, const struct inventory *inv)
{
	size_t	 i;
	int	 r;

	nx->n = inv->ncerts;
	for (r = 0; r < NEAR_RANGES; r++) {
		nx->keys[r] = xcalloc(nx->n + 1, sizeof(*nx->keys[r]));
		for (i = 0; i < nx->n; i++) {
			nx->keys[r][i].k = near_key_of(inv->certs[i]->sha256,
			    r);
			nx->keys[r][i].i = i;
		}
		if (nx->n > 1)
			qsort(nx->keys[r], nx->n, sizeof(*nx->keys[r]),
			    near_key_cmp);
	}
}

static void
near_index_free(struct near_index *nx)
{
	int	 r;

	for (r = 0; r < NEAR_RANGES; r++)
		free(nx->keys[r]);
}

/* The first certificate, in inventory order, f misses by a typo. */
static void
nearest_known(const struct inventory *inv, const struct near_index *nx,
    struct finding *f)
{
	size_t	 best = SIZE_MAX;
	int	 r;

	for (r = 0; r < NEAR_RANGES; r++) {
		const struct near_key *v = nx->keys[r];
		uint64_t	 k = near_key_of(f->sha256, r);
		size_t		 lo = 0, hi = nx->n;

		while (lo < hi) {	/* the first key not below k */
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid].k < k)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nx->n && v[lo].k == k && v[lo].i < best; lo++)
			if (typo_of(f->sha256, inv->certs[v[lo].i]->sha256) !=
			    NULL)
				best = v[lo].i;
	}
	if (best != SIZE_MAX) {
		f->nearest = (long)best;
		f->typo = typo_of(f->sha256, inv->certs[best]->sha256);
	}
}

static const struct scope *
scope_for(struct check *ck, const struct period *p,
    const struct scope_opts *base)
{
	struct scope_opts so;
	size_t		 i;

	for (i = 0; i < ck->nscopes; i++)
		if (ck->periods[i].start == p->start &&
		    ck->periods[i].end == p->end)
			return ck->scopes[i];
	so = *base;
	so.period = *p;
	/*
	 * The kinds of every statement of this period, and only those: a
	 * kind nobody asks about is six times the evaluation for nothing.
	 */
	so.kinds = 0;
	for (i = 0; i < ck->nsc; i++)
		if (ck->sc[i].period.start == p->start &&
		    ck->sc[i].period.end == p->end)
			so.kinds |= ck->sc[i].kinds != 0 ? ck->sc[i].kinds :
			    (1u << NKINDS) - 1;
	ck->scopes = xreallocarray(ck->scopes, ck->nscopes + 1,
	    sizeof(*ck->scopes));
	ck->periods = xreallocarray(ck->periods, ck->nscopes + 1,
	    sizeof(*ck->periods));
	ck->periods[ck->nscopes] = *p;
	ck->scopes[ck->nscopes] = scope_eval(ck->inv, &so);
	return ck->scopes[ck->nscopes++];
}

/*
 * The first of the statement's kinds for which the certificate is
 * required.  Network Security (and Standard) folded into a TLS, EV,
 * S/MIME or code-signing report covers that report's CAs: "SSL Baseline
 * with Network Security" does not have to list the S/MIME CAs, so the
 * purpose-specific kinds decide when there are any.
 */
static int	required_kind(const struct scope *, size_t, unsigned,
		    enum audit_kind *);

int
stmt_requires(const struct stmt_check *c, size_t ci, enum audit_kind *k)
{
	return required_kind(c->scope, ci, c->kinds, k);
}

static int
required_kind(const struct scope *s, size_t ci, unsigned kinds,
    enum audit_kind *k)
{
	unsigned	 i, specific = KIND_BIT(KIND_TLS) | KIND_BIT(KIND_EV) |
			    KIND_BIT(KIND_SMIME) | KIND_BIT(KIND_CODESIGNING);

	if (kinds & specific)
		kinds &= specific;

	for (i = 0; i < NKINDS; i++)
		if ((kinds & KIND_BIT(i)) &&
		    scope_status(s, ci, (enum audit_kind)i) == ST_REQUIRED) {
			*k = (enum audit_kind)i;
			return 1;
		}
	return 0;
}

void
locs_text(struct buf *b, const struct stmt_loc *locs, size_t n)
{
	char	 form[128];
	size_t	 l;

	for (l = 0; l < n; l++) {
		stmt_form_text(&locs[l], form, sizeof(form));
		if (locs[l].page > 0)
			buf_printf(b, "%spage %u line %ld", l ? "; " : "",
			    locs[l].page, locs[l].line);
		else if (locs[l].row > 0)
			buf_printf(b, "%srow %ld", l ? "; " : "", locs[l].row);
		else
			buf_printf(b, "%sline %ld", l ? "; " : "",
			    locs[l].line);
		if (form[0] != '\0')
			buf_printf(b, ": %s", form);
	}
}

int
recon_row_cmp(const void *a, const void *b)
{
	return memcmp(((const struct recon_row *)a)->sha256,
	    ((const struct recon_row *)b)->sha256, 32);
}

struct recon_row *
reconcile_rows(const struct check *ck, const struct stmt_check *c,
    size_t *n)
{
	const struct inventory	*inv = ck->inv;
	struct recon_row	*r = NULL, *e;
	const struct stmt_fp	*fp;
	enum audit_kind		 k = KIND_STANDARD;
	size_t			 i, cap = 0;
	unsigned		 b;
	int			 req;

	*n = 0;
	for (i = 0; i < inv->ncerts; i++) {
		fp = statement_find(c->st, inv->certs[i]->sha256);
		req = required_kind(c->scope, i, c->kinds, &k);
		if (!req && fp == NULL)
			continue;
		if (!req)	/* as a "listed, not required" finding says */
			for (b = NKINDS; b-- > 0; )
				if (c->kinds & KIND_BIT(b))
					k = (enum audit_kind)b;
		r = xgrow(r, *n, &cap, sizeof(*r));
		e = &r[(*n)++];
		memcpy(e->sha256, inv->certs[i]->sha256, 32);
		e->cert = (long)i;
		e->required = req;
		e->audit = k;
		e->status = scope_status(c->scope, i, k);
		e->fp = fp;
	}
	for (i = 0; i < c->st->nfps; i++) {
		if (inventory_find(inv, c->st->fps[i].sha256) >= 0)
			continue;
		r = xgrow(r, *n, &cap, sizeof(*r));
		e = &r[(*n)++];
		memset(e, 0, sizeof(*e));
		memcpy(e->sha256, c->st->fps[i].sha256, 32);
		e->cert = -1;
		e->fp = &c->st->fps[i];
	}
	if (*n > 1)
		qsort(r, *n, sizeof(*r), recon_row_cmp);
	return r;
}

/*
 * A missing certificate that an unknown fingerprint misses by a typo is
 * most likely listed with it: the missing entry says so, with the first
 * such fingerprint (the findings are in fingerprint order).
 */
static void
typos_to_missing(struct stmt_check *c, size_t ncerts)
{
	size_t	*miss = xreallocarray(NULL, ncerts + 1, sizeof(*miss)), i;

	for (i = 0; i < ncerts; i++)
		miss[i] = SIZE_MAX;
	for (i = 0; i < c->nf; i++)
		if (c->f[i].kind == F_MISSING)
			miss[c->f[i].cert] = i;
	for (i = 0; i < c->nf; i++) {
		const struct finding *u = &c->f[i];
		struct finding	*m;

		if (u->kind != F_UNKNOWN || u->nearest < 0 ||
		    miss[u->nearest] == SIZE_MAX)
			continue;
		m = &c->f[miss[u->nearest]];
		if (m->has_typo_as)
			continue;
		memcpy(m->typo_as, u->sha256, 32);
		m->has_typo_as = 1;
		m->typo = u->typo;
	}
	free(miss);
}

static void
check_statement(struct check *ck, size_t si, const struct scope_opts *base)
{
	const struct inventory	*inv = ck->inv;
	struct stmt_check	*c = &ck->sc[si];
	const struct statement	*st = c->st;
	unsigned char		*listed;
	size_t			 i, j;
	enum audit_kind		 k;
	struct near_index	 nx = { { NULL }, 0 };
	int			 near_made = 0;

	c->scope = scope_for(ck, &c->period, base);
	c->listed = st->nfps;
	/*
	 * Every fingerprint looked up in the inventory.  The certificates
	 * found are the statement's listed ones, so the loop after it needs
	 * no look-up of its own.
	 */
	listed = xcalloc(inv->ncerts + 1, 1);
	for (i = 0; i < st->nfps; i++) {
		const struct stmt_fp *fp = &st->fps[i];
		long		 ci;
		struct finding	*f;

		ci = inventory_find(inv, fp->sha256);
		if (ci >= 0)
			listed[ci] = 1;
		if (ci < 0) {
			f = add_finding(c, F_UNKNOWN, fp->sha256, -1);
			if (!near_made) {
				near_index_init(&nx, inv);
				near_made = 1;
			}
			nearest_known(inv, &nx, f);
		} else if (!required_kind(c->scope, (size_t)ci, c->kinds,
		    &k)) {
			unsigned	 b;

			f = add_finding(c, F_NOT_REQUIRED, fp->sha256, ci);
			for (b = 0; b < NKINDS; b++)
				if (c->kinds & KIND_BIT(b)) {
					f->audit = (enum audit_kind)b;
					f->status = scope_status(c->scope,
					    (size_t)ci, (enum audit_kind)b);
					break;
				}
		}
		if (!fp->alv_findable && statement_is_letter(c->st)) {
			struct buf	 b = { 0 };

			locs_text(&b, fp->locs, fp->nlocs);
			f = add_finding(c, F_ALV, fp->sha256, ci);
			f->detail = buf_take(&b);
			if (ci >= 0 && required_kind(c->scope, (size_t)ci,
			    c->kinds, &k)) {
				f->required = 1;
				f->audit = k;
			}
		}
	}
	/* Every certificate the scope requires and the statement lacks. */
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *cert = inv->certs[i];
		struct finding	*f;

		if (!required_kind(c->scope, i, c->kinds, &k))
			continue;
		c->required++;
		if (listed[i])
			continue;
		f = add_finding(c, F_MISSING, cert->sha256, (long)i);
		f->audit = k;
		for (j = 0; j < ck->nsc; j++)
			if (j != si && ck->sc[j].st != NULL &&
			    statement_find(ck->sc[j].st, cert->sha256) != NULL) {
				f->listed_in = xreallocarray(f->listed_in,
				    f->nlisted_in + 1, sizeof(size_t));
				f->listed_in[f->nlisted_in++] = j;
			}
	}
	free(listed);
	near_index_free(&nx);
	/* A certificate named by SHA-1 only. */
	for (i = 0; i < st->nsha1s; i++)
		for (j = 0; j < inv->ncerts; j++)
			if (memcmp(inv->certs[j]->sha1, st->sha1s[i].sha1, 20)
			    == 0 && statement_find(st, inv->certs[j]->sha256)
			    == NULL)
				(void)add_finding(c, F_SHA1_ONLY,
				    inv->certs[j]->sha256, (long)j);
	typos_to_missing(c, inv->ncerts);
	if (c->nf > 1)
		qsort(c->f, c->nf, sizeof(*c->f), finding_cmp);
}

struct check *
reconcile_run(const struct inventory *inv, struct statement **sts,
    const unsigned *kinds, const struct period *periods, size_t n,
    const struct scope_opts *base)
{
	struct check	*ck = xcalloc(1, sizeof(*ck));
	size_t		 i;

	ck->inv = inv;
	ck->h = base->h;
	ck->db = base->db;
	ck->nsc = n;
	ck->sc = xcalloc(n + 1, sizeof(*ck->sc));
	for (i = 0; i < n; i++) {
		ck->sc[i].st = sts[i];
		ck->sc[i].kinds = kinds[i];
		ck->sc[i].period = periods[i];
	}
	for (i = 0; i < n; i++)
		if (sts[i] != NULL)
			check_statement(ck, i, base);
	return ck;
}

size_t
check_count(const struct check *ck, enum finding_kind k, int only_new)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < ck->nsc; i++)
		for (j = 0; j < ck->sc[i].nf; j++)
			if (ck->sc[i].f[j].kind == k &&
			    (!only_new || !ck->sc[i].f[j].known))
				n++;
	return n;
}

int
finding_counts(const struct finding *f)
{
	return f->kind == F_MISSING || f->kind == F_UNKNOWN ||
	    (f->kind == F_ALV && f->required);
}

size_t
check_findings(const struct check *ck, int only_new)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < ck->nsc; i++)
		for (j = 0; j < ck->sc[i].nf; j++)
			if (finding_counts(&ck->sc[i].f[j]) &&
			    (!only_new || !ck->sc[i].f[j].known))
				n++;
	return n;
}

void
check_free(struct check *ck)
{
	size_t	 i, j;

	if (ck == NULL)
		return;
	for (i = 0; i < ck->nsc; i++) {
		for (j = 0; j < ck->sc[i].nf; j++) {
			free(ck->sc[i].f[j].detail);
			free(ck->sc[i].f[j].listed_in);
		}
		free(ck->sc[i].f);
	}
	free(ck->sc);
	for (i = 0; i < ck->nscopes; i++)
		scope_free(ck->scopes[i]);
	free(ck->scopes);
	free(ck->periods);
	for (i = 0; i < ck->nresolved; i++) {
		free(ck->resolved[i].statement);
		free(ck->resolved[i].category);
		free(ck->resolved[i].sha256);
	}
	free(ck->resolved);
	free(ck->unread);
	free(ck);
}
