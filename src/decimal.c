/* decimal.c - strict parsing of decimal numbers (see decimal.h). */
#define _POSIX_C_SOURCE 200809L
#include "decimal.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* strtod under the C locale, so '.' is the decimal point whatever the
 * program set; only reached for numbers the fast path cannot do. */
static int slow_parse(double *out, const char *s, size_t len)
{
	char small[64];
	char *buf = len < sizeof(small) ? small : malloc(len + 1);
	if (!buf)
		return -2;
	memcpy(buf, s, len);
	buf[len] = '\0';
	int rc = 0;
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!c) {
		rc = -2;
		goto out;
	}
	locale_t old = uselocale(c);
	*out = strtod(buf, NULL);
	uselocale(old);
	freelocale(c);
out:
	if (buf != small)
		free(buf);
	return rc;
}

int decimal_parse(double *out, const char *s, size_t len)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
		1e22,
	};
	while (len && is_blank((unsigned char)*s))
		s++, len--;
	while (len && is_blank((unsigned char)s[len - 1]))
		len--;

	size_t i = 0, digits = 0, sig = 0;
	int neg = 0;
	uint64_t mant = 0;
	long exp10 = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < len && is_digit((unsigned char)s[i]); i++, digits++) {
		if (sig || s[i] != '0') {
			if (sig < 19)
				mant = mant * 10 + (uint64_t)(s[i] - '0');
			else
				exp10++;
			sig++;
		}
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit((unsigned char)s[i]); i++, digits++) {
			if (sig || s[i] != '0') {
				if (sig < 19) {
					mant = mant * 10 + (uint64_t)(s[i] - '0');
					exp10--;
				}
				sig++;
			} else {
				exp10--;
			}
		}
	}
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		int eneg = 0;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		size_t edigits = 0;
		long e = 0;
		for (; i < len && is_digit((unsigned char)s[i]); i++, edigits++)
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		if (edigits == 0)
			return -1;
		exp10 += eneg ? -e : e;
	}
	if (i != len)
		return -1;

	double v;
	if (mant == 0) {
		v = 0;
	} else if (sig <= 15 && exp10 >= -22 && exp10 <= 22) {
		/* Both operands are exact doubles, so one multiplication or
		 * division rounds correctly (Clinger's fast path). */
		v = (double)mant;
		v = exp10 < 0 ? v / pow10[-exp10] : v * pow10[exp10];
	} else {
		int rc = slow_parse(&v, s, len);
		if (rc)
			return rc;
		v = fabs(v);
	}
	if (!isfinite(v))
		return -1;
	*out = neg ? -v : v;
	return 0;
}
