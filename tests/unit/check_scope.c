/*
 * The scope engine over the fixture hierarchy (scripts/mkfixtures): each
 * EKU shape in each kind, narrowing mid-chain, second paths through
 * cross-certificates, technical constraints on one or all paths, period
 * edges, revocation, anchors and the rule sets.  Expected statuses are
 * written from the rules in DOMAIN.md, not from the engine's output.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "setup/setup.h"
#include "test_run.h"
#include "testinv.h"

/* Fingerprints from fixtures/sample/MANIFEST.tsv. */
#define ROOT_A		"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"
#define ROOT_B		"BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA"
#define CROSS_A_BY_B	"8CD83B5B2AC2ABE2C685983A506B639122E3EB29D80843FBBC1F230E64C4E27A"
#define CROSS_B_BY_A	"EC9D4CE8BF1AC84699D071717AB75D6C1643FDDAAF91E06F8A35DC0BBE42CFFD"
#define ROOT_A_REISSUED	"3C5A411A1975B17E186673D864F3FCC26092D7663F57CC1445ED3A2990AE3334"
#define NO_EKU		"AAAB88885FCE41364F8DD88E379884AD4A06CFF77AD5B527D351DE69CDB3BB72"
#define ANY_EKU		"BAA8EE5A430D7B464A52D21E37C05BC68ACD572F9121B01873BA95E43CD9B7F4"
#define TLS		"EA3707C1C5CE0361F03F945EA6B929994770E78DF1D3DDCB429BCA28E4DD2EFA"
#define TLS_CLIENT	"8288F1D6A687B9EF1ED462C7203A3E457B27A882E6A54FC7A67CE6BBE3ED2790"
#define CLIENT		"054E7EF768B1E68A26C9F4CB3727FD1F90885893AAD242F44E5586047E84EBF7"
#define SMIME		"F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642"
#define CODESIGN	"4DC543E5FCFB9F9B148B7F55CD0779BD84C24E76657FF7408672FD35649BEEED"
#define TIMESTAMP	"868D8C98FF1C720F864ACEA3BE8FBB982267C9E44D042211CCE8D900721DCDF5"
#define UNKNOWN_EKU	"EA406E0765A7497DB431875F136E629DE5A5251444CB57CC468001F4FEB24587"
#define EV		"B1AF854B72DA91149034EEDECFEF82F186E8B9F1AB6C061E80D9FF4A1B7A8CAB"
#define ANYPOLICY	"168535FEA1D930F88969CDA7C3018938E968859909B76BE7ADEF1F8D1ACF7CD4"
#define NARROWED	"044A1610ADCE1B673B20013C5AF8C60A8D7E65FB8246FFC2912BA54018A45F94"
#define TC_TLS		"999EFF4DC9DAFF0330B6E97D50559342EAE8D4D069D3E4822360F3E78A759CE5"
#define TC_SMIME	"42459857D198A7E84D6B887C1849CE32FE4BC2446A3F17C26BFFFE8357E7D9BE"
#define PARTLY_BY_A	"C4611A7CFAF4945B033B54A28A58E7C853ED222BFC5EDB2786AA73DF476A247F"
#define PARTLY_BY_B	"B5697AA2A01EBF8906985EF37C4BD2C097A6D8DDFE67D77B02F77C5651A77D4B"
#define PARTLY_CHILD	"C2E637A659120DB1AE07D2E9F9ACAA66F1A73D3D88987CCA604173E46EDB594A"
#define EXPIRED		"E6DACF05E38A8AC82B920529DBB2BB8C05AEEF1FD678A7CD392E1C6AACD1AEF6"
#define FUTURE		"4AE1E4F28BA81A7FCC1B093F1FC711A675CC60DCF1DFB5BF4E218FC18F90E0F4"
#define REVOKED		"B551EBFBE0662F624F6D1240F29D79EC0C7400D595B8C6374A57E605196E94FC"
#define REVOKED_DURING	"802F51A26B02C3CF6E7D64BE00CBB0AC6F73A3ECBD629B772E0B816E0B894742"
#define TWIN_IMPOSTOR	"0F1E966F312EE793CCA65CA56714957B549F23CDC698C129CB23A48BA494F236"
#define ROOT_C		"9F8AF7E891EE0E121E8676A53500E6275218C1C75A994E91749114921E350EB8"
#define CROSS_B_BY_C	"9CA2AFBF36B0097442DB0DD736BD5D17C20A6EA6930ACFDE2382DC2CAEC4F70F"
#define CROSS_C_BY_A	"3FB2928AAAECE3E6A7A9A22080700325DE1272D3ACDC86915D97AE913382C86D"
#define SMIME_SHA1_BY_B	"4333CE634D6EBB2E49985CBA50677A129F2F358CC7414DDD40373DDB00C29C55"
#define LEAF		"5A78B785D01A6BC99A2EACD99530B841B1D917E144D432CD73A88610634115A9"

static struct inventory *inv;
static struct hierarchy hier;
static struct revocation *rev;	/* --revoked, by certificate index */

static void
setup(void)
{
	diag_set_stream(&test_run, NULL);
	inv = new_inv();
	ck_assert_int_eq(test_add_path(inv, "fixtures/sample/bundle.pem"),
	    0);
	inventory_sort(inv);
	hierarchy_build(&hier, inv, NULL);
	rev = xcalloc(inv->ncerts + 1, sizeof(*rev));
	ck_assert_int_eq(revoked_load(&test_run, inv, rev,
	    "fixtures/sample/revoked.txt"), 0);
}

static void
teardown(void)
{
	hierarchy_free(&hier);
	inventory_free(inv);
	inv = NULL;
	free(rev);
	rev = NULL;
}

static size_t
idx(const char *fp)
{
	unsigned char	 sha[32];
	long		 i;

	ck_assert_int_eq(fp_parse(fp, sha), 0);
	i = inventory_find(inv, sha);
	ck_assert_msg(i >= 0, "%s not in the fixture inventory", fp);
	return (size_t)i;
}

/*
 * An EV policy OID for each audited root (the fixture CAs carry the
 * CA/Browser Forum's or anyPolicy): EV needs one known for the root.
 */
static char *const root_ev_oids[] = {
	ROOT_A "=1.3.6.1.4.1.99999.1.1",
	ROOT_B "=1.3.6.1.4.1.99999.1.2",
};

/* Anchors Root A and Root B, period 2025, all kinds. */
static struct scope *
eval(enum scope_rules rules, const char *period, int default_anchors,
    const struct trust_entry *trust, size_t ntrust)
{
	static unsigned char	 anchors[2][32];
	struct scope_opts	 so;

	memset(&so, 0, sizeof(so));
	so.h = &hier;
	so.revoked = rev;
	so.rules = rules;
	ck_assert_int_eq(period_parse(period, &so.period), 0);
	so.kinds = (1u << NKINDS) - 1;
	if (!default_anchors) {
		fp_parse(ROOT_A, anchors[0]);
		fp_parse(ROOT_B, anchors[1]);
		so.anchors = (const unsigned char (*)[32])anchors;
		so.nanchors = 2;
	}
	so.trust = trust;
	so.ntrust = ntrust;
	so.ev_oids = root_ev_oids;
	so.nev_oids = 2;
	return scope_eval(inv, &so);
}

struct expect {
	const char	*fp;
	const char	*name;
	/* standard, netsec, tls, ev, smime, codesigning */
	enum scope_status st[NKINDS];
};

#define R	ST_REQUIRED
#define NC	ST_NOT_CAPABLE
#define TC	ST_TECHNICALLY_CONSTRAINED

static const struct expect table[] = {
	{ ROOT_A, "root A", { R, R, R, R, R, R } },
	{ ROOT_A_REISSUED, "root A re-issued (same key)", { R, R, R, R, R, R } },
	{ CROSS_A_BY_B, "A by B, no EKU", { R, R, R, R, R, R } },
	{ CROSS_B_BY_A, "B by A, no EKU", { R, R, R, R, R, R } },
	{ NO_EKU, "no EKU", { R, R, R, NC, R, R } },
	{ ANY_EKU, "anyEKU", { R, R, R, NC, R, R } },
	{ TLS, "serverAuth", { R, R, R, NC, NC, NC } },
	{ TLS_CLIENT, "serverAuth+clientAuth", { R, R, R, NC, NC, NC } },
	/* CCADB Policy 5: clientAuth asks Standard and NetSec audits. */
	{ CLIENT, "clientAuth only (mozilla)", { R, R, NC, NC, NC, NC } },
	{ SMIME, "emailProtection", { R, R, NC, NC, R, NC } },
	{ SMIME_SHA1_BY_B, "emailProtection, SHA-1 by B", { R, R, NC, NC, R, NC } },
	{ CODESIGN, "codeSigning", { R, R, NC, NC, NC, R } },
	{ TIMESTAMP, "timeStamping", { R, R, NC, NC, NC, R } },
	{ UNKNOWN_EKU, "unknown OID only", { NC, NC, NC, NC, NC, NC } },
	{ EV, "serverAuth + EV policy", { R, R, R, R, NC, NC } },
	{ ANYPOLICY, "serverAuth + anyPolicy", { R, R, R, R, NC, NC } },
	/* Parent serverAuth only, child no EKU: TLS only. */
	{ NARROWED, "narrowed child", { R, R, R, NC, NC, NC } },
	{ TC_TLS, "constrained TLS", { TC, TC, TC, NC, NC, NC } },
	{ TC_SMIME, "constrained S/MIME", { TC, TC, NC, NC, TC, NC } },
	/* Constrained itself, but its key also has an unconstrained path. */
	/*
	 * Its own path is constrained: its twin by B, required, is a hint
	 * in its reasons, never why it would be required.
	 */
	{ PARTLY_BY_A, "partly constrained, by A", { TC, TC, TC, NC, NC, NC } },
	{ PARTLY_BY_B, "partly constrained, by B", { R, R, R, NC, NC, NC } },
	{ PARTLY_CHILD, "child of the partly constrained key",
	    { R, R, R, NC, NC, NC } },
	{ EXPIRED, "expired 2024-12-31", { ST_EXPIRED_BEFORE_PERIOD,
	    ST_EXPIRED_BEFORE_PERIOD, ST_EXPIRED_BEFORE_PERIOD,
	    ST_EXPIRED_BEFORE_PERIOD, ST_EXPIRED_BEFORE_PERIOD,
	    ST_EXPIRED_BEFORE_PERIOD } },
	{ FUTURE, "issued 2026-01-01", { ST_ISSUED_AFTER_PERIOD,
	    ST_ISSUED_AFTER_PERIOD, ST_ISSUED_AFTER_PERIOD,
	    ST_ISSUED_AFTER_PERIOD, ST_ISSUED_AFTER_PERIOD,
	    ST_ISSUED_AFTER_PERIOD } },
	{ REVOKED, "revoked 2024-06-30", { ST_REVOKED_BEFORE_PERIOD,
	    ST_REVOKED_BEFORE_PERIOD, ST_REVOKED_BEFORE_PERIOD,
	    ST_REVOKED_BEFORE_PERIOD, ST_REVOKED_BEFORE_PERIOD,
	    ST_REVOKED_BEFORE_PERIOD } },
	{ REVOKED_DURING, "revoked 2025-06-30", { R, R, R, NC, R, R } },
	{ TWIN_IMPOSTOR, "same name, other key", { ST_NO_VALID_PATH,
	    ST_NO_VALID_PATH, ST_NO_VALID_PATH, ST_NO_VALID_PATH,
	    ST_NO_VALID_PATH, ST_NO_VALID_PATH } },
	/*
	 * Root C is no anchor, but audited A certifies its key (for
	 * emailProtection): with no owner data its hierarchy is in scope,
	 * fail safe, through that cross-certificate.
	 */
	{ CROSS_B_BY_C, "B signed by cross-certified root C", { R, R, NC, NC,
	    R, NC } },
	/* Audited key signing an outside CA, emailProtection. */
	{ CROSS_C_BY_A, "C signed by A", { R, R, NC, NC, R, NC } },
	{ ROOT_C, "root C, self-signed twin of C by A", { R, R, NC, NC, R,
	    NC } },
	{ LEAF, "leaf", { ST_NOT_CA, ST_NOT_CA, ST_NOT_CA, ST_NOT_CA,
	    ST_NOT_CA, ST_NOT_CA } },
};

START_TEST(each_certificate_each_kind)
{
	const struct expect	*e = &table[_i];
	struct scope		*sc = eval(RULES_MOZILLA,
				    "2025-01-01..2025-12-31", 0, NULL, 0);
	size_t			 ci = idx(e->fp);
	unsigned		 k;

	for (k = 0; k < NKINDS; k++)
		ck_assert_msg(scope_status(sc, ci, k) == e->st[k],
		    "%s in %s: %s, expected %s", e->name, kind_name(k),
		    status_name(scope_status(sc, ci, k)),
		    status_name(e->st[k]));
	scope_free(sc);
}
END_TEST

START_TEST(every_required_has_reasons)
{
	struct scope	*sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0,
			    NULL, 0);
	size_t		 i, n;
	unsigned	 k;

	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < NKINDS; k++) {
			(void)scope_reasons(sc, i, k, &n);
			ck_assert_msg(n > 0, "%s has no reason",
			    inv->certs[i]->subject);
		}
	scope_free(sc);
}
END_TEST

/* The reasons of one verdict, joined: scope_reasons() lends its own. */
static char *
reasons_of(const struct scope *sc, size_t ci, enum audit_kind k)
{
	const char * const	*r = NULL;
	size_t			 n = 0, i;
	struct buf		 b = { 0 };

	r = scope_reasons(sc, ci, k, &n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "; " : "", r[i]);
	return buf_take(&b);
}

/* Certificate fp's reasons in kind k include needle. */
static void
reason_has(const struct scope *sc, const char *fp, enum audit_kind k,
    const char *needle)
{
	char	*s = reasons_of(sc, idx(fp), k);

	ck_assert_msg(strstr(s, needle) != NULL, "%s: %s", fp, s);
	free(s);
}

/*
 * Reasons are worked out when asked: asked backwards, kind by kind, they
 * must read as they do asked forwards, certificate by certificate (the
 * paths kept for issuers' children must not depend on who asked first).
 */
START_TEST(reasons_do_not_depend_on_order)
{
	struct scope	*a = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0,
			    NULL, 0);
	struct scope	*b = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0,
			    NULL, 0);
	char		**fwd;
	size_t		 i, n = inv->ncerts * NKINDS;
	unsigned	 k;

	fwd = calloc(n, sizeof(*fwd));
	ck_assert_ptr_nonnull(fwd);
	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < NKINDS; k++)
			fwd[i * NKINDS + k] = reasons_of(a, i, k);
	for (k = NKINDS; k-- > 0;)
		for (i = inv->ncerts; i-- > 0;) {
			char *s = reasons_of(b, i, k);

			ck_assert_str_eq(s, fwd[i * NKINDS + k]);
			free(s);
		}
	for (i = 0; i < n; i++)
		free(fwd[i]);
	free(fwd);
	scope_free(a);
	scope_free(b);
}
END_TEST

/*
 * The partly constrained CA signed by A is constrained on its own path;
 * its key is required through B's certificate, but that is a hint in its
 * reasons, not its status (DOMAIN: each certificate decides its own).
 */
START_TEST(twin_is_a_hint)
{
	struct scope	*sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0,
			    NULL, 0);
	size_t		 ci = idx(PARTLY_BY_A), twin = idx(PARTLY_BY_B);
	char		*s, want[200];

	ck_assert_int_eq(scope_status(sc, ci, KIND_TLS),
	    ST_TECHNICALLY_CONSTRAINED);
	ck_assert_int_eq(scope_status(sc, twin, KIND_TLS), ST_REQUIRED);
	snprintf(want, sizeof(want), "note: same subject and key as %s "
	    "(required)", PARTLY_BY_B);
	s = reasons_of(sc, ci, KIND_TLS);
	ck_assert_msg(strstr(s, want) != NULL, "%s", s);
	ck_assert_msg(strstr(s, "must be listed") == NULL, "%s", s);
	free(s);
	s = reasons_of(sc, twin, KIND_TLS);
	ck_assert_msg(strstr(s, "path Example Root B > Example Partly "
	    "Constrained CA permits serverAuth") != NULL, "%s", s);
	free(s);
	scope_free(sc);
}
END_TEST

/*
 * A self-signed key the audited hierarchy cross-certifies: its twin and
 * what it signs name the cross-certificate; with --external (or another
 * CA Owner in CCADB) they are that owner's hierarchy instead, and the
 * cross-certificate stays on the signer's statement.
 */
START_TEST(cross_certified_root)
{
	struct scope		*sc;
	struct scope_opts	 so;
	struct scope_external	 ext;
	static unsigned char	 anchors[2][32];
	char			*s;

	sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0, NULL, 0);
	s = reasons_of(sc, idx(ROOT_C), KIND_SMIME);
	ck_assert_msg(strstr(s, "self-signed twin of the cross-certificate "
	    CROSS_C_BY_A) != NULL, "%s", s);
	free(s);
	s = reasons_of(sc, idx(CROSS_B_BY_C), KIND_SMIME);
	ck_assert_msg(strstr(s, "in scope through the cross-certificate "
	    CROSS_C_BY_A) != NULL, "%s", s);
	free(s);
	scope_free(sc);

	memset(&so, 0, sizeof(so));
	so.h = &hier;
	so.revoked = rev;
	ck_assert_int_eq(period_parse("2025-01-01..2025-12-31", &so.period),
	    0);
	so.kinds = (1u << NKINDS) - 1;
	fp_parse(ROOT_A, anchors[0]);
	fp_parse(ROOT_B, anchors[1]);
	so.anchors = (const unsigned char (*)[32])anchors;
	so.nanchors = 2;
	memset(&ext, 0, sizeof(ext));
	fp_parse(ROOT_C, ext.sha256);
	ext.owner = "Other CA Owner";
	so.external = &ext;
	so.nexternal = 1;
	sc = scope_eval(inv, &so);
	ck_assert_int_eq(scope_status(sc, idx(CROSS_C_BY_A), KIND_SMIME),
	    ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_C), KIND_SMIME),
	    ST_EXTERNAL_HIERARCHY);
	/* An audited key C signs: the reverse direction, as before. */
	ck_assert_int_eq(scope_status(sc, idx(CROSS_B_BY_C), KIND_STANDARD),
	    ST_EXTERNAL_CROSS);
	s = reasons_of(sc, idx(ROOT_C), KIND_STANDARD);
	ck_assert_msg(strstr(s, "Other CA Owner") != NULL &&
	    strstr(s, CROSS_C_BY_A) != NULL, "%s", s);
	free(s);
	scope_free(sc);
}
END_TEST

/*
 * EV needs an EV policy OID known for the root: without one nothing is
 * EV-capable, and the root says so once; with one, a CA carrying neither
 * it, the CA/Browser Forum's OID nor anyPolicy breaks the path.
 */
START_TEST(ev_needs_root_oid)
{
	struct scope_opts	 so;
	struct scope		*sc;
	static unsigned char	 anchors[1][32];
	static char *const	 other[] = { "2.16.840.1.114412.2.1" };

	memset(&so, 0, sizeof(so));
	so.h = &hier;
	so.revoked = rev;
	ck_assert_int_eq(period_parse("2025-01-01..2025-12-31", &so.period),
	    0);
	so.kinds = KIND_BIT(KIND_EV) | KIND_BIT(KIND_TLS);
	fp_parse(ROOT_A, anchors[0]);
	so.anchors = (const unsigned char (*)[32])anchors;
	so.nanchors = 1;
	sc = scope_eval(inv, &so);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_A), KIND_TLS), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_A), KIND_EV),
	    ST_NOT_CAPABLE);
	ck_assert_int_eq(scope_status(sc, idx(EV), KIND_EV), ST_NOT_CAPABLE);
	reason_has(sc, ROOT_A, KIND_EV, "no EV policy OID is known for this "
	    "root");
	reason_has(sc, ROOT_A, KIND_EV, "no trust data: every purpose, EV "
	    "only by --ev-oid");
	reason_has(sc, EV, KIND_EV, "no EV policy OID is known for the roots "
	    "above it");
	scope_free(sc);

	/* An OID for every root: the EV CA (2.23.140.1.1) is EV-capable. */
	so.ev_oids = other;
	so.nev_oids = 1;
	sc = scope_eval(inv, &so);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_A), KIND_EV), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(EV), KIND_EV), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(ANYPOLICY), KIND_EV),
	    ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(TLS), KIND_EV), ST_NOT_CAPABLE);
	reason_has(sc, TLS, KIND_EV, "no path carries its root's EV policy OID");
	scope_free(sc);
}
END_TEST

/*
 * A kind not evaluated has no status: read as 0 it would say
 * "required", so asking is an internal error, not an answer.
 */
START_TEST(unevaluated_kind_aborts)
{
	struct scope_opts	 so;
	struct scope		*sc;

	memset(&so, 0, sizeof(so));
	so.h = &hier;
	so.revoked = rev;
	ck_assert_int_eq(period_parse("2025-01-01..2025-12-31", &so.period),
	    0);
	so.kinds = KIND_BIT(KIND_SMIME);
	sc = scope_eval(inv, &so);
	ck_assert_int_eq(scope_status(sc, idx(TLS), KIND_SMIME),
	    ST_NOT_CAPABLE);
	(void)scope_status(sc, idx(TLS), KIND_TLS);	/* aborts */
	scope_free(sc);
}
END_TEST

START_TEST(ccadb_rules_add_client_auth)
{
	struct scope	*sc = eval(RULES_CCADB, "2025-01-01..2025-12-31", 0,
			    NULL, 0);
	size_t		 ci = idx(CLIENT);

	ck_assert_int_eq(scope_status(sc, ci, KIND_TLS), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, ci, KIND_STANDARD), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, ci, KIND_SMIME), ST_NOT_CAPABLE);
	scope_free(sc);
}
END_TEST

START_TEST(mozilla_rules_note_ccadb)
{
	struct scope		*sc = eval(RULES_MOZILLA,
				    "2025-01-01..2025-12-31", 0, NULL, 0);
	const char * const	*r;
	size_t			 n, i;
	int			 noted = 0;

	r = scope_reasons(sc, idx(CLIENT), KIND_TLS, &n);
	for (i = 0; i < n; i++)
		if (strstr(r[i], "--rules ccadb") != NULL)
			noted = 1;
	ck_assert_msg(noted, "no note that the ccadb rules would add it");
	scope_free(sc);
}
END_TEST

START_TEST(period_edges)
{
	struct scope	*sc;

	/* Expires 2024-12-31: in a period starting that day. */
	sc = eval(RULES_MOZILLA, "2024-12-31..2025-12-30", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(EXPIRED), KIND_TLS),
	    ST_REQUIRED);
	scope_free(sc);
	/* Issued 2026-01-01: in a period ending that day. */
	sc = eval(RULES_MOZILLA, "2025-01-02..2026-01-01", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(FUTURE), KIND_TLS),
	    ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(EXPIRED), KIND_TLS),
	    ST_EXPIRED_BEFORE_PERIOD);
	scope_free(sc);
	/* Revoked 2025-06-30: before a period starting 2025-07-01. */
	sc = eval(RULES_MOZILLA, "2025-07-01..2026-06-30", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(REVOKED_DURING), KIND_TLS),
	    ST_REVOKED_BEFORE_PERIOD);
	scope_free(sc);
	/* Revoked 2025-06-30: during a period starting that day. */
	sc = eval(RULES_MOZILLA, "2025-06-30..2026-06-29", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(REVOKED_DURING), KIND_TLS),
	    ST_REQUIRED);
	scope_free(sc);
}
END_TEST

START_TEST(default_anchors_include_outside_root)
{
	struct scope	*sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 1,
			    NULL, 0);

	/* Every self-signed CA is audited: C's cross of B is then ours. */
	ck_assert_int_eq(scope_status(sc, idx(CROSS_B_BY_C), KIND_TLS),
	    ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_C), KIND_TLS),
	    ST_REQUIRED);
	scope_free(sc);
}
END_TEST

/* A --revoked file of one line, loaded into the fixture's rev. */
static int
revoked_line(const char *line)
{
	char	 path[] = "/tmp/auditscope-revoked-XXXXXX";
	FILE	*f;
	int	 fd, rc = -2;

	if ((fd = mkstemp(path)) == -1)
		return rc;
	if ((f = fdopen(fd, "w")) != NULL) {
		fprintf(f, "%s\n", line);
		fclose(f);
		rc = revoked_load(&test_run, inv, rev, path);
	} else
		close(fd);
	remove(path);
	return rc;
}

/*
 * --revoked dates: a line without one keeps the date CCADB's records gave
 * (set here as ccadb_revocations() sets it), or leaves it unknown; of two
 * dates the later stays, so that a second source never takes a
 * certificate out of a period's scope.  Before, an undated line made a
 * known date unknown, and any dated line replaced CCADB's.
 */
/*
 * --revoked lines: a word after the date is an error, unless it starts a
 * comment; a date before the certificate existed is a typo that would
 * take it out of scope, so it is dropped with a warning (revoked, date
 * unknown).
 */
START_TEST(revoked_lines_checked)
{
	unsigned char	 sha[32];
	char		 d[11], line[128];
	astime		 at, day;
	long		 ci;
	unsigned	 w0 = diag_warnings(&test_run), e0 = diag_errors(&test_run);

	ck_assert_int_eq(fp_parse(SMIME, sha), 0);
	ck_assert_int_ge(ci = inventory_find(inv, sha), 0);
	ck_assert_int_eq(rev[ci].revoked, 0);
	ck_assert_int_eq(time_parse_date("2024-06-30", &at), 0);
	ck_assert_int_eq(revoked_line(SMIME " 2024-06-30 junk"), -1);
	ck_assert_uint_eq(diag_errors(&test_run), e0 + 1);
	ck_assert_int_eq(rev[ci].revoked, 0);
	ck_assert_int_eq(revoked_line(SMIME " 2024-06-30 # key compromise"),
	    0);
	ck_assert_int_eq(rev[ci].revoked, 1);
	ck_assert(rev[ci].at == at);
	rev[ci].revoked = 0;
	rev[ci].at = 0;
	ck_assert_int_eq(revoked_line(SMIME " 1949-06-30"), 0);
	ck_assert_uint_eq(diag_warnings(&test_run), w0 + 1);
	ck_assert_int_eq(rev[ci].revoked, 1);
	ck_assert(rev[ci].at == 0);
	rev[ci].revoked = 0;
	/* the day it was issued is no typo, whatever the hour (noon here) */
	day = inv->certs[ci]->not_before;
	inv->certs[ci]->not_before = day + 43200;
	time_format_date(day, d);
	snprintf(line, sizeof(line), "%s %s", SMIME, d);
	ck_assert_int_eq(revoked_line(line), 0);
	inv->certs[ci]->not_before = day;
	ck_assert_uint_eq(diag_warnings(&test_run), w0 + 1);
	ck_assert(rev[ci].at == day);
	rev[ci].revoked = 0;
	rev[ci].at = 0;
	/* a comment with no date */
	ck_assert_int_eq(revoked_line(SMIME " # key compromise"), 0);
	ck_assert_int_eq(rev[ci].revoked, 1);
	ck_assert(rev[ci].at == 0);
	rev[ci].revoked = 0;
}
END_TEST

START_TEST(revoked_dates_toward_scope)
{
	unsigned char	 sha[32];
	astime		 ccadb, later, earlier;
	long		 ci, cj;
	unsigned	 w0 = diag_warnings(&test_run);

	ck_assert_int_eq(fp_parse(TLS, sha), 0);
	ck_assert_int_ge(ci = inventory_find(inv, sha), 0);
	ck_assert_int_eq(fp_parse(CODESIGN, sha), 0);
	ck_assert_int_ge(cj = inventory_find(inv, sha), 0);
	ck_assert_int_eq(rev[cj].revoked, 0);
	ck_assert_int_eq(time_parse_date("2023-03-01", &ccadb), 0);
	ck_assert_int_eq(time_parse_date("2024-02-01", &later), 0);
	ck_assert_int_eq(time_parse_date("2022-01-01", &earlier), 0);
	rev[ci].revoked = 1;
	rev[ci].at = ccadb;
	ck_assert_int_eq(revoked_line(TLS), 0);
	ck_assert_int_eq(rev[ci].revoked, 1);
	ck_assert(rev[ci].at == ccadb);
	ck_assert_uint_eq(diag_warnings(&test_run), w0);
	/* dates that differ: a warning each */
	ck_assert_int_eq(revoked_line(TLS " 2024-02-01"), 0);
	ck_assert(rev[ci].at == later);
	ck_assert_int_eq(revoked_line(TLS " 2022-01-01"), 0);
	ck_assert(rev[ci].at == later);
	ck_assert_uint_eq(diag_warnings(&test_run), w0 + 2);
	ck_assert_int_eq(revoked_line(CODESIGN), 0);
	ck_assert_int_eq(rev[cj].revoked, 1);
	ck_assert(rev[cj].at == 0);
	ck_assert_int_eq(revoked_line(CODESIGN " 2022-01-01"), 0);
	ck_assert(rev[cj].at == earlier);
	ck_assert_uint_eq(diag_warnings(&test_run), w0 + 2);
}
END_TEST

START_TEST(trust_bits_restrict)
{
	struct trust_entry	 t[2];
	struct scope		*sc;

	memset(t, 0, sizeof(t));
	fp_parse(ROOT_A, t[0].sha256);
	fp_parse(ROOT_B, t[1].sha256);
	t[0].purposes = t[1].purposes = PURP_SERVER;
	sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0, t, 2);
	ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_TLS), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_SMIME),
	    ST_NOT_CAPABLE);
	ck_assert_int_eq(scope_status(sc, idx(SMIME), KIND_SMIME),
	    ST_NOT_CAPABLE);
	scope_free(sc);
}
END_TEST

/*
 * A key's trust is the union of what the stores give each of its
 * certificates, whatever the order of the records (Izenpe's and
 * Firmaprofesional's twins have rows of their own with other bits): the
 * first record found would hide a purpose the other twin's store gives.
 * --trust for any twin stands over every record of the key.
 */
START_TEST(twins_trust_is_the_union)
{
	struct trust_entry	 t[3];
	struct scope		*sc;
	int			 order;

	for (order = 0; order < 2; order++) {
		memset(t, 0, sizeof(t));
		fp_parse(order ? ROOT_A_REISSUED : ROOT_A, t[0].sha256);
		fp_parse(order ? ROOT_A : ROOT_A_REISSUED, t[1].sha256);
		fp_parse(ROOT_B, t[2].sha256);
		t[0].purposes = order ? PURP_EMAIL : PURP_SERVER;
		t[1].purposes = order ? PURP_SERVER : PURP_EMAIL;
		t[0].source = "first";
		t[1].source = "second";
		t[2].purposes = 0;	/* "Document Signing": none */
		t[2].source = "b";
		sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0, t, 3);
		ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_TLS),
		    ST_REQUIRED);
		ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_SMIME),
		    ST_REQUIRED);
		ck_assert_int_eq(scope_status(sc, idx(NO_EKU),
		    KIND_CODESIGNING), ST_NOT_CAPABLE);
		ck_assert_int_eq(scope_status(sc, idx(ROOT_B), KIND_TLS),
		    ST_NOT_CAPABLE);
		scope_free(sc);
	}
	/* --trust ROOT_A=serverAuth over the twin's record */
	t[0].given = 1;
	t[0].source = "--trust";
	fp_parse(ROOT_A, t[0].sha256);
	t[0].purposes = PURP_SERVER;
	fp_parse(ROOT_A_REISSUED, t[1].sha256);
	t[1].purposes = PURP_ALL;
	sc = eval(RULES_MOZILLA, "2025-01-01..2025-12-31", 0, t, 3);
	ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_TLS), ST_REQUIRED);
	ck_assert_int_eq(scope_status(sc, idx(NO_EKU), KIND_SMIME),
	    ST_NOT_CAPABLE);
	scope_free(sc);
}
END_TEST

/*
 * Roots whose EV OIDs no report says: the engine counts them in its
 * result and says nothing; the command says it once a run, as an error
 * that makes the run incomplete (scope, check) or as a warning (ccadb).
 */
START_TEST(ev_unknown_is_data_the_command_says)
{
	static unsigned char	 anchors[2][32];
	struct trust_entry	 t[2];
	struct scope_opts	 so;
	struct scope		*sc, *noev;
	struct run		 r, w;

	memset(t, 0, sizeof(t));
	fp_parse(ROOT_A, t[0].sha256);
	fp_parse(ROOT_B, t[1].sha256);
	t[0].purposes = t[1].purposes = PURP_ALL;
	t[0].ev_unknown = t[1].ev_unknown = 1;
	fp_parse(ROOT_A, anchors[0]);
	fp_parse(ROOT_B, anchors[1]);
	memset(&so, 0, sizeof(so));
	so.h = &hier;
	so.revoked = rev;
	ck_assert_int_eq(period_parse("2025-01-01..2025-12-31", &so.period),
	    0);
	so.anchors = (const unsigned char (*)[32])anchors;
	so.nanchors = 2;
	so.trust = t;
	so.ntrust = 2;
	so.kinds = (1u << NKINDS) - 1;
	run_init(&r);
	diag_set_stream(&r, NULL);
	sc = scope_eval(inv, &so);
	ck_assert_uint_eq(r.diag.errors + r.diag.warnings, 0);
	/* Root A, its re-issued twin (an anchor is a key), Root B. */
	ck_assert_uint_eq(scope_ev_unknown(sc), 3);
	so.kinds = KIND_BIT(KIND_TLS);
	noev = scope_eval(inv, &so);
	ck_assert_uint_eq(scope_ev_unknown(noev), 0);
	scope_say_ev_unknown(&r, &noev, 1, 0);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_CLEAN);
	{
		/* Once for all a check's scopes, from the first with any. */
		struct scope *scs[] = { noev, sc, sc };

		scope_say_ev_unknown(&r, scs, 3, 0);
	}
	ck_assert_uint_eq(r.diag.errors, 1);
	ck_assert_int_eq(run_exit(&r, 0), EXIT_INPUT);
	run_init(&w);
	diag_set_stream(&w, NULL);
	scope_say_ev_unknown(&w, &sc, 1, 1);
	ck_assert_uint_eq(w.diag.warnings, 1);
	ck_assert_int_eq(run_exit(&w, 0), EXIT_CLEAN);
	scope_free(noev);
	scope_free(sc);
}
END_TEST

START_TEST(expired_issuer_means_no_valid_path)
{
	struct scope	*sc;

	/* Root A and B live to 2040; a period after that kills every path. */
	sc = eval(RULES_MOZILLA, "2041-01-01..2041-12-31", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(ROOT_A), KIND_TLS),
	    ST_EXPIRED_BEFORE_PERIOD);
	scope_free(sc);
	/* Parent expired before the period, child still valid. */
	sc = eval(RULES_MOZILLA, "2032-01-01..2032-12-31", 0, NULL, 0);
	ck_assert_int_eq(scope_status(sc, idx(PARTLY_CHILD), KIND_TLS),
	    ST_EXPIRED_BEFORE_PERIOD);
	scope_free(sc);
}
END_TEST

START_TEST(option_parsers)
{
	unsigned		 p;
	struct trust_entry	*t = NULL;
	size_t			 n = 0;

	ck_assert_int_eq(purposes_parse("serverAuth,emailProtection", &p), 0);
	ck_assert_uint_eq(p, PURP_SERVER | PURP_EMAIL);
	ck_assert_int_eq(purposes_parse("serverAuth,bogus", &p), -1);
	ck_assert_int_eq(trust_parse(&test_run, ROOT_A "=codeSigning", &t,
	    &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(t[0].purposes, PURP_CODE);
	ck_assert_int_eq(trust_parse(&test_run, "ABCD=serverAuth", &t, &n),
	    -1);
	free(t);
	ck_assert_int_eq(revoked_load(&test_run, inv, rev,
	    "fixtures/malformed/garbage.der"),
	    -1);
}
END_TEST

Suite *
scope_suite(void)
{
	Suite	*s = suite_create("scope");
	TCase	*tc = tcase_create("fixtures");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, each_certificate_each_kind, 0,
	    (int)(sizeof(table) / sizeof(table[0])));
	tcase_add_test(tc, every_required_has_reasons);
	tcase_add_test(tc, reasons_do_not_depend_on_order);
	tcase_add_test(tc, twin_is_a_hint);
	tcase_add_test(tc, cross_certified_root);
	tcase_add_test(tc, ev_needs_root_oid);
	tcase_add_test_raise_signal(tc, unevaluated_kind_aborts, SIGABRT);
	tcase_add_test(tc, ccadb_rules_add_client_auth);
	tcase_add_test(tc, mozilla_rules_note_ccadb);
	tcase_add_test(tc, period_edges);
	tcase_add_test(tc, default_anchors_include_outside_root);
	tcase_add_test(tc, trust_bits_restrict);
	tcase_add_test(tc, twins_trust_is_the_union);
	tcase_add_test(tc, revoked_dates_toward_scope);
	tcase_add_test(tc, revoked_lines_checked);
	tcase_add_test(tc, ev_unknown_is_data_the_command_says);
	tcase_add_test(tc, expired_issuer_means_no_valid_path);
	tcase_add_test(tc, option_parsers);
	suite_add_tcase(s, tc);
	return s;
}
