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
	struct ccadb_db	*db = ccadb_db_new();
	struct inventory *inv = inventory_new_ccadb(db);
	int		 a;

	for (a = 1; a < argc; a++)
		(void)inventory_add_path(inv, argv[a]);
	inventory_sort(inv);
	printf("%zu certificates\n", inv->ncerts);
	inventory_free(inv);
	ccadb_db_free(db);
	return 0;
}
