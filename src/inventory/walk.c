/*
 * The inputs of an inventory: files, directories (walked in sorted order,
 * symlink loops refused) and standard input, each handed to the format
 * readers (load.c), which file certificates in the store (inventory.c).
 * This file is the loader's entry point; nothing below calls it back.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "inventory/inventory.h"
#include "inventory/load.h"

/* Directory nesting we follow before assuming a symlink loop. */
#define MAX_DEPTH	32

static struct input_stat *
push_input(struct input_stat **v, size_t *n, size_t *cap, const char *path)
{
	struct input_stat *st;

	*v = xgrow(*v, *n, cap, sizeof(**v));	/* a file each */
	st = &(*v)[(*n)++];
	memset(st, 0, sizeof(*st));
	st->path = xstrdup(path);
	st->format = "unknown";
	return st;
}

static struct input_stat *
new_input(struct inventory *inv, const char *path)
{
	return push_input(&inv->inputs, &inv->ninputs, &inv->capinputs, path);
}

struct input_stat *
inventory_add_side(struct inventory *inv, const char *path, const char *role)
{
	struct input_stat *st;

	st = push_input(&inv->sides, &inv->nsides, &inv->capsides, path);
	st->role = role;
	return st;
}

struct input_hash {
	const unsigned char *d;
	size_t		 n;
	unsigned char	*out;
};

static void *
input_hash_main(void *arg)
{
	struct input_hash *h = arg;

	digest_sha256(h->d, h->n, h->out);
	return NULL;
}

/*
 * One input's bytes, read: fingerprinted, loaded, flushed, counted.  With
 * more than one job, an input of 64 KiB or more is fingerprinted in a
 * thread of its own while it is loaded: on the reading thread, hashing
 * the CCADB corpus's 20 MB was a tenth of loading it.  Load only over the
 * corpus (bench/loadonly, 2 cores), 25 runs interleaved with the code
 * before: fastest 0.196 s against 0.210 s (-6.6%), median 0.249 s against
 * 0.262 s (-4.96%); fastest of 7 in a quiet moment 0.144 s against 0.159
 * s (-9%).
 */
#define INPUT_HASH_APART	((size_t)64 << 10)

static int
load_input(struct loader *ld, struct input_stat *st, const char *name,
    const unsigned char *d, size_t n, int strict)
{
	unsigned char	 sha[32];
	struct input_hash h = { d, n, sha };
	pthread_t	 th;
	int		 rc, hashing = 0;

	if (n >= INPUT_HASH_APART && parallel_jobs(ld->jobs) > 1)
		hashing = pthread_create(&th, NULL, input_hash_main, &h) == 0;
	if (!hashing)
		digest_sha256(d, n, sha);
	st->bytes = n;
	rc = load_buffer(ld, st, name, d, n, strict);
	loader_flush(ld);
	if (hashing)
		pthread_join(th, NULL);
	memcpy(st->sha256, sha, sizeof(sha));
	st->read = 1;
	if (st->errors > 0)
		rc = -1;
	if (rc != 0)
		ld->inv->errors++;
	return rc;
}

int
loader_add_buffer(struct loader *ld, const char *name,
    const unsigned char *d, size_t n)
{
	return load_input(ld, new_input(ld->inv, name), name, d, n, 1);
}

static int
add_file(struct loader *ld, const char *path, int strict)
{
	struct inventory *inv = ld->inv;
	struct input_stat *st;

	st = new_input(inv, path);
	/* One buffer for every file: its pages are touched once. */
	if (read_file_buf(ld->run, path, ld->max_input != 0 ? ld->max_input :
	    RUN_MAX_INPUT, &ld->input) != 0) {
		st->errors++;
		inv->errors++;
		return -1;
	}
	progress_add(1);
	return load_input(ld, st, path, (unsigned char *)ld->input.data,
	    ld->input.len, strict);
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Files a user names certificate files; in a directory these must load. */
static int
looks_like_cert_file(const char *name)
{
	static const char *const exts[] = { ".pem", ".crt", ".cer", ".der",
	    ".p7b", ".p7c", ".p7", ".csv" };
	size_t	 i, nl = strlen(name), el;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		el = strlen(exts[i]);
		if (nl > el && strcasecmp(name + nl - el, exts[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * The directories a walk has entered, and those above where it began:
 * symbolic links are followed, so each directory (device and inode) is
 * read once, and a link back up (`up -> ..`) or round (`a -> .`) is a
 * loop, said once and not followed.  Without this two links to "."
 * doubled the walk at every level.
 */
struct visited {
	struct { dev_t dev; ino_t ino; } *v;
	size_t	 n;
};

static int
visit(struct visited *vs, const struct stat *st)
{
	size_t	 i;

	for (i = 0; i < vs->n; i++)
		if (vs->v[i].dev == st->st_dev && vs->v[i].ino == st->st_ino)
			return 0;
	vs->v = xreallocarray(vs->v, vs->n + 1, sizeof(*vs->v));
	vs->v[vs->n].dev = st->st_dev;
	vs->v[vs->n].ino = st->st_ino;
	vs->n++;
	return 1;
}

/* The directories above path, up to "/", as visited already. */
static void
visit_ancestors(struct visited *vs, const char *path)
{
	struct buf	 b = { 0 };
	struct stat	 st;
	int		 i;

	buf_addstr(&b, path);
	for (i = 0; i < 4096; i++) {
		buf_addstr(&b, "/..");
		if (stat(b.data, &st) != 0 || !visit(vs, &st))
			break;
	}
	buf_free(&b);
}

static int
add_dir(struct loader *ld, const char *path, int depth,
    unsigned *found, struct visited *vs)
{
	struct inventory *inv = ld->inv;
	struct dirent	**ents;
	struct stat	 st;
	int		 n, i, rc = 0;

	if (depth > MAX_DEPTH) {
		diag_error(ld->run, path, 0,
		    "directories nested deeper than %d",
		    MAX_DEPTH);
		inv->errors++;
		return -1;
	}
	if ((n = scandir(path, &ents, NULL, name_cmp)) < 0) {
		diag_error(ld->run, path, 0, "cannot read directory: %s",
		    strerror(errno));
		inv->errors++;
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct buf	 b = { 0 };
		char		*child;

		if (ents[i]->d_name[0] == '.') {
			free(ents[i]);
			continue;
		}
		buf_printf(&b, "%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", ents[i]->d_name);
		child = buf_take(&b);
		if (stat(child, &st) == -1) {
			diag_error(ld->run, child, 0, "cannot stat: %s",
			    strerror(errno));
			inv->errors++;
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (!visit(vs, &st))
				diag_warn(ld->run, child, 0,
				    "directory already walked "
				    "(a symbolic link loop, or up the tree): "
				    "not read again");
			else if (add_dir(ld, child, depth + 1, found, vs) != 0)
				rc = -1;
		} else {
			size_t before = inv->ncerts;
			unsigned dups;

			if (add_file(ld, child, S_ISREG(st.st_mode) ?
			    looks_like_cert_file(ents[i]->d_name) : 1) != 0)
				rc = -1;
			/* add_file() filed child as the last input. */
			dups = inv->inputs[inv->ninputs - 1].duplicates;
			*found += (unsigned)(inv->ncerts - before) + dups;
		}
		free(child);
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
loader_add_path(struct loader *ld, const char *path)
{
	struct stat	 st;
	unsigned	 found = 0;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		struct visited	 vs = { 0 };
		int		 rc;

		visit(&vs, &st);
		visit_ancestors(&vs, path);
		rc = add_dir(ld, path, 0, &found, &vs);
		free(vs.v);

		if (found == 0 && rc == 0) {
			diag_error(ld->run, path, 0,
			    "directory holds no certificates");
			ld->inv->errors++;
			return -1;
		}
		return rc;
	}
	return add_file(ld, path, 1);
}
