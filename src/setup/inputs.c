/*
 * What every command that reads an inventory does first: load each INPUT,
 * put the inventory in canonical order, link the hierarchy, and (--owner)
 * keep the owner's certificates.
 */
#include <ctype.h>
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

/* A word of a company's legal form: no initial of its name. */
static int
legal_form(const char *w, size_t n)
{
	static const char *const forms[] = { "inc", "ltd", "llc", "limited",
		"corporation", "corp", "gmbh", "ag", "sa", "s", "a", "bv",
		"nv", "plc", "co", "srl", "spa", "oy", "ab", "as", NULL };
	size_t	 i, k;

	for (i = 0; forms[i] != NULL; i++) {
		if (strlen(forms[i]) != n)
			continue;
		for (k = 0; k < n && tolower((unsigned char)w[k]) ==
		    forms[i][k]; k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/*
 * "ISRG" for "Internet Security Research Group", "GTS" for "Google
 * Trust Services LLC": the initials of its words, legal forms left out.
 */
static int
initials_are(const char *name, const char *abbr)
{
	const char	*p, *e;
	size_t		 k = 0;

	for (p = name; *p != '\0'; p = e) {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (e = p; isalnum((unsigned char)*e); e++)
			;
		if (e == p || (k > 0 && legal_form(p, (size_t)(e - p))))
			continue;
		if (abbr[k] == '\0' || toupper((unsigned char)*p) !=
		    toupper((unsigned char)abbr[k]))
			return 0;
		k++;
	}
	return k > 1 && abbr[k] == '\0';
}

static int
has_ci(const char *s, const char *sub)
{
	size_t	 i, n = strlen(sub);

	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0' &&
		    tolower((unsigned char)s[i]) ==
		    tolower((unsigned char)sub[i]); i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * Owner names the records do give that the user may have meant: those
 * containing the text given or contained in it (in any case), or whose
 * initials it is; at most three, in the order of the records.  "; did you mean ...?", or
 * NULL.
 */
static char *
owner_suggestions(const struct ccadb_db *db, const char *given)
{
	struct buf	 b = { 0 };
	const char	*seen[3];
	char		*t;
	size_t		 i, k, m, n = 0;

	if (given[0] == '\0')
		return NULL;
	for (i = 0; i < ccadb_count(db) && n < 3; i++) {
		const struct ccadb_record *r = ccadb_record_at(db, i);

		for (k = 0; k < r->nowners && n < 3; k++) {
			const char *o = r->owners[k];

			/* "DigiCert, Inc." for "DigiCert" too. */
			if (!has_ci(o, given) && !initials_are(o, given) &&
			    !(strlen(o) >= 4 && has_ci(given, o)))
				continue;
			for (m = 0; m < n && strcmp(seen[m], o) != 0; m++)
				;
			if (m < n)
				continue;
			seen[n++] = o;
			/* A report's text: escaped for the terminal. */
			t = esc_term(o);
			buf_printf(&b, "%s\"%.200s\"", n == 1 ?
			    "; did you mean " : ", ", t);
			free(t);
		}
	}
	if (n == 0)
		return NULL;
	buf_addstr(&b, "?");
	return buf_take(&b);
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
		char	*near = owner_suggestions(db, o->owner);

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
