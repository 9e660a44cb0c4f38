/* show.c - a user's value fit for a diagnostic (see show.h). */
#include "show.h"

#include <string.h>

const char *show(char out[SHOW_BUF], const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = len, o = 0;
	if (n > SHOW_MAX) {
		n = SHOW_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\t' || c == '\r' || c == '\\') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' :
				   c == '\r' ? 'r' : '\\';
		} else if (c < 0x20 || c == 0x7f) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	if (n < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

const char *show_str(char out[SHOW_BUF], const char *s)
{
	return show(out, s ? s : "", s ? strlen(s) : 0);
}
