/*
 * --baseline: what a previous JSON report found, so that a nightly job can
 * fail on what is new tonight and say what has been resolved since.  One
 * mechanism for every report that has findings; each report knows its own
 * JSON layout and feeds the findings in through a callback.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/auditscope.h"
#include "report/baseline.h"

struct baseline *
baseline_load(const char *path,
    int (*read)(struct baseline *, json_t *, const char *))
{
	struct baseline	*b;
	json_t		*root;
	json_error_t	 err;
	unsigned char	*d;
	size_t		 len;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		diag_note(path, 0, "no baseline yet (a first run): every "
		    "finding is new");
		return xcalloc(1, sizeof(*b));
	}
	if (read_file(path, &d, &len) != 0)
		return NULL;
	root = json_loadb((const char *)d, len, JSON_REJECT_DUPLICATES, &err);
	free(d);
	if (root == NULL) {
		diag_error(path, err.line, "not a JSON report: %s", err.text);
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	if (read(b, root, path) != 0) {
		baseline_free(b);
		b = NULL;
	}
	json_decref(root);
	return b;
}

void
baseline_add(struct baseline *b, const char *where, const char *label,
    const char *category, const char *sha256)
{
	struct bl_entry	*e;
	unsigned char	 sha[32];

	if (where == NULL || category == NULL || sha256 == NULL ||
	    fp_parse(sha256, sha) != 0)
		return;
	b->e = xreallocarray(b->e, b->n + 1, sizeof(*b->e));
	e = &b->e[b->n++];
	e->where = xstrdup(where);
	e->label = label != NULL ? xstrdup(label) : NULL;
	e->category = xstrdup(category);
	e->sha256 = xstrdup(sha256);
	memcpy(e->sha, sha, 32);
	e->matched = 0;
}

int
baseline_known(struct baseline *b, const char *where, const char *category,
    const unsigned char sha[32])
{
	size_t	 i;
	int	 known = 0;

	for (i = 0; i < b->n; i++)
		if (memcmp(b->e[i].sha, sha, 32) == 0 &&
		    strcmp(b->e[i].where, where) == 0 &&
		    strcmp(b->e[i].category, category) == 0) {
			b->e[i].matched = 1;
			known = 1;
		}
	return known;
}

void
baseline_free(struct baseline *b)
{
	size_t	 i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->e[i].where);
		free(b->e[i].label);
		free(b->e[i].category);
		free(b->e[i].sha256);
	}
	free(b->e);
	free(b);
}
