// OpenBLAS's CBLAS header (Debian: libopenblas-dev). It also declares
// openblas_set_num_threads / openblas_get_num_threads, which FairNet uses to pin BLAS threads.
#include <cblas.h>
