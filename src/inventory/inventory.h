/*
 * The inventory (src/inventory): every certificate of every input, once,
 * indexed by SHA-256 (inventory.c), filled by a loader that walks the
 * inputs (walk.c), reads them (load.c) and decodes on threads
 * (inventory.c), its hierarchy confirmed by signature (hierarchy.c, with
 * the link cache, linkcache.c).
 *
 * Ownership: inventory_new() returns an inventory freed with
 * inventory_free(), which frees its certificates; a loader borrows it
 * while it loads; pointers into it are borrowed.
 */
#ifndef INVENTORY_H
#define INVENTORY_H

#include "cert/cert.h"

/* Statistics of one input, for reports. */
struct input_stat {
	char		*path;
	unsigned char	 sha256[32];	/* of the bytes read (provenance) */
	size_t		 bytes;
	int		 read;		/* sha256 and bytes are set */
	unsigned	 certificates;	/* in the inventory (after --owner) */
	unsigned	 duplicates;
	unsigned	 set_aside;	/* read, then set aside by --owner */
	unsigned	 dup_set_aside;	/* of the duplicates, as many */
	unsigned	 skipped;
	unsigned	 errors;
	const char	*format;	/* "pem", "der", "pkcs7", "ccadb-csv" ... */
	const char	*role;		/* sides: "revoked", "external" */
	/* CCADB reports: which one, data rows, rows with record fields. */
	const char	*report;	/* "ccadb-records-v5" ..., or NULL */
	unsigned	 rows;
	unsigned	 records;
	/* The newest certificate notBefore read from it; 0: none. */
	astime		 newest;
};

/* Same subject and public key: one CA key behind several certificates. */
struct keygroup {
	size_t		*members;	/* in h->group_members */
	size_t		 nmembers;
};

/* One certificate's links (hierarchy.c): indices into the inventory. */
struct hnode {
	size_t		*parents;	/* in h->links */
	size_t		 nparents;
	size_t		*children;
	size_t		 nchildren;
	size_t		 group;		/* same subject + key: one CA key */
	/*
	 * Self-issued and verifies with its own key, or its algorithm
	 * cannot be checked: a signature check, not a decoded field.
	 */
	int		 self_signed;
};

/*
 * A certificate's revocation, by certificate index: from CCADB records
 * (ccadb_revocations()) and --revoked FILEs, not from the certificate.
 * Built once the inventory is sorted and filtered (load_inventory()).
 */
struct revocation {
	int		 revoked;
	astime		 at;		/* 0: date unknown */
};

/*
 * The hierarchy of an inventory, built by hierarchy_build(): every
 * certificate's issuers and subordinates, confirmed by signature, and its
 * key group, by certificate index.  Owned by the caller (contents freed
 * with hierarchy_free()); valid while the inventory is not re-sorted.
 */
struct hierarchy {
	struct hnode	*node;		/* by certificate index */
	size_t		 nnodes;
	struct keygroup	*groups;
	size_t		 ngroups;
	size_t		*group_members;	/* every group's members, one block */
	size_t		*links;		/* every parents and children list */
	unsigned long	 links_verified;
	unsigned long	 links_rejected;
	unsigned long	 links_checked;	/* signatures verified this run */
};

struct inventory;

/*
 * A format a loader's caller adds to its own (PEM, DER, PKCS#7): sniff
 * says whether bytes are in it (asked before PEM), load reads them into
 * the loader's inventory, and what else they hold into ctx, the caller's.
 * The CCADB reports are one (ccadb/ccadb.h: each struct ccadb_db's
 * reader, its records the ctx), handed in by the setup stage, so that the
 * inventory knows no CSV and never calls up into the CCADB stage.
 */
struct loader;
struct inventory_reader {
	const char	*format;	/* input_stat's: "ccadb-csv" */
	int		(*sniff)(const unsigned char *, size_t);
	int		(*load)(void *ctx, struct loader *,
			    struct input_stat *, const char *name,
			    const unsigned char *, size_t);
	void		*ctx;		/* borrowed */
};

/*
 * The store: every certificate read, once, with its sources; the
 * statistics of every input (for provenance); the index by fingerprint.
 * The certificates and their DER live in the arena until the inventory
 * goes.  Filled by a loader; read by every stage above.
 */
struct inventory {
	struct cert	**certs;
	size_t		 ncerts;
	size_t		 capcerts;
	struct input_stat *inputs;
	size_t		 ninputs;
	size_t		 capinputs;
	/*
	 * Files read for something other than certificates to check, for
	 * provenance: --revoked (records: its entries) and --external
	 * (certificates); role says which.
	 */
	struct input_stat *sides;
	size_t		 nsides;
	size_t		 capsides;
	struct fpindex	 index;		/* sha256 -> index in certs */
	unsigned	 errors;	/* inputs that failed */
	struct arena	*arena;		/* DER and certificates */
};

/*
 * A loading phase: reads inputs into an inventory (walk.c, load.c, and
 * the reader the setup stage adds), files each certificate and decodes
 * it on threads while the reader goes on (inventory.c).  loader_new() to
 * loader_free(); once freed every certificate read is decoded, or was
 * reported and left out, and the inventory alone is what was read.
 * Opaque: its parts (input buffer, limits, reader, decoder) are the
 * inventory stage's (inventory/load.h).
 */
struct loader;

/* Inventory (inventory.c; inventory_add_side(): walk.c). */
struct inventory *inventory_new(void);
void	 inventory_free(struct inventory *);
/* A new entry in inv->sides (zeroed, path copied). */
struct input_stat *inventory_add_side(struct inventory *, const char *path,
	    const char *role);
long	 inventory_find(const struct inventory *, const unsigned char sha[32]);

/*
 * Loading (inventory.c, walk.c, load.c).  Diagnostics go to the run
 * (borrowed), whose size limit (max_input) and decoding threads (jobs)
 * the loader takes.
 */
struct loader *loader_new(struct run *, struct inventory *);
/* Sets the one format beside PEM, DER and PKCS#7 (struct inventory_reader). */
void	 loader_add_reader(struct loader *, const struct inventory_reader *);
/* The inventory it fills (for a reader: what is in it so far). */
struct inventory *loader_inventory(const struct loader *);
/* The run its diagnostics go to (for a reader). */
struct run *loader_run(const struct loader *);
/*
 * Flushes, stops the decoding threads, frees the loader, not its
 * inventory.  An input with errors makes the run incomplete (RUN_INPUTS)
 * here, so that no command has to remember to.
 */
void	 loader_free(struct loader *);
/* Walks files, directories (sorted) and "-".  Returns -1 on any error. */
int	 loader_add_path(struct loader *, const char *path);
/* Loads one buffer of any supported format; name is for messages. */
int	 loader_add_buffer(struct loader *, const char *name,
	    const unsigned char *, size_t);
/* Adds DER; merges duplicates.  Returns the index, or -1. */
long	 loader_add_der(struct loader *, struct input_stat *,
	    const unsigned char *, size_t, long line);
/* The same with its SHA-256 known. */
long	 loader_add_der_hashed(struct loader *, struct input_stat *,
	    const unsigned char *der, size_t, long line,
	    const unsigned char sha[32]);
/*
 * loader_add_der() only fingerprints and files a certificate; its
 * decoding waits for loader_flush(), which waits for every pending
 * certificate to be decoded and then reports, in the order they were
 * added, those that failed (they leave the inventory, counted in their
 * input's errors).  For the readers an input is handed to (load.c, a
 * struct inventory_reader): every input is flushed before
 * loader_add_path() or loader_add_buffer() returns, which counts an input
 * with errors in the inventory's.
 */
void	 loader_flush(struct loader *);
/*
 * Sorts certificates by subject then fingerprint; call before linking.
 * The fingerprint index follows the certificates (fpindex_renumber()):
 * it must be right on entry, as the loader and inventory_keep() leave it.
 */
void	 inventory_sort(struct inventory *);

/* Hierarchy (hierarchy.c). */
/*
 * The run gives the verification threads (jobs) and the link cache's
 * directory, and takes the cache's warnings; NULL: one thread per core
 * and no cache.
 */
struct hier_opts {
	struct run	*run;
	int		 use_cache;
};
/*
 * Links the inventory's certificates into h (its old contents freed):
 * call after inventory_sort().  Sets each node's self_signed.
 */
int	 hierarchy_build(struct hierarchy *h, struct inventory *,
	    const struct hier_opts *);
void	 hierarchy_free(struct hierarchy *);	/* its contents; zeroed */
/*
 * Keeps the certificates whose keep[i] is set, with their nodes, links
 * and key groups renumbered, and frees the others, each handed to
 * dropped(ctx, cert) first; the inventory is re-sorted (its order was
 * canonical and stays so) and each input counts what it lost as
 * set_aside.  Returns the number kept.  For filters above the inventory
 * (--owner), which decide what to keep and never edit the store.  Any
 * other array indexed by certificate is stale after it: build such arrays
 * (revocation) after the filters.
 */
size_t	 inventory_keep(struct inventory *, struct hierarchy *,
	    const unsigned char *keep,
	    void (*dropped)(void *, const struct cert *), void *ctx);
/* Certificate i is a root: self-signed, and a CA. */
static inline int
hier_is_root(const struct hierarchy *h, const struct inventory *inv,
    size_t i)
{
	return h->node[i].self_signed && inv->certs[i]->ca;
}

#endif /* INVENTORY_H */
