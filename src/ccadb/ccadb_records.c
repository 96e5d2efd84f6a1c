/*
 * CCADB records once read: kept by SHA-256 whether or not the certificate
 * itself was loaded, linked to the certificates that were, and the
 * --owner filter that cuts the inventory down to one CA's hierarchy.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "ccadb/records.h"

static const char *const store_names[NSTORES] = {
	[STORE_MOZILLA] = "mozilla", [STORE_CHROME] = "chrome",
	[STORE_APPLE] = "apple", [STORE_MICROSOFT] = "microsoft",
};

const char *
store_name(enum ccadb_store s)
{
	return (unsigned)s < NSTORES ? store_names[s] : "?";
}

const char *
stores_text(unsigned stores, char out[STORES_TEXT])
{
	int	 s;

	out[0] = '\0';
	for (s = 0; s < NSTORES; s++)
		if (stores & (1u << s)) {
			if (out[0] != '\0')
				strcat(out, "+");
			strcat(out, store_name((enum ccadb_store)s));
		}
	return out;
}

int
store_parse(const char *s, enum ccadb_store *out)
{
	int	 i;

	for (i = 0; i < NSTORES; i++)
		if (strcasecmp(s, store_names[i]) == 0) {
			*out = (enum ccadb_store)i;
			return 0;
		}
	return -1;
}

/*
 * Each store words its trust bits its own way: Mozilla "Websites;Email",
 * Apple "TLS Server;TLS Client;Email", Microsoft and CCADB's derived bits
 * the EKU names.  Microsoft's words with no PURP_* (Document Signing, EFS,
 * IPsec, OCSP Signing: no audit of CCADB Policy 5.1 covers them) add no
 * purpose; when every word of the cell is one of the known words, the
 * result carries CCADB_TRUST_NAMED, so that "Document Signing" alone reads
 * as trusted for no audit purpose rather than as a blank cell (no trust
 * data).  A word not known here never does: the cell is then doubt,
 * "every purpose", whatever known words stand beside it.
 */
unsigned
ccadb_trust_bits(const char *s)
{
	static const struct { const char *word; unsigned purp; } t[] = {
		{ "websites", PURP_SERVER },
		{ "server authentication", PURP_SERVER },
		{ "tls server", PURP_SERVER },
		{ "serverauth", PURP_SERVER },
		{ "client authentication", PURP_CLIENT },
		{ "tls client", PURP_CLIENT },
		{ "clientauth", PURP_CLIENT },
		{ "email", PURP_EMAIL },
		{ "secure email", PURP_EMAIL },
		{ "emailprotection", PURP_EMAIL },
		{ "code signing", PURP_CODE },
		{ "code", PURP_CODE },
		{ "codesigning", PURP_CODE },
		{ "time stamping", PURP_TIME },
		{ "timestamping", PURP_TIME },
		/* Microsoft's EKUs that no audit kind covers. */
		{ "document signing", 0 },
		{ "encrypting file system", 0 },
		{ "ip security end system", 0 },
		{ "ip security ike intermediate", 0 },
		{ "ip security tunnel termination", 0 },
		{ "ip security user", 0 },
		{ "ocsp signing", 0 },
	};
	unsigned	 bits = 0;
	const char	*p = s;
	int		 words = 0, unknown = 0;

	while (*p != '\0') {
		size_t	 n = strcspn(p, ";,\n"), i;
		int	 known = 0;

		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		    p[n - 1] == '\r'))
			n--;
		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strlen(t[i].word) == n &&
			    strncasecmp(p, t[i].word, n) == 0) {
				bits |= t[i].purp;
				known = 1;
			}
		if (n > 0) {
			words++;
			unknown |= !known;
		}
		p += strcspn(p, ";,\n");
		if (*p != '\0')
			p++;
	}
	if (words > 0 && !unknown)
		bits |= CCADB_TRUST_NAMED;
	if (unknown)
		bits |= CCADB_TRUST_UNKNOWN;
	return bits;
}

static struct ccadb_record *
lookup(const struct ccadb_db *d, const unsigned char sha[32])
{
	size_t	 probe = FPINDEX_START, i;

	if (d == NULL || d->nrecs == 0)
		return NULL;
	while ((i = fpindex_next(&d->index, sha, &probe)) != SIZE_MAX)
		if (memcmp(d->recs[i]->sha256, sha, 32) == 0)
			return d->recs[i];
	return NULL;
}

struct ccadb_record *
ccadb_record_get(struct ccadb_db *d, const unsigned char sha[32],
    const char *path, long line)
{
	struct ccadb_record *r;

	if ((r = lookup(d, sha)) != NULL) {
		r->rows++;
		return r;
	}
	r = xcalloc(1, sizeof(*r));
	memcpy(r->sha256, sha, 32);
	r->technically_constrained = r->audits_same_as_parent =
	    r->tls_capable = r->ev_capable = r->smime_capable =
	    r->codesigning_capable = CCADB_UNSET;
	r->path = xstrdup(path);
	r->line = line;
	r->rows = 1;
	if (d->nrecs == d->caprecs) {
		d->caprecs = d->caprecs ? d->caprecs * 2 : 256;
		d->recs = xreallocarray(d->recs, d->caprecs, sizeof(*d->recs));
	}
	fpindex_put(&d->index, sha, d->nrecs);
	d->recs[d->nrecs++] = r;
	return r;
}

int
ccadb_audit_given(const struct ccadb_audit *a)
{
	return a->url != NULL || a->type != NULL || a->statement != 0 ||
	    a->start != 0 || a->end != 0;
}

const struct ccadb_record *
ccadb_find(const struct ccadb_db *d, const unsigned char sha[32])
{
	return lookup(d, sha);
}

size_t
ccadb_count(const struct ccadb_db *d)
{
	return d != NULL ? d->nrecs : 0;
}

const struct ccadb_record *
ccadb_record_at(const struct ccadb_db *d, size_t i)
{
	return i < ccadb_count(d) ? d->recs[i] : NULL;
}

int
ccadb_status_includes(enum ccadb_store s, const char *st)
{
	return strcasecmp(st, "included") == 0 || (s == STORE_MICROSOFT &&
	    strcasecmp(st, "notbefore") == 0);
}

int
ccadb_store_trust(const struct ccadb_record *r, enum ccadb_store s,
    unsigned *bits)
{
	const char	*st;

	*bits = 0;
	if (r == NULL || (unsigned)s >= NSTORES)
		return -1;
	st = r->store_status[s];
	if (st == NULL)
		return -1;
	if (!ccadb_status_includes(s, st))
		return 0;
	if (s == STORE_CHROME) {
		*bits = PURP_SERVER;
		return 1;
	}
	if (!r->store_trust_known[s])
		return -1;
	*bits = r->store_trust[s] & PURP_ALL;
	/*
	 * A row that includes the root with its bits blank (or with a word
	 * not known): every purpose, alone or beside rows with bits (doubt
	 * counts towards scope).  The caller tells the two apart by
	 * store_trust and store_trust_blank.
	 */
	if (r->store_trust_blank[s])
		*bits = PURP_ALL;
	return 1;
}

int
ccadb_root_trust(const struct ccadb_record *r, unsigned *bits, int *blank)
{
	int	 s, unstated;

	*bits = 0;
	*blank = 0;
	if (r == NULL)
		return 0;
	/* An older report's blank counts where no report gives statuses. */
	unstated = r->root_trust_unstated;
	for (s = 0; s < NSTORES; s++)
		if (r->store_status[s] != NULL)
			unstated = 0;
	if (!r->root_trust_known && !r->root_trust_blank && !unstated)
		return 0;
	*blank = ccadb_trust_blank(r->root_trust);
	*bits = r->root_trust_blank || unstated ? PURP_ALL :
	    ccadb_trust_purposes(r->root_trust);
	return 1;
}

int
ccadb_trust_blank(unsigned bits)
{
	/* No word, or one not known: "Email, Server Auth (new)" is doubt. */
	return (bits & CCADB_TRUST_NAMED) == 0;
}

unsigned
ccadb_trust_purposes(unsigned bits)
{
	if (ccadb_trust_blank(bits))
		return PURP_ALL;
	return bits & PURP_ALL;
}

void
ccadb_link(struct ccadb_db *d, struct inventory *inv)
{
	size_t	 i;

	if (d == NULL || d->nrecs == 0)
		return;
	for (i = 0; i < d->nrecs; i++)
		d->recs[i]->has_cert = 0;
	for (i = 0; i < inv->ncerts; i++) {
		struct ccadb_record *r = lookup(d, inv->certs[i]->sha256);

		if (r != NULL)
			r->has_cert = 1;
	}
}

void
ccadb_revocations(const struct ccadb_db *d, const struct inventory *inv,
    struct revocation *rev)
{
	size_t	 i;

	if (d == NULL || d->nrecs == 0)
		return;
	for (i = 0; i < inv->ncerts; i++) {
		const struct ccadb_record *r = lookup(d, inv->certs[i]->sha256);

		if (r != NULL && r->revocation == REVOC_REVOKED) {
			rev[i].revoked = 1;
			if (rev[i].at == 0)
				rev[i].at = r->revoked_at;
		}
	}
}

static void
record_free(struct ccadb_record *r)
{
	size_t	 i, k;

	if (r == NULL)
		return;
	free(r->ca_owner);
	free(r->sub_ca_owner);
	for (i = 0; i < r->nowners; i++)
		free(r->owners[i]);
	free(r->owners);
	for (i = 0; i < r->nsub_owners; i++)
		free(r->sub_owners[i]);
	free(r->sub_owners);
	free(r->name);
	for (i = 0; i < NSTORES; i++) {
		free(r->store_status[i]);
		free(r->store_path[i]);
		for (k = 0; k < r->ntrust_rows[i] && k < CCADB_TRUST_ROWS;
		    k++)
			free(r->trust_rows[i][k].path);
	}
	for (i = 0; i < r->nev_oids; i++)
		free(r->ev_oids[i]);
	free(r->ev_oids);
	free(r->audit_firm);
	for (i = 0; i < CCADB_DIFFER_N; i++)
		free(r->differ_path[i]);
	for (i = 0; i < NSTORES + 2; i++)
		free(r->blank_row[i].path);
	for (i = 0; i < NKINDS; i++) {
		free(r->audits[i].url);
		free(r->audits[i].type);
	}
	free(r->path);
	free(r);
}

void
ccadb_db_free(struct ccadb_db *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nrecs; i++)
		record_free(d->recs[i]);
	free(d->recs);
	for (i = 0; i < d->ndropped; i++)
		free(d->dropped[i].owner);
	free(d->dropped);
	free(d->dropped_by_name);
	fpindex_free(&d->index);
	free(d);
}

static int
sha_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

static int
dropped_name_cmp(const void *a, const void *b)
{
	const struct ccadb_dropped_name *x = a, *y = b;
	int	 r = memcmp(x->subject_id, y->subject_id, 32);

	return r != 0 ? r : (x->i > y->i) - (x->i < y->i);
}

static void
index_dropped_names(struct ccadb_db *d)
{
	size_t	 i;

	free(d->dropped_by_name);
	d->dropped_by_name = xreallocarray(NULL, d->ndropped + 1,
	    sizeof(*d->dropped_by_name));
	for (i = 0; i < d->ndropped; i++) {
		memcpy(d->dropped_by_name[i].subject_id,
		    d->dropped[i].subject_id, 32);
		d->dropped_by_name[i].i = i;
	}
	if (d->ndropped > 1)
		qsort(d->dropped_by_name, d->ndropped,
		    sizeof(*d->dropped_by_name), dropped_name_cmp);
}

/* Certificates of one name looked at for an issuer: hostile input. */
#define DROPPED_SAME_NAME	64

int
ccadb_owner_dropped_issuer(const struct ccadb_db *d, const struct cert *c,
    const char **owner)
{
	const struct ccadb_dropped *loose = NULL;
	size_t	 a = 0, b, mid, k;
	int	 capped = 0;

	*owner = NULL;
	if (d == NULL || d->dropped_by_name == NULL)
		return 0;
	/* The first of that name (lower bound), then in fingerprint order. */
	for (b = d->ndropped; a < b; ) {
		mid = a + (b - a) / 2;
		if (memcmp(d->dropped_by_name[mid].subject_id, c->issuer_id,
		    32) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	for (k = 0; a < d->ndropped &&
	    memcmp(d->dropped_by_name[a].subject_id, c->issuer_id, 32) == 0;
	    a++, k++) {
		const struct ccadb_dropped *dr =
		    &d->dropped[d->dropped_by_name[a].i];

		if (k == DROPPED_SAME_NAME) {
			capped = 1;
			break;
		}
		if (c->aki_len > 0 && dr->ski_len > 0) {
			if (c->aki_len == dr->ski_len &&
			    memcmp(c->aki, dr->ski, c->aki_len) == 0) {
				*owner = dr->owner;
				return 1;
			}
		} else if (loose == NULL)
			loose = dr;
	}
	/* Past the cap, the one whose key matches may lie unseen. */
	if (capped)
		return -1;
	if (loose != NULL) {
		*owner = loose->owner;
		return 1;
	}
	return 0;
}

int
ccadb_owner_dropped(const struct ccadb_db *d, const unsigned char sha[32],
    const char **owner)
{
	const struct ccadb_dropped *dr;

	*owner = NULL;
	if (d == NULL || d->ndropped == 0)
		return 0;
	dr = bsearch(sha, d->dropped, d->ndropped,
	    sizeof(*dr), sha_cmp);
	if (dr == NULL)
		return 0;
	*owner = dr->owner;
	return 1;
}

/*
 * An owner name folded for comparison: ASCII lower case, blanks folded
 * to one space and trimmed, a trailing "(previously ...)" or
 * "(formerly ...)" cut.  Free the result.
 */
static char *
owner_fold(const char *s)
{
	char	*o = xmalloc(strlen(s) + 1), *p, *q;
	size_t	 n = 0;
	int	 blank = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\v' || c == '\f') {
			blank = n > 0;
			continue;
		}
		if (blank)
			o[n++] = ' ';
		blank = 0;
		o[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	o[n] = '\0';
	if (n > 0 && o[n - 1] == ')' && (p = strrchr(o, '(')) != NULL) {
		q = p + 1;
		if (*q == ' ')
			q++;
		if (strncmp(q, "previously ", 11) == 0 ||
		    strncmp(q, "formerly ", 9) == 0) {
			while (p > o && p[-1] == ' ')
				p--;
			*p = '\0';
		}
	}
	return o;
}

int
ccadb_owner_same(const char *a, const char *b)
{
	char	*fa, *fb;
	int	 same;

	if (a == NULL || b == NULL)
		return 0;
	fa = owner_fold(a);
	fb = owner_fold(b);
	same = fa[0] != '\0' && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/* A word of a company's legal form: no initial of its name. */
static int
legal_form(const char *w, size_t n)
{
	static const char *const forms[] = { "inc", "ltd", "llc", "limited",
		"corporation", "corp", "gmbh", "ag", "sa", "s", "a", "bv",
		"nv", "plc", "co", "srl", "spa", "oy", "ab", "as", NULL };
	size_t	 i;

	for (i = 0; forms[i] != NULL; i++)
		if (strlen(forms[i]) == n && strncmp(w, forms[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Is abbr (folded) the initials of the folded name: "isrg" for "internet
 * security research group", "gts" for "google trust services llc"?
 * Legal forms give no initial.
 */
static int
initials_are(const char *name, const char *abbr)
{
	const char	*p, *e;
	size_t		 k = 0;

	for (p = name; *p != '\0'; p = e) {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (e = p; isalnum((unsigned char)*e); e++)
			;
		if (e == p || (k > 0 && legal_form(p, (size_t)(e - p))))
			continue;
		if (abbr[k] == '\0' || *p != abbr[k])
			return 0;
		k++;
	}
	return k > 1 && abbr[k] == '\0';
}

/* Might the user have meant owner name o by the folded text fg? */
static int
owner_near(const char *o, const char *fg)
{
	char	*fo = owner_fold(o);
	int	 near;

	/* "DigiCert, Inc." for "DigiCert" too. */
	near = fo[0] != '\0' && (strstr(fo, fg) != NULL ||
	    initials_are(fo, fg) || (strlen(fo) >= 4 && strstr(fg, fo) !=
	    NULL));
	free(fo);
	return near;
}

char *
ccadb_owner_suggest(const struct ccadb_db *db, const char *given)
{
	struct buf	 b = { 0 };
	const char	*seen[3];
	char		*fg = owner_fold(given), *t;
	size_t		 i, k, m, n = 0;

	for (i = 0; fg[0] != '\0' && i < ccadb_count(db) && n < 3; i++) {
		const struct ccadb_record *r = ccadb_record_at(db, i);

		for (k = 0; k < r->nowners && n < 3; k++) {
			const char *o = r->owners[k];

			if (!owner_near(o, fg))
				continue;
			for (m = 0; m < n && strcmp(seen[m], o) != 0; m++)
				;
			if (m < n)
				continue;
			seen[n++] = o;
			/* A report's text: escaped for the terminal. */
			t = esc_term(o);
			buf_printf(&b, "%s\"%.200s\"", n == 1 ?
			    "; did you mean " : ", ", t);
			free(t);
		}
	}
	free(fg);
	if (n == 0)
		return NULL;
	buf_addstr(&b, "?");
	return buf_take(&b);
}

int
ccadb_owner_is(const struct ccadb_record *r, const char *owner)
{
	size_t	 i;

	if (r == NULL)
		return 0;
	for (i = 0; i < r->nowners; i++)
		if (ccadb_owner_same(r->owners[i], owner))
			return 1;
	for (i = 0; i < r->nsub_owners; i++)
		if (ccadb_owner_same(r->sub_owners[i], owner))
			return 1;
	return 0;
}

/* Does the record give any owner name at all? */
static int
ccadb_has_owner(const struct ccadb_record *r)
{
	return r != NULL && (r->nowners > 0 || r->nsub_owners > 0);
}

/* Marks everything reachable from the marked set along one direction. */
static void
walk(const struct inventory *inv, const struct hierarchy *h,
    unsigned char *mark, int down)
{
	size_t	*stack = xcalloc(inv->ncerts + 1, sizeof(size_t));
	size_t	 sp = 0, i, k;

	for (i = 0; i < inv->ncerts; i++)
		if (mark[i])
			stack[sp++] = i;
	while (sp > 0) {
		const struct hnode *c = &h->node[stack[--sp]];
		const size_t *next = down ? c->children : c->parents;
		size_t	 n = down ? c->nchildren : c->nparents;

		for (k = 0; k < n; k++)
			if (!mark[next[k]]) {
				mark[next[k]] = 1;
				stack[sp++] = next[k];
			}
		/*
		 * Down, a key goes with all its certificates: a new root
		 * generation's self-signed twin hangs below no one.
		 */
		for (k = 0; down && k < h->groups[c->group].nmembers; k++) {
			size_t m = h->groups[c->group].members[k];

			if (!mark[m]) {
				mark[m] = 1;
				stack[sp++] = m;
			}
		}
	}
	free(stack);
}

/* A certificate --owner set aside: its fingerprint and CA Owner, kept. */
static void
note_dropped(void *ctx, const struct cert *c)
{
	struct ccadb_db		*d = ctx;
	const struct ccadb_record *r = lookup(d, c->sha256);
	struct ccadb_dropped	*dr;

	/*
	 * Doubling: --owner over the corpus sets aside some 10,000
	 * certificates, and a copy per certificate was quadratic (under
	 * ASan, which never grows a block in place, 2.3 s of page faults
	 * for one inventory --owner run).
	 */
	if (d->ndropped == d->capdropped) {
		d->capdropped = d->capdropped ? d->capdropped * 2 : 64;
		d->dropped = xreallocarray(d->dropped, d->capdropped,
		    sizeof(*d->dropped));
	}
	dr = &d->dropped[d->ndropped++];
	memcpy(dr->sha256, c->sha256, 32);
	memcpy(dr->subject_id, c->subject_id, 32);
	memcpy(dr->ski, c->ski, sizeof(dr->ski));
	dr->ski_len = c->ski_len;
	dr->owner = r != NULL && r->ca_owner != NULL ? xstrdup(r->ca_owner) :
	    NULL;
}

/* Did any input other than a CCADB report give the certificate? */
static int
own_file(const struct inventory *inv, const struct cert *c)
{
	size_t	 i, k;

	for (i = 0; i < c->nsources; i++)
		for (k = 0; k < inv->ninputs; k++)
			if (inv->inputs[k].path != NULL &&
			    strcmp(inv->inputs[k].path, c->sources[i].path) == 0 &&
			    (inv->inputs[k].format == NULL ||
			    strcmp(inv->inputs[k].format, "ccadb-csv") != 0))
				return 1;
	return 0;
}

long
ccadb_filter_owner(struct ccadb_db *d, struct inventory *inv,
    struct hierarchy *h, const char *owner)
{
	unsigned char	*down, *up, *keep;
	size_t		 i, k, o, nrec = 0;

	for (i = 0; i < ccadb_count(d); i++)
		nrec += ccadb_owner_is(d->recs[i], owner);
	if (nrec == 0)
		return -1;
	down = xcalloc(inv->ncerts + 1, 1);
	up = xcalloc(inv->ncerts + 1, 1);
	keep = xcalloc(inv->ncerts + 1, 1);
	for (i = 0; i < inv->ncerts; i++) {
		const struct ccadb_record *r = lookup(d, inv->certs[i]->sha256);
		struct keygroup *g;

		/*
		 * The user's own certificate that no record gives an owner
		 * cannot be shown to be another owner's: it stays (doubt
		 * counts toward scope).  Its issuers stay only on their
		 * own account: a record may give them to another owner.
		 */
		if (!ccadb_has_owner(r) && own_file(inv, inv->certs[i])) {
			keep[i] = 1;
			continue;
		}
		if (!ccadb_owner_is(r, owner))
			continue;
		/* One CA key: its twins and cross-certificates go along. */
		g = &h->groups[h->node[i].group];
		for (k = 0; k < g->nmembers; k++)
			down[g->members[k]] = up[g->members[k]] = 1;
	}
	walk(inv, h, down, 1);
	walk(inv, h, up, 0);
	for (i = 0; i < inv->ncerts; i++)
		keep[i] |= down[i] | up[i];
	/* The store compacts itself; what it drops is remembered here. */
	inventory_keep(inv, h, keep, note_dropped, d);
	if (d->ndropped > 1)
		qsort(d->dropped, d->ndropped, sizeof(*d->dropped), sha_cmp);
	index_dropped_names(d);

	/* Records: the owner's, and those of certificates kept. */
	for (i = 0, o = 0; i < d->nrecs; i++) {
		struct ccadb_record *r = d->recs[i];

		if (ccadb_owner_is(r, owner) || inventory_find(inv, r->sha256) >= 0)
			d->recs[o++] = r;
		else
			record_free(r);
	}
	d->nrecs = o;
	fpindex_clear(&d->index);
	for (i = 0; i < d->nrecs; i++)
		fpindex_put(&d->index, d->recs[i]->sha256, i);
	free(down);
	free(up);
	free(keep);
	return (long)inv->ncerts;
}
