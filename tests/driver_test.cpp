// The driver as a user meets it: run `flynn` as a process and check exit codes, messages and files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace {

struct Outcome {
  int code;
  std::string output;  // stdout and stderr together
};

// A command line run by the shell, stdout and stderr together.
Outcome capture(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// flynn itself; FLYNN_LAUNCHER is the emulator of a cross build (qemu), empty otherwise.
std::string flynn_exe() {
  const std::string launcher = FLYNN_LAUNCHER;
  return (launcher.empty() ? "" : launcher + " ") + FLYNN_EXE;
}

Outcome flynn(const std::string& args) { return capture(flynn_exe() + " " + args + " 2>&1"); }

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "." + std::to_string(getpid()));
}

// Runs flynn with `--json` into a temporary file; the document is null where none was written.
struct JsonRun {
  Outcome outcome;
  nlohmann::json doc;
};
JsonRun flynn_json(const std::string& args, const std::string& name) {
  const auto path = temp_file(name);
  JsonRun r{flynn(args + " --json " + path.string()), nullptr};
  if (std::ifstream in(path); in) r.doc = nlohmann::json::parse(in);
  std::filesystem::remove(path);
  return r;
}

// Every key of a JSON object is named (in backquotes) in docs/results-format.md.
void expect_documented(const nlohmann::json& object, const std::string& where) {
  static const std::string text = [] {
    std::ifstream format(FLYNN_RESULTS_FORMAT_DOC);
    return std::string((std::istreambuf_iterator<char>(format)), std::istreambuf_iterator<char>());
  }();
  ASSERT_FALSE(text.empty()) << FLYNN_RESULTS_FORMAT_DOC;
  for (const auto& [key, value] : object.items())
    EXPECT_NE(text.find("`" + key + "`"), std::string::npos)
        << where << "." << key << " is not in docs/results-format.md";
}

// Bad input: exit code 2 and one line that names the valid choices or the limit.
void expect_usage_error(const std::string& args, const std::string& message) {
  const Outcome o = flynn(args);
  EXPECT_EQ(o.code, 2) << args << "\n" << o.output;
  EXPECT_NE(o.output.find(message), std::string::npos) << args << "\n" << o.output;
  EXPECT_EQ(std::count(o.output.begin(), o.output.end(), '\n'), 1) << args << "\n" << o.output;
}

TEST(Driver, UnknownNames) {
  expect_usage_error("run --kernels triad,nosuch",
                     "unknown kernel 'nosuch'; valid kernels: copy, mul, add, triad, dot, nstream");
  expect_usage_error("run --backends nosuch", "unknown backend 'nosuch'; valid backends: scalar");
  expect_usage_error("run --precision half", "unknown precision 'half'; valid precisions: float, double");
}

TEST(Driver, BadSizes) {
  for (const char* size : {"0", "-5", "abc", "1.5", "99999999999999999999999"})
    expect_usage_error(std::string("run --kernels copy --backends scalar --size ") + size, "invalid size");
}

TEST(Driver, SizeThatDoesNotFitInHostMemory) {
  expect_usage_error("run --kernels triad --backends scalar --size 2^50", "of host memory;");
  expect_usage_error("run --kernels triad --backends scalar --size 2^62", "of host memory;");
}

TEST(Driver, BadRepsAndWarmup) {
  expect_usage_error("run --backends scalar --size 10 --reps 0", "--reps must be at least 1");
  expect_usage_error("run --backends scalar --size 10 --reps -3", "--reps must be at least 1");
  expect_usage_error("run --backends scalar --size 10 --warmup -1", "--warmup must be 0 or more");
  expect_usage_error("run --backends scalar --size 10 --threads -2", "--threads must be");
  expect_usage_error("run --backends scalar --size 10 --threads 100000000", "more than 64 per hardware thread");
  expect_usage_error("run --backends threads --size 10 --threads 1,-2",
                     "--threads must be 0 (every core) or more, not -2");
  expect_usage_error("run --backends scalar --size 10 --host-memory locked",
                     "unknown --host-memory 'locked'; valid: pinned, pageable");
  expect_usage_error("run --backends scalar --size 10 --first-touch numa",
                     "unknown --first-touch 'numa'; valid: parallel, serial");
}

TEST(Driver, RepeatedItemsAreRefused) {
  // A repeat would run the same rows twice and print them as two results.
  expect_usage_error("run --kernels triad,copy,triad --backends scalar --size 10",
                     "--kernels lists kernel 'triad' twice");
  expect_usage_error("run --backends scalar,scalar --size 10", "--backends lists backend 'scalar' twice");
  expect_usage_error("run --backends scalar --size 10 --precision float,double,float",
                     "--precision lists precision 'float' twice");
  expect_usage_error("run --backends scalar --size 1K,4..2048", "--size lists size 1024 twice");
  expect_usage_error("run --backends threads --size 10 --threads 1,2,1", "--threads lists count 1 twice");
}

TEST(Driver, UnwritableOutputFileIsAUsageErrorBeforeRunning) {
  expect_usage_error("run --backends scalar --size 10 --json /nonexistent-dir/r.json",
                     "cannot write '/nonexistent-dir/r.json'");
  expect_usage_error("run --backends scalar --size 10 --csv /nonexistent-dir/r.csv", "cannot write");
}

TEST(Driver, ResultFilesAreNotTouchedWhenTheRunStopsEarly) {
  // An existing file keeps its contents and a new one is not created when a later check fails.
  const auto existing = temp_file("flynn-keep.json"), fresh = temp_file("flynn-fresh.json");
  std::ofstream(existing) << "previous results\n";
  expect_usage_error("run --kernels nosuch --json " + existing.string(), "unknown kernel");
  expect_usage_error("run --kernels nosuch --json " + fresh.string(), "unknown kernel");
  std::ifstream in(existing);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "previous results");
  EXPECT_FALSE(std::filesystem::exists(fresh));
  std::filesystem::remove(existing);
}

// A shell command line, for what needs a shell around flynn (limits, pipes, a FIFO's reader): $FLYNN runs it.
Outcome shell(const std::string& script) { return capture("FLYNN='" + flynn_exe() + "'; { " + script + "; } 2>&1"); }

bool parses_as_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) return false;
  try {
    return nlohmann::json::parse(in).contains("results");
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

const std::string tiny_run = "run -k copy -b scalar -n 1000 -r 1 -w 0 --no-progress";

TEST(Driver, AFailedWriteExitsNonZeroAndLeavesNoPartialFile) {
  for (const char* option : {"--json", "--csv"}) {
    const Outcome full = flynn(tiny_run + " " + option + " /dev/full");
    EXPECT_EQ(full.code, 1) << option << "\n" << full.output;
    EXPECT_NE(full.output.find("cannot write /dev/full"), std::string::npos) << full.output;
  }
  // A file-size limit: the write fails (it is not allowed to kill flynn half-way), the exit says so,
  // and what was there before is still there, whole.
  const auto kept = temp_file("flynn-limit.json");
  std::ofstream(kept) << "{\"results\": []}\n";
  const Outcome limited = shell("ulimit -f 1; $FLYNN " + tiny_run + " --json " + kept.string());
  EXPECT_EQ(limited.code, 1) << limited.output;
  EXPECT_TRUE(parses_as_json(kept));
  std::ifstream in(kept);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "{\"results\": []}\n");
  for (const auto& e : std::filesystem::directory_iterator(kept.parent_path()))
    EXPECT_EQ(e.path().filename().string().find("." + kept.filename().string() + "."), std::string::npos)
        << "left behind: " << e.path();
  std::filesystem::remove(kept);
}

TEST(Driver, AReaderThatStopsEarlyDoesNotCostTheResultFile) {
  const auto path = temp_file("flynn-pipe.json");
  shell("$FLYNN " + tiny_run + " --json " + path.string() + " | head -c 1 >/dev/null");
  EXPECT_TRUE(parses_as_json(path));
  std::filesystem::remove(path);
}

TEST(Driver, LinksAndFifosAsResultFiles) {
  // A dangling link: the file it names is written, the link stays a link.
  const auto link = temp_file("flynn-link.json"), target = temp_file("flynn-target.json");
  std::filesystem::remove(target);
  std::filesystem::create_symlink(target, link);
  EXPECT_EQ(flynn(tiny_run + " --json " + link.string()).code, 0);
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_TRUE(parses_as_json(target));
  std::filesystem::remove(link);
  std::filesystem::remove(target);
  // A FIFO: nobody reading is an error, not a hang; a reader gets the JSON.
  const auto fifo = temp_file("flynn-fifo"), got = temp_file("flynn-fifo-out.json");
  ASSERT_EQ(shell("mkfifo " + fifo.string()).code, 0);
  const Outcome unread = shell("timeout 60 $FLYNN " + tiny_run + " --json " + fifo.string());
  EXPECT_EQ(unread.code, 1) << unread.output;
  EXPECT_NE(unread.output.find("nothing reads from it"), std::string::npos) << unread.output;
  EXPECT_EQ(shell("cat " + fifo.string() + " > " + got.string() + " & timeout 60 $FLYNN " + tiny_run + " --json " +
                  fifo.string() + "; wait")
                .code,
            0);
  EXPECT_TRUE(parses_as_json(got));
  std::filesystem::remove(fifo);
  std::filesystem::remove(got);
}

TEST(Driver, OddInputIsRefusedWithAClearLine) {
  expect_usage_error("run --backends scalar --size 10 --json ''", "--json needs a file name");
  expect_usage_error("run --backends scalar --size 10 --json same.out --csv same.out",
                     "--json and --csv name the same file");
  expect_usage_error("run --backends scalar --size 10 --seed -1", "--seed");
  expect_usage_error("run --backends scalar --size 10 --seed 18446744073709551616", "too large");
  expect_usage_error("run --backends scalar --size 10 --reps 010", "leading zero");
  expect_usage_error("run --backends scalar --size 10 --warmup ''", "empty");
  expect_usage_error("run --backends threads --size 10 --threads ''", "empty");
  expect_usage_error("run --kernels copy,,dot --backends scalar --size 10", "empty");
  expect_usage_error("run --kernels copy --backends scalar --size 1K,", "has an empty item");
  expect_usage_error("run --kernels , --backends scalar --size 10", "--kernels ',' has an empty item");
  expect_usage_error("run --backends scalar --size 10 --reps 2 --reps 3", "--reps: given more than once");
  expect_usage_error("bogus", "unknown command 'bogus'; valid commands: list, info, concurrency, compare, report, run");
  expect_usage_error("", "no command given");
  const std::string every = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
  expect_usage_error("run --backends threads --size 10 --threads 0," + every,
                     "--threads lists count " + every + " (0 means every hardware thread: " + every + " here) twice");
  // The size check counts the arrays a kernel uses: copy two, triad three (2^40+3 floats each).
  expect_usage_error("run --kernels copy --backends scalar --precision float --size 2^40+3",
                     "needs 8192.00 GiB of host memory");
  expect_usage_error("run --kernels triad --backends scalar --precision float --size 2^40+3",
                     "needs 12288.00 GiB of host memory");
}

TEST(Driver, WhatTheUserTypedIsEchoedSafely) {
  const Outcome escape = flynn("run --kernels \"$(printf '\\033[31mred')\" --backends scalar --size 10");
  EXPECT_EQ(escape.code, 2) << escape.output;
  EXPECT_EQ(escape.output.find('\x1b'), std::string::npos) << "a raw escape reached the terminal";
  EXPECT_NE(escape.output.find("\\x1b[31mred"), std::string::npos) << escape.output;
  const Outcome huge = flynn("run --kernels " + std::string(100000, 'k') + " --backends scalar --size 10");
  EXPECT_EQ(huge.code, 2);
  EXPECT_LT(huge.output.size(), 2000u) << "a 100 KB argument was echoed whole";
}

TEST(Driver, NoiseIsMeasuredMarkedAndWaitedOut) {
  expect_usage_error("run --backends scalar --size 10 --max-noise 0", "--max-noise must be a percentage above 0");
  expect_usage_error("run --backends scalar --size 10 --max-noise 150", "--max-noise must be a percentage above 0");
  expect_usage_error("run --backends scalar --size 10 --min-time -1", "--min-time must be 0 to 3600 seconds");
  // Given, --min-time takes samples past --reps: 20 ms of timed work at about 1 ms a sample.
  const auto [o, doc] =
      flynn_json("run -k triad -b scalar -n 2^17 --reps 2 --min-time 0.02 --max-noise 60", "noise.json");
  ASSERT_EQ(o.code, 0) << o.output;
  ASSERT_EQ(doc["results"].size(), 1u);
  const auto& r = doc["results"][0];
  EXPECT_GT(r["samples"].get<int>(), 2) << r.dump();
  EXPECT_TRUE(r["settled"].get<bool>()) << r.dump();
  EXPECT_EQ(r["noisy"].get<bool>(), r["noise"].get<double>() > 0.6) << r.dump();
  EXPECT_EQ(doc["context"]["max_noise"].get<double>(), 0.6);
  EXPECT_TRUE(doc["context"]["waited_for_quiet"].get<bool>());
}

TEST(Driver, ConcurrencyAgainstParallelism) {
  expect_usage_error("concurrency --tasks 0", "--tasks must be 1 to 4096");
  expect_usage_error("concurrency --task-ms 0", "--task-ms must be 1 to 1000");
  expect_usage_error("concurrency --task-ms 0.01", "--task-ms must be 1 to 1000");
  expect_usage_error("concurrency -k nosuch", "unknown kernel 'nosuch'");
  if (!std::string(FLYNN_LAUNCHER).empty()) GTEST_SKIP() << "threads hang under qemu's user-mode emulation here";
  const Outcome o = flynn("concurrency --tasks 3 --task-ms 5 -n 4K -r 2");
  EXPECT_EQ(o.code, 0) << o.output;
  for (const char* s : {"waiting", "computing", "concurrently on one core", "serial fraction s ="})
    EXPECT_NE(o.output.find(s), std::string::npos) << s << "\n" << o.output;
}

TEST(Driver, ConcurrencyJsonHoldsBothTablesAndIsDocumented) {
  if (!std::string(FLYNN_LAUNCHER).empty()) GTEST_SKIP() << "threads hang under qemu's user-mode emulation here";
  const auto [o, doc] = flynn_json("concurrency --tasks 3 --task-ms 5 -n 4K -r 2", "flynn-concurrency.json");
  ASSERT_EQ(o.code, 0) << o.output;
  const nlohmann::json& c = doc["concurrency"];
  ASSERT_EQ(c["rows"].size(), 2u) << doc.dump(2);
  EXPECT_EQ(c["rows"][0]["kind"], "waiting");
  EXPECT_EQ(c["rows"][1]["kind"], "computing");
  EXPECT_EQ(c["tasks"], 3);
  // Three waiting tasks overlap on one core: ideally 3x; three computing tasks there take turns: 1x.
  EXPECT_EQ(c["rows"][0]["concurrently_on_one_core_ideal_speedup"], 3.0);
  EXPECT_EQ(c["rows"][1]["concurrently_on_one_core_ideal_speedup"], 1.0);
  EXPECT_GT(c["rows"][1]["one_after_another_s"].get<double>(), 0);
  ASSERT_FALSE(c["amdahl"]["points"].empty()) << doc.dump(2);
  EXPECT_EQ(c["amdahl"]["points"][0]["threads"], 1);
  EXPECT_EQ(c["amdahl"]["points"][0]["speedup"], 1.0);
  const double s = c["amdahl"]["serial_fraction"];
  EXPECT_TRUE(s >= 0 && s <= 1) << s;
  expect_documented(doc, "");
  expect_documented(c, "concurrency");
  expect_documented(c["rows"][0], "concurrency.rows");
  expect_documented(c["amdahl"], "concurrency.amdahl");
  expect_documented(c["amdahl"]["points"][0], "concurrency.amdahl.points");
}

TEST(Driver, ReportRefusesBadInputBeforeRunningAnything) {
  expect_usage_error("report --from /no/such/results.json", "--from: '/no/such/results.json' is not a file");
  expect_usage_error("report --reps 0", "--reps must be at least 1");
  const auto not_flynn = temp_file("not-flynn.json"), out = temp_file("report-of-nothing");
  std::ofstream(not_flynn) << "{\"hello\": 1}";
  const Outcome o = flynn("report --from " + not_flynn.string() + " --out " + out.string());
  EXPECT_EQ(o.code, 1) << o.output;
  EXPECT_NE(o.output.find("neither `flynn run --json` nor `flynn concurrency --json` output"), std::string::npos)
      << o.output;
  // Flynn's shape with a field that is wrong: one line naming the file and the field, never a
  // traceback, and no page.
  const auto wrong = temp_file("wrong-shape.json");
  const std::string row = R"({"kernel": "triad", "backend": "scalar", "flynn_class": "SISD", "precision": "double", )"
                          R"("status": "ok", "time_median_s": 0.001, "gflops": 1.0, )";
  for (const std::string& bad : {row + R"("size": 1000, "gbps": NaN})", row + R"("size": "big", "gbps": 1.0})",
                                 std::string(R"({"kernel": "triad"})")}) {
    std::ofstream(wrong) << R"({"results": [)" << bad << "]}";
    const Outcome w = flynn("report --from " + wrong.string() + " --out " + out.string());
    EXPECT_EQ(w.code, 1) << bad << "\n" << w.output;
    EXPECT_NE(w.output.find(wrong.filename().string() + ": results[0]."), std::string::npos) << w.output;
    EXPECT_EQ(w.output.find("Traceback"), std::string::npos) << w.output;
    EXPECT_FALSE(std::filesystem::exists(out / "index.html")) << bad;
  }
  expect_usage_error("report --from " + wrong.string() + " " + wrong.string(), "--from lists");
  std::filesystem::remove(wrong);
  std::filesystem::remove(not_flynn);
  std::filesystem::remove_all(out);
}

TEST(Driver, CompareJudgesEachDifferenceAgainstTheNoise) {
  auto row = [](const char* kernel, double gbps, double noise) {
    return nlohmann::json{{"kernel", kernel}, {"backend", "simd"}, {"label", "simd"}, {"precision", "float"},
                          {"size", 1000},     {"gbps", gbps},      {"noise", noise}};
  };
  const auto a = temp_file("flynn-a.json"), b = temp_file("flynn-b.json"), bad = temp_file("flynn-bad.json");
  std::ofstream(a) << nlohmann::json{{"results", {row("triad", 100, 0.02), row("dot", 50, 0.01), row("copy", 10, 0)}}};
  std::ofstream(b) << nlohmann::json{{"results", {row("triad", 103, 0.02), row("dot", 40, 0.01), row("add", 10, 0)}}};
  const Outcome o = flynn("compare " + a.string() + " " + b.string());
  EXPECT_EQ(o.code, 0) << o.output;
  auto line_of = [&](const std::string& kernel) {
    const auto at = o.output.find("\n" + kernel + " ");
    return at == std::string::npos ? std::string() : o.output.substr(at + 1, o.output.find('\n', at + 1) - at - 1);
  };
  EXPECT_NE(line_of("triad").find("1.03x"), std::string::npos) << o.output;
  EXPECT_NE(line_of("triad").find("same, within the noise"), std::string::npos) << o.output;  // 3% < 2% + 2%
  EXPECT_NE(line_of("dot").find("0.80x"), std::string::npos) << o.output;
  EXPECT_NE(line_of("dot").find("B slower"), std::string::npos) << o.output;  // 20% > 1% + 1%
  EXPECT_NE(line_of("copy").find("only in A"), std::string::npos) << o.output;
  EXPECT_NE(line_of("add").find("only in B"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find("widths differ"), std::string::npos) << o.output;
  // The same label on other hardware (here 2 mpi ranks against 5) is said to be no like for like.
  auto ranks = [&](const char* width) {
    auto r = row("triad", 100, 0.01);
    r["width"] = width;
    return nlohmann::json{{"results", {r}}};
  };
  std::ofstream(a) << ranks("2 ranks x 8 lanes (avx512)");
  std::ofstream(b) << ranks("5 ranks x 8 lanes (avx512)");
  const Outcome widths = flynn("compare " + a.string() + " " + b.string());
  EXPECT_NE(widths.output.find("widths differ: 2 ranks x 8 lanes (avx512) against 5 ranks x 8 lanes (avx512)"),
            std::string::npos)
      << widths.output;
  std::ofstream(bad) << "{ not json";
  expect_usage_error("compare " + a.string() + " " + bad.string(), "is not JSON");
  std::ofstream(bad) << "{}";
  expect_usage_error("compare " + a.string() + " " + bad.string(), "no results array");
  expect_usage_error("compare " + a.string(), "B is required");
  for (const auto& p : {a, b, bad}) std::filesystem::remove(p);
}

TEST(Driver, TaxonomyViewPlacesEachClassOnFlynnsGrid) {
  expect_usage_error("run --backends scalar --size 10 --view grid", "unknown --view 'grid'; valid: table, taxonomy");
  const Outcome o = flynn("run -k triad -b scalar,simd -n 4099 -r 3 --view taxonomy --no-progress");
  EXPECT_EQ(o.code, 0) << o.output;
  for (const char* s : {"Flynn's taxonomy, measured", "SISD: memory-bound 1.0x (triad scalar)", "SIMD: memory-bound",
                        "MISD: none on commodity machines", "MIMD: not asked for in this run"})
    EXPECT_NE(o.output.find(s), std::string::npos) << s << "\n" << o.output;
}

TEST(Driver, PinIsRecorded) {
  const auto [o, doc] = flynn_json("run -k triad -b threads -n 4099 -r 2 --pin --no-progress", "pin.json");
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_TRUE(doc["context"]["pin"].get<bool>());
  EXPECT_TRUE(doc["results"][0]["verified"].get<bool>());
}

TEST(Driver, UnparsableOptionIsAUsageError) {
  const Outcome o = flynn("run --reps many");
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_EQ(flynn("frobnicate").code, 2);
}

TEST(Driver, UnavailableGpuBackend) {
  const Outcome listing = flynn("list");
  ASSERT_EQ(listing.code, 0);
  if (listing.output.find("cuda ") == std::string::npos) GTEST_SKIP() << "this build has no CUDA backend";
  if (listing.output.find("unavailable") == std::string::npos) GTEST_SKIP() << "a GPU is present";
  // Alone: nothing to run, a usage error. Beside a CPU backend: a row that says why, exit 0.
  const Outcome alone = flynn("run --kernels triad --backends cuda --size 100");
  EXPECT_EQ(alone.code, 2) << alone.output;
  EXPECT_NE(alone.output.find("unavailable"), std::string::npos) << alone.output;
  const Outcome mixed = flynn("run --kernels triad --backends scalar,cuda --size 100 --no-progress");
  EXPECT_EQ(mixed.code, 0) << mixed.output;
  EXPECT_NE(mixed.output.find("unavailable:"), std::string::npos) << mixed.output;
}

TEST(Driver, ListAndInfo) {
  const Outcome list = flynn("list");
  EXPECT_EQ(list.code, 0);
  for (const char* s : {"copy", "dot", "scalar", "SISD", "simd", "SIMD", "threads", "MIMD"})
    EXPECT_NE(list.output.find(s), std::string::npos) << s;
  const Outcome info = flynn("info");
  EXPECT_EQ(info.code, 0);
  for (const char* s : {"cores", "NUMA", "Memory hierarchy", "copy GB/s on", "Ceilings", "GFLOP/s", "balance", "GPU"})
    EXPECT_NE(info.output.find(s), std::string::npos) << s << "\n" << info.output;
  // Every data or unified cache level carries its two measured copy figures.
  std::istringstream lines(info.output);
  int measured_levels = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("  L") && line.find("instruction") == std::string::npos) {
      // Figures, not their size: on a loaded machine every core's L1 copy, which pays a fork and a
      // join, can round to 0.0. "-" for every core where no MIMD backend runs here.
      std::string one, every;
      std::istringstream(line.substr(58)) >> one >> every;
      auto is_figure = [](const std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        return !text.empty() && *end == '\0' && v >= 0;
      };
      EXPECT_TRUE(is_figure(one)) << line;
      EXPECT_TRUE(every == "-" || is_figure(every)) << line;
      ++measured_levels;
    }
  EXPECT_GT(measured_levels, 0) << info.output;
}

TEST(Driver, EachKernelTakesTheSizesWrittenItsWay) {
  // Named kernels must take every size given; by default, a kernel that takes none is left out, and said so.
  expect_usage_error("run -k mandelbrot -n 4099", "no kernel selected takes such a size");
  expect_usage_error("run -k mandelbrot,triad -n 4099", "mandelbrot is a 2-D kernel");
  expect_usage_error("run -k triad -n 64x64", "no kernel selected takes such a size");
  const Outcome o = flynn("run -b scalar -n 1000 -r 1 --warmup 0 --no-progress");
  EXPECT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("Not run: mandelbrot"), std::string::npos) << o.output;
  // A size typed for every kernel is a stream size: past a second or two a run on one core, the
  // O(N^2) and O(N^3) kernels are left out unless named (at 2^20 bodies nbody took 0.75 s a run on
  // an H200, and would take most of an hour on one core).
  const Outcome sweep = flynn("run -b scalar -n 20000,30000 -r 1 --warmup 0 --no-progress");
  EXPECT_EQ(sweep.code, 0) << sweep.output;
  EXPECT_NE(sweep.output.find("Not run: nbody at 20000, 30000 (a run of every kernel gives it at most 16384; name "
                              "it with --kernels for sizes up to 1048576)"),
            std::string::npos)
      << sweep.output;
  // Past what even a named gemm takes, the run says so, and does not offer --kernels.
  EXPECT_NE(sweep.output.find("Not run: gemm at 20000, 30000 (at most 16384: "), std::string::npos) << sweep.output;
  EXPECT_NE(sweep.output.find("\ntriad "), std::string::npos) << "the stream kernels run: " << sweep.output;
  expect_usage_error("run -k nbody -n 2^21", "size 2^21 is too large for nbody: at most 1048576");
  const Outcome both = flynn("run -k triad,mandelbrot -b scalar -n 1000,40x30 -r 1 --warmup 0 --no-progress");
  EXPECT_EQ(both.code, 0) << both.output;
  EXPECT_NE(both.output.find("40x30"), std::string::npos) << both.output;
  EXPECT_NE(both.output.find("Mpixel/s"), std::string::npos) << both.output;
}

TEST(Driver, DefaultRunOnTinySizesVerifiesEveryAvailablePair) {
  // 1000 (257 under an emulator, qemu) leaves a tail for every lane count; larger awkward sizes are
  // the registry tests' (at 4099, gemm's 1.4e11 flops took minutes a row on one scalar core, and
  // under qemu nbody's took a minute; gemm's at 1000 would too).
  const std::string sizes = std::string(FLYNN_LAUNCHER).empty() ? "1000,100x37" : "257,100x37";
  const Outcome o = flynn("run --size " + sizes + " --reps 2 --warmup 1 --precision float,double");
  EXPECT_EQ(o.code, 0) << o.output;
  EXPECT_EQ(o.output.find("FAILED"), std::string::npos) << o.output;
  EXPECT_EQ(o.output.find(" error: "), std::string::npos) << o.output;  // a row that threw
  for (const char* k : {"copy", "mul", "add", "triad", "dot", "nstream", "mandelbrot"})
    EXPECT_NE(o.output.find(k), std::string::npos) << k;
  EXPECT_EQ(o.output.find("Not run"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("What each class bought"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("SISD"), std::string::npos);
  EXPECT_NE(o.output.find("MIMD"), std::string::npos);
}

TEST(Driver, ColdCacheRunsVerifyAndAreRecorded) {
  const auto [o, doc] =
      flynn_json("run --kernels triad,dot --size 4099 --reps 2 --cold-cache --no-progress", "flynn-cold.json");
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_EQ(o.output.find("FAILED"), std::string::npos) << o.output;
  EXPECT_EQ(doc["context"]["cold_cache"], true);
}

// Where the data are placed (host pages by one thread; GPU copies from pageable memory) is a choice
// a run records; with no GPU, --host-memory changes nothing but the record.
TEST(Driver, PlacementOptionsRunVerifyAndAreRecorded) {
  const auto [o, doc] = flynn_json(
      "run --kernels triad,dot --size 4099 --reps 2 --first-touch serial --host-memory pageable --no-progress",
      "flynn-touch.json");
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_EQ(o.output.find("FAILED"), std::string::npos) << o.output;
  EXPECT_EQ(doc["context"]["first_touch"], "serial");
  EXPECT_EQ(doc["context"]["host_memory"], "pageable");
  for (const auto& r : doc["results"])
    if (r["flynn_class"] == "SIMT" && r["status"] == "ok")
      EXPECT_NE(r["note"].get<std::string>().find("pageable"), std::string::npos) << r;
}

// A list of thread counts gives the MIMD backend one row per count, labelled with it; more threads
// than hardware threads is allowed and said to be concurrency, not parallelism.
TEST(Driver, ThreadCountListsGiveOneMimdRowPerCount) {
  if (!std::string(FLYNN_LAUNCHER).empty())
    GTEST_SKIP() << "under an emulator (qemu-user hangs on a program's second thread)";
  const unsigned oversubscribed = 2 * std::max(1u, std::thread::hardware_concurrency()) + 1;
  const auto [o, doc] = flynn_json("run --kernels triad --backends scalar,threads --threads 1,2," +
                                       std::to_string(oversubscribed) + " --size 4099 --reps 2 --no-progress",
                                   "flynn-threads.json");
  ASSERT_EQ(o.code, 0) << o.output;
  ASSERT_EQ(doc["results"].size(), 4u);  // scalar once, threads three times
  EXPECT_EQ(doc["results"][0]["label"], "scalar");
  const std::vector<unsigned> counts{1, 2, oversubscribed};
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto& r = doc["results"][i + 1];
    EXPECT_EQ(r["backend"], "threads");
    EXPECT_EQ(r["label"], "threads:" + std::to_string(counts[i]));
    EXPECT_EQ(r["threads_requested"], counts[i]);
    EXPECT_EQ(r["verified"], true);
    EXPECT_EQ(r["width"].get<std::string>().rfind(std::to_string(counts[i]) + " threads", 0), 0u) << r["width"];
  }
  EXPECT_NE(doc["results"][3]["note"].get<std::string>().find("concurrency, not parallelism"), std::string::npos)
      << doc["results"][3]["note"];
  EXPECT_NE(o.output.find("threads:2"), std::string::npos) << o.output;
}

TEST(Driver, JsonHasContextAndEveryResultField) {
  const auto [o, doc] = flynn_json(
      "run --kernels triad,dot --backends scalar,simd,threads --size 4099 --reps 3 --precision float", "flynn.json");
  ASSERT_EQ(o.code, 0) << o.output;
  for (const char* key : {"date", "host", "cpu", "cores", "caches", "numa_nodes", "gpus", "compiler", "flags",
                          "build_type", "xsimd_version", "cuda_version"})
    EXPECT_TRUE(doc["context"].contains(key)) << key;
  ASSERT_EQ(doc["results"].size(), 6u);
  for (const auto& r : doc["results"]) {
    for (const char* key : {"kernel",
                            "backend",
                            "flynn_class",
                            "bound",
                            "precision",
                            "size",
                            "bytes",
                            "flops",
                            "reps",
                            "batch",
                            "time_min_s",
                            "time_median_s",
                            "time_max_s",
                            "samples",
                            "noise",
                            "noisy",
                            "settled",
                            "gbps",
                            "gflops",
                            "speedup_vs_scalar",
                            "verified",
                            "e2e_time_median_s",
                            "e2e_gbps",
                            "copy_reference",
                            "copy_reference_gbps",
                            "fraction_of_copy_reference"})
      EXPECT_TRUE(r.contains(key)) << key;
    EXPECT_EQ(r["verified"], true);
    EXPECT_EQ(r["size"], 4099);
    EXPECT_EQ(r["precision"], "float");
    EXPECT_GE(r["batch"].get<std::size_t>(), 1u);  // 4099 floats take microseconds: batched
    EXPECT_LE(r["time_min_s"].get<double>(), r["time_median_s"].get<double>());
    EXPECT_LE(r["time_median_s"].get<double>(), r["time_max_s"].get<double>());
    EXPECT_NEAR(r["gbps"].get<double>(), r["bytes"].get<double>() / r["time_median_s"].get<double>() / 1e9,
                1e-6 * r["gbps"].get<double>());
    EXPECT_GT(r["speedup_vs_scalar"].get<double>(), 0);
    // The roofline: measured ceilings, and a bound that follows from them.
    for (const char* key : {"arithmetic_intensity", "peak_gflops", "ceiling_copy_gbps", "balance"}) {
      ASSERT_TRUE(r[key].is_number()) << key << ": " << r[key];
      EXPECT_GE(r[key].get<double>(), 0) << key;
    }
    EXPECT_GT(r["peak_gflops"].get<double>(), 0);
    EXPECT_NEAR(r["balance"].get<double>(), r["peak_gflops"].get<double>() / r["ceiling_copy_gbps"].get<double>(),
                1e-9 * r["balance"].get<double>());
    EXPECT_DOUBLE_EQ(r["arithmetic_intensity"].get<double>(), r["flops"].get<double>() / r["bytes"].get<double>());
    EXPECT_EQ(r["roofline_bound"],
              r["arithmetic_intensity"].get<double>() < r["balance"].get<double>() ? "memory" : "compute");
  }
  EXPECT_EQ(doc["results"][0]["bytes"], 3 * 4099 * 4);  // triad moves three float arrays
  EXPECT_NE(o.output.find("What bounds each kernel"), std::string::npos) << o.output;
}

// docs/results-format.md names every field the driver writes, so a new field cannot go undocumented.
TEST(Driver, EveryJsonFieldIsDocumented) {
  const auto [o, doc] =
      flynn_json("run --kernels triad --backends scalar,threads --size 1000 --reps 1 --no-progress", "flynn-doc.json");
  ASSERT_EQ(o.code, 0) << o.output;
  expect_documented(doc["context"], "context");
  for (const char* nested : {"caches", "numa_nodes", "gpus"})
    for (const auto& entry : doc["context"][nested]) expect_documented(entry, std::string("context.") + nested);
  for (const auto& r : doc["results"]) expect_documented(r, "results");
}

TEST(Driver, CsvHasHeaderAndOneLinePerResult) {
  const auto path = temp_file("flynn.csv");
  const Outcome o = flynn("run --kernels copy,add --backends scalar --size 100 --reps 1 --csv " + path.string());
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::filesystem::remove(path);
  ASSERT_EQ(lines.size(), 3u);
  for (const char* key : {"kernel", "backend", "gbps", "time_median_s", "verified"})
    EXPECT_NE(lines[0].find(key), std::string::npos);
}

}  // namespace
