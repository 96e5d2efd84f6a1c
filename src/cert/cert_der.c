/*
 * The strict reader of a certificate's DER (see certdec.h): the common
 * case of a CA inventory read without building OpenSSL's X509 object,
 * whose decoder, name canonicalisation and RFC 2253 printing cost about
 * thirty times the SHA-256 of the same bytes.
 *
 * It takes a certificate only when it can say exactly what the OpenSSL
 * path (cert_decode_openssl()) would say: version 3, DER lengths, a
 * positive minimal serial, names of known attribute types in the string
 * types below, validity as YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, every
 * extension that OpenSSL's flags depend on present at most once and
 * decodable (read here in its simple DER shape, else by OpenSSL's own
 * template; EKU and policies too), none that OpenSSL would call invalid.
 * Anything else returns 0 and the certificate goes the OpenSSL way, never
 * a guess.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "base/base.h"
#include "cert/cert.h"
#include "cert/certdec.h"

/* One TLV.  tlv/tlvlen span the header too. */
struct tlv {
	unsigned char		 tag;
	const unsigned char	*val;
	size_t			 len;
	const unsigned char	*tlv;
	size_t			 tlvlen;
};

/*
 * Reads one TLV at *p, not beyond end: single-byte tags, definite lengths
 * up to four bytes, minimal (DER) when strict.  0 on success, -1
 * otherwise.
 */
static int
der_head(const unsigned char **p, const unsigned char *end, struct tlv *t,
    int strict)
{
	const unsigned char *q = *p;
	size_t		 len, n, i;

	if (end - q < 2)
		return -1;
	t->tlv = q;
	t->tag = *q++;
	if ((t->tag & 0x1f) == 0x1f)
		return -1;
	if (*q < 0x80)
		len = *q++;
	else {
		n = *q++ & 0x7f;
		if (n == 0 || n > 4 || (size_t)(end - q) < n ||
		    (strict && *q == 0))
			return -1;
		for (len = 0, i = 0; i < n; i++)
			len = len << 8 | *q++;
		if (strict && (len < 0x80 ||
		    (n > 1 && len < (1ul << (8 * (n - 1))))))
			return -1;
	}
	if ((size_t)(end - q) < len)
		return -1;
	t->val = q;
	t->len = len;
	t->tlvlen = (size_t)(q - t->tlv) + len;
	*p = q + len;
	return 0;
}

/* One DER TLV (der_head(), strict). */
static int
der_get(const unsigned char **p, const unsigned char *end, struct tlv *t)
{
	return der_head(p, end, t, 1);
}

/* The next TLV must carry this tag. */
static int
der_expect(const unsigned char **p, const unsigned char *end,
    unsigned char tag, struct tlv *t)
{
	return der_get(p, end, t) == 0 && t->tag == tag ? 0 : -1;
}

/*
 * Does a certificate's shape begin at p: a SEQUENCE holding a SEQUENCE
 * (the TBS), a SEQUENCE (the algorithm) and a BIT STRING that ends it?
 * Headers only, lengths read as leniently as OpenSSL's, so the test costs
 * the same at every offset.
 */
static int
cert_shape(const unsigned char *p, const unsigned char *end)
{
	struct tlv	 outer, t;
	const unsigned char *q;

	if (der_head(&p, end, &outer, 0) != 0 || outer.tag != 0x30)
		return 0;
	q = outer.val;
	end = outer.val + outer.len;
	if (der_head(&q, end, &t, 0) != 0 || t.tag != 0x30 ||
	    der_head(&q, end, &t, 0) != 0 || t.tag != 0x30 ||
	    der_head(&q, end, &t, 0) != 0 || t.tag != 0x03)
		return 0;
	return q == end;
}

int
cert_among(const unsigned char *p, size_t n)
{
	size_t	 off;

	for (off = 0; off < n; off++)
		if (p[off] == 0x30 && cert_shape(p + off, p + n))
			return 1;
	return 0;
}

/* An OBJECT IDENTIFIER's content as c2i_ASN1_OBJECT() accepts it. */
static int
oid_valid(const unsigned char *v, size_t n)
{
	size_t	 i;

	if (n == 0 || (v[n - 1] & 0x80) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i] == 0x80 && (i == 0 || (v[i - 1] & 0x80) == 0))
			return 0;
	return 1;
}

/*
 * OIDs met in every certificate, resolved once: the NID and short name
 * OpenSSL gives them.  Others are asked of OpenSSL each time.
 */
static const int known_nids[] = {
	/* attribute types */
	NID_commonName, NID_countryName, NID_organizationName,
	NID_organizationalUnitName, NID_localityName,
	NID_stateOrProvinceName, NID_streetAddress, NID_pkcs9_emailAddress,
	NID_serialNumber, NID_domainComponent, NID_userId,
	NID_businessCategory, NID_jurisdictionCountryName,
	NID_jurisdictionStateOrProvinceName, NID_jurisdictionLocalityName,
	NID_postalCode, NID_organizationIdentifier, NID_title, NID_givenName,
	NID_surname, NID_initials, NID_description, NID_name, NID_pseudonym,
	NID_dnQualifier, NID_generationQualifier, NID_postOfficeBox,
	NID_telephoneNumber, NID_uniqueIdentifier,
	/* signature algorithms */
	NID_sha1WithRSAEncryption, NID_sha256WithRSAEncryption,
	NID_sha384WithRSAEncryption, NID_sha512WithRSAEncryption,
	NID_sha224WithRSAEncryption, NID_md5WithRSAEncryption,
	NID_md2WithRSAEncryption, NID_ecdsa_with_SHA1,
	NID_ecdsa_with_SHA256, NID_ecdsa_with_SHA384, NID_ecdsa_with_SHA512,
	NID_rsassaPss, NID_ED25519, NID_ED448, NID_dsaWithSHA1,
	NID_dsa_with_SHA256,
	/* extensions */
	NID_basic_constraints, NID_key_usage, NID_ext_key_usage,
	NID_certificate_policies, NID_name_constraints,
	NID_subject_key_identifier, NID_authority_key_identifier,
	NID_subject_alt_name, NID_issuer_alt_name, NID_crl_distribution_points,
	NID_netscape_cert_type, NID_proxyCertInfo, NID_sbgp_ipAddrBlock,
	NID_sbgp_autonomousSysNum, NID_info_access, NID_ct_precert_scts,
	NID_policy_constraints, NID_policy_mappings, NID_inhibit_any_policy,
};
#define NKNOWN	(sizeof(known_nids) / sizeof(known_nids[0]))

static struct known {
	const unsigned char	*oid;	/* content bytes, OpenSSL's */
	size_t			 len;
	int			 nid;
	const char		*sn;
	size_t			 next;	/* same last byte: index + 1, or 0 */
} known[NKNOWN];
static size_t		 known_by_last[256];	/* index + 1, or 0 */
static pthread_once_t	 known_once = PTHREAD_ONCE_INIT;

static void
known_init(void)
{
	size_t	 i;

	for (i = 0; i < NKNOWN; i++) {
		const ASN1_OBJECT *o = OBJ_nid2obj(known_nids[i]);

		known[i].nid = known_nids[i];
		known[i].sn = OBJ_nid2sn(known_nids[i]);
		if (o != NULL && OBJ_length(o) > 0) {
			unsigned char last;

			known[i].oid = OBJ_get0_data(o);
			known[i].len = OBJ_length(o);
			last = known[i].oid[known[i].len - 1];
			known[i].next = known_by_last[last];
			known_by_last[last] = i + 1;
		}
	}
}

/* The NID of an OID (its TLV), and its short name; NID_undef if none. */
static int
oid_nid(const struct tlv *t, const char **sn)
{
	ASN1_OBJECT	*o;
	const unsigned char *p = t->tlv;
	size_t		 i;
	int		 nid;

	/* Indexed by the last byte: most known OIDs share length and prefix. */
	if (t->len > 0)
		for (i = known_by_last[t->val[t->len - 1]]; i != 0;
		    i = known[i - 1].next) {
			const struct known *k = &known[i - 1];

			if (k->len == t->len &&
			    memcmp(k->oid, t->val, t->len) == 0) {
				*sn = k->sn;
				return k->nid;
			}
		}
	if ((o = d2i_ASN1_OBJECT(NULL, &p, (long)t->tlvlen)) == NULL) {
		ERR_clear_error();
		return NID_undef;
	}
	nid = OBJ_obj2nid(o);
	ASN1_OBJECT_free(o);
	*sn = nid != NID_undef ? OBJ_nid2sn(nid) : NULL;
	return nid;
}

/* AlgorithmIdentifier, with parameters absent, NULL, an OID or a SEQUENCE
 * (what ASN1_ANY keeps as it is). */
static int
algorithm(const struct tlv *seq, struct tlv *oid)
{
	const unsigned char *p = seq->val, *end = seq->val + seq->len;
	struct tlv	 par;

	if (der_expect(&p, end, 0x06, oid) != 0 ||
	    !oid_valid(oid->val, oid->len))
		return -1;
	if (p == end)
		return 0;
	if (der_get(&p, end, &par) != 0 || p != end)
		return -1;
	if (par.tag == 0x05)
		return par.len == 0 ? 0 : -1;
	if (par.tag == 0x06)
		return oid_valid(par.val, par.len) ? 0 : -1;
	return par.tag == 0x30 ? 0 : -1;
}

/* BIT STRING content: the unused-bits count first, at most 7. */
static int
bitstring(const struct tlv *t)
{
	return t->len >= 1 && t->val[0] <= 7 && (t->len > 1 ||
	    t->val[0] == 0) ? 0 : -1;
}

/*
 * A name, read into entries.  Value types: those X509_NAME_print_ex()
 * prints one byte (or one BMP unit) a character and x509_name_canon()
 * folds, and NumericString (kept as it is).  OpenSSL 3.0 refuses a
 * VisibleString value ("mstring wrong tag"): so does this reader.
 */
#define MAXENT	64

struct nent {
	struct tlv	 oid;
	const char	*sn;
	unsigned char	 type;
	const unsigned char *val;
	size_t		 len;
	int		 set;
};

struct name {
	struct nent	 e[MAXENT];
	size_t		 n;
};

static int
value_type_ok(unsigned char tag)
{
	switch (tag) {
	case V_ASN1_UTF8STRING:
	case V_ASN1_NUMERICSTRING:
	case V_ASN1_PRINTABLESTRING:
	case V_ASN1_T61STRING:
	case V_ASN1_IA5STRING:
	case V_ASN1_BMPSTRING:
		return 1;
	}
	return 0;
}

/* UTF-8 as UTF8_getc() and OpenSSL's validity check take it. */
static int
utf8_valid(const unsigned char *p, size_t n)
{
	size_t		 i = 0, len;
	unsigned long	 cp;

	while (i < n) {
		if ((len = utf8_seq(p + i, n - i, &cp)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* The value's checks: what would fail OpenSSL's conversion to UTF-8. */
static int
value_ok(const struct nent *e)
{
	size_t	 i;

	if (e->type == V_ASN1_UTF8STRING)
		return utf8_valid(e->val, e->len);
	if (e->type == V_ASN1_BMPSTRING) {
		if (e->len % 2 != 0)
			return 0;
		for (i = 0; i < e->len; i += 2)
			if (e->val[i] >= 0xd8 && e->val[i] <= 0xdf)
				return 0;
	}
	return 1;
}

static int
read_name(const struct tlv *seq, struct name *nm)
{
	const unsigned char *p = seq->val, *end = seq->val + seq->len;
	struct tlv	 rdn, atv;
	int		 set = 0;

	nm->n = 0;
	while (p < end) {
		const unsigned char *q, *qend;

		if (der_expect(&p, end, 0x31, &rdn) != 0 || rdn.len == 0)
			return -1;
		q = rdn.val;
		qend = rdn.val + rdn.len;
		while (q < qend) {
			const unsigned char *r;
			struct nent	*e;
			struct tlv	 v;

			if (nm->n == MAXENT ||
			    der_expect(&q, qend, 0x30, &atv) != 0)
				return -1;
			e = &nm->e[nm->n++];
			r = atv.val;
			if (der_expect(&r, atv.val + atv.len, 0x06,
			    &e->oid) != 0 || !oid_valid(e->oid.val,
			    e->oid.len) || der_get(&r, atv.val + atv.len,
			    &v) != 0 || r != atv.val + atv.len ||
			    !value_type_ok(v.tag))
				return -1;
			/* Unknown types are printed as DER dumps: not here. */
			if (oid_nid(&e->oid, &e->sn) == NID_undef ||
			    e->sn == NULL)
				return -1;
			e->type = v.tag;
			e->val = v.val;
			e->len = v.len;
			e->set = set;
			if (!value_ok(e))
				return -1;
		}
		set++;
	}
	return 0;
}

static void
put_utf8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80)
		buf_addc(b, (char)cp);
	else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | cp >> 6));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xe0 | cp >> 12));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/*
 * A value's characters: bytes for the one-byte types (Latin-1), big-endian
 * units for BMPString, bytes again for UTF8String (OpenSSL prints those
 * undecoded).  -1 past the end.
 */
static long
value_char(const struct nent *e, size_t *i)
{
	unsigned long	 c;

	if (*i >= e->len)
		return -1;
	if (e->type == V_ASN1_BMPSTRING) {
		c = (unsigned long)e->val[*i] << 8 | e->val[*i + 1];
		*i += 2;
	} else
		c = e->val[(*i)++];
	return (long)c;
}

/*
 * One character of a value as X509_NAME_print_ex() writes it with
 * XN_FLAG_RFC2253 less ASN1_STRFLGS_ESC_MSB: controls as \XX, the RFC
 * 2253 specials with a backslash, a blank at either end and '#' at the
 * start escaped (a one-character value counts as its last character
 * only), everything else, UTF-8 included, as it is.
 */
static void
print_char(struct buf *b, unsigned long c, int first, int last)
{
	if (c >= 0x80) {
		put_utf8(b, c);
		return;
	}
	if (last)
		first = 0;
	if (c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' ||
	    c == '>' || c == ';' || (c == ' ' && (first || last)) ||
	    (c == '#' && first)) {
		buf_addc(b, '\\');
		buf_addc(b, (char)c);
	} else if (c < 0x20 || c == 0x7f)
		buf_printf(b, "\\%02X", (unsigned)c);
	else
		buf_addc(b, (char)c);
}

static char *
name_print(const struct name *nm)
{
	struct buf	 b = { 0 };
	size_t		 k, i;
	unsigned long	 cp;
	char		*s;

	b.cap = 256;
	b.data = xmalloc(b.cap);
	b.data[0] = '\0';

	for (k = nm->n; k-- > 0;) {
		const struct nent *e = &nm->e[k];
		long		 c;

		if (k + 1 < nm->n)
			buf_addc(&b, nm->e[k + 1].set == e->set ? '+' : ',');
		buf_addstr(&b, e->sn);
		buf_addc(&b, '=');
		i = 0;
		while ((c = value_char(e, &i)) >= 0) {
			int first = i == (e->type == V_ASN1_BMPSTRING ? 2 : 1);

			if (e->type == V_ASN1_UTF8STRING && c >= 0x80)
				buf_addc(&b, (char)c);	/* a raw byte */
			else
				print_char(&b, (unsigned long)c, first,
				    i == e->len);
		}
	}
	/* Valid UTF-8 as it is (controls are escaped): no second copy. */
	for (i = 0; i < b.len && (k = utf8_seq((unsigned char *)b.data + i,
	    b.len - i, &cp)) > 0; i += k)
		;
	if (i == b.len)	/* shrunk: a million names stay in memory */
		return xreallocarray(buf_take(&b), i + 1, 1);
	s = esc_utf8((const unsigned char *)b.data, b.len);
	buf_free(&b);
	return s;
}

static void
name_identity(const struct name *nm, unsigned char id[32])
{
	struct name_canon nc = { 0 };
	struct buf	 u = { 0 };
	size_t		 k, i;
	long		 c;

	for (k = 0; k < nm->n; k++) {
		const struct nent *e = &nm->e[k];

		certdec_name_entry(&nc, e->oid.val, e->oid.len, e->set);
		if (e->type == V_ASN1_NUMERICSTRING)
			certdec_canon_raw(&nc, e->type, e->val, e->len);
		else if (e->type == V_ASN1_UTF8STRING)
			certdec_canon_utf8(&nc, e->val, e->len);
		else {
			u.len = 0;
			i = 0;
			while ((c = value_char(e, &i)) >= 0)
				put_utf8(&u, (unsigned long)c);
			certdec_canon_utf8(&nc, (const unsigned char *)u.data,
			    u.len);
		}
	}
	buf_free(&u);
	certdec_name_id(&nc, id);
}

/* UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ, in range. */
static int
read_time(const struct tlv *t, astime *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int		 f[7], nf, i, y, mo, d;
	const unsigned char *v = t->val;

	if (t->tag == 0x17 && t->len == 13)
		nf = 6;
	else if (t->tag == 0x18 && t->len == 15)
		nf = 7;
	else
		return -1;
	if (v[t->len - 1] != 'Z')
		return -1;
	for (i = 0; i < nf; i++) {
		if (v[2 * i] < '0' || v[2 * i] > '9' || v[2 * i + 1] < '0' ||
		    v[2 * i + 1] > '9')
			return -1;
		f[i] = (v[2 * i] - '0') * 10 + v[2 * i + 1] - '0';
	}
	if (nf == 6)
		y = f[0] < 50 ? 2000 + f[0] : 1900 + f[0];
	else {
		y = f[0] * 100 + f[1];
		memmove(f, f + 1, 6 * sizeof(f[0]));
	}
	mo = f[1];
	d = f[2];
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || f[3] > 23 ||
	    f[4] > 59 || f[5] > 59)
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	*out = time_from_civil(y, mo, d, f[3], f[4], f[5]);
	return 0;
}

/* The extensions OpenSSL's flags (and this tool) read. */
enum { X_BC, X_KU, X_EKU, X_CP, X_NC, X_SKI, X_AKI, X_SAN, X_CRLDP, X_NS,
	X_IP, X_AS, X_N };
static const int ext_nid[X_N] = {
	NID_basic_constraints, NID_key_usage, NID_ext_key_usage,
	NID_certificate_policies, NID_name_constraints,
	NID_subject_key_identifier, NID_authority_key_identifier,
	NID_subject_alt_name, NID_crl_distribution_points,
	NID_netscape_cert_type, NID_sbgp_ipAddrBlock,
	NID_sbgp_autonomousSysNum,
};

/*
 * What the reader keeps of the extensions: name constraints as OpenSSL's
 * objects (the loaders of cert.c read those); EKU and policies as their
 * DER when it has the plain shape (plain_fill() reads it), else as
 * OpenSSL's objects; the flags' extensions as plain facts, read here when
 * their encoding is the simple DER shape and taken from OpenSSL's
 * decoding otherwise.
 */
struct exts {
	void		*v[X_N];	/* decoded by OpenSSL's template */
	int		 crit[X_N];	/* -1 absent */
	int		 bc_ca;
	long		 bc_pathlen;	/* -1 none, -2 negative or huge */
	int		 ku_len;	/* bytes of keyUsage bits */
	unsigned	 ku;
	const unsigned char *ski, *aki;	/* aki: keyIdentifier or NULL */
	size_t		 ski_len, aki_len;
	/* EKU and policies in their plain shape (ext_plain()) */
	struct tlv	 plain[X_N];
	int		 is_plain[X_N];
};

static void
exts_free(struct exts *x)
{
	int	 i;

	for (i = 0; i < X_N; i++) {
		const X509V3_EXT_METHOD *m;

		if (x->v[i] == NULL)
			continue;
		m = X509V3_EXT_get_nid(ext_nid[i]);
		if (m != NULL && m->it != NULL)
			ASN1_item_free(x->v[i], ASN1_ITEM_ptr(m->it));
	}
}

/* As X509V3_EXT_d2i(): NULL when undecodable. */
static void *
ext_decode(int nid, const unsigned char *p, size_t n)
{
	const X509V3_EXT_METHOD *m = X509V3_EXT_get_nid(nid);

	if (m == NULL || m->it == NULL || n > 0x7fffffff)
		return NULL;
	return ASN1_item_d2i(NULL, &p, (long)n, ASN1_ITEM_ptr(m->it));
}

/* A non-negative minimal INTEGER that fits a long: its value, else -2. */
static long
small_uint(const struct tlv *t)
{
	long	 v = 0;
	size_t	 i;

	if (t->len == 0 || t->len > 4 || (t->val[0] & 0x80) != 0 ||
	    (t->len > 1 && t->val[0] == 0 && (t->val[1] & 0x80) == 0))
		return -2;
	for (i = 0; i < t->len; i++)
		v = v << 8 | t->val[i];
	return v;
}

/*
 * GeneralNames that OpenSSL's template decodes: at least one, each an
 * rfc822Name, dNSName or URI of ASCII, an iPAddress, or a directoryName
 * this reader reads.  Other kinds are OpenSSL's to judge.
 */
static int
general_names_plain(const unsigned char *p, const unsigned char *end)
{
	struct name	 nm;
	struct tlv	 gn, seq;
	const unsigned char *q;
	size_t		 i;

	if (p == end)
		return 0;
	while (p < end) {
		if (der_get(&p, end, &gn) != 0)
			return 0;
		switch (gn.tag) {
		case 0x81:	/* rfc822Name */
		case 0x82:	/* dNSName */
		case 0x86:	/* uniformResourceIdentifier */
			for (i = 0; i < gn.len; i++)
				if (gn.val[i] & 0x80)
					return 0;
			break;
		case 0x87:	/* iPAddress */
			break;
		case 0xa4:	/* directoryName, EXPLICIT */
			q = gn.val;
			if (der_expect(&q, gn.val + gn.len, 0x30, &seq) != 0 ||
			    q != gn.val + gn.len || read_name(&seq, &nm) != 0)
				return 0;
			break;
		default:
			return 0;
		}
	}
	return 1;
}

/*
 * The simple DER shapes of the flags' extensions, read without OpenSSL
 * objects: 1 read, 0 not this shape (OpenSSL decodes it instead).  Each
 * shape is one OpenSSL's template decodes to the same values.
 */
static int
ext_simple(int which, const struct tlv *v, struct exts *x)
{
	const unsigned char *p = v->val, *end = v->val + v->len, *q, *qe;
	struct tlv	 seq, t, dp, name;

	switch (which) {
	case X_BC:
		if (der_expect(&p, end, 0x30, &seq) != 0 || p != end)
			return 0;
		q = seq.val;
		qe = seq.val + seq.len;
		x->bc_ca = 0;
		x->bc_pathlen = -1;
		if (q < qe && *q == 0x01) {
			if (der_get(&q, qe, &t) != 0 || t.len != 1)
				return 0;
			x->bc_ca = t.val[0] != 0;
		}
		if (q < qe) {
			if (der_expect(&q, qe, 0x02, &t) != 0 ||
			    (x->bc_pathlen = small_uint(&t)) == -2)
				return 0;
		}
		return q == qe;
	case X_KU:
		if (der_expect(&p, end, 0x03, &t) != 0 || p != end ||
		    bitstring(&t) != 0)
			return 0;
		x->ku_len = (int)t.len - 1;
		x->ku = 0;
		if (x->ku_len > 0) {
			/* c2i_ASN1_BIT_STRING clears the unused bits */
			unsigned char last = (unsigned char)(t.val[t.len - 1] &
			    (0xff << t.val[0]));

			x->ku = x->ku_len == 1 ? last : t.val[1];
			if (x->ku_len > 1)
				x->ku |= (unsigned)(x->ku_len == 2 ? last :
				    t.val[2]) << 8;
		}
		return 1;
	case X_SKI:
		if (der_expect(&p, end, 0x04, &t) != 0 || p != end)
			return 0;
		x->ski = t.val;
		x->ski_len = t.len;
		return 1;
	case X_AKI:
		/*
		 * keyIdentifier or not, then the issuer's names and serial
		 * both or neither (a non-negative minimal INTEGER)
		 */
		if (der_expect(&p, end, 0x30, &seq) != 0 || p != end)
			return 0;
		q = seq.val;
		qe = seq.val + seq.len;
		x->aki = NULL;
		if (q < qe && *q == 0x80) {
			if (der_get(&q, qe, &t) != 0)
				return 0;
			x->aki = t.val;
			x->aki_len = t.len;
		}
		if (q < qe) {
			if (der_expect(&q, qe, 0xa1, &name) != 0 ||
			    !general_names_plain(name.val, name.val +
			    name.len) || der_expect(&q, qe, 0x82, &t) != 0 ||
			    q != qe || t.len == 0 || (t.val[0] & 0x80) != 0 ||
			    (t.len > 1 && t.val[0] == 0 &&
			    (t.val[1] & 0x80) == 0))
				return 0;
		}
		return 1;
	case X_SAN:
		return der_expect(&p, end, 0x30, &seq) == 0 && p == end &&
		    general_names_plain(seq.val, seq.val + seq.len);
	case X_NS:
		/* a BIT STRING, of which only its validity counts here */
		return der_expect(&p, end, 0x03, &t) == 0 && p == end &&
		    bitstring(&t) == 0;
	case X_CRLDP:
		/* points named by full names of URIs only, none empty */
		if (der_expect(&p, end, 0x30, &seq) != 0 || p != end ||
		    seq.len == 0)
			return 0;
		q = seq.val;
		qe = seq.val + seq.len;
		while (q < qe) {
			const unsigned char *r;

			if (der_expect(&q, qe, 0x30, &dp) != 0)
				return 0;
			r = dp.val;
			if (der_expect(&r, dp.val + dp.len, 0xa0, &t) != 0 ||
			    r != dp.val + dp.len)
				return 0;
			r = t.val;
			if (der_expect(&r, t.val + t.len, 0xa0, &name) != 0 ||
			    r != t.val + t.len || name.len == 0)
				return 0;
			r = name.val;
			while (r < name.val + name.len)
				if (der_expect(&r, name.val + name.len, 0x86,
				    &t) != 0)
					return 0;
		}
		return 1;
	}
	return 0;
}

/* The same facts from OpenSSL's decoding. */
static int
ext_facts(int which, struct exts *x)
{
	const BASIC_CONSTRAINTS	*bc;
	const ASN1_BIT_STRING	*ku;
	const ASN1_OCTET_STRING	*ski;
	const AUTHORITY_KEYID	*aki;
	const DIST_POINT	*dp;
	int			 i;

	switch (which) {
	case X_BC:
		bc = x->v[X_BC];
		x->bc_ca = bc->ca != 0;
		x->bc_pathlen = -1;
		if (bc->pathlen != NULL && (ASN1_STRING_type(bc->pathlen) ==
		    V_ASN1_NEG_INTEGER ||
		    (x->bc_pathlen = ASN1_INTEGER_get(bc->pathlen)) < 0))
			x->bc_pathlen = -2;
		break;
	case X_KU:
		ku = x->v[X_KU];
		x->ku_len = ASN1_STRING_length(ku);
		x->ku = x->ku_len > 0 ? ASN1_STRING_get0_data(ku)[0] : 0;
		if (x->ku_len > 1)
			x->ku |= (unsigned)ASN1_STRING_get0_data(ku)[1] << 8;
		break;
	case X_SKI:
		ski = x->v[X_SKI];
		x->ski = ASN1_STRING_get0_data(ski);
		x->ski_len = (size_t)ASN1_STRING_length(ski);
		break;
	case X_AKI:
		aki = x->v[X_AKI];
		x->aki = aki->keyid != NULL ?
		    ASN1_STRING_get0_data(aki->keyid) : NULL;
		x->aki_len = aki->keyid != NULL ?
		    (size_t)ASN1_STRING_length(aki->keyid) : 0;
		break;
	case X_CRLDP:
		/* setup_crldp(): a point must have a name of its own */
		for (i = 0; i < sk_DIST_POINT_num(x->v[X_CRLDP]); i++) {
			dp = sk_DIST_POINT_value(x->v[X_CRLDP], i);
			if (dp->distpoint == NULL || dp->distpoint->type != 0)
				return -1;
		}
		break;
	}
	return 0;
}

/* Appends '.' (unless first) and arc in decimal: 0, or -1 past cap. */
static int
put_arc(char *buf, size_t cap, size_t *len, uint64_t arc, int first)
{
	char	 d[21];
	size_t	 n = 0;

	do
		d[n++] = (char)('0' + arc % 10);
	while ((arc /= 10) != 0);
	if (*len + n + 2 > cap)
		return -1;
	if (!first)
		buf[(*len)++] = '.';
	while (n > 0)
		buf[(*len)++] = d[--n];
	buf[*len] = '\0';
	return 0;
}

/*
 * An OID's content as OBJ_obj2txt(..., 1) prints it, into buf: its length,
 * or -1 when an arc would not fit 64 bits or the text 127 characters (the
 * OpenSSL path prints those).
 */
static int
oid_dotted(const unsigned char *v, size_t n, char *buf, size_t cap)
{
	uint64_t	 arc = 0;
	size_t		 i, len = 0;
	int		 first = 1;

	for (i = 0; i < n; i++) {
		if (arc > (UINT64_MAX >> 7))
			return -1;
		arc = arc << 7 | (v[i] & 0x7f);
		if (v[i] & 0x80)
			continue;
		if (first) {
			unsigned top = arc < 40 ? 0 : arc < 80 ? 1 : 2;

			if (put_arc(buf, cap, &len, top, 1) != 0 ||
			    put_arc(buf, cap, &len, arc - 40 * top, 0) != 0)
				return -1;
			first = 0;
		} else if (put_arc(buf, cap, &len, arc, 0) != 0)
			return -1;
		arc = 0;
	}
	return len < 128 ? (int)len : -1;
}

/* The next OID of a list, valid and printable: 0, else -1. */
static int
plain_oid(const unsigned char **p, const unsigned char *end, struct tlv *t)
{
	char	 text[160];

	if (der_expect(p, end, 0x06, t) != 0 || !oid_valid(t->val, t->len) ||
	    oid_dotted(t->val, t->len, text, sizeof(text)) < 0)
		return -1;
	return 0;
}

/* Text that OpenSSL's string types below take as it is. */
static int
plain_text(const struct tlv *t)
{
	size_t	 i;

	switch (t->tag) {
	case V_ASN1_IA5STRING:
	case V_ASN1_VISIBLESTRING:
		for (i = 0; i < t->len; i++)
			if (t->val[i] & 0x80)
				return 0;
		return 1;
	case V_ASN1_UTF8STRING:
		return utf8_valid(t->val, t->len);
	case V_ASN1_BMPSTRING:
		return t->len % 2 == 0;
	}
	return 0;
}

/* id-qt-cps and id-qt-unotice, content bytes */
static const unsigned char qt_cps[] = { 0x2b, 6, 1, 5, 5, 7, 2, 1 };
static const unsigned char qt_unotice[] = { 0x2b, 6, 1, 5, 5, 7, 2, 2 };

/*
 * A policy qualifier that OpenSSL's POLICYQUALINFO decodes: a CPS URI as
 * an IA5String, or a user notice of explicit text alone (or empty).
 * Anything else (notice references, other qualifiers) is OpenSSL's.
 */
static int
plain_qualifier(const struct tlv *q)
{
	const unsigned char *p = q->val, *end = q->val + q->len, *r;
	struct tlv	 oid, v, t;

	if (der_expect(&p, end, 0x06, &oid) != 0 ||
	    der_get(&p, end, &v) != 0 || p != end)
		return 0;
	if (oid.len == sizeof(qt_cps) &&
	    memcmp(oid.val, qt_cps, sizeof(qt_cps)) == 0)
		return v.tag == V_ASN1_IA5STRING && plain_text(&v);
	if (oid.len != sizeof(qt_unotice) ||
	    memcmp(oid.val, qt_unotice, sizeof(qt_unotice)) != 0 ||
	    v.tag != 0x30)
		return 0;
	r = v.val;
	if (r == v.val + v.len)
		return 1;
	return der_get(&r, v.val + v.len, &t) == 0 &&
	    r == v.val + v.len && plain_text(&t);
}

/*
 * EKU (SEQUENCE OF OID) and policies (SEQUENCE OF PolicyInformation) in
 * the shapes their OpenSSL templates decode, read here; 0 otherwise.
 */
static int
ext_plain(int which, const struct tlv *v)
{
	const unsigned char *p = v->val, *end = v->val + v->len, *q, *qe,
			*r, *re;
	struct tlv	 seq, pi, t, quals, qi;

	/* Empty: certdec_eku() says why (it restricts nothing). */
	if (der_expect(&p, end, 0x30, &seq) != 0 || p != end ||
	    seq.len == 0)
		return 0;
	q = seq.val;
	qe = seq.val + seq.len;
	while (q < qe) {
		if (which == X_EKU) {
			if (plain_oid(&q, qe, &t) != 0)
				return 0;
			continue;
		}
		if (der_expect(&q, qe, 0x30, &pi) != 0)
			return 0;
		r = pi.val;
		re = pi.val + pi.len;
		if (plain_oid(&r, re, &t) != 0)
			return 0;
		if (r == re)
			continue;
		if (der_expect(&r, re, 0x30, &quals) != 0 || r != re)
			return 0;
		r = quals.val;
		re = quals.val + quals.len;
		while (r < re)
			if (der_expect(&r, re, 0x30, &qi) != 0 ||
			    !plain_qualifier(&qi))
				return 0;
	}
	return 1;
}

/* The OID at *p as text the certificate owns (ext_plain() checked it). */
static char *
oid_take(const unsigned char **p, const unsigned char *end, struct tlv *t)
{
	char	 text[160];

	(void)der_expect(p, end, 0x06, t);
	(void)oid_dotted(t->val, t->len, text, sizeof(text));
	return xstrdup(text);
}

/* What certdec_eku() and certdec_policies() make of a plain value. */
static void
plain_fill(struct cert *c, int which, const struct tlv *v)
{
	const unsigned char *p = v->val, *end = v->val + v->len, *q, *qe;
	struct tlv	 seq, t, pi;
	size_t		 n = 0;

	(void)der_expect(&p, end, 0x30, &seq);
	for (q = seq.val, qe = seq.val + seq.len; q < qe; n++)
		(void)der_get(&q, qe, &t);
	q = seq.val;
	if (which == X_EKU) {
		certdec_eku_begin(c, n);
		while (q < qe) {
			char		*oid = oid_take(&q, qe, &t);
			const char	*sn = NULL;

			if (!certdec_eku_known(oid))
				(void)oid_nid(&t, &sn);
			certdec_eku_push(c, oid, sn);
		}
		return;
	}
	certdec_policies_begin(c, n);
	while (q < qe) {
		const unsigned char *r;

		(void)der_expect(&q, qe, 0x30, &pi);
		r = pi.val;
		certdec_policy_push(c, oid_take(&r, pi.val + pi.len, &t));
	}
}

static int
read_extensions(const struct tlv *a3, struct exts *x)
{
	const unsigned char *p = a3->val, *end = a3->val + a3->len;
	struct tlv	 seq, ext, oid, t, val;
	int		 i;

	if (der_expect(&p, end, 0x30, &seq) != 0 || p != end)
		return -1;
	p = seq.val;
	end = seq.val + seq.len;
	while (p < end) {
		const unsigned char *q, *qend;
		const char	*sn;
		int		 nid, crit = 0;

		if (der_expect(&p, end, 0x30, &ext) != 0)
			return -1;
		q = ext.val;
		qend = ext.val + ext.len;
		if (der_expect(&q, qend, 0x06, &oid) != 0 ||
		    !oid_valid(oid.val, oid.len) || der_get(&q, qend, &t) != 0)
			return -1;
		if (t.tag == 0x01) {
			if (t.len != 1)
				return -1;
			crit = t.val[0] != 0;
			if (der_get(&q, qend, &t) != 0)
				return -1;
		}
		if (t.tag != 0x04 || q != qend)
			return -1;
		val = t;
		nid = oid_nid(&oid, &sn);
		/* A proxy certificate's flags: the OpenSSL way. */
		if (nid == NID_proxyCertInfo)
			return -1;
		for (i = 0; i < X_N && ext_nid[i] != nid; i++)
			;
		if (i == X_N)
			continue;
		if (x->crit[i] != -1)
			return -1;	/* repeated: OpenSSL's "invalid" */
		x->crit[i] = crit;
		if (i != X_EKU && i != X_CP && i != X_NC &&
		    ext_simple(i, &val, x))
			continue;
		if ((i == X_EKU || i == X_CP) && ext_plain(i, &val)) {
			x->plain[i] = val;
			x->is_plain[i] = 1;
			continue;
		}
		if ((x->v[i] = ext_decode(nid, val.val, val.len)) == NULL) {
			ERR_clear_error();
			return -1;
		}
		if (ext_facts(i, x) != 0)
			return -1;
	}
	return 0;
}

/*
 * basicConstraints, keyUsage and friends as ossl_x509v3_cache_extensions()
 * and X509_check_ca() read them, for a certificate none of whose
 * extensions is invalid; -1 where OpenSSL would call it invalid or where
 * a v1 root's self-signature would decide.
 */
static int
read_flags(struct cert *c, const struct exts *x)
{
	int	 bc = x->crit[X_BC] != -1, ku = x->crit[X_KU] != -1;

	c->pathlen = -1;
	if (bc) {
		c->bc_present = 1;
		if (x->bc_pathlen == -2)
			return -1;
		if (x->bc_ca)
			c->pathlen = x->bc_pathlen;
	}
	if (ku) {
		c->ku_present = 1;
		c->key_usage = x->ku;
		if (c->key_usage == 0)
			return -1;
	}
	/* check_ca() */
	if (ku && (c->key_usage & KU_KEY_CERT_SIGN) == 0)
		c->ca = 0;
	else if (bc)
		c->ca = x->bc_ca;
	else if (ku)
		c->ca = 1;
	else
		return -1;
	if (x->crit[X_SKI] != -1 && x->ski_len <= sizeof(c->ski)) {
		c->ski_len = x->ski_len;
		memcpy(c->ski, x->ski, c->ski_len);
	}
	if (x->aki != NULL && x->aki_len <= sizeof(c->aki)) {
		c->aki_len = x->aki_len;
		memcpy(c->aki, x->aki, c->aki_len);
	}
	return 0;
}

/* The parts of a certificate this reader looks at. */
struct skel {
	struct tlv	 serial, issuer, nb, na, subject, spki, ext, sigalg;
	int		 has_ext;
};

static int
read_skeleton(const unsigned char *der, size_t n, struct skel *k)
{
	const unsigned char *p = der, *end = der + n, *q, *qend;
	struct tlv	 cert, tbs, t, alg, oid, sig, validity;

	memset(k, 0, sizeof(*k));
	if (der_expect(&p, end, 0x30, &cert) != 0 || p != end)
		return -1;
	p = cert.val;
	end = cert.val + cert.len;
	if (der_expect(&p, end, 0x30, &tbs) != 0 ||
	    der_expect(&p, end, 0x30, &k->sigalg) != 0 ||
	    algorithm(&k->sigalg, &oid) != 0 ||
	    der_expect(&p, end, 0x03, &sig) != 0 || bitstring(&sig) != 0 ||
	    p != end)
		return -1;
	q = tbs.val;
	qend = tbs.val + tbs.len;
	/* [0] EXPLICIT INTEGER 2: version 3 only */
	if (qend - q < 5 || memcmp(q, "\xa0\x03\x02\x01\x02", 5) != 0)
		return -1;
	q += 5;
	if (der_expect(&q, qend, 0x02, &k->serial) != 0 ||
	    k->serial.len == 0 || (k->serial.val[0] & 0x80) != 0 ||
	    (k->serial.len > 1 && k->serial.val[0] == 0 &&
	    (k->serial.val[1] & 0x80) == 0))
		return -1;
	if (der_expect(&q, qend, 0x30, &alg) != 0 ||
	    algorithm(&alg, &oid) != 0 ||
	    der_expect(&q, qend, 0x30, &k->issuer) != 0 ||
	    der_expect(&q, qend, 0x30, &validity) != 0 ||
	    der_expect(&q, qend, 0x30, &k->subject) != 0 ||
	    der_expect(&q, qend, 0x30, &k->spki) != 0)
		return -1;
	/* SubjectPublicKeyInfo: hashed as OpenSSL would re-encode it */
	p = k->spki.val;
	end = k->spki.val + k->spki.len;
	if (der_expect(&p, end, 0x30, &alg) != 0 ||
	    algorithm(&alg, &oid) != 0 ||
	    der_expect(&p, end, 0x03, &t) != 0 || t.len == 0 ||
	    t.val[0] != 0 || p != end)
		return -1;
	p = validity.val;
	end = validity.val + validity.len;
	if (der_get(&p, end, &k->nb) != 0 || der_get(&p, end, &k->na) != 0 ||
	    p != end)
		return -1;
	if (q < qend) {
		/* issuer and subject unique IDs: the OpenSSL way */
		if (der_expect(&q, qend, 0xa3, &k->ext) != 0)
			return -1;
		k->has_ext = 1;
	}
	return q == qend ? 0 : -1;
}

int
certdec_spki(const unsigned char *der, size_t n, const unsigned char **spki,
    size_t *len)
{
	struct skel	 k;

	if (read_skeleton(der, n, &k) != 0)
		return -1;
	*spki = k.spki.tlv;
	*len = k.spki.tlvlen;
	return 0;
}

int
cert_decode_der(struct cert *c, int *bad_validity)
{
	struct name	 names, *nm = &names;
	struct skel	 k;
	struct exts	 x;
	struct tlv	 oid;
	const char	*sn;
	const unsigned char *sp;
	size_t		 i;
	int		 nid, ok = 0;

	*bad_validity = 0;
	pthread_once(&known_once, known_init);
	memset(&x, 0, sizeof(x));
	if (read_skeleton(c->der, c->der_len, &k) != 0 ||
	    read_time(&k.nb, &c->not_before) != 0 ||
	    read_time(&k.na, &c->not_after) != 0)
		return 0;
	for (i = 0; i < X_N; i++)
		x.crit[i] = -1;
	if (k.has_ext && read_extensions(&k.ext, &x) != 0)
		goto out;
	if (read_flags(c, &x) != 0)
		goto out;
	if (read_name(&k.subject, nm) != 0)
		goto out;
	c->subject = name_print(nm);
	name_identity(nm, c->subject_id);
	if (read_name(&k.issuer, nm) != 0)
		goto out;
	c->issuer = name_print(nm);
	name_identity(nm, c->issuer_id);
	c->subject_hash = certdec_name_hash(c->subject_id);
	c->issuer_hash = certdec_name_hash(c->issuer_id);
	c->self_issued = memcmp(c->subject_id, c->issuer_id, 32) == 0;

	sp = k.sigalg.val;
	(void)der_expect(&sp, k.sigalg.val + k.sigalg.len, 0x06, &oid);
	nid = oid_nid(&oid, &sn);
	c->sigalg = nid != NID_undef && OBJ_nid2ln(nid) != NULL ?
	    OBJ_nid2ln(nid) : "unknown";
	c->sig_unsupported = !certdec_sigalg_supported(nid);

	sp = k.serial.val;
	i = k.serial.len;
	if (i > 1 && sp[0] == 0) {
		sp++;
		i--;
	}
	c->serial = xmalloc(2 * i + 1);
	hex_encode(sp, i, c->serial);

	digest_sha1(c->der, c->der_len, c->sha1);
	digest_sha256(k.spki.tlv, k.spki.tlvlen, c->spki_sha256);
	if (x.is_plain[X_EKU])
		plain_fill(c, X_EKU, &x.plain[X_EKU]);
	else
		certdec_eku(c, x.v[X_EKU], x.crit[X_EKU]);
	if (x.is_plain[X_CP])
		plain_fill(c, X_CP, &x.plain[X_CP]);
	else
		certdec_policies(c, x.v[X_CP], x.crit[X_CP]);
	certdec_name_constraints(c, x.v[X_NC], x.crit[X_NC]);
	ok = 1;
 out:
	exts_free(&x);
	ERR_clear_error();
	if (!ok)
		cert_reset(c);
	return ok;
}
