#include "cpu/mpi/ranks.hpp"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

#include "common/errors.hpp"

namespace flynn::mpi {
namespace {

bool started = false;
int this_rank = 0, ranks = 1, ranks_here = 1, hosts = 1;

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw RuntimeError(std::string(what) + " failed: " + std::string(text, static_cast<std::size_t>(length)));
}

// Largest piece one MPI call moves: counts are ints.
constexpr std::size_t piece = std::size_t{1} << 30;

}  // namespace

bool launched() {
  // Open MPI's mpirun, PMIx launchers (Open MPI 5, Slurm's srun --mpi=pmix), MPICH's Hydra (PMI).
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

void start() {
  if (started || !launched()) return;
  int provided = 0;
  // Only the main thread calls MPI; rank 0's OpenMP threads (the threads backend) never do.
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  // Errors come back as codes, for check() to turn into exceptions, instead of aborting the job.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &this_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  MPI_Comm host;
  check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &host), "MPI_Comm_split_type");
  MPI_Comm_size(host, &ranks_here);
  int host_rank = 0;
  MPI_Comm_rank(host, &host_rank);
  MPI_Comm_free(&host);
  const int leader = host_rank == 0 ? 1 : 0;  // one rank per host counts it
  check(MPI_Allreduce(&leader, &hosts, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
  started = true;
}

void finish() {
  if (!started) return;
  started = false;
  MPI_Finalize();
}

int rank() { return this_rank; }
int size() { return ranks; }
int ranks_on_this_host() { return ranks_here; }
int host_count() { return hosts; }

std::string library() {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(text, &length);
  std::string out(text, static_cast<std::size_t>(length));
  // Open MPI appends its package and build details after the first comma.
  if (const auto comma = out.find(','); comma != std::string::npos) out.resize(comma);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

Range own_part(std::size_t n) {
  return partition(n, static_cast<std::size_t>(ranks), static_cast<std::size_t>(this_rank));
}

std::vector<Range> every_part(std::size_t n) {
  std::vector<Range> out;
  for (int r = 0; r < ranks; ++r)
    out.push_back(partition(n, static_cast<std::size_t>(ranks), static_cast<std::size_t>(r)));
  return out;
}

void on_own_part(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
  const Range r = own_part(n);
  if (r.begin < r.end) body(r.begin, r.end);
}

void barrier() {
  if (started) check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
}

double between_barriers(const std::function<void()>& work) {
  barrier();
  const auto t0 = std::chrono::steady_clock::now();
  work();
  barrier();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double sum(double v) {
  if (!started) return v;
  double out = 0;
  check(MPI_Allreduce(&v, &out, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

double slowest(double seconds) {
  if (!started) return seconds;
  double out = 0;
  check(MPI_Allreduce(&seconds, &out, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

double slowest_at_root(double seconds) {
  if (!started) return seconds;
  double out = 0;
  check(MPI_Reduce(&seconds, &out, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD), "MPI_Reduce");
  return out;
}

namespace {
// MPI's user-defined operations take no context: the merge of the one combine in progress (MPI
// calls are made from one thread only, MPI_THREAD_FUNNELED).
const std::function<void(std::byte*, const std::byte*)>* merging = nullptr;

// An operation that does not commute: MPI asks for inout = in (lower ranks) then inout (higher
// ones), where merge leaves its result in its first argument, so `in`'s item is copied aside first.
std::vector<std::byte>* ordered_spare = nullptr;

void merge_items_in_order(void* in, void* inout, int* count, MPI_Datatype* type) {
  int item = 0;
  MPI_Type_size(*type, &item);
  std::byte* spare = ordered_spare->data();
  for (int k = 0; k < *count; ++k) {
    std::byte* into = static_cast<std::byte*>(inout) + std::ptrdiff_t{k} * item;
    std::memcpy(spare, static_cast<const std::byte*>(in) + std::ptrdiff_t{k} * item, static_cast<std::size_t>(item));
    (*merging)(spare, into);
    std::memcpy(into, spare, static_cast<std::size_t>(item));
  }
}

void merge_items(void* in, void* inout, int* count, MPI_Datatype* type) {
  int item = 0;
  MPI_Type_size(*type, &item);
  for (int k = 0; k < *count; ++k)
    (*merging)(static_cast<std::byte*>(inout) + std::ptrdiff_t{k} * item,
               static_cast<const std::byte*>(in) + std::ptrdiff_t{k} * item);
}
}  // namespace

struct Combiner::Handles {
  MPI_Datatype item = MPI_DATATYPE_NULL;
  MPI_Op op = MPI_OP_NULL;
  std::vector<std::byte> spare;  // one item, for an ordered operation
  ~Handles() {
    if (op != MPI_OP_NULL) MPI_Op_free(&op);
    if (item != MPI_DATATYPE_NULL) MPI_Type_free(&item);
  }
};

Combiner::Combiner(std::size_t bytes, Merge merge, bool ordered) : merge_(std::move(merge)) {
  if (!started || ranks == 1) return;  // nothing to combine with
  if (bytes > INT_MAX) throw RuntimeError("a partial answer over 2 GiB cannot be combined between ranks");
  handles_ = std::make_unique<Handles>();
  check(MPI_Type_contiguous(static_cast<int>(bytes), MPI_BYTE, &handles_->item), "MPI_Type_contiguous");
  check(MPI_Type_commit(&handles_->item), "MPI_Type_commit");
  if (ordered) handles_->spare.resize(bytes);
  check(MPI_Op_create(ordered ? merge_items_in_order : merge_items, /*commute=*/ordered ? 0 : 1, &handles_->op),
        "MPI_Op_create");
}

Combiner::~Combiner() = default;

void Combiner::combine_at_root(std::byte* data) {
  if (!handles_) return;
  merging = &merge_;
  const int code =
      MPI_Reduce(rank() == 0 ? MPI_IN_PLACE : data, data, 1, handles_->item, handles_->op, 0, MPI_COMM_WORLD);
  merging = nullptr;
  check(code, "MPI_Reduce");
}

void Combiner::combine_lower_ranks(std::byte* data) {
  if (!handles_) return;
  merging = &merge_;
  ordered_spare = &handles_->spare;
  const int code = MPI_Exscan(MPI_IN_PLACE, data, 1, handles_->item, handles_->op, MPI_COMM_WORLD);
  merging = nullptr;
  ordered_spare = nullptr;
  check(code, "MPI_Exscan");
}

void share_parts(void* data, std::size_t unit, const std::vector<Range>& parts) {
  if (!started || ranks == 1) return;
  std::vector<int> counts, offsets;
  for (const Range& r : parts) {
    if (r.end > INT_MAX || unit > INT_MAX)
      throw RuntimeError("an array shared whole between ranks has more than 2^31 items or items over 2 GiB");
    counts.push_back(static_cast<int>(r.end - r.begin));
    offsets.push_back(static_cast<int>(r.begin));
  }
  MPI_Datatype item;
  check(MPI_Type_contiguous(static_cast<int>(unit), MPI_BYTE, &item), "MPI_Type_contiguous");
  MPI_Type_commit(&item);
  const int code =
      MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, data, counts.data(), offsets.data(), item, MPI_COMM_WORLD);
  MPI_Type_free(&item);
  check(code, "MPI_Allgatherv");
}

void share_halos(void* data, std::size_t unit, const std::vector<Range>& parts, std::size_t halo) {
  if (!started || ranks == 1 || halo == 0 || parts.empty()) return;
  constexpr int halo_tag = 8000;
  const std::size_t n = parts.back().end;
  // The items either side of part r that it reads and does not hold (none round an empty part).
  auto around = [&](Range r) -> std::pair<Range, Range> {
    if (r.begin == r.end) return {};
    return {{r.begin - std::min(r.begin, halo), r.begin}, {r.end, std::min(n, r.end + halo)}};
  };
  auto overlap = [](Range a, Range b) { return Range{std::max(a.begin, b.begin), std::min(a.end, b.end)}; };
  char* bytes = static_cast<char*>(data);
  std::vector<MPI_Request> requests;
  // Another rank's part lies wholly below this one's or wholly above it, so between two ranks at
  // most one message goes each way, and one tag serves.
  auto post = [&](Range items, int peer, bool receive) {
    if (items.begin >= items.end) return;
    const std::size_t size = (items.end - items.begin) * unit;
    if (size > INT_MAX) throw RuntimeError("a halo of more than 2 GiB between two ranks");
    char* at = bytes + items.begin * unit;
    MPI_Request r;
    if (receive)
      check(MPI_Irecv(at, static_cast<int>(size), MPI_BYTE, peer, halo_tag, MPI_COMM_WORLD, &r), "MPI_Irecv");
    else
      check(MPI_Isend(at, static_cast<int>(size), MPI_BYTE, peer, halo_tag, MPI_COMM_WORLD, &r), "MPI_Isend");
    requests.push_back(r);
  };
  const Range mine = parts[static_cast<std::size_t>(this_rank)];
  const auto [below, above] = around(mine);
  for (int q = 0; q < ranks; ++q) {
    if (q == this_rank) continue;
    const Range theirs = parts[static_cast<std::size_t>(q)];
    post(overlap(theirs, below), q, true);
    post(overlap(theirs, above), q, true);
    const auto [their_below, their_above] = around(theirs);
    post(overlap(mine, their_below), q, false);
    post(overlap(mine, their_above), q, false);
  }
  check(MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
}

void send(int to, const void* data, std::size_t bytes, int tag) {
  const char* p = static_cast<const char*>(data);
  for (std::size_t done = 0; done < bytes; done += piece)
    check(MPI_Send(p + done, static_cast<int>(std::min(piece, bytes - done)), MPI_BYTE, to, tag, MPI_COMM_WORLD),
          "MPI_Send");
}

void receive(int from, void* data, std::size_t bytes, int tag) {
  char* p = static_cast<char*>(data);
  for (std::size_t done = 0; done < bytes; done += piece)
    check(MPI_Recv(p + done, static_cast<int>(std::min(piece, bytes - done)), MPI_BYTE, from, tag, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE),
          "MPI_Recv");
}

void settle(const std::string& error) {
  if (!started) {
    if (!error.empty()) throw RuntimeError(error);
    return;
  }
  // The lowest failed rank, as (size - rank), so that MPI_MAX finds it; 0: none failed.
  const int mine = error.empty() ? 0 : ranks - this_rank;
  int first = 0;
  check(MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  if (first == 0) return;
  const int failed = ranks - first;
  constexpr int text_tag = 9000;
  if (this_rank == 0) {
    if (failed == 0) throw RuntimeError(error);
    int length = 0;
    check(MPI_Recv(&length, 1, MPI_INT, failed, text_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
    std::string text(static_cast<std::size_t>(length), '\0');
    receive(failed, text.data(), text.size(), text_tag);
    throw RuntimeError("rank " + std::to_string(failed) + ": " + text);
  }
  if (this_rank == failed) {
    const int length = static_cast<int>(std::min<std::size_t>(error.size(), 4096));
    check(MPI_Send(&length, 1, MPI_INT, 0, text_tag, MPI_COMM_WORLD), "MPI_Send");
    send(0, error.data(), static_cast<std::size_t>(length), text_tag);
  }
  if (!error.empty()) throw RuntimeError(error);
}

void post(const void* order, std::size_t bytes) {
  if (!started || ranks == 1) return;
  // Non-blocking on this side too: a blocking collective never matches a non-blocking one.
  MPI_Request request;
  check(MPI_Ibcast(const_cast<void*>(order), static_cast<int>(bytes), MPI_BYTE, 0, MPI_COMM_WORLD, &request),
        "MPI_Ibcast");
  check(MPI_Wait(&request, MPI_STATUS_IGNORE), "MPI_Wait");
}

void await(void* order, std::size_t bytes, bool eager) {
  MPI_Request request;
  check(MPI_Ibcast(order, static_cast<int>(bytes), MPI_BYTE, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
  // A blocking MPI_Bcast would spin on its core for as long as rank 0 runs other backends.
  const auto since = std::chrono::steady_clock::now();
  const auto spin = eager ? std::chrono::milliseconds(20) : std::chrono::milliseconds(0);
  for (;;) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return;
    if (std::chrono::steady_clock::now() - since >= spin) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

}  // namespace flynn::mpi
