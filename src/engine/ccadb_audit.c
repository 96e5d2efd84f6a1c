/*
 * CCADB's audit records against the computed scope.  For each CA
 * certificate with a record and each kind of audit the scope engine says
 * it needed over the last 12 months:
 *   missing      no audit of that kind on file, its own or inherited;
 *   inheritance  "Audits Same as Parent" leads nowhere (a loop, a chain
 *                deeper than AUDIT_MAX_DEPTH, a parent no report has);
 *   stale        the audit period ended more than --max-age months ago;
 *   dates        a record's own audit dates contradict each other;
 *   same as parent  claimed, while a certificate of the same subject and
 *                key carries other audits (DigiCert 2019, bug 1563573);
 *   capable      CCADB's "... Capable" flag is not the computed scope
 *                (information: CCADB's flags describe trust today).
 */
#include <stdlib.h>
#include <string.h>


#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"

/* Longest audit period that is still "a year": CCADB Policy 5.1. */
#define MAX_PERIOD_MONTHS	13

static const char *const af_names[NAF] = {
	[AF_MISSING] = "missing",
	[AF_INHERITANCE] = "inheritance",
	[AF_STALE] = "stale",
	[AF_DATES] = "dates",
	[AF_SAME_AS_PARENT] = "same_as_parent",
	[AF_CAPABLE] = "capable_mismatch",
};

const char *
af_name(enum af_kind k)
{
	return (unsigned)k < NAF ? af_names[k] : "?";
}

/*
 * Only all-records reports carry audits ("Audits Same as Parent" is in
 * every generation of them); the records of a root-store list or a PEM
 * report say nothing about audits and are not checked.
 */
static int
has_audit_columns(const struct ccadb_record *r)
{
	unsigned	 k;

	if (r == NULL)
		return 0;
	if (r->audits_same_as_parent != CCADB_UNSET)
		return 1;
	for (k = 0; k < NKINDS; k++)
		if (ccadb_audit_given(&r->audits[k]))
			return 1;
	return 0;
}

/*
 * The parent whose audits a record claims: CCADB's "Parent SHA-256
 * Fingerprint", else an issuer in the hierarchy (the named parent's
 * same-key twin, when only the twin's record carries audits).  Records
 * from reports without audit columns are passed over: they do not say
 * that the parent has no audits.
 */
static const struct ccadb_record *
parent_of(const struct inventory *inv, const struct hierarchy *h,
    const struct ccadb_db *db, const struct ccadb_record *r)
{
	const struct ccadb_record *p;
	long	 ci;
	size_t	 k;

	if (r->has_parent && has_audit_columns(p = ccadb_find(db,
	    r->parent_sha256)))
		return p;
	if ((ci = inventory_find(inv, r->sha256)) < 0)
		return NULL;
	for (k = 0; k < h->node[ci].nparents; k++) {
		p = ccadb_find(db, inv->certs[h->node[ci].parents[k]]->sha256);
		if (has_audit_columns(p) && p != r)
			return p;
	}
	return NULL;
}

void
ccadb_audit_source(const struct inventory *inv, const struct hierarchy *h,
    const struct ccadb_db *db, const struct ccadb_record *r,
    struct audit_source *s)
{
	size_t	 i;

	memset(s, 0, sizeof(*s));
	s->chain[s->nchain++] = r;
	while (r->audits_same_as_parent == 1) {
		const struct ccadb_record *p = parent_of(inv, h, db, r);

		if (p == NULL) {
			s->how = SRC_NO_PARENT;
			return;
		}
		s->chain[s->nchain++] = p;
		for (i = 0; i + 1 < s->nchain; i++)
			if (s->chain[i] == p) {
				s->how = SRC_CYCLE;
				return;
			}
		if (s->nchain > AUDIT_MAX_DEPTH) {
			s->how = SRC_TOO_DEEP;
			return;
		}
		r = p;
	}
	s->rec = r;
	s->how = s->nchain > 1 ? SRC_INHERITED : SRC_OWN;
}

/* "Name (ABCD1234...)" of a record, for sentences. */
static char *
rec_label(const struct inventory *inv, const struct ccadb_record *r)
{
	struct buf	 b = { 0 };
	char		 hex[65];
	long		 ci;

	hex_encode(r->sha256, 32, hex);
	if (r->name != NULL)
		buf_printf(&b, "%s ", r->name);
	else if ((ci = inventory_find(inv, r->sha256)) >= 0) {
		char *l = cert_label(inv->certs[ci]);

		buf_printf(&b, "%s ", l);
		free(l);
	}
	buf_printf(&b, "(%.8s...)", hex);
	return buf_take(&b);
}

/* "A > B > C": the Same as Parent chain, by name. */
static char *
chain_text(const struct inventory *inv, const struct audit_source *s)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < s->nchain; i++) {
		char *l = rec_label(inv, s->chain[i]);

		buf_printf(&b, "%s%s", i ? " > " : "", l);
		free(l);
	}
	return buf_take(&b);
}

/* Where the audits come from, as the end of a sentence. */
static char *
source_text(const struct inventory *inv, const struct audit_source *s)
{
	struct buf	 b = { 0 };
	char		*l, *c;

	if (s->how == SRC_OWN)
		return xstrdup("in its own record");
	l = rec_label(inv, s->rec);
	c = chain_text(inv, s);
	buf_printf(&b, "in the record of %s, inherited through \"Audits "
	    "Same as Parent\" (%s)", l, c);
	free(l);
	free(c);
	return buf_take(&b);
}

static struct af *
add(struct audit_report *ar, enum af_kind k, size_t ci, int audit)
{
	struct af	*f;

	ar->f = xgrow(ar->f, ar->nf, &ar->capf, sizeof(*ar->f));
	f = &ar->f[ar->nf++];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->cert = ci;
	memcpy(f->sha256, ar->inv->certs[ci]->sha256, 32);
	f->audit = audit;
	f->sibling = -1;
	return f;
}

/* The problems of one audit's dates, or NULL when they agree. */
static char *
date_problems(const struct ccadb_audit *a)
{
	struct buf	 b = { 0 };
	char		 x[11], y[11];

	if (a->end == 0)
		buf_printf(&b, "%sno period end date: its age cannot be told",
		    b.len ? "; " : "");
	if (a->start == 0)
		buf_printf(&b, "%sno period start date", b.len ? "; " : "");
	if (a->start != 0 && a->end != 0 && a->start > a->end) {
		time_format_date(a->start, x);
		time_format_date(a->end, y);
		buf_printf(&b, "%speriod starts %s, after it ends %s",
		    b.len ? "; " : "", x, y);
	}
	if (a->start != 0 && a->end != 0 &&
	    a->end >= time_add_months(a->start, MAX_PERIOD_MONTHS)) {
		time_format_date(a->start, x);
		time_format_date(a->end, y);
		buf_printf(&b, "%speriod %s..%s is %d months long, more than "
		    "%d", b.len ? "; " : "", x, y,
		    time_months_between(a->start, a->end + 86400),
		    MAX_PERIOD_MONTHS);
	}
	if (a->statement != 0 && a->end != 0 && a->statement < a->end) {
		time_format_date(a->statement, x);
		time_format_date(a->end, y);
		buf_printf(&b, "%sstatement dated %s, before the period ends %s",
		    b.len ? "; " : "", x, y);
	}
	return b.len ? buf_take(&b) : NULL;
}

/* Audits a record's own columns give, each checked for its dates. */
static void
check_dates(struct audit_report *ar, size_t ci,
    const struct ccadb_record *r)
{
	unsigned	 k;
	char		*p;

	for (k = 0; k < NKINDS; k++) {
		struct af *f;

		if (!ccadb_audit_given(&r->audits[k]) ||
		    (p = date_problems(&r->audits[k])) == NULL)
			continue;
		f = add(ar, AF_DATES, ci, (int)k);
		f->src.how = SRC_OWN;
		f->src.rec = f->src.chain[0] = r;
		f->src.nchain = 1;
		f->detail = p;
	}
}

static unsigned
required_kinds(const struct audit_report *ar, size_t ci)
{
	unsigned	 k, set = 0;

	for (k = 0; k < NKINDS; k++)
		if (scope_status(ar->scope, ci, (enum audit_kind)k) ==
		    ST_REQUIRED)
			set |= KIND_BIT(k);
	return set;
}

static void
kinds_text(struct buf *b, unsigned kinds)
{
	if (kinds == 0)
		buf_addstr(b, "none");
	kinds_titles(b, kinds, ", ");
}

static void
check_inheritance(struct audit_report *ar, size_t ci,
    const struct audit_source *s, unsigned req)
{
	struct af	*f = add(ar, AF_INHERITANCE, ci, -1);
	struct buf	 b = { 0 };
	char		*c = chain_text(ar->inv, s);

	f->src = *s;
	f->kinds = req;
	switch (s->how) {
	case SRC_CYCLE:
		buf_printf(&b, "\"Audits Same as Parent\" loops back: %s", c);
		break;
	case SRC_TOO_DEEP:
		buf_printf(&b, "\"Audits Same as Parent\" goes more than %d "
		    "records up: %s", AUDIT_MAX_DEPTH, c);
		break;
	default:
		buf_printf(&b, "\"Audits Same as Parent\", but no all-records "
		    "report loaded has the parent's audits: %s > ?", c);
		break;
	}
	buf_addstr(&b, "; so no audit is on file; required for ");
	kinds_text(&b, req);
	free(c);
	f->detail = buf_take(&b);
}

static void
check_kind(struct audit_report *ar, size_t ci, const struct audit_source *s,
    enum audit_kind k)
{
	const struct ccadb_audit *a = &s->rec->audits[k];
	struct buf	 b = { 0 };
	struct af	*f;
	char		*src = source_text(ar->inv, s), x[11], y[11];

	if (!ccadb_audit_given(a)) {
		f = add(ar, AF_MISSING, ci, (int)k);
		f->src = *s;
		buf_printf(&b, "required for %s, and no audit of that kind is "
		    "on file %s", kind_title(k), src);
		f->detail = buf_take(&b);
	} else if (a->end != 0 && a->end < ar->oldest_end) {
		f = add(ar, AF_STALE, ci, (int)k);
		f->src = *s;
		f->age_months = time_months_between(a->end, ar->at);
		time_format_date(a->end, x);
		time_format_date(ar->at, y);
		buf_printf(&b, "the %s audit on file %s covers a period that "
		    "ended %s, %d months before %s (at most %d)",
		    kind_title(k), src, x, f->age_months, y, ar->max_age);
		f->detail = buf_take(&b);
	}
	free(src);
}

/* Do two sources list different audits?  The kinds that differ. */
static unsigned
audits_differ(const struct ccadb_record *x, const struct ccadb_record *y)
{
	unsigned	 k, d = 0;

	for (k = 0; k < NKINDS; k++) {
		const struct ccadb_audit *a = &x->audits[k], *b = &y->audits[k];
		int	 ga = ccadb_audit_given(a), gb = ccadb_audit_given(b);

		if (ga != gb)
			d |= KIND_BIT(k);
		else if (ga && (a->end != b->end || ((a->url == NULL) !=
		    (b->url == NULL)) || (a->url != NULL &&
		    strcmp(a->url, b->url) != 0)))
			d |= KIND_BIT(k);
	}
	return d;
}

/*
 * One key is one CA: every certificate of it should carry the same
 * audits.  A certificate that claims its parent's audits while a sibling
 * of the same subject and key carries others claims something the audits
 * do not show (the DigiCert 2019 case: a cross-certificate took the
 * cross-signer's audits).
 */
static void
check_siblings(struct audit_report *ar, size_t ci,
    const struct audit_source *s)
{
	const struct inventory	*inv = ar->inv;
	const struct keygroup	*g = &ar->h->groups[ar->h->node[ci].group];
	size_t			 m;

	if (s->how != SRC_INHERITED)
		return;
	for (m = 0; m < g->nmembers; m++) {
		size_t		 si = g->members[m];
		const struct ccadb_record *sr = ccadb_find(ar->db,
		    inv->certs[si]->sha256);
		struct audit_source ss;
		struct af	*f;
		struct buf	 b = { 0 };
		unsigned	 d;
		char		*l, *src, *ssrc;

		if (si == ci || !has_audit_columns(sr))
			continue;
		/* Both claim: one finding, on the first of the two. */
		if (sr->audits_same_as_parent == 1 && si < ci)
			continue;
		ccadb_audit_source(inv, ar->h, ar->db, sr, &ss);
		if (ss.rec == NULL || ss.rec == s->rec ||
		    (d = audits_differ(s->rec, ss.rec)) == 0)
			continue;
		f = add(ar, AF_SAME_AS_PARENT, ci, -1);
		f->src = *s;
		f->sibling = (long)si;
		f->kinds = d;
		l = rec_label(inv, sr);
		src = source_text(inv, s);
		ssrc = source_text(inv, &ss);
		buf_printf(&b, "claims \"Audits Same as Parent\": its audits "
		    "are %s; but %s, of the same subject and key, carries "
		    "other audits (%s) for ", src, l, ssrc);
		kinds_text(&b, d);
		f->detail = buf_take(&b);
		free(l);
		free(src);
		free(ssrc);
	}
}

/*
 * Both sides, with why they may differ: the computed status and its
 * reasons, then what CCADB's flag cannot know (its flags describe trust
 * today: false once a certificate expires or is revoked, and bound to the
 * stores' trust bits, which the computation reads from the root records
 * loaded, else takes as every purpose but EV).
 */
static void
capable_why(struct buf *b, const struct audit_report *ar, size_t ci,
    enum audit_kind k, int flag, int store_given)
{
	const struct cert	*c = ar->inv->certs[ci];
	const char * const	*rs;
	size_t			 n, i;
	char			 d[11];

	rs = scope_reasons(ar->scope, ci, k, &n);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "; " : "", rs[i]);
	if (flag == 0 && c->not_after < ar->at) {
		time_format_date(c->not_after, d);
		buf_printf(b, "; why: it expired %s, and CCADB's flags "
		    "describe trust today (false once expired), while it was "
		    "in scope during the period", d);
	} else if (flag == 0 && ar->revoked != NULL &&
	    ar->revoked[ci].revoked)
		buf_addstr(b, "; why: it is revoked, and CCADB's flags describe "
		    "trust today (false once revoked), while it was in scope "
		    "during the period");
	else if (flag == 0 && !store_given)
		buf_addstr(b, "; note: computed with each root's trust from the "
		    "root records loaded (every purpose but EV where none "
		    "covers it); CCADB's flags follow every root store's trust "
		    "bits");
	else if (flag == 1 && store_given)
		buf_addstr(b, "; note: computed with the trust bits of the "
		    "stores given (--store); CCADB's flags follow every root "
		    "store");
}

static void
check_capable(struct audit_report *ar, size_t ci,
    const struct ccadb_record *r, int store_given)
{
	static const struct {
		enum audit_kind	 kind;
		const char	*column;
	} cols[] = {
		{ KIND_TLS, "TLS Capable" }, { KIND_EV, "TLS EV Capable" },
		{ KIND_SMIME, "S/MIME Capable" },
		{ KIND_CODESIGNING, "Code Signing Capable" },
	};
	const int	 flags[] = { r->tls_capable, r->ev_capable,
			    r->smime_capable, r->codesigning_capable };
	size_t		 i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		enum scope_status st = scope_status(ar->scope, ci,
		    cols[i].kind);
		struct buf	 b = { 0 };
		struct af	*f;

		if (flags[i] == CCADB_UNSET ||
		    flags[i] == (st == ST_REQUIRED))
			continue;
		f = add(ar, AF_CAPABLE, ci, (int)cols[i].kind);
		f->ccadb_flag = flags[i];
		f->status = st;
		buf_printf(&b, "CCADB \"%s\" is %s; computed for %s: %s: ",
		    cols[i].column, flags[i] ? "true" : "false",
		    kind_title(cols[i].kind), status_name(st));
		capable_why(&b, ar, ci, cols[i].kind, flags[i], store_given);
		f->detail = buf_take(&b);
	}
}

/* By the certificate's fingerprint, then the finding, kind, sibling. */
static int
af_order(const void *a, const void *b)
{
	const struct af	*x = a, *y = b;
	int		 c;

	if ((c = memcmp(x->sha256, y->sha256, 32)) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->audit != y->audit)
		return x->audit < y->audit ? -1 : 1;
	if (x->sibling != y->sibling)
		return x->sibling < y->sibling ? -1 : 1;
	return 0;
}

struct audit_report *
ccadb_audit_run(const struct inventory *inv, const struct audit_opts *o,
    astime at)
{
	struct audit_report *ar = xcalloc(1, sizeof(*ar));
	struct scope_opts so = o->so;
	size_t		 i, capnorecord = 0;
	unsigned	 k;

	ar->inv = inv;
	ar->h = o->so.h;
	ar->db = o->so.db;
	ar->revoked = o->so.revoked;
	ar->at = (at >= 0 ? at / 86400 : (at - 86399) / 86400) * 86400;
	ar->max_age = o->max_age;
	ar->oldest_end = time_add_months(ar->at, -o->max_age);
	/*
	 * The period is the year that the statements on file must cover
	 * today: the 12 months before the day of --at.
	 */
	ar->period.start = time_add_months(ar->at, -12);
	ar->period.end = ar->at - 86400;
	so.period = ar->period;
	/*
	 * Every kind is evaluated for every record, asked or not: roots of
	 * unknown EV OIDs (in root-store reports only, with no all-records
	 * row) are a warning (cmd_ccadb.c) rather than stop the nightly run.
	 */
	so.kinds = (1u << NKINDS) - 1;
	ar->scope = scope_eval(inv, &so);

	for (i = 0; i < ccadb_count(ar->db); i++) {
		const struct ccadb_record *r = ccadb_record_at(ar->db, i);

		if (!r->has_cert && has_audit_columns(r) && (o->owner == NULL ||
		    ccadb_owner_is(r, o->owner)))
			ar->nocert++;
	}
	for (i = 0; i < inv->ncerts; i++) {
		const struct ccadb_record *r = ccadb_find(ar->db,
		    inv->certs[i]->sha256);
		struct audit_source s;
		unsigned	 req = required_kinds(ar, i);

		if (!has_audit_columns(r)) {
			if (req != 0) {
				ar->norecord = xgrow(ar->norecord,
				    ar->nnorecord, &capnorecord, sizeof(size_t));
				ar->norecord[ar->nnorecord++] = i;
			}
			continue;
		}
		if (o->owner != NULL && !ccadb_owner_is(r, o->owner))
			continue;
		ar->inscope += req != 0;
		ar->checked++;
		ccadb_audit_source(inv, ar->h, ar->db, r, &s);
		if (r->audits_same_as_parent != 1)
			check_dates(ar, i, r);
		if (s.rec == NULL)
			check_inheritance(ar, i, &s, req);
		else {
			for (k = 0; k < NKINDS; k++)
				if (req & KIND_BIT(k))
					check_kind(ar, i, &s,
					    (enum audit_kind)k);
			check_siblings(ar, i, &s);
		}
		check_capable(ar, i, r, o->store_given);
	}
	if (ar->nf > 1)
		qsort(ar->f, ar->nf, sizeof(*ar->f), af_order);
	return ar;
}

size_t
ccadb_audit_count(const struct audit_report *ar, enum af_kind k,
    int only_new)
{
	size_t	 i, n = 0;

	for (i = 0; i < ar->nf; i++)
		if (ar->f[i].kind == k && (!only_new || !ar->f[i].known))
			n++;
	return n;
}

/* Findings that set exit status 1; capable flags are information. */
size_t
ccadb_audit_serious(const struct audit_report *ar, int only_new)
{
	return ccadb_audit_count(ar, AF_MISSING, only_new) +
	    ccadb_audit_count(ar, AF_INHERITANCE, only_new) +
	    ccadb_audit_count(ar, AF_STALE, only_new) +
	    ccadb_audit_count(ar, AF_DATES, only_new) +
	    ccadb_audit_count(ar, AF_SAME_AS_PARENT, only_new);
}

void
ccadb_audit_free(struct audit_report *ar)
{
	size_t	 i;

	if (ar == NULL)
		return;
	for (i = 0; i < ar->nf; i++)
		free(ar->f[i].detail);
	free(ar->f);
	for (i = 0; i < ar->nresolved; i++) {
		free(ar->resolved[i].where);
		free(ar->resolved[i].label);
		free(ar->resolved[i].category);
		free(ar->resolved[i].sha256);
	}
	free(ar->resolved);
	free(ar->norecord);
	scope_free(ar->scope);
	free(ar);
}
