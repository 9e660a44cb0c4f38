/* idmap.c - interning of id strings (see idmap.h). */
#define _POSIX_C_SOURCE 200809L
#include "idmap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vec.h"

#define IDMAP_MIN_SLOTS 64
/* Slots come in pairs per cache line. */
#define IDMAP_ALIGN 64

static uint64_t fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

void idmap_init(idmap *m)
{
	memset(m, 0, sizeof(*m));
	struct timespec ts = { 0, 0 };
	clock_gettime(CLOCK_MONOTONIC, &ts);
	m->seed = fmix64((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^
			 (uint64_t)(uintptr_t)m);
}

void idmap_free(idmap *m)
{
	free(m->slots);
	free(m->keys);
	uint64_t seed = m->seed;
	memset(m, 0, sizeof(*m));
	m->seed = seed;
}

/* Eight bytes at a time with a multiply-xorshift step, then a full
 * avalanche; ids are short, so this costs a few nanoseconds. */
uint32_t idmap_hash(const idmap *m, const char *s, size_t len)
{
	uint64_t h = m->seed ^ (len * 0x9e3779b97f4a7c15ULL);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
		s += 8;
		len -= 8;
	}
	uint64_t w = 0;
	for (size_t i = 0; i < len; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = fmix64(h ^ w);
	return (uint32_t)(h ^ (h >> 32));
}

/* A key as slots hold it inline: its first IDMAP_INLINE bytes, padded
 * with NULs (keys hold none, so equal padded keys of length below
 * IDMAP_INLINE are equal keys). */
typedef struct inline_key {
	uint64_t w[IDMAP_INLINE / 8];
} inline_key;

static void make_inline(inline_key *k, const char *key, size_t len)
{
	unsigned char b[IDMAP_INLINE] = { 0 };
	size_t n = len < IDMAP_INLINE ? len : IDMAP_INLINE;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)key[i];
	memcpy(k, b, sizeof(b));
}

static int slot_matches(const idmap *m, const idmap_slot *s,
			const inline_key *k, const char *key, size_t len,
			uint32_t hash)
{
	if (s->hash != hash)
		return 0;
	uint64_t w[IDMAP_INLINE / 8];
	memcpy(w, s->key, sizeof(w));
	for (size_t i = 0; i < IDMAP_INLINE / 8; i++)
		if (w[i] != k->w[i])
			return 0;
	if (len < IDMAP_INLINE)
		return 1;
	const char *full = m->keys[s->ref - 1];
	return memcmp(full, key, len) == 0 && full[len] == '\0';
}

static int resize(idmap *m, size_t n)
{
	if (n > SIZE_MAX / sizeof(idmap_slot) || n - 1 > UINT32_MAX)
		return -1;
	idmap_slot *slots = aligned_alloc(IDMAP_ALIGN, n * sizeof(*slots));
	if (!slots)
		return -1;
	memset(slots, 0, n * sizeof(*slots));
	size_t mask = n - 1;
	for (size_t i = 0; m->slots && i <= m->mask; i++) {
		if (!m->slots[i].ref)
			continue;
		size_t j = m->slots[i].hash & mask;
		while (slots[j].ref)
			j = (j + 1) & mask;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->mask = mask;
	return 0;
}

int idmap_reserve(idmap *m, size_t extra)
{
	if (extra > SIZE_MAX / 4 - m->count)
		return -1;
	if (vec_reserve(&m->keys, &m->keys_cap, m->count + extra,
			sizeof(*m->keys)))
		return -1;
	size_t need = (m->count + extra) * 2;
	size_t n = m->slots ? m->mask + 1 : 0;
	if (n >= need)
		return 0;
	if (!n)
		n = IDMAP_MIN_SLOTS;
	while (n < need)
		n *= 2;
	return resize(m, n);
}

idmap_slot *idmap_find(const idmap *m, const char *key, size_t len,
		       uint32_t hash)
{
	if (!m->slots)
		return NULL;
	inline_key k;
	make_inline(&k, key, len);
	for (size_t i = hash & m->mask;; i = (i + 1) & m->mask) {
		idmap_slot *s = &m->slots[i];
		if (!s->ref)
			return NULL;
		if (slot_matches(m, s, &k, key, len, hash))
			return s;
	}
}

idmap_slot *idmap_intern(idmap *m, arena *a, const char *key, size_t len,
			 uint32_t hash)
{
	if (m->count >= INT32_MAX - 1)
		return NULL;
	if ((!m->slots || (m->count + 1) * 2 > m->mask + 1 ||
	     m->count >= m->keys_cap) && idmap_reserve(m, 1))
		return NULL;
	inline_key k;
	make_inline(&k, key, len);
	size_t i = hash & m->mask;
	for (;; i = (i + 1) & m->mask) {
		idmap_slot *s = &m->slots[i];
		if (!s->ref)
			break;
		if (slot_matches(m, s, &k, key, len, hash))
			return s;
	}
	char *copy = arena_strndup(a, key, len);
	if (!copy)
		return NULL;
	idmap_slot *s = &m->slots[i];
	s->hash = hash;
	s->ref = (uint32_t)(m->count + 1);
	s->index = -1;
	s->kind = 0;
	memcpy(s->key, &k, IDMAP_INLINE);
	m->keys[m->count++] = copy;
	return s;
}
