/*
 * Certificate bundles: PEM (any number of blocks, CRLF, base64 lines split
 * by blank lines as in real CCADB data), DER (one or several concatenated)
 * and PKCS#7 (PEM or DER).  The format is sniffed from the content, never
 * from the file name.  Every block that cannot be decoded is an error that
 * names the file and the line of its BEGIN marker; blocks that are not
 * certificates are skipped with a warning, and a private key is reported
 * without a byte of it being printed.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "inventory/load.h"

/*
 * Certificates of a PKCS#7 structure.  OpenSSL hands them back decoded;
 * to fingerprint the bytes as given we look for each re-encoding inside
 * the original, and warn where the original used another encoding.
 */
static int
load_pkcs7_der(struct loader *ld, struct input_stat *st,
    const char *name, const unsigned char *der, size_t n, long line)
{
	const unsigned char	*p = der;
	PKCS7			*p7;
	STACK_OF(X509)		*certs = NULL;
	size_t			 from = 0;
	int			 i, rc = 0;

	if (n > LONG_MAX || (p7 = d2i_PKCS7(NULL, &p, (long)n)) == NULL) {
		diag_openssl(ld->run, name, line,
		    "cannot decode PKCS#7 structure");
		st->errors++;
		return -1;
	}
	if (PKCS7_type_is_signed(p7) && p7->d.sign != NULL)
		certs = p7->d.sign->cert;
	else if (PKCS7_type_is_signedAndEnveloped(p7) &&
	    p7->d.signed_and_enveloped != NULL)
		certs = p7->d.signed_and_enveloped->cert;
	if (sk_X509_num(certs) <= 0) {
		diag_error(ld->run, name, line, "PKCS#7 structure holds no "
		    "certificates");
		st->errors++;
		PKCS7_free(p7);
		return -1;
	}
	for (i = 0; i < sk_X509_num(certs); i++) {
		unsigned char	*enc = NULL;
		const unsigned char *found = NULL;
		int		 len = i2d_X509(sk_X509_value(certs, i), &enc);
		size_t		 off;

		if (len <= 0) {
			diag_openssl(ld->run, name, line,
			    "cannot encode certificate from PKCS#7");
			st->errors++;
			rc = -1;
			continue;
		}
		/*
		 * Certificates follow each other in the SET: look from the
		 * end of the previous one first, then from the start, so
		 * that a PKCS#7 of thousands is not searched quadratically.
		 */
		for (off = from; off + (size_t)len <= n; off++)
			if (der[off] == 0x30 &&
			    memcmp(der + off, enc, (size_t)len) == 0) {
				found = der + off;
				break;
			}
		for (off = 0; found == NULL && off < from &&
		    off + (size_t)len <= n; off++)
			if (der[off] == 0x30 &&
			    memcmp(der + off, enc, (size_t)len) == 0)
				found = der + off;
		if (found != NULL)
			from = (size_t)(found - der) + (size_t)len;
		if (found == NULL)
			diag_warn(ld->run, name, line,
			    "certificate %d of the PKCS#7 "
			    "structure is not in DER; fingerprinting OpenSSL's "
			    "re-encoding", i + 1);
		if (loader_add_der(ld, st, found ? found : enc,
		    (size_t)len, line) < 0)
			rc = -1;
		OPENSSL_free(enc);
	}
	PKCS7_free(p7);
	return rc;
}

static int
pem_cert_label(const char *label)
{
	return strcmp(label, "CERTIFICATE") == 0 ||
	    strcmp(label, "X509 CERTIFICATE") == 0 ||
	    strcmp(label, "TRUSTED CERTIFICATE") == 0;
}

/* One PEM block's DER, by its label. */
static int
load_pem_block(struct loader *ld, struct input_stat *st,
    const char *name, const char *label, const unsigned char *der,
    size_t n, long line)
{
	if (pem_cert_label(label))
		return loader_add_der(ld, st, der, n, line) < 0 ? -1 : 0;
	if (strcmp(label, "PKCS7") == 0 || strcmp(label, "PKCS #7 SIGNED DATA")
	    == 0 || strcmp(label, "CMS") == 0)
		return load_pkcs7_der(ld, st, name, der, n, line);
	st->skipped++;
	if (strstr(label, "PRIVATE KEY") != NULL)
		diag_warn(ld->run, name, line, "private key block skipped (not "
		    "shown); a certificate bundle should not carry keys");
	else
		diag_warn(ld->run, name, line, "\"%s\" block skipped: not a "
		    "certificate", label);
	return 0;
}

/*
 * Line number (1-based) of offset off; n is the length of s.  A line ends
 * at "\n" or at a "\r" not before "\n" (text_eol); where the stretch
 * holds no "\r", the "\n" are counted by memchr().
 */
static long
line_at(const char *s, size_t n, size_t off, const char **cache_p,
    long *cache_line)
{
	const char	*p = *cache_p, *e = s + off;
	long		 line = *cache_line;

	if (p < e && memchr(p, '\r', (size_t)(e - p)) == NULL) {
		while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			line++;
			if (++p == e)
				break;
		}
		p = e;
	}
	for (; p < e; p++)
		if (text_eol(s, n, (size_t)(p - s)))
			line++;
	*cache_p = p;
	*cache_line = line;
	return line;
}

static const char *
find_str(const char *s, size_t n, const char *what)
{
	return mem_find(s, n, what, strlen(what));
}

/*
 * A label is printable ASCII (RFC 7468).  A NUL would cut it short and
 * make the block's own END unfindable; a newline means the dashes found
 * belong to another line.
 */
static int
printable(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

/*
 * Every "-----BEGIN X-----" ... "-----END X-----" block of a text.
 * line_offset is added to line numbers (a PEM inside a CSV field starts
 * further down the file).
 */
static int
load_pem_text(struct loader *ld, struct input_stat *st,
    const char *name, const char *s, size_t n, long line_offset)
{
	const char	*p = s, *end = s + n, *cache = s;
	long		 cache_line = 1;
	int		 rc = 0, blocks = 0;
	struct buf	 der = { 0 };

	while (p < end) {
		const char	*b, *lab, *labend, *body, *e, *nextb;
		char		 label[64], endmark[96];
		size_t		 ll;
		long		 line, bad;

		der.len = 0;
		if ((b = find_str(p, (size_t)(end - p), "-----BEGIN ")) == NULL)
			break;
		line = line_at(s, n, (size_t)(b - s), &cache, &cache_line) +
		    line_offset;
		lab = b + 11;
		labend = find_str(lab, (size_t)(end - lab), "-----");
		if (labend == NULL || (ll = (size_t)(labend - lab)) >=
		    sizeof(label) || !printable(lab, ll)) {
			diag_error(ld->run, name, line,
			    "malformed PEM BEGIN line");
			st->errors++;
			rc = -1;
			p = lab;
			continue;
		}
		memcpy(label, lab, ll);
		label[ll] = '\0';
		body = labend + 5;
		snprintf(endmark, sizeof(endmark), "-----END %s-----", label);
		/*
		 * Look for our END only up to the next BEGIN: searching the
		 * whole rest of the file for each BEGIN is quadratic, and a
		 * file of nothing but BEGIN lines would take hours.
		 */
		nextb = find_str(body, (size_t)(end - body), "-----BEGIN ");
		e = find_str(body, (size_t)((nextb != NULL ? nextb : end) -
		    body), endmark);
		if (e == NULL && nextb == NULL) {
			diag_error(ld->run, name, line,
			    "PEM block \"%s\" has no END "
			    "line (truncated file?)", label);
			st->errors++;
			rc = -1;
			break;
		}
		/* A second BEGIN before our END: the first block is cut. */
		if (e == NULL) {
			diag_error(ld->run, name, line,
			    "PEM block \"%s\" is cut off "
			    "by the next BEGIN line", label);
			st->errors++;
			rc = -1;
			p = body;
			continue;
		}
		blocks++;
		/* Headers (Proc-Type, RFC 1421) mean encryption: refuse. */
		if (find_str(body, (size_t)(e - body), ":") != NULL &&
		    strstr(label, "PRIVATE KEY") == NULL) {
			diag_error(ld->run, name, line,
			    "PEM block \"%s\" has headers "
			    "(encrypted?); cannot read it", label);
			st->errors++;
			rc = -1;
		} else if (strstr(label, "PRIVATE KEY") != NULL) {
			/* Never decode, never echo a private key. */
			load_pem_block(ld, st, name, label, NULL, 0, line);
		} else if (pem_b64_decode(body, (size_t)(e - body), line,
		    &der, &bad) != 0) {
			diag_error(ld->run, name, bad,
			    "bad base64 in PEM block \"%s\" "
			    "that begins on line %ld", label, line);
			st->errors++;
			rc = -1;
		} else if (der.len == 0) {
			diag_error(ld->run, name, line,
			    "empty PEM block \"%s\"", label);
			st->errors++;
			rc = -1;
		} else if (load_pem_block(ld, st, name, label,
		    (unsigned char *)der.data, der.len, line) != 0)
			rc = -1;
		p = e + strlen(endmark);
	}
	buf_free(&der);
	if (blocks == 0 && rc == 0) {
		diag_error(ld->run, name, 0, "no PEM blocks found");
		st->errors++;
		rc = -1;
	}
	return rc;
}

/* One or more concatenated DER certificates, or a DER PKCS#7. */
static int
load_der(struct loader *ld, struct input_stat *st, const char *name,
    const unsigned char *d, size_t n)
{
	size_t		 off = 0;
	int		 rc = 0, count = 0;

	while (off < n) {
		const unsigned char	*p = d + off;
		X509			*x;

		x = d2i_X509(NULL, &p, (long)(n - off > LONG_MAX ? LONG_MAX :
		    n - off));
		if (x == NULL) {
			ERR_clear_error();
			if (count == 0) {
				/* Not a certificate: perhaps PKCS#7. */
				st->format = "pkcs7";
				return load_pkcs7_der(ld, st, name, d, n,
				    0);
			}
			diag_error(ld->run, name, 0,
			    "%zu bytes after certificate %d "
			    "are not a DER certificate", n - off, count);
			st->errors++;
			return -1;
		}
		X509_free(x);
		if (loader_add_der(ld, st, d + off, (size_t)(p - (d + off)),
		    0) < 0)
			rc = -1;
		count++;
		off = (size_t)(p - d);
	}
	return rc;
}

static enum format
sniff_format(const struct loader *ld, const unsigned char *d,
    size_t n)
{
	size_t	 i = 0;

	if (n >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
		i = 3;
	while (i < n && isspace(d[i]))
		i++;
	if (i == n)
		return FMT_EMPTY;
	/*
	 * DER: a SEQUENCE whose length takes the long form (0x81-0x84; a
	 * certificate is longer than 127 bytes), BER's indefinite 0x80
	 * (PKCS#7 from some tools), or a short form spanning the whole
	 * input (an empty PKCS#7).  A text that merely starts with the
	 * digit "0" (0x30) must not be taken for DER.
	 */
	if (i == 0 && n >= 2 && d[0] == 0x30 && ((d[1] >= 0x80 &&
	    d[1] <= 0x84) || (size_t)d[1] + 2 == n))
		return FMT_DER;
	/* CCADB reports carry PEM in a column: ask the CSV reader first. */
	if (ld->reader != NULL && ld->reader->sniff(d, n))
		return FMT_READER;
	if (find_str((const char *)d, n, "-----BEGIN ") != NULL)
		return FMT_PEM;
	return FMT_UNKNOWN;
}

/*
 * A PDF, or text with a SHA-256 fingerprint in it: most likely an audit
 * statement named where certificates were expected.  Only the hint in
 * the error depends on it.
 */
static int
looks_like_statement(const unsigned char *d, size_t n)
{
	size_t	 i, run = 0;

	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return 1;
	for (i = 0; i < n; i++) {
		run = isxdigit(d[i]) ? run + 1 : 0;
		if (run == 64 && (i + 1 == n || !isxdigit(d[i + 1])))
			return 1;
	}
	return 0;
}

int
load_buffer(struct loader *ld, struct input_stat *st, const char *name,
    const unsigned char *d, size_t n, int strict)
{
	switch (sniff_format(ld, d, n)) {
	case FMT_EMPTY:
		diag_error(ld->run, name, 0, "empty input: no certificates");
		st->errors++;
		return -1;
	case FMT_DER:
		st->format = "der";
		return load_der(ld, st, name, d, n);
	case FMT_PEM: {
		int	 rc;

		st->format = "pem";
		rc = load_pem_text(ld, st, name, (const char *)d, n, 0);
		/*
		 * A bundle of nothing but CRLs or keys is not a certificate
		 * bundle: loading nothing from it must not pass unnoticed.
		 */
		if (rc == 0 && st->certificates + st->duplicates == 0) {
			diag_error(ld->run, name, 0,
			    "no certificates in this PEM file "
			    "(%u other block%s skipped)", st->skipped,
			    st->skipped == 1 ? "" : "s");
			st->errors++;
			rc = -1;
		}
		return rc;
	}
	case FMT_READER:
		st->format = ld->reader->format;
		return ld->reader->load(ld->reader->ctx, ld, st, name, d,
		    n);
	case FMT_UNKNOWN:
		break;
	}
	if (!strict) {
		st->skipped++;
		diag_warn(ld->run, name, 0,
		    "skipped: not a certificate bundle, PKCS#7 "
		    "or CCADB report");
		return 0;
	}
	diag_error(ld->run, name, 0,
	    "unrecognised format: not PEM, DER, PKCS#7 or a "
	    "CCADB report%s", looks_like_statement(d, n) ? "; an audit "
	    "statement? pass it with -s STATEMENT (or -s KIND=STATEMENT)" :
	    "");
	st->errors++;
	return -1;
}
