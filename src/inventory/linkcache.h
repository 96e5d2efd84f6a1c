/*
 * Cache of verified issuer links (linkcache.c), used by hierarchy.c.
 * linkcache_open returns NULL when no cache directory can be named;
 * every other function accepts NULL and does nothing.
 */
#ifndef LINKCACHE_H
#define LINKCACHE_H

struct linkcache;
struct run;

/* run or dir NULL, dir "": none; warnings go to the run (borrowed). */
struct linkcache *linkcache_open(struct run *, const char *dir);
int	 linkcache_get(const struct linkcache *, const unsigned char child[32],
	    const unsigned char key[32], int *ok);	/* 1: hit */
void	 linkcache_put(struct linkcache *, const unsigned char child[32],
	    const unsigned char key[32], int ok);
int	 linkcache_save(struct linkcache *);
void	 linkcache_free(struct linkcache *);

#endif
