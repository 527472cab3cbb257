#include "registry.hpp"

#include <algorithm>

#include "errors.hpp"

namespace flynn {

Registry& registry() {
  static Registry instance;
  return instance;
}

void Registry::add_kernel(std::unique_ptr<KernelSpec> spec) {
  if (find_kernel(spec->name())) throw RuntimeError("kernel registered twice: " + std::string(spec->name()));
  kernels_.push_back(std::move(spec));
}

void Registry::add_backend(Backend backend) {
  if (find_backend(backend.name)) throw RuntimeError("backend registered twice: " + backend.name);
  backends_.push_back(std::move(backend));
}

void Registry::add_implementation(std::string kernel, std::string backend, Factory factory) {
  pairs_.push_back({std::move(kernel), std::move(backend), std::move(factory)});
}

void Registry::set_gpu_reporter(std::function<GpuReport()> reporter) { gpu_reporter_ = std::move(reporter); }

std::vector<const KernelSpec*> Registry::kernels() const {
  std::vector<const KernelSpec*> out;
  for (const auto& k : kernels_) out.push_back(k.get());
  // Each spec's listing order, then the name: stable whatever the link order.
  std::sort(out.begin(), out.end(), [](auto* x, auto* y) {
    return std::pair(x->listing_order(), x->name()) < std::pair(y->listing_order(), y->name());
  });
  return out;
}

std::vector<const Backend*> Registry::backends() const {
  std::vector<const Backend*> out;
  for (const auto& b : backends_) out.push_back(&b);
  std::sort(out.begin(), out.end(),
            [](auto* x, auto* y) { return std::pair(x->order, x->name) < std::pair(y->order, y->name); });
  return out;
}

const KernelSpec* Registry::find_kernel(std::string_view name) const {
  for (const auto& k : kernels_)
    if (k->name() == name) return k.get();
  return nullptr;
}

const Backend* Registry::find_backend(std::string_view name) const {
  for (const auto& b : backends_)
    if (b.name == name) return &b;
  return nullptr;
}

bool Registry::registered(std::string_view kernel, std::string_view backend) const {
  return std::any_of(pairs_.begin(), pairs_.end(),
                     [&](const Pair& p) { return p.kernel == kernel && p.backend == backend; });
}

std::optional<int> join_backend_processes() {
  for (const Backend* b : registry().backends())
    if (b->join)
      if (auto code = b->join()) return code;
  return std::nullopt;
}

std::optional<Factory> Registry::implementation(std::string_view kernel, std::string_view backend) const {
  // A registered pair first: a kernel whose ranges are not independent (a scan needs each chunk's
  // carry-in) gives `threads` an implementation of its own instead of the SIMD kernel per chunk.
  for (const auto& p : pairs_)
    if (p.kernel == kernel && p.backend == backend) return p.factory;
  if (const Backend* b = find_backend(backend); b && b->resolve) return b->resolve(kernel);
  return std::nullopt;
}

GpuReport Registry::gpu_report() const {
  if (gpu_reporter_) return gpu_reporter_();
  return {{}, "", "this build has no GPU backends (configured with FLYNN_CUDA=OFF, or nvcc was not found)"};
}

}  // namespace flynn
