/*
 * auditscope check: the main job.  Each statement is checked against its
 * own kind and period (given as KIND= and --period, or as the statement
 * says); the report leads with what is missing, then what matches
 * nothing, then information.  A run that could not read an input says so
 * and never ends in an all-clear.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "auditscope.h"
#include "ccadb.h"
#include "cli.h"
#include "lint.h"
#include "reconcile.h"
#include "report.h"
#include "statement.h"

static void
kinds_names(struct buf *b, unsigned kinds)
{
	unsigned	 k;
	int		 first = 1;

	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k)) {
			buf_printf(b, "%s%s", first ? "" : ",",
			    kind_name((enum audit_kind)k));
			first = 0;
		}
}

static size_t
count(const struct stmt_check *c, enum finding_kind k)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->nf; i++)
		if (c->f[i].kind == k)
			n++;
	return n;
}

static void
text_summary(FILE *f, const struct stmt_check *c)
{
	struct buf	 b = { 0 };
	char		 s[11], e[11], *t;

	time_format_date(c->period.start, s);
	time_format_date(c->period.end, e);
	kinds_titles(&b, c->kinds, " + ");
	t = buf_take(&b);
	put_term(f, c->st->path);
	fprintf(f, " (%s, %s..%s): %zu required, %zu listed, %zu %s, "
	    "%zu unknown\n", t, s, e, c->required, c->listed,
	    count(c, F_MISSING), count(c, F_MISSING) ? "MISSING" : "missing",
	    count(c, F_UNKNOWN));
	free(t);
}

static void
text_missing(FILE *f, const struct check *ck, const struct stmt_check *c,
    const struct finding *fi)
{
	const struct inventory	*inv = ck->inv;
	const struct cert	*cert = inv->certs[fi->cert];
	const struct keygroup	*g = &inv->groups[cert->group];
	const char * const	*rs;
	char			 hex[65], nb[21], na[21];
	size_t			 n, r, m;

	fp_hex(fi->sha256, hex);
	fprintf(f, "  MISSING%s %s  ", ck->baseline_used ? (fi->known ?
	    " (known)" : " (new)") : "", hex);
	put_term(f, cert->subject);
	fputs("\n      issuer: ", f);
	put_term(f, cert->issuer);
	fprintf(f, "\n      valid %s..%s; required for %s because:\n",
	    cert_time(cert, 0, 1, nb), cert_time(cert, 1, 1, na),
	    kind_title(fi->audit));
	rs = scope_reasons(c->scope, (size_t)fi->cert, fi->audit, &n);
	for (r = 0; r < n; r++) {
		fputs("        - ", f);
		put_term(f, rs[r]);
		fputc('\n', f);
	}
	for (m = 0; m < g->nmembers; m++) {
		const struct cert *s = inv->certs[g->members[m]];

		if (s == cert)
			continue;
		fp_hex(s->sha256, hex);
		fprintf(f, "      same subject and key: %s, %s\n", hex,
		    statement_find(c->st, s->sha256) ? "listed here" :
		    "NOT listed here either");
	}
	for (m = 0; m < fi->nlisted_in; m++) {
		const struct stmt_check *o = &ck->sc[fi->listed_in[m]];
		struct buf b = { 0 };
		char	*t;

		kinds_titles(&b, o->kinds, " + ");
		t = buf_take(&b);
		fputs("      listed in your ", f);
		fputs(t, f);
		fputs(" statement ", f);
		put_term(f, o->st->path);
		fputs(", not in this one\n", f);
		free(t);
	}
}


/*
 * A listed fingerprint that matches no certificate: one --owner removed
 * is named as such, with the owner CCADB gives it; else maybe a typo.
 */
static void
text_unknown(FILE *f, const struct inventory *inv, const struct finding *fi,
    const char *known, const char *hex)
{
	const char	*own;
	char		 nhex[65];

	if (ccadb_owner_dropped(inv, fi->sha256, &own)) {
		fprintf(f, "  UNKNOWN%s %s: excluded by --owner: its CCADB CA "
		    "Owner is ", known, hex);
		put_term(f, own != NULL ? own : "not given (no record)");
		fputc('\n', f);
		return;
	}
	fprintf(f, "  UNKNOWN%s %s: matches no certificate of the inventory",
	    known, hex);
	if (fi->nearest >= 0) {
		fp_hex(inv->certs[fi->nearest]->sha256, nhex);
		fprintf(f, "; %s from %s (", fi->typo, nhex);
		put_term(f, inv->certs[fi->nearest]->subject);
		fputc(')', f);
	}
	fputc('\n', f);
}

/* The statement's lint: counts, then what does not pass. */
static void
text_lint(FILE *f, const struct lint *l)
{
	size_t	 i, n[3] = { 0, 0, 0 };

	for (i = 0; i < NLINT; i++)
		n[l->checks[i].result]++;
	fputs("\nLint of ", f);
	put_term(f, l->path);
	fprintf(f, ": %zu pass, %zu warn, %zu fail (CCADB Policy 5.2, ALV; "
	    "auditscope lint says more)\n", n[LINT_PASS], n[LINT_WARN],
	    n[LINT_FAIL]);
	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		if (c->result == LINT_PASS)
			continue;
		fprintf(f, "  %s  %-19s ", lint_result_name(c->result),
		    lint_id_name(i));
		put_term(f, c->found != NULL ? c->found : "");
		fprintf(f, "\n        fix: %s\n", c->fix);
	}
}

static void
check_text(FILE *f, const struct check *ck, const struct lint *lints,
    int complete)
{
	const struct inventory	*inv = ck->inv;
	size_t			 i, j;
	char			 hex[65];

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL)
			continue;
		text_summary(f, c);
	}
	/* The anchors and their trust are the same for every period. */
	if (ck->nscopes > 0) {
		fputc('\n', f);
		anchors_text(f, inv, ck->scopes[0]);
	}
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL || c->nf == 0)
			continue;
		fputc('\n', f);
		put_term(f, c->st->path);
		fputs(":\n", f);
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			const char	*known = !ck->baseline_used ? "" :
			    fi->known ? " (known)" : " (new)";

			fp_hex(fi->sha256, hex);
			switch (fi->kind) {
			case F_MISSING:
				text_missing(f, ck, c, fi);
				break;
			case F_UNKNOWN:
				text_unknown(f, inv, fi, known, hex);
				break;
			case F_NOT_REQUIRED:
				fprintf(f, "  listed, not required: %s  ", hex);
				put_term(f, inv->certs[fi->cert]->subject);
				fprintf(f, " (%s)\n", status_name(fi->status));
				break;
			case F_SHA1_ONLY:
				fprintf(f, "  listed by SHA-1 only: %s  ", hex);
				put_term(f, inv->certs[fi->cert]->subject);
				fputc('\n', f);
				break;
			case F_ALV:
				fprintf(f, "  ALV will not find %s as written: ",
				    hex);
				put_term(f, fi->detail);
				fputc('\n', f);
				break;
			case NFINDING:
				break;
			}
		}
	}
	for (i = 0; i < ck->nresolved; i++) {
		if (i == 0)
			fputs("\nResolved since the baseline:\n", f);
		fprintf(f, "  %s ", ck->resolved[i].category);
		put_term(f, ck->resolved[i].sha256);
		fputs(" in ", f);
		put_term(f, ck->resolved[i].statement);
		fputc('\n', f);
	}
	for (i = 0; i < ck->nsc; i++)
		if (ck->sc[i].st != NULL)
			text_lint(f, &lints[i]);
	fputc('\n', f);
	for (i = 0; i < ck->nunread; i++) {
		fputs("NOT CHECKED: ", f);
		put_term(f, ck->unread[i]);
		fputs(" could not be read (see the messages above)\n", f);
	}
	if (!complete)
		fputs("INCOMPLETE: some input could not be read (see the "
		    "messages above); this report cannot be an all-clear.\n", f);
	else if (check_count(ck, F_MISSING, 0) + check_count(ck, F_UNKNOWN, 0)
	    == 0)
		fputs("All clear: every required certificate is listed and "
		    "every listed fingerprint is known.\n", f);
	else
		fprintf(f, "%zu missing, %zu unknown.\n",
		    check_count(ck, F_MISSING, 0),
		    check_count(ck, F_UNKNOWN, 0));
}

static json_t *
period_json(const struct period *p)
{
	json_t	*o = json_object();
	char	 d[11];

	time_format_date(p->start, d);
	json_object_set_new(o, "start", json_string(d));
	time_format_date(p->end, d);
	json_object_set_new(o, "end", json_string(d));
	return o;
}

static void
check_json(FILE *f, const struct check *ck, const struct opts *o,
    const struct lint *lints,
    int complete)
{
	const struct inventory	*inv = ck->inv;
	json_t			*root = json_object(), *sts = json_array(),
				*inputs = json_array(), *sum = json_object();
	size_t			 i, j, m, r, n;
	char			 d[21];

	json_object_set_new(root, "complete", json_boolean(complete));
	json_object_set_new(root, "rules",
	    json_string(rules_name((enum scope_rules)o->rules)));
	for (i = 0; i < inv->ninputs; i++)
		json_array_append_new(inputs, jstr(inv->inputs[i].path));
	json_object_set_new(root, "inputs", inputs);
	if (ck->nscopes > 0)
		json_object_set_new(root, "anchor_trust",
		    anchors_json(inv, ck->scopes[0]));
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		json_t	*s, *miss = json_array(), *unk = json_array(),
			*nr = json_array(), *sha1 = json_array(),
			*alv = json_array(), *kinds = json_array();
		unsigned k;
		const char *own;

		if (c->st == NULL)
			continue;
		s = json_object();
		json_object_set_new(s, "path", jstr(c->st->path));
		for (k = 0; k < NKINDS; k++)
			if (c->kinds & KIND_BIT(k))
				json_array_append_new(kinds,
				    json_string(kind_name(k)));
		json_object_set_new(s, "kind", kinds);
		json_object_set_new(s, "period", period_json(&c->period));
		json_object_set_new(s, "required", json_integer(
		    (json_int_t)c->required));
		json_object_set_new(s, "listed", json_integer(
		    (json_int_t)c->listed));
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			json_t	*e = json_object();

			json_object_set_new(e, "sha256", fp_json(fi->sha256));
			if (ck->baseline_used && (fi->kind == F_MISSING ||
			    fi->kind == F_UNKNOWN))
				json_object_set_new(e, "new",
				    json_boolean(!fi->known));
			switch (fi->kind) {
			case F_MISSING: {
				const struct cert *ct = inv->certs[fi->cert];
				const struct keygroup *g =
				    &inv->groups[ct->group];
				const char * const *rs;
				json_t	*a = json_array(), *sk = json_array(),
					*li = json_array();

				json_object_set_new(e, "subject",
				    jstr(ct->subject));
				json_object_set_new(e, "issuer",
				    jstr(ct->issuer));
				json_object_set_new(e, "not_before",
				    json_string(cert_time(ct, 0, 0, d)));
				json_object_set_new(e, "not_after",
				    json_string(cert_time(ct, 1, 0, d)));
				json_object_set_new(e, "required_for",
				    json_string(kind_name(fi->audit)));
				rs = scope_reasons(c->scope, (size_t)fi->cert,
				    fi->audit, &n);
				for (r = 0; r < n; r++)
					json_array_append_new(a, jstr(rs[r]));
				json_object_set_new(e, "reasons", a);
				for (m = 0; m < g->nmembers; m++) {
					const struct cert *sib =
					    inv->certs[g->members[m]];
					json_t	*x;

					if (sib == ct)
						continue;
					x = json_object();
					json_object_set_new(x, "sha256",
					    fp_json(sib->sha256));
					json_object_set_new(x, "listed",
					    json_boolean(statement_find(c->st,
					    sib->sha256) != NULL));
					json_array_append_new(sk, x);
				}
				json_object_set_new(e, "same_key", sk);
				for (m = 0; m < fi->nlisted_in; m++)
					json_array_append_new(li, jstr(
					    ck->sc[fi->listed_in[m]].st->path));
				json_object_set_new(e, "listed_in", li);
				json_array_append_new(miss, e);
				break;
			}
			case F_UNKNOWN:
				json_object_set_new(e, "nearest",
				    fi->nearest >= 0 ?
				    fp_json(inv->certs[fi->nearest]->sha256) :
				    json_null());
				json_object_set_new(e, "typo", fi->typo ?
				    json_string(fi->typo) : json_null());
				if (ccadb_owner_dropped(inv, fi->sha256, &own))
					json_object_set_new(e,
					    "excluded_by_owner", own != NULL ?
					    jstr(own) : json_string(""));
				json_array_append_new(unk, e);
				break;
			case F_NOT_REQUIRED:
				json_object_set_new(e, "subject",
				    jstr(inv->certs[fi->cert]->subject));
				json_object_set_new(e, "status",
				    json_string(status_name(fi->status)));
				json_array_append_new(nr, e);
				break;
			case F_SHA1_ONLY: {
				char	 h1[41];

				hex_encode(inv->certs[fi->cert]->sha1, 20, h1);
				json_object_set_new(e, "sha1", json_string(h1));
				json_array_append_new(sha1, e);
				break;
			}
			case F_ALV:
				json_object_set_new(e, "written",
				    jstr(fi->detail));
				json_array_append_new(alv, e);
				break;
			case NFINDING:
				json_decref(e);
				break;
			}
		}
		json_object_set_new(s, "missing", miss);
		json_object_set_new(s, "unknown", unk);
		json_object_set_new(s, "not_required", nr);
		json_object_set_new(s, "sha1_only", sha1);
		json_object_set_new(s, "alv_warnings", alv);
		json_object_set_new(s, "lint", lint_checks_json(&lints[i]));
		json_array_append_new(sts, s);
	}
	json_object_set_new(root, "statements", sts);
	{
		json_t *u = json_array();

		for (i = 0; i < ck->nunread; i++)
			json_array_append_new(u, jstr(ck->unread[i]));
		json_object_set_new(root, "not_checked", u);
	}
	if (ck->baseline_used) {
		json_t *res = json_array();

		for (i = 0; i < ck->nresolved; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "statement",
			    jstr(ck->resolved[i].statement));
			json_object_set_new(e, "category",
			    jstr(ck->resolved[i].category));
			json_object_set_new(e, "sha256",
			    jstr(ck->resolved[i].sha256));
			json_array_append_new(res, e);
		}
		json_object_set_new(root, "resolved", res);
	}
	json_object_set_new(sum, "missing", json_integer(
	    (json_int_t)check_count(ck, F_MISSING, 0)));
	json_object_set_new(sum, "unknown", json_integer(
	    (json_int_t)check_count(ck, F_UNKNOWN, 0)));
	json_object_set_new(sum, "errors", json_integer(diag_errors()));
	json_object_set_new(root, "summary", sum);
	json_write(f, root);
}

static void
check_csv(FILE *f, const struct check *ck)
{
	const struct inventory	*inv = ck->inv;
	size_t			 i, j;
	char			 hex[65], s[11], e[11];
	const char		*own;

	fputs("statement,kind,period,finding,baseline,sha256,subject,"
	    "detail\n", f);
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];
		struct buf	 kb = { 0 };
		char		*kinds;

		if (c->st == NULL)
			continue;
		kinds_names(&kb, c->kinds);
		kinds = buf_take(&kb);
		time_format_date(c->period.start, s);
		time_format_date(c->period.end, e);
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			struct buf	 db = { 0 };
			char		*detail;

			switch (fi->kind) {
			case F_MISSING:
				buf_printf(&db, "required for %s",
				    kind_name(fi->audit));
				break;
			case F_UNKNOWN:
				if (ccadb_owner_dropped(inv, fi->sha256, &own))
					buf_printf(&db, "excluded by --owner: "
					    "its CCADB CA Owner is %s", own !=
					    NULL ? own : "not given");
				else if (fi->nearest >= 0) {
					fp_hex(inv->certs[fi->nearest]->sha256,
					    hex);
					buf_printf(&db, "%s from %s", fi->typo,
					    hex);
				}
				break;
			case F_NOT_REQUIRED:
				buf_addstr(&db, status_name(fi->status));
				break;
			case F_ALV:
				buf_addstr(&db, fi->detail);
				break;
			default:
				break;
			}
			detail = buf_take(&db);
			put_csv(f, c->st->path);
			fprintf(f, ",%s,%s..%s,%s,%s,", kinds, s, e,
			    finding_name(fi->kind), !ck->baseline_used ? "" :
			    fi->known ? "known" : "new");
			fp_hex(fi->sha256, hex);
			fprintf(f, "%s,", hex);
			put_csv(f, fi->cert >= 0 ?
			    inv->certs[fi->cert]->subject : "");
			fputc(',', f);
			put_csv(f, detail);
			fputc('\n', f);
			free(detail);
		}
		free(kinds);
	}
}

/* "-s [KIND[,KIND]=]FILE" */
static int
split_statement(const char *arg, unsigned *kinds, const char **path)
{
	const char	*eq = strchr(arg, '=');
	char		 k[128];

	*kinds = 0;
	*path = arg;
	if (eq == NULL || (size_t)(eq - arg) >= sizeof(k))
		return 0;
	memcpy(k, arg, (size_t)(eq - arg));
	k[eq - arg] = '\0';
	if (kinds_parse(k, kinds) != 0)
		return 0;	/* a file name with '=' in it */
	*path = eq + 1;
	return 0;
}

/*
 * Each statement's lint (lint.h), for its section of the report: the CA
 * Owner and auditor from the options, else from the CCADB records of the
 * certificates it lists.  Does not change the exit status: `lint` is
 * the command for that.
 */
static struct lint *
check_lint(const struct opts *o, const struct check *ck)
{
	struct lint	*l = xcalloc(ck->nsc ? ck->nsc : 1, sizeof(*l));
	size_t		 i;

	for (i = 0; i < ck->nsc; i++) {
		struct lint_opts lo = { 0 };

		if (ck->sc[i].st == NULL)
			continue;
		lo.owner = o->owner;
		lo.auditor = o->auditor;
		lo.kinds = ck->sc[i].kinds;
		lo.at_set = o->at_set;
		lint_opts_ccadb(&lo, ck->inv, ck->sc[i].st);
		lint_statement(ck->sc[i].st, &lo, &l[i]);
	}
	return l;
}

int
cmd_check(const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv;
	struct statement	**sts;
	unsigned		*kinds;
	struct period		*periods;
	struct scope_setup	 ss;
	size_t			 i, nunread = 0;
	struct check		*ck;
	struct lint		*lints;
	const char		**unread;
	unsigned		 k;
	int			 rc, complete, usage = 0;

	if (o->format != OUT_TEXT && o->format != OUT_JSON &&
	    o->format != OUT_CSV && o->format != OUT_HTML &&
	    o->format != OUT_DOT) {
		fputs("auditscope: check: formats are text, json, csv, html "
		    "and dot\n", stderr);
		return EXIT_USAGE;
	}
	if (o->nstatements == 0) {
		fputs("auditscope: check needs at least one -s STATEMENT\n"
		    "Try 'auditscope --help'.\n", stderr);
		return EXIT_USAGE;
	}
	/* Reports list statements in this order, whatever the command's. */
	sort_args(o->nstatements, o->statements);
	sts = xcalloc(o->nstatements, sizeof(*sts));
	kinds = xcalloc(o->nstatements, sizeof(*kinds));
	periods = xcalloc(o->nstatements, sizeof(*periods));
	for (i = 0; i < o->nstatements; i++) {
		struct stmt_overrides	 ov;
		const char		*path;

		memset(&ov, 0, sizeof(ov));
		split_statement(o->statements[i], &ov.kinds, &path);
		if (ov.kinds == 0)
			ov.kinds = o->kinds;
		ov.period_set = o->period_set;
		ov.period = o->period;
		sts[i] = statement_load(path, &ov);
		if (sts[i] == NULL || sts[i]->error)
			continue;	/* reported; an input error */
		kinds[i] = sts[i]->kinds;
		periods[i] = sts[i]->period;
		if (kinds[i] == 0 || !sts[i]->period_set) {
			char *p = esc_term(path);

			fprintf(stderr, "auditscope: %s: the statement's %s "
			    "%s not found in it; give %s\n", p,
			    kinds[i] == 0 ? "audit kind" : "audit period",
			    kinds[i] == 0 && !sts[i]->period_set ?
			    "and period are" : "is",
			    kinds[i] == 0 ? "-s KIND=FILE (and --period)" :
			    "--period START..END");
			free(p);
			usage = 1;
		}
	}
	if (usage && diag_errors() == 0) {
		for (i = 0; i < o->nstatements; i++)
			statement_free(sts[i]);
		free(sts);
		free(kinds);
		free(periods);
		return EXIT_USAGE;
	}
	inv = load_scope_inventory(o, argc, argv);
	scope_setup(o, inv, &ss);
	scope_fail_closed(inv, NULL);
	/* Statements that could not be read are left out of the checks. */
	unread = xcalloc(o->nstatements, sizeof(*unread));
	for (i = 0; i < o->nstatements; i++)
		if (sts[i] == NULL || sts[i]->error || kinds[i] == 0 ||
		    !sts[i]->period_set) {
			split_statement(o->statements[i], &k, &unread[nunread]);
			nunread++;
			statement_free(sts[i]);
			sts[i] = NULL;
		}
	ck = reconcile_run(inv, sts, kinds, periods, o->nstatements, &ss.so);
	ck->unread = unread;
	ck->nunread = nunread;
	if (o->baseline != NULL && check_baseline(ck, o->baseline) != 0)
		inv->errors++;
	complete = inv->errors == 0 && diag_errors() == 0;
	lints = check_lint(o, ck);
	switch (o->format) {
	case OUT_JSON:
		check_json(o->out, ck, o, lints, complete);
		break;
	case OUT_CSV:
		check_csv(o->out, ck);
		break;
	case OUT_HTML:
		check_html(o->out, ck, lints, complete);
		break;
	case OUT_DOT:
		check_dot(o->out, ck);
		break;
	default:
		check_text(o->out, ck, lints, complete);
		break;
	}
	if (!complete)
		rc = EXIT_INPUT;
	else if (check_count(ck, F_MISSING, o->fail_on_new) +
	    check_count(ck, F_UNKNOWN, o->fail_on_new) > 0)
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
	for (i = 0; i < ck->nsc; i++)
		lint_free(&lints[i]);
	free(lints);
	check_free(ck);
	for (i = 0; i < o->nstatements; i++)
		statement_free(sts[i]);
	free(sts);
	free(kinds);
	free(periods);
	scope_setup_free(&ss);
	inventory_free(inv);
	return rc;
}
