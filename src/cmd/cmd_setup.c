/*
 * What scope setup reads for the engine (issue 18: the engine reads no
 * file): --trust FILEs and --revoked FILEs, parsed here and handed in as
 * trust entries and revocation marks on the inventory's certificates.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "engine/engine.h"
#include "cmd/cmd.h"

static int
trust_line(const char *path, long line, const char *s,
    struct trust_entry **v, size_t *n)
{
	const char	*eq = strchr(s, '=');
	char		 fp[128];
	struct trust_entry t;

	if (eq == NULL || (size_t)(eq - s) >= sizeof(fp)) {
		diag_error(path, line, "--trust wants FINGERPRINT=PURPOSES");
		return -1;
	}
	memcpy(fp, s, (size_t)(eq - s));
	fp[eq - s] = '\0';
	memset(&t, 0, sizeof(t));
	t.source = "--trust";
	if (fp_parse(fp, t.sha256) != 0) {
		diag_error(path, line, "not a SHA-256 fingerprint: %s", fp);
		return -1;
	}
	if (purposes_parse(eq + 1, &t.purposes) != 0) {
		diag_error(path, line, "unknown purpose in \"%s\" (serverAuth, "
		    "clientAuth, emailProtection, codeSigning, timeStamping, "
		    "all, none)", eq + 1);
		return -1;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = t;
	return 0;
}

/*
 * --trust FP=purposes, or a file of such lines ('#' comments, blank
 * lines).  Appends to *v.
 */
int
trust_parse(size_t max, const char *arg, struct trust_entry **v, size_t *n)
{
	unsigned char	*d;
	size_t		 len;
	char		*text, *line, *save = NULL;
	long		 ln = 0;
	int		 rc = 0;

	if (strchr(arg, '=') != NULL)
		return trust_line(NULL, 0, arg, v, n);
	if (read_file(arg, max, &d, &len) != 0)
		return -1;
	text = (char *)d;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char	*e;

		ln++;
		while (isspace((unsigned char)*line))
			line++;
		for (e = line + strlen(line); e > line &&
		    isspace((unsigned char)e[-1]); e--)
			*--e = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		if (trust_line(arg, ln, line, v, n) != 0)
			rc = -1;
	}
	free(d);
	return rc;
}

/*
 * --revoked FILE: lines "SHA256 [YYYY-MM-DD]".  Marks the inventory's
 * certificates; a fingerprint not in the inventory is worth a warning
 * (a typo here would silently keep a revoked CA in scope).
 */
int
revoked_load(const struct run *run, struct inventory *inv, const char *path)
{
	unsigned char	*d;
	size_t		 len, i;
	long		 ln = 0;
	int		 rc = 0;
	char		*p, *next;
	struct input_stat *side = inventory_add_side(inv, path, "revoked");

	side->format = "revoked";
	if (read_file(path, run->max_input, &d, &len) != 0) {
		side->errors++;
		return -1;
	}
	digest_sha256(d, len, side->sha256);
	side->bytes = len;
	side->read = 1;
	for (i = 0; i < len; i++)
		if (d[i] == '\0') {
			diag_error(path, 0, "NUL byte: not a text file");
			side->errors++;
			free(d);
			return -1;
		}
	for (p = (char *)d; p != NULL && *p != '\0'; p = next) {
		char		 fp[160], date[32];
		unsigned char	 sha[32];
		astime		 t = 0;
		long		 ci;
		int		 nf;

		ln++;
		if ((next = strchr(p, '\n')) != NULL)
			*next++ = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		date[0] = '\0';
		nf = sscanf(p, "%159s %31s", fp, date);
		if (nf < 1 || fp_parse(fp, sha) != 0) {
			diag_error(path, ln, "expected \"SHA256 [YYYY-MM-DD]\"");
			side->errors++;
			rc = -1;
			continue;
		}
		if (nf == 2 && time_parse_date(date, &t) != 0) {
			diag_error(path, ln, "bad revocation date \"%s\"",
			    date);
			side->errors++;
			rc = -1;
			continue;
		}
		side->records++;
		if ((ci = inventory_find(inv, sha)) < 0) {
			diag_warn(path, ln, "%s is not in the inventory", fp);
			continue;
		}
		inv->certs[ci]->revoked = 1;
		inv->certs[ci]->revoked_at = t;
	}
	free(d);
	if (rc != 0)
		inv->errors++;
	return rc;
}
