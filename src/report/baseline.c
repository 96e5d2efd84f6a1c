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

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/*
 * --baseline (baseline.c): the findings of a previous JSON report, kept
 * as (where, category, fingerprint) to mark tonight's findings known or
 * new, and to list those that are gone.  "where" is what the report
 * groups findings by: a statement's path for check, an audit kind (or "")
 * for ccadb; check's is the statement's kind and period, so that the same
 * statements under other names or in another directory stay known.  Each
 * report reads its own JSON layout through a callback
 * and hands the findings over with baseline_add().
 *
 * Ownership: baseline_load() returns a baseline the caller frees with
 * baseline_free(); strings in it are its own.
 */

struct baseline {
	struct bl_entry	*e;
	size_t		 n;
	size_t		 cap;
	/*
	 * The entries by fingerprint (then position), made once loaded,
	 * where each finding scanned every entry: 100k check against a
	 * 94,000-entry baseline 14.9 -> 7.5 s, the corpus's against 10,500
	 * entries 0.898 -> 0.826 s (fastest of five).
	 */
	struct bl_key	*keys;
};

struct bl_key {
	unsigned char	 sha[32];
	size_t		 i;
};

/*
 * Reads the JSON report at path (at most max bytes, the run's
 * max_input) and hands it to read(), which calls
 * baseline_add() for each finding and returns 0, or reports (naming
 * path) that this is not its kind of report and returns -1.  NULL on any
 * error, reported.  A path that does not exist yet is the first night of
 * a nightly job: an empty baseline, with one notice.
 */
static struct baseline	*baseline_load(struct run *, const char *path,
		    size_t max, int (*read)(struct run *, struct baseline *,
		    json_t *, const char *));
/* A finding of the baseline; entries whose fingerprint is no SHA-256 are
 * skipped (a hand-edited file must not make every finding "new"). */
static void		 baseline_add(struct baseline *, const char *where,
		    const char *label, const char *category,
		    const char *sha256);
/* 1 when the baseline has this finding (and marks it matched), else 0. */
static int		 baseline_known(struct baseline *, const char *where,
		    const char *category, const unsigned char sha[32]);
static void		 baseline_free(struct baseline *);
static void		 baseline_index(struct baseline *);

static struct baseline *
baseline_load(struct run *run, const char *path, size_t max,
    int (*read)(struct run *, struct baseline *, json_t *, const char *))
{
	struct baseline	*b;
	json_t		*root;
	json_error_t	 err;
	unsigned char	*d;
	size_t		 len;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		diag_note(run, path, 0, "no baseline yet (a first run): every "
		    "finding is new");
		return xcalloc(1, sizeof(*b));
	}
	if (read_file(run, path, max, &d, &len) != 0)
		return NULL;
	root = json_loadb((const char *)d, len, JSON_REJECT_DUPLICATES, &err);
	free(d);
	if (root == NULL) {
		diag_error(run, path, err.line,
		    "not a JSON report: %s", err.text);
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	if (read(run, b, root, path) != 0) {
		baseline_free(b);
		b = NULL;
	} else
		baseline_index(b);
	json_decref(root);
	return b;
}

static void
baseline_add(struct baseline *b, const char *where, const char *label,
    const char *category, const char *sha256)
{
	struct bl_entry	*e;
	unsigned char	 sha[32];

	if (where == NULL || category == NULL || sha256 == NULL ||
	    fp_parse(sha256, sha) != 0)
		return;
	b->e = xgrow(b->e, b->n, &b->cap, sizeof(*b->e));	/* a finding each */
	e = &b->e[b->n++];
	e->where = xstrdup(where);
	e->label = label != NULL ? xstrdup(label) : NULL;
	e->category = xstrdup(category);
	e->sha256 = xstrdup(sha256);
	memcpy(e->sha, sha, 32);
	e->matched = 0;
}

static int
bl_key_cmp(const void *a, const void *b)
{
	const struct bl_key *x = a, *y = b;
	int		 c = memcmp(x->sha, y->sha, 32);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
baseline_index(struct baseline *b)
{
	size_t	 i;

	b->keys = xcalloc(b->n + 1, sizeof(*b->keys));
	for (i = 0; i < b->n; i++) {
		memcpy(b->keys[i].sha, b->e[i].sha, 32);
		b->keys[i].i = i;
	}
	if (b->n > 1)
		qsort(b->keys, b->n, sizeof(*b->keys), bl_key_cmp);
}

/* Marks every entry of the finding; is there one? */
static int
baseline_known(struct baseline *b, const char *where, const char *category,
    const unsigned char sha[32])
{
	size_t	 lo = 0, hi = b->n;
	int	 known = 0;

	while (lo < hi) {	/* the first key not below sha */
		size_t mid = lo + (hi - lo) / 2;

		if (memcmp(b->keys[mid].sha, sha, 32) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->n && memcmp(b->keys[lo].sha, sha, 32) == 0; lo++) {
		struct bl_entry *e = &b->e[b->keys[lo].i];

		if (strcmp(e->where, where) == 0 &&
		    strcmp(e->category, category) == 0) {
			e->matched = 1;
			known = 1;
		}
	}
	return known;
}

static void
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
	free(b->keys);
	free(b);
}

/*
 * A finding's identity across runs: the statement's kinds and period, the
 * category and the fingerprint; a statement's, its content and kinds.
 * Neither depends on where the statement file was or what it was called.
 */
static char *
stmt_identity(const char *kinds, const char *start, const char *end)
{
	struct buf	 b = { 0 };

	buf_printf(&b, "%s %s..%s", kinds, start, end);
	return buf_take(&b);
}

static char *
stmt_identity_of(const struct stmt_check *c)
{
	struct buf	 b = { 0 };
	char		 s[11], e[11], *k, *id;

	kinds_names(&b, c->kinds, ",");
	k = buf_take(&b);
	time_format_date(c->period.start, s);
	time_format_date(c->period.end, e);
	id = stmt_identity(k, s, e);
	free(k);
	return id;
}

/* The findings of a previous `check -f json` report, per statement. */
static int
check_read(struct run *run, struct baseline *b, json_t *root, const char *path)
{
	json_t		*sts, *s, *e, *kv, *p;
	size_t		 i, j, g;

	sts = json_object_get(root, CK_STATEMENTS);
	if (!json_is_array(sts)) {
		diag_error(run, path, 0, "not an auditscope check report: no "
		    "\"" CK_STATEMENTS "\" array");
		return -1;
	}
	json_array_foreach(sts, i, s) {
		const char *sp = json_string_value(json_object_get(s,
		    CK_PATH));
		struct buf kb = { 0 };
		char	*k, *id;

		json_array_foreach(json_object_get(s, CK_KIND), j, kv)
			if (json_is_string(kv))
				buf_printf(&kb, "%s%s", kb.len ? "," : "",
				    json_string_value(kv));
		k = buf_take(&kb);
		p = json_object_get(s, CK_PERIOD);
		if (!json_is_string(json_object_get(p, CK_START)) ||
		    !json_is_string(json_object_get(p, CK_END))) {
			free(k);
			continue;	/* no identity: its findings are new */
		}
		id = stmt_identity(k, json_string_value(json_object_get(p,
		    CK_START)), json_string_value(json_object_get(p, CK_END)));
		for (g = 0; g < CK_NGROUPS; g++) {
			if (!ck_groups[g].baseline)
				continue;
			json_array_foreach(json_object_get(s, ck_groups[g].key),
			    j, e) {
				/* ALV lines count for required ones only. */
				if (ck_groups[g].kind == F_ALV &&
				    !json_is_true(json_object_get(e,
				    "required")))
					continue;
				baseline_add(b, id, sp,
				    finding_name(ck_groups[g].kind),
				    json_string_value(json_object_get(e,
				    CK_SHA256)));
			}
		}
		baseline_add(b, k, sp, "statement", json_string_value(
		    json_object_get(s, CK_CONTENT)));
		free(id);
		free(k);
	}
	return 0;
}

/*
 * --baseline: a finding is known when a statement of the same kinds and
 * period had it in the previous report, in the same category; a baseline
 * finding absent now is resolved.  A statement is known when one with the
 * same content and kinds was checked then.
 */
int
check_baseline(struct run *run, struct check *ck, const char *path)
{
	struct baseline	*b;
	size_t		 i, j, cap = 0;

	if ((b = baseline_load(run, path, run->max_input, check_read)) == NULL)
		return -1;
	ck->baseline_used = 1;
	for (i = 0; i < ck->nsc; i++) {
		struct stmt_check *c = &ck->sc[i];
		char	*id, *k;

		if (c->st == NULL)
			continue;
		id = stmt_identity_of(c);
		for (j = 0; j < c->nf; j++)
			if (finding_counts(&c->f[j]))
				c->f[j].known = baseline_known(b, id,
				    finding_name(c->f[j].kind), c->f[j].sha256);
		k = xstrndup(id, (size_t)(strchr(id, ' ') - id));
		c->known = baseline_known(b, k, "statement",
		    c->st->content_sha256);
		free(k);
		free(id);
	}
	for (i = 0; i < b->n; i++) {
		struct resolved *r;

		if (b->e[i].matched || strcmp(b->e[i].category,
		    "statement") == 0)
			continue;
		ck->resolved = xgrow(ck->resolved, ck->nresolved, &cap,
		    sizeof(*ck->resolved));
		r = &ck->resolved[ck->nresolved++];
		r->statement = xstrdup(b->e[i].label != NULL ?
		    b->e[i].label : b->e[i].where);
		r->category = xstrdup(b->e[i].category);
		r->sha256 = xstrdup(b->e[i].sha256);
	}
	baseline_free(b);
	return 0;
}

/* The findings of a previous `ccadb -f json` report, per audit kind. */
static int
audit_read(struct run *run, struct baseline *b, json_t *root, const char *path)
{
	json_t	*fs = json_object_get(root, AU_FINDINGS), *e;
	size_t	 i;

	if (!json_is_array(fs) || !json_is_integer(json_object_get(root,
	    AU_CHECKED))) {
		diag_error(run, path, 0, "not an auditscope ccadb report: no "
		    "\"" AU_FINDINGS "\" array");
		return -1;
	}
	json_array_foreach(fs, i, e) {
		const char *k = json_string_value(json_object_get(e,
		    AU_KIND));

		baseline_add(b, k != NULL ? k : "", NULL, json_string_value(
		    json_object_get(e, AU_FINDING)), json_string_value(
		    json_object_get(e, AU_SHA256)));
	}
	return 0;
}

int
ccadb_audit_baseline(struct run *run, struct audit_report *ar,
    const char *path)
{
	struct baseline	*b;
	size_t		 i, cap = 0;

	if ((b = baseline_load(run, path, run->max_input, audit_read)) == NULL)
		return -1;
	ar->baseline_used = 1;
	for (i = 0; i < ar->nf; i++) {
		const struct af *f = &ar->f[i];

		ar->f[i].known = baseline_known(b, f->audit >= 0 ?
		    kind_name((enum audit_kind)f->audit) : "",
		    af_name(f->kind), f->sha256);
	}
	/* What is left unmatched has been resolved; the entries move over. */
	for (i = 0; i < b->n; i++) {
		if (b->e[i].matched) {
			free(b->e[i].where);
			free(b->e[i].category);
			free(b->e[i].sha256);
			continue;
		}
		ar->resolved = xgrow(ar->resolved, ar->nresolved, &cap,
		    sizeof(*ar->resolved));
		ar->resolved[ar->nresolved++] = b->e[i];
	}
	b->n = 0;
	baseline_free(b);
	return 0;
}
