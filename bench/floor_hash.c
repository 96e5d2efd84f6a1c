/*
 * floor_hash: the loading floor of the benchmark.  Reads every file named,
 * finds each PEM CERTIFICATE block (in a PEM bundle or a CCADB CSV cell),
 * decodes its base64 and takes the SHA-256 of the DER: the least any tool
 * must do to fingerprint the same bytes.  Prints the count and an XOR of
 * the digests (so that nothing is optimised away).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

static const char begin[] = "-----BEGIN CERTIFICATE-----";
static const char end[] = "-----END CERTIFICATE-----";

int
main(int argc, char **argv)
{
	static signed char val[256];
	unsigned char	 acc[32] = { 0 }, md[32], *der = NULL;
	size_t		 dercap = 0;
	long		 count = 0, total = 0;
	int		 a, i;

	memset(val, -1, sizeof(val));
	for (i = 0; i < 64; i++)
		val[(unsigned char)
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		    [i]] = (signed char)i;
	for (a = 1; a < argc; a++) {
		FILE	*f = fopen(argv[a], "rb");
		char	*d, *p, *e, *b;
		long	 n;

		if (f == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[a]);
			return 1;
		}
		if ((d = malloc((size_t)n + 1)) == NULL ||
		    fread(d, 1, (size_t)n, f) != (size_t)n)
			return 1;
		fclose(f);
		d[n] = '\0';
		for (p = d; (b = strstr(p, begin)) != NULL; p = e) {
			unsigned acc6 = 0, bits = 0;
			size_t	 len = 0;

			b += sizeof(begin) - 1;
			if ((e = strstr(b, end)) == NULL)
				break;
			if ((size_t)(e - b) > dercap) {
				dercap = (size_t)(e - b);
				der = realloc(der, dercap);
			}
			for (; b < e; b++) {
				int v = val[(unsigned char)*b];

				if (v < 0)
					continue;
				acc6 = acc6 << 6 | (unsigned)v;
				if ((bits += 6) >= 8) {
					bits -= 8;
					der[len++] = (unsigned char)(acc6 >>
					    bits);
				}
			}
			SHA256(der, len, md);
			total += (long)len;
			for (i = 0; i < 32; i++)
				acc[i] ^= md[i];
			count++;
		}
		free(d);
	}
	printf("%ld certificates, %ld DER bytes, digest xor %02x%02x%02x%02x\n",
	    count, total, acc[0], acc[1], acc[2], acc[3]);
	free(der);
	return 0;
}
