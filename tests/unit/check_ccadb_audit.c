/*
 * CCADB's audit records against the computed scope (ccadb_audit.c), one
 * finding per fixture of fixtures/ccadb/audit (scripts/mkccadbaudit),
 * around the sample hierarchy with roots A and B audited; and --store,
 * whose trust bits decide what is in scope below a root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "setup/setup.h"
#include "testinv.h"
#include "test_run.h"

#define DIR	"fixtures/ccadb/audit/"
#define SHA_A	"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"
#define SHA_B	"BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA"
#define SHA_TLS	"EA3707C1C5CE0361F03F945EA6B929994770E78DF1D3DDCB429BCA28E4DD2EFA"
#define SHA_NARROW "044A1610ADCE1B673B20013C5AF8C60A8D7E65FB8246FFC2912BA54018A45F94"
#define SHA_SMIME "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642"
#define SHA_SMIME_B "4333CE634D6EBB2E49985CBA50677A129F2F358CC7414DDD40373DDB00C29C55"

static struct inventory	*inv;
static struct hierarchy	 hier;
static struct revocation *rev;	/* CCADB's, by certificate index */
static struct audit_report *ar;

/* The revocations, for a scope setup that takes them. */
static struct revocation *
take_rev(void)
{
	struct revocation *r = rev;

	rev = NULL;
	return r;
}

/* CCADB's revocations of the inventory just linked and sorted. */
static void
load_rev(void)
{
	free(rev);
	rev = xcalloc(inv->ncerts + 1, sizeof(*rev));
	ccadb_revocations(recs, inv, rev);
}

static void
setup(void)
{
	diag_set_stream(&test_run, NULL);
	diag_reset(&test_run);
	inv = NULL;
	ar = NULL;
}

static void
teardown(void)
{
	ccadb_audit_free(ar);
	free(rev);
	rev = NULL;
	hierarchy_free(&hier);
	inventory_free(inv);
	diag_set_stream(&test_run, stderr);
}

static void
load(const char *csv)
{
	struct hier_opts ho = { 0 };

	inv = new_inv();
	ck_assert_int_eq(test_add_path(inv, "fixtures/sample/bundle.pem"),
	    0);
	ck_assert_int_eq(test_add_path(inv, csv), 0);
	ccadb_link(recs, inv);
	inventory_sort(inv);
	hierarchy_build(&hier, inv, &ho);
	load_rev();
}

/*
 * Roots A and B audited, every purpose, each with an EV policy OID (EV
 * needs one known for the root); --at 2026-01-15.
 */
static void
run(const char *csv, int max_age)
{
	static unsigned char anchors[2][32];
	static char *const ev[] = { SHA_A "=1.3.6.1.4.1.99999.1.1",
	    SHA_B "=1.3.6.1.4.1.99999.1.2" };
	struct audit_opts ao;

	load(csv);
	ck_assert_int_eq(fp_parse(SHA_A, anchors[0]), 0);
	ck_assert_int_eq(fp_parse(SHA_B, anchors[1]), 0);
	memset(&ao, 0, sizeof(ao));
	ao.so.h = &hier;
	ao.so.db = recs;
	ao.so.revoked = rev;
	ao.so.rules = RULES_MOZILLA;
	ao.so.anchors = (const unsigned char (*)[32])anchors;
	ao.so.nanchors = 2;
	ao.so.ev_oids = ev;
	ao.so.nev_oids = 2;
	ao.max_age = max_age;
	ar = ccadb_audit_run(inv, &ao, time_from_civil(2026, 1, 15, 0, 0, 0));
	ck_assert_uint_eq(inv->errors, 0);
}

/* The findings of one kind for one certificate (kind -1: any). */
static const struct af *
find(enum af_kind k, const char *hex, int kind, size_t *n)
{
	unsigned char	 sha[32];
	const struct af	*first = NULL;
	size_t		 i;

	ck_assert_int_eq(fp_parse(hex, sha), 0);
	*n = 0;
	for (i = 0; i < ar->nf; i++)
		if (ar->f[i].kind == k && memcmp(ar->f[i].sha256, sha, 32) ==
		    0 && (kind < 0 || ar->f[i].audit == kind)) {
			if (first == NULL)
				first = &ar->f[i];
			(*n)++;
		}
	return first;
}

static size_t
serious(void)
{
	return ccadb_audit_count(ar, AF_MISSING, 0) +
	    ccadb_audit_count(ar, AF_INHERITANCE, 0) +
	    ccadb_audit_count(ar, AF_STALE, 0) +
	    ccadb_audit_count(ar, AF_DATES, 0) +
	    ccadb_audit_count(ar, AF_SAME_AS_PARENT, 0);
}

START_TEST(own_audits_clean)
{
	run(DIR "own.csv", 15);
	ck_assert_uint_eq(ar->checked, 1);
	ck_assert_uint_eq(ar->nf, 0);
	/* The period is the 12 months before --at. */
	ck_assert(ar->period.start == time_from_civil(2025, 1, 15, 0, 0, 0));
	ck_assert(ar->period.end == time_from_civil(2026, 1, 14, 0, 0, 0));
}
END_TEST

START_TEST(inherited_two_levels)
{
	struct audit_source s;
	unsigned char	 sha[32];

	run(DIR "inherit-two-levels.csv", 15);
	ck_assert_uint_eq(ar->checked, 3);
	ck_assert_uint_eq(serious(), 0);
	ck_assert_int_eq(fp_parse(SHA_NARROW, sha), 0);
	ccadb_audit_source(inv, &hier, recs, ccadb_find(recs, sha), &s);
	ck_assert_int_eq(s.how, SRC_INHERITED);
	ck_assert_uint_eq(s.nchain, 3);
	ck_assert_int_eq(fp_parse(SHA_A, sha), 0);
	ck_assert_ptr_eq(s.rec, ccadb_find(recs, sha));
}
END_TEST

START_TEST(inheritance_cycle)
{
	const struct af	*f;
	size_t		 n;

	run(DIR "inherit-cycle.csv", 15);
	f = find(AF_INHERITANCE, SHA_TLS, -1, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(f->src.how, SRC_CYCLE);
	ck_assert_ptr_null(f->src.rec);
	ck_assert_uint_eq(f->src.nchain, 3);
	ck_assert_ptr_eq(f->src.chain[0], f->src.chain[2]);
	ck_assert(f->kinds & KIND_BIT(KIND_TLS));
	(void)find(AF_INHERITANCE, SHA_NARROW, -1, &n);
	ck_assert_uint_eq(n, 1);
	/* A broken chain is one finding, not one "missing" per kind. */
	ck_assert_uint_eq(ccadb_audit_count(ar, AF_MISSING, 0), 0);
}
END_TEST

START_TEST(stale_audit)
{
	const struct af	*f;
	size_t		 n;

	run(DIR "stale.csv", 15);
	f = find(AF_STALE, SHA_A, KIND_TLS, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(f->age_months, 18);
	ck_assert_ptr_nonnull(strstr(f->detail, "ended 2024-06-30"));
	(void)find(AF_STALE, SHA_A, -1, &n);
	ck_assert_uint_eq(n, NKINDS);
	ccadb_audit_free(ar);
	hierarchy_free(&hier);
	inventory_free(inv);
	/* With 19 months allowed, the same audits are current. */
	run(DIR "stale.csv", 19);
	ck_assert_uint_eq(ccadb_audit_count(ar, AF_STALE, 0), 0);
}
END_TEST

START_TEST(inconsistent_dates)
{
	const struct af	*f;
	size_t		 n;

	run(DIR "dates.csv", 15);
	f = find(AF_DATES, SHA_A, KIND_TLS, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(f->detail, "after it ends"));
	f = find(AF_DATES, SHA_A, KIND_SMIME, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(f->detail, "before the period ends"));
	f = find(AF_DATES, SHA_A, KIND_STANDARD, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(f->detail, "21 months long"));
	(void)find(AF_DATES, SHA_A, KIND_NETSEC, &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(same_key_siblings)
{
	const struct af	*f;
	unsigned char	 sha[32];
	size_t		 n;

	run(DIR "same-key-siblings.csv", 15);
	f = find(AF_SAME_AS_PARENT, SHA_SMIME_B, -1, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_ge(f->sibling, 0);
	ck_assert_int_eq(fp_parse(SHA_SMIME, sha), 0);
	ck_assert_int_eq(memcmp(inv->certs[f->sibling]->sha256, sha, 32), 0);
	ck_assert(f->kinds & KIND_BIT(KIND_SMIME));
	/* The sibling with audits of its own claims nothing. */
	(void)find(AF_SAME_AS_PARENT, SHA_SMIME, -1, &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(capable_flags)
{
	const struct af	*f;
	size_t		 n;

	run(DIR "capable-flags.csv", 15);
	f = find(AF_CAPABLE, SHA_TLS, KIND_TLS, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(f->ccadb_flag, 0);
	ck_assert_int_eq(f->status, ST_REQUIRED);
	f = find(AF_CAPABLE, SHA_TLS, KIND_CODESIGNING, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(f->ccadb_flag, 1);
	ck_assert_int_eq(f->status, ST_NOT_CAPABLE);
	/* Information: it does not fail the run. */
	ck_assert_uint_eq(serious(), 0);
}
END_TEST

START_TEST(missing_audit)
{
	const struct af	*f;
	size_t		 n;

	run(DIR "missing.csv", 15);
	f = find(AF_MISSING, SHA_A, KIND_SMIME, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(f->src.how, SRC_OWN);
	(void)find(AF_MISSING, SHA_A, KIND_EV, &n);
	ck_assert_uint_eq(n, 1);
	(void)find(AF_MISSING, SHA_A, KIND_CODESIGNING, &n);
	ck_assert_uint_eq(n, 1);
	(void)find(AF_MISSING, SHA_A, KIND_TLS, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(ccadb_audit_count(ar, AF_MISSING, 0), 3);
}
END_TEST

/*
 * --store mozilla: Root A is included for Websites only, Root B not at
 * all.  Nothing is in S/MIME scope, though without --store (every root,
 * every purpose) Root A's S/MIME CA is.
 */
/* fixtures/scope16 (scripts/mkscope16). */
#define S16	"fixtures/scope16/"
#define S16_G1	"06C48262938548A561072635E3B19F35DDFB70E3526D9C9F7CB6C12AAC407D5B"
#define S16_E0	"9A931048B053A2E427D0438F1DB1D6F9CFCA6B9F9F865AA103BF603C6D9CF789"
#define S16_O1	"D530014A57A61D79FD7D5B2ED22BA09F3EEAE64AD1AD30F1388BF8287B1FD7E4"
#define S16_P1	"FD39EAAF10BD179C7BEA7AB4ED8B76BA9ED5195FF43BC1230BA1BAD8F1466131"
#define S16_PTLS "DDF8302AD2B83CB6FF6440F571AE8412BC8F31141377F5403919BF7FED13AA95"

static void
load16(void)
{
	static const char *const files[] = { S16 "bundle.pem",
	    S16 "other-owner.pem", S16 "records.csv", S16 "roots.csv" };
	struct hier_opts ho = { 0 };
	size_t		 i;

	inv = new_inv();
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(test_add_path(inv, files[i]), 0);
	ccadb_link(recs, inv);
	inventory_sort(inv);
	hierarchy_build(&hier, inv, &ho);
	load_rev();
}

/* An anchor's trust as the scope took it; -1 when it is no anchor. */
static int
trust16(const struct scope *sc, const char *fp, unsigned *purp,
    const char **ev)
{
	unsigned char	 sha[32];
	const char	*src;
	long		 ci;

	ck_assert_int_eq(fp_parse(fp, sha), 0);
	ci = inventory_find(inv, sha);
	ck_assert_int_ge(ci, 0);
	return scope_anchor_trust(sc, (size_t)ci, purp, ev, &src);
}

/* The setup of o, then the scope of kinds over 2025 (free both). */
static struct scope *
eval_2025(const struct setup_opts *o, struct scope_setup *ss,
    unsigned kinds)
{
	scope_setup(&test_run, o, inv, &hier, recs, take_rev(), ss);
	ss->so.kinds = kinds;
	ck_assert_int_eq(period_parse("2025-01-01..2025-12-31",
	    &ss->so.period), 0);
	return scope_eval(inv, &ss->so);
}

static enum scope_status
status16(const struct scope *sc, const char *fp, enum audit_kind k)
{
	unsigned char	 sha[32];

	ck_assert_int_eq(fp_parse(fp, sha), 0);
	return scope_status(sc, (size_t)inventory_find(inv, sha), k);
}

/*
 * Root records decide the anchors and their trust: the union over the
 * stores that include a root (G1: Mozilla Websites+Email, Apple TLS
 * Server), narrowed by --store; G1's EV OID from CCADB, none for E0;
 * Partner PKI's root, cross-certified by G1, is another owner's.
 */
START_TEST(trust_from_root_records)
{
	struct setup_opts o;
	struct scope_setup ss;
	struct scope	*sc;
	unsigned	 purp;
	const char	*ev;

	load16();
	memset(&o, 0, sizeof(o));
	sc = eval_2025(&o, &ss, KIND_BIT(KIND_TLS) | KIND_BIT(KIND_SMIME));
	ck_assert_uint_eq(ss.nanchors, 3);	/* G1, E0, O1 */
	ck_assert_int_eq(trust16(sc, S16_G1, &purp, &ev), 0);
	ck_assert_uint_eq(purp, PURP_SERVER | PURP_EMAIL);
	ck_assert_str_eq(ev, "1.3.6.1.4.1.55555.1.1");
	ck_assert_int_eq(trust16(sc, S16_E0, &purp, &ev), 0);
	ck_assert_uint_eq(purp, PURP_SERVER);
	ck_assert_str_eq(ev, "");
	ck_assert_int_eq(trust16(sc, S16_P1, &purp, &ev), -1);
	ck_assert_int_eq(status16(sc, S16_P1, KIND_TLS), ST_EXTERNAL_HIERARCHY);
	ck_assert_int_eq(status16(sc, S16_PTLS, KIND_TLS),
	    ST_EXTERNAL_HIERARCHY);
	scope_free(sc);
	scope_setup_free(&ss);

	/* --store apple: G1 for TLS Server only; E0 and O1 not included. */
	o.stores = 1u << STORE_APPLE;
	o.store_set = 1;
	sc = eval_2025(&o, &ss, KIND_BIT(KIND_TLS));
	ck_assert_uint_eq(ss.nanchors, 1);
	ck_assert_int_eq(trust16(sc, S16_G1, &purp, &ev), 0);
	ck_assert_uint_eq(purp, PURP_SERVER);
	ck_assert_int_eq(trust16(sc, S16_E0, &purp, &ev), -1);
	scope_free(sc);
	scope_setup_free(&ss);
}
END_TEST

/*
 * The trust-bit rules as a table: Scope Root G1 with one fixed report
 * (a root list including it in Mozilla for "Websites", or an all-records
 * row including it in Mozilla with root bits "Secure Email" and no store
 * bits) and a second row that varies: the cell blank, named or with a
 * word not known, in a row that includes the root, removes it, or gives
 * no status.  Blank or unknown bits are doubt (every purpose) only where
 * the row includes the root (or, for the root cell, gives no status at
 * all: an older report's reading); elsewhere only known words count.
 */
#define ROOTS_H "\"CA Owner\",\"Certificate Name\",\"Apple Status\"," \
	"\"Apple Trust Bits\",\"Google Chrome Status\",\"Microsoft Status\"," \
	"\"Microsoft EKUs For DTBs\",\"Mozilla Status\",\"Mozilla Trust Bits\"," \
	"\"SHA-256 Fingerprint\"\n"
#define ROOTS_ROW(st, bits) "\"Scope Trust\",\"Scope Root G1\"," \
	"\"Not Included\",\"\",\"Not Included\",\"Not Included\",\"\",\"" st \
	"\",\"" bits "\",\"" S16_G1 "\"\n"
#define RECS_H "\"CA Owner\",\"Subordinate CA Owner\",\"Certificate Name\"," \
	"\"Certificate Record Type\",\"SHA-256 Fingerprint\"," \
	"\"Parent SHA-256 Fingerprint\",\"Status of Root Cert\"," \
	"\"Trust Bits for Root Cert\",\"EV OIDs for Root Cert\"," \
	"\"Revocation Status\"\n"
#define RECS_ROW(st, bits) "\"Scope Trust\",\"\",\"Scope Root G1\"," \
	"\"Root Certificate\",\"" S16_G1 "\",\"\",\"" st "\",\"" bits \
	"\",\"\",\"Not Revoked\"\n"
#define ALL	PURP_ALL
#define R(st, bits)	ROOTS_H ROOTS_ROW(st, bits)
#define C(st, bits)	RECS_H RECS_ROW(st, bits)
#define WEB	R("Included", "Websites")
#define LENT	C("Mozilla: Included", "Secure Email")
#define OWN	R("Included", "Email")

START_TEST(trust_bits_table)
{
	static const struct {
		const char	*fixed, *varied;
		unsigned	 stores;	/* --store; 0: every store */
		unsigned	 want;
	} t[] = {
	    /* The store's bits, beside Mozilla "Websites". */
	    { WEB, R("Included", "Email"), 0, PURP_SERVER | PURP_EMAIL },
	    { WEB, R("Included", ""), 0, ALL },
	    { WEB, R("Included", "Email;Foo"), 0, ALL },
	    { WEB, R("Included", "Document Signing"), 0, PURP_SERVER },
	    { WEB, R("Removed", "Email"), 0, PURP_SERVER },
	    { WEB, R("Removed", ""), 0, PURP_SERVER },
	    { WEB, R("", ""), 0, PURP_SERVER },
	    { WEB, R("", "Foo"), 0, PURP_SERVER },
	    { WEB, R("", "Email;Foo"), 0, PURP_SERVER | PURP_EMAIL },
	    /* The root cell, beside a row lending "Secure Email". */
	    { LENT, C("Mozilla: Included", ""), 0, ALL },
	    { LENT, C("Mozilla: Included", "Email;Foo"), 0, ALL },
	    { LENT, C("Mozilla: Removed", "Foo"), 0, PURP_EMAIL },
	    { LENT, C("Mozilla: Removed", ""), 0, PURP_EMAIL },
	    { LENT, C("", "Foo"), 0, ALL },
	    { LENT, C("Mozilla: Removed", "Websites"), 0,
	      PURP_SERVER | PURP_EMAIL },
	    /* The root cell beside the store's own bits. */
	    { OWN, C("Mozilla: Included", ""), 0, ALL },
	    { OWN, C("Apple: Included", ""), 1u << STORE_MOZILLA,
	      PURP_EMAIL },
	    { OWN, C("", "Foo"), 1u << STORE_MOZILLA, ALL },
	};
	struct hier_opts ho = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct setup_opts o;
		struct scope_setup ss;
		struct scope	*sc;
		unsigned	 purp = 0;
		const char	*ev;

		inv = new_inv();
		ck_assert_int_eq(test_add_path(inv, S16 "bundle.pem"), 0);
		ck_assert_int_eq(test_add_buffer(inv, "fixed.csv", t[i].fixed,
		    strlen(t[i].fixed)), 0);
		ck_assert_int_eq(test_add_buffer(inv, "varied.csv",
		    t[i].varied, strlen(t[i].varied)), 0);
		ccadb_link(recs, inv);
		inventory_sort(inv);
		hierarchy_build(&hier, inv, &ho);
		load_rev();
		memset(&o, 0, sizeof(o));
		if (t[i].stores != 0) {
			o.stores = t[i].stores;
			o.store_set = 1;
		}
		sc = eval_2025(&o, &ss, KIND_BIT(KIND_TLS));
		ck_assert_msg(trust16(sc, S16_G1, &purp, &ev) == 0,
		    "row %zu: G1 is no anchor", i);
		ck_assert_msg(purp == t[i].want, "row %zu: purposes %#x, "
		    "want %#x", i, purp, t[i].want);
		scope_free(sc);
		scope_setup_free(&ss);
		hierarchy_free(&hier);
		inventory_free(inv);
		inv = NULL;
	}
}
END_TEST

/* --owner: that owner's root records are the anchors, never O1. */
START_TEST(owner_anchors_only_its_roots)
{
	struct setup_opts o;
	struct scope_setup ss;
	unsigned char	 sha[32];
	const char	*own = NULL;

	load16();
	ck_assert_int_ge(ccadb_filter_owner(recs, inv, &hier, "scope trust"), 0);
	ck_assert_int_eq(fp_parse(S16_O1, sha), 0);
	ck_assert_int_lt(inventory_find(inv, sha), 0);
	ck_assert_int_eq(ccadb_owner_dropped(recs, sha, &own), 1);
	ck_assert_str_eq(own, "Other Owner");
	memset(&o, 0, sizeof(o));
	o.owner = "scope trust";
	scope_setup(&test_run, &o, inv, &hier, recs, take_rev(), &ss);
	ck_assert_uint_eq(ss.nanchors, 2);	/* G1, E0 */
	scope_setup_free(&ss);
}
END_TEST

START_TEST(store_without_email_trust)
{
	struct setup_opts o;
	struct scope_setup ss;
	struct scope	*sc;
	size_t		 i, nreq = 0;
	long		 smime;
	unsigned char	 sha[32];

	load(DIR "roots-store.csv");
	memset(&o, 0, sizeof(o));
	o.stores = 1u << STORE_MOZILLA;
	o.store_set = 1;
	sc = eval_2025(&o, &ss, KIND_BIT(KIND_SMIME) | KIND_BIT(KIND_TLS));
	ck_assert_uint_eq(ss.nanchors, 1);
	for (i = 0; i < inv->ncerts; i++)
		if (scope_status(sc, i, KIND_SMIME) == ST_REQUIRED)
			nreq++;
	ck_assert_uint_eq(nreq, 0);
	ck_assert_int_eq(fp_parse(SHA_TLS, sha), 0);
	ck_assert_int_eq(scope_status(sc, (size_t)inventory_find(inv, sha),
	    KIND_TLS), ST_REQUIRED);
	scope_free(sc);
	scope_setup_free(&ss);

	/* No store: the S/MIME CA below Root A is in scope. */
	o.store_set = 0;
	sc = eval_2025(&o, &ss, KIND_BIT(KIND_SMIME));
	ck_assert_int_eq(fp_parse(SHA_SMIME, sha), 0);
	ck_assert((smime = inventory_find(inv, sha)) >= 0);
	ck_assert_int_eq(scope_status(sc, (size_t)smime, KIND_SMIME),
	    ST_REQUIRED);
	scope_free(sc);
	scope_setup_free(&ss);
}
END_TEST

START_TEST(months)
{
	astime	 t = time_from_civil(2024, 1, 31, 0, 0, 0);

	ck_assert(time_add_months(t, 1) == time_from_civil(2024, 2, 29, 0, 0,
	    0));
	ck_assert(time_add_months(t, -12) == time_from_civil(2023, 1, 31, 0,
	    0, 0));
	ck_assert(time_add_months(t, -2) == time_from_civil(2023, 11, 30, 0,
	    0, 0));
	ck_assert_int_eq(time_months_between(time_from_civil(2024, 6, 30, 0,
	    0, 0), time_from_civil(2026, 1, 15, 0, 0, 0)), 18);
	ck_assert_int_eq(time_months_between(time_from_civil(2026, 1, 15, 0,
	    0, 0), time_from_civil(2024, 6, 30, 0, 0, 0)), -18);
}
END_TEST

Suite *
ccadb_audit_suite(void)
{
	Suite	*s = suite_create("ccadb_audit");
	TCase	*tc = tcase_create("findings");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, own_audits_clean);
	tcase_add_test(tc, inherited_two_levels);
	tcase_add_test(tc, inheritance_cycle);
	tcase_add_test(tc, stale_audit);
	tcase_add_test(tc, inconsistent_dates);
	tcase_add_test(tc, same_key_siblings);
	tcase_add_test(tc, capable_flags);
	tcase_add_test(tc, missing_audit);
	tcase_add_test(tc, store_without_email_trust);
	tcase_add_test(tc, trust_from_root_records);
	tcase_add_test(tc, trust_bits_table);
	tcase_add_test(tc, owner_anchors_only_its_roots);
	tcase_add_test(tc, months);
	suite_add_tcase(s, tc);
	return s;
}
