/*
 * The JSON layouts that --baseline reads back (baseline.c), spelt once for
 * the writers (cmd/cmd_check.c, cmd/cmd_ccadb.c) and the reader: a member
 * renamed here is renamed on both sides, so that tonight's binary keeps
 * reading last night's report.  Members no reader looks at are spelt where
 * they are written.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include "engine/reconcile.h"

/*
 * check -f json: {"statements": [{"path", "content_sha256", "kind": [...],
 * "period": {"start", "end"}, ..., then an array of findings per group
 * below, each {"sha256", ...}}, ...]}.  A statement's identity across runs
 * is its kinds and period; a finding's, the group's finding_name() and
 * the fingerprint.
 */
#define CK_STATEMENTS	"statements"
#define CK_PATH		"path"
#define CK_CONTENT	"content_sha256"
#define CK_KIND		"kind"
#define CK_PERIOD	"period"
#define CK_START	"start"
#define CK_END		"end"
#define CK_SHA256	"sha256"

/* A statement's findings: one array per kind, in this order (layout.c). */
struct ck_group {
	const char		*key;
	enum finding_kind	 kind;
	int			 baseline;	/* compared by --baseline */
};
#define CK_NGROUPS	5
extern const struct ck_group ck_groups[CK_NGROUPS];

/*
 * ccadb -f json: {..., "checked": n, ..., "findings": [{"finding", "kind",
 * "sha256", ...}, ...]}; a finding's identity is its audit kind (null for
 * none), its af_name() and the fingerprint.
 */
#define AU_CHECKED	"checked"
#define AU_FINDINGS	"findings"
#define AU_FINDING	"finding"
#define AU_KIND		"kind"
#define AU_SHA256	"sha256"

#endif
