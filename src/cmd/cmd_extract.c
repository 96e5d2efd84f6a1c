/*
 * auditscope extract: what each audit statement lists (SHA-256
 * fingerprints with every location and whether CCADB's ALV would find
 * them as written; 40-hex values apart) and what it says about itself
 * (kind, period, dates, auditor), each value with the text it came from.
 * The first thing to run on a preliminary statement.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "cmd/cmd.h"
#include "report/report.h"
#include "statement/statement.h"

static char *
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

/* null: the statement names no kind. */
static json_t *
date_json(int set, astime t)
{
	char	 d[11];

	if (!set)
		return json_null();
	time_format_date(t, d);
	return json_string(d);
}

static json_t *
src_json(const char *s)
{
	return s != NULL ? jstr(s) : json_null();
}

static json_t *
int_or_null(long v)
{
	return v > 0 ? json_integer(v) : json_null();
}

static json_t *
statement_json(const struct statement *st)
{
	json_t	*o = json_object(), *a, *p;
	size_t	 i;
	char	 hex[65];

	json_object_set_new(o, "path", jstr(st->path));
	json_object_set_new(o, "format", json_string(st->format));
	json_object_set_new(o, "complete", json_boolean(!st->error));
	json_object_set_new(o, "pages", int_or_null(st->pages));
	json_object_set_new(o, "kind", kind_set_json(st->kinds));
	json_object_set_new(o, "kind_source", src_json(st->kind_source));
	if (st->period_set) {
		p = json_object();
		json_object_set_new(p, "start", date_json(1,
		    st->period.start));
		json_object_set_new(p, "end", date_json(1, st->period.end));
	} else
		p = json_null();
	json_object_set_new(o, "period", p);
	json_object_set_new(o, "period_source", src_json(st->period_source));
	json_object_set_new(o, "point_in_time", date_json(st->pit_set,
	    st->point_in_time));
	json_object_set_new(o, "point_in_time_source",
	    src_json(st->pit_source));
	json_object_set_new(o, "key_generation",
	    src_json(st->keygen_source));
	json_object_set_new(o, "statement_date", date_json(st->date_set,
	    st->statement_date));
	json_object_set_new(o, "statement_date_source",
	    src_json(st->date_source));
	json_object_set_new(o, "auditor", src_json(st->auditor));
	json_object_set_new(o, "auditor_source", src_json(st->auditor_source));
	a = json_array();
	for (i = 0; i < st->nfps; i++) {
		const struct stmt_fp *f = &st->fps[i];
		json_t	*e = json_object();

		fp_hex(f->sha256, hex);
		json_object_set_new(e, "sha256", json_string(hex));
		/* ALV searches PDF text; a Trusted List is not that */
		json_object_set_new(e, "alv_findable", strcmp(st->format,
		    "tsl") == 0 ? json_null() : json_boolean(f->alv_findable));
		if (st->flag_kinds != 0)
			json_object_set_new(e, "flags", kind_set_json(f->kinds));
		json_object_set_new(e, "locations", locs_json(f->locs,
		    f->nlocs));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "fingerprints", a);
	a = json_array();
	for (i = 0; i < st->nsha1s; i++) {
		json_t	*e = json_object();

		hex_encode(st->sha1s[i].sha1, 20, hex);
		json_object_set_new(e, "sha1", json_string(hex));
		json_object_set_new(e, "locations", locs_json(
		    st->sha1s[i].locs, st->sha1s[i].nlocs));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "sha1", a);
	if (st->nservices > 0) {
		a = json_array();
		for (i = 0; i < st->nservices; i++) {
			const struct stmt_service *s = &st->services[i];
			json_t	*e = json_object();

			fp_hex(s->sha256, hex);
			json_object_set_new(e, "sha256", json_string(hex));
			json_object_set_new(e, "tsp", src_json(s->tsp));
			json_object_set_new(e, "name", src_json(s->name));
			json_object_set_new(e, "type", src_json(s->type));
			json_object_set_new(e, "status", src_json(s->status));
			json_object_set_new(e, "web_site_authentication",
			    json_boolean(s->web));
			json_object_set_new(e, "line", json_integer(s->line));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "services", a);
	}
	a = json_array();
	for (i = 0; i < st->nwarnings; i++)
		json_array_append_new(a, jstr(st->warnings[i]));
	json_object_set_new(o, "warnings", a);
	return o;
}

static char *
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

static void
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
		    strcmp(st->format, "tsl") == 0 ? "" :
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
		put_term(f, sv->status != NULL ? sv->status : "(no status)");
		fputc('\n', f);
	}
	for (i = 0; i < st->nwarnings; i++) {
		fputs("  warning:       ", f);
		put_term(f, st->warnings[i]);
		fputc('\n', f);
	}
}

static void
statement_csv(FILE *f, const struct statement *st)
{
	size_t	 i;
	char	 hex[65], d1[11] = "", d2[11] = "";
	char	*k = kinds_text(st->kinds, ";"), *s;

	if (st->period_set) {
		time_format_date(st->period.start, d1);
		time_format_date(st->period.end, d2);
	}
	for (i = 0; i < st->nfps + st->nsha1s; i++) {
		const struct stmt_loc *l;
		size_t	 nl;
		int	 alv = 0;

		put_csv(f, st->path);
		if (i < st->nfps) {
			fp_hex(st->fps[i].sha256, hex);
			l = st->fps[i].locs;
			nl = st->fps[i].nlocs;
			alv = st->fps[i].alv_findable;
			fprintf(f, ",sha256,%s,%s,", hex, alv ? "true" :
			    "false");
		} else {
			hex_encode(st->sha1s[i - st->nfps].sha1, 20, hex);
			l = st->sha1s[i - st->nfps].locs;
			nl = st->sha1s[i - st->nfps].nlocs;
			fprintf(f, ",sha1,%s,false,", hex);
		}
		fprintf(f, "%s,%s,%s,%s,", st->format, k, d1, d2);
		s = extract_locs_text(l, nl);
		put_csv(f, s);
		free(s);
		fputc('\n', f);
	}
	free(k);
}

int
cmd_extract(struct run *run, const struct opts *o, int argc, char **argv)
{
	struct stmt_overrides ov;
	json_t		*root = NULL, *arr = NULL;
	int		 i;

	memset(&ov, 0, sizeof(ov));
	ov.kinds = o->kinds;
	ov.period_set = o->period_set;
	ov.period = o->period;
	ov.max_input = run->max_input;
	if (o->format == OUT_JSON) {
		root = json_object();
		arr = json_array();
	} else if (o->format == OUT_CSV)
		fputs("path,type,fingerprint,alv_findable,format,kind,"
		    "period_start,period_end,locations\n", o->out);
	sort_args((size_t)argc, argv);
	for (i = 0; i < argc; i++) {
		struct statement *st = statement_load(argv[i], &ov);

		if (st == NULL || st->error)
			run_incomplete(run, RUN_STATEMENT);
		if (st == NULL)
			continue;
		if (o->format == OUT_JSON)
			json_array_append_new(arr, statement_json(st));
		else if (o->format == OUT_CSV)
			statement_csv(o->out, st);
		else {
			if (i > 0)
				fputc('\n', o->out);
			statement_text(o->out, st);
		}
		statement_free(st);
	}
	if (root != NULL) {
		json_object_set_new(root, "complete",
		    json_boolean(run_complete(run)));
		json_object_set_new(root, "statements", arr);
		if (json_write(o->out, root) != 0)
			return EXIT_INTERNAL;
	}
	return run_exit(run, 0);
}
