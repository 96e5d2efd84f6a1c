/*
 * Audit kinds and periods: the vocabulary shared by the scope engine, the
 * statement reader and the reports.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"

static const struct {
	const char	*name;
	const char	*title;
} kinds[NKINDS] = {
	[KIND_STANDARD] = { "standard", "Standard (WebTrust for CAs / ETSI)" },
	[KIND_NETSEC] = { "netsec", "Network Security" },
	[KIND_TLS] = { "tls", "TLS BR" },
	[KIND_EV] = { "ev", "TLS EVG" },
	[KIND_SMIME] = { "smime", "S/MIME BR" },
	[KIND_CODESIGNING] = { "codesigning", "Code Signing" },
};

const char *
kind_name(enum audit_kind k)
{
	return (unsigned)k < NKINDS ? kinds[k].name : "?";
}

const char *
kind_title(enum audit_kind k)
{
	return (unsigned)k < NKINDS ? kinds[k].title : "?";
}

/*
 * The names people write, folded: lower case, letters and digits only
 * ("S/MIME", "Code Signing", "EV-SSL").  WebTrust's own report names
 * (WTCA, WTBR, EVG...) stand for the kind they audit; the same names head
 * the per-audit flag columns of CSV scope lists (stmt_csv.c).
 */
static const struct {
	const char	*alias;
	enum audit_kind	 kind;
} aliases[] = {
	{ "standard", KIND_STANDARD }, { "wtca", KIND_STANDARD },
	{ "netsec", KIND_NETSEC }, { "networksecurity", KIND_NETSEC },
	{ "wtnetsec", KIND_NETSEC }, { "ncssr", KIND_NETSEC },
	{ "tls", KIND_TLS }, { "br", KIND_TLS }, { "wtbr", KIND_TLS },
	{ "tlsbr", KIND_TLS }, { "ssl", KIND_TLS }, { "wtbrssl", KIND_TLS },
	{ "brssl", KIND_TLS },
	{ "ev", KIND_EV }, { "evssl", KIND_EV }, { "evg", KIND_EV },
	{ "tlsevg", KIND_EV }, { "wtev", KIND_EV }, { "wtevssl", KIND_EV },
	{ "smime", KIND_SMIME }, { "smimebr", KIND_SMIME },
	{ "wtsmime", KIND_SMIME },
	{ "codesigning", KIND_CODESIGNING }, { "cs", KIND_CODESIGNING },
	{ "wtcs", KIND_CODESIGNING }, { "wtcodesigning", KIND_CODESIGNING },
	{ "wtevcs", KIND_CODESIGNING }, { "evcs", KIND_CODESIGNING },
};

int
kind_parse(const char *s, enum audit_kind *k)
{
	char		 w[32];
	size_t		 i, n = 0;

	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s))
			continue;
		if (n + 1 >= sizeof(w))
			return -1;
		w[n++] = (char)tolower((unsigned char)*s);
	}
	w[n] = '\0';
	/* A CSV column "SMIME Audit", "BR Audit": the kind audited. */
	if (n > 5 && strcmp(w + n - 5, "audit") == 0)
		w[n - 5] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(w, aliases[i].alias) == 0) {
			*k = aliases[i].kind;
			return 0;
		}
	return -1;
}

const char *
kinds_usage(void)
{
	return "standard (WTCA), netsec, tls (BR, WTBR), ev (EVSSL, EVG), "
	    "smime (S/MIME), codesigning (CS, Code Signing), all";
}

int
kinds_parse(const char *s, unsigned *set)
{
	char		 word[32];
	const char	*p = s, *e;
	enum audit_kind	 k;

	*set = 0;
	for (;;) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(word))
			return -1;
		memcpy(word, p, (size_t)(e - p));
		word[e - p] = '\0';
		if (strcasecmp(word, "all") == 0)
			*set |= (1u << NKINDS) - 1;
		else if (kind_parse(word, &k) == 0)
			*set |= KIND_BIT(k);
		else
			return -1;
		if (*e == '\0')
			break;
		p = e + 1;
	}
	return *set != 0 ? 0 : -1;
}

int
period_parse(const char *s, struct period *p)
{
	const char	*dots = strstr(s, "..");
	char		 a[16];

	if (dots == NULL || (size_t)(dots - s) >= sizeof(a))
		return -1;
	memcpy(a, s, (size_t)(dots - s));
	a[dots - s] = '\0';
	if (time_parse_date(a, &p->start) != 0 ||
	    time_parse_date(dots + 2, &p->end) != 0 || p->end < p->start)
		return -1;
	return 0;
}

astime
period_after(const struct period *p)
{
	return p->end + 86400;
}

static void
kinds_join(struct buf *b, unsigned set, const char *sep,
    const char *(*name)(enum audit_kind))
{
	unsigned	 k;
	int		 first = 1;

	for (k = 0; k < NKINDS; k++)
		if (set & KIND_BIT(k)) {
			buf_printf(b, "%s%s", first ? "" : sep,
			    name((enum audit_kind)k));
			first = 0;
		}
}

void
kinds_titles(struct buf *b, unsigned set, const char *sep)
{
	kinds_join(b, set, sep, kind_title);
}

void
kinds_names(struct buf *b, unsigned set, const char *sep)
{
	kinds_join(b, set, sep, kind_name);
}
