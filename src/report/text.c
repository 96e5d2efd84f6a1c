/*
 * The text reports (report/report.h), one per command: what a person
 * reads at a terminal.  Strings from inputs go through put_term.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/*
 * tree: the issuer hierarchy as people draw it, one tree per root.  A
 * certificate appears once under each parent.  Certificates of one key (a
 * root and its cross-certificates, a re-issued CA) issue the same
 * children, so those are drawn under the first of them and referred to
 * from the others: the output stays linear even for CCADB's web of
 * cross-signs, and a cycle (two roots signing each other) ends in a note.
 */
struct walk {
	const struct inventory	*inv;
	const struct hierarchy	*h;
	FILE			*f;
	astime			 now;
	unsigned char		*expanded;	/* per key group */
	unsigned char		*onpath;	/* per key group */
	unsigned char		*printed;	/* per certificate */
	struct buf		 prefix;
};

static void
node_line(struct walk *w, size_t ci, const char *branch)
{
	const struct cert	*c = w->inv->certs[ci];
	const struct keygroup	*g = &w->h->groups[w->h->node[ci].group];
	char			 hex[65], d[11];

	fp_hex(c->sha256, hex);
	fputs(w->prefix.data != NULL ? w->prefix.data : "", w->f);
	fputs(branch, w->f);
	put_term(w->f, c->subject);
	fprintf(w->f, "  %s", hex);
	if (w->h->node[ci].self_signed && c->sig_unsupported)
		fprintf(w->f, " [%s: signature not checked]", c->sigalg);
	if (hier_is_root(w->h, w->inv, ci))
		fputs(" [root]", w->f);
	else if (w->h->node[ci].self_signed)
		fputs(" [self-signed, not a CA]", w->f);
	if (cert_is_cross(w->inv, w->h, ci))
		fputs(" [cross-certificate]", w->f);
	if (g->nmembers > 1)
		fprintf(w->f, " [same key as %zu other%s]", g->nmembers - 1,
		    g->nmembers > 2 ? "s" : "");
	if (!c->ca)
		fputs(" [not a CA]", w->f);
	if (c->not_after < w->now) {
		time_format_date(c->not_after, d);
		fprintf(w->f, " [expired %s]", d);
	}
	fputc('\n', w->f);
}

static void
walk(struct walk *w, size_t ci, int last, int top)
{
	const struct hierarchy	*h = w->h;
	const struct hnode	*c = &h->node[ci];
	size_t			 i, plen = w->prefix.len, nkids = 0;

	node_line(w, ci, top ? "" : (last ? "`-- " : "|-- "));
	if (!top)
		buf_addstr(&w->prefix, last ? "    " : "|   ");
	/* Children that are not the certificate itself or its twins. */
	for (i = 0; i < c->nchildren; i++)
		if (h->node[c->children[i]].group != c->group)
			nkids++;
	if (nkids > 0 && w->onpath[c->group]) {
		fprintf(w->f, "%s`-- (cycle: this key is already above)\n",
		    w->prefix.data != NULL ? w->prefix.data : "");
	} else if (nkids > 0 && w->expanded[c->group]) {
		fprintf(w->f, "%s`-- (%zu certificate%s issued by this key: "
		    "shown under its first certificate above)\n",
		    w->prefix.data != NULL ? w->prefix.data : "", nkids,
		    nkids > 1 ? "s" : "");
	} else if (nkids > 0) {
		size_t seen = 0;

		w->expanded[c->group] = 1;
		w->onpath[c->group] = 1;
		for (i = 0; i < c->nchildren; i++) {
			size_t	 k = c->children[i];

			if (h->node[k].group == c->group)
				continue;
			seen++;
			w->printed[k] = 1;
			walk(w, k, seen == nkids, 0);
		}
		w->onpath[c->group] = 0;
	}
	w->prefix.len = plen;
	if (w->prefix.data != NULL)
		w->prefix.data[plen] = '\0';
}

void
tree_text(FILE *f, const struct inventory *inv, const struct hierarchy *h,
    astime now, int complete)
{
	struct walk	 w;
	size_t		 i, norphans = 0, nroots = 0;

	memset(&w, 0, sizeof(w));
	w.inv = inv;
	w.h = h;
	w.f = f;
	w.now = now;
	w.expanded = xcalloc(h->ngroups + 1, 1);
	w.onpath = xcalloc(h->ngroups + 1, 1);
	w.printed = xcalloc(inv->ncerts + 1, 1);
	for (i = 0; i < inv->ncerts; i++) {
		if (!h->node[i].self_signed)
			continue;
		nroots++;
		w.printed[i] = 1;
		walk(&w, i, 1, 1);
		fputc('\n', f);
	}
	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];

		if (h->node[i].self_signed || h->node[i].nparents > 0)
			continue;
		if (norphans++ == 0)
			fputs("Orphans (issuer not in the inventory):\n\n", f);
		fputs("issuer ", f);
		put_term(f, c->issuer);
		fputs(":\n", f);
		w.printed[i] = 1;
		walk(&w, i, 1, 1);
		fputc('\n', f);
	}
	/* Whatever hangs only off a cycle with no root above it. */
	for (i = 0; i < inv->ncerts; i++) {
		if (w.printed[i])
			continue;
		fputs("In a cycle with no self-signed root:\n", f);
		w.printed[i] = 1;
		walk(&w, i, 1, 1);
		fputc('\n', f);
	}
	fprintf(f, "%zu certificates, %zu roots, %zu orphans, %lu verified "
	    "issuer links (%lu name matches rejected: other key)\n",
	    inv->ncerts, nroots, norphans, h->links_verified,
	    h->links_rejected);
	if (inv->errors > 0)
		fprintf(f, "INCOMPLETE: %u inputs had errors\n", inv->errors);
	else if (!complete)
		fputs("INCOMPLETE: see the messages above\n", f);
	buf_free(&w.prefix);
	free(w.expanded);
	free(w.onpath);
	free(w.printed);
}

/* The CCADB fields a reader of the text inventory wants first. */
static void
record_text(FILE *f, const struct ccadb_record *r)
{
	static const char *const revs[] = { "unknown", "not revoked",
	    "revoked", "parent revoked" };
	int	 k;

	fputs("  ccadb:       ", f);
	put_term(f, r->ca_owner != NULL ? r->ca_owner : "(no CA Owner)");
	if (r->sub_ca_owner != NULL) {
		fputs(" / ", f);
		put_term(f, r->sub_ca_owner);
	}
	if (r->name != NULL) {
		fputs(": ", f);
		put_term(f, r->name);
	}
	fprintf(f, "\n  ccadb state: %s%s%s\n", r->rtype == RTYPE_ROOT ?
	    "root, " : r->rtype == RTYPE_INTERMEDIATE ? "intermediate, " : "",
	    revs[r->revocation], r->audits_same_as_parent == 1 ?
	    ", audits same as parent" : "");
	for (k = 0; k < NKINDS; k++) {
		const struct ccadb_audit *a = &r->audits[k];
		char	 s[11], e[11];

		if (a->start == 0 || a->end == 0)
			continue;
		time_format_date(a->start, s);
		time_format_date(a->end, e);
		fprintf(f, "  ccadb audit: %s %s..%s\n", kind_name(k), s, e);
	}
}

void
inventory_text(FILE *f, const struct inventory *inv,
    const struct hierarchy *h, const struct ccadb_db *db, int complete)
{
	const struct ccadb_record *r;
	size_t	 i, k;
	char	 hex[65], nb[21], na[21];
	char	 kid[2 * sizeof(((struct cert *)0)->ski) + 1];

	for (i = 0; i < inv->ncerts; i++) {
		const struct cert *c = inv->certs[i];
		char	*s;

		fp_hex(c->sha256, hex);
		fprintf(f, "%s\n  subject:     ", hex);
		put_term(f, c->subject);
		fputs("\n  issuer:      ", f);
		if (h->node[i].self_signed)
			fputs("(self-signed)", f);
		else
			put_term(f, c->issuer);
		fprintf(f, "\n  validity:    %s .. %s\n  serial:      %s\n",
		    cert_time(c, 0, 1, nb), cert_time(c, 1, 1, na), c->serial);
		hex_encode(c->sha1, 20, kid);
		fprintf(f, "  sha1:        %s\n", kid);
		if (c->ski_len > 0) {
			hex_encode(c->ski, c->ski_len, kid);
			fprintf(f, "  key id:      %s\n", kid);
		}
		if (c->aki_len > 0) {
			hex_encode(c->aki, c->aki_len, kid);
			fprintf(f, "  issuer key:  %s\n", kid);
		}
		fp_hex(c->spki_sha256, kid);
		fprintf(f, "  spki sha256: %s\n", kid);
		if (c->ca && c->pathlen >= 0)
			fprintf(f, "  ca:          yes, pathLen %ld\n",
			    c->pathlen);
		else
			fprintf(f, "  ca:          %s\n", c->ca ? "yes" : "no");
		s = eku_summary(c);
		fprintf(f, "  eku:         %s%s\n", s, c->eku_present ? "" :
		    " (every purpose)");
		free(s);
		if (c->pol_present) {
			fputs("  policies:   ", f);
			for (k = 0; k < c->npolicies; k++)
				fprintf(f, " %s", c->policies[k]);
			fputc('\n', f);
		}
		for (k = 0; k < c->nc.nitems; k++) {
			fputs("  constraint:  ", f);
			put_term(f, c->nc.items[k]);
			fputc('\n', f);
		}
		for (k = 0; k < h->node[i].nparents; k++) {
			fp_hex(inv->certs[h->node[i].parents[k]]->sha256, hex);
			fprintf(f, "  parent:      %s\n", hex);
		}
		if ((r = ccadb_find(db, c->sha256)) != NULL)
			record_text(f, r);
		s = sources_text(c, ", ");
		fputs("  source:      ", f);
		put_term(f, s);
		fputs("\n\n", f);
		free(s);
	}
	for (i = 0, k = 0; i < ccadb_count(db); i++) {
		r = ccadb_record_at(db, i);

		if (r->has_cert)
			continue;
		fp_hex(r->sha256, hex);
		fprintf(f, "%s\n  (CCADB record only: no input holds this "
		    "certificate)\n", hex);
		record_text(f, r);
		fprintf(f, "  source:      ");
		put_term(f, r->path);
		fprintf(f, ":%ld\n\n", r->line);
		k++;
	}
	if (k > 0)
		fprintf(f, "%zu CCADB records without a certificate\n", k);
	fprintf(f, "%zu certificates from %zu inputs", inv->ncerts,
	    inv->ninputs);
	if (inv->errors > 0)
		fprintf(f, "; INCOMPLETE: %u inputs had errors", inv->errors);
	else if (!complete)
		fputs("; INCOMPLETE: see the messages above", f);
	fputc('\n', f);
}

static void
field(FILE *f, const char *label, const char *value, const char *source)
{
	fprintf(f, "  %-15s", label);
	put_term(f, value);
	if (source != NULL) {
		fputs("  from: ", f);
		put_term(f, source);
	}
	fputc('\n', f);
}

void
statement_text(FILE *f, const struct statement *st)
{
	size_t	 i;
	char	 hex[65], d1[11], d2[11], buf[64];
	char	*s;

	put_term(f, st->path);
	fputc('\n', f);
	if (st->pages > 0)
		snprintf(buf, sizeof(buf), "%s, %u page%s", st->format,
		    st->pages, st->pages == 1 ? "" : "s");
	else
		snprintf(buf, sizeof(buf), "%s", st->format);
	field(f, "format:", buf, NULL);
	if (st->error)
		field(f, "complete:", "no (see the errors above)", NULL);
	s = kinds_text(st->kinds, ", ");
	field(f, "kind:", st->kinds ? s : "(not found)", st->kind_source);
	free(s);
	if (st->period_set) {
		time_format_date(st->period.start, d1);
		time_format_date(st->period.end, d2);
		snprintf(buf, sizeof(buf), "%s..%s", d1, d2);
		field(f, "period:", buf, st->period_source);
	} else
		field(f, "period:", "(not found)", NULL);
	if (st->pit_set) {
		time_format_date(st->point_in_time, d1);
		field(f, "point in time:", d1, st->pit_source);
	}
	if (st->keygen)
		field(f, "report:", "key-generation ceremony (no kind)",
		    st->keygen_source);
	if (st->date_set) {
		time_format_date(st->statement_date, d1);
		field(f, "dated:", d1, st->date_source);
	}
	field(f, "auditor:", st->auditor != NULL ? st->auditor :
	    "(not found)", st->auditor_source);
	fprintf(f, "  sha256:        %zu\n", st->nfps);
	for (i = 0; i < st->nfps; i++) {
		const struct stmt_fp *fp = &st->fps[i];

		fp_hex(fp->sha256, hex);
		s = extract_locs_text(fp->locs, fp->nlocs);
		fprintf(f, "    %s%s\n      ", hex, fp->alv_findable ||
		    !statement_is_letter(st) ? "" :
		    "  [ALV would not find it]");
		if (st->flag_kinds != 0) {
			char	*k = kinds_text(fp->kinds, ",");

			fprintf(f, "flags: %s; ", k[0] ? k : "none");
			free(k);
		}
		put_term(f, s);
		fputc('\n', f);
		free(s);
	}
	if (st->nsha1s > 0) {
		fprintf(f, "  sha1/keyid:    %zu\n", st->nsha1s);
		for (i = 0; i < st->nsha1s; i++) {
			hex_encode(st->sha1s[i].sha1, 20, hex);
			s = extract_locs_text(st->sha1s[i].locs,
			    st->sha1s[i].nlocs);
			fprintf(f, "    %s  ", hex);
			put_term(f, s);
			fputc('\n', f);
			free(s);
		}
	}
	for (i = 0; i < st->nservices; i++) {
		const struct stmt_service *sv = &st->services[i];

		fp_hex(sv->sha256, hex);
		fprintf(f, "  service:       %s%s\n      ", hex,
		    sv->web ? "  [ForWebSiteAuthentication]" : "");
		put_term(f, sv->name != NULL ? sv->name : "(no name)");
		fputs("\n      ", f);
		put_term(f, sv->type != NULL ? sv->type : "(no type)");
		fputs("\n      ", f);
		put_term(f, sv->status != NULL && sv->status[0] != '\0' ?
		    sv->status : "(no status)");
		fputc('\n', f);
	}
	for (i = 0; i < st->nwarnings; i++) {
		fputs("  warning:       ", f);
		put_term(f, st->warnings[i]);
		fputc('\n', f);
	}
}

/* A certificate in scope through cross-certificate `cross`. */
struct via {
	const unsigned char *key;	/* the cross-certificate's SPKI hash */
	long		 cross;
	size_t		 n;		/* of a key: certificates through it */
	size_t		 ncross;	/* of a key: its cross-certificates */
};

static int
via_key_cmp(const void *a, const void *b)
{
	const struct via *x = a, *y = b;
	int	 r = memcmp(x->key, y->key, 32);

	return r != 0 ? r : (x->cross > y->cross) - (x->cross < y->cross);
}

static int
via_n_cmp(const void *a, const void *b)
{
	const struct via *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return memcmp(x->key, y->key, 32);
}

/*
 * One line per key whose cross-certificates bring required certificates
 * into scope, most first: where a hierarchy another CA Owner may audit
 * comes in, and what --external would set aside.
 */
static void
cross_rollup(FILE *f, const struct inventory *inv, const struct scope *sc,
    enum audit_kind k)
{
	struct via	*v = NULL;
	size_t		 i, nv = 0, cap = 0, g = 0;
	char		 hex[65];

	for (i = 0; i < inv->ncerts; i++) {
		long	 x = scope_cross_of(sc, i, k);

		/* The cross-certificate itself stays on its signer's list. */
		if (x < 0 || (size_t)x == i)
			continue;
		if (nv == cap) {
			cap = cap ? 2 * cap : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[nv].key = inv->certs[x]->spki_sha256;
		v[nv].cross = x;
		v[nv].n = 1;
		v[nv++].ncross = 1;
	}
	if (nv == 0)
		return;
	/* Grouped by key: the count, the first cross-certificate. */
	qsort(v, nv, sizeof(*v), via_key_cmp);
	for (i = 0; i < nv; i++) {
		if (g > 0 && memcmp(v[g - 1].key, v[i].key, 32) == 0) {
			v[g - 1].n++;
			v[g - 1].ncross += v[i].cross != v[i - 1].cross;
			continue;
		}
		v[g++] = v[i];
	}
	qsort(v, g, sizeof(*v), via_n_cmp);
	fputs("  in scope through cross-certificates of keys no record gives "
	    "another CA Owner\n  (--external FP sets aside a hierarchy "
	    "another CA Owner audits):\n", f);
	for (i = 0; i < g; i++) {
		fp_hex(inv->certs[v[i].cross]->sha256, hex);
		fprintf(f, "    %zu through the key of ", v[i].n);
		put_term(f, inv->certs[v[i].cross]->subject);
		fprintf(f, ": %s", hex);
		if (v[i].ncross > 1)
			fprintf(f, " and %zu more cross-certificates",
			    v[i].ncross - 1);
		fputc('\n', f);
	}
	free(v);
}

/*
 * Audited roots there are, none of them trusted for one of these
 * purposes (with no audited root at all the run says so otherwise).
 */
static int
anchors_untrusted_for(const struct inventory *inv, const struct scope *sc,
    unsigned purposes)
{
	unsigned	 p;
	const char	*ev, *src;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < inv->ncerts; i++)
		if (scope_anchor_trust(sc, i, &p, &ev, &src) == 0) {
			if (p & purposes)
				return 0;
			any = 1;
		}
	return any;
}

void
scope_text(FILE *f, const struct report_opts *ro,
    const struct inventory *inv, const struct scope *sc, int complete)
{
	char	 a[11], b[11], hex[65];
	size_t	 i, r, n;
	unsigned k;

	time_format_date(ro->period.start, a);
	time_format_date(ro->period.end, b);
	fprintf(f, "Audit scope for the period %s..%s, rules %s, "
	    "%zu certificates\nTechnically constrained: %s\n", a, b,
	    rules_name((enum scope_rules)ro->rules), inv->ncerts,
	    scope_tc_rule((enum scope_rules)ro->rules));
	if (inv->errors > 0)
		fprintf(f, "INCOMPLETE: %u inputs had errors; this list may "
		    "miss certificates\n", inv->errors);
	else if (!complete)
		fputs("INCOMPLETE: see the messages above; this list may "
		    "miss certificates\n", f);
	for (k = 0; k < NKINDS; k++) {
		size_t	 nreq = 0;

		if (!(ro->kinds & KIND_BIT(k)))
			continue;
		for (i = 0; i < inv->ncerts; i++)
			if (scope_status(sc, i, k) == ST_REQUIRED)
				nreq++;
		fprintf(f, "\n%s (%s): %zu required\n", kind_title(k),
		    kind_name(k), nreq);
		/* An empty list is no all-clear when nothing could be on it. */
		if (nreq == 0 && anchors_untrusted_for(inv, sc,
		    kind_purposes((enum audit_kind)k,
		    (enum scope_rules)ro->rules)))
			fputs("  none can be: no audited root is trusted for a "
			    "purpose this audit covers (the trust bits in "
			    "force; --trust or another --store to change "
			    "them)\n", f);
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
		cross_rollup(f, inv, sc, k);
		if (!ro->verbose)
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

static size_t
count(const struct stmt_check *c, enum finding_kind k)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->nf; i++)
		if (c->f[i].kind == k)
			n++;
	return n;
}

/*
 * MISSING and UNKNOWN stand out at a terminal: red and yellow, unless
 * NO_COLOR is set (https://no-color.org); elsewhere the plain word.
 */
static int
want_color(FILE *f)
{
	const char	*nc = getenv("NO_COLOR");

	return isatty(fileno(f)) && (nc == NULL || *nc == '\0');
}

static void
put_alert(FILE *f, const char *word, int color)
{
	if (color)
		fprintf(f, "\033[1;%sm%s\033[0m",
		    word[0] == 'M' ? "31" : "33", word);
	else
		fputs(word, f);
}

static void
text_summary(FILE *f, const struct stmt_check *c, int findings_only,
    int color)
{
	struct buf	 b = { 0 };
	char		 s[11], e[11], *t;
	size_t		 i, na;

	time_format_date(c->period.start, s);
	time_format_date(c->period.end, e);
	kinds_titles(&b, c->kinds, " + ");
	t = buf_take(&b);
	put_term(f, c->st->path);
	if (c->period.start == c->period.end)
		fprintf(f, " (%s, point in time %s%s)", t, s, c->st->keygen ?
		    ", key-generation report" : "");
	else
		fprintf(f, " (%s, %s..%s%s)", t, s, e, c->st->keygen ?
		    ", key-generation report" : "");
	fprintf(f, ": %zu required, %zu listed, %zu ", c->required,
	    c->listed, count(c, F_MISSING));
	if (count(c, F_MISSING) > 0)
		put_alert(f, "MISSING", color);
	else
		fputs("missing", f);
	fprintf(f, ", %zu unknown", count(c, F_UNKNOWN));
	for (i = na = 0; i < c->nf; i++)
		na += c->f[i].kind == F_ALV && c->f[i].required;
	if (na > 0) {
		fprintf(f, ", %zu ", na);
		put_alert(f, "NOT FOUND BY ALV", color);
	}
	if (findings_only && count(c, F_NOT_REQUIRED) > 0)
		fprintf(f, "; %zu listed, not required (not shown)",
		    count(c, F_NOT_REQUIRED));
	fputc('\n', f);
	free(t);
}

static void
text_missing(FILE *f, const struct check *ck, const struct stmt_check *c,
    const struct finding *fi, int color)
{
	const struct inventory	*inv = ck->inv;
	const struct cert	*cert = inv->certs[fi->cert];
	const struct keygroup	*g =
	    &ck->h->groups[ck->h->node[fi->cert].group];
	const char * const	*rs;
	char			 hex[65], nb[21], na[21], *shown;
	size_t			 n, r, m;

	fp_hex(fi->sha256, hex);
	fputs("  ", f);
	put_alert(f, "MISSING", color);
	fprintf(f, "%s %s  ", ck->baseline_used ? (fi->known ?
	    " (known)" : " (new)") : "", hex);
	put_term(f, cert->subject);
	fputs("\n      issuer: ", f);
	put_term(f, cert->issuer);
	fprintf(f, "\n      valid %s..%s; required for %s because:\n",
	    cert_time(cert, 0, 1, nb), cert_time(cert, 1, 1, na),
	    kind_title(fi->audit));
	rs = scope_reasons(c->scope, (size_t)fi->cert, fi->audit, &n);
	for (r = 0; r < n; r++) {
		if (scope_reason_is_twin_hint(rs[r]))
			continue;	/* the twin lines below say more */
		fputs("        - ", f);
		put_term(f, rs[r]);
		fputc('\n', f);
	}
	for (m = 0; m < g->nmembers; m++) {
		const struct cert *s = inv->certs[g->members[m]];

		if (s == cert)
			continue;
		fp_hex(s->sha256, hex);
		fprintf(f, "      same subject and key: %s, ", hex);
		/* A twin this statement need not list is not a second miss. */
		if (statement_find(c->st, s->sha256) != NULL)
			fputs("listed here\n", f);
		else if (scope_status(c->scope, g->members[m], fi->audit) ==
		    ST_REQUIRED)
			fputs("NOT listed here either (required too)\n", f);
		else
			fprintf(f, "not listed, not required here (%s)\n",
			    status_name(scope_status(c->scope, g->members[m],
			    fi->audit)));
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
	if ((shown = unlisted_text(c->st, fi->sha256)) != NULL) {
		fputs("      ", f);
		put_term(f, shown);
		fputc('\n', f);
		free(shown);
	}
	if ((shown = typo_text(c, fi)) != NULL) {
		fputs("      ", f);
		put_term(f, shown);
		fputc('\n', f);
		free(shown);
	}
}

/*
 * A listed fingerprint that matches no certificate: one --owner removed
 * is named as such, with the owner CCADB gives it; else maybe a typo.
 */
static void
text_unknown(FILE *f, const struct check *ck, const struct stmt_check *c,
    const struct finding *fi, const char *known, const char *hex, int color)
{
	const struct inventory *inv = ck->inv;
	const struct stmt_fp *fp = statement_find(c->st, fi->sha256);
	char		 nhex[65], *at, *ex;

	if ((ex = owner_excluded_text(ck, fi->sha256)) != NULL) {
		fputs("  ", f);
		put_alert(f, "UNKNOWN", color);
		fprintf(f, "%s %s: ", known, hex);
		put_term(f, ex);
		fputc('\n', f);
		free(ex);
		return;
	}
	fputs("  ", f);
	put_alert(f, "UNKNOWN", color);
	fprintf(f, "%s %s: matches no certificate of the inventory", known,
	    hex);
	if (fi->nearest >= 0) {
		fp_hex(inv->certs[fi->nearest]->sha256, nhex);
		fprintf(f, "; %s from %s (", fi->typo, nhex);
		put_term(f, inv->certs[fi->nearest]->subject);
		fputc(')', f);
	}
	fputc('\n', f);
	/* Where to correct it. */
	if (fp != NULL && fp->nlocs > 0) {
		at = extract_locs_text(fp->locs, fp->nlocs);
		fputs("      listed at: ", f);
		put_term(f, at);
		fputc('\n', f);
		free(at);
	}
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

void
check_text(FILE *f, const struct check *ck, const struct lint *lints,
    int complete, int findings_only)
{
	int			 color = want_color(f);
	const struct inventory	*inv = ck->inv;
	size_t			 i, j;
	char			 hex[65];

	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL)
			continue;
		text_summary(f, c, findings_only, color);
	}
	for (i = 0; i < ck->nsc; i++) {
		const struct stmt_check *c = &ck->sc[i];

		if (c->st == NULL || c->nf == 0 || (findings_only &&
		    c->nf == count(c, F_NOT_REQUIRED)))
			continue;
		fputc('\n', f);
		put_term(f, c->st->path);
		/* A list checked once per flag column: which one this is. */
		for (j = 0; j < ck->nsc; j++)
			if (j != i && ck->sc[j].st != NULL &&
			    strcmp(ck->sc[j].st->path, c->st->path) == 0) {
				struct buf	 kb = { 0 };

				kinds_titles(&kb, c->kinds, " + ");
				fputs(" (", f);
				put_term(f, kb.data != NULL ? kb.data : "");
				fputc(')', f);
				buf_free(&kb);
				break;
			}
		fputs(":\n", f);
		for (j = 0; j < c->nf; j++) {
			const struct finding *fi = &c->f[j];
			const char	*known = !ck->baseline_used ? "" :
			    fi->known ? " (known)" : " (new)";

			fp_hex(fi->sha256, hex);
			switch (fi->kind) {
			case F_MISSING:
				text_missing(f, ck, c, fi, color);
				break;
			case F_UNKNOWN:
				text_unknown(f, ck, c, fi, known, hex,
				    color);
				break;
			case F_NOT_REQUIRED:
				if (findings_only)
					break;
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
				if (fi->required) {
					fprintf(f, "  NOT FOUND BY ALV%s %s  ",
					    known, hex);
					put_term(f, inv->certs[fi->cert]->
					    subject);
					fprintf(f, "\n      required for %s; "
					    "ALV would report it not found "
					    "(\"Thumbprint not found\"): "
					    "write it in upper case, without "
					    "separators, on one line; as "
					    "written: ", kind_title(fi->audit));
				} else
					fprintf(f, "  ALV will not find %s as "
					    "written: ", hex);
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
		if (lints[i].path != NULL)
			text_lint(f, &lints[i]);
	fputc('\n', f);
	for (i = 0; i < ck->nunread; i++) {
		fputs("NOT CHECKED: ", f);
		put_term(f, ck->unread[i]);
		fputs(" could not be read (see the messages above)\n", f);
	}
	if (!complete)
		fputs("INCOMPLETE: see the messages above (an input could "
		    "not be read, or nothing was checked); this report cannot "
		    "be an all-clear.\n", f);
	else if (check_findings(ck, 0) == 0) {
		size_t	 nf, nw;

		/* The exit status is the fingerprints'; the lint is said. */
		check_lint_counts(ck, lints, &nf, &nw);
		if (nf + nw > 0)
			fprintf(f, "All clear on the fingerprints: every "
			    "required certificate is listed and every listed "
			    "fingerprint is known; lint: %zu fail, %zu warn "
			    "(see above).\n", nf, nw);
		else
			fputs("All clear: every required certificate is "
			    "listed and every listed fingerprint is known.\n",
			    f);
	}
	else {
		size_t	 na = check_findings(ck, 0) - check_count(ck,
			    F_MISSING, 0) - check_count(ck, F_UNKNOWN, 0);

		fprintf(f, "%zu missing, %zu unknown", check_count(ck,
		    F_MISSING, 0), check_count(ck, F_UNKNOWN, 0));
		if (na > 0)
			fprintf(f, ", %zu required but written where ALV will "
			    "not find %s", na, na == 1 ? "it" : "them");
		fputs(".\n", f);
	}
}

static const char *
af_title(enum af_kind k)
{
	switch (k) {
	case AF_MISSING:	return "MISSING";
	case AF_INHERITANCE:	return "INHERITANCE";
	case AF_STALE:		return "STALE";
	case AF_DATES:		return "DATES";
	case AF_SAME_AS_PARENT:	return "SAME AS PARENT";
	case AF_CAPABLE:	return "capable flag";
	case NAF:		break;
	}
	return "?";
}

static void
text_head(FILE *f, const struct report_opts *ro,
    const struct audit_report *ar)
{
	char	 a[11], s[11], e[11], old[11], st[STORES_TEXT];

	time_format_date(ar->at, a);
	time_format_date(ar->period.start, s);
	time_format_date(ar->period.end, e);
	time_format_date(ar->oldest_end, old);
	fprintf(f, "CCADB audit records as of %s\n", a);
	fprintf(f, "  scope: the 12 months %s..%s, rules %s, roots: %s\n", s,
	    e, rules_name((enum scope_rules)ro->rules), ro->store_set ?
	    stores_text(ro->stores, st) : ro->anchors_given ?
	    "--anchor" : "every store's, else every self-signed CA");
	fprintf(f, "  current: audit period ending on or after %s "
	    "(--max-age %d months)\n", old, ar->max_age);
	if (ro->owner != NULL) {
		fputs("  owner: ", f);
		put_term(f, ro->owner);
		fputc('\n', f);
	}
	fprintf(f, "checked: %zu certificates with a CCADB record; not "
	    "checked: %zu in scope without a record, %zu records without a "
	    "certificate\n", ar->checked, ar->nnorecord, ar->nocert);
}

static void
text_cert(FILE *f, const struct audit_report *ar, size_t ci)
{
	const struct cert	*c = ar->inv->certs[ci];
	const struct ccadb_record *r = ccadb_find(ar->db, c->sha256);
	char			 hex[65];

	fp_hex(c->sha256, hex);
	fprintf(f, "\n%s  ", hex);
	put_term(f, c->subject);
	fputs("\n    CCADB record: ", f);
	put_term(f, r->name != NULL ? r->name : "(no name)");
	fputs(r->audits_same_as_parent == 1 ? ", Audits Same as Parent\n" :
	    ", audits of its own\n", f);
}

static void
text_finding(FILE *f, const struct audit_report *ar, const struct af *fi)
{
	const char * const	*rs;
	size_t			 n, r;

	fprintf(f, "  %s%s%s%s: ", af_title(fi->kind), !ar->baseline_used ||
	    fi->kind == AF_CAPABLE ? "" : fi->known ? " (known)" : " (new)",
	    fi->audit >= 0 ? " " : "", fi->audit >= 0 ?
	    kind_name((enum audit_kind)fi->audit) : "");
	put_term(f, fi->detail);
	fputc('\n', f);
	if (fi->kind != AF_MISSING && fi->kind != AF_STALE)
		return;
	rs = scope_reasons(ar->scope, fi->cert, (enum audit_kind)fi->audit,
	    &n);
	for (r = 0; r < n; r++) {
		fputs("      - ", f);
		put_term(f, rs[r]);
		fputc('\n', f);
	}
}

void
ccadb_text(FILE *f, const struct report_opts *ro,
    const struct audit_report *ar, int complete)
{
	size_t	 i;
	char	 hex[65];

	text_head(f, ro, ar);
	for (i = 0; i < ar->nf; i++) {
		if (i == 0 || ar->f[i].cert != ar->f[i - 1].cert)
			text_cert(f, ar, ar->f[i].cert);
		text_finding(f, ar, &ar->f[i]);
	}
	if (ro->verbose && ar->nnorecord > 0) {
		fputs("\nIn scope, without a CCADB record (not checked):\n", f);
		for (i = 0; i < ar->nnorecord; i++) {
			fp_hex(ar->inv->certs[ar->norecord[i]]->sha256, hex);
			fprintf(f, "  %s  ", hex);
			put_term(f, ar->inv->certs[ar->norecord[i]]->subject);
			fputc('\n', f);
		}
	}
	for (i = 0; i < ar->nresolved; i++) {
		if (i == 0)
			fputs("\nResolved since the baseline:\n", f);
		fputs("  ", f);
		put_term(f, ar->resolved[i].category);
		if (ar->resolved[i].where[0] != '\0') {
			fputc(' ', f);
			put_term(f, ar->resolved[i].where);
		}
		fputc(' ', f);
		put_term(f, ar->resolved[i].sha256);
		fputc('\n', f);
	}
	fputc('\n', f);
	if (!complete)
		fputs("INCOMPLETE: see the messages above (an input could "
		    "not be read, or nothing was checked); this report cannot "
		    "be an all-clear.\n", f);
	else if (ccadb_audit_serious(ar, 0) == 0)
		fputs("All clear: every certificate checked has a current "
		    "audit on file for every kind its scope requires.\n", f);
	else
		fprintf(f, "%zu missing, %zu inheritance, %zu stale, %zu "
		    "dates, %zu same as parent.\n",
		    ccadb_audit_count(ar, AF_MISSING, 0),
		    ccadb_audit_count(ar, AF_INHERITANCE, 0),
		    ccadb_audit_count(ar, AF_STALE, 0),
		    ccadb_audit_count(ar, AF_DATES, 0),
		    ccadb_audit_count(ar, AF_SAME_AS_PARENT, 0));
	if (ccadb_audit_count(ar, AF_CAPABLE, 0) > 0)
		fprintf(f, "%zu capable flags differ from the computed scope "
		    "(information).\n", ccadb_audit_count(ar, AF_CAPABLE, 0));
}

void
lint_text(FILE *f, const struct lint *l, const char *indent)
{
	size_t	 i;
	char	 w[64];

	for (i = 0; i < NLINT; i++) {
		const struct lint_check *c = &l->checks[i];

		fprintf(f, "%s%s  %-19s ", indent,
		    lint_result_name(c->result), lint_id_name(i));
		put_term(f, c->found != NULL ? c->found : "");
		lint_where(w, sizeof(w), c);
		if (*w != '\0')
			fprintf(f, "  (%s)", w);
		fprintf(f, "\n%s      rule: %s\n", indent, c->rule);
		if (c->fix != NULL)
			fprintf(f, "%s      fix:  %s\n", indent, c->fix);
	}
}
