/*
 * JSON written an element at a time (js_* and esc_json_string) against
 * the same document as one jansson tree through json_write(): the reports
 * must not change by a byte with the way they are written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <jansson.h>

#include "base/base.h"
#include "report/report.h"
#include "report/writers.h"

/*
 * The reference: the whole document as one jansson tree, as the reports
 * were written before issue 18 (steals j; -1 on a write error).
 */
static int
json_write(FILE *f, json_t *j)
{
	char	*s, *t;
	int	 rc = -1;

	if ((s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) != NULL) {
		t = esc_json(s);
		if (fputs(t, f) != EOF && fputc('\n', f) != EOF)
			rc = 0;
		free(t);
		free(s);
	}
	json_decref(j);
	return rc;
}

/* Hostile strings: escapes, controls, DEL, C1, bidi, BOM, invalid UTF-8. */
static const char *const hostile[] = {
	"",
	"CN=Plain Root CA, O=Example",
	"quote \" and backslash \\ and slash /",
	"\b\f\n\r\t\x01\x1b[31m\x1f",
	"DEL \x7f",
	"C1 \xc2\x80 \xc2\x9b \xc2\x9f, NBSP \xc2\xa0",
	"bidi \xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6"
	    "\xe2\x81\xa9 \xd8\x9c",
	"BOM \xef\xbb\xbf",
	"M\xc3\xbcnchen, Informa\xcc\x81ticos, \xe4\xb8\xad\xe6\x96\x87",
	"emoji \xf0\x9f\x94\x92, max \xf4\x8f\xbf\xbf",
	"invalid \xff\xfe",
	"lone continuation \x80",
	"truncated \xe2\x80",
	"overlong \xc0\xaf \xe0\x80\xaf",
	"surrogate \xed\xa0\x80",
	"beyond \xf4\x90\x80\x80",
	"end with lead \xc3",
	"\\u202e written out",
};

/* Everything written to a memory stream by fn, as a string. */
static char *
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char	*s = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&s, &n);

	ck_assert_ptr_nonnull(f);
	fn(f, arg);
	ck_assert_int_eq(fclose(f), 0);
	return s;
}

static void
tree_string(FILE *f, const void *arg)
{
	json_t	*a = json_array();

	json_array_append_new(a, jstr(arg));
	ck_assert_int_eq(json_write(f, a), 0);
}

static void
stream_string(FILE *f, const void *arg)
{
	struct jstream	 js;

	js_open(&js, f, NULL, '[');
	js_str(&js, NULL, arg);
	js_close(&js);
	ck_assert_int_eq(js_end(&js), 0);
}

static void
same_string(const char *s)
{
	char	*t = capture(tree_string, s), *u = capture(stream_string, s);

	if (strcmp(t, u) != 0)
		ck_abort_msg("string written differently:\ntree:   %s\n"
		    "stream: %s", t, u);
	free(t);
	free(u);
}

START_TEST(strings_as_jansson)
{
	size_t	 i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		same_string(hostile[i]);
}
END_TEST

/*
 * Random strings from pieces that matter to one escaper or the other,
 * valid and invalid UTF-8 mixed, with a fixed seed.
 */
START_TEST(random_strings_as_jansson)
{
	static const char *const piece[] = {
		"a", "Z", " ", "=", ",", "\"", "\\", "/", "\x01", "\x1f", "\n",
		"\t", "\x7f", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc3\xbc",
		"\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\xae", "\xe2\x81\xa9",
		"\xef\xbb\xbf", "\xe4\xb8\xad", "\xf0\x9f\x94\x92", "\x80",
		"\xc3", "\xe2\x80", "\xff", "\xc0\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xf5",
	};
	const size_t	 np = sizeof(piece) / sizeof(piece[0]);
	unsigned long	 seed = 18;
	char		 s[256];
	int		 i, j, len;

	for (i = 0; i < 3000; i++) {
		s[0] = '\0';
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = (int)(seed >> 60);
		for (j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			/* Mostly valid: an invalid piece one time in 16. */
			strcat(s, piece[(seed >> 33) % ((seed >> 58) % 16 ?
			    24 : np)]);
		}
		same_string(s);
	}
}
END_TEST

/* esc_json_string() alone: -1 and b as it was for what is not UTF-8. */
START_TEST(escape_refuses_invalid)
{
	struct buf	 b = { 0 };

	buf_addstr(&b, "x");
	ck_assert_int_eq(esc_json_string(&b, "ok \xc3\xbc"), 0);
	ck_assert_str_eq(b.data, "x\"ok \xc3\xbc\"");
	ck_assert_int_eq(esc_json_string(&b, "bad \xc3("), -1);
	ck_assert_str_eq(b.data, "x\"ok \xc3\xbc\"");
	ck_assert_uint_eq(b.len, strlen(b.data));
	buf_free(&b);
}
END_TEST

/* One document with every kind of member, nested, empty and not. */
static void
tree_doc(FILE *f, const void *arg)
{
	json_t	*root = json_object(), *a = json_array(), *o = json_object(),
		*deep = json_object();

	(void)arg;
	json_object_set_new(root, "complete", json_true());
	json_object_set_new(root, "none", json_null());
	json_object_set_new(root, "n", json_integer(-9223372036854775807LL));
	json_object_set_new(root, "zero", json_integer(0));
	json_object_set_new(root, "empty_a", json_array());
	json_object_set_new(root, "empty_o", json_object());
	json_array_append_new(a, jstr(hostile[5]));
	json_array_append_new(a, json_false());
	json_object_set_new(o, "sha256", json_string("00FF"));
	json_object_set_new(o, "list", json_array());
	json_array_append_new(a, o);
	json_object_set_new(deep, "k \xe2\x80\xae", jstr(hostile[3]));
	json_object_set_new(deep, "a", json_pack("[i, s, [], {}]", 1, "x"));
	json_array_append_new(a, deep);
	json_object_set_new(root, "items", a);
	json_object_set_new(root, "last", json_integer(42));
	ck_assert_int_eq(json_write(f, root), 0);
}

static void
stream_doc(FILE *f, const void *arg)
{
	struct jstream	 js;

	(void)arg;
	js_open(&js, f, NULL, '{');
	js_bool(&js, "complete", 1);
	js_null(&js, "none");
	js_int(&js, "n", -9223372036854775807LL);
	js_int(&js, "zero", 0);
	js_open(&js, NULL, "empty_a", '[');
	js_close(&js);
	js_open(&js, NULL, "empty_o", '{');
	js_close(&js);
	js_open(&js, NULL, "items", '[');
	js_str(&js, NULL, hostile[5]);
	js_bool(&js, NULL, 0);
	js_open(&js, NULL, NULL, '{');
	js_str(&js, "sha256", "00FF");
	js_put(&js, "list", json_array());
	js_close(&js);
	js_put(&js, NULL, json_pack("{s:s, s:[i, s, [], {}]}",
	    "k \xe2\x80\xae", hostile[3], "a", 1, "x"));
	js_close(&js);
	js_int(&js, "last", 42);
	js_close(&js);
	ck_assert_int_eq(js_end(&js), 0);
}

START_TEST(document_as_jansson)
{
	char	*t = capture(tree_doc, NULL), *u = capture(stream_doc, NULL);

	ck_assert_str_eq(u, t);
	free(t);
	free(u);
}
END_TEST

/* A fingerprint member as fp_json() writes it. */
START_TEST(fingerprint_as_jansson)
{
	unsigned char	 sha[32];
	struct jstream	 js;
	char		*s = NULL, *t;
	size_t		 n = 0, i;
	FILE		*f;
	json_t		*o = json_object();

	for (i = 0; i < 32; i++)
		sha[i] = (unsigned char)(i * 37 + 5);
	json_object_set_new(o, "sha256", fp_json(sha));
	t = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	ck_assert_ptr_nonnull(f = open_memstream(&s, &n));
	js_open(&js, f, NULL, '{');
	js_fp(&js, "sha256", sha);
	js_close(&js);
	ck_assert_int_eq(js_end(&js), 0);
	fclose(f);
	ck_assert_uint_eq(n, strlen(t) + 1);
	ck_assert_int_eq(strncmp(s, t, strlen(t)), 0);
	free(s);
	free(t);
}
END_TEST

Suite *
report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, strings_as_jansson);
	tcase_add_test(tc, random_strings_as_jansson);
	tcase_add_test(tc, escape_refuses_invalid);
	tcase_add_test(tc, document_as_jansson);
	tcase_add_test(tc, fingerprint_as_jansson);
	suite_add_tcase(s, tc);
	return s;
}
