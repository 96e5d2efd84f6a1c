/*
 * floor_hash: the loading floor of the benchmark.  Reads every file named,
 * finds each PEM CERTIFICATE block (in a PEM bundle or a CCADB CSV cell),
 * decodes its base64 and takes the SHA-256 of the DER: the least any tool
 * must do to fingerprint the same bytes.  Prints the count and an XOR of
 * the digests (so that nothing is optimised away).
 *
 * With --csv, each file goes through libcsv first (in one call, with
 * callbacks that only hash each field's PEM blocks): the same floor for a
 * reader that must parse CCADB's CSV with libcsv, as issue 18 asks of
 * auditscope's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <openssl/sha.h>

static const char begin[] = "-----BEGIN CERTIFICATE-----";
static const char end[] = "-----END CERTIFICATE-----";

static signed char val[256];
static unsigned char acc[32], *der;
static size_t	 dercap;
static long	 count, total;

/* Every PEM certificate block of the NUL-terminated d, hashed. */
static void
hash_pems(const char *d)
{
	unsigned char	 md[32];
	const char	*p, *e, *b;
	int		 i;

	for (p = d; (b = strstr(p, begin)) != NULL; p = e) {
		unsigned acc6 = 0, bits = 0;
		size_t	 len = 0;

		b += sizeof(begin) - 1;
		if ((e = strstr(b, end)) == NULL)
			break;
		if ((size_t)(e - b) > dercap) {
			dercap = (size_t)(e - b);
			if ((der = realloc(der, dercap)) == NULL)
				exit(1);
		}
		for (; b < e; b++) {
			int v = val[(unsigned char)*b];

			if (v < 0)
				continue;
			acc6 = acc6 << 6 | (unsigned)v;
			if ((bits += 6) >= 8) {
				bits -= 8;
				der[len++] = (unsigned char)(acc6 >> bits);
			}
		}
		SHA256(der, len, md);
		total += (long)len;
		for (i = 0; i < 32; i++)
			acc[i] ^= md[i];
		count++;
	}
}

static void
on_field(void *s, size_t n, void *arg)
{
	(void)n;
	(void)arg;
	if (s != NULL)
		hash_pems(s);
}

static void
on_row(int c, void *arg)
{
	(void)c;
	(void)arg;
}

int
main(int argc, char **argv)
{
	int	 a = 1, i, csv = 0;

	if (argc > 1 && strcmp(argv[1], "--csv") == 0) {
		csv = 1;
		a++;
	}
	memset(val, -1, sizeof(val));
	for (i = 0; i < 64; i++)
		val[(unsigned char)
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		    [i]] = (signed char)i;
	for (; a < argc; a++) {
		FILE	*f = fopen(argv[a], "rb");
		char	*d;
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
		if (csv) {
			struct csv_parser cp;

			if (csv_init(&cp, CSV_STRICT | CSV_APPEND_NULL) != 0 ||
			    csv_parse(&cp, d, (size_t)n, on_field, on_row,
			    NULL) != (size_t)n ||
			    csv_fini(&cp, on_field, on_row, NULL) != 0) {
				fprintf(stderr, "%s: not a CSV file\n",
				    argv[a]);
				return 1;
			}
			csv_free(&cp);
		} else
			hash_pems(d);
		free(d);
	}
	printf("%ld certificates, %ld DER bytes, digest xor %02x%02x%02x%02x\n",
	    count, total, acc[0], acc[1], acc[2], acc[3]);
	free(der);
	return 0;
}
