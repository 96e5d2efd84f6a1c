/*
 * The CCADB reader both ways: plain rows cut by row_plain() (the
 * default), and every row through libcsv (ccadb_plain_rows = 0).  Used by
 * tests/check_ccadb.c on the real reports and hand-made edge cases, and
 * by tests/fuzz/fuzz_ccadb.c on everything the fuzzer makes.  The two
 * must agree on every diagnostic, count, certificate (with its sources)
 * and record.
 */
#ifndef CCADB_CMP_H
#define CCADB_CMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditscope.h"
#include "ccadb.h"
#include "load.h"

/* What one way produced: the inventory and everything it said. */
struct ccadb_way {
	struct inventory *inv;
	struct input_stat st;
	int		 rc;
	char		*diag;
	size_t		 ndiag;
};

static inline void
ccadb_way_load(struct ccadb_way *w, const unsigned char *d, size_t n,
    int plain)
{
	FILE	*f;

	memset(w, 0, sizeof(*w));
	w->inv = inventory_new();
	w->st.path = "t.csv";
	w->st.format = "ccadb-csv";
	if ((f = open_memstream(&w->diag, &w->ndiag)) == NULL)
		abort();
	diag_set_stream(f);
	ccadb_plain_rows = plain;
	w->rc = ccadb_load(w->inv, &w->st, w->st.path, d, n);
	ccadb_plain_rows = 1;
	diag_set_stream(NULL);
	fclose(f);
}

static inline void
ccadb_way_free(struct ccadb_way *w)
{
	inventory_free(w->inv);
	free(w->diag);
}

static inline int
ccadb_str_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static inline int
ccadb_audit_eq(const struct ccadb_audit *a, const struct ccadb_audit *b)
{
	return ccadb_str_eq(a->url, b->url) && ccadb_str_eq(a->type, b->type) &&
	    a->statement == b->statement && a->start == b->start &&
	    a->end == b->end;
}

static inline int
ccadb_record_eq(const struct ccadb_record *a, const struct ccadb_record *b)
{
	size_t	 i;

	if (memcmp(a->sha256, b->sha256, 32) != 0 ||
	    a->has_parent != b->has_parent ||
	    memcmp(a->parent_sha256, b->parent_sha256, 32) != 0 ||
	    !ccadb_str_eq(a->ca_owner, b->ca_owner) ||
	    !ccadb_str_eq(a->sub_ca_owner, b->sub_ca_owner) ||
	    !ccadb_str_eq(a->name, b->name) || a->rtype != b->rtype ||
	    a->revocation != b->revocation || a->revoked_at != b->revoked_at ||
	    a->technically_constrained != b->technically_constrained ||
	    a->root_trust != b->root_trust ||
	    a->root_trust_known != b->root_trust_known ||
	    a->nev_oids != b->nev_oids ||
	    !ccadb_str_eq(a->audit_firm, b->audit_firm) ||
	    a->audits_same_as_parent != b->audits_same_as_parent ||
	    a->derived_trust != b->derived_trust ||
	    a->derived_trust_known != b->derived_trust_known ||
	    a->tls_capable != b->tls_capable ||
	    a->ev_capable != b->ev_capable ||
	    a->smime_capable != b->smime_capable ||
	    a->codesigning_capable != b->codesigning_capable ||
	    !ccadb_str_eq(a->path, b->path) || a->line != b->line ||
	    a->rows != b->rows || a->has_cert != b->has_cert)
		return 0;
	for (i = 0; i < NSTORES; i++)
		if (!ccadb_str_eq(a->store_status[i], b->store_status[i]) ||
		    a->store_trust[i] != b->store_trust[i] ||
		    a->store_trust_known[i] != b->store_trust_known[i])
			return 0;
	for (i = 0; i < a->nev_oids; i++)
		if (!ccadb_str_eq(a->ev_oids[i], b->ev_oids[i]))
			return 0;
	for (i = 0; i < NKINDS; i++)
		if (!ccadb_audit_eq(&a->audits[i], &b->audits[i]))
			return 0;
	return 1;
}

/* NULL when both ways agree on d, else what differs first. */
static inline const char *
ccadb_both_ways(const unsigned char *d, size_t n)
{
	struct ccadb_way plain, ref;
	const char	*why = NULL;
	size_t		 i, k, na, nb;

	ccadb_way_load(&plain, d, n, 1);
	ccadb_way_load(&ref, d, n, 0);
	na = plain.inv->ccadb != NULL ? plain.inv->ccadb->nrecs : 0;
	nb = ref.inv->ccadb != NULL ? ref.inv->ccadb->nrecs : 0;
	if (plain.rc != ref.rc)
		why = "return code";
	else if (plain.ndiag != ref.ndiag ||
	    memcmp(plain.diag, ref.diag, plain.ndiag) != 0)
		why = "diagnostics";
	else if (plain.st.certificates != ref.st.certificates ||
	    plain.st.duplicates != ref.st.duplicates ||
	    plain.st.errors != ref.st.errors ||
	    plain.st.rows != ref.st.rows ||
	    plain.st.records != ref.st.records ||
	    !ccadb_str_eq(plain.st.report, ref.st.report))
		why = "input counts";
	else if (plain.inv->ncerts != ref.inv->ncerts || na != nb)
		why = "number of certificates or records";
	for (i = 0; why == NULL && i < plain.inv->ncerts; i++) {
		const struct cert *a = plain.inv->certs[i], *b = ref.inv->certs[i];

		if (memcmp(a->sha256, b->sha256, 32) != 0 ||
		    a->nsources != b->nsources)
			why = "certificate";
		for (k = 0; why == NULL && k < a->nsources; k++)
			if (a->sources[k].line != b->sources[k].line ||
			    a->sources[k].index != b->sources[k].index)
				why = "certificate source";
	}
	for (i = 0; why == NULL && i < na; i++)
		if (!ccadb_record_eq(plain.inv->ccadb->recs[i],
		    ref.inv->ccadb->recs[i]))
			why = "record";
	ccadb_way_free(&plain);
	ccadb_way_free(&ref);
	return why;
}

#endif
