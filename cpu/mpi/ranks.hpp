// The ranks of an MPI job as the mpi backend sees them. A process that a launcher (mpirun, srun)
// started initialises MPI first thing in main. A process started alone is one rank and makes no
// MPI call at all: every collective below is then trivial, and nothing waits on a daemon.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/partition.hpp"

namespace flynn::mpi {

// Whether a launcher started this process as one rank of a job (it says so in the environment).
bool launched();
// Initialises MPI where launched(); nothing otherwise. Once.
void start();
// Ends MPI where start() began it.
void finish();

int rank();
int size();
int ranks_on_this_host();  // this rank's included
int host_count();          // hosts (shared-memory nodes) the job spans
// The MPI library and its version (MPI may be asked before it is initialised).
std::string library();

// This rank's part of [0, n): contiguous, 64-bit, the split threads use (whole granules, so each
// part starts on a cache line and vector loops start aligned). Empty where n < size().
Range own_part(std::size_t n);
std::vector<Range> every_part(std::size_t n);
// A ChunkRunner (common/problem.hpp) that runs body on this rank's part only: how a rank fills its
// copy of a problem and its half of a copy probe, touching no page of any other rank's part.
void on_own_part(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body);

void barrier();
// This rank's clock around `work`, from a barrier before it to a barrier after it: the time from
// when every rank may start until the last is done. Timed only around its own work, a rank that
// takes turns on a core with others would see only its own turn.
double between_barriers(const std::function<void()>& work);
double sum(double v);                    // of every rank's v, on every rank (MPI_Allreduce)
double slowest(double seconds);          // the largest, on every rank (MPI_Allreduce with MPI_MAX)
double slowest_at_root(double seconds);  // the largest, on rank 0 only (MPI_Reduce with MPI_MAX)
// Every rank's `bytes` at `data` combined by merge(into, from) (associative; commutative unless
// `ordered`, when `into` holds lower ranks' and `from` higher ones'), by an operation of MPI's
// user-defined kind. The datatype and the operation are made once, before any timing, and freed
// with the object.
class Combiner {
 public:
  using Merge = std::function<void(std::byte* into, const std::byte* from)>;
  Combiner(std::size_t bytes, Merge merge, bool ordered = false);
  ~Combiner();
  Combiner(const Combiner&) = delete;
  Combiner& operator=(const Combiner&) = delete;
  // All ranks' combined, in rank 0's `data` (MPI_Reduce).
  void combine_at_root(std::byte* data);
  // Each rank's `data` replaced by the combination of every lower rank's, in rank order
  // (MPI_Exscan): a scan's carries. Rank 0's is left as it was, for the caller to set.
  void combine_lower_ranks(std::byte* data);

 private:
  struct Handles;  // MPI's datatype and operation (ranks.cpp: this header names no MPI type)
  std::unique_ptr<Handles> handles_;
  Merge merge_;
};
// Every rank's parts[rank] of an array of `unit`-byte items, to every rank (MPI_Allgatherv in place).
void share_parts(void* data, std::size_t unit, const std::vector<Range>& parts);
// Every rank's `halo` items either side of its parts[rank] (those that exist), from the ranks
// whose parts hold them (MPI_Isend and MPI_Irecv, then MPI_Waitall): a stencil's neighbour rows.
void share_halos(void* data, std::size_t unit, const std::vector<Range>& parts, std::size_t halo);
// Point to point, any size: sent in pieces of at most 1 GiB, since MPI counts are ints.
void send(int to, const void* data, std::size_t bytes, int tag);
void receive(int from, void* data, std::size_t bytes, int tag);

// After a step that may have failed on some ranks: every rank learns whether any did. Rank 0
// throws the first failed rank's message (prefixed with its rank); any other rank that failed throws
// its own, for its serving loop to drop what it held. `error` is empty where this rank succeeded.
void settle(const std::string& error);

// The serving ranks' orders, from rank 0 to every other rank: `post` on rank 0, `await` on the
// others. A rank waiting for an order sleeps between polls, so that a rank with nothing to do
// leaves its core to rank 0's other backends (threads' second thread); `eager` (while a row of
// its own runs, whose orders follow each other closely) polls without sleeping for a moment first.
void post(const void* order, std::size_t bytes);
void await(void* order, std::size_t bytes, bool eager);

}  // namespace flynn::mpi
