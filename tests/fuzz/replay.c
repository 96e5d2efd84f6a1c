/*
 * Runs a harness's LLVMFuzzerTestOneInput once over each file named on
 * the command line, without libFuzzer: `make check` replays every
 * committed corpus input (seeds and the inputs of bugs found) through
 * every harness, under whatever compiler and sanitizers the build uses.
 */
#include <stdio.h>

#include "fuzz.h"

int
main(int argc, char *argv[])
{
	unsigned char	*d;
	size_t		 n;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (read_file(fuzz_init(), argv[i], RUN_MAX_INPUT, &d,
		    &n) != 0) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput(d, n);
		free(d);
	}
	return 0;
}
