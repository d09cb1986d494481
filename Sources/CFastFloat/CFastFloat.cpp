// The one C entry point into fast_float (see include/CFastFloat.h).
#include "CFastFloat.h"

#include <fast_float/fast_float.h>

extern "C" int fair_parse_double(const char *first, size_t count, double *value) {
    const char *last = first + count;
    fast_float::from_chars_result result = fast_float::from_chars(first, last, *value);
    return result.ec == std::errc() && result.ptr == last ? 1 : 0;
}
