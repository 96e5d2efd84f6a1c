/*
 * Loading: every input format, every malformed case, duplicate merging,
 * the fields read from a certificate, and the loaders as hostile-input
 * code.  Paths are relative to the project root, where `make check' runs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "testinv.h"
#include "test_run.h"

Suite	*inventory_suite(void);

#define ROOT_A	"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"
#define ROOT_B	"BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA"
#define CROSS_AB "8CD83B5B2AC2ABE2C685983A506B639122E3EB29D80843FBBC1F230E64C4E27A"
#define INT_TLS	"EA3707C1C5CE0361F03F945EA6B929994770E78DF1D3DDCB429BCA28E4DD2EFA"
#define LEAF	"5A78B785D01A6BC99A2EACD99530B841B1D917E144D432CD73A88610634115A9"

/* Diagnostics of the test so far, captured rather than printed. */
static FILE	*diag_file;

static void
capture(void)
{
	diag_reset(&test_run);
	diag_file = tmpfile();
	ck_assert_ptr_nonnull(diag_file);
	diag_set_stream(&test_run, diag_file);
}

/* Everything diagnosed since capture(); caller frees. */
static char *
captured(void)
{
	struct buf	 b = { 0 };
	char		 chunk[4096];
	size_t		 n;

	fflush(diag_file);
	rewind(diag_file);
	while ((n = fread(chunk, 1, sizeof(chunk), diag_file)) > 0)
		buf_add(&b, chunk, n);
	buf_addc(&b, '\0');
	return b.data;
}

static void
release(void)
{
	diag_set_stream(&test_run, NULL);
	if (diag_file != NULL)
		fclose(diag_file);
	diag_file = NULL;
}

static struct inventory *
load1(const char *path)
{
	struct inventory *inv = new_inv();

	(void)test_add_path(inv, path);
	inventory_sort(inv);
	return inv;
}

static struct inventory *
load_text(const char *name, const char *text, size_t n)
{
	struct inventory *inv = new_inv();

	(void)test_add_buffer(inv, name, (const unsigned char *)text, n);
	inventory_sort(inv);
	return inv;
}

static const struct cert *
find(const struct inventory *inv, const char *hex)
{
	unsigned char	 sha[32];
	long		 i;

	ck_assert_int_eq(fp_parse(hex, sha), 0);
	i = inventory_find(inv, sha);
	return i < 0 ? NULL : inv->certs[i];
}

/* Reads a whole fixture into memory (for splicing into test inputs). */
static char *
slurp(const char *path, size_t *n)
{
	unsigned char	*d;

	ck_assert_int_eq(read_file(&test_run, path, RUN_MAX_INPUT, &d, n), 0);
	d = xreallocarray(d, *n + 1, 1);
	d[*n] = '\0';
	return (char *)d;
}

START_TEST(pem_bundle)
{
	struct inventory	*inv;
	const struct cert	*c;

	capture();
	inv = load1("fixtures/sample/bundle.pem");
	ck_assert_uint_eq(inv->ncerts, 33);
	ck_assert_uint_eq(inv->errors, 0);
	ck_assert_uint_eq(inv->inputs[0].certificates, 33);
	ck_assert_str_eq(inv->inputs[0].format, "pem");
	ck_assert_uint_eq(diag_errors(&test_run) + diag_warnings(&test_run), 0);
	/* Sources name the line of the BEGIN marker. */
	ck_assert_ptr_nonnull(c = find(inv, ROOT_A));
	ck_assert_uint_eq(c->nsources, 1);
	ck_assert_int_eq(c->sources[0].line, 1);
	ck_assert_ptr_nonnull(c = find(inv, ROOT_B));
	ck_assert_int_eq(c->sources[0].index, 2);
	inventory_free(inv);
	release();
}
END_TEST

/* Each file of fixtures/sample/formats and what it must load. */
static const struct {
	const char	*file;
	const char	*format;
	unsigned	 certs, skipped;
	const char	*must;		/* one fingerprint it holds */
} formats[] = {
	{ "root-a.der", "der", 1, 0, ROOT_A },
	{ "root-b-crlf.pem", "pem", 1, 0, ROOT_B },
	{ "cross-a-by-b-blank-lines.pem", "pem", 1, 0, CROSS_AB },
	{ "chain.p7b", "pem", 3, 0, INT_TLS },
	{ "chain.p7c", "pkcs7", 3, 0, LEAF },
	{ "mixed-bundle.pem", "pem", 3, 3, INT_TLS },
};

/* A PEM file of nothing but a CRL loads nothing: that is an error. */
START_TEST(pem_without_certificates)
{
	struct inventory	*inv;

	capture();
	inv = load1("fixtures/malformed/crl-only.pem");
	ck_assert_uint_eq(inv->errors, 1);
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->inputs[0].skipped, 1);
	inventory_free(inv);
	release();
}
END_TEST

START_TEST(each_format)
{
	struct inventory	*inv;
	char			 path[256];

	capture();
	snprintf(path, sizeof(path), "fixtures/sample/formats/%s",
	    formats[_i].file);
	inv = load1(path);
	ck_assert_msg(inv->errors == 0, "%s: errors", path);
	ck_assert_str_eq(inv->inputs[0].format, formats[_i].format);
	ck_assert_uint_eq(inv->ncerts, formats[_i].certs);
	ck_assert_uint_eq(inv->inputs[0].certificates, formats[_i].certs);
	ck_assert_uint_eq(inv->inputs[0].skipped, formats[_i].skipped);
	if (formats[_i].must != NULL)
		ck_assert_ptr_nonnull(find(inv, formats[_i].must));
	inventory_free(inv);
	release();
}
END_TEST

START_TEST(mixed_bundle_warnings)
{
	struct inventory	*inv;
	char			*msg, *key;
	size_t			 n;

	capture();
	inv = load1("fixtures/sample/formats/mixed-bundle.pem");
	msg = captured();
	ck_assert_uint_eq(diag_warnings(&test_run), 3);
	ck_assert_uint_eq(diag_errors(&test_run), 0);
	ck_assert_ptr_nonnull(strstr(msg, "mixed-bundle.pem:24: warning: "
	    "private key block skipped (not shown)"));
	ck_assert_ptr_nonnull(strstr(msg, "mixed-bundle.pem:75: warning: "
	    "\"X509 CRL\" block skipped"));
	ck_assert_ptr_nonnull(strstr(msg, "mixed-bundle.pem:88: warning: "
	    "\"PUBLIC KEY\" block skipped"));
	/* Not one line of the key's base64 may reach the diagnostics. */
	key = slurp("fixtures/keys/throwaway-not-a-ca.pem", &n);
	ck_assert_ptr_null(strstr(msg, "MII"));
	ck_assert_ptr_null(strstr(msg, key + 28));
	free(key);
	free(msg);
	inventory_free(inv);
	release();
}
END_TEST

/* Each malformed fixture: one error, at the right place. */
static const struct {
	const char	*file;
	const char	*message;
} malformed[] = {
	{ "bad-base64.pem", "bad-base64.pem:5: bad base64 in PEM block "
	    "\"CERTIFICATE\" that begins on line 1" },
	{ "empty.p7b", "empty.p7b:1: PKCS#7 structure holds no certificates" },
	{ "empty.p7c", "empty.p7c: PKCS#7 structure holds no certificates" },
	{ "empty.pem", "empty.pem: empty input: no certificates" },
	{ "garbage.der", "garbage.der: unrecognised format" },
	{ "not-a-cert.pem", "not-a-cert.pem:1: cannot decode certificate: " },
	{ "truncated.pem", "truncated.pem:1: PEM block \"CERTIFICATE\" has no "
	    "END line" },
};

START_TEST(each_malformed)
{
	struct inventory	*inv;
	char			 path[256], *msg;

	capture();
	snprintf(path, sizeof(path), "fixtures/malformed/%s",
	    malformed[_i].file);
	inv = load1(path);
	msg = captured();
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->errors, 1);
	ck_assert_uint_eq(inv->inputs[0].errors, 1);
	ck_assert_uint_eq(diag_errors(&test_run), 1);
	ck_assert_msg(strstr(msg, malformed[_i].message) != NULL,
	    "%s: got \"%s\"", path, msg);
	free(msg);
	inventory_free(inv);
	release();
}
END_TEST

/* A broken block among good ones: counted, placed, and the rest loads. */
START_TEST(malformed_among_good)
{
	struct inventory	*inv;
	struct buf		 b = { 0 };
	char			*a, *bad, *tls, *msg;
	size_t			 na, nbad, ntls;

	a = slurp("fixtures/sample/certs/01-root-a.pem", &na);
	bad = slurp("fixtures/malformed/bad-base64.pem", &nbad);
	tls = slurp("fixtures/sample/certs/08-int-tls.pem", &ntls);
	buf_add(&b, a, na);		/* lines 1-20 */
	buf_add(&b, bad, nbad);		/* BEGIN on 21, bad line 25 */
	buf_add(&b, tls, ntls);
	capture();
	inv = load_text("mix.pem", b.data, b.len);
	msg = captured();
	ck_assert_uint_eq(inv->ncerts, 2);
	ck_assert_uint_eq(inv->inputs[0].errors, 1);
	ck_assert_ptr_nonnull(find(inv, ROOT_A));
	ck_assert_ptr_nonnull(find(inv, INT_TLS));
	ck_assert_msg(strstr(msg, "mix.pem:25: bad base64 in PEM block "
	    "\"CERTIFICATE\" that begins on line 21") != NULL, "%s", msg);
	free(msg);
	free(a);
	free(bad);
	free(tls);
	buf_free(&b);
	inventory_free(inv);
	release();
}
END_TEST

START_TEST(duplicates_merge)
{
	struct inventory	*inv = new_inv();
	const struct cert	*c;

	capture();
	/* Named in an order that is not sorted. */
	(void)test_add_path(inv, "fixtures/sample/formats/root-a.der");
	(void)test_add_path(inv, "fixtures/sample/bundle.pem");
	(void)test_add_path(inv, "fixtures/sample/certs/01-root-a.pem");
	(void)test_add_path(inv, "fixtures/sample/formats/chain.p7c");
	inventory_sort(inv);
	ck_assert_uint_eq(inv->errors, 0);
	ck_assert_uint_eq(inv->ncerts, 33);
	/*
	 * Inputs sorted by path, counted as if read in that order: the
	 * bundle holds every certificate first, whatever the load order.
	 */
	ck_assert_str_eq(inv->inputs[0].path, "fixtures/sample/bundle.pem");
	ck_assert_uint_eq(inv->inputs[0].certificates, 33);
	ck_assert_uint_eq(inv->inputs[0].duplicates, 0);
	ck_assert_uint_eq(inv->inputs[1].certificates, 0);
	ck_assert_uint_eq(inv->inputs[1].duplicates, 1);
	ck_assert_uint_eq(inv->inputs[2].duplicates, 3);
	ck_assert_uint_eq(inv->inputs[3].duplicates, 1);
	ck_assert_ptr_nonnull(c = find(inv, ROOT_A));
	ck_assert_uint_eq(c->nsources, 4);
	ck_assert_str_eq(c->sources[0].path, "fixtures/sample/bundle.pem");
	ck_assert_str_eq(c->sources[1].path,
	    "fixtures/sample/certs/01-root-a.pem");
	ck_assert_str_eq(c->sources[2].path,
	    "fixtures/sample/formats/chain.p7c");
	ck_assert_str_eq(c->sources[3].path,
	    "fixtures/sample/formats/root-a.der");
	ck_assert_ptr_nonnull(c = find(inv, LEAF));
	ck_assert_uint_eq(c->nsources, 2);
	inventory_free(inv);
	release();
}
END_TEST

START_TEST(directory_walk)
{
	struct inventory	*inv;

	capture();
	inv = load1("fixtures/sample/certs");
	ck_assert_uint_eq(inv->errors, 0);
	ck_assert_uint_eq(inv->ncerts, 33);
	ck_assert_uint_eq(inv->ninputs, 33);
	/* Walked in sorted order. */
	ck_assert_str_eq(inv->inputs[0].path,
	    "fixtures/sample/certs/01-root-a.pem");
	ck_assert_str_eq(inv->inputs[31].path,
	    "fixtures/sample/certs/32-leaf-www.pem");
	ck_assert_str_eq(inv->inputs[32].path,
	    "fixtures/sample/certs/33-partly-constrained-child.pem");
	inventory_free(inv);
	release();
}
END_TEST

static const struct cert *
sample(const struct inventory *inv, const char *hex)
{
	const struct cert *c = find(inv, hex);

	ck_assert_msg(c != NULL, "%s not loaded", hex);
	return c;
}

/* c's index in the inventory (and in its hierarchy). */
static size_t
index_of(const struct inventory *inv, const struct cert *c)
{
	size_t	 i;

	for (i = 0; i < inv->ncerts && inv->certs[i] != c; i++)
		;
	ck_assert_uint_lt(i, inv->ncerts);
	return i;
}

START_TEST(fields)
{
	struct inventory	*inv;
	const struct cert	*c;
	struct hier_opts	 ho = { 0 };
	struct hierarchy	 h = { 0 };
	char			 hex[65];

	capture();
	inv = load1("fixtures/sample/bundle.pem");
	/* No EKU: every purpose. */
	c = sample(inv, "AAAB88885FCE41364F8DD88E379884AD4A06CFF77AD5B527D351DE69CDB3BB72");
	ck_assert_int_eq(c->eku_present, 0);
	ck_assert_int_eq(c->pol_present, 0);
	ck_assert_int_eq(c->ca, 1);
	ck_assert_int_eq(c->pathlen, -1);
	/* anyExtendedKeyUsage */
	c = sample(inv, "BAA8EE5A430D7B464A52D21E37C05BC68ACD572F9121B01873BA95E43CD9B7F4");
	ck_assert_int_eq(c->eku_any, 1);
	ck_assert_uint_eq(c->eku_purposes, PURP_ALL);
	/* serverAuth + clientAuth */
	c = sample(inv, "8288F1D6A687B9EF1ED462C7203A3E457B27A882E6A54FC7A67CE6BBE3ED2790");
	ck_assert_uint_eq(c->eku_purposes, PURP_SERVER | PURP_CLIENT);
	ck_assert_int_eq(c->eku_any, 0);
	ck_assert_str_eq(c->eku_names[1], "clientAuth");
	/* emailProtection, codeSigning, timeStamping, an unknown OID */
	c = sample(inv, "F6B91291E810B9E2197767D63D66ACD26304445DB5D749BD47E80D5A5BFE8642");
	ck_assert_uint_eq(c->eku_purposes, PURP_EMAIL);
	c = sample(inv, "4DC543E5FCFB9F9B148B7F55CD0779BD84C24E76657FF7408672FD35649BEEED");
	ck_assert_uint_eq(c->eku_purposes, PURP_CODE);
	c = sample(inv, "868D8C98FF1C720F864ACEA3BE8FBB982267C9E44D042211CCE8D900721DCDF5");
	ck_assert_uint_eq(c->eku_purposes, PURP_TIME);
	c = sample(inv, "EA406E0765A7497DB431875F136E629DE5A5251444CB57CC468001F4FEB24587");
	ck_assert_int_eq(c->eku_present, 1);
	ck_assert_uint_eq(c->eku_purposes, 0);
	ck_assert_str_eq(c->eku_oids[0], "1.3.6.1.4.1.99999.1");
	/* EV policy, anyPolicy */
	c = sample(inv, "B1AF854B72DA91149034EEDECFEF82F186E8B9F1AB6C061E80D9FF4A1B7A8CAB");
	ck_assert_int_eq(c->pol_ev, 1);
	ck_assert_int_eq(c->pol_any, 0);
	c = sample(inv, "168535FEA1D930F88969CDA7C3018938E968859909B76BE7ADEF1F8D1ACF7CD4");
	ck_assert_int_eq(c->pol_any, 1);
	ck_assert_int_eq(c->pol_ev, 0);
	/* Name constraints: DNS, IPv4, IPv6, dirName; pathLen 0 */
	c = sample(inv, "999EFF4DC9DAFF0330B6E97D50559342EAE8D4D069D3E4822360F3E78A759CE5");
	ck_assert_int_eq(c->nc.present, 1);
	ck_assert_uint_eq(c->nc.permitted[NC_DNS], 1);
	ck_assert_uint_eq(c->nc.permitted[NC_IP4], 1);
	ck_assert_uint_eq(c->nc.permitted[NC_IP6], 1);
	ck_assert_uint_eq(c->nc.permitted[NC_DIRNAME], 1);
	ck_assert_uint_eq(c->nc.permitted[NC_EMAIL], 0);
	ck_assert_uint_eq(c->nc.excluded[NC_DNS], 0);
	ck_assert_str_eq(c->nc.items[1], "permitted IP:192.0.2.0/255.255.255.0");
	ck_assert_int_eq(c->pathlen, 0);
	c = sample(inv, "42459857D198A7E84D6B887C1849CE32FE4BC2446A3F17C26BFFFE8357E7D9BE");
	ck_assert_uint_eq(c->nc.permitted[NC_EMAIL], 1);
	ck_assert_str_eq(c->nc.items[0], "permitted email:example.com");
	/* SKI, AKI, self-signed (a signature check of the hierarchy's) */
	c = sample(inv, ROOT_A);
	ho.use_cache = 0;
	hierarchy_build(&h, inv, &ho);
	ck_assert_int_eq(h.node[index_of(inv, c)].self_signed, 1);
	ck_assert_int_eq(c->self_issued, 1);
	ck_assert_uint_eq(c->aki_len, 0);
	ck_assert_uint_eq(c->ski_len, 20);
	hex_encode(c->ski, 5, hex);
	ck_assert_str_eq(hex, "7AAAEE2670");
	ck_assert_str_eq(c->subject, "CN=Example Root A,O=Example Trust,C=US");
	c = sample(inv, CROSS_AB);
	ck_assert_int_eq(h.node[index_of(inv, c)].self_signed, 0);
	hex_encode(c->aki, 5, hex);
	ck_assert_str_eq(hex, "6107E4D5DD");
	ck_assert_str_eq(c->issuer, "CN=Example Root B,O=Example Trust,C=US");
	/* The leaf: not a CA; SHA-1 fingerprint of the same bytes. */
	c = sample(inv, LEAF);
	ck_assert_int_eq(c->ca, 0);
	ck_assert_int_eq(c->sig_unsupported, 0);
	hierarchy_free(&h);
	inventory_free(inv);
	release();
}
END_TEST

/*
 * Hostile input.  Each case below was a bug or is a limit worth pinning:
 * the loader must say what is wrong, where, and go on.
 */

/* CR-only line ends: line numbers must still be right. */
START_TEST(cr_only_lines)
{
	struct inventory	*inv;
	char			*a, *bad, *msg;
	size_t			 na, nbad, i;
	struct buf		 b = { 0 };

	a = slurp("fixtures/sample/certs/01-root-a.pem", &na);
	bad = slurp("fixtures/malformed/bad-base64.pem", &nbad);
	buf_add(&b, a, na);
	buf_add(&b, bad, nbad);
	for (i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = '\r';
	capture();
	inv = load_text("cr.pem", b.data, b.len);
	msg = captured();
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_msg(strstr(msg, "cr.pem:25: bad base64 in PEM block "
	    "\"CERTIFICATE\" that begins on line 21") != NULL, "%s", msg);
	free(msg);
	free(a);
	free(bad);
	buf_free(&b);
	inventory_free(inv);
	release();
}
END_TEST

/*
 * The base64 reader takes four digits at a time where it can: a body
 * re-wrapped at every width from 1 to 80, with CRLF or LF, must give the
 * same certificate (same fingerprint) each time.
 */
START_TEST(base64_any_width)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	char		*a, *b64, *p, *e;
	size_t		 na, n = 0, w, i;
	int		 crlf;

	a = slurp("fixtures/sample/certs/01-root-a.pem", &na);
	p = strstr(a, begin) + sizeof(begin) - 1;
	e = strstr(p, end);
	b64 = xmalloc((size_t)(e - p) + 1);
	for (; p < e; p++)
		if (*p != '\n' && *p != '\r')
			b64[n++] = *p;
	for (crlf = 0; crlf <= 1; crlf++)
		for (w = 1; w <= 80; w++) {
			struct buf	 t = { 0 };
			struct inventory *inv;

			buf_printf(&t, "%s\n", begin);
			for (i = 0; i < n; i += w) {
				buf_add(&t, b64 + i, n - i < w ? n - i : w);
				buf_addstr(&t, crlf ? "\r\n" : "\n");
			}
			buf_printf(&t, "%s\n", end);
			inv = load_text("wrapped.pem", t.data, t.len);
			ck_assert_msg(inv->ncerts == 1 && find(inv, ROOT_A) !=
			    NULL, "width %zu%s", w, crlf ? " CRLF" : "");
			inventory_free(inv);
			buf_free(&t);
		}
	free(b64);
	free(a);
}
END_TEST

/* A BEGIN inside another block's base64: the cut block is an error. */
START_TEST(begin_inside_base64)
{
	struct inventory	*inv;
	char			*a, *msg;
	size_t			 na;
	struct buf		 b = { 0 };

	a = slurp("fixtures/sample/certs/01-root-a.pem", &na);
	buf_add(&b, a, 200);		/* BEGIN and a few base64 lines */
	buf_addstr(&b, "\n");
	buf_add(&b, a, na);		/* a whole certificate */
	capture();
	inv = load_text("cut.pem", b.data, b.len);
	msg = captured();
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_uint_eq(inv->inputs[0].errors, 1);
	ck_assert_msg(strstr(msg, "cut.pem:1: PEM block \"CERTIFICATE\" is "
	    "cut off by the next BEGIN line") != NULL, "%s", msg);
	free(msg);
	free(a);
	buf_free(&b);
	inventory_free(inv);
	release();
}
END_TEST

/* A label longer than the buffer, a label with a NUL, a NUL in base64. */
START_TEST(labels_and_nuls)
{
	struct inventory	*inv;
	char			*a, *msg;
	size_t			 na;
	struct buf		 b = { 0 };
	static const char	 nul_label[] = "-----BEGIN CERT\0IFICATE-----\n"
	    "AAAA\n-----END CERT\0IFICATE-----\n";
	static const char	 nul_body[] = "-----BEGIN CERTIFICATE-----\n"
	    "MII\0AAAA\n-----END CERTIFICATE-----\n";
	int			 i;

	a = slurp("fixtures/sample/certs/02-root-b.pem", &na);
	buf_addstr(&b, "-----BEGIN ");
	for (i = 0; i < 5000; i++)
		buf_addc(&b, 'X');
	buf_addstr(&b, "-----\nAAAA\n-----END X-----\n");	/* line 1 */
	buf_add(&b, nul_label, sizeof(nul_label) - 1);		/* line 4 */
	buf_add(&b, nul_body, sizeof(nul_body) - 1);		/* line 7 */
	buf_add(&b, a, na);					/* line 10 */
	capture();
	inv = load_text("nul.pem", b.data, b.len);
	msg = captured();
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_ptr_nonnull(find(inv, ROOT_B));
	ck_assert_ptr_nonnull(strstr(msg, "nul.pem:1: malformed PEM BEGIN "
	    "line"));
	/* A NUL in the label: not a label. */
	ck_assert_ptr_nonnull(strstr(msg, "nul.pem:4: malformed PEM BEGIN "
	    "line"));
	ck_assert_ptr_nonnull(strstr(msg, "nul.pem:8: bad base64"));
	ck_assert_uint_eq(inv->certs[0]->sources[0].line, 10);
	free(msg);
	free(a);
	buf_free(&b);
	inventory_free(inv);
	release();
}
END_TEST

/* DER that is empty, lies about its length, or is cut short. */
START_TEST(der_lengths)
{
	struct inventory	*inv;
	char			*a, *msg;
	size_t			 na;
	static const char	 huge[] = "\x30\x84\x7f\xff\xff\xff\x30\x00";
	static const char	 empty_pem[] = "-----BEGIN CERTIFICATE-----\n"
	    "-----END CERTIFICATE-----\n";

	capture();
	inv = load_text("huge.der", huge, sizeof(huge) - 1);
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->errors, 1);
	inventory_free(inv);
	/* A zero-length DER inside PEM. */
	inv = load_text("empty.pem", empty_pem, sizeof(empty_pem) - 1);
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->errors, 1);
	inventory_free(inv);
	/* A certificate cut in the middle, then one with 3 bytes extra. */
	a = slurp("fixtures/sample/formats/root-a.der", &na);
	inv = load_text("cut.der", a, na / 2);
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->errors, 1);
	inventory_free(inv);
	a = xreallocarray(a, na + 3, 1);
	memcpy(a + na, "\0\0\0", 3);
	inv = load_text("trail.der", a, na + 3);
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_uint_eq(inv->errors, 1);
	msg = captured();
	ck_assert_ptr_nonnull(strstr(msg, "trail.der: 3 bytes after "
	    "certificate 1 are not a DER certificate"));
	free(msg);
	free(a);
	inventory_free(inv);
	release();
}
END_TEST

/* A text that starts with the digit 0 (0x30, a DER SEQUENCE) is PEM. */
START_TEST(leading_zero_is_not_der)
{
	struct inventory	*inv;
	char			*a;
	size_t			 na;
	struct buf		 b = { 0 };

	a = slurp("fixtures/sample/certs/02-root-b.pem", &na);
	buf_addstr(&b, "0 revoked, 1 valid:\n");
	buf_add(&b, a, na);
	capture();
	inv = load_text("zero.pem", b.data, b.len);
	ck_assert_uint_eq(inv->errors, 0);
	ck_assert_str_eq(inv->inputs[0].format, "pem");
	ck_assert_ptr_nonnull(find(inv, ROOT_B));
	ck_assert_int_eq(inv->certs[0]->sources[0].line, 2);
	free(a);
	buf_free(&b);
	inventory_free(inv);
	release();
}
END_TEST

/*
 * 100,000 BEGIN lines and one END: each BEGIN used to search the rest of
 * the file for its END (two minutes); it must now take well under a
 * second of CPU.
 */
START_TEST(many_begins_linear)
{
	struct inventory	*inv;
	struct buf		 b = { 0 };
	clock_t			 t0;
	int			 i;

	for (i = 0; i < 100000; i++)
		buf_addstr(&b, "-----BEGIN X-----\n");
	buf_addstr(&b, "-----END X-----\n");
	diag_reset(&test_run);
	diag_set_stream(&test_run, NULL);
	t0 = clock();
	inv = load_text("begins.pem", b.data, b.len);
	ck_assert_msg(clock() - t0 < 3 * CLOCKS_PER_SEC, "quadratic scan");
	ck_assert_uint_eq(inv->ncerts, 0);
	ck_assert_uint_eq(inv->inputs[0].errors, 100000);
	buf_free(&b);
	inventory_free(inv);
}
END_TEST

/* Standard input is an input like any other. */
START_TEST(stdin_input)
{
	struct inventory	*inv;

	capture();
	ck_assert_ptr_nonnull(freopen("fixtures/sample/formats/chain.p7c",
	    "rb", stdin));
	inv = load1("-");
	ck_assert_uint_eq(inv->errors, 0);
	ck_assert_uint_eq(inv->ncerts, 3);
	ck_assert_str_eq(inv->certs[0]->sources[0].path, "-");
	inventory_free(inv);
	release();
}
END_TEST

/* Threads of this process now: the entries of /proc/self/task. */
static int
ntasks(void)
{
	struct dirent	*e;
	DIR		*d = opendir("/proc/self/task");
	int		 n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * --jobs reaches the decode threads: with 1 the reader decodes alone and
 * no thread starts; with 2 one worker decodes beside it (it stays until
 * the loader goes, and the inventory holds no thread).  bundle.pem holds
 * 33 certificates: more than one batch of 32, so workers are asked for
 * before the flush.
 */
START_TEST(jobs_reach_decoders)
{
	struct inventory	*inv;
	struct loader		*ld;
	int			 jobs, before;

	for (jobs = 1; jobs <= 2; jobs++) {
		inv = inventory_new();
		test_run.jobs = jobs;
		ld = loader_new(&test_run, inv);
		test_run.jobs = 0;
		before = ntasks();
		ck_assert_int_eq(loader_add_path(ld,
		    "fixtures/sample/bundle.pem"), 0);
		ck_assert_uint_eq(inv->ncerts, 33);
		ck_assert_int_eq(ntasks(), before + jobs - 1);
		loader_free(ld);
		ck_assert_int_eq(ntasks(), before);
		ck_assert_uint_eq(inv->ncerts, 33);
		inventory_free(inv);
	}
}
END_TEST

Suite *
inventory_suite(void)
{
	Suite	*s = suite_create("inventory");
	TCase	*tc = tcase_create("load");
	TCase	*th = tcase_create("hostile");

	tcase_add_test(tc, pem_bundle);
	tcase_add_test(tc, pem_without_certificates);
	tcase_add_loop_test(tc, each_format, 0,
	    sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, mixed_bundle_warnings);
	tcase_add_loop_test(tc, each_malformed, 0,
	    sizeof(malformed) / sizeof(malformed[0]));
	tcase_add_test(tc, malformed_among_good);
	tcase_add_test(tc, duplicates_merge);
	tcase_add_test(tc, directory_walk);
	tcase_add_test(tc, fields);
	tcase_add_test(tc, stdin_input);
	tcase_add_test(tc, jobs_reach_decoders);
	suite_add_tcase(s, tc);
	tcase_add_test(th, cr_only_lines);
	tcase_add_test(th, base64_any_width);
	tcase_add_test(th, begin_inside_base64);
	tcase_add_test(th, labels_and_nuls);
	tcase_add_test(th, der_lengths);
	tcase_add_test(th, leading_zero_is_not_der);
	tcase_add_test(th, many_begins_linear);
	tcase_set_timeout(th, 30);
	suite_add_tcase(s, th);
	return s;
}
