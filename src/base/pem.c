/*
 * The base64 body of a PEM block, for every reader that meets one: PEM
 * bundles (inventory/load.c), CCADB's PEM cells (ccadb/ccadb.c) and a
 * Trusted List's X509Certificate (statement/stmt_tsl.c).  In the base so
 * that none of those stages reaches into another for it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/*
 * Is s[i] the end of a line?  "\n", or a "\r" not followed by "\n": files
 * saved by old Mac tools end lines with CR alone, and their line numbers
 * must still point at the right line.
 */
int
text_eol(const char *s, size_t n, size_t i)
{
	if (s[i] == '\n')
		return 1;
	return s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n');
}

/* A base64 digit's value plus one; 0 for anything else. */
static const unsigned char b64tab[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 63, 0, 0, 0, 64,
	53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 0, 0, 0, 0, 0, 0,
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 0, 0, 0, 0, 0,
	0, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,
	42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * Base64 body of a PEM block; white space anywhere (CR, blank lines,
 * indentation) is ignored, as OpenSSL's own reader tolerates most of it.
 * Returns -1 and the line of the first bad character.  Digits take the
 * fast path; everything else the careful one.
 */
int
pem_b64_decode(const char *s, size_t n, long first_line, struct buf *out,
    long *bad_line)
{
	unsigned	 acc = 0;
	int		 bits = 0, pad = 0;
	long		 line = first_line;
	size_t		 i, need = out->len + n / 4 * 3 + 4;
	unsigned char	*o;

	if (out->cap < need) {
		out->data = xreallocarray(out->data, need, 1);
		out->cap = need;
	}
	o = (unsigned char *)out->data + out->len;
	for (i = 0; i < n; i++) {
		int	 c = (unsigned char)s[i], v = b64tab[c];

		/* Four digits at a time while there are four in a row, on a
		 * byte boundary (bits == 0): three bytes, no branches. */
		if (bits == 0 && pad == 0 && n - i >= 4) {
			const unsigned char *u = (const unsigned char *)s + i;
			unsigned	 a = b64tab[u[0]], b = b64tab[u[1]],
				 	 d = b64tab[u[2]], e = b64tab[u[3]];

			if (a != 0 && b != 0 && d != 0 && e != 0) {
				unsigned w = (a - 1) << 18 | (b - 1) << 12 |
				    (d - 1) << 6 | (e - 1);

				*o++ = (unsigned char)(w >> 16);
				*o++ = (unsigned char)(w >> 8);
				*o++ = (unsigned char)w;
				i += 3;
				continue;
			}
		}
		if (v != 0 && pad == 0) {
			acc = acc << 6 | (unsigned)(v - 1);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				*o++ = (unsigned char)(acc >> bits & 0xff);
			}
			continue;
		}
		if (text_eol(s, n, i)) {
			line++;
			continue;
		}
		if (isspace(c))
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		*bad_line = line;
		out->len = (size_t)(o - (unsigned char *)out->data);
		out->data[out->len] = '\0';
		return -1;
	}
	out->len = (size_t)(o - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	if (pad > 2 || (bits >= 6)) {
		*bad_line = line;
		return -1;
	}
	return 0;
}
