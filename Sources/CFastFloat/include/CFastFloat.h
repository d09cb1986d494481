/* fast_float (Lemire et al., Debian libfast-float-dev; header-only C++) behind one C function,
 * so that Swift can call it: FairData's DecimalParser checks the syntax, this does the
 * correctly rounded conversion (Eisel-Lemire, with a big-decimal fallback for hard cases). */
#ifndef FAIR_CFASTFLOAT_H
#define FAIR_CFASTFLOAT_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Converts the `count` bytes at `first` (a decimal number without a leading '+', syntax
 * already checked by the caller) to the nearest double, ties to even. Returns 1 and sets
 * *value when all `count` bytes were consumed, else 0. Overflow gives an infinite *value;
 * values below the smallest subnormal give a signed zero. Locale-independent. */
int fair_parse_double(const char *first, size_t count, double *value);

#ifdef __cplusplus
}
#endif
#endif
