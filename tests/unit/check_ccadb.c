/*
 * The CCADB reader, one quirk of the real reports per test: small CSVs
 * written here around the sample certificates, loaded from memory.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "ccadb/records.h"
#include "inventory/load.h"
#include "engine/engine.h"
#include "testinv.h"
#include "test_run.h"

#define ROOT_A	"fixtures/sample/certs/01-root-a.pem"
#define ROOT_B	"fixtures/sample/certs/02-root-b.pem"
#define INT_TLS	"fixtures/sample/certs/08-int-tls.pem"
#define INT_CODE "fixtures/sample/certs/12-int-codesign.pem"
#define SHA_A	"25DE7F0516716F158E1238F4EB81323AFAB2F59E971639771896661F07419396"
#define SHA_B	"BB0FB7FA5908C3887B190A835FEB2DB10022D916491C2F3E08097B40FBDAFCDA"

static FILE	*errs;

static void
setup(void)
{
	errs = tmpfile();
	diag_set_stream(&test_run, errs);
	diag_reset(&test_run);
}

static void
teardown(void)
{
	fclose(errs);
	diag_set_stream(&test_run, NULL);
}

/* Everything reported so far, for matching. */
static char *
errors_text(void)
{
	long	 n;
	char	*s;

	fflush(errs);
	n = ftell(errs);
	s = calloc(1, (size_t)n + 1);
	rewind(errs);
	if (n > 0 && fread(s, 1, (size_t)n, errs) != (size_t)n)
		s[0] = '\0';
	fseek(errs, 0, SEEK_END);
	return s;
}

static char *
slurp(const char *path)
{
	unsigned char	*d;
	size_t		 n;
	char		*s;

	ck_assert_int_eq(read_file(&test_run, path, RUN_MAX_INPUT, &d, &n), 0);
	s = xstrndup((char *)d, n);
	free(d);
	return s;
}

/* A PEM with its line breaks turned into CRLF. */
static char *
crlf(const char *s)
{
	struct buf	 b = { 0 };

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, *s);
	}
	return buf_take(&b);
}

/* Loads text as one input; returns the inventory, *rc the result. */
static struct inventory *
load(const char *text, int *rc)
{
	struct inventory *inv = new_inv();

	*rc = test_add_buffer(inv, "t.csv", (const unsigned char *)text,
	    strlen(text));
	return inv;
}

static const struct ccadb_record *
rec_of(const struct inventory *inv, const char *hex)
{
	unsigned char	 sha[32];

	ck_assert_int_eq(fp_parse(hex, sha), 0);
	return ccadb_find(recs, sha);
}

START_TEST(multiline_pem)
{
	char		*pem = slurp(ROOT_A), *csv;
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	buf_printf(&b, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n"
	    "%s,\"%s\"\n", SHA_A, pem);
	csv = buf_take(&b);
	ck_assert_int_eq(ccadb_sniff((unsigned char *)csv, strlen(csv)), 1);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_uint_eq(inv->inputs[0].rows, 1);
	ck_assert_str_eq(inv->inputs[0].report, "ccadb-pems");
	/* the source names the line of the BEGIN marker in the CSV */
	ck_assert_int_eq(inv->certs[0]->sources[0].line, 2);
	ck_assert_uint_eq(ccadb_count(recs), 0);
	inventory_free(inv);
	free(csv);
	free(pem);
}
END_TEST

/* CRLF rows, CRLF inside the PEM, a BOM, every field quoted, no final EOL */
START_TEST(crlf_bom_quoted)
{
	char		*pem = slurp(ROOT_A), *pcr = crlf(pem), *csv;
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	buf_printf(&b, "\xef\xbb\xbf\"SHA-256 Fingerprint\",\"X.509 Certificate "
	    "(PEM)\"\r\n\"%s\",\"%s\"\r\n\"%s\",\"%s\"", SHA_A, pcr, SHA_A,
	    pem);
	csv = buf_take(&b);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_uint_eq(inv->inputs[0].rows, 2);
	ck_assert_uint_eq(inv->inputs[0].duplicates, 1);
	ck_assert_int_eq(inv->certs[0]->sources[1].line, 23);
	inventory_free(inv);
	free(csv);
	free(pcr);
	free(pem);
}
END_TEST

/* MozillaIntermediateCerts layout; the PEM wrapped in single quotes. */
START_TEST(single_quoted_pem)
{
	char		*pem = slurp(INT_TLS), *csv, *e;
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	pem[strlen(pem) - 1] = '\0';	/* the quote follows END directly */
	buf_printf(&b, "\"Subject\",\"Issuer\",\"SHA256\",\"Full CRL Issued "
	    "By This CA\",\"PEM\"\n\"CN=x\",\"CN=y\",\"%s\",\"\",\"'%s'\"\n",
	    "F7F1FA7E2F9A4B5C8C9E1AB0FD3B8E36A7D3E8B4C1F1B5FFB53AE6D4B9A21ACE",
	    pem);
	csv = buf_take(&b);
	inv = load(csv, &rc);
	/* wrong fingerprint on purpose: the row is refused, naming it */
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(inv->ncerts, 0);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:2: PEM's SHA-256 is "));
	free(e);
	inventory_free(inv);
	free(csv);
	free(pem);
}
END_TEST

START_TEST(single_quoted_pem_ok)
{
	char		*pem = slurp(INT_TLS), *csv, hex[65];
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	/* its fingerprint, from loading it plainly */
	inv = load(pem, &rc);
	ck_assert_int_eq(rc, 0);
	hex_encode(inv->certs[0]->sha256, 32, hex);
	inventory_free(inv);
	pem[strlen(pem) - 1] = '\0';
	buf_printf(&b, "Subject,Issuer,SHA256,Full CRL Issued By This CA,PEM\n"
	    "CN=x,CN=y,%s,,\"'%s'\"\n", hex, pem);
	csv = buf_take(&b);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_str_eq(inv->inputs[0].report, "ccadb-intermediates");
	inventory_free(inv);
	free(csv);
	free(pem);
}
END_TEST

/* A V5-shaped header, trimmed to the columns under test. */
#define V5_HEAD "CA Owner,Certificate Name,Certificate Record Type," \
	"Subordinate CA Owner,Revocation Status,SHA-256 Fingerprint," \
	"Parent SHA-256 Fingerprint,Technically Constrained," \
	"JSON Array of All Full CRL URLs,Audit Firm,Audits Same as Parent," \
	"TLS BR Audit Statement Date,TLS BR Audit Period Start Date," \
	"TLS BR Audit Period End Date,Derived Trust Bits,TLS Capable," \
	"S/MIME Capable\n"

START_TEST(quotes_json_dates_booleans)
{
	const char *csv = V5_HEAD
	    "\"Example \"\"Trust\"\"\",Root A,Root Certificate,,,"
	    SHA_A ",,FALSE,\"[\"\"http://a/1.crl\"\", \"\"http://a/2.crl\"\"]\","
	    "\"Firm, LLP\",false,2025.04.03,2025-02-11,2026.02.10,"
	    "\"Server Authentication;Secure Email\",True,tRUE\n"
	    "Other,Int,Intermediate Certificate,Sub Owner,Revoked," SHA_B ","
	    SHA_A ",true,,,TRUE,,,,,false,FALSE\n";
	struct inventory *inv;
	const struct ccadb_record *r;
	char	 d[11];
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(inv->inputs[0].report, "ccadb-records-v5");
	ck_assert_uint_eq(inv->inputs[0].rows, 2);
	ck_assert_uint_eq(ccadb_count(recs), 2);
	r = rec_of(inv, SHA_A);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->ca_owner, "Example \"Trust\"");
	ck_assert_str_eq(r->audit_firm, "Firm, LLP");
	ck_assert_int_eq(r->rtype, RTYPE_ROOT);
	ck_assert_int_eq(r->technically_constrained, 0);
	ck_assert_int_eq(r->audits_same_as_parent, 0);
	time_format_date(r->audits[KIND_TLS].statement, d);
	ck_assert_str_eq(d, "2025-04-03");
	time_format_date(r->audits[KIND_TLS].start, d);
	ck_assert_str_eq(d, "2025-02-11");
	time_format_date(r->audits[KIND_TLS].end, d);
	ck_assert_str_eq(d, "2026-02-10");
	ck_assert_uint_eq(r->derived_trust, PURP_SERVER | PURP_EMAIL);
	ck_assert_int_eq(r->tls_capable, 1);
	ck_assert_int_eq(r->smime_capable, 1);
	ck_assert_int_eq(r->has_cert, 0);
	r = rec_of(inv, SHA_B);
	ck_assert_int_eq(r->revocation, REVOC_REVOKED);
	ck_assert_str_eq(r->sub_ca_owner, "Sub Owner");
	ck_assert_int_eq(r->has_parent, 1);
	ck_assert_int_eq(r->technically_constrained, 1);
	ck_assert_int_eq(r->audits_same_as_parent, 1);
	ck_assert_int_eq(r->tls_capable, 0);
	inventory_free(inv);
}
END_TEST

START_TEST(bad_values)
{
	const char *csv = V5_HEAD
	    "O,N,Root Certificate,,,"
	    SHA_A ",,maybe,,,,2025/04/03,,,,,\n";
	struct inventory *inv;
	char	*e;
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:2: column \"Technically "
	    "Constrained\": not a boolean: \"maybe\""));
	ck_assert_ptr_nonnull(strstr(e, "t.csv:2: column \"TLS BR Audit "
	    "Statement Date\": not a date"));
	free(e);
	inventory_free(inv);
}
END_TEST

/* v1 (to 2023-12): old audit names, every line ends with a comma. */
START_TEST(v1_trailing_comma)
{
	const char *csv = "CA Owner,Certificate Record Type,Revocation Status,"
	    "SHA-256 Fingerprint,Parent SHA-256 Fingerprint,"
	    "Audits Same as Parent?,Auditor,BR Audit URL,BR Audit Period "
	    "Start Date,EV SSL Audit URL,EV SSL Period End Date,"
	    "EV Code Signing Audit URL,\n"
	    "O,Root Certificate,," SHA_A ",,FALSE,A,http://br,2020.01.01,"
	    "http://ev,2020.12.31,http://cs,\n";
	struct inventory *inv;
	const struct ccadb_record *r;
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(inv->inputs[0].report, "ccadb-records-v1");
	r = rec_of(inv, SHA_A);
	ck_assert_str_eq(r->audits[KIND_TLS].url, "http://br");
	ck_assert_str_eq(r->audits[KIND_EV].url, "http://ev");
	ck_assert_str_eq(r->audits[KIND_CODESIGNING].url, "http://cs");
	ck_assert_int_ne(r->audits[KIND_EV].end, 0);
	ck_assert_str_eq(r->audit_firm, "A");
	inventory_free(inv);
}
END_TEST

/* AllIncludedRootCertsCSV: per-store trust bits on a record only. */
/*
 * Trust-bit words: Microsoft's "Document Signing" alone is trust for no
 * audit purpose (CCADB_TRUST_NAMED, no PURP_*), a blank cell or a word
 * this program does not know is no trust data (no CCADB_TRUST_NAMED).
 */
START_TEST(trust_bits_words)
{
	ck_assert_uint_eq(ccadb_trust_bits(""), 0);
	ck_assert_uint_eq(ccadb_trust_bits(" ; "), 0);
	ck_assert_uint_eq(ccadb_trust_bits("Document Signing"),
	    CCADB_TRUST_NAMED);
	ck_assert_uint_eq(ccadb_trust_bits("document signing;Encrypting File "
	    "System; IP Security User"), CCADB_TRUST_NAMED);
	ck_assert_uint_eq(ccadb_trust_bits("Server Authentication;Document "
	    "Signing"), PURP_SERVER | CCADB_TRUST_NAMED);
	ck_assert_uint_eq(ccadb_trust_bits("Websites;Email"),
	    PURP_SERVER | PURP_EMAIL | CCADB_TRUST_NAMED);
	/*
	 * A word not known: doubt, never "no audit purpose", and never the
	 * known words beside it alone (the cell counts as blank).
	 */
	ck_assert_uint_eq(ccadb_trust_bits("Frobnication"),
	    CCADB_TRUST_UNKNOWN);
	ck_assert_uint_eq(ccadb_trust_bits("Document Signing;Frobnication"),
	    CCADB_TRUST_UNKNOWN);
	ck_assert_uint_eq(ccadb_trust_bits("TLS Server;Frobnication"),
	    PURP_SERVER | CCADB_TRUST_UNKNOWN);
	ck_assert(ccadb_trust_blank(ccadb_trust_bits("")));
	ck_assert(ccadb_trust_blank(ccadb_trust_bits("TLS Server;Frob")));
	ck_assert(!ccadb_trust_blank(ccadb_trust_bits("Document Signing")));
	ck_assert(!ccadb_trust_blank(ccadb_trust_bits("Websites")));
	ck_assert_uint_eq(ccadb_trust_purposes(ccadb_trust_bits(
	    "TLS Server;Frob")), PURP_ALL);
	ck_assert_uint_eq(ccadb_trust_purposes(ccadb_trust_bits(
	    "Document Signing")), 0);
	ck_assert_uint_eq(ccadb_trust_purposes(ccadb_trust_bits(
	    "Websites;Email")), PURP_SERVER | PURP_EMAIL);
}
END_TEST

START_TEST(roots_report)
{
	const char *csv = "\"CA Owner\",\"Certificate Name\",\"Apple Status\","
	    "\"Apple Trust Bits\",\"Google Chrome Status\",\"Microsoft Status\","
	    "\"Microsoft EKUs For DTBs\",\"Mozilla Status\",\"Mozilla Trust "
	    "Bits\",\"SHA-256 Fingerprint\"\n\"O\",\"A\",\"Included\",\"TLS "
	    "Server;Email\",\"Included\",\"NotBefore\",\"Server Authentication;"
	    "Code Signing;Document Signing\",\"Not Yet Included\",\"\",\""
	    SHA_A "\"\n";
	struct inventory *inv;
	const struct ccadb_record *r;
	unsigned bits;
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(inv->inputs[0].report, "ccadb-roots");
	r = rec_of(inv, SHA_A);
	ck_assert_int_eq(r->rtype, RTYPE_ROOT);
	ck_assert_int_eq(ccadb_store_trust(r, STORE_APPLE, &bits), 1);
	ck_assert_uint_eq(bits, PURP_SERVER | PURP_EMAIL);
	ck_assert_int_eq(ccadb_store_trust(r, STORE_CHROME, &bits), 1);
	ck_assert_uint_eq(bits, PURP_SERVER);
	ck_assert_int_eq(ccadb_store_trust(r, STORE_MICROSOFT, &bits), 1);
	ck_assert_uint_eq(bits, PURP_SERVER | PURP_CODE);
	ck_assert_int_eq(ccadb_store_trust(r, STORE_MOZILLA, &bits), 0);
	inventory_free(inv);
}
END_TEST

/*
 * The same column name twice (a hand-edited export with a second
 * "Revocation Status" that revokes a CA): which one CCADB meant is
 * unknown, so the file is refused, whichever comes first.
 */
START_TEST(duplicate_column)
{
	static const char *const csv[] = {
		"SHA-256 Fingerprint,Revocation Status,CA Owner,"
		"Certificate Record Type,Parent SHA-256 Fingerprint,"
		"Revocation Status\n",
		"Revocation Status,SHA-256 Fingerprint,CA Owner,"
		"Certificate Record Type,revocation status,"
		"Parent SHA-256 Fingerprint\n",
		"SHA-256 Fingerprint,Revocation Status,Date of Revocation,"
		"CA Owner,Certificate Record Type,Parent SHA-256 Fingerprint,"
		"Revocation Date\n",
	};
	static const char *const said[] = {
		"t.csv:1: header names column \"Revocation Status\" twice "
		"(columns 2 and 6): which one to read is ambiguous",
		"t.csv:1: header names column \"Revocation Status\" twice "
		"(columns 1 and 5): which one to read is ambiguous",
		"t.csv:1: header has \"Date of Revocation\" (column 3) and "
		"\"Revocation Date\" (column 7), two names of one field: which "
		"one to read is ambiguous",
	};
	struct inventory *inv;
	char	*e;
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(csv) / sizeof(csv[0]); i++) {
		inv = load(csv[i], &rc);
		ck_assert_int_eq(rc, -1);
		e = errors_text();
		ck_assert_msg(strstr(e, said[i]) != NULL, "%s", e);
		free(e);
		inventory_free(inv);
	}
	/* A name only shown, under two of its names: read, not refused. */
	inv = load("Certificate Record Type,SHA-256 Fingerprint,"
	    "Certificate Name,Common Name or Certificate Name,CA Owner,"
	    "Revocation Status,Parent SHA-256 Fingerprint\n"
	    "Root Certificate," SHA_A ",Root A,Root A,Org A,"
	    "Not Revoked,\n", &rc);
	ck_assert_int_eq(rc, 0);
	inventory_free(inv);
}
END_TEST

START_TEST(missing_columns)
{
	const char *csv = "Certificate Record Type,CA Owner,Foo\nRoot,O,x\n";
	struct inventory *inv;
	char	*e;
	int	 rc;

	ck_assert_int_eq(ccadb_sniff((const unsigned char *)csv, strlen(csv)),
	    1);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:1: header not recognised: a "
	    "CCADB all certificate records report needs \"SHA-256 "
	    "Fingerprint\", \"Revocation Status\", \"Parent SHA-256 "
	    "Fingerprint\""));
	free(e);
	inventory_free(inv);
}
END_TEST

/* Plain CSVs of fingerprints belong to the statement readers. */
START_TEST(not_claimed)
{
	static const char *const no[] = {
		"sha256\n" SHA_A "\n",
		"SHA-256 Fingerprint,Subject\n" SHA_A ",CN=x\n",
		"CA Owner,Certificate Name,SHA-256 Fingerprint\nO,N," SHA_A "\n",
		"-----BEGIN CERTIFICATE-----\nMIIB\n",
		"",
	};
	size_t	 i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_int_eq(ccadb_sniff((const unsigned char *)no[i],
		    strlen(no[i])), 0);
}
END_TEST

START_TEST(unbalanced_quote)
{
	char		*pem = slurp(ROOT_A), *csv, *e;
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	buf_printf(&b, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n"
	    "%s,\"%s\"\n%s,\"%s", SHA_A, pem, SHA_B, pem);
	csv = buf_take(&b);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(inv->ncerts, 1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:23: unbalanced quote"));
	free(e);
	inventory_free(inv);
	free(csv);
	free(pem);
}
END_TEST

START_TEST(stray_quote)
{
	const char *csv = "SHA-256 Fingerprint,X.509 Certificate (PEM)\n"
	    "ab\"c,x\n";
	struct inventory *inv;
	char	*e;
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:2: CSV syntax error"));
	free(e);
	inventory_free(inv);
}
END_TEST

START_TEST(truncated_row)
{
	const char *csv = V5_HEAD "O,N,Root Certificate,," "\n"
	    "O,N,Root Certificate,,," SHA_A ",,,,,,,,,,,,x\n";
	struct inventory *inv;
	char	*e;
	int	 rc;

	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:2: truncated row: 5 fields, "
	    "the header has 17"));
	ck_assert_ptr_nonnull(strstr(e, "t.csv:3: field 18 has no column"));
	ck_assert_uint_eq(inv->inputs[0].rows, 2);
	ck_assert_uint_eq(inv->inputs[0].errors, 2);
	free(e);
	inventory_free(inv);
}
END_TEST

START_TEST(same_fp_other_pem)
{
	char		*a = slurp(ROOT_A), *b2 = slurp(ROOT_B), *csv, *e;
	struct buf	 b = { 0 };
	struct inventory *inv;
	int		 rc;

	buf_printf(&b, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n"
	    "%s,\"%s\"\n%s,\"%s\"\n%s,\"%s\"\n", SHA_A, a, SHA_A, a, SHA_A, b2);
	csv = buf_take(&b);
	inv = load(csv, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(inv->ncerts, 1);
	ck_assert_uint_eq(inv->inputs[0].duplicates, 1);
	e = errors_text();
	ck_assert_ptr_nonnull(strstr(e, "t.csv:44: fingerprint " SHA_A
	    " repeats with a different PEM body"));
	free(e);
	inventory_free(inv);
	free(csv);
	free(a);
	free(b2);
}
END_TEST

/* A record merges onto a certificate loaded before or after it. */
/* The one owner-equivalence rule: case, blanks, "(previously ...)". */
START_TEST(owner_same)
{
	ck_assert(ccadb_owner_same("Asseco Data Systems S.A.",
	    "Asseco Data Systems S.A. (previously Unizeto Certum)"));
	ck_assert(ccadb_owner_same("ASSECO  Data\tSystems S.A. ",
	    "asseco data systems s.a."));
	ck_assert(ccadb_owner_same("X Corp (Formerly Y Corp)", "x corp"));
	ck_assert(ccadb_owner_same("X Corp ( previously Y)", "X Corp"));
	ck_assert(!ccadb_owner_same("X Corp (Europe)", "X Corp"));
	ck_assert(!ccadb_owner_same("X Corp", "X Corporation"));
	ck_assert(!ccadb_owner_same("", ""));
	ck_assert(!ccadb_owner_same(NULL, "X"));
}
END_TEST

/*
 * Two reports of one root: the owner under two names (both kept), and a
 * store status that differs.  Either order gives the same record: the
 * inclusion wins, its bits stay, and its row is the status's source.
 */
START_TEST(merge_order_free)
{
	static const char incl[] = "\"CA Owner\",\"Certificate Name\","
	    "\"Apple Status\",\"Apple Trust Bits\",\"Google Chrome Status\","
	    "\"Microsoft Status\",\"Microsoft EKUs For DTBs\","
	    "\"Mozilla Status\",\"Mozilla Trust Bits\","
	    "\"SHA-256 Fingerprint\"\n"
	    "\"O (previously P)\",\"R\",\"Not Included\",\"\","
	    "\"Not Included\",\"Not Included\",\"\",\"Included\","
	    "\"Email\",\"" SHA_A "\"\n";
	static const char rem[] = "CA Owner,Certificate Record Type,"
	    "Revocation Status,SHA-256 Fingerprint,Parent SHA-256 Fingerprint,"
	    "Mozilla Status,Trust Bits for Root Cert\n"
	    "O,Root Certificate,Not Revoked," SHA_A ",,Removed,\n";
	int	 order;

	for (order = 0; order < 2; order++) {
		struct inventory *inv = new_inv();
		const struct ccadb_record *r;
		unsigned bits;

		ck_assert_int_eq(test_add_buffer(inv, order ? "b.csv" :
		    "a.csv", (const unsigned char *)(order ? rem : incl),
		    strlen(order ? rem : incl)), 0);
		ck_assert_int_eq(test_add_buffer(inv, order ? "a.csv" :
		    "b.csv", (const unsigned char *)(order ? incl : rem),
		    strlen(order ? incl : rem)), 0);
		r = rec_of(inv, SHA_A);
		ck_assert_str_eq(r->store_status[STORE_MOZILLA], "Included");
		ck_assert_int_eq(ccadb_store_trust(r, STORE_MOZILLA, &bits),
		    1);
		ck_assert_uint_eq(bits, PURP_EMAIL);
		/* the file that gave the inclusion, in either order */
		ck_assert_str_eq(r->store_path[STORE_MOZILLA], "a.csv");
		ck_assert_int_eq(r->store_line[STORE_MOZILLA], 2);
		ck_assert_uint_eq(r->nowners, 2);
		ck_assert(ccadb_owner_is(r, "o"));
		ck_assert(ccadb_owner_is(r, "O (previously P)"));
		ck_assert(!ccadb_owner_is(r, "P"));
		inventory_free(inv);
	}
}
END_TEST

START_TEST(merge_and_revocation)
{
	struct inventory *inv = new_inv();
	const char *csv = "CA Owner,Certificate Record Type,Revocation Status,"
	    "SHA-256 Fingerprint,Parent SHA-256 Fingerprint,Date of Revocation\n"
	    "O,Root Certificate,Revoked," SHA_A ",,2024.05.06\n";
	struct revocation rev[1] = { { 0, 0 } };
	char	 d[11];

	ck_assert_int_eq(test_add_buffer(inv, "r.csv",
	    (const unsigned char *)csv, strlen(csv)), 0);
	ck_assert_int_eq(test_add_path(inv, ROOT_A), 0);
	ccadb_link(recs, inv);
	ck_assert_ptr_nonnull(ccadb_find(recs, inv->certs[0]->sha256));
	ccadb_revocations(recs, inv, rev);
	ck_assert_int_eq(rev[0].revoked, 1);
	time_format_date(rev[0].at, d);
	ck_assert_str_eq(d, "2024-05-06");
	ck_assert_int_eq(ccadb_find(recs, inv->certs[0]->sha256)->has_cert, 1);
	inventory_free(inv);
}
END_TEST

/*
 * The records are the database's, not the inventory's: they outlive the
 * inventory that read them, and a second inventory over the same
 * database files its records there too.
 */
START_TEST(db_outlives_inventory)
{
	struct ccadb_db	*db = ccadb_db_new();
	struct inventory *inv = inventory_new();
	const char *csv = "CA Owner,Certificate Record Type,Revocation Status,"
	    "SHA-256 Fingerprint,Parent SHA-256 Fingerprint\n"
	    "O,Root Certificate,Not Revoked," SHA_A ",\n";
	const char *other = "CA Owner,Certificate Record Type,"
	    "Revocation Status,SHA-256 Fingerprint,Parent SHA-256 Fingerprint\n"
	    "P,Root Certificate,Not Revoked,"
	    "2222222222222222222222222222222222222222222222222222222222222222,"
	    "\n";
	unsigned char	 sha[32];

	ck_assert_int_eq(test_add_buffer_db(inv, db, "r.csv", csv,
	    strlen(csv)), 0);
	inventory_free(inv);
	ck_assert_int_eq(fp_parse(SHA_A, sha), 0);
	ck_assert_ptr_nonnull(ccadb_find(db, sha));
	ck_assert_str_eq(ccadb_find(db, sha)->ca_owner, "O");
	inv = inventory_new();
	ck_assert_int_eq(test_add_buffer_db(inv, db, "s.csv", other,
	    strlen(other)), 0);
	ck_assert_uint_eq(ccadb_count(db), 2);
	/* Not the inventory's: a certificate's record is looked up. */
	ck_assert_int_eq(test_add_path(inv, ROOT_A), 0);
	ccadb_link(db, inv);
	ck_assert_int_eq(ccadb_find(db, sha)->has_cert, 1);
	inventory_free(inv);
	ccadb_db_free(db);
}
END_TEST

START_TEST(owner_filter)
{
	struct inventory *inv = new_inv();
	struct hier_opts ho = { 0 };
	struct hierarchy h = { 0 };
	struct buf	 b = { 0 };
	char		*csv, hex[65], other[65];
	unsigned char	 sha[32];
	size_t		 before;
	long		 i;

	ck_assert_int_eq(test_add_path(inv, "fixtures/sample/certs"), 0);
	/* the TLS intermediate belongs to "Sub CA Inc." */
	ck_assert_int_eq(test_add_path(inv, INT_TLS), 0);
	for (i = 0; i < (long)inv->ncerts; i++)
		if (inv->certs[i]->sources[0].path != NULL &&
		    strstr(inv->certs[i]->sources[0].path, "08-int") != NULL)
			break;
	hex_encode(inv->certs[i]->sha256, 32, hex);
	for (i = 0; i < (long)inv->ncerts; i++)
		if (strstr(inv->certs[i]->sources[0].path, "12-int-codesign") !=
		    NULL)
			break;
	ck_assert_int_lt(i, (long)inv->ncerts);
	hex_encode(inv->certs[i]->sha256, 32, other);
	/* 12 has a record of another owner; 11 none: it stays (doubt) */
	buf_printf(&b, "CA Owner,Subordinate CA Owner,Certificate Record Type,"
	    "Revocation Status,SHA-256 Fingerprint,Parent SHA-256 Fingerprint\n"
	    "Example Trust,Sub CA Inc.,Intermediate Certificate,Not Revoked,"
	    "%s,%s\nOther,,Root Certificate,,%s,\n"
	    "Other,,Intermediate Certificate,Not Revoked,%s,%s\n", hex, SHA_A,
	    "1111111111111111111111111111111111111111111111111111111111111111",
	    other, SHA_A);
	csv = buf_take(&b);
	ck_assert_int_eq(test_add_buffer(inv, "r.csv",
	    (unsigned char *)csv, strlen(csv)), 0);
	ccadb_link(recs, inv);
	inventory_sort(inv);
	hierarchy_build(&h, inv, &ho);
	before = inv->ncerts;
	ck_assert_int_eq(ccadb_filter_owner(recs, inv, &h, "nobody"), -1);
	ck_assert_uint_eq(inv->ncerts, before);
	ck_assert_int_gt(ccadb_filter_owner(recs, inv, &h, "sub ca INC."), 0);
	ck_assert_uint_lt(inv->ncerts, before);
	ck_assert_int_ge(inventory_find(inv, inv->certs[0]->sha256), 0);
	fp_parse(hex, sha);
	ck_assert_int_ge(inventory_find(inv, sha), 0);
	fp_parse(SHA_A, sha);
	ck_assert_int_ge(inventory_find(inv, sha), 0);	/* its root */
	/* a sibling under the same root that another owner's is not */
	for (i = 0; i < (long)inv->ncerts; i++)
		ck_assert_ptr_null(strstr(inv->certs[i]->sources[0].path,
		    "12-int-codesign"));
	fp_parse(other, sha);
	ck_assert_int_lt(inventory_find(inv, sha), 0);
	/* one without any record, from the user's own files, stays */
	for (i = 0; i < (long)inv->ncerts; i++)
		if (strstr(inv->certs[i]->sources[0].path, "11-int-smime") !=
		    NULL)
			break;
	ck_assert_int_lt(i, (long)inv->ncerts);
	/* links and key groups renumbered: every index is in range */
	ck_assert_uint_eq(h.nnodes, inv->ncerts);
	for (i = 0; i < (long)inv->ncerts; i++) {
		size_t k;

		for (k = 0; k < h.node[i].nparents; k++)
			ck_assert_uint_lt(h.node[i].parents[k],
			    inv->ncerts);
		for (k = 0; k < h.node[i].nchildren; k++)
			ck_assert_uint_lt(h.node[i].children[k],
			    inv->ncerts);
		ck_assert_uint_lt(h.node[i].group, h.ngroups);
		for (k = 0; k < h.groups[h.node[i].group].nmembers; k++)
			ck_assert_uint_eq(h.node[h.groups[h.node[i].group].
			    members[k]].group, h.node[i].group);
	}
	ck_assert_uint_eq(ccadb_count(recs), 1);
	hierarchy_free(&h);
	inventory_free(inv);
	free(csv);
}
END_TEST

/*
 * A V5-shaped report over the whole PEM corpus, built by the script that
 * ships with the tests: every record must meet its certificate.
 */
START_TEST(v5_at_scale)
{
	struct inventory *inv = new_inv();
	char		 path[] = "/tmp/auditscope-v5-XXXXXX";
	char		 cmd[256];
	int		 fd = mkstemp(path), y;
	size_t		 i, nrec;

	ck_assert_int_ge(fd, 0);
	snprintf(cmd, sizeof(cmd), "tests/tools/mkv5 ../shared/data/ccadb > %s",
	    path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(test_add_path(inv, path), 0);
	nrec = ccadb_count(recs);
	ck_assert_uint_eq(inv->inputs[0].rows, 10229);
	ck_assert_uint_eq(nrec, 10217);
	for (y = 1994; y <= 2026; y++) {
		snprintf(cmd, sizeof(cmd), "../shared/data/ccadb/"
		    "AllCertificatePEMsCSVFormat_NotBeforeYear_%d.csv", y);
		ck_assert_int_eq(test_add_path(inv, cmd), 0);
	}
	ck_assert_uint_eq(inv->ncerts, 10217);
	ccadb_link(recs, inv);
	for (i = 0; i < inv->ncerts; i++)
		ck_assert_ptr_nonnull(ccadb_find(recs, inv->certs[i]->sha256));
	ck_assert_uint_eq(diag_errors(&test_run), 0);
	inventory_free(inv);
	unlink(path);
	close(fd);
}
END_TEST

/*
 * The shapes of a row at the edge of what libcsv (CSV_STRICT) takes, each
 * in a report around a real certificate, each row twice: what the reader
 * returns, counts and merges.  These were the differential cases of the
 * plain-row cutter that issue 18 removed; libcsv reads them all now.
 */
/* A row of the table below: F the fingerprint, P the PEM. */
static void
expand(struct buf *b, const char *row, const char *pem)
{
	for (; *row != '\0'; row++)
		if (*row == 'F')
			buf_printf(b, "%s", SHA_A);
		else if (*row == 'P')
			buf_printf(b, "%s", pem);
		else
			buf_addc(b, *row);
}

START_TEST(row_edges)
{
	static const struct {
		const char	*what;
		const char	*row;
		int		 rc;	/* ccadb_load's */
		unsigned	 errors;
		unsigned	 rows;
		unsigned	 certificates;
		unsigned	 duplicates;
	} t[] = {
		{ "plain", "F,\"P\"\n", 0, 0, 3, 1, 2 },
		{ "CRLF", "F,\"P\"\r\n", 0, 0, 3, 1, 2 },
		{ "no final newline", "F,\"P\"", 0, 0, 3, 1, 2 },
		{ "unquoted PEM", "F,P\n", -1, 40, 41, 1, 0 },
		{ "quoted fingerprint", "\"F\",\"P\"\n", 0, 0, 3, 1, 2 },
		{ "doubled quote", "F,\"P\"\"\"\n", 0, 0, 3, 1, 2 },
		{ "blank before a field", "F, \"P\"\n", 0, 0, 3, 1, 2 },
		{ "blank after a field", "F ,\"P\"\n", 0, 0, 3, 1, 2 },
		{ "tab after a field", "F\t,\"P\"\n", 0, 0, 3, 1, 2 },
		{ "tab before a field", "\tF,\"P\"\n", 0, 0, 3, 1, 2 },
		{ "tab after the quote", "F,\"P\"\t\n", 0, 0, 3, 1, 2 },
		{ "blank line before", "\n   \nF,\"P\"\n", 0, 0, 3, 1, 2 },
		{ "vertical tabs begin a row", "\v\v\nF,\"P\"\n", -1, 2, 5, 1, 2 },
		{ "form feed begins a row", "\f\nF,\"P\"\n", -1, 2, 5, 1, 2 },
		{ "trailing comma", "F,\"P\",\n", 0, 0, 3, 1, 2 },
		{ "trailing commas, CRLF", "F,\"P\",,\r\n", -1, 2, 3, 1, 0 },
		{ "lone CR ends a row", "F,\"P\"\rF,\"x\"\n", -1, 2, 5, 1, 2 },
		{ "lone CR, then quoted", "F,\"P\"\r\"a\nb\",\"c\"\n", -1, 2, 5, 1, 2 },
		{ "quote in unquoted", "F,x\"P\"\n", -1, 1, 0, 0, 0 },
		{ "text after quote", "F,\"P\"x\n", -1, 1, 0, 0, 0 },
		{ "unbalanced", "F,\"P\n", -1, 1, 0, 0, 0 },
		{ "truncated", "F\nP\n", -1, 42, 43, 1, 0 },
		{ "CR alone at the end", "F,\"P\"\r", 0, 0, 3, 1, 2 },
		{ "control byte inside", "F,\"P\x01\"\n", 0, 0, 3, 1, 2 },
	};
	char		*pem = slurp(ROOT_A);
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf	 b = { 0 };
		struct inventory *inv = new_inv();
		struct loader	*ld = loader_new(&test_run, inv);
		struct input_stat st = { 0 };
		int		 rc;

		buf_printf(&b, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n");
		expand(&b, t[i].row, pem);
		buf_printf(&b, "\n%s,\"%s\"\n", SHA_A, pem);
		expand(&b, t[i].row, pem);
		st.path = "t.csv";
		st.format = "ccadb-csv";
		rc = ccadb_load(recs, ld, &st, st.path,
		    (unsigned char *)b.data, b.len);
		loader_free(ld);
		ck_assert_msg(rc == t[i].rc && st.errors == t[i].errors &&
		    st.rows == t[i].rows &&
		    st.certificates == t[i].certificates &&
		    st.duplicates == t[i].duplicates, "%s: rc %d, %u errors, "
		    "%u rows, %u certificates, %u duplicates", t[i].what, rc,
		    st.errors, st.rows, st.certificates, st.duplicates);
		inventory_free(inv);
		buf_free(&b);
	}
	free(pem);
}
END_TEST

Suite *
ccadb_suite(void)
{
	Suite	*s = suite_create("ccadb");
	TCase	*tc = tcase_create("quirks");
	TCase	*big = tcase_create("scale");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, trust_bits_words);
	tcase_add_test(tc, multiline_pem);
	tcase_add_test(tc, crlf_bom_quoted);
	tcase_add_test(tc, single_quoted_pem);
	tcase_add_test(tc, single_quoted_pem_ok);
	tcase_add_test(tc, quotes_json_dates_booleans);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, v1_trailing_comma);
	tcase_add_test(tc, roots_report);
	tcase_add_test(tc, missing_columns);
	tcase_add_test(tc, duplicate_column);
	tcase_add_test(tc, not_claimed);
	tcase_add_test(tc, unbalanced_quote);
	tcase_add_test(tc, stray_quote);
	tcase_add_test(tc, truncated_row);
	tcase_add_test(tc, same_fp_other_pem);
	tcase_add_test(tc, merge_and_revocation);
	tcase_add_test(tc, owner_same);
	tcase_add_test(tc, merge_order_free);
	tcase_add_test(tc, db_outlives_inventory);
	tcase_add_test(tc, owner_filter);
	tcase_add_test(tc, row_edges);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(big, setup, teardown);
	tcase_set_timeout(big, 300);
	tcase_add_test(big, v5_at_scale);
	suite_add_tcase(s, big);
	return s;
}
