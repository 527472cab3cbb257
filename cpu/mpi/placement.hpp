// Where rank 0's threads run. mpirun binds each rank to a core of its own (Open MPI does for two
// ranks or fewer), which is right for the mpi backend's ranks. Rank 0 also runs the driver and
// every other backend, though, and `threads` on one core would be no MIMD at all. So rank 0 takes
// back every CPU the job may use on its host, and goes back to its own core only while it works as
// a rank.
#pragma once
#include <sched.h>

namespace flynn::mpi {

// On rank 0 under a launcher that bound it to fewer CPUs than it may use: starts this program
// again in the same process (exec), on every allowed CPU, with the launcher's binding kept in the
// environment for OnOwnCpus. Exec, not a change of binding in place: the OpenMP runtime sizes its
// team, and decides whether its idle threads spin or sleep, from the binding it finds when it
// loads, before main (a sleeping team costs tens of microseconds per parallel region). Call before
// MPI starts and before any thread does; returns where there is nothing to do (or exec failed).
void widen_for_the_driver();

// While alive, the calling thread runs on the CPUs the launcher gave this rank; where nothing was
// widened, it changes nothing.
class OnOwnCpus {
 public:
  OnOwnCpus();
  ~OnOwnCpus();
  OnOwnCpus(const OnOwnCpus&) = delete;
  OnOwnCpus& operator=(const OnOwnCpus&) = delete;

 private:
  cpu_set_t before_;
  bool moved_ = false;
};

}  // namespace flynn::mpi
