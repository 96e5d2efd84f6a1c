/*
 * What every command that reads an inventory does first: load each INPUT,
 * put the inventory in canonical order, link the hierarchy.
 */
#include <stdlib.h>

#include "auditscope.h"
#include "cli.h"

struct inventory *
load_inventory(const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv = inventory_new();
	struct hier_opts	 ho = { 0 };
	int			 i;

	for (i = 0; i < argc; i++)
		(void)inventory_add_path(inv, argv[i]);
	inventory_sort(inv);
	ho.jobs = o->jobs;
	ho.use_cache = !o->no_cache;
	hierarchy_build(inv, &ho);
	return inv;
}
