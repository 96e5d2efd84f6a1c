/*
 * What the commands share beyond the setup stage: the reports' options,
 * taken from the command line, and a report's provenance.
 */
#include <sys/stat.h>

#include <string.h>

#include "base/base.h"
#include "cmd/cmd.h"
#include "report/report.h"

void
prov_options(struct provenance *pv, const struct report_opts *ro,
    const struct opts *o)
{
	pv->ro = ro;
	pv->revoked = o->setup.revoked;
	pv->nrevoked = o->setup.nrevoked;
}

void
report_options(struct report_opts *ro, const struct opts *o,
    const struct run *run)
{
	memset(ro, 0, sizeof(*ro));
	ro->format = o->format;
	ro->now = run->now;
	ro->period = o->setup.period;
	ro->kinds = o->setup.kinds;
	ro->rules = o->setup.rules;
	ro->owner = o->setup.owner;
	ro->stores = o->setup.stores;
	ro->store_set = o->setup.store_set;
	ro->anchors_given = o->setup.nanchors > 0;
	ro->verbose = o->verbose;
	ro->findings_only = o->findings_only;
	ro->complete = run_complete(run);
	ro->nerrors = run->diag.errors;
}

int
statement_arg(const char *arg, unsigned *kinds, const char **path)
{
	const char	*eq = strchr(arg, '=');
	char		 k[128];
	struct stat	 sb;

	*kinds = 0;
	*path = arg;
	if (eq == NULL)
		return 0;
	if ((size_t)(eq - arg) < sizeof(k)) {
		memcpy(k, arg, (size_t)(eq - arg));
		k[eq - arg] = '\0';
		if (kinds_parse(k, kinds) == 0) {
			*path = eq + 1;
			return 0;
		}
	}
	if (stat(arg, &sb) == 0)
		return 0;	/* a file name with '=' in it */
	return -1;
}
