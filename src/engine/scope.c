/*
 * The scope engine.  A certificate belongs in a kind of audit when, on
 * some valid path from an audited root, the purposes it may issue for
 * include that kind's, and not every such path is technically
 * constrained (CCADB Policy 5; Mozilla Root Store Policy 5.3.1).
 *
 * Paths are not enumerated (cross-signs make them exponential, and cycles
 * infinite).  Instead each certificate collects the distinct summaries of
 * the paths that reach it: (purposes, EV permitted, constrained purposes,
 * every ancestor valid in the period).  There are at most a few thousand
 * distinct summaries, so propagation from the anchors reaches a fixed point
 * whatever the graph, and "capable on ANY path, constrained only if EVERY
 * capable path is" is read straight off the summaries.  Each summary keeps
 * the parent it came through, to explain itself as a path.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"

#define OID_EV		"2.23.140.1.1"
/* CCADB Policy 5.1: EKU-less cross-certificates before this date. */
#define CROSS_NO_EKU_CUTOFF_Y	2025
#define CROSS_NO_EKU_CUTOFF_M	6
#define CROSS_NO_EKU_CUTOFF_D	15

/*
 * A path's EV state: EV_NONE when its root has no EV policy OID known,
 * EV_LOST when some certificate on it carries neither that OID, the
 * CA/Browser Forum's nor anyPolicy, else the root's OID set (1-based
 * index into the scope's evsets).
 */
#define EV_NONE		0
#define EV_LOST		0xffffu
#define EV_MAXSETS	0xfffeu

/* Certificates a path names (path_text()) or looks through (path_cross()). */
#define PATH_MAX_NAMED	64
_Static_assert(PATH_MAX_NAMED <= 256, "struct pstate's cross_at is a byte");

struct pstate {
	unsigned char	 purp;		/* PURP_* permitted on this path */
	unsigned char	 tc;		/* purposes constrained above/at */
	unsigned short	 ev;		/* EV_NONE, EV_LOST or an OID set */
	unsigned char	 valid;		/* every ancestor valid in period */
	unsigned char	 cross_at;	/* steps up to cross, if >= 0 */
	unsigned	 depth;		/* certificates in named, 0: none */
	long		 from_cert;	/* parent certificate, -1 at anchor */
	long		 from_state;
	/*
	 * The lowest certificate on this path, within PATH_MAX_NAMED of
	 * it, through which the path enters a key that is no anchor
	 * (path_cross()), or -1: worked out as the state is made, from the
	 * issuer's state.
	 */
	long		 cross;
	/*
	 * "A > B" from the anchor down to this certificate, for one that
	 * issues: its children's paths start with it (path_text()).
	 */
	const char	*named;
	/*
	 * The issuer's named, once a path was written through it: the next
	 * kinds read it from here, not from the issuer's state (at a million
	 * certificates, a cache miss a kind).
	 */
	const char	*above;
};

/*
 * Most certificates are reached by one kind of path: that state is kept
 * in place, so that walking the certificates in order reads one array
 * rather than a million small allocations scattered in the order the
 * propagation reached them.
 */
struct cstate {
	struct pstate	 first;
	struct pstate	*more;		/* states 1 .. n-1 */
	size_t		 n;
	int		 anchor;
	int		 outside;	/* key with a self-signed certificate that
					   is no anchor */
	int		 ainfo;		/* anchors: index into sc->ainfo, else -1 */
	int		 ext;		/* below another owner's key: index into
					   sc->ext, else -1 */
};

/* State i of a certificate. */
static inline struct pstate *
state_at(const struct cstate *cs, size_t i)
{
	return i == 0 ? (struct pstate *)&cs->first : &cs->more[i - 1];
}

struct verdict {
	unsigned char	 status;	/* enum scope_status */
	unsigned char	 cross;		/* required by cross_no_eku_rule() */
};

/* What the engine took as an anchor's trust (scope_anchor_trust()). */
struct ainfo {
	unsigned	 purp;
	unsigned short	 ev;		/* EV_NONE or an OID set */
	const char	*source;
	const char	*evtext;	/* the OIDs (its evset's), or NULL */
	int		 ev_unknown;	/* no report says: EV scope incomplete */
	char		*srcbuf;	/* source when made here, owned */
};

/* EV policy OIDs of one root (borrowed). */
struct evset {
	const char	**oids;
	size_t		 n;
	char		*text;		/* ", "-joined */
};

/* A key of another CA Owner that the audited hierarchy cross-certifies. */
struct extinfo {
	const char	*owner;
	const char	*compared;	/* scope_external's */
	size_t		 group;
	long		 cross;		/* its cross-certificate, or -1 */
};

/*
 * Why a verdict is what it is, worked out when asked (scope_reasons())
 * rather than kept: at a million certificates times six kinds the
 * reasons were most of a run's memory and a third of its time, and check
 * needs them only for what a statement misses.  decide() gives the status
 * alone, or with a struct why the reasons too, so the two cannot differ.
 */
struct why {
	struct buf	 text;		/* the reasons, each NUL-terminated */
	size_t		*off;		/* where each begins in text */
	const char	**r;		/* the same, as pointers */
	size_t		 n, cap;
	/*
	 * The paths issuing certificates' children start with (named in
	 * struct pstate), kept until the scope is freed.
	 */
	struct arena	*pool;
	/*
	 * The last path written out, "path A > B > C": every kind of one
	 * certificate usually takes the same path, and naming its
	 * certificates is most of the cost of a reason.
	 */
	struct buf	 path;
	size_t		 path_len;	/* up to " permits" */
	size_t		 path_ci;
	size_t		 path_si;
};

struct scope {
	const struct inventory	*inv;
	const struct hierarchy	*h;	/* o.h */
	struct scope_opts	 o;
	struct cstate		*cs;
	struct verdict		*v;	/* ncerts * NKINDS */
	struct why		*why;	/* scope_reasons()'s, reused */
	struct ainfo		*ainfo;
	size_t			 nainfo;
	struct evset		*evsets;
	size_t			 nevsets;
	struct extinfo		*ext;
	size_t			 next;
	size_t			 capext;
};

static const char *const status_names[NSTATUS] = {
	[ST_REQUIRED] = "required",
	[ST_NOT_CAPABLE] = "not_capable",
	[ST_TECHNICALLY_CONSTRAINED] = "technically_constrained",
	[ST_EXPIRED_BEFORE_PERIOD] = "expired_before_period",
	[ST_REVOKED_BEFORE_PERIOD] = "revoked_before_period",
	[ST_ISSUED_AFTER_PERIOD] = "issued_after_period",
	[ST_NO_VALID_PATH] = "no_valid_path",
	[ST_EXTERNAL_CROSS] = "external_cross_certificate",
	[ST_NOT_CA] = "not_ca",
	[ST_EXTERNAL_HIERARCHY] = "external_hierarchy",
};

const char *
status_name(enum scope_status s)
{
	return (unsigned)s < NSTATUS ? status_names[s] : "?";
}

const char *
rules_name(enum scope_rules r)
{
	return r == RULES_CCADB ? "ccadb" : "mozilla";
}

const char *
scope_tc_rule(enum scope_rules r)
{
	return r == RULES_CCADB ? "mozilla-5.3.1: EKU without "
	    "anyExtendedKeyUsage; serverAuth and clientAuth need dNSName, "
	    "IPv4 and IPv6 permitted or wholly excluded and a permitted "
	    "directoryName; emailProtection needs a permitted rfc822Name; "
	    "serverAuth beside other EKUs is still constrained" :
	    "mozilla-5.3.1: EKU without anyExtendedKeyUsage; serverAuth "
	    "needs dNSName, IPv4 and IPv6 permitted or wholly excluded and a "
	    "permitted directoryName; emailProtection needs a permitted "
	    "rfc822Name; clientAuth is constrained with a constrained "
	    "serverAuth, or without serverAuth beside a constrained "
	    "emailProtection; serverAuth beside other EKUs is still "
	    "constrained";
}

unsigned
kind_purposes(enum audit_kind k, enum scope_rules r)
{
	unsigned tls = PURP_SERVER | (r == RULES_CCADB ? PURP_CLIENT : 0);

	switch (k) {
	case KIND_TLS:
	case KIND_EV:
		return tls;
	case KIND_SMIME:
		return PURP_EMAIL;
	case KIND_CODESIGNING:
		return PURP_CODE | PURP_TIME;
	case KIND_STANDARD:
	case KIND_NETSEC:
	case NKINDS:
		break;
	}
	/*
	 * CCADB Policy 5: every trust purpose, Client Authentication
	 * included, needs the Standard and NetSec audits; only TLS BR and
	 * EVG depend on the rules.
	 */
	return PURP_SERVER | PURP_CLIENT | PURP_EMAIL | PURP_CODE | PURP_TIME;
}

static unsigned
eff_eku(const struct cert *c)
{
	if (!c->eku_present || c->eku_any)
		return PURP_ALL;
	return c->eku_purposes & PURP_ALL;
}

/*
 * The EV state of a path after certificate c: a CA below an EV root
 * carries anyPolicy, the CA/Browser Forum's EV OID or one of the root's
 * own EV OIDs (EV Guidelines 7.1.6.3), or the path is no longer EV.
 */
static unsigned short
ev_after(const struct scope *sc, const struct cert *c, unsigned short ev)
{
	const struct evset *e;
	size_t		 i, k;

	if (ev == EV_NONE || ev == EV_LOST)
		return ev;
	if (c->pol_present && (c->pol_any || c->pol_ev))
		return ev;
	e = &sc->evsets[ev - 1];
	for (i = 0; c->pol_present && i < c->npolicies; i++)
		for (k = 0; k < e->n; k++)
			if (strcmp(c->policies[i], e->oids[k]) == 0)
				return ev;
	return EV_LOST;
}

static void
hex32(const unsigned char sha[32], char out[65])
{
	hex_encode(sha, 32, out);
}

static int
nc_has(const struct cert *c, const char *item)
{
	size_t	 i;

	for (i = 0; i < c->nc.nitems; i++)
		if (strcmp(c->nc.items[i], item) == 0)
			return 1;
	return 0;
}

/*
 * Purposes for which this certificate is technically constrained
 * (Mozilla Root Store Policy 5.3.1, TLS BR 7.1.2.5, S/MIME BR 7.1.5).
 */
static unsigned
tc_mask(const struct cert *c, enum scope_rules r)
{
	unsigned	 m = 0;
	const struct name_constraints *nc = &c->nc;

	if (!c->eku_present || c->eku_any)
		return 0;
	/*
	 * Mozilla 5.3.1 asks name constraints of serverAuth and
	 * emailProtection only: a CA constrained for the one of those it
	 * carries is constrained for clientAuth too (an S/MIME CA with
	 * clientAuth and rfc822Name constraints).  A clientAuth CA with
	 * neither, or without constraints, stays in scope (doubt).  The
	 * CCADB table read literally puts clientAuth with serverAuth.
	 */
	if (r != RULES_CCADB && !(c->eku_purposes & PURP_SERVER) &&
	    (c->eku_purposes & PURP_EMAIL) && nc->present &&
	    nc->permitted[NC_EMAIL] > 0)
		m |= PURP_CLIENT;
	if (nc->present &&
	    (nc->permitted[NC_DNS] > 0 || nc_has(c, "excluded DNS:")) &&
	    (nc->permitted[NC_IP4] > 0 || nc->excluded_all_ip4) &&
	    (nc->permitted[NC_IP6] > 0 || nc->excluded_all_ip6) &&
	    nc->permitted[NC_DIRNAME] > 0)
		m |= PURP_SERVER | PURP_CLIENT;
	if (nc->present && nc->permitted[NC_EMAIL] > 0)
		m |= PURP_EMAIL;
	return m;
}

/* Certificate ci's revocation (CCADB, --revoked), NULL: not revoked. */
static const struct revocation *
revocation(const struct scope *sc, size_t ci)
{
	if (sc->o.revoked == NULL || !sc->o.revoked[ci].revoked)
		return NULL;
	return &sc->o.revoked[ci];
}

/* Revoked on a known date before the period began. */
static int
revoked_before(const struct scope *sc, size_t ci)
{
	const struct revocation *r = revocation(sc, ci);

	return r != NULL && r->at != 0 && r->at < sc->o.period.start;
}

/* Existed during the period and not expired or revoked before it. */
static int
time_ok(const struct scope *sc, size_t ci)
{
	const struct cert *c = sc->inv->certs[ci];

	if (c->not_after < sc->o.period.start)
		return 0;
	if (c->not_before >= period_after(&sc->o.period))
		return 0;
	return !revoked_before(sc, ci);
}

static long
add_state(struct cstate *cs, const struct pstate *p)
{
	size_t	 i;

	for (i = 0; i < cs->n; i++) {
		const struct pstate *s = state_at(cs, i);

		if (s->purp == p->purp && s->ev == p->ev && s->tc == p->tc &&
		    s->valid == p->valid)
			return -1;
	}
	if (cs->n == 0)
		cs->first = *p;
	else {
		cs->more = xreallocarray(cs->more, cs->n, sizeof(*cs->more));
		cs->more[cs->n - 1] = *p;
	}
	return (long)cs->n++;
}

/* Is sha one of the certificates of key group g? */
static int
key_has(const struct hierarchy *h, const struct inventory *inv, size_t g,
    const unsigned char sha[32])
{
	const struct keygroup	*kg = &h->groups[g];
	size_t			 m;

	for (m = 0; m < kg->nmembers; m++)
		if (memcmp(inv->certs[kg->members[m]]->sha256, sha, 32) == 0)
			return 1;
	return 0;
}

static int
group_has(const struct scope *sc, size_t g, const unsigned char sha[32])
{
	return key_has(sc->h, sc->inv, g, sha);
}

/*
 * The trust entries that decide the key of certificate ci, one a call
 * (*i from 0; NULL after the last): --trust's when it names any of the
 * key's certificates, else every store entry of any of them.  A key's
 * trust is their union (anchor_info()): twins included by different
 * stores, or with different bits, are one key, and any path counts;
 * never the first record found.
 */
const struct trust_entry *
key_trust_next(const struct hierarchy *h, const struct inventory *inv,
    size_t ci, const struct trust_entry *t, size_t nt, size_t *i)
{
	size_t	 g = h->node[ci].group, k;
	int	 given = 0;

	for (k = 0; k < nt && !given; k++)
		given = t[k].given && key_has(h, inv, g, t[k].sha256);
	for (; *i < nt; (*i)++)
		if ((t[*i].given != 0) == given &&
		    key_has(h, inv, g, t[*i].sha256))
			return &t[(*i)++];
	return NULL;
}

static void
evset_add(struct evset *e, const char *oid)
{
	size_t	 i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->oids[i], oid) == 0)
			return;
	e->oids = xreallocarray(e->oids, e->n + 1, sizeof(*e->oids));
	e->oids[e->n++] = oid;
}

/*
 * Trust belongs to a root's key: given for one certificate, it holds for
 * its re-issued twins too, or a twin would reopen every purpose.  With
 * no trust data a root may issue for every purpose but EV (no EV OID is
 * known for it): the caller warns.  CCADB records from reports without
 * an EV OID column leave its EV OIDs unknown, which is not "none": such a
 * root is not counted as EV-capable (issue 16: an OID must be known), but
 * a run that evaluates EV over it is incomplete (scope_ev_unknown), so
 * that the doubt is never an all-clear.
 */
static int
anchor_info(struct scope *sc, size_t ci)
{
	struct ainfo		 a;
	struct evset		 e = { NULL, 0, NULL };
	unsigned char		 sha[32];
	const char		*oid;
	struct buf		 b = { 0 };
	const struct trust_entry *x;
	size_t			 i, n = 0, it = 0;
	int			 given = 0, r;

	memset(&a, 0, sizeof(a));
	while ((x = key_trust_next(sc->h, sc->inv, ci, sc->o.trust,
	    sc->o.ntrust, &it)) != NULL) {
		size_t	 k;

		a.purp |= x->purposes;
		a.ev_unknown |= x->ev_unknown;
		for (k = 0; k < x->nev_oids; k++)
			evset_add(&e, x->ev_oids[k]);
		if (n++ > 0)
			buf_addstr(&b, "; ");
		buf_addstr(&b, x->source != NULL ? x->source : "--trust");
	}
	if (n == 0) {
		a.purp = PURP_ALL;
		a.source = "no trust data: every purpose, EV only by --ev-oid";
	} else
		a.source = a.srcbuf = buf_take(&b);
	for (i = 0; i < sc->o.nev_oids; i++) {
		r = ev_oid_split(sc->o.ev_oids[i], sha, &oid);
		if (r < 0 || (r == 1 && !group_has(sc, sc->h->node[ci].group,
		    sha)))
			continue;
		given |= 1;
		if (strcmp(oid, "none") != 0) {
			evset_add(&e, oid);
			given |= 2;
		}
	}
	a.ev_unknown = n > 0 && a.ev_unknown && !given;
	if (n > 0 && (given & 2 || (given && e.n == 0))) {
		buf_printf(&b, "%s; %s", a.source, given & 2 ?
		    "EV OID from --ev-oid" : "no EV OID (--ev-oid none)");
		free(a.srcbuf);
		a.source = a.srcbuf = buf_take(&b);
	}
	if (e.n > 0 && sc->nevsets < EV_MAXSETS) {
		for (i = 0; i < e.n; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", e.oids[i]);
		a.evtext = e.text = buf_take(&b);
		sc->evsets = xreallocarray(sc->evsets, sc->nevsets + 1,
		    sizeof(*sc->evsets));
		sc->evsets[sc->nevsets++] = e;
		a.ev = (unsigned short)sc->nevsets;
	} else {
		free(e.oids);
		a.ev = EV_NONE;
	}
	sc->ainfo = xreallocarray(sc->ainfo, sc->nainfo + 1,
	    sizeof(*sc->ainfo));
	sc->ainfo[sc->nainfo] = a;
	return (int)sc->nainfo++;
}

size_t
scope_ev_unknown(const struct scope *sc)
{
	size_t		 i, n = 0;

	if (!(sc->o.kinds & KIND_BIT(KIND_EV)))
		return 0;
	for (i = 0; i < sc->nainfo; i++)
		n += sc->ainfo[i].ev_unknown != 0;
	return n;
}

/* Work list of (certificate, state) to push down to the children. */
struct item {
	size_t	 cert;
	size_t	 state;
};

static void
push_item(struct item **q, size_t *qn, size_t *qcap, size_t cert, long si)
{
	if (*qn == *qcap) {
		*qcap = *qcap ? *qcap * 2 : 1024;
		*q = xreallocarray(*q, *qcap, sizeof(**q));
	}
	(*q)[*qn].cert = cert;
	(*q)[(*qn)++].state = (size_t)si;
}

/*
 * The state a path in state ps at certificate pi (state psi) brings to
 * certificate ci, whose EKU and constraints are eku and tc: added to ci,
 * its index there, or -1 when ci had it already.
 */
static long
step(struct scope *sc, unsigned eku, unsigned tc, int parent_time_ok,
    unsigned short ev, const struct pstate *ps, size_t pi, size_t psi,
    size_t ci)
{
	struct pstate	 ns;

	memset(&ns, 0, sizeof(ns));
	ns.purp = (unsigned char)(ps->purp & eku);
	ns.ev = ev;
	ns.tc = (unsigned char)(ps->tc | tc);
	ns.valid = (unsigned char)(ps->valid && parent_time_ok);
	ns.from_cert = (long)pi;
	ns.from_state = (long)psi;
	if (!sc->cs[ci].anchor && sc->cs[ci].outside &&
	    !sc->h->node[ci].self_signed) {
		ns.cross = (long)ci;
		ns.cross_at = 0;
	} else if (ps->cross >= 0 && ps->cross_at + 1 < PATH_MAX_NAMED) {
		ns.cross = ps->cross;
		ns.cross_at = (unsigned char)(ps->cross_at + 1);
	} else
		ns.cross = -1;
	return add_state(&sc->cs[ci], &ns);
}

/*
 * From the anchors down, each certificate collects the summaries of the
 * paths that reach it.  A path stops at a leaf and at a key of another
 * CA Owner (external); it goes on through a self-signed key the audited
 * hierarchy cross-certifies (that key's hierarchy is in scope, fail
 * safe), and reaches that key's self-signed twins too: they share the
 * key's path capability, each through its own EKU.
 */
static void
propagate(struct scope *sc)
{
	const struct inventory	*inv = sc->inv;
	struct item		*q = NULL;
	struct facts {
		unsigned char	 eku, tc, time_ok, ca;
	}			*f;
	size_t			 qn = 0, qcap = 0, qi, i, k;

	for (i = 0; i < inv->ncerts; i++) {
		struct pstate	 p;
		const struct ainfo *a;
		long		 si;

		if (!sc->cs[i].anchor)
			continue;
		a = &sc->ainfo[sc->cs[i].ainfo];
		memset(&p, 0, sizeof(p));
		p.purp = (unsigned char)(a->purp & eff_eku(inv->certs[i]));
		p.ev = a->ev;
		p.tc = 0;
		p.valid = 1;
		p.from_cert = -1;
		p.from_state = -1;
		p.cross = -1;	/* an anchor is no cross's key */
		if ((si = add_state(&sc->cs[i], &p)) >= 0)
			push_item(&q, &qn, &qcap, i, si);
	}
	/*
	 * What each certificate adds to a path, worked out once: a path
	 * reaches a certificate once per state of each of its issuers, and
	 * at a million certificates every look at one is a cache miss.
	 */
	f = xcalloc(inv->ncerts + 1, sizeof(*f));
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		if (i + 8 < inv->ncerts) {
			PREFETCH(&inv->certs[i + 8]->not_after);
			PREFETCH(&inv->certs[i + 8]->eku_present);
			PREFETCH(&inv->certs[i + 8]->nc);
		}
		f[i].eku = (unsigned char)eff_eku(c);
		f[i].tc = (unsigned char)tc_mask(c, sc->o.rules);
		f[i].time_ok = (unsigned char)time_ok(sc, i);
		f[i].ca = (unsigned char)(c->ca != 0);
	}
	for (qi = 0; qi < qn; qi++) {
		size_t		 pi = q[qi].cert;
		const struct hnode *p = &sc->h->node[pi];
		struct pstate	 ps = *state_at(&sc->cs[pi], q[qi].state);
		const struct keygroup *g = &sc->h->groups[p->group];
		long		 si;

		/* Leaves issue nothing; another owner's key is theirs. */
		if (!f[pi].ca || (sc->cs[pi].ext >= 0 && !sc->cs[pi].anchor))
			continue;
		for (k = 0; k < p->nchildren; k++) {
			size_t	 ci = p->children[k];

			if ((si = step(sc, f[ci].eku, f[ci].tc, f[pi].time_ok,
			    ev_after(sc, inv->certs[ci], ps.ev), &ps, pi,
			    q[qi].state, ci)) >= 0)
				push_item(&q, &qn, &qcap, ci, si);
		}
		/*
		 * A cross-certificate of a self-signed key that is no
		 * anchor: the key's self-signed twins are in scope through
		 * it (a root certificate carries no policies of its own).
		 */
		if (sc->h->node[pi].self_signed || !sc->cs[pi].outside)
			continue;
		for (k = 0; k < g->nmembers; k++) {
			size_t	 ci = g->members[k];
			const struct cert *t = inv->certs[ci];

			if (!sc->h->node[ci].self_signed || sc->cs[ci].anchor)
				continue;
			if ((si = step(sc, f[ci].eku, f[ci].tc, f[pi].time_ok,
			    t->pol_present ? ev_after(sc, t, ps.ev) : ps.ev,
			    &ps, pi, q[qi].state, ci)) >= 0)
				push_item(&q, &qn, &qcap, ci, si);
		}
	}
	free(q);
	free(f);
}

/*
 * After propagation: another owner's keys that the audited hierarchy
 * does reach (a cross-certificate of them has a path), and everything
 * below them that no audited path reaches, are that owner's hierarchy.
 */
static void
mark_external(struct scope *sc)
{
	const struct inventory	*inv = sc->inv;
	size_t			*stack, sp = 0, e, m, k;
	unsigned char		*anchored;

	if (sc->next == 0)
		return;
	/* An audited key signed by that owner: external_cross_certificate. */
	anchored = xcalloc(sc->h->ngroups + 1, 1);
	for (k = 0; k < inv->ncerts; k++)
		if (sc->cs[k].anchor)
			anchored[sc->h->node[k].group] = 1;
	stack = xcalloc(inv->ncerts + 1, sizeof(*stack));
	for (e = 0; e < sc->next; e++) {
		const struct keygroup *g = &sc->h->groups[sc->ext[e].group];

		for (m = 0; m < g->nmembers; m++)
			if (sc->cs[g->members[m]].n > 0 &&
			    !sc->h->node[g->members[m]].self_signed) {
				sc->ext[e].cross = (long)g->members[m];
				break;
			}
		for (m = 0; m < g->nmembers; m++) {
			size_t ci = g->members[m];

			if (sc->ext[e].cross < 0) {
				/* Not cross-certified: an outside key. */
				sc->cs[ci].ext = -1;
				continue;
			}
			if (sc->cs[ci].n == 0)
				stack[sp++] = ci;
		}
	}
	while (sp > 0) {
		size_t		 pi = stack[--sp];
		const struct hnode *p = &sc->h->node[pi];

		for (k = 0; k < p->nchildren; k++) {
			size_t	 ci = p->children[k];

			if (sc->cs[ci].n > 0 || sc->cs[ci].ext >= 0 ||
			    anchored[sc->h->node[ci].group])
				continue;
			sc->cs[ci].ext = sc->cs[pi].ext;
			stack[sp++] = ci;
		}
	}
	free(stack);
	free(anchored);
}

/* n bytes from the scope's pool, freed with the scope. */
static void *
pool_alloc(struct why *w, size_t n)
{
	return arena_alloc(&w->pool, n);
}

/* A reason is built in place: begun, written into w->text, ended. */
static void
reason_begin(struct why *w)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->off = xreallocarray(w->off, w->cap, sizeof(*w->off));
		w->r = xreallocarray(w->r, w->cap, sizeof(*w->r));
	}
	w->off[w->n++] = w->text.len;
}

static void
reason_end(struct why *w)
{
	buf_add(&w->text, "", 1);
}

/* Nothing when w is NULL: decide() is then after the status alone. */
static void
add_reason(struct why *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_reason(struct why *w, const char *fmt, ...)
{
	va_list		 ap;

	if (w == NULL)
		return;
	reason_begin(w);
	va_start(ap, fmt);
	/* Most reasons are fixed text, or one string. */
	if (strchr(fmt, '%') == NULL)
		buf_addstr(&w->text, fmt);
	else if (strcmp(fmt, "%s") == 0)
		buf_addstr(&w->text, va_arg(ap, const char *));
	else
		buf_vprintf(&w->text, fmt, ap);
	va_end(ap);
	reason_end(w);
}

static void
purposes_text(struct buf *b, unsigned purp)
{
	unsigned	 bit;
	int		 first = 1;

	if ((purp & PURP_ALL) == PURP_ALL) {
		buf_addstr(b, "every purpose");
		return;
	}
	for (bit = 1; bit <= PURP_TIME; bit <<= 1)
		if (purp & bit) {
			if (!first)
				buf_addstr(b, ", ");
			buf_addstr(b, purpose_name(bit));
			first = 0;
		}
	if (first)
		buf_addstr(b, "no purpose");
}

/*
 * "ISRG Root X1 > R10 permits serverAuth" for the path of one state.
 * Borrowed: valid until the next call.
 *
 * Up to PATH_MAX_NAMED certificates are named, the lowest ones when a
 * path is longer.  The path of an issuing certificate is kept (in the
 * pool) once it is known from its anchor down, so that its children's
 * start from it: at a million certificates, walking every path to its
 * anchor was a cache miss per certificate named.
 */

static const char *
path_text(const struct scope *sc, struct why *w, size_t ci, size_t si,
    unsigned kindp)
{
	const struct inventory	*inv = sc->inv;
	size_t			 chain[PATH_MAX_NAMED], state[PATH_MAX_NAMED];
	size_t			 end[PATH_MAX_NAMED], n = 0, c = ci, s = si, i;
	size_t			 start;
	struct buf		*b = &w->path;
	const struct pstate	*top = NULL;
	int			 whole = 0;

	if (b->data != NULL && w->path_ci == ci && w->path_si == si)
		b->len = w->path_len;
	else if ((top = state_at(&sc->cs[ci], si))->above != NULL) {
		b->len = 0;
		buf_addstr(b, "path ");
		buf_addstr(b, top->above);
		buf_addstr(b, " > ");
		cert_label_add(b, inv->certs[ci]);
		w->path_len = b->len;
		w->path_ci = ci;
		w->path_si = si;
	} else {
		top = NULL;
		while (n < PATH_MAX_NAMED) {
			const struct pstate *p = state_at(&sc->cs[c], s);

			/* named above, and still within the limit */
			if (n > 0 && p->named != NULL &&
			    p->depth + n <= PATH_MAX_NAMED) {
				top = p;
				whole = 1;
				break;
			}
			chain[n] = c;
			state[n++] = s;
			if (p->from_cert < 0) {
				whole = 1;
				break;
			}
			c = (size_t)p->from_cert;
			s = (size_t)p->from_state;
		}
		b->len = 0;
		buf_addstr(b, "path ");
		start = b->len;
		if (top != NULL)
			buf_addstr(b, top->named);
		for (i = n; i > 0; i--) {
			if (top != NULL || i != n)
				buf_addstr(b, " > ");
			cert_label_add(b, inv->certs[chain[i - 1]]);
			end[i - 1] = b->len;
		}
		/* Keep what issuing certificates' children will begin with. */
		for (i = n; whole && i > 0; i--) {
			struct pstate	*p = state_at(&sc->cs[chain[i - 1]],
			    state[i - 1]);
			char		*t;

			if (p->named != NULL ||
			    sc->h->node[chain[i - 1]].nchildren == 0)
				continue;
			t = pool_alloc(w, end[i - 1] - start + 1);
			memcpy(t, b->data + start, end[i - 1] - start);
			t[end[i - 1] - start] = '\0';
			p->named = t;
			p->depth = (top != NULL ? top->depth : 0) +
			    (unsigned)(n - i + 1);
		}
		/* Named by its issuer's path and itself: the same next time. */
		if (n == 1 && top != NULL)
			state_at(&sc->cs[ci], si)->above = top->named;
		w->path_len = b->len;
		w->path_ci = ci;
		w->path_si = si;
	}
	buf_addstr(b, " permits ");
	purposes_text(b, state_at(&sc->cs[ci], si)->purp & kindp);
	return b->data;		/* buf keeps it NUL-terminated */
}

static void
eku_reason(struct why *w, const struct cert *c)
{
	size_t		 i;

	if (w == NULL)
		return;
	if (!c->eku_present) {
		add_reason(w, "no EKU: may issue for every purpose its "
		    "issuers allow");
		return;
	}
	if (c->eku_any) {
		add_reason(w, c->bad & CF_BIT(CF_EKU) ? "EKU undecodable: may "
		    "issue for every purpose its issuers allow" : "EKU "
		    "includes anyExtendedKeyUsage: may issue for every purpose "
		    "its issuers allow");
		return;
	}
	reason_begin(w);
	buf_addstr(&w->text, "EKU ");
	for (i = 0; i < c->neku; i++) {
		if (i > 0)
			buf_addstr(&w->text, ", ");
		buf_addstr(&w->text, c->eku_names[i]);
	}
	reason_end(w);
}

static int
is_cross_no_eku(const struct scope *sc, size_t ci)
{
	const struct inventory	*inv = sc->inv;
	const struct cert	*c = inv->certs[ci];
	const struct keygroup	*g;
	size_t			 i;

	if (c->eku_present || sc->h->node[ci].self_signed ||
	    c->not_before >=
	    time_from_civil(CROSS_NO_EKU_CUTOFF_Y, CROSS_NO_EKU_CUTOFF_M,
	    CROSS_NO_EKU_CUTOFF_D, 0, 0, 0))
		return 0;
	g = &sc->h->groups[sc->h->node[ci].group];
	for (i = 0; i < g->nmembers; i++)
		if (sc->h->node[g->members[i]].self_signed)
			return 1;
	return 0;
}

/* "FP (label)" of certificate ci, for a reason. */
static void
cert_ref(const struct scope *sc, struct buf *b, size_t ci)
{
	char	 hex[65];

	hex32(sc->inv->certs[ci]->sha256, hex);
	buf_addstr(b, hex);
	buf_addstr(b, " (");
	cert_label_add(b, sc->inv->certs[ci]);
	buf_addstr(b, ")");
}

/*
 * Is the certificate's key in the audited hierarchy: an anchor, or a twin
 * some path reaches?  Only then is a certificate an outside key signed
 * for it a cross-certificate (external_cross_certificate); a CA below an
 * outside root is simply not reached (no_valid_path).
 */
static int
key_reached(const struct scope *sc, size_t ci)
{
	const struct keygroup	*g = &sc->h->groups[sc->h->node[ci].group];
	size_t			 m;

	for (m = 0; m < g->nmembers; m++)
		if (sc->cs[g->members[m]].anchor ||
		    sc->cs[g->members[m]].n > 0)
			return 1;
	return 0;
}

/* The anchor's trust, said once in its own reasons. */
static void
anchor_reasons(const struct scope *sc, struct why *w, size_t ci,
    enum audit_kind k)
{
	const struct ainfo *a = &sc->ainfo[sc->cs[ci].ainfo];

	reason_begin(w);
	buf_addstr(&w->text, "audited root, trusted for ");
	if ((a->purp & PURP_ALL) == 0)
		buf_addstr(&w->text, "no audit purpose");
	else
		purposes_text(&w->text, a->purp);
	buf_printf(&w->text, " (%s)", a->source);
	reason_end(w);
	if (k != KIND_EV)
		return;
	if (a->ev_unknown)
		add_reason(w, "EV OIDs unknown (no report with \"EV OIDs for "
		    "Root Cert\" loaded): not counted as EV-capable, and the EV "
		    "scope is incomplete (give the AllCertificateRecords report, "
		    "or --ev-oid FP=OID or FP=none)");
	else if (a->ev == EV_NONE)
		add_reason(w, "no EV policy OID is known for this root (CCADB "
		    "\"EV OIDs for Root Cert\" or --ev-oid FP=OID): not "
		    "EV-capable");
	else
		add_reason(w, "EV policy OIDs of this root: %s", a->evtext);
}

/*
 * The cross-certificate through which a path enters a self-signed key
 * that is no anchor (a new root generation, a second root), if any: the
 * lowest on the path, named so that the reader sees why a key no store
 * includes is in scope.  Each state has it from step(): walking up to it
 * here was a cache miss a step at a million certificates.
 */
static long
path_cross(const struct scope *sc, size_t ci, size_t si)
{
	return state_at(&sc->cs[ci], si)->cross;
}

/*
 * Certificates of the same subject and key: a hint for the reader (list
 * them together), never a reason for a status (DOMAIN: each certificate's
 * own EKU, validity, revocation and signer decide).
 */
#define TWINS_NAMED	3
#define TWIN_HINT	"note: same subject and key as "

int
scope_reason_is_twin_hint(const char *reason)
{
	return strncmp(reason, TWIN_HINT, sizeof(TWIN_HINT) - 1) == 0;
}

static void
twin_hint(const struct scope *sc, struct why *w, size_t ci,
    enum audit_kind k)
{
	const struct inventory	*inv = sc->inv;
	const struct keygroup	*g = &sc->h->groups[sc->h->node[ci].group];
	size_t			 m, said = 0;
	char			 hex[65];

	if (w == NULL || g->nmembers < 2)
		return;
	reason_begin(w);
	buf_addstr(&w->text, TWIN_HINT);
	for (m = 0; m < g->nmembers; m++) {
		size_t	 t = g->members[m];

		if (t == ci)
			continue;
		if (said == TWINS_NAMED) {
			buf_printf(&w->text, " and %zu more",
			    g->nmembers - 1 - said);
			break;
		}
		hex32(inv->certs[t]->sha256, hex);
		buf_printf(&w->text, "%s%s (%s)", said > 0 ? ", " : "", hex,
		    status_name((enum scope_status)sc->v[t * NKINDS +
		    k].status));
		said++;
	}
	reason_end(w);
}

/*
 * The first path state of cs that is valid, capable for kind k (purposes
 * kp) and not constrained for all of them; (size_t)-1 when none.  Counts
 * the valid and the capable states.
 */
static size_t
best_state(const struct cstate *cs, enum audit_kind k, unsigned kp,
    size_t *nvalid, size_t *ncap)
{
	size_t	 i, best = (size_t)-1;

	*nvalid = *ncap = 0;
	for (i = 0; i < cs->n; i++) {
		const struct pstate *p = state_at(cs, i);
		int	 cap;

		if (!p->valid)
			continue;
		(*nvalid)++;
		cap = (p->purp & kp) != 0 && (k != KIND_EV ||
		    (p->ev != EV_NONE && p->ev != EV_LOST));
		if (!cap)
			continue;
		(*ncap)++;
		/* Constrained only if every capable purpose is. */
		if ((((p->purp & kp) & ~p->tc) != 0 ||
		    k == KIND_CODESIGNING) && best == (size_t)-1)
			best = i;
	}
	return best;
}

/*
 * The status of one certificate in one kind, and with w, why.  Called
 * once for every verdict by scope_eval() (w NULL), and again by
 * scope_reasons() for the verdict asked about.
 */
static enum scope_status
decide(const struct scope *sc, size_t ci, enum audit_kind k, struct why *w)
{
	const struct inventory	*inv = sc->inv;
	const struct cert	*c = inv->certs[ci];
	const struct hnode	*hn = &sc->h->node[ci];
	const struct cstate	*cs = &sc->cs[ci];
	const struct revocation	*rv;
	unsigned		 kp = kind_purposes(k, sc->o.rules);
	unsigned		 wider = kind_purposes(k, RULES_CCADB);
	size_t			 i, nvalid = 0, ncap = 0, best = (size_t)-1;
	int			 dropped;
	const char		*own;
	char			 d[11];

	if (c->bad != 0 && w != NULL) {
		struct buf	 b = { 0 };

		cert_bad_text(&b, c);
		add_reason(w, "undecodable: %s; read the way that keeps it "
		    "in scope", b.data);
		buf_free(&b);
	}
	if (!c->ca) {
		add_reason(w, "not a CA certificate (basicConstraints cA "
		    "false or absent): issues no certificates");
		return ST_NOT_CA;
	}
	if (c->not_after < sc->o.period.start) {
		if (w != NULL) {
			time_format_date(c->not_after, d);
			add_reason(w, "expired %s, before the period began", d);
		}
		return ST_EXPIRED_BEFORE_PERIOD;
	}
	if (revoked_before(sc, ci)) {
		if (w != NULL) {
			time_format_date(revocation(sc, ci)->at, d);
			add_reason(w, "revoked %s, before the period began", d);
		}
		return ST_REVOKED_BEFORE_PERIOD;
	}
	if (c->not_before >= period_after(&sc->o.period)) {
		if (w != NULL) {
			time_format_date(c->not_before, d);
			add_reason(w, "issued %s, after the period: due on the "
			    "next statement", d);
		}
		return ST_ISSUED_AFTER_PERIOD;
	}
	if (cs->n == 0 && cs->ext >= 0) {
		const struct extinfo *e = &sc->ext[cs->ext];

		if (w != NULL) {
			reason_begin(w);
			buf_printf(&w->text, "in the hierarchy of a key of %s, "
			    "which the audited hierarchy cross-certifies (",
			    e->owner);
			cert_ref(sc, &w->text, (size_t)e->cross);
			buf_printf(&w->text, ", on the audited CA's statements):"
			    " belongs in %s's statements", e->owner);
			if (e->compared != NULL)
				buf_printf(&w->text, " (%s)", e->compared);
			reason_end(w);
		}
		return ST_EXTERNAL_HIERARCHY;
	}
	if (cs->n == 0) {
		int	 outside_parent = 0;

		for (i = 0; i < hn->nparents; i++)
			if (sc->cs[hn->parents[i]].outside ||
			    sc->cs[hn->parents[i]].n == 0)
				outside_parent = 1;
		if (hn->nparents > 0 && outside_parent && !hn->self_signed &&
		    key_reached(sc, ci)) {
			if (w != NULL) {
				char *nm = cert_label(
				    inv->certs[hn->parents[0]]);

				add_reason(w, "signed by %s, a key outside the "
				    "audited hierarchy: belongs in that CA's "
				    "statement", nm);
				free(nm);
			}
			return ST_EXTERNAL_CROSS;
		}
		if (hn->self_signed)
			add_reason(w, "self-signed but not an audited root "
			    "(see --anchor)");
		else if (hn->nparents > 0 && outside_parent && w != NULL) {
			char *nm = cert_label(inv->certs[hn->parents[0]]);

			add_reason(w, "issued by %s, outside the audited "
			    "hierarchy: no chain to an audited root", nm);
			free(nm);
		} else if (w != NULL && (dropped = ccadb_owner_dropped_issuer(
		    sc->o.db, c, &own)) != 0) {
			if (dropped < 0)
				add_reason(w, "issuer perhaps set aside by "
				    "--owner (more certificates of its name were "
				    "set aside than are compared: its CA Owner "
				    "not determined): no chain to an audited "
				    "root");
			else if (own != NULL)
				add_reason(w, "issuer set aside by --owner (its "
				    "CCADB CA Owner is %s): no chain to an "
				    "audited root", own);
			else
				add_reason(w, "issuer set aside by --owner (no "
				    "CCADB record gives its CA Owner): no chain "
				    "to an audited root");
		} else
			add_reason(w, "issuer not in the inventory: no chain "
			    "to an audited root");
		return ST_NO_VALID_PATH;
	}
	best = best_state(cs, k, kp, &nvalid, &ncap);
	if (nvalid == 0) {
		/*
		 * A self-signed key reached only through cross-certificates
		 * not valid in the period (a new root generation whose
		 * cross-signs come later) is still the CA's own root: -a.
		 */
		if (hn->self_signed && !cs->anchor)
			add_reason(w, "self-signed but not an audited root "
			    "(see --anchor)");
		add_reason(w, "every chain to an audited root passes a "
		    "certificate that expired or was revoked before the "
		    "period, or was issued after it");
		return ST_NO_VALID_PATH;
	}
	if (ncap == 0) {
		unsigned	 any = 0;
		int		 evroot = 0;
		struct buf	 b = { 0 };

		if (w == NULL)
			return ST_NOT_CAPABLE;
		if (cs->anchor)
			anchor_reasons(sc, w, ci, k);
		for (i = 0; i < cs->n; i++)
			if (state_at(cs, i)->valid) {
				any |= state_at(cs, i)->purp;
				if ((state_at(cs, i)->purp & kp) &&
				    state_at(cs, i)->ev != EV_NONE)
					evroot = 1;
			}
		purposes_text(&b, any);
		if (k == KIND_EV && (any & kp) && !evroot && !cs->anchor)
			add_reason(w, "may issue for %s, but no EV policy OID "
			    "is known for the roots above it (CCADB \"EV OIDs "
			    "for Root Cert\" or --ev-oid FP=OID): not "
			    "EV-capable", b.data);
		else if (k == KIND_EV && (any & kp) && !cs->anchor)
			add_reason(w, "may issue for %s, but no path carries "
			    "its root's EV policy OID, 2.23.140.1.1 or "
			    "anyPolicy (EV Guidelines 7.1.6.3)", b.data);
		else if (k == KIND_EV && (any & kp))
			;	/* the anchor's reasons said why */
		else if (any == 0)
			add_reason(w, "its paths permit no purpose: the trust "
			    "bits of the roots above it and the EKUs on the "
			    "way allow none");
		else
			add_reason(w, "may issue only for %s on its paths",
			    b.data);
		eku_reason(w, c);
		if (sc->o.rules == RULES_MOZILLA && (any & wider & ~kp) &&
		    k != KIND_EV)
			add_reason(w, "note: the CCADB Policy table read "
			    "literally (--rules ccadb) counts clientAuth and "
			    "would require it");
		twin_hint(sc, w, ci, k);
		buf_free(&b);
		return ST_NOT_CAPABLE;
	}
	if (best == (size_t)-1) {
		add_reason(w, "technically constrained on every capable path "
		    "(Mozilla Root Store Policy 5.3.1): EKU and name "
		    "constraints");
		twin_hint(sc, w, ci, k);
		return ST_TECHNICALLY_CONSTRAINED;
	}
	if (w == NULL)
		return ST_REQUIRED;
	if (cs->anchor)
		anchor_reasons(sc, w, ci, k);
	eku_reason(w, c);
	add_reason(w, "%s", path_text(sc, w, ci, best, kp));
	if (k == KIND_EV && !cs->anchor)
		add_reason(w, "its root's EV policy OID (%s), 2.23.140.1.1 or "
		    "anyPolicy all along the path",
		    sc->evsets[state_at(cs, best)->ev - 1].text);
	{
		const struct pstate *bp = state_at(cs, best);
		long	 x = path_cross(sc, ci, best);

		if (hn->self_signed && !cs->anchor && bp->from_cert >= 0 &&
		    sc->h->node[bp->from_cert].group == hn->group) {
			reason_begin(w);
			buf_addstr(&w->text, "self-signed twin of the "
			    "cross-certificate ");
			cert_ref(sc, &w->text, (size_t)bp->from_cert);
			buf_addstr(&w->text, ": same key, in scope through it");
			reason_end(w);
		} else if (cs->ext >= 0) {
			add_reason(w, "cross-certificate of a key of %s: on "
			    "the statements of the CA that signed it (CCADB "
			    "Policy 5.1); what that key signs is %s's to "
			    "audit", sc->ext[cs->ext].owner,
			    sc->ext[cs->ext].owner);
		} else if (x == (long)ci) {
			add_reason(w, "the audited hierarchy certifies this "
			    "self-signed key, which is no audited root: its "
			    "hierarchy is in scope through this "
			    "cross-certificate, as no CCADB record or "
			    "--external gives it another CA Owner");
		} else if (x >= 0) {
			reason_begin(w);
			buf_addstr(&w->text, "in scope through the "
			    "cross-certificate ");
			cert_ref(sc, &w->text, (size_t)x);
			buf_addstr(&w->text, ": the audited hierarchy "
			    "certifies that self-signed key, and no CCADB "
			    "record or --external gives it another CA Owner");
			reason_end(w);
		}
	}
	if (is_cross_no_eku(sc, ci))
		add_reason(w, "cross-certificate without EKU issued before "
		    "2025-06-15: goes on all of the issuer's statements "
		    "(CCADB Policy 5.1)");
	if ((rv = revocation(sc, ci)) != NULL) {
		if (rv->at != 0) {
			time_format_date(rv->at, d);
			add_reason(w, "revoked %s, during or after the period: "
			    "listed until one statement after revocation", d);
		} else
			add_reason(w, "revoked (date unknown): listed until "
			    "one statement after revocation");
	}
	if (c->not_after < period_after(&sc->o.period)) {
		time_format_date(c->not_after, d);
		add_reason(w, "expires %s, within the period", d);
	}
	twin_hint(sc, w, ci, k);
	return ST_REQUIRED;
}

/*
 * CCADB Policy 5.1: a cross-certificate issued before 2025-06-15 without
 * an EKU goes on all of its issuer's audit statements, whatever its own
 * path permits (EV: a cross-certificate without policies).  Repeated
 * until nothing changes: a cross-certificate can issue another.
 */
static void
cross_no_eku_rule(struct scope *sc, enum audit_kind k)
{
	const struct inventory	*inv = sc->inv;
	size_t			 i, p;
	int			 changed = 1;

	while (changed) {
		changed = 0;
		for (i = 0; i < inv->ncerts; i++) {
			struct verdict	*v = &sc->v[i * NKINDS + k];
			const struct hnode *c = &sc->h->node[i];

			if ((v->status != ST_NOT_CAPABLE &&
			    v->status != ST_TECHNICALLY_CONSTRAINED) ||
			    !is_cross_no_eku(sc, i))
				continue;
			for (p = 0; p < c->nparents; p++)
				if (sc->v[c->parents[p] * NKINDS + k].status ==
				    ST_REQUIRED)
					break;
			if (p == c->nparents)
				continue;
			v->status = ST_REQUIRED;
			v->cross = 1;
			changed = 1;
		}
	}
}

/* Why cross_no_eku_rule() made certificate ci required. */
static void
cross_reasons(const struct scope *sc, struct why *w, size_t ci,
    enum audit_kind k)
{
	const struct hnode	*c = &sc->h->node[ci];
	size_t			 p;

	for (p = 0; p < c->nparents; p++)
		if (sc->v[c->parents[p] * NKINDS + k].status == ST_REQUIRED)
			break;
	if (p == c->nparents)
		abort();	/* cross_no_eku_rule() set none without one */
	reason_begin(w);
	buf_printf(&w->text, "cross-certificate without EKU issued before "
	    "2025-06-15: goes on all of the issuer's statements (CCADB Policy "
	    "5.1), and its issuer ");
	cert_ref(sc, &w->text, c->parents[p]);
	buf_printf(&w->text, " is required for %s", kind_title(k));
	reason_end(w);
	(void)decide(sc, ci, k, w);	/* what its own path says */
}

static int
is_anchor(const struct scope *sc, size_t ci)
{
	const struct cert *c = sc->inv->certs[ci];
	size_t	 i;

	if (sc->o.anchors == NULL)
		return hier_is_root(sc->h, sc->inv, ci);
	for (i = 0; i < sc->o.nanchors; i++)
		if (memcmp(sc->o.anchors[i], c->sha256, 32) == 0)
			return 1;
	return 0;
}

/*
 * The verdicts are worked out certificate after certificate, in inventory
 * order, and callers ask for reasons in that order too (a report lists a
 * kind at a time): the certificate and the states a few steps on are
 * fetched while this one is worked out.  A staged pipeline that also
 * fetched each one's issuer and path gained nothing (1M warm check,
 * fastest of 3 interleaved runs: 13.32 s with it, 12.26 s without; 1M
 * warm scope: 13.38 s with it, 13.29 s without) and went.
 */
static void
prefetch_ahead(const struct scope *sc, size_t ci)
{
	if (ci + 8 < sc->inv->ncerts) {
		PREFETCH(sc->inv->certs[ci + 8]);
		PREFETCH(&sc->cs[ci + 8]);
	}
}

struct scope *
scope_eval(const struct inventory *inv, const struct scope_opts *o)
{
	struct scope	*sc = xcalloc(1, sizeof(*sc));
	size_t		 i, m, x;
	unsigned	 k;
	unsigned char	*ss;		/* 1: self-signed, 2: and a CA */

	sc->inv = inv;
	sc->h = o->h;
	sc->o = *o;
	sc->cs = xcalloc(inv->ncerts + 1, sizeof(*sc->cs));
	sc->v = xcalloc(inv->ncerts * NKINDS + 1, sizeof(*sc->v));
	sc->why = xcalloc(1, sizeof(*sc->why));
	/*
	 * The group passes below read what they need of each certificate
	 * from ss[], not from the certificates: in group order, out of
	 * memory order, a million cache misses.
	 */
	ss = xcalloc(inv->ncerts + 1, 1);
	for (i = 0; i < inv->ncerts; i++) {
		if (i + 8 < inv->ncerts) {
			PREFETCH(&inv->certs[i + 8]->ca);
			if (sc->o.anchors != NULL)
				PREFETCH(inv->certs[i + 8]);
		}
		sc->cs[i].anchor = is_anchor(sc, i);
		ss[i] = (unsigned char)((sc->h->node[i].self_signed ? 1 : 0) |
		    (hier_is_root(sc->h, inv, i) ? 2 : 0));
	}
	/*
	 * An anchor is a key: its re-issued self-signed twins are audited
	 * roots too (a cross-certificate of that key signed elsewhere is not:
	 * it belongs in the signer's statement).
	 */
	for (i = 0; i < sc->h->ngroups; i++) {
		const struct keygroup *g = &sc->h->groups[i];
		int	 anchored = 0;

		for (m = 0; m < g->nmembers; m++)
			anchored |= sc->cs[g->members[m]].anchor;
		for (m = 0; anchored && m < g->nmembers; m++)
			if (ss[g->members[m]] & 2)
				sc->cs[g->members[m]].anchor = 1;
	}
	/*
	 * A key with a self-signed certificate that is no anchor: outside
	 * the audit unless the audited hierarchy certifies it; then its
	 * hierarchy is in scope, unless it is another CA Owner's.
	 */
	for (i = 0; i < sc->h->ngroups; i++) {
		const struct keygroup *g = &sc->h->groups[i];
		int	 outside = 0, anchored = 0, ext = -1;

		for (m = 0; m < g->nmembers; m++) {
			if ((ss[g->members[m]] & 1) &&
			    !sc->cs[g->members[m]].anchor)
				outside = 1;
			if (sc->cs[g->members[m]].anchor)
				anchored = 1;
		}
		for (x = 0; outside && !anchored && ext < 0 &&
		    x < o->nexternal; x++)
			if (group_has(sc, i, o->external[x].sha256)) {
				sc->ext = xgrow(sc->ext, sc->next, &sc->capext,
				    sizeof(*sc->ext));
				sc->ext[sc->next].owner = o->external[x].owner;
				sc->ext[sc->next].compared =
				    o->external[x].compared;
				sc->ext[sc->next].group = i;
				sc->ext[sc->next].cross = -1;
				ext = (int)sc->next++;
			}
		for (m = 0; m < g->nmembers; m++) {
			sc->cs[g->members[m]].outside = outside && !anchored;
			sc->cs[g->members[m]].ext = ext;
		}
	}
	free(ss);
	for (i = 0; i < inv->ncerts; i++)
		sc->cs[i].ainfo = sc->cs[i].anchor ?
		    anchor_info(sc, i) : -1;
	propagate(sc);
	mark_external(sc);
	for (i = 0; i < inv->ncerts; i++) {
		prefetch_ahead(sc, i);
		for (k = 0; k < NKINDS; k++)
			if (o->kinds & KIND_BIT(k))
				sc->v[i * NKINDS + k].status = (unsigned char)
				    decide(sc, i, (enum audit_kind)k, NULL);
	}
	for (k = 0; k < NKINDS; k++)
		if (o->kinds & KIND_BIT(k))
			cross_no_eku_rule(sc, (enum audit_kind)k);
	return sc;
}

void
scope_free(struct scope *sc)
{
	size_t		 i;

	if (sc == NULL)
		return;
	arena_free(sc->why->pool);
	buf_free(&sc->why->path);
	buf_free(&sc->why->text);
	free(sc->why->off);
	free(sc->why->r);
	free(sc->why);
	for (i = 0; i < sc->inv->ncerts; i++)
		free(sc->cs[i].more);
	for (i = 0; i < sc->nevsets; i++) {
		free(sc->evsets[i].oids);
		free(sc->evsets[i].text);
	}
	free(sc->evsets);
	for (i = 0; i < sc->nainfo; i++)
		free(sc->ainfo[i].srcbuf);
	free(sc->ainfo);
	free(sc->ext);
	free(sc->cs);
	free(sc->v);
	free(sc);
}

enum scope_status
scope_status(const struct scope *sc, size_t ci, enum audit_kind k)
{
	/* Not evaluated would read as required (0): never asked. */
	if (!(sc->o.kinds & KIND_BIT(k)))
		abort();
	return (enum scope_status)sc->v[ci * NKINDS + k].status;
}

long
scope_cross_of(const struct scope *sc, size_t ci, enum audit_kind k)
{
	size_t	 nvalid, ncap, best;

	if (scope_status(sc, ci, k) != ST_REQUIRED)
		return -1;
	best = best_state(&sc->cs[ci], k, kind_purposes(k, sc->o.rules),
	    &nvalid, &ncap);
	return best == (size_t)-1 ? -1 : path_cross(sc, ci, best);
}

const char * const *
scope_reasons(const struct scope *sc, size_t ci, enum audit_kind k,
    size_t *n)
{
	struct why		*w = sc->why;
	const struct verdict	*v = &sc->v[ci * NKINDS + k];
	size_t			 i;

	w->n = 0;
	w->text.len = 0;
	prefetch_ahead(sc, ci);
	if (!(sc->o.kinds & KIND_BIT(k)))
		;
	else if (v->cross)
		cross_reasons(sc, w, ci, k);
	else if (decide(sc, ci, k, w) != v->status)
		abort();	/* the same function, the same answer */
	for (i = 0; i < w->n; i++)
		w->r[i] = w->text.data + w->off[i];
	*n = w->n;
	return w->r;
}

int
scope_is_anchor(const struct scope *sc, size_t ci)
{
	return sc->cs[ci].anchor;
}

int
scope_anchor_trust(const struct scope *sc, size_t ci, unsigned *purposes,
    const char **ev, const char **source)
{
	const struct ainfo *a;

	if (!sc->cs[ci].anchor)
		return -1;
	a = &sc->ainfo[sc->cs[ci].ainfo];
	*purposes = a->purp;
	*ev = a->evtext != NULL ? a->evtext : "";
	*source = a->source;
	return 0;
}

int
scope_anchor_ev(const struct scope *sc, size_t ci, const char * const **oids,
    size_t *n)
{
	const struct ainfo *a;

	*oids = NULL;
	*n = 0;
	if (!sc->cs[ci].anchor)
		return -1;
	a = &sc->ainfo[sc->cs[ci].ainfo];
	if (a->ev_unknown)
		return 0;
	if (a->ev != EV_NONE) {
		*oids = sc->evsets[a->ev - 1].oids;
		*n = sc->evsets[a->ev - 1].n;
	}
	return 1;
}

int
ev_oid_split(const char *arg, unsigned char sha[32], const char **oid)
{
	const char	*eq = strchr(arg, '='), *p;
	char		 fp[128];
	int		 rc = 0;

	if (eq != NULL) {
		if ((size_t)(eq - arg) >= sizeof(fp))
			return -1;
		memcpy(fp, arg, (size_t)(eq - arg));
		fp[eq - arg] = '\0';
		if (fp_parse(fp, sha) != 0)
			return -1;
		arg = eq + 1;
		rc = 1;
	}
	if (strcmp(arg, "none") == 0) {
		*oid = arg;
		return rc;
	}
	/* A dotted OID: digits and single dots, at least two arcs. */
	if (!isdigit((unsigned char)*arg) || strchr(arg, '.') == NULL)
		return -1;
	for (p = arg; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p) && !(*p == '.' &&
		    isdigit((unsigned char)p[1])))
			return -1;
	*oid = arg;
	return rc;
}

/* "serverAuth,emailProtection" (also the OIDs, and "all"). */
int
purposes_parse(const char *s, unsigned *out)
{
	static const struct { const char *name; unsigned p; } t[] = {
		{ "serverAuth", PURP_SERVER }, { "clientAuth", PURP_CLIENT },
		{ "emailProtection", PURP_EMAIL }, { "codeSigning", PURP_CODE },
		{ "timeStamping", PURP_TIME }, { "all", PURP_ALL },
		{ "none", 0 },
		{ "1.3.6.1.5.5.7.3.1", PURP_SERVER },
		{ "1.3.6.1.5.5.7.3.2", PURP_CLIENT },
		{ "1.3.6.1.5.5.7.3.4", PURP_EMAIL },
		{ "1.3.6.1.5.5.7.3.3", PURP_CODE },
		{ "1.3.6.1.5.5.7.3.8", PURP_TIME },
	};
	const char	*p = s, *e;
	size_t		 i;

	*out = 0;
	while (*p != '\0') {
		int	 found = 0;

		e = p + strcspn(p, ",;");
		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strlen(t[i].name) == (size_t)(e - p) &&
			    strncmp(p, t[i].name, (size_t)(e - p)) == 0) {
				*out |= t[i].p;
				found = 1;
			}
		if (!found)
			return -1;
		p = *e != '\0' ? e + 1 : e;
	}
	return 0;
}
