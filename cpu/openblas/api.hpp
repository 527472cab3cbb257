// OpenBLAS, loaded when the openblas backend first needs it rather than linked into every program:
// loaded, it starts its own threads at once, which then contended with every other backend's
// runs on the cores (on 2 cores, a threads row of dot stalled 8 ms a run in a third of processes
// that never ran openblas). Loaded late, only runs that use it pay, and a machine without it says
// so in its rows. The function types are cblas.h's own.
#pragma once
#include <cblas.h>

#include <string>

namespace flynn::openblas {

struct Api {
  decltype(&::cblas_sgemm) sgemm;
  decltype(&::cblas_dgemm) dgemm;
  decltype(&::openblas_set_num_threads) set_num_threads;
  decltype(&::openblas_get_num_threads) get_num_threads;
  decltype(&::openblas_get_corename) corename;
};

// The library, loaded on the first call; null where it cannot be, with the reason in *why.
const Api* load(std::string* why = nullptr);
// The same, or a RuntimeError with the reason.
const Api& api();
// Whether the library is where the build found it, without loading it (and starting its threads):
// what `flynn list` and a run's plan ask. A library that is there but fails to load says so at
// its first row.
bool present(std::string* why);
// How many threads its calls use: applied now where it is loaded, else when it is.
void set_threads(int threads);
// What was asked for (0: not yet), and the library where it is loaded already (else null).
int threads();
const Api* loaded();

}  // namespace flynn::openblas
