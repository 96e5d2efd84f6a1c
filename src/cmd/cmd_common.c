/*
 * What the commands share beyond the setup stage: the setup's options and
 * the reports' options, taken from the command line.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "cmd/cmd.h"
#include "report/report.h"

void
setup_options(struct setup_opts *so, const struct opts *o)
{
	memset(so, 0, sizeof(*so));
	so->anchors = o->anchors;
	so->nanchors = o->nanchors;
	so->trust = o->trust;
	so->ntrust = o->ntrust;
	so->external = o->external;
	so->nexternal = o->nexternal;
	so->revoked = o->revoked;
	so->nrevoked = o->nrevoked;
	so->ev_oids = o->ev_oids;
	so->nev_oids = o->nev_oids;
	so->owner = o->owner;
	so->stores = o->stores;
	so->store_set = o->store_set;
	so->kinds = o->kinds;
	so->period = o->period;
	so->rules = o->rules;
	so->no_cache = o->no_cache;
}

void
prov_options(struct provenance *pv, const struct report_opts *ro,
    const struct opts *o)
{
	pv->ro = ro;
	pv->revoked = o->revoked;
	pv->nrevoked = o->nrevoked;
}

void
report_options(struct report_opts *ro, const struct opts *o,
    const struct run *run)
{
	memset(ro, 0, sizeof(*ro));
	ro->format = o->format;
	ro->now = run->now;
	ro->period = o->period;
	ro->kinds = o->kinds;
	ro->rules = o->rules;
	ro->owner = o->owner;
	ro->stores = o->stores;
	ro->store_set = o->store_set;
	ro->anchors_given = o->nanchors > 0;
	ro->verbose = o->verbose;
	ro->findings_only = o->findings_only;
	ro->complete = run_complete(run);
	ro->nerrors = run->diag.errors;
}
