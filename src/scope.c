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

#include "auditscope.h"
#include "scope.h"

#define OID_EV		"2.23.140.1.1"
/* CCADB Policy 5.1: EKU-less cross-certificates before this date. */
#define CROSS_NO_EKU_CUTOFF_Y	2025
#define CROSS_NO_EKU_CUTOFF_M	6
#define CROSS_NO_EKU_CUTOFF_D	15

struct pstate {
	unsigned char	 purp;		/* PURP_* permitted on this path */
	unsigned char	 ev;		/* EV policy permitted all along */
	unsigned char	 tc;		/* purposes constrained above/at */
	unsigned char	 valid;		/* every ancestor valid in period */
	unsigned	 depth;		/* certificates in named, 0: none */
	long		 from_cert;	/* parent certificate, -1 at anchor */
	long		 from_state;
	/*
	 * "A > B" from the anchor down to this certificate, for one that
	 * issues: its children's paths start with it (path_text()).
	 */
	const char	*named;
};

struct cstate {
	struct pstate	*s;
	size_t		 n;
	int		 anchor;
	int		 outside;	/* key of a CA outside the audit */
	int		 expanded;
};

struct verdict {
	enum scope_status status;
	const char	**reasons;	/* in the scope's pool, or literals */
	size_t		 nreasons;
};

/*
 * Reasons live as long as the scope and are never freed one by one, so
 * they come from an arena freed at once: a million certificates times
 * six kinds made some fifteen million small allocations, their headers
 * and their frees a good part of a run's memory and time.
 */

struct scope {
	const struct inventory	*inv;
	struct scope_opts	 o;
	struct cstate		*cs;
	struct verdict		*v;	/* ncerts * NKINDS */
	struct arena		*pool;	/* reasons and their arrays */
	/*
	 * The last path written out, "path A > B > C": every kind of one
	 * certificate usually takes the same path, and naming its
	 * certificates is most of the cost of a reason.
	 */
	struct buf		 path;
	size_t			 path_len;	/* up to " permits" */
	size_t			 path_ci;
	size_t			 path_si;
	/*
	 * The last reasons formatted: the kinds of one certificate repeat
	 * each other's ("path A > B permits serverAuth" for TLS and EV),
	 * and share one copy.
	 */
	const char		*recent[4];
	size_t			 recent_len[4];
	unsigned		 recent_next;
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
scope_tc_rule(void)
{
	return "mozilla-5.3.1: EKU without anyExtendedKeyUsage; serverAuth "
	    "needs dNSName, IPv4 and IPv6 permitted or wholly excluded and a "
	    "permitted directoryName; emailProtection needs a permitted "
	    "rfc822Name; serverAuth beside other EKUs is still constrained";
}

/* Purposes a kind is about, under the rules in force. */
static unsigned
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
	return tls | PURP_EMAIL | PURP_CODE | PURP_TIME;
}

static unsigned
eff_eku(const struct cert *c)
{
	if (!c->eku_present || c->eku_any)
		return PURP_ALL;
	return c->eku_purposes & PURP_ALL;
}

static int
permits_ev(const struct scope *sc, const struct cert *c)
{
	size_t	 i, k;

	if (!c->pol_present)
		return 0;
	if (c->pol_any || c->pol_ev)
		return 1;
	for (i = 0; i < c->npolicies; i++)
		for (k = 0; k < sc->o.nev_oids; k++)
			if (strcmp(c->policies[i], sc->o.ev_oids[k]) == 0)
				return 1;
	return 0;
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
tc_mask(const struct cert *c)
{
	unsigned	 m = 0;
	const struct name_constraints *nc = &c->nc;

	if (!c->eku_present || c->eku_any)
		return 0;
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

/* Existed during the period and not expired or revoked before it. */
static int
time_ok(const struct scope *sc, const struct cert *c)
{
	if (c->not_after < sc->o.period.start)
		return 0;
	if (c->not_before >= period_after(&sc->o.period))
		return 0;
	if (c->revoked && c->revoked_at != 0 &&
	    c->revoked_at < sc->o.period.start)
		return 0;
	return 1;
}

static long
add_state(struct cstate *cs, const struct pstate *p)
{
	size_t	 i;

	for (i = 0; i < cs->n; i++)
		if (cs->s[i].purp == p->purp && cs->s[i].ev == p->ev &&
		    cs->s[i].tc == p->tc && cs->s[i].valid == p->valid)
			return -1;
	cs->s = xreallocarray(cs->s, cs->n + 1, sizeof(*cs->s));
	cs->s[cs->n] = *p;
	return (long)cs->n++;
}

/*
 * Trust bits belong to a root's key: given for one certificate, they hold
 * for its re-issued twins too, or a twin would reopen every purpose.
 */
static unsigned
trust_of(const struct scope *sc, const struct cert *c)
{
	const struct keygroup	*g = &sc->inv->groups[c->group];
	size_t			 i, m;

	for (m = 0; m < g->nmembers; m++) {
		const struct cert *s = sc->inv->certs[g->members[m]];

		for (i = 0; i < sc->o.ntrust; i++)
			if (memcmp(sc->o.trust[i].sha256, s->sha256, 32) == 0)
				return sc->o.trust[i].purposes;
	}
	return PURP_ALL;
}

/* Work list of (certificate, state) to push down to the children. */
struct item {
	size_t	 cert;
	size_t	 state;
};

static void
propagate(struct scope *sc)
{
	const struct inventory	*inv = sc->inv;
	struct item		*q = NULL;
	struct facts {
		unsigned char	 eku, ev, tc, time_ok, ca;
	}			*f;
	size_t			 qn = 0, qcap = 0, qi, i, k;

	for (i = 0; i < inv->ncerts; i++) {
		struct pstate	 p;
		long		 si;

		if (!sc->cs[i].anchor)
			continue;
		memset(&p, 0, sizeof(p));
		p.purp = (unsigned char)(trust_of(sc, inv->certs[i]) &
		    eff_eku(inv->certs[i]));
		p.ev = 1;
		p.tc = 0;
		p.valid = 1;
		p.from_cert = -1;
		p.from_state = -1;
		if ((si = add_state(&sc->cs[i], &p)) < 0)
			continue;
		if (qn == qcap) {
			qcap = qcap ? qcap * 2 : 1024;
			q = xreallocarray(q, qcap, sizeof(*q));
		}
		q[qn].cert = i;
		q[qn++].state = (size_t)si;
	}
	/*
	 * What each certificate adds to a path, worked out once: a path
	 * reaches a certificate once per state of each of its issuers, and
	 * at a million certificates every look at one is a cache miss.
	 */
	f = xcalloc(inv->ncerts + 1, sizeof(*f));
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		f[i].eku = (unsigned char)eff_eku(c);
		f[i].ev = (unsigned char)permits_ev(sc, c);
		f[i].tc = (unsigned char)tc_mask(c);
		f[i].time_ok = (unsigned char)time_ok(sc, c);
		f[i].ca = (unsigned char)(c->ca != 0);
	}
	for (qi = 0; qi < qn; qi++) {
		size_t		 pi = q[qi].cert;
		const struct cert *p = inv->certs[pi];
		struct pstate	 ps = sc->cs[pi].s[q[qi].state];

		/*
		 * Leaves issue nothing; an outside CA's key is its own
		 * auditor's business (unless the user made it an anchor).
		 */
		if (!f[pi].ca || (sc->cs[pi].outside && !sc->cs[pi].anchor))
			continue;
		for (k = 0; k < p->nchildren; k++) {
			size_t		 ci = p->children[k];
			struct pstate	 ns;
			long		 si;

			memset(&ns, 0, sizeof(ns));
			ns.purp = (unsigned char)(ps.purp & f[ci].eku);
			ns.ev = (unsigned char)(ps.ev && f[ci].ev);
			ns.tc = (unsigned char)(ps.tc | f[ci].tc);
			ns.valid = (unsigned char)(ps.valid && f[pi].time_ok);
			ns.from_cert = (long)pi;
			ns.from_state = (long)q[qi].state;
			if ((si = add_state(&sc->cs[ci], &ns)) < 0)
				continue;
			if (qn == qcap) {
				qcap = qcap ? qcap * 2 : 1024;
				q = xreallocarray(q, qcap, sizeof(*q));
			}
			q[qn].cert = ci;
			q[qn++].state = (size_t)si;
		}
	}
	free(q);
	free(f);
}

/* n bytes from the scope's pool, freed with the scope. */
static void *
pool_alloc(struct scope *sc, size_t n)
{
	return arena_alloc(&sc->pool, n);
}

static void
add_reason(struct scope *sc, struct verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_reason(struct scope *sc, struct verdict *v, const char *fmt, ...)
{
	va_list		 ap;
	char		 small[1024];
	const char	*r;
	size_t		 n = v->nreasons;

	/*
	 * Capacity is the next power of two: grow on reaching one.  The
	 * old array stays in the pool; reasons are few per verdict.
	 */
	if ((n & (n - 1)) == 0) {
		const char **a = pool_alloc(sc, (n ? 2 * n : 1) * sizeof(*a));

		if (n > 0)
			memcpy(a, v->reasons, n * sizeof(*a));
		v->reasons = a;
	}
	/* Most reasons are fixed text: point at it rather than copy. */
	if (strchr(fmt, '%') == NULL)
		r = fmt;
	else {
		char		*t;
		int		 len;
		unsigned	 i;

		va_start(ap, fmt);
		len = vsnprintf(small, sizeof(small), fmt, ap);
		va_end(ap);
		if (len < 0)
			len = 0;
		else if ((size_t)len >= sizeof(small))
			len = sizeof(small) - 1;
		small[len] = '\0';
		for (i = 0; i < 4; i++)
			if (sc->recent[i] != NULL &&
			    sc->recent_len[i] == (size_t)len &&
			    memcmp(sc->recent[i], small, (size_t)len) == 0) {
				v->reasons[v->nreasons++] = sc->recent[i];
				return;
			}
		t = pool_alloc(sc, (size_t)len + 1);
		memcpy(t, small, (size_t)len + 1);
		r = t;
		sc->recent[sc->recent_next] = r;
		sc->recent_len[sc->recent_next] = (size_t)len;
		sc->recent_next = (sc->recent_next + 1) % 4;
	}
	v->reasons[v->nreasons++] = r;
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
			buf_printf(b, "%s%s", first ? "" : ", ",
			    purpose_name(bit));
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
#define PATH_MAX_NAMED	64

static const char *
path_text(struct scope *sc, size_t ci, size_t si, unsigned kindp)
{
	const struct inventory	*inv = sc->inv;
	size_t			 chain[PATH_MAX_NAMED], state[PATH_MAX_NAMED];
	size_t			 end[PATH_MAX_NAMED], n = 0, c = ci, s = si, i;
	size_t			 start;
	struct buf		*b = &sc->path;
	const struct pstate	*top = NULL;
	int			 whole = 0;

	if (b->data != NULL && sc->path_ci == ci && sc->path_si == si)
		b->len = sc->path_len;
	else {
		while (n < PATH_MAX_NAMED) {
			const struct pstate *p = &sc->cs[c].s[s];

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
			struct pstate	*p = &sc->cs[chain[i - 1]].s[state[i - 1]];
			char		*t;

			if (p->named != NULL ||
			    inv->certs[chain[i - 1]]->nchildren == 0)
				continue;
			t = pool_alloc(sc, end[i - 1] - start + 1);
			memcpy(t, b->data + start, end[i - 1] - start);
			t[end[i - 1] - start] = '\0';
			p->named = t;
			p->depth = (top != NULL ? top->depth : 0) +
			    (unsigned)(n - i + 1);
		}
		sc->path_len = b->len;
		sc->path_ci = ci;
		sc->path_si = si;
	}
	buf_addstr(b, " permits ");
	purposes_text(b, sc->cs[ci].s[si].purp & kindp);
	return b->data;		/* buf keeps it NUL-terminated */
}

static void
eku_reason(struct scope *sc, struct verdict *v, const struct cert *c)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*s;

	if (!c->eku_present) {
		add_reason(sc, v, "no EKU: may issue for every purpose its "
		    "issuers allow");
		return;
	}
	if (c->eku_any) {
		add_reason(sc, v, "EKU includes anyExtendedKeyUsage: may issue for "
		    "every purpose its issuers allow");
		return;
	}
	for (i = 0; i < c->neku; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", c->eku_names[i]);
	s = buf_take(&b);
	add_reason(sc, v, "EKU %s", s);
	free(s);
}

static int
is_cross_no_eku(const struct scope *sc, size_t ci)
{
	const struct inventory	*inv = sc->inv;
	const struct cert	*c = inv->certs[ci];
	const struct keygroup	*g = &inv->groups[c->group];
	size_t			 i;

	if (c->eku_present || c->self_signed || c->not_before >=
	    time_from_civil(CROSS_NO_EKU_CUTOFF_Y, CROSS_NO_EKU_CUTOFF_M,
	    CROSS_NO_EKU_CUTOFF_D, 0, 0, 0))
		return 0;
	for (i = 0; i < g->nmembers; i++)
		if (inv->certs[g->members[i]]->self_signed)
			return 1;
	return 0;
}

static void
decide(struct scope *sc, size_t ci, enum audit_kind k)
{
	const struct inventory	*inv = sc->inv;
	const struct cert	*c = inv->certs[ci];
	const struct cstate	*cs = &sc->cs[ci];
	struct verdict		*v = &sc->v[ci * NKINDS + k];
	unsigned		 kp = kind_purposes(k, sc->o.rules);
	unsigned		 wider = kind_purposes(k, RULES_CCADB);
	size_t			 i, nvalid = 0, ncap = 0, best = (size_t)-1;
	char			 d[11];

	if (!c->ca) {
		v->status = ST_NOT_CA;
		add_reason(sc, v, "not a CA certificate (basicConstraints cA "
		    "false or absent): issues no certificates");
		return;
	}
	if (c->not_after < sc->o.period.start) {
		time_format_date(c->not_after, d);
		v->status = ST_EXPIRED_BEFORE_PERIOD;
		add_reason(sc, v, "expired %s, before the period began", d);
		return;
	}
	if (c->revoked && c->revoked_at != 0 &&
	    c->revoked_at < sc->o.period.start) {
		time_format_date(c->revoked_at, d);
		v->status = ST_REVOKED_BEFORE_PERIOD;
		add_reason(sc, v, "revoked %s, before the period began", d);
		return;
	}
	if (c->not_before >= period_after(&sc->o.period)) {
		time_format_date(c->not_before, d);
		v->status = ST_ISSUED_AFTER_PERIOD;
		add_reason(sc, v, "issued %s, after the period: due on the next "
		    "statement", d);
		return;
	}
	if (cs->n == 0) {
		int	 outside_parent = 0;

		for (i = 0; i < c->nparents; i++)
			if (sc->cs[c->parents[i]].outside ||
			    sc->cs[c->parents[i]].n == 0)
				outside_parent = 1;
		if (c->nparents > 0 && outside_parent && !c->self_signed) {
			char *nm = cert_label(inv->certs[c->parents[0]]);

			v->status = ST_EXTERNAL_CROSS;
			add_reason(sc, v, "signed by %s, a key outside the audited "
			    "hierarchy: belongs in that CA's statement", nm);
			free(nm);
		} else if (c->self_signed) {
			v->status = ST_NO_VALID_PATH;
			add_reason(sc, v, "self-signed but not an audited root "
			    "(see --anchor)");
		} else {
			v->status = ST_NO_VALID_PATH;
			add_reason(sc, v, "issuer not in the inventory: no chain to "
			    "an audited root");
		}
		return;
	}
	for (i = 0; i < cs->n; i++) {
		const struct pstate *p = &cs->s[i];
		int	 cap;

		if (!p->valid)
			continue;
		nvalid++;
		cap = (p->purp & kp) != 0 && (k != KIND_EV || p->ev);
		if (!cap)
			continue;
		ncap++;
		/* Constrained only if every capable purpose is. */
		if (((p->purp & kp) & ~p->tc) != 0 || k == KIND_CODESIGNING) {
			if (best == (size_t)-1 || i < best)
				best = i;
		}
	}
	if (nvalid == 0) {
		v->status = ST_NO_VALID_PATH;
		add_reason(sc, v, "every chain to an audited root passes a "
		    "certificate that expired or was revoked before the "
		    "period, or was issued after it");
		return;
	}
	if (ncap == 0) {
		unsigned	 any = 0;
		struct buf	 b = { 0 };
		char		*s;

		for (i = 0; i < cs->n; i++)
			if (cs->s[i].valid)
				any |= cs->s[i].purp;
		purposes_text(&b, any);
		s = buf_take(&b);
		v->status = ST_NOT_CAPABLE;
		if (k == KIND_EV && (any & kp))
			add_reason(sc, v, "may issue for %s but no EV policy "
			    "(2.23.140.1.1, anyPolicy or --ev-oid) is permitted "
			    "on any path", s);
		else
			add_reason(sc, v, "may issue only for %s on its paths",
			    s);
		eku_reason(sc, v, c);
		if (sc->o.rules == RULES_MOZILLA && (any & wider & ~kp))
			add_reason(sc, v, "note: the CCADB Policy table read "
			    "literally (--rules ccadb) counts clientAuth and "
			    "would require it");
		free(s);
		return;
	}
	if (best == (size_t)-1) {
		v->status = ST_TECHNICALLY_CONSTRAINED;
		add_reason(sc, v, "technically constrained on every capable path "
		    "(Mozilla Root Store Policy 5.3.1): EKU and name "
		    "constraints");
		return;
	}
	v->status = ST_REQUIRED;
	if (cs->anchor)
		add_reason(sc, v, "audited root");
	eku_reason(sc, v, c);
	add_reason(sc, v, "%s", path_text(sc, ci, best, kp));
	if (k == KIND_EV)
		add_reason(sc, v, "EV policy permitted along the path");
	if (is_cross_no_eku(sc, ci))
		add_reason(sc, v, "cross-certificate without EKU issued before "
		    "2025-06-15: goes on all of the issuer's statements "
		    "(CCADB Policy 5.1)");
	if (c->revoked) {
		if (c->revoked_at != 0) {
			time_format_date(c->revoked_at, d);
			add_reason(sc, v, "revoked %s, during or after the period: "
			    "listed until one statement after revocation", d);
		} else
			add_reason(sc, v, "revoked (date unknown): listed until "
			    "one statement after revocation");
	}
	if (c->not_after < period_after(&sc->o.period)) {
		time_format_date(c->not_after, d);
		add_reason(sc, v, "expires %s, within the period", d);
	}
}

/*
 * Every certificate sharing a subject and key with a required one must be
 * listed too (DOMAIN: re-issued, cross-signed, self-signed twins): the key
 * can issue on the unconstrained path whatever one certificate of it says.
 * Only capability and constraint yield to this; a twin that expired,
 * was revoked, is not yet issued, or was signed outside the audited
 * hierarchy keeps its own status.
 */
static void
same_key_rule(struct scope *sc, enum audit_kind k)
{
	const struct inventory	*inv = sc->inv;
	size_t			 g, m;
	char			 hex[65];

	for (g = 0; g < inv->ngroups; g++) {
		const struct keygroup *kg = &inv->groups[g];
		long	 req = -1;

		/* A key with one certificate has no twin to list. */
		if (kg->nmembers < 2)
			continue;
		for (m = 0; m < kg->nmembers && req < 0; m++)
			if (sc->v[kg->members[m] * NKINDS + k].status ==
			    ST_REQUIRED)
				req = (long)kg->members[m];
		if (req < 0)
			continue;
		hex[0] = '\0';
		for (m = 0; m < kg->nmembers; m++) {
			struct verdict *v = &sc->v[kg->members[m] * NKINDS + k];

			if (v->status != ST_NOT_CAPABLE &&
			    v->status != ST_TECHNICALLY_CONSTRAINED)
				continue;
			/* Most keys have one certificate: hex only for twins. */
			if (hex[0] == '\0')
				hex32(inv->certs[req]->sha256, hex);
			v->nreasons = 0;	/* the pool keeps the old ones */
			v->status = ST_REQUIRED;
			add_reason(sc, v, "same subject and key as %s, which is "
			    "required: every certificate of a listed key must "
			    "be listed", hex);
			eku_reason(sc, v, inv->certs[kg->members[m]]);
		}
	}
}

static int
is_anchor(const struct scope *sc, const struct cert *c)
{
	size_t	 i;

	if (sc->o.anchors == NULL)
		return c->self_signed && c->ca;
	for (i = 0; i < sc->o.nanchors; i++)
		if (memcmp(sc->o.anchors[i], c->sha256, 32) == 0)
			return 1;
	return 0;
}

struct scope *
scope_eval(const struct inventory *inv, const struct scope_opts *o)
{
	struct scope	*sc = xcalloc(1, sizeof(*sc));
	size_t		 i, m;
	unsigned	 k;

	sc->inv = inv;
	sc->o = *o;
	sc->cs = xcalloc(inv->ncerts + 1, sizeof(*sc->cs));
	sc->v = xcalloc(inv->ncerts * NKINDS + 1, sizeof(*sc->v));
	for (i = 0; i < inv->ncerts; i++)
		sc->cs[i].anchor = is_anchor(sc, inv->certs[i]);
	/*
	 * An anchor is a key: its re-issued self-signed twins are audited
	 * roots too (a cross-certificate of that key signed elsewhere is not:
	 * it belongs in the signer's statement).
	 */
	for (i = 0; i < inv->ngroups; i++) {
		const struct keygroup *g = &inv->groups[i];
		int	 anchored = 0;

		for (m = 0; m < g->nmembers; m++)
			anchored |= sc->cs[g->members[m]].anchor;
		for (m = 0; anchored && m < g->nmembers; m++)
			if (inv->certs[g->members[m]]->self_signed &&
			    inv->certs[g->members[m]]->ca)
				sc->cs[g->members[m]].anchor = 1;
	}
	/* A key with a self-signed certificate that is no anchor: outside. */
	for (i = 0; i < inv->ngroups; i++) {
		const struct keygroup *g = &inv->groups[i];
		int	 outside = 0, anchored = 0;

		for (m = 0; m < g->nmembers; m++) {
			const struct cert *c = inv->certs[g->members[m]];

			if (c->self_signed && !sc->cs[g->members[m]].anchor)
				outside = 1;
			if (sc->cs[g->members[m]].anchor)
				anchored = 1;
		}
		for (m = 0; m < g->nmembers; m++)
			sc->cs[g->members[m]].outside = outside && !anchored;
	}
	propagate(sc);
	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < NKINDS; k++)
			if (o->kinds & KIND_BIT(k))
				decide(sc, i, (enum audit_kind)k);
	for (k = 0; k < NKINDS; k++)
		if (o->kinds & KIND_BIT(k))
			same_key_rule(sc, (enum audit_kind)k);
	return sc;
}

void
scope_free(struct scope *sc)
{
	size_t		 i;

	if (sc == NULL)
		return;
	arena_free(sc->pool);
	buf_free(&sc->path);
	for (i = 0; i < sc->inv->ncerts; i++)
		free(sc->cs[i].s);
	free(sc->cs);
	free(sc->v);
	free(sc);
}

enum scope_status
scope_status(const struct scope *sc, size_t ci, enum audit_kind k)
{
	return sc->v[ci * NKINDS + k].status;
}

const char * const *
scope_reasons(const struct scope *sc, size_t ci, enum audit_kind k,
    size_t *n)
{
	*n = sc->v[ci * NKINDS + k].nreasons;
	return (const char * const *)sc->v[ci * NKINDS + k].reasons;
}

int
scope_is_anchor(const struct scope *sc, size_t ci)
{
	return sc->cs[ci].anchor;
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

static int
trust_line(const char *path, long line, const char *s,
    struct trust_entry **v, size_t *n)
{
	const char	*eq = strchr(s, '=');
	char		 fp[128];
	struct trust_entry t;

	if (eq == NULL || (size_t)(eq - s) >= sizeof(fp)) {
		diag_error(path, line, "--trust wants FINGERPRINT=PURPOSES");
		return -1;
	}
	memcpy(fp, s, (size_t)(eq - s));
	fp[eq - s] = '\0';
	if (fp_parse(fp, t.sha256) != 0) {
		diag_error(path, line, "not a SHA-256 fingerprint: %s", fp);
		return -1;
	}
	if (purposes_parse(eq + 1, &t.purposes) != 0) {
		diag_error(path, line, "unknown purpose in \"%s\" (serverAuth, "
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
trust_parse(const char *arg, struct trust_entry **v, size_t *n)
{
	unsigned char	*d;
	size_t		 len;
	char		*text, *line, *save = NULL;
	long		 ln = 0;
	int		 rc = 0;

	if (strchr(arg, '=') != NULL)
		return trust_line(NULL, 0, arg, v, n);
	if (read_file(arg, &d, &len) != 0)
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
		if (trust_line(arg, ln, line, v, n) != 0)
			rc = -1;
	}
	free(d);
	return rc;
}

/*
 * --revoked FILE: lines "SHA256 [YYYY-MM-DD]".  Marks the inventory's
 * certificates; a fingerprint not in the inventory is worth a warning
 * (a typo here would silently keep a revoked CA in scope).
 */
int
revoked_load(struct inventory *inv, const char *path)
{
	unsigned char	*d;
	size_t		 len, i;
	long		 ln = 0;
	int		 rc = 0;
	char		*p, *next;

	if (read_file(path, &d, &len) != 0)
		return -1;
	for (i = 0; i < len; i++)
		if (d[i] == '\0') {
			diag_error(path, 0, "NUL byte: not a text file");
			free(d);
			return -1;
		}
	for (p = (char *)d; p != NULL && *p != '\0'; p = next) {
		char		 fp[160], date[32];
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
		date[0] = '\0';
		nf = sscanf(p, "%159s %31s", fp, date);
		if (nf < 1 || fp_parse(fp, sha) != 0) {
			diag_error(path, ln, "expected \"SHA256 [YYYY-MM-DD]\"");
			rc = -1;
			continue;
		}
		if (nf == 2 && time_parse_date(date, &t) != 0) {
			diag_error(path, ln, "bad revocation date \"%s\"",
			    date);
			rc = -1;
			continue;
		}
		if ((ci = inventory_find(inv, sha)) < 0) {
			diag_warn(path, ln, "%s is not in the inventory", fp);
			continue;
		}
		inv->certs[ci]->revoked = 1;
		inv->certs[ci]->revoked_at = t;
	}
	free(d);
	if (rc != 0)
		inv->errors++;
	return rc;
}
