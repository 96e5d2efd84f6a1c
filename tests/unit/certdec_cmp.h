/*
 * The two decoding paths of certdec.h must agree: the first field in
 * which two decodings of the same DER differ, or NULL.  Shared by
 * tests/unit/check_certdec.c and tests/fuzz/fuzz_certdec.c.
 */
#ifndef CERTDEC_CMP_H
#define CERTDEC_CMP_H

#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "cert/certdec.h"

static inline int
strv_differ(const char *const *a, const char *const *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 1;
	return 0;
}

static inline const char *
certdec_diff(const struct cert *a, const struct cert *b)
{
#define F(x)	if (a->x != b->x) return #x
#define M(x)	if (memcmp(a->x, b->x, sizeof(a->x)) != 0) return #x
#define S(x)	if (strcmp(a->x, b->x) != 0) return #x
/* Owned (char **) or borrowed (const char **) lists alike. */
#define V(x, n)	if (strv_differ((const char *const *)a->x, \
		    (const char *const *)b->x, a->n)) return #x
	F(der_len);
	M(sha256);
	M(sha1);
	M(spki_sha256);
	M(subject_id);
	M(issuer_id);
	F(subject_hash);
	F(issuer_hash);
	S(subject);
	S(issuer);
	S(serial);
	S(sigalg);
	F(not_before);
	F(not_after);
	F(bc_present);
	F(ca);
	F(pathlen);
	F(ku_present);
	F(key_usage);
	F(eku_present);
	F(eku_any);
	F(eku_purposes);
	F(neku);
	V(eku_oids, neku);
	V(eku_names, neku);
	F(pol_present);
	F(pol_any);
	F(pol_ev);
	F(npolicies);
	V(policies, npolicies);
	F(nc.present);
	M(nc.permitted);
	M(nc.excluded);
	F(nc.excluded_all_ip4);
	F(nc.excluded_all_ip6);
	F(nc.nitems);
	V(nc.items, nc.nitems);
	F(ski_len);
	F(aki_len);
	if (memcmp(a->ski, b->ski, a->ski_len) != 0)
		return "ski";
	if (memcmp(a->aki, b->aki, a->aki_len) != 0)
		return "aki";
	F(self_issued);
	F(sig_unsupported);
	F(ext_invalid);
	F(bad);
	F(bad_repeated);
#undef F
#undef M
#undef S
#undef V
	return NULL;
}

/* A certificate of these bytes, undecoded, as the inventory files it. */
static inline struct cert *
certdec_blank(const unsigned char *der, size_t n)
{
	struct cert	*c = xcalloc(1, sizeof(*c));

	c->der = xmalloc(n > 0 ? n : 1);
	memcpy(c->der, der, n);
	c->der_len = n;
	digest_sha256(der, n, c->sha256);
	return c;
}

/* Frees what certdec_blank() and decoding allocated. */
static inline void
certdec_blank_free(struct cert *c)
{
	cert_free(c);
	free(c->der);
	free(c);
}

/*
 * Decodes der both ways.  Returns -1 when the strict reader declined,
 * 0 when it took the certificate and agrees, 1 when they differ (the
 * field's name in *field).
 */
static inline int
certdec_compare(const unsigned char *der, size_t n, const char **field)
{
	struct cert	*fast = certdec_blank(der, n);
	struct cert	*ref = certdec_blank(der, n);
	char		 err[256];
	int		 bv_fast, bv_ref, r = -1;

	*field = NULL;
	if (cert_decode_der(fast, &bv_fast)) {
		if (cert_decode_openssl(ref, &bv_ref, err, sizeof(err)) != 0)
			*field = "(OpenSSL cannot decode it)";
		else if (bv_fast != bv_ref)
			*field = "bad_validity";
		else
			*field = certdec_diff(fast, ref);
		r = *field != NULL;
	}
	certdec_blank_free(fast);
	certdec_blank_free(ref);
	return r;
}

#endif /* CERTDEC_CMP_H */
