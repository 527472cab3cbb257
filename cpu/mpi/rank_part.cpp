#include "cpu/mpi/rank_part.hpp"

#include <fmt/format.h>

#include <cstring>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "common/machine.hpp"
#include "cpu/mpi/ranks.hpp"
#include "simd/simd_table.hpp"

namespace flynn::mpi {
namespace {

RangeFn best_kernel(std::string_view kernel, Precision p) {
  const auto fns = simd::best_kernel(kernel);
  if (!fns || !fns->get(p)) throw RuntimeError("no SIMD kernel " + std::string(kernel) + " on this rank's CPU");
  return fns->get(p);
}

// Where part `r` of array `b` lies, for a problem of `n` indices: whole indices' bytes.
std::pair<char*, std::size_t> bytes_of(const BufferRef& b, std::size_t n, Range r) {
  const std::size_t unit = b.bytes / n;
  return {static_cast<char*>(b.data) + r.begin * unit, (r.end - r.begin) * unit};
}

// Another rank's copy of the problem: only this rank's part of each array is ever touched. The
// part filled is the rank's share of the indices the spec fills over, and the part shared out
// later is its share of the problem's extent: a spec that fills over any other count (a grid's
// columns where its extent is its rows) would share values it never made.
std::unique_ptr<Problem> make_part(const Order& o) {
  const KernelSpec* spec = registry().find_kernel(o.kernel);
  if (!spec) throw RuntimeError("no kernel '" + std::string(o.kernel) + "' in this rank's program");
  simd::configure(RunSettings{.threads = 1, .streaming = o.streaming});
  std::vector<std::size_t> filled_over;
  auto problem = spec->make_problem(o.size(), o.precision, o.seed,
                                    [&](std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
                                      filled_over.push_back(n);
                                      on_own_part(n, body);
                                    });
  for (std::size_t n : filled_over)
    if (n != problem->extent())
      throw RuntimeError(fmt::format(
          "kernel {} fills its arrays over {} indices but its extent is {}: make_problem must call first_touch "
          "with extent(), so that each rank fills the part it later shares",
          o.kernel, n, problem->extent()));
  return problem;
}

}  // namespace

RankPart::RankPart(Problem& problem, std::string_view kernel)
    : problem_(problem),
      fn_(best_kernel(kernel, problem.precision())),
      own_(own_part(problem.extent())),
      partials_(problem_, 1) {
  check_split();
  make_combiner();
}

RankPart::RankPart(const Order& open)
    : owned_(make_part(open)),
      problem_(*owned_),
      fn_(best_kernel(open.kernel, open.precision)),
      own_(own_part(problem_.extent())),
      partials_(problem_, 1) {
  check_split();
  make_combiner();
  poison();
}

// Every array must be split along the problem's index space as the ranks split it: a whole number
// of bytes per index (elements, rows, bodies). A combined answer (histogram's bins) is not split.
void RankPart::check_split() const {
  const std::size_t n = problem_.extent();
  for (const BufferRef& b : problem_.buffers())
    if (!b.combined && (n == 0 || b.bytes % n != 0))
      throw RuntimeError("an array of " + std::to_string(b.bytes) + " bytes does not split into " + std::to_string(n) +
                         " equal parts, one per index, so the ranks cannot share it out");
}

void RankPart::make_combiner() {
  if (problem_.partial_bytes())
    combiner_.emplace(
        problem_.partial_bytes(),
        [this](std::byte* into, const std::byte* from) { problem_.merge_partial(into, from); },
        /*ordered=*/problem_.carries());
}

double RankPart::run(std::size_t times) {
  std::vector<BufferRef> whole, haloed;
  for (const BufferRef& b : problem_.buffers()) {
    if (b.read_whole) whole.push_back(b);
    if (b.halo && !b.read_whole) haloed.push_back(b);
  }
  const std::vector<Range> parts = every_part(problem_.extent());
  const bool reduces = problem_.reduces();
  double total = 0, seconds = 0;
  // Each run timed from a barrier to a barrier (ranks.hpp), the second's latency counted as threads
  // count their join; the row counts the rank whose clock read the most.
  for (std::size_t i = 0; i < times; ++i)
    seconds += between_barriers([&] {
      // What every index reads whole (nbody's bodies) travels first, as in a distributed time step.
      for (const BufferRef& b : whole) share_parts(b.data, b.bytes / problem_.extent(), parts);
      // What a part reads beside its own (a stencil's neighbour rows), as a distributed step trades them.
      for (const BufferRef& b : haloed) share_halos(b.data, b.bytes / problem_.extent(), parts, b.halo);
      partials_.clear(problem_);
      if (problem_.carries()) {
        carry_across_ranks();
        return;
      }
      const double partial = own_.begin < own_.end ? fn_(problem_, own_.begin, own_.end, partials_.worker(0, 1)) : 0.0;
      total = reduces ? sum(partial) : partial;
      if (std::byte* mine = partials_.combine(problem_, /*store=*/false)) {
        combiner_->combine_at_root(mine);
        if (rank() == 0) problem_.store_partial(mine);
      }
    });
  if (reduces && rank() == 0) problem_.store_reduction(total);
  return slowest_at_root(seconds);
}

// A kernel that carries (a scan), as threads run it with ranks for threads: each rank summarizes
// its part, MPI_Exscan turns the summaries into carries in rank order (the ranks' parts are in
// index order), and each rank finishes its part from its own.
void RankPart::carry_across_ranks() {
  Worker w = partials_.worker(0, 1);
  const bool mine = own_.begin < own_.end;
  if (size() == 1) {  // one rank: one pass, nothing to carry between ranks
    if (mine) fn_(problem_, own_.begin, own_.end, w);
    return;
  }
  w.phase = Phase::summarize;
  if (mine) fn_(problem_, own_.begin, own_.end, w);
  combiner_->combine_lower_ranks(w.partial);
  if (rank() == 0) problem_.clear_partial(w.partial);  // nothing before the first part
  w.phase = Phase::finish;
  if (mine) fn_(problem_, own_.begin, own_.end, w);
}

void RankPart::gather() {
  const std::size_t n = problem_.extent();
  const std::vector<Range> parts = every_part(n);
  std::vector<BufferRef> written;
  for (const BufferRef& b : problem_.buffers())
    if (b.written() && !b.combined) written.push_back(b);  // a combined answer is on rank 0 already
  for (int r = 1; r < size(); ++r)
    for (std::size_t i = 0; i < written.size(); ++i) {
      if (r != rank() && rank() != 0) continue;
      const auto [data, bytes] = bytes_of(written[i], n, parts[static_cast<std::size_t>(r)]);
      if (rank() == 0)
        receive(r, data, bytes, static_cast<int>(i));
      else
        send(0, data, bytes, static_cast<int>(i));
    }
}

void RankPart::reset() {
  if (rank() != 0) problem_.reset_part(own_.begin, own_.end);
}

// As the driver poisons rank 0's, here only in this rank's part: all ones is NaN in either
// precision and -1 as a count, which no reference gives.
void RankPart::poison() {
  if (rank() == 0) return;
  for (const BufferRef& b : problem_.buffers())
    if (b.role == BufferRef::Role::output && !b.combined) {
      const auto [data, bytes] = bytes_of(b, problem_.extent(), own_);
      std::memset(data, 0xff, bytes);
    }
}

void RankPart::evict_caches() {
  if (rank() == 0) return;  // measure() evicts rank 0's with the host's evictor
  if (!evictor_) evictor_.emplace(machine().last_level_cache_bytes(), serial_chunks);
  evictor_->evict();
}

}  // namespace flynn::mpi
