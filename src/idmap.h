/*
 * idmap.h - interning of id strings for the loaders.
 *
 * An open-addressing hash table (linear probing, load factor <= 1/2) from
 * each distinct id of one account to a slot holding the caller's record
 * kind and index, and to a stable entry number (`sym`) that survives
 * rehashing.  A loader stores a reference as its record index when the
 * record is already known, or as the sym of a still undefined id to be
 * resolved at the end of the account.
 *
 * Large accounts make every lookup a cache miss, so a slot is 32 bytes
 * holding ids shorter than 16 bytes in full: a lookup then touches one
 * cache line, and callers can prefetch it (idmap_hash, idmap_prefetch)
 * while they parse other attributes.  Longer ids are compared through
 * their copy in the arena.  Keys must not contain NUL bytes (XML
 * attribute values cannot).
 *
 * The hash is seeded per map, so crafted ids cannot be made to collide in
 * advance; nothing observable depends on the seed, since the map is never
 * iterated in hash order.
 */
#ifndef RELMAP_IDMAP_H
#define RELMAP_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define IDMAP_INLINE 16

typedef struct idmap_slot {
	uint32_t hash;
	uint32_t ref;  /* sym + 1; 0 = empty slot */
	int32_t index; /* the caller's: -1 until set */
	int32_t kind;  /* the caller's: 0 until set */
	char key[IDMAP_INLINE]; /* the key NUL-padded, or its first bytes */
} idmap_slot;

typedef struct idmap {
	idmap_slot *slots;
	size_t mask;        /* slot count - 1, a power of two minus one */
	const char **keys;  /* by sym: the key's copy in the arena */
	size_t count;
	size_t keys_cap;
	uint64_t seed;
} idmap;

/* An empty map; allocates nothing until the first intern. */
void idmap_init(idmap *m);
/* Release the map's memory (not the keys: they belong to the arena) and
 * leave it empty and reusable. */
void idmap_free(idmap *m);

/* Make room for `extra` more keys, so that the next `extra` interns move
 * no slot.  0, or -1 when out of memory. */
int idmap_reserve(idmap *m, size_t extra);

uint32_t idmap_hash(const idmap *m, const char *key, size_t len);

/* Start loading the slot where a key with this hash would be. */
static inline void idmap_prefetch(const idmap *m, uint32_t hash)
{
#if defined(__GNUC__)
	if (m->slots)
		__builtin_prefetch(&m->slots[hash & m->mask]);
#else
	(void)m;
	(void)hash;
#endif
}

/* The slot of `key` (len bytes, `hash` from idmap_hash), adding one with
 * kind 0 and index -1 (the key copied into `a`) when the key is new.
 * NULL when out of memory or past INT32_MAX keys.  The pointer is valid
 * until an intern that adds beyond what idmap_reserve made room for. */
idmap_slot *idmap_intern(idmap *m, arena *a, const char *key, size_t len,
			 uint32_t hash);

/* The slot of `key`, or NULL when absent. */
idmap_slot *idmap_find(const idmap *m, const char *key, size_t len,
		       uint32_t hash);

/* A slot's entry number, stable for the life of the map. */
static inline int32_t idmap_sym(const idmap_slot *s)
{
	return (int32_t)(s->ref - 1);
}

/* The key with entry number `sym`. */
static inline const char *idmap_key(const idmap *m, int32_t sym)
{
	return m->keys[sym];
}

#endif
