/*
 * ETSI TS 119 612 Trusted Lists (the EU's XML lists of qualified trust
 * services), and the DOCTYPE check every XML-ish statement passes first.
 *
 * Each TSPService's X509Certificate gives one fingerprint, of the DER
 * bytes as given; the service type, status and whether it is marked
 * ForWebSiteAuthentication are kept beside it.  Only a service whose
 * current status approves it (status_approved) lists its certificate:
 * a withdrawn one, or one of a status not known, is kept as a service
 * and warned of, and its certificate stays missing.  Certificates of the
 * scheme operator and of pointers to other lists, and the list's own
 * signature, are not services and are not listed.
 *
 * libxml2 runs with XML_PARSE_NONET, without XML_PARSE_NOENT (no entity
 * substitution) and without XML_PARSE_DTDLOAD; before that, a DOCTYPE
 * that declares entities or names an external DTD is refused outright,
 * which stops XXE and billion-laughs documents before any parsing; after
 * it, the parsed document's subsets are checked again, so that the
 * decision does not depend on the encoding.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/base.h"
#include "statement/statement.h"
#include "statement/reader.h"

#define TSL_MAX_DEPTH	64

static const unsigned char *
find_ci(const unsigned char *p, size_t n, const char *lit)
{
	size_t	 i, k, m = strlen(lit);

	for (i = 0; i + m <= n; i++) {
		for (k = 0; k < m; k++)
			if (tolower(p[i + k]) != lit[k])
				break;
		if (k == m)
			return p + i;
	}
	return NULL;
}

int
stmt_xml_doctype_ok(struct run *r, struct statement *st,
    const unsigned char *p, size_t n, int allow_public_dtd)
{
	const unsigned char *d = find_ci(p, n, "<!doctype"), *e;
	size_t		 i;

	if (d == NULL)
		return 0;
	if (find_ci(d, n - (size_t)(d - p), "<!entity") != NULL) {
		diag_error(r, st->path, 0, "refused: the DOCTYPE declares "
		    "entities (entity expansion and external entities are "
		    "never processed)");
		return -1;
	}
	/* The declaration proper: up to its internal subset or its end. */
	for (e = d; e < p + n && *e != '[' && *e != '>'; e++)
		;
	if (allow_public_dtd)
		return 0;
	for (i = 9; d + i + 6 <= e; i++)
		if (find_ci(d + i, 6, "system") != NULL ||
		    find_ci(d + i, 6, "public") != NULL) {
			diag_error(r, st->path, 0,
			    "refused: the DOCTYPE names an "
			    "external DTD, which is never loaded");
			return -1;
		}
	return 0;
}

/*
 * The same decision on the parsed document, whatever its encoding: the
 * byte check above reads ASCII only, and a UTF-7 or UTF-16 document
 * spells "<!DOCTYPE" otherwise.  libxml2 loaded nothing (no
 * XML_PARSE_DTDLOAD, no XML_PARSE_NOENT, XML_PARSE_NONET), but the
 * manual promises refusal, so the subsets it recorded decide.
 */
static int
parsed_doctype_ok(struct run *r, struct statement *st, const xmlDoc *doc)
{
	const xmlDtd	*in = doc->intSubset;

	if (in != NULL && (in->entities != NULL || in->pentities != NULL)) {
		diag_error(r, st->path, 0, "refused: the DOCTYPE declares "
		    "entities");
		return -1;
	}
	if (doc->extSubset != NULL || (in != NULL && (in->ExternalID != NULL ||
	    in->SystemID != NULL))) {
		diag_error(r, st->path, 0, "refused: the DOCTYPE names an "
		    "external DTD, which is never loaded");
		return -1;
	}
	return 0;
}

static int
is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static const xmlNode *
child(const xmlNode *n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

/* Element text, valid UTF-8, trimmed and bounded; caller frees. */
static char *
text_of(const xmlNode *n)
{
	xmlChar	*c;
	char	*s, *t;
	size_t	 a = 0, b;

	if (n == NULL)
		return NULL;
	c = xmlNodeGetContent(n);
	if (c == NULL)
		return NULL;
	s = (char *)c;
	b = strlen(s);
	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	t = esc_utf8((unsigned char *)s + a, b - a > 1024 ? 1024 : b - a);
	xmlFree(c);
	return t;
}

/* A Name child, English when there is one. */
static char *
name_of(const xmlNode *n)
{
	const xmlNode	*c, *first = NULL;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next) {
		xmlChar	*lang;
		int	 en;

		if (!is(c, "Name"))
			continue;
		if (first == NULL)
			first = c;
		lang = xmlNodeGetLang(c);
		en = lang != NULL && xmlStrncasecmp(lang,
		    (const xmlChar *)"en", 2) == 0;
		xmlFree(lang);
		if (en)
			return text_of(c);
	}
	return text_of(first);
}

static int
has_uri_suffix(const xmlNode *n, const char *suffix, int depth)
{
	size_t	 ls = strlen(suffix);

	if (depth > TSL_MAX_DEPTH)
		return 0;
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next) {
		if (is(n, "URI")) {
			char	*s = text_of(n);
			size_t	 l = s != NULL ? strlen(s) : 0;
			int	 hit = l >= ls && strcmp(s + l - ls, suffix) == 0;

			free(s);
			if (hit)
				return 1;
		}
		if (has_uri_suffix(n, suffix, depth + 1))
			return 1;
	}
	return 0;
}

/*
 * Does a ServiceStatus approve the service?  ETSI TS 119 612 v2: granted;
 * national schemes: recognisedatnationallevel; the statuses of older
 * lists: undersupervision, supervisionincessation (supervised until it
 * ends), accredited, setbynationallaw.  Their opposites (withdrawn,
 * deprecatedatnationallevel, supervisionceased, supervisionrevoked,
 * accreditationceased, accreditationrevoked, deprecatedbynationallaw),
 * an unknown URI or none do not.
 */
static int
status_approved(const char *s)
{
	static const char *const ok[] = { "granted",
		"recognisedatnationallevel", "undersupervision",
		"supervisionincessation", "accredited", "setbynationallaw",
		NULL };
	static const char etsi[] = "http://uri.etsi.org/TrstSvc/";
	const char	*p;
	size_t		 i;

	if (s == NULL || strncmp(s, etsi, sizeof(etsi) - 1) != 0 ||
	    (p = strstr(s, "/Svcstatus/")) == NULL)
		return 0;
	p += strlen("/Svcstatus/");
	for (i = 0; ok[i] != NULL; i++)
		if (strcmp(p, ok[i]) == 0)
			return 1;
	return 0;
}

/* The last segment of a status URI, for messages. */
static const char *
status_word(const char *s)
{
	const char	*p;

	if (s == NULL)
		return "(none)";
	p = strrchr(s, '/');
	return p != NULL && p[1] != '\0' ? p + 1 : s;
}

static void
service(struct statement *st, const xmlNode *svc, const char *tsp)
{
	const xmlNode	*si = child(svc, "ServiceInformation"), *sdi, *d, *x;
	char		*type, *name, *status;
	int		 web, approved;

	if (si == NULL)
		return;
	type = text_of(child(si, "ServiceTypeIdentifier"));
	name = name_of(child(si, "ServiceName"));
	status = text_of(child(si, "ServiceStatus"));
	approved = status_approved(status);
	web = has_uri_suffix(child(si, "ServiceInformationExtensions"),
	    "/ForWebSiteAuthentication", 0);
	sdi = child(si, "ServiceDigitalIdentity");
	for (d = sdi != NULL ? sdi->children : NULL; d != NULL; d = d->next) {
		if (!is(d, "DigitalId"))
			continue;
		for (x = d->children; x != NULL; x = x->next) {
			struct buf	 der = { 0 };
			struct stmt_service *sv;
			struct stmt_loc	 loc;
			const unsigned char *p;
			unsigned char	 md[32];
			xmlChar		*b64;
			long		 bad = 0, line;
			X509		*cert;

			if (!is(x, "X509Certificate"))
				continue;
			line = xmlGetLineNo((xmlNode *)x);
			b64 = xmlNodeGetContent(x);
			if (b64 == NULL || pem_b64_decode((char *)b64,
			    strlen((char *)b64), line, &der, &bad) != 0 ||
			    der.len == 0) {
				stmt_warn(st, "line %ld: X509Certificate is not "
				    "valid base64; skipped", line);
				xmlFree(b64);
				buf_free(&der);
				continue;
			}
			xmlFree(b64);
			p = (const unsigned char *)der.data;
			if ((cert = d2i_X509(NULL, &p, (long)der.len)) == NULL)
				stmt_warn(st, "line %ld: X509Certificate does "
				    "not decode as a certificate; fingerprinted "
				    "anyway", line);
			X509_free(cert);
			EVP_Digest(der.data, der.len, md, NULL, EVP_sha256(),
			    NULL);
			buf_free(&der);
			memset(&loc, 0, sizeof(loc));
			loc.line = line;
			loc.form = FPF_NOTEXT;
			if (approved)
				stmt_add_fp(st, md, &loc);
			st->services = xreallocarray(st->services,
			    st->nservices + 1, sizeof(*st->services));
			sv = &st->services[st->nservices++];
			memcpy(sv->sha256, md, 32);
			sv->tsp = tsp != NULL ? xstrdup(tsp) : NULL;
			sv->name = name != NULL ? xstrdup(name) : NULL;
			sv->type = type != NULL ? xstrdup(type) : NULL;
			sv->status = status != NULL ? xstrdup(status) : NULL;
			sv->web = web;
			sv->line = line;
		}
	}
	free(type);
	free(name);
	free(status);
}

/* A service's certificate and its place in the document. */
struct pick {
	unsigned char	 sha256[32];
	size_t		 i;
};

static int
by_cert(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	int	 r = memcmp(x->sha256, y->sha256, 32);

	return r != 0 ? r : (x->i > y->i) - (x->i < y->i);
}

static int
by_place(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	return (x->i > y->i) - (x->i < y->i);
}

/*
 * Each certificate that only unapproved services name: a warning naming
 * the first such service, in the order of the document.
 */
static void
warn_unlisted(struct statement *st)
{
	unsigned char	(*listed)[32] = stmt_found_sorted(st);
	struct pick	*v = xreallocarray(NULL, st->nservices + 1, sizeof(*v));
	size_t		 i, n = 0, o = 0;
	char		 hex[65];

	for (i = 0; i < st->nservices; i++)
		if (!status_approved(st->services[i].status) &&
		    !stmt_found_in(listed, st->nfps, st->services[i].sha256)) {
			memcpy(v[n].sha256, st->services[i].sha256, 32);
			v[n++].i = i;
		}
	qsort(v, n, sizeof(*v), by_cert);
	for (i = 0; i < n; i++)
		if (i == 0 || memcmp(v[i - 1].sha256, v[i].sha256, 32) != 0)
			v[o++] = v[i];
	qsort(v, o, sizeof(*v), by_place);
	for (i = 0; i < o; i++) {
		const struct stmt_service *sv = &st->services[v[i].i];

		hex_encode(sv->sha256, 32, hex);
		stmt_warn(st, "line %ld: service \"%.200s\" has status %s: "
		    "its certificate %s is not counted as listed", sv->line,
		    sv->name != NULL ? sv->name : "(no name)",
		    status_word(sv->status), hex);
	}
	free(v);
	free(listed);
}

int
stmt_read_tsl(struct run *r, struct statement *st, const unsigned char *data,
    size_t len)
{
	xmlDocPtr	 doc;
	const xmlNode	*root, *list, *tp, *svcs, *s, *si;
	char		*issued;
	int		 rc = -1;

	if (stmt_xml_doctype_ok(r, st, data, len, 0) != 0)
		return -1;
	if (len > INT32_MAX) {
		diag_error(r, st->path, 0, "XML too large");
		return -1;
	}
	doc = xmlReadMemory((const char *)data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xmlGetLastError();

		diag_error(r, st->path, e != NULL ? e->line : 0, "not "
		    "well-formed XML%s%s", e != NULL && e->message != NULL ?
		    ": " : "", e != NULL && e->message != NULL ?
		    e->message : "");
		return -1;
	}
	if (parsed_doctype_ok(r, st, doc) != 0)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!is(root, "TrustServiceStatusList")) {
		diag_error(r, st->path, 0, "XML but not an ETSI TS 119 612 "
		    "Trusted List (no TrustServiceStatusList)");
		goto out;
	}
	si = child(root, "SchemeInformation");
	if ((issued = text_of(child(si, "ListIssueDateTime"))) != NULL) {
		astime	 t;

		if (strlen(issued) >= 10) {
			char	 d[11];

			memcpy(d, issued, 10);
			d[10] = '\0';
			if (time_parse_date(d, &t) == 0) {
				st->date_set = 1;
				st->statement_date = t;
				st->date_source = xstrdup(issued);
			}
		}
		free(issued);
	}
	list = child(root, "TrustServiceProviderList");
	for (tp = list != NULL ? list->children : NULL; tp != NULL;
	    tp = tp->next) {
		char	*tsp;

		if (!is(tp, "TrustServiceProvider"))
			continue;
		tsp = name_of(child(child(tp, "TSPInformation"), "TSPName"));
		svcs = child(tp, "TSPServices");
		for (s = svcs != NULL ? svcs->children : NULL; s != NULL;
		    s = s->next)
			if (is(s, "TSPService"))
				service(st, s, tsp);
		free(tsp);
	}
	if (st->nservices == 0) {
		diag_error(r, st->path, 0, "Trusted List names no service with "
		    "an X509Certificate");
		goto out;
	}
	warn_unlisted(st);
	rc = 0;
 out:
	xmlFreeDoc(doc);
	return rc;
}
