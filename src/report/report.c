/*
 * Pieces every report uses.  JSON goes through jansson or, a string at a
 * time, esc_json_string (the same bytes), CSV and text through esc_csv
 * and esc_term: nothing from a certificate is printed raw.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"
#include "report/report.h"
#include "report/writers.h"
#include "engine/engine.h"
#include "statement/statement.h"

json_t *
jstr(const char *s)
{
	json_t	*j = json_string(s);
	char	*t;

	if (j != NULL)
		return j;
	/* Not valid UTF-8: escape the bad bytes rather than drop it. */
	t = esc_utf8((const unsigned char *)s, strlen(s));
	j = json_string(t);
	free(t);
	return j != NULL ? j : json_string("");
}

static void
js_flush(struct jstream *js)
{
	if (js->b.len > 0 && fwrite(js->b.data, 1, js->b.len, js->f) !=
	    js->b.len)
		js->err = 1;
	js->b.len = 0;
}

/*
 * The report goes out through a buffer of its own, 64 KiB at a time: a
 * member is a few short pieces, and a stdio call for each was a tenth of
 * the report.
 */
static void
js_write(struct jstream *js, const char *p, size_t n)
{
	buf_add(&js->b, p, n);
	if (js->b.len >= 65536)
		js_flush(js);
}

static void
js_newline(struct jstream *js, int pad)
{
	static const char nl[2 * JS_MAXDEPTH + 2] = "\n                ";

	js_write(js, nl, (size_t)pad + 1);
}

/* Text as it goes out: esc_json'd, each newline indented by pad more. */
static void
js_emit(struct jstream *js, const char *s, int pad)
{
	const char	*p, *nl;
	char		*t = NULL;

	/* esc_json changes only DEL and what is not ASCII: most text has
	 * neither, and copying it a byte at a time was a third of the
	 * report. */
	for (p = s; *p != '\0' && (unsigned char)*p < 0x7f; p++)
		continue;
	if (*p != '\0')
		s = t = esc_json(s);
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		js_write(js, p, (size_t)(nl - p));
		js_newline(js, pad);
	}
	js_write(js, p, strlen(p));
	free(t);
}

/* A string as jstr(), json_dumps() and esc_json() write it. */
static void
js_string(struct jstream *js, const char *s)
{
	json_t	*j;
	char	*d, *t;

	if (esc_json_string(&js->b, s) == 0)
		return;
	/* Not UTF-8: jstr()'s \xNN escapes, through jansson. */
	j = jstr(s);
	if ((d = json_dumps(j, JSON_ENCODE_ANY)) == NULL)
		js->err = 1;
	else {
		t = esc_json(d);
		js_write(js, t, strlen(t));
		free(t);
	}
	free(d);
	json_decref(j);
}

/* Before a member: the comma, the line, the indentation, the key. */
static void
js_member(struct jstream *js, const char *key)
{
	if (js->depth == 0)
		return;
	if (js->n[js->depth - 1]++)
		js_write(js, ",", 1);
	js_newline(js, 2 * js->depth);
	if (key != NULL) {
		js_string(js, key);
		js_write(js, ": ", 2);
	}
}

void
js_open(struct jstream *js, FILE *f, const char *key, char open)
{
	if (f != NULL) {
		memset(js, 0, sizeof(*js));
		js->f = f;
	}
	js_member(js, key);
	js_write(js, &open, 1);
	if (js->depth == JS_MAXDEPTH)
		abort();	/* a report's layout, not input: a bug */
	js->close[js->depth] = open == '{' ? '}' : ']';
	js->n[js->depth++] = 0;
}

void
js_put(struct jstream *js, const char *key, json_t *v)
{
	char	*s;

	js_member(js, key);
	s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENCODE_ANY);
	if (s == NULL)
		js->err = 1;
	else
		js_emit(js, s, 2 * js->depth);
	free(s);
	json_decref(v);
}

void
js_str(struct jstream *js, const char *key, const char *s)
{
	js_member(js, key);
	if (s != NULL)
		js_string(js, s);
	else
		js_write(js, "null", 4);
}

void
js_fp(struct jstream *js, const char *key, const unsigned char sha[32])
{
	char	 hex[65];

	fp_hex(sha, hex);
	js_member(js, key);
	js_write(js, "\"", 1);
	js_write(js, hex, 64);
	js_write(js, "\"", 1);
}

void
js_int(struct jstream *js, const char *key, long long v)
{
	char	 d[24];
	int	 n;

	js_member(js, key);
	n = snprintf(d, sizeof(d), "%lld", v);
	js_write(js, d, (size_t)n);
}

void
js_bool(struct jstream *js, const char *key, int v)
{
	js_member(js, key);
	if (v)
		js_write(js, "true", 4);
	else
		js_write(js, "false", 5);
}

void
js_null(struct jstream *js, const char *key)
{
	js_member(js, key);
	js_write(js, "null", 4);
}

void
js_close(struct jstream *js)
{
	int	 d = --js->depth;

	if (js->n[d] > 0)
		js_newline(js, 2 * d);
	js_write(js, &js->close[d], 1);
}

int
js_end(struct jstream *js)
{
	js_write(js, "\n", 1);
	js_flush(js);
	buf_free(&js->b);
	return js->err ? -1 : 0;
}

void
put_term(FILE *f, const char *s)
{
	const unsigned char *p;
	char	*t;

	/*
	 * Nearly every subject and reason is printable ASCII, which
	 * esc_term() would copy unchanged: a million-certificate report
	 * spent a tenth of its time copying and freeing them.
	 */
	for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == '\0') {
		fputs(s, f);
		return;
	}
	t = esc_term(s);
	fputs(t, f);
	free(t);
}

void
put_csv(FILE *f, const char *s)
{
	char	*t = esc_csv(s);

	fputs(t, f);
	free(t);
}

json_t *
fp_json(const unsigned char sha[32])
{
	char	 hex[65];

	fp_hex(sha, hex);
	return json_string(hex);
}

void
fp_hex(const unsigned char sha[32], char out[65])
{
	hex_encode(sha, 32, out);
}

char *
eku_summary(const struct cert *c)
{
	struct buf	 b = { 0 };
	size_t		 i;

	if (!c->eku_present)
		return xstrdup("absent");
	for (i = 0; i < c->neku; i++)
		buf_printf(&b, "%s%s", i ? "," : "", c->eku_names[i]);
	if (c->neku == 0)
		buf_addstr(&b, c->bad & CF_BIT(CF_EKU) ? "(undecodable)" :
		    "(empty)");
	return buf_take(&b);
}

char *
sources_text(const struct cert *c, const char *sep)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < c->nsources; i++) {
		buf_printf(&b, "%s%s", i ? sep : "", c->sources[i].path);
		if (c->sources[i].line > 0)
			buf_printf(&b, ":%ld", c->sources[i].line);
		else
			buf_printf(&b, ":#%u", c->sources[i].index);
	}
	return buf_take(&b);
}

/* A field of a certificate that did not decode, in JSON. */
#define UNDECODABLE	"undecodable"

const char *
cert_time(const struct cert *c, int after, int date_only, char out[21])
{
	if (c->bad & CF_BIT(after ? CF_NOTAFTER : CF_NOTBEFORE))
		return strcpy(out, UNDECODABLE);
	time_format(after ? c->not_after : c->not_before, out);
	if (date_only)
		out[10] = '\0';
	return out;
}

static json_t *
nc_json(const struct cert *c)
{
	json_t	*o, *perm, *excl;
	size_t	 i;

	if (!c->nc.present)
		return json_null();
	o = json_object();
	perm = json_array();
	excl = json_array();
	for (i = 0; i < c->nc.nitems; i++) {
		const char *s = c->nc.items[i];

		if (strncmp(s, "permitted ", 10) == 0)
			json_array_append_new(perm, jstr(s + 10));
		else if (strncmp(s, "excluded ", 9) == 0)
			json_array_append_new(excl, jstr(s + 9));
	}
	json_object_set_new(o, "permitted", perm);
	json_object_set_new(o, "excluded", excl);
	return o;
}

static json_t *
opt_str(const char *s)
{
	return s != NULL ? jstr(s) : json_null();
}

static json_t *
opt_bool(int v)
{
	return v == CCADB_UNSET ? json_null() : json_boolean(v);
}

static json_t *
opt_date(astime t)
{
	char	 s[11];

	if (t == 0)
		return json_null();
	time_format_date(t, s);
	return json_string(s);
}

/* PURP_* bits as ["serverAuth", ...], or null when not known. */
static json_t *
positive_or_null(long v)
{
	return v > 0 ? json_integer(v) : json_null();
}

json_t *
locs_json(const struct stmt_loc *l, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;
	char	 form[128];

	for (i = 0; i < n; i++) {
		json_t	*o = json_object();

		json_object_set_new(o, "page", positive_or_null(l[i].page));
		json_object_set_new(o, "line", positive_or_null(l[i].line));
		json_object_set_new(o, "row", positive_or_null(l[i].row));
		stmt_form_text(&l[i], form, sizeof(form));
		json_object_set_new(o, "form", json_string(form));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
unlisted_json(const struct statement *st, const unsigned char sha[32])
{
	const struct stmt_unlisted *u = statement_unlisted(st, sha);
	json_t	*o;

	if (u == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "page", positive_or_null(u->loc.page));
	json_object_set_new(o, "line", positive_or_null(u->loc.line));
	json_object_set_new(o, "row", positive_or_null(u->loc.row));
	json_object_set_new(o, "why", json_string(u->why));
	return o;
}

json_t *
kinds_json(unsigned kinds)
{
	json_t	*a = json_array();
	unsigned k;

	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			json_array_append_new(a,
			    json_string(kind_name((enum audit_kind)k)));
	return a;
}

json_t *
purposes_json(unsigned bits, int known)
{
	json_t	*a;
	unsigned b;

	if (!known)
		return json_null();
	a = json_array();
	for (b = 1; b <= PURP_ALL; b <<= 1)
		if (bits & b)
			json_array_append_new(a, json_string(purpose_name(b)));
	return a;
}

json_t *
audit_json(const struct ccadb_audit *au)
{
	json_t	*x;

	if (!ccadb_audit_given(au))
		return json_null();
	x = json_object();
	json_object_set_new(x, "url", opt_str(au->url));
	json_object_set_new(x, "type", opt_str(au->type));
	json_object_set_new(x, "statement_date", opt_date(au->statement));
	json_object_set_new(x, "period_start", opt_date(au->start));
	json_object_set_new(x, "period_end", opt_date(au->end));
	return x;
}

json_t *
ccadb_json(const struct ccadb_record *r)
{
	static const char *const rtypes[] = { NULL, "root", "intermediate" };
	static const char *const revs[] = { NULL, "not revoked", "revoked",
	    "parent revoked" };
	json_t	*o = json_object(), *stores = json_object(), *audits, *a;
	char	 hex[65];
	size_t	 i;
	unsigned rbits;
	int	 rt, rblank;
	struct buf b = { 0 };
	char	*src;

	json_object_set_new(o, "ca_owner", opt_str(r->ca_owner));
	json_object_set_new(o, "subordinate_ca_owner",
	    opt_str(r->sub_ca_owner));
	json_object_set_new(o, "name", opt_str(r->name));
	json_object_set_new(o, "record_type", opt_str(rtypes[r->rtype]));
	json_object_set_new(o, "revocation", opt_str(revs[r->revocation]));
	json_object_set_new(o, "revoked_at", opt_date(r->revoked_at));
	if (r->has_parent) {
		fp_hex(r->parent_sha256, hex);
		json_object_set_new(o, "parent_sha256", json_string(hex));
	} else
		json_object_set_new(o, "parent_sha256", json_null());
	json_object_set_new(o, "technically_constrained",
	    opt_bool(r->technically_constrained));
	for (i = 0; i < NSTORES; i++) {
		json_t	*s = json_object();
		unsigned bits;
		int	 t = ccadb_store_trust(r, (enum ccadb_store)i, &bits);

		json_object_set_new(s, "status", opt_str(r->store_status[i]));
		json_object_set_new(s, "trust_bits", purposes_json(bits,
		    t >= 0));
		json_object_set_new(stores, store_name((enum ccadb_store)i), s);
	}
	json_object_set_new(o, "stores", stores);
	/* As the scope takes them: a row's blank cell is every purpose. */
	rt = ccadb_root_trust(r, &rbits, &rblank);
	json_object_set_new(o, "root_trust_bits", purposes_json(rbits, rt));
	a = json_array();
	for (i = 0; i < r->nev_oids; i++)
		json_array_append_new(a, jstr(r->ev_oids[i]));
	json_object_set_new(o, "ev_oids", a);
	json_object_set_new(o, "audit_firm", opt_str(r->audit_firm));
	json_object_set_new(o, "audits_same_as_parent",
	    opt_bool(r->audits_same_as_parent));
	audits = json_object();
	for (i = 0; i < NKINDS; i++)
		json_object_set_new(audits, kind_name(i),
		    audit_json(&r->audits[i]));
	json_object_set_new(o, "audits", audits);
	json_object_set_new(o, "derived_trust_bits",
	    purposes_json(r->derived_trust, r->derived_trust_known));
	json_object_set_new(o, "tls_capable", opt_bool(r->tls_capable));
	json_object_set_new(o, "ev_capable", opt_bool(r->ev_capable));
	json_object_set_new(o, "smime_capable", opt_bool(r->smime_capable));
	json_object_set_new(o, "codesigning_capable",
	    opt_bool(r->codesigning_capable));
	buf_printf(&b, "%s:%ld", r->path, r->line);
	src = buf_take(&b);
	json_object_set_new(o, "source", jstr(src));
	free(src);
	json_object_set_new(o, "rows", json_integer(r->rows));
	return o;
}

json_t *
cert_json(const struct inventory *inv, const struct hierarchy *h,
    const struct ccadb_db *db, size_t ci)
{
	const struct cert *c = inv->certs[ci];
	const struct ccadb_record *r = ccadb_find(db, c->sha256);
	const struct hnode *hn = &h->node[ci];
	json_t	*o = json_object(), *a;
	char	 hex[129], d[21];
	size_t	 i;

	fp_hex(c->sha256, hex);
	json_object_set_new(o, "sha256", json_string(hex));
	hex_encode(c->sha1, 20, hex);
	json_object_set_new(o, "sha1", json_string(hex));
	json_object_set_new(o, "subject", jstr(c->subject));
	json_object_set_new(o, "issuer", jstr(c->issuer));
	json_object_set_new(o, "serial", json_string(c->serial));
	json_object_set_new(o, "not_before",
	    json_string(cert_time(c, 0, 0, d)));
	json_object_set_new(o, "not_after",
	    json_string(cert_time(c, 1, 0, d)));
	json_object_set_new(o, "ca", json_boolean(c->ca));
	json_object_set_new(o, "path_len", c->pathlen >= 0 ?
	    json_integer(c->pathlen) : json_null());
	json_object_set_new(o, "self_signed", json_boolean(hn->self_signed));
	/* What did not decode is said so, never shown as an empty list. */
	if (c->bad & CF_BIT(CF_EKU))
		json_object_set_new(o, "eku", json_string(UNDECODABLE));
	else if (c->eku_present) {
		a = json_array();
		for (i = 0; i < c->neku; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "oid", jstr(c->eku_oids[i]));
			json_object_set_new(e, "name", jstr(c->eku_names[i]));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "eku", a);
	} else
		json_object_set_new(o, "eku", json_null());
	if (c->bad & CF_BIT(CF_CP))
		json_object_set_new(o, "policies", json_string(UNDECODABLE));
	else if (c->pol_present) {
		a = json_array();
		for (i = 0; i < c->npolicies; i++)
			json_array_append_new(a, jstr(c->policies[i]));
		json_object_set_new(o, "policies", a);
	} else
		json_object_set_new(o, "policies", json_null());
	json_object_set_new(o, "name_constraints", c->bad & CF_BIT(CF_NC) ?
	    json_string(UNDECODABLE) : nc_json(c));
	fp_hex(c->spki_sha256, hex);
	json_object_set_new(o, "spki_sha256", json_string(hex));
	if (c->ski_len > 0) {
		hex_encode(c->ski, c->ski_len, hex);
		json_object_set_new(o, "ski", json_string(hex));
	} else
		json_object_set_new(o, "ski", json_null());
	if (c->aki_len > 0) {
		hex_encode(c->aki, c->aki_len, hex);
		json_object_set_new(o, "aki", json_string(hex));
	} else
		json_object_set_new(o, "aki", json_null());
	json_object_set_new(o, "signature_algorithm", jstr(c->sigalg));
	a = json_array();
	for (i = 0; i < hn->nparents; i++) {
		fp_hex(inv->certs[hn->parents[i]]->sha256, hex);
		json_array_append_new(a, json_string(hex));
	}
	json_object_set_new(o, "parents", a);
	a = json_array();
	for (i = 0; i < c->nsources; i++) {
		struct buf b = { 0 };
		char	*s;

		buf_printf(&b, "%s:%u", c->sources[i].path,
		    c->sources[i].index);
		s = buf_take(&b);
		json_array_append_new(a, jstr(s));
		free(s);
	}
	json_object_set_new(o, "sources", a);
	json_object_set_new(o, "ccadb", r != NULL ? ccadb_json(r) :
	    json_null());
	return o;
}

json_t *
kind_set_json(unsigned kinds)
{
	json_t		*a;
	unsigned	 k;

	if (kinds == 0)
		return json_null();
	a = json_array();
	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			json_array_append_new(a, json_string(kind_name(
			    (enum audit_kind)k)));
	return a;
}

xmlNodePtr
html_el(xmlNodePtr parent, const char *name, const char *text)
{
	char		*t = text != NULL ? esc_term(text) : NULL;
	xmlNodePtr	 n;

	n = xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)t);
	free(t);
	return n;
}

/* The same as a JSON array of objects. */
json_t *
anchors_json(const struct inventory *inv, const struct scope *sc)
{
	json_t		*a = json_array();
	size_t		 i;
	unsigned	 p, bit;
	const char	*ev, *src;
	const char * const *oids;
	char		 hex[65];
	size_t		 k, noids;
	int		 known;

	for (i = 0; i < inv->ncerts; i++) {
		json_t	*o, *pp;

		if (scope_anchor_trust(sc, i, &p, &ev, &src) != 0)
			continue;
		o = json_object();
		fp_hex(inv->certs[i]->sha256, hex);
		json_object_set_new(o, "sha256", json_string(hex));
		pp = json_array();
		for (bit = 1; bit <= PURP_TIME; bit <<= 1)
			if (p & bit)
				json_array_append_new(pp,
				    json_string(purpose_name(bit)));
		json_object_set_new(o, "purposes", pp);
		known = scope_anchor_ev(sc, i, &oids, &noids);
		pp = json_array();
		for (k = 0; k < noids; k++)
			json_array_append_new(pp, jstr(oids[k]));
		json_object_set_new(o, "ev_oids", pp);
		json_object_set_new(o, "ev_oids_known", json_boolean(known));
		json_object_set_new(o, "source", jstr(src));
		json_array_append_new(a, o);
	}
	return a;
}

int
cert_is_cross(const struct inventory *inv, const struct hierarchy *h,
    size_t ci)
{
	const struct cert	*c = inv->certs[ci];
	const struct keygroup	*g = &h->groups[h->node[ci].group];
	size_t			 i;

	if (h->node[ci].self_signed)
		return 0;
	/* Same subject and key as a certificate issued by someone else. */
	for (i = 0; i < g->nmembers; i++) {
		const struct cert *s = inv->certs[g->members[i]];

		if (s != c && (h->node[g->members[i]].self_signed || s->issuer_hash !=
		    c->issuer_hash || strcmp(s->issuer, c->issuer) != 0))
			return 1;
	}
	return 0;
}

const char *
badge_class(const struct stmt_check *c, size_t ci, const char **label)
{
	enum audit_kind	 k;

	if (stmt_requires(c, ci, &k)) {
		*label = "required";
		return "req";
	}
	*label = "not required";
	return "notreq";
}

char *
kinds_text(unsigned kinds, const char *sep)
{
	struct buf	 b = { 0 };
	unsigned	 k;

	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			buf_printf(&b, "%s%s", b.len ? sep : "",
			    kind_name((enum audit_kind)k));
	return buf_take(&b);
}

char *
extract_locs_text(const struct stmt_loc *l, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		 form[128];

	for (i = 0; i < n; i++) {
		buf_addstr(&b, i ? "; " : "");
		if (l[i].page > 0)
			buf_printf(&b, "page %u ", l[i].page);
		if (l[i].row > 0)
			buf_printf(&b, "row %ld ", l[i].row);
		if (l[i].line > 0)
			buf_printf(&b, "line %ld ", l[i].line);
		if (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		stmt_form_text(&l[i], form, sizeof(form));
		if (form[0] != '\0')
			buf_printf(&b, " (%s)", form);
	}
	return buf_take(&b);
}

char *
unlisted_text(const struct statement *st, const unsigned char sha[32])
{
	const struct stmt_unlisted *u = statement_unlisted(st, sha);
	struct buf	 b = { 0 };
	char		*at;

	if (u == NULL)
		return NULL;
	at = extract_locs_text(&u->loc, 1);
	buf_printf(&b, "shown at %s, but %s: not a listing", at[0] != '\0' ?
	    at : "a place not numbered", u->why);
	free(at);
	return buf_take(&b);
}

char *
owner_excluded_text(const struct check *ck, const unsigned char sha[32])
{
	struct buf	 b = { 0 };
	const char	*own;

	if (!ccadb_owner_dropped(ck->db, sha, &own))
		return NULL;
	buf_printf(&b, "excluded by --owner: its CCADB CA Owner is %s",
	    own != NULL ? own : "not given (no record)");
	return buf_take(&b);
}

char *
typo_text(const struct stmt_check *c, const struct finding *fi)
{
	const struct stmt_fp *fp;
	struct buf	 b = { 0 };
	char		 hex[65], *at;

	if (fi->kind != F_MISSING || !fi->has_typo_as)
		return NULL;
	fp_hex(fi->typo_as, hex);
	fp = statement_find(c->st, fi->typo_as);
	at = fp != NULL ? extract_locs_text(fp->locs, fp->nlocs) : NULL;
	buf_printf(&b, "probably listed with a typo (%s): %s%s%s", fi->typo,
	    hex, at != NULL && *at != '\0' ? " at " : "", at != NULL ? at :
	    "");
	free(at);
	return buf_take(&b);
}

json_t *
typo_json(const struct stmt_check *c, const struct finding *fi)
{
	const struct stmt_fp *fp;
	json_t	*o;
	char	 hex[65];

	if (fi->kind != F_MISSING || !fi->has_typo_as)
		return json_null();
	fp_hex(fi->typo_as, hex);
	fp = statement_find(c->st, fi->typo_as);
	o = json_object();
	json_object_set_new(o, "sha256", json_string(hex));
	json_object_set_new(o, "typo", json_string(fi->typo));
	json_object_set_new(o, "listed_at", fp != NULL ? locs_json(fp->locs,
	    fp->nlocs) : json_array());
	return o;
}

char *
lint_kinds_list(unsigned kinds)
{
	struct buf b = { 0 };
	unsigned k;

	for (k = 0; k < NKINDS; k++)
		if (kinds & KIND_BIT(k))
			buf_printf(&b, "%s%s", b.len ? "," : "",
			    kind_name((enum audit_kind)k));
	if (b.len == 0)
		buf_addstr(&b, "unknown");
	return buf_take(&b);
}

void
lint_where(char *out, size_t len, const struct lint_check *c)
{
	if (c->page > 0)
		snprintf(out, len, "page %u line %ld", c->page, c->line);
	else if (c->line > 0)
		snprintf(out, len, "line %ld", c->line);
	else
		out[0] = '\0';
}

/* check's lint: how many fail and warn checks, over all statements. */
void
check_lint_counts(const struct check *ck, const struct lint *lints,
    size_t *nfail, size_t *nwarn)
{
	size_t	 i, k;

	*nfail = *nwarn = 0;
	for (i = 0; lints != NULL && i < ck->nsc; i++)
		for (k = 0; k < NLINT; k++) {
			if (lints[i].checks[k].result == LINT_FAIL)
				(*nfail)++;
			else if (lints[i].checks[k].result == LINT_WARN)
				(*nwarn)++;
		}
}
