/*
 * What both decoders of a certificate share (certdec.h): the EKU and
 * policy tables and their pushers, name constraints through OpenSSL's
 * template, the identity of a name as X509_NAME_cmp() compares it, the
 * signature algorithms this OpenSSL can check, and cert_reset().  The
 * strict DER reader (cert_der.c) and the OpenSSL path (cert.c) both call
 * down into this file and never into each other's, so that the two
 * readers of one format are not a circle (issue 18).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "base/base.h"
#include "cert/cert.h"
#include "cert/certdec.h"

#define OID_ANY_EKU	"2.5.29.37.0"
#define OID_ANY_POLICY	"2.5.29.32.0"
#define OID_EV		"2.23.140.1.1"

/* EKU OIDs that make a CA capable of a purpose. */
static const struct {
	const char	*oid;
	unsigned	 purpose;
	const char	*name;
} eku_table[] = {
	{ "1.3.6.1.5.5.7.3.1", PURP_SERVER, "serverAuth" },
	{ "1.3.6.1.5.5.7.3.2", PURP_CLIENT, "clientAuth" },
	{ "1.3.6.1.5.5.7.3.3", PURP_CODE, "codeSigning" },
	{ "1.3.6.1.5.5.7.3.4", PURP_EMAIL, "emailProtection" },
	{ "1.3.6.1.5.5.7.3.8", PURP_TIME, "timeStamping" },
	/* Microsoft Server Gated Crypto and Netscape step-up: TLS servers */
	{ "1.3.6.1.4.1.311.10.3.3", PURP_SERVER, "msSGC" },
	{ "2.16.840.1.113730.4.1", PURP_SERVER, "nsSGC" },
	{ OID_ANY_EKU, PURP_ALL, "anyExtendedKeyUsage" },
};

static char *
oid_text(const ASN1_OBJECT *o)
{
	char	 buf[128];
	int	 n;

	n = OBJ_obj2txt(buf, sizeof(buf), o, 1);
	if (n <= 0)
		return xstrdup("?");
	if ((size_t)n >= sizeof(buf))
		return xstrdup("(OID too long)");
	return xstrdup(buf);
}

char *
certdec_name_text(const X509_NAME *nm)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data, *s;
	long	 n;

	if (bio == NULL)
		return xstrdup("");
	/* RFC 2253 order and escaping, raw UTF-8 rather than \XX escapes. */
	if (X509_NAME_print_ex(bio, nm, 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
		BIO_free(bio);
		ERR_clear_error();
		return xstrdup("(unprintable name)");
	}
	n = BIO_get_mem_data(bio, &data);
	s = esc_utf8((const unsigned char *)data, n > 0 ? (size_t)n : 0);
	BIO_free(bio);
	return s;
}

int
certdec_eku_known(const char *oid)
{
	size_t	 k;

	for (k = 0; k < sizeof(eku_table) / sizeof(eku_table[0]); k++)
		if (strcmp(oid, eku_table[k].oid) == 0)
			return 1;
	return 0;
}

void
certdec_eku_begin(struct cert *c, size_t n)
{
	c->eku_present = 1;
	c->eku_oids = xcalloc(n, sizeof(char *));
	c->eku_names = xcalloc(n, sizeof(char *));
}

void
certdec_eku_push(struct cert *c, char *oid, const char *name)
{
	size_t	 k;

	for (k = 0; k < sizeof(eku_table) / sizeof(eku_table[0]); k++)
		if (strcmp(oid, eku_table[k].oid) == 0) {
			c->eku_purposes |= eku_table[k].purpose;
			name = eku_table[k].name;
			if (eku_table[k].purpose == PURP_ALL)
				c->eku_any = 1;
		}
	c->eku_oids[c->neku] = oid;
	c->eku_names[c->neku] = name != NULL ? name : oid;
	c->neku++;
}

/*
 * An extension present that could not be read: the certificate is marked
 * (field f, when it decoded to something empty; -1: not decoded at all),
 * and OpenSSL's error queue is cleared.  The caller reads the extension
 * the way that keeps the certificate in scope.
 */
static void
ext_unread(struct cert *c, int f)
{
	if (f >= 0)
		c->bad |= CF_BIT(f);
	c->ext_invalid = 1;
	ERR_clear_error();
}

void
certdec_eku(struct cert *c, EXTENDED_KEY_USAGE *eku, int crit)
{
	int			 i, n;

	if (eku == NULL || sk_ASN1_OBJECT_num(eku) <= 0) {
		if (eku == NULL && crit == -1)
			return;		/* absent */
		/*
		 * Present but undecodable, repeated, or empty (RFC 5280
		 * 4.2.1.12: at least one purpose): we cannot tell what it
		 * restricts, so it restricts nothing (fail towards "in scope").
		 */
		ext_unread(c, eku != NULL ? CF_EKU : -1);
		c->eku_present = 1;
		c->eku_any = 1;
		c->eku_purposes = PURP_ALL;
		return;
	}
	n = sk_ASN1_OBJECT_num(eku);
	certdec_eku_begin(c, (size_t)n);
	for (i = 0; i < n; i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);
		char		*oid = oid_text(o);
		const char	*name = NULL;

		if (!certdec_eku_known(oid)) {
			int nid = OBJ_obj2nid(o);

			name = nid != NID_undef ? OBJ_nid2sn(nid) : NULL;
		}
		certdec_eku_push(c, oid, name);
	}
}

void
certdec_policies_begin(struct cert *c, size_t n)
{
	c->pol_present = 1;
	c->policies = xcalloc(n, sizeof(char *));
}

void
certdec_policy_push(struct cert *c, char *oid)
{
	if (strcmp(oid, OID_ANY_POLICY) == 0)
		c->pol_any = 1;
	if (strcmp(oid, OID_EV) == 0)
		c->pol_ev = 1;
	c->policies[c->npolicies++] = oid;
}

void
certdec_policies(struct cert *c, CERTIFICATEPOLICIES *cp, int crit)
{
	int			 i, n;

	if (cp == NULL || sk_POLICYINFO_num(cp) <= 0) {
		if (cp == NULL && crit == -1)
			return;		/* absent */
		/*
		 * Undecodable, or empty (RFC 5280 4.2.1.4: at least one):
		 * treat as permitting every policy.
		 */
		ext_unread(c, cp != NULL ? CF_CP : -1);
		c->pol_present = 1;
		c->pol_any = 1;
		return;
	}
	n = sk_POLICYINFO_num(cp);
	certdec_policies_begin(c, (size_t)n);
	for (i = 0; i < n; i++)
		certdec_policy_push(c,
		    oid_text(sk_POLICYINFO_value(cp, i)->policyid));
}

static int
all_zero(const unsigned char *p, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

static void
nc_item(struct name_constraints *nc, const char *which, GENERAL_NAME *gn,
    int excluded)
{
	struct buf	 b = { 0 };
	unsigned	*count = excluded ? nc->excluded : nc->permitted;
	char		 ipbuf[128];
	char		*t;

	buf_printf(&b, "%s ", which);
	switch (gn->type) {
	case GEN_DNS:
		/* "" permits every name (RFC 5280 4.2.1.10): no constraint */
		if (excluded || ASN1_STRING_length(gn->d.dNSName) > 0)
			count[NC_DNS]++;
		t = esc_utf8(ASN1_STRING_get0_data(gn->d.dNSName),
		    (size_t)ASN1_STRING_length(gn->d.dNSName));
		buf_printf(&b, "DNS:%s", t);
		free(t);
		break;
	case GEN_EMAIL:
		if (excluded || ASN1_STRING_length(gn->d.rfc822Name) > 0)
			count[NC_EMAIL]++;
		t = esc_utf8(ASN1_STRING_get0_data(gn->d.rfc822Name),
		    (size_t)ASN1_STRING_length(gn->d.rfc822Name));
		buf_printf(&b, "email:%s", t);
		free(t);
		break;
	case GEN_URI:
		count[NC_URI]++;
		t = esc_utf8(ASN1_STRING_get0_data(
		    gn->d.uniformResourceIdentifier),
		    (size_t)ASN1_STRING_length(
		    gn->d.uniformResourceIdentifier));
		buf_printf(&b, "URI:%s", t);
		free(t);
		break;
	case GEN_DIRNAME:
		/* the empty Name is above every name */
		if (excluded || X509_NAME_entry_count(gn->d.directoryName) > 0)
			count[NC_DIRNAME]++;
		t = certdec_name_text(gn->d.directoryName);
		buf_printf(&b, "dirName:%s", t);
		free(t);
		break;
	case GEN_IPADD: {
		const unsigned char *p = ASN1_STRING_get0_data(gn->d.iPAddress);
		int		 len = ASN1_STRING_length(gn->d.iPAddress), i;

		/*
		 * A permitted range of mask 0 (0.0.0.0/0, ::/0) holds every
		 * address: no constraint.
		 */
		if (len == 8) {
			if (excluded || !all_zero(p + 4, 4))
				count[NC_IP4]++;
			if (excluded && all_zero(p + 4, 4))
				nc->excluded_all_ip4 = 1;
			snprintf(ipbuf, sizeof(ipbuf), "%u.%u.%u.%u/%u.%u.%u.%u",
			    p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
			buf_printf(&b, "IP:%s", ipbuf);
		} else if (len == 32) {
			if (excluded || !all_zero(p + 16, 16))
				count[NC_IP6]++;
			if (excluded && all_zero(p + 16, 16))
				nc->excluded_all_ip6 = 1;
			buf_addstr(&b, "IP:");
			for (i = 0; i < 32; i += 2)
				buf_printf(&b, "%s%02x%02x",
				    i == 0 ? "" : (i == 16 ? "/" : ":"),
				    p[i], p[i + 1]);
		} else {
			count[NC_OTHER]++;
			buf_printf(&b, "IP:(malformed, %d bytes)", len);
		}
		break;
	}
	default:
		count[NC_OTHER]++;
		buf_printf(&b, "other:type %d", gn->type);
		break;
	}
	nc->items = xreallocarray(nc->items, nc->nitems + 1, sizeof(char *));
	nc->items[nc->nitems++] = buf_take(&b);
}

void
certdec_name_constraints(struct cert *c, NAME_CONSTRAINTS *nc, int crit)
{
	int			 i;

	if (nc == NULL) {
		/* Undecodable constraints constrain nothing we trust. */
		if (crit != -1)
			ext_unread(c, -1);
		return;
	}
	c->nc.present = 1;
	for (i = 0; i < sk_GENERAL_SUBTREE_num(nc->permittedSubtrees); i++)
		nc_item(&c->nc, "permitted", sk_GENERAL_SUBTREE_value(
		    nc->permittedSubtrees, i)->base, 0);
	for (i = 0; i < sk_GENERAL_SUBTREE_num(nc->excludedSubtrees); i++)
		nc_item(&c->nc, "excluded", sk_GENERAL_SUBTREE_value(
		    nc->excludedSubtrees, i)->base, 1);
}

/*
 * Can this OpenSSL check the certificate's signature algorithm at all?
 * Ed25519 and RSA-PSS name no separate digest; MD2 names one that
 * OpenSSL 3 no longer has.
 */
int
certdec_sigalg_supported(int sig_nid)
{
	/* Per digest: 0 not asked yet, 1 available, 2 not.  A fetch costs
	 * locks and a provider search; ten thousand of them showed. */
	static atomic_schar known[2048];
	EVP_MD	*md;
	int	 md_nid, pk_nid, ok;

	if (!OBJ_find_sigid_algs(sig_nid, &md_nid, &pk_nid))
		return 0;
	if (md_nid == NID_undef)
		return 1;
	if (md_nid > 0 && md_nid < 2048 && atomic_load(&known[md_nid]) != 0)
		return atomic_load(&known[md_nid]) == 1;
	if ((md = EVP_MD_fetch(NULL, OBJ_nid2sn(md_nid), NULL)) == NULL)
		ERR_clear_error();
	ok = md != NULL;
	EVP_MD_free(md);
	if (md_nid > 0 && md_nid < 2048)
		atomic_store(&known[md_nid], ok ? 1 : 2);
	return ok;
}

/*
 * The value of a name entry as X509_NAME_cmp() compares it (OpenSSL's
 * x509_name_canon() and asn1_string_canon()): string types as UTF-8,
 * ASCII lower-cased, leading and trailing blanks dropped, inner runs of
 * blanks one space; other types as they are.
 */
#define NAME_CANON_TYPES (B_ASN1_UTF8STRING | B_ASN1_BMPSTRING | \
	B_ASN1_UNIVERSALSTRING | B_ASN1_PRINTABLESTRING | B_ASN1_T61STRING | \
	B_ASN1_IA5STRING | B_ASN1_VISIBLESTRING)

static int
canon_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

void
certdec_name_entry(struct name_canon *nc, const unsigned char *oid,
    size_t oidlen, int set)
{
	int	 ol = (int)oidlen;

	if (nc->ents.data == NULL) {
		nc->ents.cap = 256;
		nc->ents.data = xmalloc(nc->ents.cap);
	}
	if (nc->n == nc->cap) {
		nc->cap = nc->cap ? 2 * nc->cap : 16;
		nc->off = xreallocarray(nc->off, nc->cap, sizeof(*nc->off));
		nc->set = xreallocarray(nc->set, nc->cap, sizeof(*nc->set));
	}
	nc->off[nc->n] = nc->ents.len;
	nc->set[nc->n] = set;
	nc->n++;
	buf_add(&nc->ents, &ol, sizeof(ol));
	buf_add(&nc->ents, oid, oidlen);
}

void
certdec_canon_raw(struct name_canon *nc, int type, const unsigned char *v,
    size_t n)
{
	unsigned char	 t[5];

	t[0] = 'R';
	memcpy(t + 1, &type, 4);
	buf_add(&nc->ents, t, 5);
	buf_add(&nc->ents, v, n);
}

void
certdec_canon_utf8(struct name_canon *nc, const unsigned char *from,
    size_t n)
{
	const unsigned char *end = from + n;
	struct buf	*b = &nc->ents;

	buf_addc(b, 'U');
	while (from < end && canon_space(*from))
		from++;
	while (end > from && canon_space(end[-1]))
		end--;
	while (from < end) {
		if (*from >= 0x80)
			buf_addc(b, (char)*from++);
		else if (canon_space(*from)) {
			buf_addc(b, ' ');
			while (canon_space(*from))
				from++;
		} else {
			unsigned char c = *from++;

			buf_addc(b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		}
	}
}

static void
canon_value(struct name_canon *nc, const ASN1_STRING *v)
{
	unsigned char	*u = NULL;
	int		 n, type = ASN1_STRING_type(v);

	if (!(ASN1_tag2bit(type) & NAME_CANON_TYPES) ||
	    (n = ASN1_STRING_to_UTF8(&u, v)) < 0)
		/* Copied as is (a failed conversion failed the decoding). */
		certdec_canon_raw(nc, type, ASN1_STRING_get0_data(v),
		    (size_t)ASN1_STRING_length(v));
	else
		certdec_canon_utf8(nc, u, (size_t)n);
	OPENSSL_free(u);
}

struct piece {
	size_t	 off;
	size_t	 len;
};

static int
piece_cmp(const char *base, const struct piece *x, const struct piece *y)
{
	size_t	 n = x->len < y->len ? x->len : y->len;
	int	 r = memcmp(base + x->off, base + y->off, n);

	if (r != 0)
		return r;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * SHA-256 of a name's canonical form.  A relative name with several
 * values compares as a DER SET OF, in any order, so its entries are
 * sorted.  Entries are length-prefixed so that the digest input is
 * unambiguous.  Frees what nc holds.
 */
void
certdec_name_id(struct name_canon *nc, unsigned char out[32])
{
	struct buf	 all = { 0 };
	struct piece	 small[16], *pc = small;
	size_t		 n = nc->n, i, j, k;

	/* Its final size: one allocation. */
	all.cap = nc->ents.len + n * (sizeof(uint64_t) + 2) + 1;
	all.data = xmalloc(all.cap);

	if (n > sizeof(small) / sizeof(small[0]))
		pc = xcalloc(n, sizeof(*pc));
	for (i = 0; i < n; i++) {
		pc[i].off = nc->off[i];
		pc[i].len = (i + 1 < n ? nc->off[i + 1] : nc->ents.len) -
		    nc->off[i];
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && nc->set[j] == nc->set[i]; j++)
			;
		/* A handful of values at most: insertion sort. */
		for (k = i + 1; k < j; k++) {
			struct piece	 t = pc[k];
			size_t		 m;

			for (m = k; m > i && piece_cmp(nc->ents.data,
			    &pc[m - 1], &t) > 0; m--)
				pc[m] = pc[m - 1];
			pc[m] = t;
		}
		buf_addc(&all, '{');
		for (k = i; k < j; k++) {
			uint64_t len = pc[k].len;

			buf_add(&all, &len, sizeof(len));
			buf_add(&all, nc->ents.data + pc[k].off, pc[k].len);
		}
		buf_addc(&all, '}');
	}
	digest_sha256(all.data != NULL ? all.data : "", all.len, out);
	buf_free(&all);
	buf_free(&nc->ents);
	free(nc->off);
	free(nc->set);
	if (pc != small)
		free(pc);
	memset(nc, 0, sizeof(*nc));
}

unsigned long
certdec_name_hash(const unsigned char id[32])
{
	unsigned long	 h = 0;
	int		 i;

	for (i = 0; i < 8; i++)
		h = h << 8 | id[i];
	return h;
}

void
certdec_x509_name_id(const X509_NAME *nm, unsigned char out[32])
{
	struct name_canon nc = { 0 };
	int		 n = X509_NAME_entry_count(nm), i;

	for (i = 0; i < n; i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(nm, i);
		const ASN1_OBJECT *o = X509_NAME_ENTRY_get_object(e);

		certdec_name_entry(&nc, OBJ_get0_data(o), OBJ_length(o),
		    X509_NAME_ENTRY_set(e));
		canon_value(&nc, X509_NAME_ENTRY_get_data(e));
	}
	certdec_name_id(&nc, out);
}

static void
free_strv(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
cert_reset(struct cert *c)
{
	free(c->subject);
	free(c->issuer);
	free(c->serial);
	free_strv(c->eku_oids, c->neku);
	free(c->eku_names);	/* the names are borrowed */
	free_strv(c->policies, c->npolicies);
	free_strv(c->nc.items, c->nc.nitems);
	memset(c->sha1, 0, sizeof(c->sha1));
	memset(c->spki_sha256, 0, sizeof(c->spki_sha256));
	memset(c->subject_id, 0, sizeof(c->subject_id));
	memset(c->issuer_id, 0, sizeof(c->issuer_id));
	memset(&c->nc, 0, sizeof(c->nc));
	c->subject_hash = c->issuer_hash = 0;
	c->subject = c->issuer = c->serial = NULL;
	c->sigalg = NULL;
	c->not_before = c->not_after = 0;
	c->bc_present = c->ca = c->ku_present = 0;
	c->pathlen = 0;
	c->key_usage = 0;
	c->eku_present = c->eku_any = 0;
	c->eku_purposes = 0;
	c->eku_oids = c->policies = NULL;
	c->eku_names = NULL;
	c->neku = c->npolicies = 0;
	c->pol_present = c->pol_any = c->pol_ev = 0;
	c->ski_len = c->aki_len = 0;
	c->self_issued = c->sig_unsupported = 0;
	c->ext_invalid = 0;
	c->bad = c->bad_repeated = 0;
}
