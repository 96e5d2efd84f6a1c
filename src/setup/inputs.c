/*
 * What every command that reads an inventory does first: load each INPUT,
 * put the inventory in canonical order, link the hierarchy, and (--owner)
 * keep the owner's certificates.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "engine/engine.h"
#include "setup/setup.h"

static int
arg_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Inputs are read in sorted order, whatever order they were named in, so
 * that diagnostics, "first seen" and every report come out the same.
 */
void
sort_args(size_t n, char **v)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), arg_cmp);
}

struct inventory *
read_inputs(struct run *run, struct ccadb_db *db, char *const *paths,
    size_t n)
{
	struct inventory	*inv = inventory_new();
	struct loader		*ld;
	size_t			 i;

	ld = loader_new(run, inv);
	loader_add_reader(ld, &db->reader);
	for (i = 0; i < n; i++)
		(void)loader_add_path(ld, paths[i]);
	loader_free(ld);
	return inv;
}

struct inventory *
load_inventory(struct run *run, const struct setup_opts *o, int argc,
    char **argv, struct hierarchy *h, struct ccadb_db *db)
{
	struct inventory	*inv;
	struct hier_opts	 ho = { 0 };

	sort_args((size_t)argc, argv);
	progress_phase("reading inputs: files", 0);
	inv = read_inputs(run, db, argv, (size_t)argc);
	/* A PEM input after a CCADB report: its certificates get records. */
	ccadb_link(db, inv);
	inventory_sort(inv);
	ho.run = run;
	ho.use_cache = !o->no_cache;
	hierarchy_build(h, inv, &ho);
	/*
	 * After the hierarchy: an owner's hierarchy runs through issuers
	 * and subordinates whose own records name other owners.
	 */
	if (o->owner != NULL && ccadb_filter_owner(db, inv, h, o->owner) < 0) {
		char	*near = ccadb_owner_suggest(db, o->owner);

		diag_error(run, NULL, 0,
		    "--owner: no CCADB record names \"%s\" "
		    "as CA Owner or Subordinate CA Owner%s", o->owner,
		    near != NULL ? near : "");
		free(near);
	}
	return inv;
}

void
unload_inventory(struct inventory *inv, struct hierarchy *h,
    struct ccadb_db *db)
{
	if (h != NULL)
		hierarchy_free(h);
	inventory_free(inv);
	ccadb_db_free(db);
}
