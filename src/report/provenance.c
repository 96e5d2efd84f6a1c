/*
 * Provenance: what a report was made from (see report/report.h).  The facts
 * are gathered once per sink from the inventory, the statements and the
 * scope setup; nothing here changes what a report finds.  Paths are shown
 * as they were given, so that the same command in another checkout gives
 * the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "statement/statement.h"
#include "engine/engine.h"
#include "report/report.h"
#include "report/writers.h"

/*
 * The trust purposes the scope gives an audited root, and where they come
 * from ("--trust", "--store mozilla: its trust bits", or the default of
 * every purpose).  The one place that says so: a new origin of trust bits
 * is added here.
 */
static const char *
anchor_trust(const struct scope_setup *ss, const struct inventory *inv,
    size_t cert, unsigned *purposes, struct buf *b)
{
	const struct trust_entry *t;
	size_t			 it = 0, n = 0;

	/* As the scope engine reads them: the union of the key's. */
	*purposes = 0;
	b->len = 0;
	while ((t = key_trust_next(ss->so.h, inv, cert, ss->trust, ss->ntrust,
	    &it)) != NULL) {
		*purposes |= t->purposes;
		buf_printf(b, "%s%s", n++ > 0 ? "; " : "", t->source != NULL ?
		    t->source : "--trust");
	}
	if (n > 0)
		return b->data;
	*purposes = PURP_ALL;
	return "no trust data: every purpose, EV only by --ev-oid";
}

/*
 * An audited root's EV policy OIDs as the scope engine took them:
 * "none", "unknown" (no report loaded can say) or the OIDs.
 */
static const char *
anchor_ev(const struct provenance *p, size_t cert)
{
	unsigned	 purp;
	const char	*ev, *src;

	if (p->sc == NULL) {
		/* No scope ran (no statement read): what the records say. */
		const struct trust_entry *t;
		size_t		 it = 0;
		int		 unknown = 0, oids = p->ss->so.nev_oids > 0;

		while ((t = key_trust_next(p->ss->so.h, p->inv, cert,
		    p->ss->trust, p->ss->ntrust, &it)) != NULL) {
			unknown |= t->ev_unknown;
			oids |= t->nev_oids > 0;
		}
		return unknown ? "unknown" : oids ? "not evaluated" : "none";
	}
	if (scope_anchor_trust(p->sc, cert, &purp, &ev, &src) != 0)
		return "none";
	{
		const char * const *oids;
		size_t	 n;

		if (scope_anchor_ev(p->sc, cert, &oids, &n) == 0)
			return "unknown";
	}
	return *ev != '\0' ? ev : "none";
}

/* Why a certificate is an audited root. */
static const char *
anchor_source(const struct scope_setup *ss, const struct inventory *inv,
    size_t cert)
{
	size_t	 i;

	for (i = 0; i < ss->nanchors; i++)
		if (memcmp(ss->anchors[i], inv->certs[cert]->sha256, 32) == 0)
			return ss->anchor_src[i];
	if (ss->anchors == NULL)
		return "default: a self-signed CA certificate (no -a or "
		    "--store)";
	return "same subject and key as an anchor given";
}

static int
is_anchor(const struct provenance *p, size_t cert)
{
	size_t	 i;

	if (p->sc != NULL)
		return scope_is_anchor(p->sc, cert);
	for (i = 0; i < p->ss->nanchors; i++)
		if (memcmp(p->ss->anchors[i], p->inv->certs[cert]->sha256,
		    32) == 0)
			return 1;
	return 0;
}

static void
purposes_add(struct buf *b, unsigned bits)
{
	unsigned	 k;
	int		 first = 1;

	if (bits == PURP_ALL) {
		buf_addstr(b, "every purpose");
		return;
	}
	for (k = 1; k <= PURP_ALL; k <<= 1)
		if (bits & k) {
			buf_printf(b, "%s%s", first ? "" : ",",
			    purpose_name(k));
			first = 0;
		}
	if (first)
		buf_addstr(b, "none");
}

/* The assumptions made where neither the inputs nor the options said. */
static size_t
assumptions(const struct provenance *p, const char *out[8])
{
	struct buf tb = { 0 };
	size_t	 n = 0, i;
	int	 default_trust = 0;

	if (p->ss->anchors == NULL)
		out[n++] = "audited roots: every self-signed CA certificate of "
		    "the inventory (no -a or --store)";
	for (i = 0; i < p->inv->ncerts && !default_trust; i++) {
		unsigned	 bits;

		if (is_anchor(p, i) && strncmp(anchor_trust(p->ss, p->inv, i,
		    &bits, &tb), "no trust data", 13) == 0)
			default_trust = 1;
	}
	buf_free(&tb);
	if (default_trust)
		out[n++] = "trust: a root without trust data (CCADB root "
		    "records, --store or --trust) is trusted for every purpose "
		    "but EV, so scope can only grow";
	if (p->nrevoked == 0)
		out[n++] = "revocation: only what the inputs say (no "
		    "--revoked)";
	if (p->ro->owner == NULL && strcmp(p->command, "ccadb") == 0)
		out[n++] = "records: every CA Owner's (no --owner)";
	return n;
}

static void
push(char ***v, size_t *n, size_t *cap, struct buf *b)
{
	char	*raw = buf_take(b), *s = esc_term(raw);

	free(raw);
	*v = xgrow(*v, *n, cap, sizeof(**v));	/* a line an input */
	(*v)[(*n)++] = s;
}

/*
 * A CCADB report's newest date: the newest notBefore of the certificates
 * it carries and the newest audit date of its records.  CCADB's files
 * carry no date of their own; this one shows a stale download.  0: none.
 */
static astime
report_newest(const struct ccadb_db *db, const struct input_stat *in)
{
	astime	 t = in->newest;
	size_t	 i;
	int	 k;

	for (i = 0; i < ccadb_count(db); i++) {
		const struct ccadb_record *r = ccadb_record_at(db, i);

		if (r->path == NULL || strcmp(r->path, in->path) != 0)
			continue;
		for (k = 0; k < NKINDS; k++) {
			if (r->audits[k].statement > t)
				t = r->audits[k].statement;
			if (r->audits[k].end > t)
				t = r->audits[k].end;
		}
	}
	return t;
}

static void
input_line(struct buf *b, const struct ccadb_db *db,
    const struct input_stat *in)
{
	char	 hex[65], d[11];
	astime	 t;

	buf_printf(b, "input %s: %s", in->path, in->format);
	if (in->read) {
		fp_hex(in->sha256, hex);
		buf_printf(b, ", %zu bytes, sha256 %s", in->bytes, hex);
	}
	buf_printf(b, ", %u certificates", in->certificates + in->set_aside);
	if (in->set_aside > 0)
		buf_printf(b, ", %u set aside by --owner", in->set_aside);
	if (in->dup_set_aside > 0)
		buf_printf(b, " (%u duplicates, %u of them set aside by "
		    "--owner)", in->duplicates + in->dup_set_aside,
		    in->dup_set_aside);
	else if (in->duplicates > 0)
		buf_printf(b, " (%u duplicates)", in->duplicates);
	if (in->report != NULL) {
		buf_printf(b, ", %s: %u records", in->report, in->records);
		if ((t = report_newest(db, in)) != 0) {
			time_format_date(t, d);
			buf_printf(b, ", newest date in it %s", d);
		}
	}
	if (in->errors > 0)
		buf_printf(b, ", %u ERRORS", in->errors);
	if (in->skipped > 0)
		buf_printf(b, ", %u skipped", in->skipped);
}

/* "revoked PATH: revoked, N bytes, sha256 X, M entries" (or certificates). */
static void
side_line(struct buf *b, const struct input_stat *in)
{
	char	 hex[65];

	buf_printf(b, "%s %s: %s", in->role, in->path, in->format);
	if (in->read) {
		fp_hex(in->sha256, hex);
		buf_printf(b, ", %zu bytes, sha256 %s", in->bytes, hex);
	} else
		buf_addstr(b, ", NOT READ");
	if (strcmp(in->role, "revoked") == 0)
		buf_printf(b, ", %u entries", in->records);
	else
		buf_printf(b, ", %u certificates", in->certificates);
	if (in->errors > 0)
		buf_printf(b, ", %u ERRORS", in->errors);
}

/* Whether path has an entry in inv->sides (else: listed by path only). */
static int
side_read(const struct inventory *inv, const char *path)
{
	size_t	 i;

	for (i = 0; i < inv->nsides; i++)
		if (strcmp(inv->sides[i].path, path) == 0)
			return 1;
	return 0;
}

static void
statement_line(struct buf *b, const struct stmt_check *c)
{
	const struct statement	*st = c->st;
	char			 hex[65], s[11], e[11];

	fp_hex(st->content_sha256, hex);
	buf_printf(b, "statement %s: %s, %zu bytes, sha256 %s, %zu "
	    "fingerprints; kind ", st->path, st->format, st->bytes, hex,
	    st->nfps);
	kinds_names(b, c->kinds, "+");
	buf_printf(b, " from %s", st->kind_source != NULL ?
	    st->kind_source : "(unknown)");
	time_format_date(c->period.start, s);
	time_format_date(c->period.end, e);
	buf_printf(b, "; period %s..%s from %s", s, e,
	    st->period_source != NULL ? st->period_source : "(unknown)");
}

char **
prov_lines(const struct provenance *p, size_t *n)
{
	const struct inventory	*inv = p->inv;
	const struct report_opts *o = p->ro;
	char			**v = NULL, d[11], hex[65], st[STORES_TEXT];
	const char		*as[8];
	struct buf		 b = { 0 }, tb = { 0 };
	size_t			 i, na, cap = 0;

	*n = 0;
	time_format_date(p->ro->now, d);
	buf_printf(&b, "auditscope %s %s, at %s, rules %s",
	    AUDITSCOPE_VERSION, p->command, d,
	    rules_name((enum scope_rules)o->rules));
	if (strcmp(p->command, "scope") == 0) {
		char	 s[11], e[11];

		time_format_date(o->period.start, s);
		time_format_date(o->period.end, e);
		buf_printf(&b, ", period %s..%s, kinds ", s, e);
		kinds_names(&b, o->kinds, ",");
	}
	if (o->store_set)
		buf_printf(&b, ", --store %s", stores_text(o->stores, st));
	if (o->owner != NULL)
		buf_printf(&b, ", --owner \"%s\"", o->owner);
	push(&v, n, &cap, &b);
	for (i = 0; i < inv->ninputs; i++) {
		input_line(&b, p->db, &inv->inputs[i]);
		push(&v, n, &cap, &b);
	}
	for (i = 0; p->ck != NULL && i < p->ck->nsc; i++) {
		if (p->ck->sc[i].st == NULL)
			continue;
		statement_line(&b, &p->ck->sc[i]);
		push(&v, n, &cap, &b);
	}
	for (i = 0; p->ck != NULL && i < p->ck->nunread; i++) {
		buf_printf(&b, "statement %s: NOT READ", p->ck->unread[i]);
		push(&v, n, &cap, &b);
	}
	for (i = 0; i < inv->nsides; i++) {
		side_line(&b, &inv->sides[i]);
		push(&v, n, &cap, &b);
	}
	for (i = 0; i < p->nrevoked; i++) {
		if (side_read(inv, p->revoked[i]))
			continue;
		buf_printf(&b, "revoked %s", p->revoked[i]);
		push(&v, n, &cap, &b);
	}
	for (i = 0; i < inv->ncerts; i++) {
		unsigned	 bits;
		const char	*ts;

		if (!is_anchor(p, i))
			continue;
		fp_hex(inv->certs[i]->sha256, hex);
		ts = anchor_trust(p->ss, inv, i, &bits, &tb);
		{
			unsigned	 pu;
			const char	*ev, *src;

			/* The engine's own, --ev-oid included, when it ran. */
			if (p->sc != NULL && scope_anchor_trust(p->sc, i, &pu,
			    &ev, &src) == 0) {
				bits = pu;
				ts = src;
			}
		}
		buf_printf(&b, "anchor %s %s: %s; trust ", hex,
		    inv->certs[i]->subject, anchor_source(p->ss, inv, i));
		purposes_add(&b, bits);
		buf_printf(&b, "; EV %s (%s)", anchor_ev(p, i), ts);
		push(&v, n, &cap, &b);
	}
	{
		size_t	 byrec = 0;

		/*
		 * --external keys one by one; those CCADB records give another
		 * owner are counted (JSON lists them all).
		 */
		for (i = 0; i < p->ss->next; i++) {
			if (strstr(p->ss->ext[i].owner, "(--external)") ==
			    NULL) {
				byrec++;
				continue;
			}
			fp_hex(p->ss->ext[i].sha256, hex);
			buf_printf(&b, "external %s: %s", hex,
			    p->ss->ext[i].owner);
			push(&v, n, &cap, &b);
		}
		if (byrec > 0) {
			buf_printf(&b, "external: %zu self-signed key%s whose "
			    "CCADB records name another CA Owner", byrec,
			    byrec == 1 ? "" : "s");
			push(&v, n, &cap, &b);
		}
	}
	buf_free(&tb);
	na = assumptions(p, as);
	for (i = 0; i < na; i++) {
		buf_printf(&b, "assumption: %s", as[i]);
		push(&v, n, &cap, &b);
	}
	return v;
}

void
prov_lines_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
prov_text(FILE *f, const struct provenance *p)
{
	size_t	 i, n;
	char	**v = prov_lines(p, &n);

	for (i = 0; i < n; i++)
		fprintf(f, "%s%s\n", i == 0 ? "" : "  ", v[i]);
	fputc('\n', f);
	prov_lines_free(v, n);
}

/* Comment lines before the header row; cells never start with '#'. */
void
prov_csv(FILE *f, const struct provenance *p)
{
	size_t	 i, n;
	char	**v = prov_lines(p, &n);

	for (i = 0; i < n; i++)
		fprintf(f, "# %s\n", v[i]);
	prov_lines_free(v, n);
}

static json_t *
null_or(const char *s)
{
	return s != NULL ? jstr(s) : json_null();
}

json_t *
prov_json(const struct provenance *p)
{
	const struct inventory	*inv = p->inv;
	const struct report_opts *o = p->ro;
	json_t			*r = json_object(), *in = json_array(),
				*an = json_array(), *as = json_array(), *e;
	const char		*av[8];
	char			 d[11], st[STORES_TEXT];
	struct buf		 tb = { 0 };
	size_t			 i, na;

	json_object_set_new(r, "version", json_string(AUDITSCOPE_VERSION));
	json_object_set_new(r, "command", json_string(p->command));
	time_format_date(p->ro->now, d);
	json_object_set_new(r, "at", json_string(d));
	json_object_set_new(r, "rules",
	    json_string(rules_name((enum scope_rules)o->rules)));
	json_object_set_new(r, "store", o->store_set ? json_string(
	    stores_text(o->stores, st)) : json_null());
	json_object_set_new(r, "owner", null_or(o->owner));
	for (i = 0; i < inv->ninputs; i++) {
		const struct input_stat *s = &inv->inputs[i];

		e = json_object();
		json_object_set_new(e, "path", jstr(s->path));
		json_object_set_new(e, "role", json_string("certificates"));
		json_object_set_new(e, "format", json_string(s->format));
		json_object_set_new(e, "sha256", s->read ?
		    fp_json(s->sha256) : json_null());
		json_object_set_new(e, "bytes", s->read ?
		    json_integer((json_int_t)s->bytes) : json_null());
		json_object_set_new(e, "certificates",
		    json_integer(s->certificates + s->set_aside));
		json_object_set_new(e, "set_aside_by_owner",
		    json_integer(s->set_aside));
		json_object_set_new(e, "duplicates",
		    json_integer(s->duplicates + s->dup_set_aside));
		json_object_set_new(e, "report", null_or(s->report));
		if (s->report != NULL) {
			astime	 t = report_newest(p->db, s);

			time_format_date(t, d);
			json_object_set_new(e, "newest_date", t != 0 ?
			    json_string(d) : json_null());
		}
		json_object_set_new(e, "records", json_integer(s->records));
		json_object_set_new(e, "errors", json_integer(s->errors));
		json_array_append_new(in, e);
	}
	for (i = 0; p->ck != NULL && i < p->ck->nsc; i++) {
		const struct stmt_check *c = &p->ck->sc[i];
		json_t	*per;

		if (c->st == NULL)
			continue;
		e = json_object();
		json_object_set_new(e, "path", jstr(c->st->path));
		json_object_set_new(e, "role", json_string("statement"));
		json_object_set_new(e, "format", json_string(c->st->format));
		json_object_set_new(e, "sha256",
		    fp_json(c->st->content_sha256));
		json_object_set_new(e, "bytes",
		    json_integer((json_int_t)c->st->bytes));
		json_object_set_new(e, "fingerprints",
		    json_integer((json_int_t)c->st->nfps));
		json_object_set_new(e, "kind", kinds_json(c->kinds));
		json_object_set_new(e, "kind_source",
		    null_or(c->st->kind_source));
		per = json_object();
		time_format_date(c->period.start, d);
		json_object_set_new(per, "start", json_string(d));
		time_format_date(c->period.end, d);
		json_object_set_new(per, "end", json_string(d));
		json_object_set_new(e, "period", per);
		json_object_set_new(e, "period_source",
		    null_or(c->st->period_source));
		json_array_append_new(in, e);
	}
	for (i = 0; p->ck != NULL && i < p->ck->nunread; i++) {
		e = json_object();
		json_object_set_new(e, "path", jstr(p->ck->unread[i]));
		json_object_set_new(e, "role", json_string("statement"));
		json_object_set_new(e, "read", json_false());
		json_array_append_new(in, e);
	}
	for (i = 0; i < inv->nsides; i++) {
		const struct input_stat *s = &inv->sides[i];

		e = json_object();
		json_object_set_new(e, "path", jstr(s->path));
		json_object_set_new(e, "role", json_string(s->role));
		json_object_set_new(e, "format", json_string(s->format));
		json_object_set_new(e, "sha256", s->read ?
		    fp_json(s->sha256) : json_null());
		json_object_set_new(e, "bytes", s->read ?
		    json_integer((json_int_t)s->bytes) : json_null());
		if (strcmp(s->role, "revoked") == 0)
			json_object_set_new(e, "entries",
			    json_integer(s->records));
		else
			json_object_set_new(e, "certificates",
			    json_integer(s->certificates));
		json_object_set_new(e, "errors", json_integer(s->errors));
		json_array_append_new(in, e);
	}
	for (i = 0; i < p->nrevoked; i++) {
		if (side_read(inv, p->revoked[i]))
			continue;
		e = json_object();
		json_object_set_new(e, "path", jstr(p->revoked[i]));
		json_object_set_new(e, "role", json_string("revoked"));
		json_array_append_new(in, e);
	}
	json_object_set_new(r, "inputs", in);
	for (i = 0; i < inv->ncerts; i++) {
		unsigned	 bits;
		const char	*ts;

		if (!is_anchor(p, i))
			continue;
		ts = anchor_trust(p->ss, inv, i, &bits, &tb);
		e = json_object();
		json_object_set_new(e, "sha256",
		    fp_json(inv->certs[i]->sha256));
		json_object_set_new(e, "subject", jstr(inv->certs[i]->subject));
		json_object_set_new(e, "source",
		    jstr(anchor_source(p->ss, inv, i)));
		json_object_set_new(e, "trust", purposes_json(bits, 1));
		json_object_set_new(e, "trust_source", jstr(ts));
		json_array_append_new(an, e);
	}
	buf_free(&tb);
	json_object_set_new(r, "anchors", an);
	{
		json_t	*ex = json_array();

		/* Keys of another CA Owner: their hierarchies are not audited. */
		for (i = 0; i < p->ss->next; i++) {
			e = json_object();
			json_object_set_new(e, "sha256",
			    fp_json(p->ss->ext[i].sha256));
			json_object_set_new(e, "owner", jstr(p->ss->ext[i].owner));
			json_array_append_new(ex, e);
		}
		json_object_set_new(r, "external", ex);
	}
	na = assumptions(p, av);
	for (i = 0; i < na; i++)
		json_array_append_new(as, json_string(av[i]));
	json_object_set_new(r, "assumptions", as);
	return r;
}
