/*
 * The scope engine (scope.c): for each certificate of a linked inventory,
 * each audit kind and one audit period, whether the certificate must be
 * listed in that kind of audit statement, and why.  The rules are CCADB
 * Policy section 5 and Mozilla Root Store Policy 5.3.1; auditscope(1)
 * states them under SCOPE RULES.
 */
#ifndef SCOPE_H
#define SCOPE_H

#include "base/base.h"
#include "inventory/inventory.h"
#include "ccadb/ccadb.h"

/* How purposes map to audit kinds. */
enum scope_rules {
	RULES_MOZILLA,	/* serverAuth alone puts a CA in TLS scope */
	RULES_CCADB	/* the CCADB table read literally: clientAuth too */
};

enum scope_status {
	ST_REQUIRED,
	ST_NOT_CAPABLE,
	ST_TECHNICALLY_CONSTRAINED,
	ST_EXPIRED_BEFORE_PERIOD,
	ST_REVOKED_BEFORE_PERIOD,
	ST_ISSUED_AFTER_PERIOD,
	ST_NO_VALID_PATH,
	ST_EXTERNAL_CROSS,
	ST_NOT_CA,
	ST_EXTERNAL_HIERARCHY,	/* below a key of another CA Owner */
	NSTATUS
};

/*
 * A self-signed key the audited hierarchy cross-certifies that belongs to
 * another CA Owner (CCADB records, or --external): what it signs is that
 * owner's to audit.  owner is borrowed.
 */
struct scope_external {
	unsigned char	 sha256[32];	/* any certificate of the key */
	const char	*owner;
	const char	*compared;	/* the owner names compared, or NULL */
};

struct scope_opts {
	enum scope_rules	 rules;
	struct period		 period;
	unsigned		 kinds;		/* KIND_BIT set to evaluate */
	const unsigned char	(*anchors)[32];	/* NULL: every self-signed CA */
	size_t			 nanchors;
	const struct trust_entry *trust;
	size_t			 ntrust;
	/*
	 * --ev-oid: "OID" for every root, "FP=OID" for one root's key;
	 * "none" for an OID says the root has none (not unknown).
	 */
	char * const		*ev_oids;
	size_t			 nev_oids;
	const struct scope_external *external;
	size_t			 nexternal;
	/*
	 * EV evaluated over roots whose EV OIDs no report can say: an error
	 * (the EV scope is incomplete), or with this set a warning (ccadb,
	 * which evaluates every kind for every record whether asked or not).
	 */
	int			 ev_unknown_warns;
};

struct scope;

/* Evaluates every certificate; free with scope_free().  NULL on error. */
struct scope	*scope_eval(const struct inventory *, const struct scope_opts *);
void		 scope_free(struct scope *);
/* Starts fetching certificate cert's verdicts, for a loop a few on. */
enum scope_status scope_status(const struct scope *, size_t cert,
		    enum audit_kind);
/*
 * Sentences a compliance officer reads, worked out when asked: borrowed
 * from the scope until the next call on it.
 */
const char * const *scope_reasons(const struct scope *, size_t cert,
		    enum audit_kind, size_t *n);
/*
 * Is this reason the same-key hint ("note: same subject and key as ...")?
 * check's text and HTML reports give each twin a line of its own, with
 * whether the statement lists it, and leave the hint out.
 */
int		 scope_reason_is_twin_hint(const char *);
int		 scope_is_anchor(const struct scope *, size_t cert);
/*
 * An anchor's trust as the engine took it: purposes, EV OIDs (joined by
 * ", " into ev, empty when none is known) and where they came from.
 * Borrowed from the scope.  -1 when cert is no anchor.
 */
int		 scope_anchor_trust(const struct scope *, size_t cert,
		    unsigned *purposes, const char **ev, const char **source);
/*
 * The anchor's EV policy OIDs: 1 known (*n may be 0: none), 0 unknown
 * (no report with an EV OID column, no --ev-oid: taken as 2.23.140.1.1),
 * -1 when cert is no anchor.
 */
int		 scope_anchor_ev(const struct scope *, size_t cert,
		    const char * const **oids, size_t *n);
const char	*status_name(enum scope_status);	/* "not_capable" */
const char	*rules_name(enum scope_rules);
const char	*scope_tc_rule(void);	/* the constraint variant in force */

/* Option parsers, reporting their own errors: 0 ok, -1 bad. */
int	 trust_parse(const char *arg, struct trust_entry **, size_t *);
int	 revoked_load(struct inventory *, const char *path);
int	 purposes_parse(const char *, unsigned *);
/*
 * --ev-oid [FP=]OID: 1 with the fingerprint in sha, 0 for every root, -1
 * when malformed; *oid points into arg ("none", or a dotted OID).
 */
int	 ev_oid_split(const char *arg, unsigned char sha[32], const char **oid);

/*
 * What the scope engine is handed: the audited roots (--anchor, and with
 * --store the roots that store includes) and their trust bits (--trust,
 * then the store's).  so points into the setup; period and kinds are
 * the command's to set.  Input errors (an anchor not in the inventory)
 * are counted in inv->errors.  Filled by the commands' scope_setup()
 * (cmd/cli.h); free with scope_setup_free().
 */
struct scope_setup {
	struct scope_opts	 so;
	unsigned char		(*anchors)[32];
	char			**anchor_src;	/* "-a FILE", "--owner NAME" */
	size_t			 nanchors;
	struct trust_entry	*trust;
	size_t			 ntrust;
	struct scope_external	*ext;
	size_t			 next;
	char			**strs;		/* the trust sources */
	size_t			 nstrs;
	int			 usage;	/* an --anchor that names no one */
};

#endif
