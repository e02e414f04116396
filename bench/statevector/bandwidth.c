/* Two-thread in-place bandwidth: a[i] *= s over 1 GiB (2^27 doubles, the size of a 26-qubit state), the
 * access pattern of a single-qubit gate. Prints the best of 5 passes in GB/s, counting read + write. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    const long n = 1L << 27;
    double *a = malloc(n * sizeof(double));
    if (!a) return 1;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) a[i] = 1.0;
    double best = 1e30;
    for (int rep = 0; rep < 5; rep++) {
        double t = omp_get_wtime();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++) a[i] *= 0.999999;
        t = omp_get_wtime() - t;
        if (t < best) best = t;
    }
    printf("%.2f GB/s (checksum %.3f)\n", 2.0 * n * sizeof(double) / best / 1e9, a[n / 2]);
    free(a);
    return 0;
}
