#include "common/input_fingerprint.hpp"

#include <cstring>

#include "common/parallel_parts.hpp"

namespace flynn {
namespace {

constexpr std::uint64_t multiplier = 0xff51afd7ed558ccdULL;

std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
  h = (h ^ word) * multiplier;
  return h ^ (h >> 32);
}

// A hash of `bytes` bytes, eight at a time in four independent chains (one chain a multiply's
// latency a word: a quarter of memory's speed), on every hardware thread, the parts' hashes
// combined in order. Not cryptographic: it tells one array's contents from another's.
std::uint64_t hash_of(const unsigned char* data, std::size_t bytes) {
  const std::size_t words = bytes / 8;
  std::uint64_t all = fold_parts<std::uint64_t>(
      words,
      [&](Range r) {
        std::uint64_t h[4] = {r.begin, r.begin + 1, r.begin + 2, r.begin + 3};
        std::size_t i = r.begin;
        for (; i + 4 <= r.end; i += 4)
          for (int k = 0; k < 4; ++k) {
            std::uint64_t w;
            std::memcpy(&w, data + 8 * (i + k), 8);
            h[k] = mix(h[k], w);
          }
        for (; i < r.end; ++i) {
          std::uint64_t w;
          std::memcpy(&w, data + 8 * i, 8);
          h[0] = mix(h[0], w);
        }
        return mix(mix(mix(h[0], h[1]), h[2]), h[3]);
      },
      [](std::uint64_t& into, std::uint64_t part) { into = mix(into, part); }, bytes);
  for (std::size_t b = 8 * words; b < bytes; ++b) all = mix(all, data[b]);
  return all;
}

std::uint64_t hash_of(const BufferRef& b) { return hash_of(static_cast<const unsigned char*>(b.data), b.bytes); }

}  // namespace

InputFingerprint::InputFingerprint(Problem& p) {
  const std::vector<BufferRef> buffers = p.buffers();
  for (std::size_t i = 0; i < buffers.size(); ++i)
    if (buffers[i].role == BufferRef::Role::input) inputs_.push_back({i, hash_of(buffers[i])});
}

std::optional<std::string> InputFingerprint::changed(Problem& p) const {
  const std::vector<BufferRef> buffers = p.buffers();
  for (const auto& [index, hash] : inputs_)
    if (hash_of(buffers[index]) != hash)
      return "input array " + std::to_string(index) + " (of " + std::to_string(buffers[index].bytes) +
             " bytes) changed between making the problem and verifying it: a kernel must not write its inputs, and "
             "a backend that shares them out must give every worker what it was given";
  return std::nullopt;
}

}  // namespace flynn
