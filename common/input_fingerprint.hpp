// What the arrays a kernel only reads hold, as one hash each: taken before a backend is bound to
// the problem, compared after the run that is verified. The reference reads the inputs after the
// runs, so a kernel (or a backend sharing them out) that changed an input before the runs would be
// judged against the answer for the data it left, not the data it was given, and pass: an mpi rank
// that filled its part over the wrong indices had its part copied over rank 0's input, and verified.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.hpp"

namespace flynn {

class InputFingerprint {
 public:
  explicit InputFingerprint(Problem& p);
  // Which input no longer holds what it held, or nothing where every one does.
  std::optional<std::string> changed(Problem& p) const;

 private:
  struct Input {
    std::size_t index;  // in buffers()
    std::uint64_t hash;
  };
  std::vector<Input> inputs_;  // every BufferRef::Role::input
};

}  // namespace flynn
