// MIMD over distributed memory: P processes (MPI ranks), each owning a contiguous part of every
// array and running the best SIMD kernel on it; they share nothing and exchange messages. Rank 0
// runs the driver as for any backend; the other ranks serve it, doing as rank 0 orders
// (order.hpp), and print nothing.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <memory>

#include "common/copy_reference.hpp"
#include "common/errors.hpp"
#include "common/machine.hpp"
#include "common/peak.hpp"
#include "cpu/mpi/placement.hpp"
#include "cpu/mpi/rank_part.hpp"
#include "cpu/mpi/ranks.hpp"
#include "simd/simd_table.hpp"

namespace flynn::mpi {
namespace {

RunSettings settings;  // the driver's, for the orders that open a problem

void post(const Order& o) { mpi::post(&o, sizeof o); }

Order order(Order::Op op, std::uint64_t count = 0) {
  Order o;
  o.op = op;
  o.count = count;
  return o;
}

// The step's error on this rank (empty where it succeeded), settled across ranks (ranks.hpp).
template <class F>
void on_every_rank(F&& step) {
  std::string error;
  try {
    step();
  } catch (const std::exception& e) {
    error = e.what();
  }
  settle(error);
}

// Every rank's reading between barriers, the largest: every rank gets the same figure, so all take
// the same decisions from it (common/stopwatch.hpp).
double in_step(const std::function<void()>& work) { return slowest(between_barriers(work)); }

// The copy ceiling over every rank: each copies its part of `bytes` at the same time.
double ranks_copy_gbps(std::size_t bytes) {
  OnOwnCpus here;
  return fastest_copy_gbps(bytes, on_own_part, in_step);
}

// The compute ceiling over every rank: each runs the best SIMD probe at the same time.
double ranks_peak_gflops(Precision p) {
  OnOwnCpus here;
  const auto probes = simd::best_peak_probes();
  if (!probes) return 0;
  return measure_peak_gflops(
      *probes, p,
      [](const std::function<void()>& body) {
        body();
        return static_cast<unsigned>(size());
      },
      in_step);
}

// Seconds of one MPI_Allreduce of one double, the price of a distributed dot beyond its sums.
double ranks_allreduce_seconds() {
  constexpr int warm = 100, timed = 2000;
  for (int i = 0; i < warm; ++i) sum(1.0);
  return in_step([] {
           for (int i = 0; i < timed; ++i) sum(1.0);
         }) /
         timed;
}

double allreduce_seconds() {
  static const double seconds = [] {
    post(order(Order::Op::allreduce_probe));
    return ranks_allreduce_seconds();
  }();
  return seconds;
}

std::string ranks_phrase() { return fmt::format("{} rank{}", size(), size() == 1 ? "" : "s"); }

// Rank 0's side of a run: each call orders the other ranks to do the same, then does its own part.
class RootExecution final : public Execution {
 public:
  RootExecution(Problem& problem, std::string_view kernel) : problem_(problem) {
    const auto& recipe = problem.recipe();
    if (!recipe) throw RuntimeError("the mpi backend needs the problem's recipe (made by measure())");
    Order open = order(Order::Op::open);
    open.precision = problem.precision();
    open.streaming = settings.streaming;
    open.seed = recipe->seed;
    open.set_size(recipe->size);
    open.set_kernel(kernel);
    post(open);
    on_every_rank([&] { part_.emplace(problem, kernel); });
    if (problem.reduces() && size() > 1) allreduce_ = allreduce_seconds();
  }
  ~RootExecution() override {
    try {
      post(order(Order::Op::close));
    } catch (...) {  // a destructor must not throw; the next order will fail the same way, and say so
    }
  }
  double run(std::size_t times) override {
    post(order(Order::Op::run, times));
    OnOwnCpus here;
    return part_->run(times);
  }
  void finish() override {
    post(order(Order::Op::finish));
    part_->gather();
  }
  void reset() override { post(order(Order::Op::reset)); }
  void poison_outputs() override { post(order(Order::Op::poison)); }
  void evict_device_cache() override { post(order(Order::Op::evict)); }
  std::string note() const override {
    std::vector<std::string> notes;
    notes.push_back(launched() ? ranks_phrase() : "one rank: started without mpirun");
    const unsigned cpus = machine().hardware_threads;
    if (launched() && static_cast<unsigned>(size()) > cpus)
      notes.push_back(fmt::format("{} ranks on {} hardware threads take turns", size(), cpus));
    if (allreduce_)
      notes.push_back(fmt::format("each run ends with an MPI_Allreduce ({:.2f} us alone)", *allreduce_ * 1e6));
    const auto parts = every_part(problem_.extent());
    if (problem_.uneven() && std::count_if(parts.begin(), parts.end(), [](Range r) { return r.begin < r.end; }) > 1)
      notes.push_back("rows split in equal counts whatever they cost: the slowest rank decides");
    std::string out;
    for (const auto& n : notes) out += (out.empty() ? "" : "; ") + n;
    return out;
  }

 private:
  Problem& problem_;
  std::optional<RankPart> part_;
  std::optional<double> allreduce_;
};

// A rank other than 0: does as ordered until rank 0 says stop.
int serve() {
  std::unique_ptr<RankPart> part;
  for (;;) {
    Order o;
    await(&o, sizeof o, part != nullptr);
    try {
      switch (o.op) {
        case Order::Op::stop: finish(); return 0;
        case Order::Op::open:
          part.reset();
          on_every_rank([&] { part = std::make_unique<RankPart>(o); });
          break;
        case Order::Op::run: part->run(o.count); break;
        case Order::Op::reset: part->reset(); break;
        case Order::Op::poison: part->poison(); break;
        case Order::Op::finish: part->gather(); break;
        case Order::Op::evict: part->evict_caches(); break;
        case Order::Op::close: part.reset(); break;
        case Order::Op::copy_ceiling: ranks_copy_gbps(o.count); break;
        case Order::Op::peak: ranks_peak_gflops(o.precision); break;
        case Order::Op::allreduce_probe: ranks_allreduce_seconds(); break;
      }
    } catch (const std::exception&) {
      part.reset();  // rank 0 heard of it through settle() and reports it; the next order starts afresh
    }
  }
}

const BackendRegistration registration{Backend{
    .name = "mpi",
    .flynn_class = FlynnClass::MIMD,
    .description = "distributed memory: MPI ranks, each owning a part of every array and running the best SIMD kernel "
                   "on it; run under mpirun -np P",
    .order = 150000,
    .availability = simd::best_isa_availability,
    .width = [](Precision p) { return ranks_phrase() + " x " + simd::best_lanes(p); },
    // Rank 0 fills the whole problem, on its own core: it verifies every result, so it holds every input.
    .first_touch =
        [](std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
          OnOwnCpus here;
          body(0, n);
        },
    // Rank 0's whole problem, and each other rank's part on the same host. (Each rank also
    // reserves, untouched, address space for the whole: where the OS refuses to overcommit memory,
    // that counts too, and a rank that cannot allocate says so.)
    .host_bytes_for =
        [](std::size_t problem) {
          if (problem >= std::numeric_limits<std::size_t>::max() / 2) return problem;  // no machine holds it anyway
          const std::size_t others = static_cast<std::size_t>(ranks_on_this_host() - 1);
          const std::size_t parts = problem / static_cast<std::size_t>(size()) + 1;
          return problem + others * parts;
        },
    .why_more_host_bytes = "rank 0 holds the whole problem, each other rank on this host its part",
    .configure =
        [](const RunSettings& s) {
          settings = s;
          simd::configure(s);
        },
    .runs_by_default = [] { return launched(); },
    .join = []() -> std::optional<int> {
      if (!launched()) return std::nullopt;
      widen_for_the_driver();
      start();
      if (rank() != 0) return serve();
      std::atexit([] {
        try {
          post(order(Order::Op::stop));
        } catch (...) {
        }
        finish();
      });
      return std::nullopt;
    },
    .facts =
        [] {
          std::vector<BackendFact> out{
              {"ranks", std::to_string(size()), static_cast<double>(size())},
              {"hosts", std::to_string(host_count()), static_cast<double>(host_count())},
              {"launched", launched() ? "by mpirun" : "alone, as one rank"},
              {"library", library()},
          };
          if (size() > 1)
            out.push_back({"allreduce_seconds",
                           fmt::format("{:.2f} us (one MPI_Allreduce of a double)", allreduce_seconds() * 1e6),
                           allreduce_seconds()});
          return out;
        },
    .copy_reference_name = "fastest copy, every rank",
    .copy_reference_gbps =
        [](std::size_t bytes) {
          post(order(Order::Op::copy_ceiling, bytes));
          return ranks_copy_gbps(bytes);
        },
    .peak_gflops =
        [](Precision p) {
          Order o = order(Order::Op::peak);
          o.precision = p;
          post(o);
          return ranks_peak_gflops(p);
        },
    // A kernel with a `threads` implementation of its own has parts that depend on each other in a
    // way no spec describes (a scan's carries are described: Problem::carries): splitting it by
    // rank would need exchanges nobody has written.
    .resolve = [](std::string_view kernel) -> std::optional<Factory> {
      if (registry().registered(kernel, "threads") || !simd::best_kernel(kernel)) return std::nullopt;
      return Factory([name = std::string(kernel)](Problem& p) -> std::unique_ptr<Execution> {
        return std::make_unique<RootExecution>(p, name);
      });
    },
    .implements_only = "only kernels whose parts are independent (docs/distributed.md)",
}};

}  // namespace
}  // namespace flynn::mpi
