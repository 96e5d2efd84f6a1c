/*
 * The rebuild of wrapped fingerprints from positioned words
 * (stmt_join_words), fed synthetic word boxes.  Each word is encoded as
 *
 *   flags   bit 0 first of its line, bit 1 last, bit 2 raw floats follow,
 *           bit 3 next page, bits 4-7 lines to advance
 *   box     raw: 4 floats (any bits: NaN, infinities, denormals);
 *           else int16 x0/4, int16 y0/4, int8 width/2, int8 height/4
 *   len     one byte (at most 80), then that many bytes of text
 *
 * so that the fuzzer can both stack hex pieces in a column and hand the
 * code the boxes a subverted PDF child could send.  Each word's text is
 * first scanned as a line, as stmt_pdf.c does, so that the rebuild's
 * taking back of 40-digit "SHA-1" pieces is exercised too.
 */
#include <string.h>

#include "fuzz.h"

#define MAX_WORDS	4096

static int
take(const uint8_t **d, size_t *n, void *out, size_t k)
{
	if (*n < k)
		return -1;
	memcpy(out, *d, k);
	*d += k;
	*n -= k;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct statement *st = fuzz_statement("pdf");
	/* a word takes at least 8 bytes of input */
	size_t		 cap = n / 8 + 1 < MAX_WORDS ? n / 8 + 1 : MAX_WORDS;
	struct stmt_word *w = xcalloc(cap, sizeof(*w));
	size_t		 nw = 0;
	unsigned	 page = 1;
	long		 line = 0;

	while (nw < cap && n > 0) {
		uint8_t		 flags, len;
		struct stmt_word *x = &w[nw];

		take(&d, &n, &flags, 1);
		if (flags & 4) {
			float	 f[4];

			if (take(&d, &n, f, sizeof(f)) != 0)
				break;
			x->x0 = f[0];
			x->y0 = f[1];
			x->x1 = f[2];
			x->y1 = f[3];
		} else {
			int16_t	 x0, y0;
			int8_t	 wd, ht;

			if (take(&d, &n, &x0, 2) != 0 ||
			    take(&d, &n, &y0, 2) != 0 ||
			    take(&d, &n, &wd, 1) != 0 ||
			    take(&d, &n, &ht, 1) != 0)
				break;
			x->x0 = x0 / 4.0;
			x->y0 = y0 / 4.0;
			x->x1 = x->x0 + wd / 2.0;
			x->y1 = x->y0 + ht / 4.0;
		}
		if (take(&d, &n, &len, 1) != 0)
			break;
		if (len > 80)
			len = 80;
		if (len > n)
			len = (uint8_t)n;
		if (flags & 8)
			page++;
		line += flags >> 4;
		x->s = (const char *)d;
		x->len = len;
		x->page = page;
		x->line = line + 1;
		x->tline = line;
		x->first = flags & 1;
		x->last = (flags >> 1) & 1;
		d += len;
		n -= len;
		if (len == 0)
			continue;
		stmt_scan_line(st, x->s, x->len, x->page, x->line, 0);
		nw++;
	}
	stmt_join_words(st, w, nw);
	free(w);
	fuzz_statement_done(st, 0);
	return 0;
}
