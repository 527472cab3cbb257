// One rank's part of a run. The problem is the one rank 0 made: rank 0's own, or made again on
// another rank from its recipe with only this rank's part of each array touched (the values depend
// only on the seed and the index, so they agree). The rank runs the best SIMD kernel on its own
// part; what is written comes back to rank 0 for verification.
#pragma once
#include <memory>
#include <optional>

#include "common/cache_eviction.hpp"
#include "common/partition.hpp"

#include "common/range_execution.hpp"
#include "cpu/mpi/order.hpp"
#include "cpu/mpi/ranks.hpp"

namespace flynn::mpi {

class RankPart {
 public:
  // Rank 0: the driver's problem, already made and poisoned.
  RankPart(Problem& problem, std::string_view kernel);
  // Any other rank: makes the problem the `open` order describes. Throws what making it throws.
  explicit RankPart(const Order& open);

  // Every rank at once: `times` runs, each between two barriers; the seconds of the rank whose clock
  // read the most (on rank 0).
  double run(std::size_t times);
  // Every rank at once: the parts each rank wrote, to rank 0's problem.
  void gather();
  // This rank's in-place arrays back to their start values (rank 0's are reset by measure()).
  void reset();
  // This rank's part of every output poisoned (rank 0's are poisoned by measure()).
  void poison();
  void evict_caches();

 private:
  void check_split() const;
  void make_combiner();
  void carry_across_ranks();

  std::unique_ptr<Problem> owned_;
  Problem& problem_;
  RangeFn fn_ = nullptr;
  Range own_;
  WorkerMemory partials_;             // the rank is one worker; ranks combine theirs at rank 0
  std::optional<Combiner> combiner_;  // for a kernel with partial answers
  std::optional<CacheEvictor> evictor_;
};

}  // namespace flynn::mpi
