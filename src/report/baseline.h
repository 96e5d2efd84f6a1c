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
#ifndef BASELINE_H
#define BASELINE_H

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/ccadb_audit.h"


struct baseline {
	struct bl_entry	*e;
	size_t		 n;
};

/*
 * Reads the JSON report at path (at most max bytes, the run's
 * max_input) and hands it to read(), which calls
 * baseline_add() for each finding and returns 0, or reports (naming
 * path) that this is not its kind of report and returns -1.  NULL on any
 * error, reported.  A path that does not exist yet is the first night of
 * a nightly job: an empty baseline, with one notice.
 */
struct baseline	*baseline_load(const char *path, size_t max,
		    int (*read)(struct baseline *, json_t *, const char *));
/* A finding of the baseline; entries whose fingerprint is no SHA-256 are
 * skipped (a hand-edited file must not make every finding "new"). */
void		 baseline_add(struct baseline *, const char *where,
		    const char *label, const char *category,
		    const char *sha256);
/* 1 when the baseline has this finding (and marks it matched), else 0. */
int		 baseline_known(struct baseline *, const char *where,
		    const char *category, const unsigned char sha[32]);
void		 baseline_free(struct baseline *);

/*
 * Each report's reader of its own JSON layout (beside the writers' in
 * report/): marks the findings of this run known or new against a
 * previous report at path, and keeps what is gone as resolved.  -1 on a
 * file that is not such a report (reported).
 */
struct check;
struct audit_report;
int		 check_baseline(struct check *, const char *path, size_t max);
int		 ccadb_audit_baseline(struct audit_report *, const char *path,
		    size_t max);

#endif
