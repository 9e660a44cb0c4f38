/* xmlbuf.c - see xmlbuf.h. */
#include "xmlbuf.h"

#include <stdlib.h>
#include <string.h>

#include "relmap/diag.h"

int xmlbuf_take(char **out, size_t *out_len, xmlBufferPtr xb)
{
	size_t len = (size_t)xmlBufferLength(xb);
	char *buf = malloc(len + 1);
	if (!buf)
		return RELMAP_ENOMEM;
	memcpy(buf, xmlBufferContent(xb), len);
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return 0;
}
