/*
 * limits.c - setting the loaders' size and count limits by name
 * (relmap_limits, docs/limits.md).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relmap/load.h"

int relmap_limits_set(relmap_limits *limits, const char *name_eq_value)
{
	static const struct {
		const char *name;
		size_t offset;
	} names[] = {
		{ "max_bytes", offsetof(relmap_limits, max_bytes) },
		{ "max_accounts", offsetof(relmap_limits, max_accounts) },
		{ "max_persons", offsetof(relmap_limits, max_persons) },
		{ "max_edges", offsetof(relmap_limits, max_edges) },
		{ "max_text", offsetof(relmap_limits, max_text) },
		{ "max_columns", offsetof(relmap_limits, max_columns) },
	};
	if (!limits || !name_eq_value)
		return RELMAP_EUSAGE;
	const char *eq = strchr(name_eq_value, '=');
	if (!eq)
		return RELMAP_EUSAGE;
	size_t n = (size_t)(eq - name_eq_value);
	const char *v = eq + 1;
	/* Digits only: strtoull would take "-1" and blanks. */
	if (!*v || strspn(v, "0123456789") != strlen(v))
		return RELMAP_EUSAGE;
	errno = 0;
	unsigned long long x = strtoull(v, NULL, 10);
	if (errno || x > SIZE_MAX)
		return RELMAP_EUSAGE;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i].name) == n &&
		    memcmp(names[i].name, name_eq_value, n) == 0) {
			*(size_t *)((char *)limits + names[i].offset) = (size_t)x;
			return 0;
		}
	}
	return RELMAP_EUSAGE;
}
