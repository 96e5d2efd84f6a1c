/*
 * loadonly: loading without linking, for the benchmark.  Every INPUT into
 * the inventory and its canonical order, as every command starts, but no
 * hierarchy: what is compared with the read-and-hash floor.
 */
#include <stdio.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"

int
main(int argc, char **argv)
{
	struct ccadb_db	*db;
	struct inventory *inv;
	struct run	 run;
	struct loader	*ld;
	int		 a;

	memory_init();		/* as main(), before any allocation */
	db = ccadb_db_new();
	inv = inventory_new();
	run_init(&run);
	ld = loader_new(&run, inv);
	loader_add_reader(ld, &db->reader);
	for (a = 1; a < argc; a++)
		(void)loader_add_path(ld, argv[a]);
	loader_free(ld);
	inventory_sort(inv);
	printf("%zu certificates\n", inv->ncerts);
	inventory_free(inv);
	ccadb_db_free(db);
	return 0;
}
