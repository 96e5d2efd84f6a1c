/*
 * One certificate's DER through both decoding paths (certdec.h): when the
 * strict reader takes the bytes, OpenSSL must decode them too and agree
 * on every field.  A difference aborts, so the fuzzer reports it.
 */
#include <stdio.h>

#include "fuzz.h"
#include "../unit/certdec_cmp.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char	*field;

	fuzz_init();
	if (certdec_compare(d, n, &field) == 1) {
		fprintf(stderr, "strict reader and OpenSSL differ in %s\n",
		    field);
		abort();
	}
	return 0;
}
