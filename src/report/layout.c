/*
 * What writers.h does not say in macros: the arrays of a statement's
 * findings in check's JSON report.
 */
#include "report/report.h"
#include "report/writers.h"

const struct ck_group ck_groups[CK_NGROUPS] = {
	{ "missing", F_MISSING, 1 },
	{ "unknown", F_UNKNOWN, 1 },
	{ "not_required", F_NOT_REQUIRED, 0 },
	{ "sha1_only", F_SHA1_ONLY, 0 },
	{ "alv_warnings", F_ALV, 1 },
};
