/*
 * Pieces every report uses.  JSON goes through jansson, CSV and text
 * through esc_csv and esc_term: nothing from a certificate is printed raw.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "auditscope.h"
#include "report.h"

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

int
json_write(FILE *f, json_t *j)
{
	int	 rc;

	rc = json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(j);
	return rc;
}

void
put_term(FILE *f, const char *s)
{
	char	*t = esc_term(s);

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
		buf_addstr(&b, c->ext_invalid ? "(undecodable)" : "(empty)");
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

char *
cert_label(const struct cert *c)
{
	const char	*p = c->subject, *e;

	/* RFC 2253 puts the most specific RDN first: CN=...,O=... */
	if (strncmp(p, "CN=", 3) == 0) {
		for (e = p + 3; *e != '\0'; e++) {
			if (*e == '\\' && e[1] != '\0')
				e++;
			else if (*e == ',' || *e == '+')
				break;
		}
		return xstrndup(p + 3, (size_t)(e - p - 3));
	}
	return xstrdup(p);
}

static json_t *
time_json(astime t)
{
	char	 s[21];

	time_format(t, s);
	return json_string(s);
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

json_t *
cert_json(const struct inventory *inv, const struct cert *c)
{
	json_t	*o = json_object(), *a;
	char	 hex[129];
	size_t	 i;

	fp_hex(c->sha256, hex);
	json_object_set_new(o, "sha256", json_string(hex));
	hex_encode(c->sha1, 20, hex);
	json_object_set_new(o, "sha1", json_string(hex));
	json_object_set_new(o, "subject", jstr(c->subject));
	json_object_set_new(o, "issuer", jstr(c->issuer));
	json_object_set_new(o, "serial", json_string(c->serial));
	json_object_set_new(o, "not_before", time_json(c->not_before));
	json_object_set_new(o, "not_after", time_json(c->not_after));
	json_object_set_new(o, "ca", json_boolean(c->ca));
	json_object_set_new(o, "path_len", c->pathlen >= 0 ?
	    json_integer(c->pathlen) : json_null());
	json_object_set_new(o, "self_signed", json_boolean(c->self_signed));
	if (c->eku_present) {
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
	if (c->pol_present) {
		a = json_array();
		for (i = 0; i < c->npolicies; i++)
			json_array_append_new(a, jstr(c->policies[i]));
		json_object_set_new(o, "policies", a);
	} else
		json_object_set_new(o, "policies", json_null());
	json_object_set_new(o, "name_constraints", nc_json(c));
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
	for (i = 0; i < c->nparents; i++) {
		fp_hex(inv->certs[c->parents[i]]->sha256, hex);
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
	return o;
}
