/*
 * Differential: one certificate's DER decoded the way the program decodes
 * it (the strict reader of cert_der.c, else cert_decode_openssl()) and,
 * apart, by libcrypto's own objects (d2i_X509, X509_get_ext_d2i,
 * ASN1_TIME_to_tm).  Every fact a verdict depends on must agree: the CA
 * flag, the path length, EKU, policies, name constraints and validity,
 * and where libcrypto cannot decode a field the program must have read
 * it the way that keeps the certificate in scope.  A disagreement aborts.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "fuzz.h"
#include "cert/certdec.h"
#include "../unit/certdec_cmp.h"

static void
differ(const char *what)
{
	fprintf(stderr, "certdiff: the program and libcrypto differ: %s\n",
	    what);
	abort();
}

static int
oid_is(const char *text, const ASN1_OBJECT *o)
{
	char	 buf[128];
	int	 n = OBJ_obj2txt(buf, sizeof(buf), o, 1);

	if (n <= 0 || (size_t)n >= sizeof(buf))
		return 1;	/* printed another way: not compared */
	return strcmp(text, buf) == 0;
}

static astime
tm_time(const ASN1_TIME *t, int *ok)
{
	struct tm	 tm;

	*ok = t != NULL && ASN1_TIME_to_tm(t, &tm);
	if (!*ok)
		return 0;
	return time_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
compare(const struct cert *c, X509 *x)
{
	BASIC_CONSTRAINTS	*bc;
	ASN1_BIT_STRING		*ku;
	EXTENDED_KEY_USAGE	*eku;
	CERTIFICATEPOLICIES	*cp;
	NAME_CONSTRAINTS	*nc;
	int			 crit, kcrit, ok, i, ku_denies;
	astime			 t;

	/* keyUsage that decodes and lacks keyCertSign: never a CA. */
	ku = X509_get_ext_d2i(x, NID_key_usage, &kcrit, NULL);
	ku_denies = ku != NULL && !(ASN1_STRING_length(ku) > 0 &&
	    (ASN1_STRING_get0_data(ku)[0] & KU_KEY_CERT_SIGN));
	ASN1_BIT_STRING_free(ku);

	bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
	if (bc != NULL) {
		if (bc->ca && !ku_denies && !c->ca)
			differ("basicConstraints cA TRUE, not a CA");
		if (!bc->ca && c->ca)
			differ("basicConstraints cA FALSE, a CA");
		if (bc->ca && c->ca) {
			long want = -1;

			if (bc->pathlen != NULL && ASN1_STRING_type(
			    bc->pathlen) != V_ASN1_NEG_INTEGER)
				want = ASN1_INTEGER_get(bc->pathlen);
			if (c->pathlen != want)
				differ("pathLenConstraint");
		}
		BASIC_CONSTRAINTS_free(bc);
	} else if (crit != -1) {
		if (!ku_denies && !c->ca)
			differ("basicConstraints undecodable, not a CA");
		if (!(c->bad & CF_BIT(CF_BC)))
			differ("basicConstraints undecodable, not said");
	}

	eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
	if (eku != NULL) {
		if (!c->eku_present || c->neku != (size_t)sk_ASN1_OBJECT_num(eku))
			differ("EKU count");
		for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++)
			if (!oid_is(c->eku_oids[i], sk_ASN1_OBJECT_value(eku, i)))
				differ("EKU OID");
		sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	} else if (crit == -1) {
		if (c->eku_present)
			differ("EKU absent, read as present");
	} else if (!c->eku_any || c->eku_purposes != PURP_ALL ||
	    !(c->bad & CF_BIT(CF_EKU)))
		differ("EKU undecodable, not read as every purpose");

	cp = X509_get_ext_d2i(x, NID_certificate_policies, &crit, NULL);
	if (cp != NULL) {
		if (!c->pol_present ||
		    c->npolicies != (size_t)sk_POLICYINFO_num(cp))
			differ("policy count");
		for (i = 0; i < sk_POLICYINFO_num(cp); i++)
			if (!oid_is(c->policies[i],
			    sk_POLICYINFO_value(cp, i)->policyid))
				differ("policy OID");
		sk_POLICYINFO_pop_free(cp, POLICYINFO_free);
	} else if (crit == -1) {
		if (c->pol_present)
			differ("policies absent, read as present");
	} else if (!c->pol_any || !(c->bad & CF_BIT(CF_CP)))
		differ("policies undecodable, not read as anyPolicy");

	nc = X509_get_ext_d2i(x, NID_name_constraints, &crit, NULL);
	if (nc != NULL) {
		/* sk_num() of an absent list is -1 */
		int np = sk_GENERAL_SUBTREE_num(nc->permittedSubtrees);
		int ne = sk_GENERAL_SUBTREE_num(nc->excludedSubtrees);

		if (!c->nc.present || c->nc.nitems != (size_t)((np > 0 ? np :
		    0) + (ne > 0 ? ne : 0)))
			differ("name constraints");
		NAME_CONSTRAINTS_free(nc);
	} else if (c->nc.present)
		differ("name constraints absent or undecodable, read as "
		    "constraining");
	else if (crit != -1 && !(c->bad & CF_BIT(CF_NC)))
		differ("name constraints undecodable, not said");

	t = tm_time(X509_get0_notBefore(x), &ok);
	if (ok ? c->not_before != t : c->not_before != CERT_TIME_EARLIEST)
		differ("notBefore");
	t = tm_time(X509_get0_notAfter(x), &ok);
	if (ok ? c->not_after != t : c->not_after != CERT_TIME_LATEST)
		differ("notAfter");
	ERR_clear_error();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct cert	*c;
	const unsigned char *p = d;
	X509		*x;
	char		 err[256];
	int		 bv, strict;

	fuzz_init();
	c = certdec_blank(d, n);
	strict = cert_decode_der(c, &bv);
	if (!strict && cert_decode_openssl(c, &bv, err, sizeof(err)) != 0) {
		certdec_blank_free(c);
		ERR_clear_error();
		return 0;
	}
	/* The bytes decoded (cert_decode_openssl() may drop trailing ones). */
	x = d2i_X509(NULL, &p, (long)c->der_len);
	if (x == NULL) {
		/* The strict reader takes only what OpenSSL decodes. */
		if (strict)
			differ("the strict reader took what d2i_X509 refuses");
	} else
		compare(c, x);
	X509_free(x);
	certdec_blank_free(c);
	ERR_clear_error();
	return 0;
}
