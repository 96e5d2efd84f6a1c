/*
 * auditscope(1): parse the command line and dispatch.  All work happens in
 * the library (src/cmd/cmd_*.c and the stages they drive); this file only
 * turns argv into struct opts, refuses what the command does not take,
 * and checks that the report reached its reader.
 */
#define _GNU_SOURCE	/* fopencookie() */

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "ccadb/ccadb.h"
#include "cmd/cmd.h"

/* Options, in the order of --help and of the manual's SYNOPSIS. */
enum opt_id {
	O_ANCHOR = 'a', O_FORMAT = 'f', O_HELP = 'h', O_JOBS = 'j',
	O_KIND = 'k', O_OUTPUT = 'o', O_PERIOD = 'p', O_VERBOSE = 'v',
	O_VERSION = 'V',
	O_AT = 256, O_MAX_INPUT, O_NO_CACHE, O_RULES, O_TRUST, O_EV_OID,
	O_REVOKED, O_OWNER, O_BASELINE, O_FAIL_ON, O_STORE, O_MAX_AGE,
	O_AUDITOR, O_PREVIOUS,
	O_EXTERNAL,
	O_FINDINGS_ONLY, O_QUIET = 'q',
	O_STATEMENT = 's'
};

static const struct optdoc {
	struct option	 opt;
	const char	*arg;
	const char	*help;
} optdocs[] = {
	{ { "format", required_argument, NULL, O_FORMAT }, "FORMAT",
	  "report format: text (default), json, csv, dot, html, list" },
	{ { "output", required_argument, NULL, O_OUTPUT }, "FILE",
	  "write the report to FILE instead of standard output" },
	{ { "kind", required_argument, NULL, O_KIND }, "KIND[,KIND...]",
	  "audit kinds: standard, netsec, tls, ev, smime, codesigning, all" },
	{ { "period", required_argument, NULL, O_PERIOD }, "START..END",
	  "audit period, inclusive days: 2024-09-01..2025-08-31" },
	{ { "rules", required_argument, NULL, O_RULES }, "mozilla|ccadb",
	  "how EKUs map to audit kinds (default mozilla)" },
	{ { "anchor", required_argument, NULL, O_ANCHOR }, "FP|FILE",
	  "audited root by fingerprint (8+ hex digits do), FILE or "
	  "subject CN (repeatable; default the roots of the stores the "
	  "CCADB reports give, else every self-signed CA)" },
	{ { "trust", required_argument, NULL, O_TRUST }, "FP=PURPOSES|FILE",
	  "a root's trust bits, e.g. FP=serverAuth,emailProtection" },
	{ { "store", required_argument, NULL, O_STORE }, "STORE",
	  "mozilla, chrome, apple or microsoft (repeatable): only the roots "
	  "these include, with their trust bits (default: every store)" },
	{ { "ev-oid", required_argument, NULL, O_EV_OID }, "[FP=]OID",
	  "an EV policy OID of the root FP (of every root without FP=); "
	  "OID none: it has none" },
	{ { "external", required_argument, NULL, O_EXTERNAL }, "FP|FILE",
	  "a cross-certified root of another CA Owner (repeatable)" },
	{ { "revoked", required_argument, NULL, O_REVOKED }, "FILE",
	  "revoked CA certificates: lines \"SHA256 [YYYY-MM-DD]\"" },
	{ { "statement", required_argument, NULL, O_STATEMENT },
	  "[KIND=]FILE", "an audit statement to check (repeatable)" },
	{ { "baseline", required_argument, NULL, O_BASELINE }, "FILE",
	  "a previous -f json report of the same command: mark findings "
	  "new or known" },
	{ { "fail-on", required_argument, NULL, O_FAIL_ON }, "new|any",
	  "which findings set exit status 1 (default any)" },
	{ { "auditor", required_argument, NULL, O_AUDITOR }, "NAME",
	  "lint: the audit firm as CCADB records it, to find in the text" },
	{ { "previous", required_argument, NULL, O_PREVIOUS }, "STATEMENT",
	  "lint: last year's statement of the same kind, for continuity" },
	{ { "findings-only", no_argument, NULL, O_FINDINGS_ONLY }, NULL,
	  "check: findings and the summary, not the \"listed, not required\" "
	  "lines" },
	{ { "max-age", required_argument, NULL, O_MAX_AGE }, "MONTHS",
	  "ccadb: oldest audit period end still current (default 15)" },
	{ { "at", required_argument, NULL, O_AT }, "DATE",
	  "pin \"now\" to DATE (YYYY-MM-DD) instead of the clock" },
	{ { "jobs", required_argument, NULL, O_JOBS }, "N",
	  "threads to decode, check signatures, look links up (default: all cores)" },
	{ { "owner", required_argument, NULL, O_OWNER }, "NAME",
	  "keep the hierarchy of one CCADB CA Owner (or Subordinate CA "
	  "Owner); lint: the owner the text must name" },
	{ { "no-cache", no_argument, NULL, O_NO_CACHE }, NULL,
	  "do not read or write the cache of verified issuer links" },
	{ { "max-input-size", required_argument, NULL, O_MAX_INPUT }, "BYTES",
	  "refuse inputs larger than BYTES (default 268435456)" },
	{ { "quiet", no_argument, NULL, O_QUIET }, NULL,
	  "no progress on standard error, even at a terminal" },
	{ { "verbose", no_argument, NULL, O_VERBOSE }, NULL,
	  "scope: also the certificates not required, with why; ccadb: also "
	  "those in scope without a record" },
	{ { "help", no_argument, NULL, O_HELP }, NULL,
	  "print this help and exit" },
	{ { "version", no_argument, NULL, O_VERSION }, NULL,
	  "print the version and exit" },
};
#define NOPTS	(sizeof(optdocs) / sizeof(optdocs[0]))

/*
 * The commands: each with the options it takes beyond the ones every
 * command takes (GLOBAL_OPTS) and its report formats.  main() refuses,
 * as a usage error, an option or a format the command does not take: an
 * option that would be silently ignored is a mistake the user should
 * hear about (`tree -s x.pdf` checks nothing).
 */
#define F(fmt)		(1u << (fmt))
#define GLOBAL_OPTS	O_FORMAT, O_OUTPUT, O_MAX_INPUT, O_QUIET, O_HELP, \
			O_VERSION
#define LOAD_OPTS	O_JOBS, O_NO_CACHE, O_OWNER
#define ROOT_OPTS	O_RULES, O_ANCHOR, O_TRUST, O_STORE, O_EV_OID, \
			O_EXTERNAL, O_REVOKED
static const int global_opts[] = { GLOBAL_OPTS, 0 };
/*
 * --at: the commands whose report says what is expired or current, or
 * holds a date (inventory lists dates without judging them).
 */
static const int inventory_opts[] = { LOAD_OPTS, 0 };
static const int tree_opts[] = { LOAD_OPTS, O_AT, 0 };
static const int scope_opts[] = { LOAD_OPTS, O_AT, ROOT_OPTS, O_KIND, O_PERIOD,
	O_VERBOSE, 0 };
static const int extract_opts[] = { O_KIND, O_PERIOD, 0 };
static const int check_opts[] = { LOAD_OPTS, O_AT, ROOT_OPTS, O_KIND, O_PERIOD,
	O_STATEMENT, O_BASELINE, O_FAIL_ON, O_AUDITOR, O_FINDINGS_ONLY, 0 };
static const int ccadb_opts[] = { LOAD_OPTS, O_AT, ROOT_OPTS, O_MAX_AGE,
	O_BASELINE, O_FAIL_ON, O_VERBOSE, 0 };
static const int scope_needs[] = { O_KIND, O_PERIOD, 0 };
static const int check_needs[] = { O_STATEMENT, 0 };
static const int lint_opts[] = { O_AT, O_KIND, O_PERIOD, O_OWNER,
	O_AUDITOR, O_PREVIOUS, 0 };

static const struct command {
	const char	*name;
	int		(*run)(struct run *, const struct opts *, int, char **);
	const char	*synopsis;
	const char	*help;
	const int	*opts;		/* beyond global_opts; 0 ends */
	unsigned	 formats;	/* F(OUT_*) */
	const char	*formats_text;
	/* Of its options, those that must be given, and how to say so. */
	const int	*needs;
	const char	*needs_text;
} commands[] = {
	{ "inventory", cmd_inventory, "[-f text|json|csv] INPUT...",
	  "list every certificate loaded, with its extensions and sources",
	  inventory_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV),
	  "text, json and csv", NULL, NULL },
	{ "tree", cmd_tree, "[-f text|dot] INPUT...",
	  "print the issuer hierarchy, per root, cross-certificates marked",
	  tree_opts, F(OUT_TEXT) | F(OUT_DOT), "text and dot", NULL, NULL },
	{ "scope", cmd_scope, "-k KIND[,KIND] -p START..END [-a FP|FILE] "
	  "[-f text|json|csv|list] INPUT...",
	  "list the certificates each kind of audit statement must list",
	  scope_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV) | F(OUT_LIST),
	  "text, json, csv and list", scope_needs,
	  "-k KIND and -p START..END" },
	{ "extract", cmd_extract, "[-f text|json|csv] STATEMENT...",
	  "fingerprints, kind and period an audit statement lists",
	  extract_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV),
	  "text, json and csv", NULL, NULL },
	{ "check", cmd_check, "-s [KIND=]STATEMENT [-s ...] [-p START..END] "
	  "INPUT...",
	  "report what each audit statement misses, and what it lists "
	  "that matches nothing",
	  check_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV) | F(OUT_HTML) |
	  F(OUT_DOT), "text, json, csv, html and dot", check_needs,
	  "at least one -s STATEMENT" },
	{ "ccadb", cmd_ccadb, "[--owner NAME] [--store S] [--max-age MONTHS] "
	  "INPUT...",
	  "check CCADB's audit records against the scope of each "
	  "certificate",
	  ccadb_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV),
	  "text, json and csv", NULL, NULL },
	{ "lint", cmd_lint, "[-k KIND[,KIND]] [-p START..END] [--owner NAME] "
	  "[--auditor NAME] [--previous STATEMENT] [--at DATE] STATEMENT...",
	  "check each audit statement against CCADB Policy 5.2 and ALV's "
	  "rules before submission",
	  lint_opts, F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV) | F(OUT_HTML),
	  "text, json, csv and html", NULL, NULL },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* One option's line of --help; help: its text, NULL for optdocs'. */
static void
usage_opt(FILE *f, size_t i, const char *help)
{
	char	 left[64];
	int	 c = optdocs[i].opt.val;

	snprintf(left, sizeof(left), "%s%c%s--%s%s%s",
	    c < 256 ? "-" : "", c < 256 ? c : ' ', c < 256 ? ", " : "  ",
	    optdocs[i].opt.name, optdocs[i].arg ? " " : "",
	    optdocs[i].arg ? optdocs[i].arg : "");
	fprintf(f, "  %-30s %s\n", left + (c < 256 ? 0 : 2),
	    help != NULL ? help : optdocs[i].help);
}

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: auditscope COMMAND [options] INPUT...\n\n"
	    "Which CA certificates must an audit statement list, and which "
	    "does it miss?\n\ncommands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  auditscope %-9s %s\n      %s\n", commands[i].name,
		    commands[i].synopsis, commands[i].help);
	fputs("\noptions:\n", f);
	for (i = 0; i < NOPTS; i++)
		usage_opt(f, i, NULL);
	fputs("\nINPUT is a file, a directory (read recursively, in sorted "
	    "order) or - for\nstandard input; formats are recognised by "
	    "content.  Exit status: 0 clean,\n1 findings, 2 usage, 3 input "
	    "error (report incomplete), 4 internal error.\nSee auditscope(1).\n",
	    f);
}

static int	takes(const int *, int);

/* auditscope COMMAND --help: that command's synopsis and options only. */
static void
usage_command(FILE *f, const struct command *cmd)
{
	char	 fmt[128];
	size_t	 i;

	fprintf(f, "usage: auditscope %s %s\n\n%c%s.\n", cmd->name,
	    cmd->synopsis, toupper((unsigned char)cmd->help[0]),
	    cmd->help + 1);
	if (cmd->needs_text != NULL)
		fprintf(f, "Needs %s.\n", cmd->needs_text);
	fprintf(f, "Formats: %s.\n\noptions:\n", cmd->formats_text);
	snprintf(fmt, sizeof(fmt), "report format: %s (text the default)",
	    cmd->formats_text);
	for (i = 0; i < NOPTS; i++) {
		int		 o = optdocs[i].opt.val;
		const char	*help = o == O_FORMAT ? fmt : NULL;

		if (!takes(global_opts, o) && !takes(cmd->opts, o))
			continue;
		/* Options whose meaning is the command's. */
		if (o == O_OWNER && cmd->run == cmd_lint)
			help = "the CA Owner as CCADB records it, which the "
			    "statement must name";
		else if (o == O_OWNER)
			help = "keep the hierarchy of one CCADB CA Owner (or "
			    "Subordinate CA Owner)";
		else if (o == O_VERBOSE && cmd->run == cmd_scope)
			help = "also the certificates not required, with why";
		else if (o == O_VERBOSE && cmd->run == cmd_ccadb)
			help = "also the certificates in scope without a record";
		usage_opt(f, i, help);
	}
	fputs("\nExit status: 0 clean, 1 findings, 2 usage, 3 input error "
	    "(report incomplete),\n4 internal error.  See auditscope(1).\n",
	    f);
}

static int
takes(const int *list, int opt)
{
	for (; *list != 0; list++)
		if (*list == opt)
			return 1;
	return 0;
}

/* The index in optdocs of the option whose value is opt. */
static int
optdoc_of(int opt)
{
	size_t	 k;

	for (k = 0; k < NOPTS; k++)
		if (optdocs[k].opt.val == opt)
			return (int)k;
	abort();	/* every option parsed has its entry */
}

/*
 * The first option of given[0..n) (in command-line order) that cmd does
 * not take, as its index in optdocs, or -1.
 */
static int
refused_option(const struct command *cmd, const int *given, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!takes(global_opts, given[i]) && !takes(cmd->opts, given[i]))
			return optdoc_of(given[i]);
	return -1;
}

/*
 * Options that gather their values; any other option with a value keeps
 * one, so giving it twice is a usage error rather than the first value
 * silently dropped.
 */
static const int gathering_opts[] = { O_ANCHOR, O_TRUST, O_EXTERNAL,
	O_EV_OID, O_REVOKED, O_STATEMENT, O_STORE, O_KIND, 0 };

/* The first option of given[0..n) that takes one value and came twice. */
static int
repeated_option(const int *given, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (given[j] == given[i] &&
			    !takes(gathering_opts, given[i]) &&
			    optdocs[optdoc_of(given[i])].opt.has_arg !=
			    no_argument)
				return optdoc_of(given[i]);
	return -1;
}

/*
 * Options that change only some of a command's report formats: given
 * with another format they would change nothing, so they are refused.
 */
static const struct format_opt {
	int		 opt;
	const char	*cmd;		/* NULL: every command that takes it */
	unsigned	 formats;	/* F(OUT_*) it changes */
	const char	*what;
} format_opts[] = {
	/* It drops what is not a finding; JSON and DOT show everything. */
	{ O_FINDINGS_ONLY, NULL, F(OUT_TEXT) | F(OUT_CSV) | F(OUT_HTML),
	  "--findings-only" },
	/* JSON and -f list carry every certificate and its reasons. */
	{ O_VERBOSE, "scope", F(OUT_TEXT) | F(OUT_CSV), "-v" },
	{ O_VERBOSE, "ccadb", F(OUT_TEXT), "-v" },
	/*
	 * --at: the graphs mark nothing expired, and scope's list holds
	 * neither a date nor anything judged by one.
	 */
	{ O_AT, "tree", F(OUT_TEXT), "--at" },
	{ O_AT, "scope", F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV), "--at" },
	{ O_AT, "check", F(OUT_TEXT) | F(OUT_JSON) | F(OUT_CSV) | F(OUT_HTML),
	  "--at" },
	/* The lint checks it; the CSV and DOT reports carry no lint. */
	{ O_AUDITOR, "check", F(OUT_TEXT) | F(OUT_JSON) | F(OUT_HTML),
	  "--auditor" },
};
#define NFORMAT_OPTS (sizeof(format_opts) / sizeof(format_opts[0]))

/* The first of format_opts that refuses format for cmd, or -1. */
static int
format_refuses(const struct command *cmd, enum outfmt format,
    const int *given)
{
	size_t	 i;

	for (i = 0; i < NFORMAT_OPTS; i++)
		if ((format_opts[i].cmd == NULL ||
		    strcmp(format_opts[i].cmd, cmd->name) == 0) &&
		    takes(given, format_opts[i].opt) &&
		    (format_opts[i].formats & F(format)) == 0)
			return (int)i;
	return -1;
}

/* -f's names, and how a message names each report, in enum order. */
static const struct {
	const char	*name;
	enum outfmt	 fmt;
	const char	*shown;
} formats[] = {
	{ "text", OUT_TEXT, "text" }, { "json", OUT_JSON, "JSON" },
	{ "csv", OUT_CSV, "CSV" }, { "dot", OUT_DOT, "DOT" },
	{ "html", OUT_HTML, "HTML" }, { "list", OUT_LIST, "list" },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/*
 * The reports of format_opts[i], as its refusal names them: "scope's
 * text and CSV reports", "the text, CSV and HTML reports".
 */
static void
format_opt_reports(struct buf *b, size_t i)
{
	const struct format_opt *fo = &format_opts[i];
	size_t		 k, n = 0, left = 0;

	for (k = 0; k < NFORMATS; k++)
		if (fo->formats & F(formats[k].fmt))
			left++;
	if (fo->cmd != NULL)
		buf_printf(b, "%s's ", fo->cmd);
	else
		buf_addstr(b, "the ");
	for (k = 0; k < NFORMATS; k++) {
		if (!(fo->formats & F(formats[k].fmt)))
			continue;
		buf_printf(b, "%s%s", n == 0 ? "" : n + 1 == left ? " and " :
		    ", ", formats[k].shown);
		n++;
	}
	buf_addstr(b, left == 1 ? " report" : " reports");
}

static int
parse_format(const char *s, enum outfmt *f)
{
	size_t	 i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(s, formats[i].name) == 0) {
			*f = formats[i].fmt;
			return 0;
		}
	return -1;
}

static const char *
format_name(enum outfmt f)
{
	size_t	 i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].fmt == f)
			return formats[i].name;
	return "?";
}

static int
parse_count(const char *s, unsigned long long max, unsigned long long *v)
{
	char	*end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	*v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || *v > max)
		return -1;
	return 0;
}

static char **
push(char **v, size_t *n, char *s)
{
	v = xreallocarray(v, *n + 1, sizeof(char *));
	v[(*n)++] = s;
	return v;
}

static int bad_usage(const char *, ...)
    __attribute__((format(printf, 1, 2)));

static int
bad_usage(const char *fmt, ...)
{
	va_list	 ap;

	fputs("auditscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'auditscope --help'.\n", stderr);
	return EXIT_USAGE;
}

/*
 * -o FILE, opened at the report's first byte: a usage error a command
 * finds late (an ambiguous -a, after the inputs are read) writes nothing,
 * so it must not cost the user last night's report, nor make an empty
 * file.  The first write opens it as fopen("w") would (created, or
 * emptied, following a symbolic link), so that what is in it is this
 * run's report and nothing of the last one, however the run ends.
 */
struct lazy_out {
	const char	*path;
	int		 fd;		/* -1: not opened yet */
};

static int
lazy_open(struct lazy_out *lo)
{
	if (lo->fd == -1)
		lo->fd = open(lo->path, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0666);
	return lo->fd;
}

static ssize_t
lazy_write(void *cookie, const char *buf, size_t size)
{
	struct lazy_out	*lo = cookie;
	size_t		 done = 0;
	ssize_t		 n;

	if (lazy_open(lo) == -1)
		return -1;
	while (done < size) {
		if ((n = write(lo->fd, buf + done, size - done)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)size;
}

static int
lazy_close(void *cookie)
{
	struct lazy_out	*lo = cookie;

	return lo->fd == -1 ? 0 : close(lo->fd);
}

/*
 * Refuses at once a FILE that cannot be written (as fopen() would have,
 * before minutes of work), without opening it: opening and closing a
 * FIFO would end its reader's input.  Returns the stream, or NULL with
 * errno set.
 */
static FILE *
out_open(struct lazy_out *lo, const char *path)
{
	static const cookie_io_functions_t io = { NULL, lazy_write, NULL,
	    lazy_close };
	struct stat	 sb;
	char		*dir, *slash;
	int		 ok;

	if (stat(path, &sb) == 0)
		ok = access(path, W_OK) == 0;
	else if (errno != ENOENT)
		return NULL;
	else {
		/* A new file (or a dangling link's target): its directory. */
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) == NULL)
			ok = access(".", W_OK | X_OK) == 0;
		else {
			slash[slash == dir] = '\0';
			ok = access(dir, W_OK | X_OK) == 0;
		}
		free(dir);
	}
	if (!ok)
		return NULL;
	lo->path = path;
	lo->fd = -1;
	return fopencookie(lo, "w", io);
}

/*
 * Flushes and closes the report.  A run that wrote nothing but a usage
 * error leaves -o FILE as it was; any other run that wrote nothing makes
 * it empty, as before.
 */
static int
out_close(FILE *f, struct lazy_out *lo, int rc)
{
	int	 bad;

	bad = fflush(f) != 0 || ferror(f);
	if (!bad && f != stdout && lo->fd == -1 && rc != EXIT_USAGE &&
	    lazy_open(lo) == -1)
		bad = 1;
	if (fclose(f) != 0)
		bad = 1;
	return bad ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	struct option		 longopts[NOPTS + 1];
	/* Lives as long as the process: static, so never a "leak". */
	static struct opts	 o;
	struct run		 run;
	static char		**operands;
	const struct command	*cmd = NULL;
	char			 shortopts[64];
	size_t			 i, sl = 0, ngiven = 0;
	unsigned long long	 v;
	int			 c, rc, r;
	struct lazy_out		 lo = { NULL, -1 };
	static int		*given;		/* options, in order; 0 ends */

	memory_init();
	run_init(&run);
	memset(&o, 0, sizeof(o));
	memset(longopts, 0, sizeof(longopts));
	o.out = stdout;
	shortopts[sl++] = '-';	/* operands in order, options anywhere */
	shortopts[sl++] = ':';	/* ':' for a missing value */
	for (i = 0; i < NOPTS; i++) {
		longopts[i] = optdocs[i].opt;
		if (optdocs[i].opt.val < 256) {
			shortopts[sl++] = (char)optdocs[i].opt.val;
			if (optdocs[i].opt.has_arg == required_argument)
				shortopts[sl++] = ':';
		}
	}
	shortopts[sl] = '\0';

	if (argc >= 2 && argv[1][0] != '-') {
		for (i = 0; i < NCOMMANDS; i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				cmd = &commands[i];
		if (cmd == NULL)
			return bad_usage("unknown command '%s'", argv[1]);
		argv++;
		argc--;
	}
	{
		int	  nop = 0;

		operands = xcalloc((size_t)argc + 1, sizeof(char *));
		given = xcalloc((size_t)argc + 1, sizeof(int));
		opterr = 0;
		while ((c = getopt_long(argc, argv, shortopts, longopts,
		    NULL)) != -1) {
			if (c != 1 && c != ':' && c != '?')
				given[ngiven++] = c;
			switch (c) {
			case 1:
				operands[nop++] = optarg;
				break;
			case O_FORMAT:
				if (parse_format(optarg, &o.format) != 0)
					return bad_usage("unknown format '%s'",
					    optarg);
				o.format_set = 1;
				break;
			case O_OUTPUT:
				o.out_path = optarg;
				break;
			case O_AT:
				if (time_parse_date(optarg, &run.now) != 0)
					return bad_usage("--at wants a date "
					    "YYYY-MM-DD, not '%s'", optarg);
				o.at_set = 1;
				break;
			case O_JOBS:
				if (parse_count(optarg, 1024, &v) != 0)
					return bad_usage("--jobs wants a "
					    "number from 0 to 1024, not '%s'",
					    optarg);
				run.jobs = (int)v;
				break;
			case O_AUDITOR:
				if (*optarg == '\0')
					return bad_usage("--auditor wants an "
					    "audit firm's name");
				o.auditor = optarg;
				break;
			case O_PREVIOUS:
				o.previous = optarg;
				break;
			case O_NO_CACHE:
				o.setup.no_cache = 1;
				break;
			case O_OWNER:
				if (*optarg == '\0')
					return bad_usage("--owner wants a "
					    "CA Owner's name");
				o.setup.owner = optarg;
				break;
			case O_STORE: {
				enum ccadb_store st;

				if (store_parse(optarg, &st) != 0)
					return bad_usage("--store is mozilla, "
					    "chrome, apple or microsoft, not "
					    "'%s'", optarg);
				o.setup.stores |= 1u << st;
				o.setup.store_set = 1;
				break;
			}
			case O_MAX_AGE:
				if (parse_count(optarg, 1200, &v) != 0 ||
				    v == 0)
					return bad_usage("--max-age wants a "
					    "number of months from 1 to 1200, "
					    "not '%s'", optarg);
				o.max_age = (int)v;
				o.max_age_set = 1;
				break;
			case O_MAX_INPUT:
				if (parse_count(optarg, SIZE_MAX, &v) != 0 ||
				    v == 0)
					return bad_usage("--max-input-size "
					    "wants a number of bytes, not '%s'",
					    optarg);
				run.max_input = (size_t)v;
				break;
			case O_KIND: {
				unsigned	 k;

				/* -k tls -k ev is -k tls,ev. */
				if (kinds_parse(optarg, &k) != 0)
					return bad_usage("unknown audit kind in "
					    "'%s'; kinds are %s", optarg,
					    kinds_usage());
				o.setup.kinds |= k;
				break;
			}
			case O_PERIOD:
				if (period_parse(optarg, &o.setup.period) != 0)
					return bad_usage("--period wants "
					    "YYYY-MM-DD..YYYY-MM-DD, start not "
					    "after end, not '%s'", optarg);
				o.period_set = 1;
				break;
			case O_RULES:
				if (strcmp(optarg, "mozilla") == 0)
					o.setup.rules = RULES_MOZILLA;
				else if (strcmp(optarg, "ccadb") == 0)
					o.setup.rules = RULES_CCADB;
				else
					return bad_usage("--rules is mozilla or "
					    "ccadb, not '%s'", optarg);
				break;
			case O_ANCHOR:
				o.setup.anchors = push(o.setup.anchors, &o.setup.nanchors,
				    optarg);
				break;
			case O_TRUST:
				o.setup.trust = push(o.setup.trust, &o.setup.ntrust, optarg);
				break;
			case O_EXTERNAL:
				o.setup.external = push(o.setup.external, &o.setup.nexternal,
				    optarg);
				break;
			case O_EV_OID: {
				unsigned char	 sha[32];
				const char	*oid;

				if (ev_oid_split(optarg, sha, &oid) < 0)
					return bad_usage("--ev-oid wants "
					    "[FINGERPRINT=]OID, a dotted OID, "
					    "not '%s'", optarg);
				if (strncmp(oid, "2.23.140.1.2", 12) == 0 &&
				    (oid[12] == '\0' || oid[12] == '.'))
					return bad_usage("--ev-oid %s: not an "
					    "EV policy (2.23.140.1.2.x are the "
					    "CA/Browser Forum's DV, OV and IV "
					    "identifiers; EV is 2.23.140.1.1)",
					    optarg);
				o.setup.ev_oids = push(o.setup.ev_oids, &o.setup.nev_oids,
				    optarg);
				break;
			}
			case O_REVOKED:
				o.setup.revoked = push(o.setup.revoked, &o.setup.nrevoked,
				    optarg);
				break;
			case O_STATEMENT:
				o.statements = push(o.statements,
				    &o.nstatements, optarg);
				break;
			case O_BASELINE:
				o.baseline = optarg;
				break;
			case O_FAIL_ON:
				if (strcmp(optarg, "new") == 0)
					o.fail_on_new = 1;
				else if (strcmp(optarg, "any") == 0)
					o.fail_on_new = 0;
				else
					return bad_usage("--fail-on is new or "
					    "any, not '%s'", optarg);
				break;
			case O_FINDINGS_ONLY:
				o.findings_only = 1;
				break;
			case O_QUIET:
				o.quiet = 1;
				break;
			case O_VERBOSE:
				o.verbose++;
				break;
			case O_HELP:
				if (cmd != NULL)
					usage_command(stdout, cmd);
				else
					usage(stdout);
				return fclose(stdout) == 0 ? EXIT_CLEAN :
				    EXIT_INTERNAL;
			case O_VERSION:
				puts("auditscope " AUDITSCOPE_VERSION);
				return fclose(stdout) == 0 ? EXIT_CLEAN :
				    EXIT_INTERNAL;
			case ':':
				return bad_usage("option '%s' needs a value",
				    argv[optind - 1]);
			default:
				return bad_usage("unknown option '%s'",
				    argv[optind - 1]);
			}
		}
		if (cmd == NULL) {
			usage(stderr);
			return EXIT_USAGE;
		}
		if ((r = refused_option(cmd, given, ngiven)) >= 0) {
			c = optdocs[r].opt.val;
			if (c < 256)
				return bad_usage("%s takes no --%s (-%c)",
				    cmd->name, optdocs[r].opt.name, c);
			return bad_usage("%s takes no --%s", cmd->name,
			    optdocs[r].opt.name);
		}
		if ((r = repeated_option(given, ngiven)) >= 0)
			return bad_usage("--%s given twice: it takes one value",
			    optdocs[r].opt.name);
		if ((cmd->formats & F(o.format)) == 0)
			return bad_usage("%s: formats are %s", cmd->name,
			    cmd->formats_text);
		if ((r = format_refuses(cmd, o.format, given)) >= 0) {
			struct buf	 reports = { 0 };

			format_opt_reports(&reports, (size_t)r);
			rc = bad_usage("%s applies to %s, not -f %s",
			    format_opts[r].what, reports.data,
			    format_name(o.format));
			buf_free(&reports);
			return rc;
		}
		/* check's graph colours the hierarchy for one statement. */
		if (o.format == OUT_DOT && o.nstatements > 1)
			return bad_usage("%s -f dot draws one statement: give one "
			    "-s, once per graph", cmd->name);
		if (nop == 0)
			return bad_usage("%s: no INPUT given", cmd->name);
		for (i = 0; cmd->needs != NULL && cmd->needs[i] != 0; i++)
			if (!takes(given, cmd->needs[i]))
				return bad_usage("%s needs %s", cmd->name,
				    cmd->needs_text);
		for (i = 0; i < o.nstatements; i++) {
			const char	*path;
			unsigned	 k;

			if (statement_arg(o.statements[i], &k, &path) != 0) {
				char	*e = esc_term(o.statements[i]);

				rc = bad_usage("-s %s: unknown audit kind before "
				    "'='; kinds are %s", e, kinds_usage());
				free(e);
				return rc;
			}
		}
		if (!o.at_set) {
			/* Not pinned: the clock, read once. */
			run.now = (astime)time(NULL);
		}
		if (o.out_path != NULL && strcmp(o.out_path, "-") != 0 &&
		    (o.out = out_open(&lo, o.out_path)) == NULL) {
			fprintf(stderr, "auditscope: %s: %s\n", o.out_path,
			    strerror(errno));
			return EXIT_INTERNAL;
		}
		/* Progress only for a person watching a terminal. */
		progress_init(!o.quiet && isatty(STDERR_FILENO));
		rc = cmd->run(&run, &o, nop, operands);
		progress_end();
	}
	/* A report that did not reach its reader is no report. */
	if (out_close(o.out, &lo, rc) != 0) {
		fprintf(stderr, "auditscope: error writing the report: %s\n",
		    strerror(errno));
		return EXIT_INTERNAL;
	}
	return rc;
}
