#include "arena.h"

#include <stdlib.h>
#include <string.h>

/* Blocks grow geometrically up to 1 MiB, so a small document costs little
 * and a million-person one makes a few hundred mallocs. */
#define ARENA_MIN_BLOCK 4096
#define ARENA_MAX_BLOCK (1u << 20)

struct block {
	struct block *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

struct arena {
	struct block *head;
	size_t next_size;
	size_t used;
};

arena *arena_new(void)
{
	arena *a = calloc(1, sizeof(*a));
	if (a)
		a->next_size = ARENA_MIN_BLOCK;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *arena_alloc(arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	struct block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t bsize = a->next_size;
		if (bsize < size)
			bsize = size;
		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		if (a->next_size < ARENA_MAX_BLOCK)
			a->next_size *= 2;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	a->used += size;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const arena *a)
{
	return a->used;
}
