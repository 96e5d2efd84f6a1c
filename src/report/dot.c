/*
 * The DOT reports (report/report.h): the hierarchy for Graphviz, tree's
 * and check's.  Labels are escaped for a terminal, then for DOT.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/* A DOT identifier-safe label: escape quotes and backslashes. */
/* Listed where ALV will not find it, and required: a finding. */
static int
alv_missed(const struct stmt_check *c, size_t cert)
{
	size_t	 j;

	for (j = 0; j < c->nf; j++)
		if (c->f[j].kind == F_ALV && c->f[j].required &&
		    c->f[j].cert == (long)cert)
			return 1;
	return 0;
}

static void
put_dot(FILE *f, const char *s)
{
	char		*t = esc_term(s);
	const char	*p;

	for (p = t; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	free(t);
}

void
tree_dot(FILE *f, const struct inventory *inv, const struct hierarchy *h)
{
	size_t	 i, k;
	char	 hex[65];

	fputs("digraph auditscope {\n  rankdir=LR;\n  node [shape=box, "
	    "fontsize=10];\n", f);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		char	*label = cert_label(c);

		fp_hex(c->sha256, hex);
		fprintf(f, "  \"%s\" [label=\"", hex);
		put_dot(f, label);
		fprintf(f, "\\n%.16s\"", hex);
		if (hier_is_root(h, inv, i))
			fputs(", style=bold", f);
		else if (cert_is_cross(inv, h, i))
			fputs(", style=dashed", f);
		fputs(", tooltip=\"", f);
		put_dot(f, c->subject);
		fputs("\"];\n", f);
		free(label);
	}
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		for (k = 0; k < h->node[i].nparents; k++) {
			char	 phex[65];

			fp_hex(inv->certs[h->node[i].parents[k]]->sha256, phex);
			fp_hex(c->sha256, hex);
			fprintf(f, "  \"%s\" -> \"%s\";\n", phex, hex);
		}
	}
	for (i = 0; i < h->ngroups; i++) {
		const struct keygroup *g = &h->groups[i];

		for (k = 1; k < g->nmembers; k++) {
			char	 a[65];

			fp_hex(inv->certs[g->members[0]]->sha256, a);
			fp_hex(inv->certs[g->members[k]]->sha256, hex);
			fprintf(f, "  \"%s\" -> \"%s\" [style=dotted, "
			    "dir=none, label=\"same key\"];\n", a, hex);
		}
	}
	fputs("}\n", f);
}

/* `check -f dot`: the hierarchy coloured by the first statement. */
void
check_dot(FILE *out, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	const struct stmt_check	*c = NULL;
	size_t			 i, k;
	char			 hex[65], phex[65];

	for (i = 0; i < ck->nsc && c == NULL; i++)
		if (ck->sc[i].st != NULL)
			c = &ck->sc[i];
	fputs("digraph auditscope_check {\n  rankdir=LR;\n  node [shape=box, "
	    "style=filled, fontsize=10];\n", out);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *cert = inv->certs[i];
		const char	*label, *color = "gray90";
		char		*name = cert_label(cert), *p;
		int		 listed = c != NULL &&
				    statement_find(c->st, cert->sha256) != NULL;

		if (c != NULL && strcmp(badge_class(c, i, &label), "req") == 0)
			color = !listed ? "tomato" : alv_missed(c, i) ?
			    "orange" : "palegreen";
		else if (listed)
			color = "lightsteelblue";
		fp_hex(cert->sha256, hex);
		fprintf(out, "  \"%s\" [fillcolor=%s, label=\"", hex, color);
		for (p = esc_term(name), k = 0; p[k] != '\0'; k++) {
			if (p[k] == '"' || p[k] == '\\')
				fputc('\\', out);
			fputc(p[k], out);
		}
		fprintf(out, "\\n%.16s\"];\n", hex);
		free(p);
		free(name);
	}
	for (i = 0; i < inv->ncerts; i++)
		for (k = 0; k < ck->h->node[i].nparents; k++) {
			fp_hex(inv->certs[ck->h->node[i].parents[k]]->sha256,
			    phex);
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(out, "  \"%s\" -> \"%s\";\n", phex, hex);
		}
	fputs("}\n", out);
}
