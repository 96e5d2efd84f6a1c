/*
 * floor_verify: the verification floor of the benchmark.  Links the
 * inventory given (every link verified, no cache), then checks, on one
 * core, one signature per confirmed issuer link with keys decoded
 * beforehand, and prints the CPU seconds that took: the least a cold run
 * must spend, before dividing by the cores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <openssl/evp.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"

int
main(int argc, char **argv)
{
	struct ccadb_db	*db = ccadb_db_new();
	struct inventory *inv = inventory_new();
	struct run	 run;
	struct loader	*ld;
	struct hier_opts ho = { 0 };
	struct hierarchy h = { 0 };
	EVP_PKEY	**keys;
	struct timespec	 t0, t1;
	size_t		 i, k;
	long		 links = 0, ok = 0;
	int		 a;

	run_init(&run);
	ld = loader_new(&run, inv);
	loader_add_reader(ld, &db->reader);
	for (a = 1; a < argc; a++)
		(void)loader_add_path(ld, argv[a]);
	loader_free(ld);
	inventory_sort(inv);
	hierarchy_build(&h, inv, &ho);
	keys = calloc(inv->ncerts, sizeof(*keys));
	for (i = 0; i < inv->ncerts; i++)
		if (h.node[i].nchildren > 0)
			keys[i] = cert_pubkey(inv->certs[i]);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < h.node[i].nparents; k++) {
			links++;
			ok += cert_verify_with(inv->certs[i],
			    keys[h.node[i].parents[k]]);
		}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	printf("%ld links, %ld verified, %.3f s on one core\n", links, ok,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (i = 0; i < inv->ncerts; i++)
		EVP_PKEY_free(keys[i]);
	free(keys);
	hierarchy_free(&h);
	inventory_free(inv);
	ccadb_db_free(db);
	return 0;
}
