/*
 * auditscope scope: the list a CA's compliance team never had, generated
 * from the certificates themselves: for each kind of audit and a period,
 * every CA certificate the statement must list, with the reasons, and
 * (with -v) every one it need not, with the status that excludes it.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "auditscope.h"
#include "ccadb.h"
#include "cli.h"
#include "provenance.h"
#include "report.h"
#include "scope.h"

/* The subject's first CN value, RFC 2253 escapes undone; caller frees. */
static char *
subject_cn(const char *subject)
{
	const char	*p = subject;
	struct buf	 b = { 0 };

	while (p != NULL && *p != '\0') {
		if (strncmp(p, "CN=", 3) == 0) {
			for (p += 3; *p != '\0' && *p != ',' && *p != '+';
			    p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_addc(&b, *p);
			}
			buf_addc(&b, '\0');
			return buf_take(&b);
		}
		/* To the next unescaped ',' or '+'. */
		while (*p != '\0' && *p != ',' && *p != '+')
			p += *p == '\\' && p[1] != '\0' ? 2 : 1;
		if (*p != '\0')
			p++;
	}
	return NULL;
}

/* Levenshtein distance, case folded, bounded by the shorter string. */
static size_t
name_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, d, prev, t;

	if (la > 256 || lb > 256)
		return (size_t)-1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			t = row[j];
			d = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = t;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* "8CD83B5B" or "8c:d8:3b:5b...": the hex digits, or -1 if not 8..64. */
static int
hex_prefix(const char *s, char out[65])
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ':' || *s == ' ')
			continue;
		if (!isxdigit((unsigned char)*s) || n >= 64)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n >= 8 ? 0 : -1;
}

struct candidate {
	size_t	 cert;
	size_t	 score;		/* lower is nearer */
};

static int
candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->cert < y->cert ? -1 : x->cert > y->cert;
}

/*
 * An anchor given by fingerprint prefix or by its subject's CN: the one
 * certificate it names, else -1 after a usage message naming the nearest
 * candidates (at most five), the way a statement's typos are shown.
 */
static long
anchor_by_name(const struct inventory *inv, const char *arg)
{
	char		 pre[65], hex[65], *cn;
	struct candidate *c;
	size_t		 i, nc = 0, exact = 0, pl = 0;
	int		 by_hex = hex_prefix(arg, pre) == 0;
	long		 found = -1;

	if (by_hex)
		pl = strlen(pre);
	c = xcalloc(inv->ncerts + 1, sizeof(*c));
	for (i = 0; i < inv->ncerts; i++) {
		size_t	 score;

		if (by_hex) {
			fp_hex(inv->certs[i]->sha256, hex);
			for (score = 0; score < pl && hex[score] == pre[score];
			    score++)
				;
			score = pl - score;	/* digits that differ */
		} else {
			if ((cn = subject_cn(inv->certs[i]->subject)) == NULL)
				continue;
			score = strcmp(cn, arg) == 0 ? 0 :
			    name_distance(cn, arg) + 1;
			free(cn);
		}
		if (score == 0) {
			exact++;
			found = (long)i;
		}
		c[nc].cert = i;
		c[nc++].score = score;
	}
	/* A CN shared by a root and its cross-certificates: the root. */
	if (exact > 1 && !by_hex) {
		size_t	 roots = 0;

		for (i = 0; i < nc; i++)
			if (c[i].score == 0 &&
			    inv->certs[c[i].cert]->self_signed) {
				roots++;
				found = (long)c[i].cert;
			}
		if (roots == 1)
			exact = 1;
	}
	if (exact == 1) {
		free(c);
		return found;
	}
	qsort(c, nc, sizeof(*c), candidate_cmp);
	{
		char	*e = esc_term(arg);

		if (exact > 1)
			fprintf(stderr, "auditscope: --anchor %s names %zu "
			    "certificates; give more of the fingerprint:\n", e,
			    exact);
		else
			fprintf(stderr, "auditscope: --anchor %s: no such "
			    "file, and no certificate's %s; nearest:\n", e,
			    by_hex ? "SHA-256 fingerprint starts with it" :
			    "subject CN is exactly that");
		free(e);
	}
	for (i = 0; i < nc && i < (exact > 1 ? exact : 5); i++) {
		if (exact > 1 && i >= 5)
			break;
		fp_hex(inv->certs[c[i].cert]->sha256, hex);
		fprintf(stderr, "  %s  ", hex);
		put_term(stderr, inv->certs[c[i].cert]->subject);
		fputc('\n', stderr);
	}
	if (nc == 0)
		fputs("  (the inventory has no certificate)\n", stderr);
	fputs("Try 'auditscope --help'.\n", stderr);
	free(c);
	return -1;
}

/* An --anchor value that is a full fingerprint or an existing file. */
static int
anchor_is_file(const char *arg)
{
	struct stat	 sb;

	return strcmp(arg, "-") == 0 || stat(arg, &sb) == 0;
}

/* One audited root, with how it came to be one (for the provenance). */
static void
add_anchor(struct scope_setup *ss, const unsigned char sha[32],
    const char *how, const char *arg)
{
	struct buf	 b = { 0 };

	ss->anchors = xreallocarray(ss->anchors, ss->nanchors + 1,
	    sizeof(*ss->anchors));
	ss->anchor_src = xreallocarray(ss->anchor_src, ss->nanchors + 1,
	    sizeof(*ss->anchor_src));
	buf_printf(&b, "%s%s%s", how, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
	ss->anchor_src[ss->nanchors] = buf_take(&b);
	memcpy(ss->anchors[ss->nanchors++], sha, 32);
}

/*
 * Resolves --anchor values: a fingerprint, a file of certificates, a
 * fingerprint prefix or a subject CN.  Sets ss->anchors, or leaves it
 * NULL when none was given; anchors missing from the inventory are input
 * errors, names that fit no one certificate usage errors (ss->usage).
 */
static void
resolve_anchors(const struct opts *o, struct inventory *inv,
    struct scope_setup *ss)
{
	size_t		 i, k;

	for (i = 0; i < o->nanchors; i++) {
		unsigned char	 sha[32];
		struct inventory *tmp;

		if (fp_parse(o->anchors[i], sha) == 0) {
			if (inventory_find(inv, sha) < 0) {
				diag_error(NULL, 0, "anchor %s is not in the "
				    "inventory", o->anchors[i]);
				inv->errors++;
				continue;
			}
			add_anchor(ss, sha, "-a", NULL);
			continue;
		}
		if (!anchor_is_file(o->anchors[i])) {
			long	 c = anchor_by_name(inv, o->anchors[i]);

			if (c < 0) {
				ss->usage = 1;
				continue;
			}
			add_anchor(ss, inv->certs[c]->sha256, "-a",
			    o->anchors[i]);
			continue;
		}
		/* A file: its certificates are the anchors. */
		tmp = inventory_new();
		if (inventory_add_path(tmp, o->anchors[i]) != 0)
			inv->errors++;
		for (k = 0; k < tmp->ncerts; k++)
			add_anchor(ss, tmp->certs[k]->sha256, "-a",
			    o->anchors[i]);
		inventory_free(tmp);
	}
	if (o->nanchors > 0 && ss->nanchors == 0) {
		/* Never fall back to "every root" when the user named some. */
		ss->anchors = xcalloc(1, sizeof(*ss->anchors));
	}
}

static void
add_store_root(struct scope_setup *ss, const unsigned char sha[32],
    unsigned bits, const char *store, const char *which)
{
	struct buf	 b = { 0 };

	add_anchor(ss, sha, "--store", store);
	ss->trust = xreallocarray(ss->trust, ss->ntrust + 1,
	    sizeof(*ss->trust));
	ss->trust_src = xreallocarray(ss->trust_src, ss->ntrust + 1,
	    sizeof(*ss->trust_src));
	buf_printf(&b, "--store %s: %s", store, which);
	ss->trust_src[ss->ntrust] = buf_take(&b);
	memcpy(ss->trust[ss->ntrust].sha256, sha, 32);
	ss->trust[ss->ntrust++].purposes = bits;
}

/*
 * --store: the roots the store includes become anchors with its trust
 * bits.  Entries come after --trust, and the scope engine takes the first
 * entry of a key, so the user's --trust wins.  A store the reports loaded
 * say nothing about is an input error: the scope would be made up.
 */
static void
store_roots(const struct opts *o, struct inventory *inv,
    struct scope_setup *ss)
{
	enum ccadb_store s = (enum ccadb_store)o->store;
	struct trust_entry *e;
	size_t		 n, i, said = 0, union_used = 0;
	unsigned	 bits;

	n = ccadb_store_entries(inv, s, &e);
	for (i = 0; i < n; i++)
		if (inventory_find(inv, e[i].sha256) >= 0)
			add_store_root(ss, e[i].sha256, e[i].purposes,
			    store_name(s), "its trust bits");
	free(e);
	for (i = 0; i < ccadb_count(inv); i++) {
		const struct ccadb_record *r = ccadb_record_at(inv, i);

		if (r->store_status[s] != NULL)
			said++;
		/*
		 * Included, but the reports loaded lack this store's own
		 * trust bits (an all-records report has only their union):
		 * the union is wider than the store's, so scope can only
		 * grow, never hide a certificate.
		 */
		if (ccadb_store_trust(r, s, &bits) != -1 ||
		    r->store_status[s] == NULL || !r->root_trust_known ||
		    inventory_find(inv, r->sha256) < 0)
			continue;
		add_store_root(ss, r->sha256, r->root_trust, store_name(s),
		    "Trust Bits for Root Cert, the union over every store");
		union_used++;
	}
	if (said == 0) {
		diag_error(NULL, 0, "--store %s: no CCADB report loaded says "
		    "which roots %s includes (give AllIncludedRootCertsCSV or "
		    "an all-records report)", store_name(s), store_name(s));
		inv->errors++;
	} else if (union_used > 0)
		diag_warn(NULL, 0, "--store %s: %zu included roots have no "
		    "%s trust bits in the reports loaded; using \"Trust Bits "
		    "for Root Cert\", the union over every store (give "
		    "AllIncludedRootCertsCSV for the store's own)",
		    store_name(s), union_used, store_name(s));
}

void
scope_setup(const struct opts *o, struct inventory *inv,
    struct scope_setup *ss)
{
	size_t	 i;

	memset(ss, 0, sizeof(*ss));
	resolve_anchors(o, inv, ss);
	if (o->ntrust > 0) {
		ss->trust = xreallocarray(NULL, o->ntrust, sizeof(*ss->trust));
		memcpy(ss->trust, o->trust, o->ntrust * sizeof(*ss->trust));
		ss->trust_src = xreallocarray(NULL, o->ntrust,
		    sizeof(*ss->trust_src));
		for (i = 0; i < o->ntrust; i++)
			ss->trust_src[i] = xstrdup("--trust");
		ss->ntrust = o->ntrust;
	}
	if (o->store_set) {
		store_roots(o, inv, ss);
		/* Not "every self-signed CA": only what the store includes. */
		if (ss->anchors == NULL)
			ss->anchors = xcalloc(1, sizeof(*ss->anchors));
	}
	ss->so.rules = (enum scope_rules)o->rules;
	ss->so.period = o->period;
	ss->so.kinds = o->kinds;
	ss->so.anchors = (const unsigned char (*)[32])ss->anchors;
	ss->so.nanchors = ss->nanchors;
	ss->so.trust = ss->trust;
	ss->so.ntrust = ss->ntrust;
	ss->so.ev_oids = o->ev_oids;
	ss->so.nev_oids = o->nev_oids;
}

void
scope_setup_free(struct scope_setup *ss)
{
	size_t	 i;

	for (i = 0; i < ss->nanchors; i++)
		free(ss->anchor_src[i]);
	for (i = 0; i < ss->ntrust; i++)
		free(ss->trust_src[i]);
	free(ss->anchor_src);
	free(ss->trust_src);
	free(ss->anchors);
	free(ss->trust);
	memset(ss, 0, sizeof(*ss));
}

/* Loads the inventory plus anchor files; applies --revoked. */
struct inventory *
load_scope_inventory(const struct opts *o, int argc, char **argv)
{
	char		**all = xcalloc((size_t)argc + o->nanchors + 1,
			    sizeof(char *));
	int		 n = 0, i;
	size_t		 k;
	struct inventory *inv;
	unsigned char	 sha[32];

	for (i = 0; i < argc; i++)
		all[n++] = argv[i];
	for (k = 0; k < o->nanchors; k++)
		if (fp_parse(o->anchors[k], sha) != 0 &&
		    anchor_is_file(o->anchors[k]))
			all[n++] = o->anchors[k];
	inv = load_inventory(o, n, all);
	free(all);
	for (k = 0; k < o->nrevoked; k++)
		(void)revoked_load(inv, o->revoked[k]);
	return inv;
}

static void
scope_text(FILE *f, const struct opts *o, const struct inventory *inv,
    const struct scope *sc)
{
	char	 a[11], b[11], hex[65];
	size_t	 i, r, n;
	unsigned k;

	time_format_date(o->period.start, a);
	time_format_date(o->period.end, b);
	fprintf(f, "Audit scope for the period %s..%s, rules %s, "
	    "%zu certificates\nTechnically constrained: %s\n", a, b,
	    rules_name((enum scope_rules)o->rules), inv->ncerts,
	    scope_tc_rule());
	if (inv->errors > 0)
		fprintf(f, "INCOMPLETE: %u inputs had errors; this list may "
		    "miss certificates\n", inv->errors);
	for (k = 0; k < NKINDS; k++) {
		size_t	 nreq = 0;

		if (!(o->kinds & KIND_BIT(k)))
			continue;
		for (i = 0; i < inv->ncerts; i++)
			if (scope_status(sc, i, k) == ST_REQUIRED)
				nreq++;
		fprintf(f, "\n%s (%s): %zu required\n", kind_title(k),
		    kind_name(k), nreq);
		for (i = 0; i < inv->ncerts; i++) {
			const char * const *rs;

			if (scope_status(sc, i, k) != ST_REQUIRED)
				continue;
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(f, "  %s  ", hex);
			put_term(f, inv->certs[i]->subject);
			fputc('\n', f);
			rs = scope_reasons(sc, i, k, &n);
			for (r = 0; r < n; r++) {
				fputs("      - ", f);
				put_term(f, rs[r]);
				fputc('\n', f);
			}
		}
		if (!o->verbose)
			continue;
		fprintf(f, "  excluded:\n");
		for (i = 0; i < inv->ncerts; i++) {
			enum scope_status st = scope_status(sc, i, k);
			const char * const *rs;

			if (st == ST_REQUIRED)
				continue;
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(f, "  %s  ", hex);
			put_term(f, inv->certs[i]->subject);
			fprintf(f, "\n      %s:", status_name(st));
			rs = scope_reasons(sc, i, k, &n);
			for (r = 0; r < n; r++) {
				fputs(r ? "; " : " ", f);
				put_term(f, rs[r]);
			}
			fputc('\n', f);
		}
	}
}

static json_t *
reasons_json(const struct scope *sc, size_t i, enum audit_kind k)
{
	const char * const *rs;
	size_t		 n, r;
	json_t		*a = json_array();

	rs = scope_reasons(sc, i, k, &n);
	for (r = 0; r < n; r++)
		json_array_append_new(a, jstr(rs[r]));
	return a;
}

static void
scope_json(FILE *f, const struct opts *o, const struct inventory *inv,
    const struct scope *sc, const struct provenance *pv)
{
	json_t	*root = json_object(), *kinds = json_object(), *p, *an;
	char	 d[11], hex[65];
	size_t	 i;
	unsigned k;

	json_object_set_new(root, "complete", json_boolean(inv->errors == 0));
	json_object_set_new(root, "provenance", prov_json(pv));
	json_object_set_new(root, "rules",
	    json_string(rules_name((enum scope_rules)o->rules)));
	json_object_set_new(root, "technically_constrained_rule",
	    json_string(scope_tc_rule()));
	p = json_object();
	time_format_date(o->period.start, d);
	json_object_set_new(p, "start", json_string(d));
	time_format_date(o->period.end, d);
	json_object_set_new(p, "end", json_string(d));
	json_object_set_new(root, "period", p);
	an = json_array();
	for (i = 0; i < inv->ncerts; i++)
		if (scope_is_anchor(sc, i)) {
			fp_hex(inv->certs[i]->sha256, hex);
			json_array_append_new(an, json_string(hex));
		}
	json_object_set_new(root, "anchors", an);
	for (k = 0; k < NKINDS; k++) {
		json_t	*kind, *req, *exc;

		if (!(o->kinds & KIND_BIT(k)))
			continue;
		kind = json_object();
		req = json_array();
		exc = json_array();
		for (i = 0; i < inv->ncerts; i++) {
			enum scope_status st = scope_status(sc, i, k);
			json_t	*e = json_object();

			fp_hex(inv->certs[i]->sha256, hex);
			json_object_set_new(e, "sha256", json_string(hex));
			json_object_set_new(e, "subject",
			    jstr(inv->certs[i]->subject));
			if (st == ST_REQUIRED) {
				json_object_set_new(e, "reasons",
				    reasons_json(sc, i, k));
				json_array_append_new(req, e);
			} else {
				const char * const *rs;
				size_t	 n, r;
				struct buf b = { 0 };
				char	*s;

				json_object_set_new(e, "status",
				    json_string(status_name(st)));
				rs = scope_reasons(sc, i, k, &n);
				for (r = 0; r < n; r++)
					buf_printf(&b, "%s%s", r ? "; " : "",
					    rs[r]);
				s = buf_take(&b);
				json_object_set_new(e, "reason", jstr(s));
				free(s);
				json_array_append_new(exc, e);
			}
		}
		json_object_set_new(kind, "required", req);
		json_object_set_new(kind, "excluded", exc);
		json_object_set_new(kinds, kind_name(k), kind);
	}
	json_object_set_new(root, "kinds", kinds);
	json_write(f, root);
}

static void
scope_csv(FILE *f, const struct opts *o, const struct inventory *inv,
    const struct scope *sc)
{
	size_t	 i, n, r;
	unsigned k;
	char	 hex[65];

	fputs("kind,status,sha256,subject,reasons\n", f);
	for (k = 0; k < NKINDS; k++) {
		if (!(o->kinds & KIND_BIT(k)))
			continue;
		for (i = 0; i < inv->ncerts; i++) {
			enum scope_status st = scope_status(sc, i, k);
			const char * const *rs;
			struct buf b = { 0 };
			char	*s;

			if (st != ST_REQUIRED && !o->verbose)
				continue;
			fp_hex(inv->certs[i]->sha256, hex);
			fprintf(f, "%s,%s,%s,", kind_name(k), status_name(st),
			    hex);
			put_csv(f, inv->certs[i]->subject);
			rs = scope_reasons(sc, i, k, &n);
			for (r = 0; r < n; r++)
				buf_printf(&b, "%s%s", r ? "; " : "", rs[r]);
			s = buf_take(&b);
			fputc(',', f);
			put_csv(f, s);
			fputc('\n', f);
			free(s);
		}
	}
}

/*
 * -f list: the per-certificate list CAs hand their auditors and publish,
 * one row per certificate and one column per audit kind, "required" or
 * the status that excludes it.  check reads it back as one statement per
 * kind, listing the rows whose column says required.
 */
static void
scope_list(FILE *f, const struct opts *o, const struct inventory *inv,
    const struct scope *sc)
{
	size_t	 i;
	unsigned k;
	char	 hex[65], d[11];

	fputs("sha256,subject,issuer,not_before,not_after", f);
	for (k = 0; k < NKINDS; k++)
		if (o->kinds & KIND_BIT(k))
			fprintf(f, ",%s", kind_name(k));
	fputc('\n', f);
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		fp_hex(c->sha256, hex);
		fprintf(f, "%s,", hex);
		put_csv(f, c->subject);
		fputc(',', f);
		put_csv(f, c->issuer);
		time_format_date(c->not_before, d);
		fprintf(f, ",%s", d);
		time_format_date(c->not_after, d);
		fprintf(f, ",%s", d);
		for (k = 0; k < NKINDS; k++)
			if (o->kinds & KIND_BIT(k))
				fprintf(f, ",%s", status_name(scope_status(sc,
				    i, k)));
		fputc('\n', f);
	}
}

int
cmd_scope(const struct opts *o, int argc, char **argv)
{
	struct inventory	*inv;
	struct scope		*sc;
	struct scope_setup	 ss;
	struct provenance	 pv;
	int			 rc;

	if (o->format != OUT_TEXT && o->format != OUT_JSON &&
	    o->format != OUT_CSV && o->format != OUT_LIST) {
		fputs("auditscope: scope: formats are text, json, csv and "
		    "list\n", stderr);
		return EXIT_USAGE;
	}
	if (o->kinds == 0 || !o->period_set) {
		fputs("auditscope: scope needs -k KIND and -p START..END\n"
		    "Try 'auditscope --help'.\n", stderr);
		return EXIT_USAGE;
	}
	inv = load_scope_inventory(o, argc, argv);
	scope_setup(o, inv, &ss);
	if (ss.usage) {
		scope_setup_free(&ss);
		inventory_free(inv);
		return EXIT_USAGE;
	}
	sc = scope_eval(inv, &ss.so);
	memset(&pv, 0, sizeof(pv));
	pv.command = "scope";
	pv.o = o;
	pv.inv = inv;
	pv.ss = &ss;
	pv.sc = sc;
	/* The report starts at the margin, after any progress line. */
	progress_end();
	switch (o->format) {
	case OUT_JSON:
		scope_json(o->out, o, inv, sc, &pv);
		break;
	case OUT_CSV:
		prov_csv(o->out, &pv);
		scope_csv(o->out, o, inv, sc);
		break;
	case OUT_LIST:
		scope_list(o->out, o, inv, sc);
		break;
	default:
		prov_text(o->out, &pv);
		scope_text(o->out, o, inv, sc);
		break;
	}
	rc = inv->errors > 0 ? EXIT_INPUT : EXIT_CLEAN;
	scope_free(sc);
	scope_setup_free(&ss);
	inventory_free(inv);
	return rc;
}
