/*
 * ETSI TS 119 612 Trusted Lists (the EU's XML lists of qualified trust
 * services), and the DOCTYPE check every XML-ish statement passes first.
 *
 * Each TSPService's X509Certificate gives one fingerprint, of the DER
 * bytes as given; the service type, status and whether it is marked
 * ForWebSiteAuthentication are kept beside it, with its statuses (the
 * current one and its ServiceHistory, each from its StatusStartingTime).
 * Only a service approved (status_approved) throughout the period lists
 * its certificate, or, without a period, one approved now: a withdrawn
 * one, or one of a status not known, is kept as a service, counted in a
 * warning, and its certificate stays missing.  Certificates of the
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
status_word(const char *s, char *buf, size_t len)
{
	size_t	 n = s != NULL ? strlen(s) : 0;
	const char *p;

	while (n > 0 && s[n - 1] == '/')
		n--;
	if (n == 0)
		return "(none)";
	for (p = s + n; p > s && p[-1] != '/'; p--)
		;
	(void)snprintf(buf, len, "%.*s", (int)(s + n - p), p);
	return buf;
}

/*
 * A ServiceStatus and its StatusStartingTime, from the element holding
 * them.  A time that is no date leaves the status undated (doubt, see
 * approved_for()), and says so.
 */
static void
read_status(struct statement *st, const xmlNode *holder,
    struct stmt_status *ss)
{
	const xmlNode	*t = child(holder, "StatusStartingTime");
	char	*status = text_of(child(holder, "ServiceStatus"));
	char	*from = text_of(t);
	char	 day[11];

	memset(ss, 0, sizeof(*ss));
	ss->approved = status_approved(status);
	if (from != NULL && strlen(from) >= 10) {
		int	 hh = 0, mm = 0, sec = 0;

		memcpy(day, from, 10);
		day[10] = '\0';
		ss->from_set = time_parse_date(day, &ss->from) == 0;
		/* The time of day orders two changes of one day. */
		if (ss->from_set && from[10] == 'T' && sscanf(from + 11,
		    "%2d:%2d:%2d", &hh, &mm, &sec) == 3 && hh >= 0 &&
		    hh < 24 && mm >= 0 && mm < 60 && sec >= 0 && sec < 61) {
			const char *z = from + 11;
			int	 oh, om;

			ss->from += (astime)hh * 3600 + mm * 60 + sec;
			/* The time, and fractions of a second. */
			while (*z == ':' || *z == '.' ||
			    isdigit((unsigned char)*z))
				z++;
			/* xsd:dateTime's offset: +01:00 is an hour ahead. */
			if ((*z == '+' || *z == '-') && sscanf(z + 1,
			    "%2d:%2d", &oh, &om) == 2 && oh >= 0 && oh < 24 &&
			    om >= 0 && om < 60)
				ss->from -= (*z == '+' ? 1 : -1) *
				    ((astime)oh * 3600 + om * 60);
		}
	}
	if (from != NULL && from[0] != '\0' && !ss->from_set)
		stmt_warn(st, "line %ld: StatusStartingTime \"%.40s\" is no "
		    "date: read as undated", xmlGetLineNo((xmlNode *)t), from);
	free(status);
	free(from);
}

/*
 * The current status, then each ServiceHistoryInstance's.  Past 1000 of
 * those the rest stand as one undated status that approves nothing
 * (doubt: the service lists nothing for a period), and a warning says so.
 */
static struct stmt_status *
read_statuses(struct statement *st, const xmlNode *si, const xmlNode *svc,
    size_t *n)
{
	const xmlNode	*h, *hi;
	struct stmt_status *v = xcalloc(1, sizeof(*v));

	read_status(st, si, &v[0]);
	v[0].order = 0;
	*n = 1;
	h = child(svc, "ServiceHistory");
	for (hi = h != NULL ? h->children : NULL; hi != NULL; hi = hi->next) {
		if (!is(hi, "ServiceHistoryInstance"))
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		if (*n == 1000) {
			memset(&v[*n], 0, sizeof(v[*n]));
			v[*n].order = *n;
			(*n)++;
			stmt_warn(st, "line %ld: more than 1000 history "
			    "statuses; the rest are not read, and the service "
			    "counts as unapproved at some time",
			    xmlGetLineNo((xmlNode *)hi));
			break;
		}
		read_status(st, hi, &v[*n]);
		v[*n].order = *n;
		(*n)++;
	}
	return v;
}

static void
service(struct statement *st, const xmlNode *svc, const char *tsp)
{
	const xmlNode	*si = child(svc, "ServiceInformation"), *sdi, *d, *x;
	char		*type, *name, *status;
	struct stmt_status *statuses;
	size_t		 nstatuses;
	int		 web;

	if (si == NULL)
		return;
	type = text_of(child(si, "ServiceTypeIdentifier"));
	name = name_of(child(si, "ServiceName"));
	status = text_of(child(si, "ServiceStatus"));
	statuses = read_statuses(st, si, svc, &nstatuses);
	web = has_uri_suffix(child(si, "ServiceInformationExtensions"),
	    "/ForWebSiteAuthentication", 0);
	sdi = child(si, "ServiceDigitalIdentity");
	for (d = sdi != NULL ? sdi->children : NULL; d != NULL; d = d->next) {
		if (!is(d, "DigitalId"))
			continue;
		for (x = d->children; x != NULL; x = x->next) {
			struct buf	 der = { 0 };
			struct stmt_service *sv;
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
			st->services = xreallocarray(st->services,
			    st->nservices + 1, sizeof(*st->services));
			sv = &st->services[st->nservices++];
			memset(sv, 0, sizeof(*sv));
			memcpy(sv->sha256, md, 32);
			sv->tsp = tsp != NULL ? xstrdup(tsp) : NULL;
			sv->name = name != NULL ? xstrdup(name) : NULL;
			sv->type = type != NULL ? xstrdup(type) : NULL;
			sv->status = status != NULL ? xstrdup(status) : NULL;
			sv->web = web;
			sv->line = line;
			sv->statuses = xreallocarray(NULL, nstatuses,
			    sizeof(*statuses));
			memcpy(sv->statuses, statuses, nstatuses *
			    sizeof(*statuses));
			sv->nstatuses = nstatuses;
		}
	}
	free(statuses);
	free(type);
	free(name);
	free(status);
}

/*
 * By the moment each took effect; at the same moment the current status
 * (index 0) is the latest, then the history's in document order (ETSI
 * lists the newest first).
 */
static int
by_from(const void *a, const void *b)
{
	const struct stmt_status *x = a, *y = b;

	if (x->from != y->from)
		return (x->from > y->from) - (x->from < y->from);
	if (x->order != y->order)
		return x->order == 0 ? 1 : y->order == 0 ? -1 :
		    (x->order < y->order) - (x->order > y->order);
	return 0;
}

/*
 * Was the service approved throughout the period: no status it had
 * during the period fails to approve it?  A status holds from its day to
 * the next status's; the period's days are inclusive.  The current status
 * without a date is the latest; a past one without a date may have held
 * at any time (doubt).  Without a period, the current status decides.
 */
static int
approved_for(const struct stmt_service *sv, const struct period *pd)
{
	struct stmt_status *v;
	size_t		 i, n = 0;
	int		 ok = 1, seen = 0;

	if (sv->nstatuses == 0)
		return 0;
	if (pd == NULL)
		return sv->statuses[0].approved;
	v = xreallocarray(NULL, sv->nstatuses, sizeof(*v));
	for (i = 0; i < sv->nstatuses; i++)
		if (sv->statuses[i].from_set)
			v[n++] = sv->statuses[i];
		else if (i > 0 && !sv->statuses[i].approved)
			ok = 0;
	qsort(v, n, sizeof(*v), by_from);
	if (!sv->statuses[0].from_set)
		v[n++] = sv->statuses[0];
	for (i = 0; i < n; i++) {
		/* The period's last day ends at the next midnight. */
		if ((v[i].from_set && v[i].from >= pd->end + 86400) ||
		    (i + 1 < n && v[i + 1].from_set &&
		    v[i + 1].from <= pd->start))
			continue;
		seen = 1;
		if (!v[i].approved)
			ok = 0;
	}
	free(v);
	return ok && seen;
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

/* A current status word, how many have it, and where it is first met. */
struct tally {
	char		 word[64];
	size_t		 count;
	size_t		 first;
};

static int
by_word(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int	 r = strcmp(x->word, y->word);

	return r != 0 ? r : (x->first > y->first) - (x->first < y->first);
}

static int
by_first(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* "withdrawn 3, (none) 1": the n picked services by current status. */
static void
tally_statuses(const struct statement *st, const struct pick *v, size_t n,
    struct buf *out)
{
	struct tally	*t = xreallocarray(NULL, n + 1, sizeof(*t));
	size_t		 i, g = 0;

	for (i = 0; i < n; i++) {
		const char *w = status_word(st->services[v[i].i].status,
		    t[i].word, sizeof(t[i].word));

		if (w != t[i].word)
			(void)snprintf(t[i].word, sizeof(t[i].word), "%s", w);
		t[i].count = 1;
		t[i].first = v[i].i;
	}
	qsort(t, n, sizeof(*t), by_word);
	for (i = 0; i < n; i++)
		if (g > 0 && strcmp(t[g - 1].word, t[i].word) == 0)
			t[g - 1].count++;
		else
			t[g++] = t[i];
	qsort(t, g, sizeof(*t), by_first);
	for (i = 0; i < g && i < 8; i++)
		buf_printf(out, "%s%s %zu", i > 0 ? ", " : "", t[i].word,
		    t[i].count);
	if (g > 8)
		buf_printf(out, " and %zu other statuses", g - 8);
	free(t);
}

void
stmt_tsl_list(struct statement *st, const struct period *pd)
{
	unsigned char	(*listed)[32];
	struct pick	*v;
	struct buf	 words = { 0 };
	char		 when[40];
	size_t		 i, n = 0, o = 0;

	for (i = 0; i < st->nservices; i++) {
		struct stmt_service *sv = &st->services[i];
		struct stmt_loc	 loc;

		if (!(sv->listed = approved_for(sv, pd)))
			continue;
		memset(&loc, 0, sizeof(loc));
		loc.line = sv->line;
		loc.form = FPF_NOTEXT;
		stmt_add_fp(st, sv->sha256, &loc);
	}
	/* Services whose certificate no approved service lists, once each. */
	listed = stmt_found_sorted(st);
	v = xreallocarray(NULL, st->nservices + 1, sizeof(*v));
	for (i = 0; i < st->nservices; i++)
		if (!st->services[i].listed &&
		    !stmt_found_in(listed, st->nfps, st->services[i].sha256)) {
			memcpy(v[n].sha256, st->services[i].sha256, 32);
			v[n++].i = i;
		}
	qsort(v, n, sizeof(*v), by_cert);
	for (i = 0; i < n; i++)
		if (i == 0 || memcmp(v[i - 1].sha256, v[i].sha256, 32) != 0)
			v[o++] = v[i];
	/* Counted by current status, in the order each is first met. */
	tally_statuses(st, v, o, &words);
	if (o > 0) {
		if (pd != NULL) {
			char	 a[11], b[11];

			time_format_date(pd->start, a);
			time_format_date(pd->end, b);
			(void)snprintf(when, sizeof(when), "throughout %s..%s",
			    a, b);
		} else
			(void)snprintf(when, sizeof(when), "now");
		for (i = 0; i < o; i++) {
			const struct stmt_service *sv = &st->services[v[i].i];
			struct stmt_loc	 loc;
			struct buf	 why = { 0 };
			char		 w[64];

			memset(&loc, 0, sizeof(loc));
			loc.line = sv->line;
			buf_printf(&why, "on a Trusted List service not "
			    "approved %s (current status: %s)", when,
			    status_word(sv->status, w, sizeof(w)));
			stmt_add_unlisted(st, sv->sha256, &loc, why.data);
			buf_free(&why);
		}
		stmt_warn(st, "%zu service%s not approved %s (current status: "
		    "%s): %s certificate%s not counted as listed (auditscope "
		    "extract lists each service and its status)", o, o == 1 ? " is" : "s are", when,
		    words.data, o == 1 ? "its" : "their", o == 1 ? " is" :
		    "s are");
	}
	buf_free(&words);
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
		const char *m = e != NULL && e->message != NULL ? e->message :
			    "";
		size_t	 n = strlen(m);

		/* libxml2 ends its messages with a line break. */
		while (n > 0 && isspace((unsigned char)m[n - 1]))
			n--;
		diag_error(r, st->path, e != NULL ? e->line : 0, "not "
		    "well-formed XML%s%.*s", n > 0 ? ": " : "", (int)n, m);
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
	rc = 0;
 out:
	xmlFreeDoc(doc);
	return rc;
}
