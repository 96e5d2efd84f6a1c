/*
 * Audit kinds and periods: the vocabulary shared by the scope engine, the
 * statement reader and the reports.
 */
#include <string.h>

#include "auditscope.h"

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

int
kind_parse(const char *s, enum audit_kind *k)
{
	unsigned	 i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(s, kinds[i].name) == 0) {
			*k = (enum audit_kind)i;
			return 0;
		}
	return -1;
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
		if (strcmp(word, "all") == 0)
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

void
kinds_titles(struct buf *b, unsigned set, const char *sep)
{
	unsigned	 k;
	int		 first = 1;

	for (k = 0; k < NKINDS; k++)
		if (set & KIND_BIT(k)) {
			buf_printf(b, "%s%s", first ? "" : sep,
			    kind_title((enum audit_kind)k));
			first = 0;
		}
}
