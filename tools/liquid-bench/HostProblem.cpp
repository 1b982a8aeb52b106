//===- HostProblem.cpp - Random W4A8 problems and their reference ---------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "HostProblem.h"

#include "Parallel.h"

#include "liquid/Quant/DualMmaLayout.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace liquid;
using namespace liquid::bench;

/// Streams of the random generator, one per kind of data.
enum : uint64_t { kWeightStream = 1, kTokenStream = 2, kScaleStream = 3 };

HostWeights liquid::bench::makeHostWeights(int64_t n, int64_t k, int64_t g,
                                           uint64_t seed) {
  std::vector<float> w(static_cast<size_t>(n * k));
  parallelChunks(n, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      SplitMix64 rng(rowSeed(seed, kWeightStream, row));
      for (int64_t i = 0; i < k; ++i)
        w[row * k + i] = static_cast<float>(2 * rng.uniform() - 1);
    }
  });

  // Every output channel is quantized on its own, so row chunks can be
  // quantized in parallel and concatenated.
  const int64_t chunkRows = std::max<int64_t>(1, n / 64);
  const int64_t chunks = (n + chunkRows - 1) / chunkRows;
  std::vector<quant::QuantizedWeights> parts(chunks);
  parallelChunks(chunks, [&](int64_t begin, int64_t end) {
    for (int64_t c = begin; c < end; ++c) {
      int64_t r0 = c * chunkRows, rows = std::min(chunkRows, n - r0);
      parts[c] = quant::quantizeWeights(w.data() + r0 * k, rows, k, g);
    }
  });
  w = {};

  HostWeights out;
  quant::QuantizedWeights &q = out.quantized;
  q.n = n;
  q.k = k;
  q.groupSize = g;
  for (const quant::QuantizedWeights &part : parts) {
    q.codes.insert(q.codes.end(), part.codes.begin(), part.codes.end());
    q.scales.insert(q.scales.end(), part.scales.begin(), part.scales.end());
    q.offsets.insert(q.offsets.end(), part.offsets.begin(), part.offsets.end());
    q.channelScales.insert(q.channelScales.end(), part.channelScales.begin(),
                           part.channelScales.end());
  }
  out.packed = quant::packDualMma(q.codes.data(), n, k);
  out.packedScales = quant::packGroupParams(q.scales.data(), n, q.numGroups());
  out.packedOffsets =
      quant::packGroupParams(q.offsets.data(), n, q.numGroups());
  return out;
}

HostTokens liquid::bench::makeHostTokens(int64_t m, int64_t k, uint64_t seed) {
  HostTokens t;
  t.m = m;
  t.x.resize(static_cast<size_t>(m * k));
  t.sx.resize(m);
  t.xsum.resize(m);
  // acc = sum_k x * q8 has a standard deviation of about sqrt(K) * 73.6 * 68.7
  // for uniform x and q8, and s1 is about 1/119, so this sx puts Y near 1.
  const double unitScale = 1.0 / (std::sqrt(double(k)) * 42.5);
  parallelChunks(m, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      SplitMix64 rng(rowSeed(seed, kTokenStream, row));
      int32_t sum = 0;
      for (int64_t i = 0; i < k; ++i) {
        int8_t v = static_cast<int8_t>(int(rng.next() % 255) - 127);
        t.x[row * k + i] = v;
        sum += v;
      }
      t.xsum[row] = sum;
      SplitMix64 scale(rowSeed(seed, kScaleStream, row));
      t.sx[row] = static_cast<float>((0.5 + scale.uniform()) * unitScale);
    }
  });
  return t;
}

std::vector<int64_t> liquid::bench::rowsToCheck(int64_t m, int64_t limit) {
  std::vector<int64_t> rows;
  if (m <= limit) {
    for (int64_t r = 0; r < m; ++r)
      rows.push_back(r);
    return rows;
  }
  // The first and last token tiles (partial tiles live at the end), then
  // rows spread over the middle with an odd stride so that they fall on
  // different positions within the tiles.
  int64_t edge = std::max<int64_t>(1, limit / 4);
  for (int64_t r = 0; r < edge; ++r) {
    rows.push_back(r);
    rows.push_back(m - 1 - r);
  }
  int64_t middle = limit - 2 * edge;
  for (int64_t i = 0; i < middle; ++i)
    rows.push_back(edge + (i * (m - 2 * edge)) / std::max<int64_t>(1, middle));
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

/// Smallest normal binary16: below it fp16 has only absolute precision
/// (2^-24), so relative errors are measured against at least this.
static constexpr double kHalfMinNormal = 0x1.0p-14;

CheckResult liquid::bench::checkOutput(const HostWeights &weights,
                                       const HostTokens &tokens,
                                       const std::vector<uint16_t> &y,
                                       const std::vector<int64_t> &rows) {
  const quant::QuantizedWeights &q = weights.quantized;
  const int64_t n = q.n, k = q.k, count = static_cast<int64_t>(rows.size());

  // The reference of the checked rows only, in parallel row chunks.
  std::vector<int8_t> x(static_cast<size_t>(count * k));
  std::vector<float> sx(count);
  for (int64_t i = 0; i < count; ++i) {
    std::copy_n(tokens.x.begin() + rows[i] * k, k, x.begin() + i * k);
    sx[i] = tokens.sx[rows[i]];
  }
  std::vector<int32_t> acc(static_cast<size_t>(count * n));
  std::vector<uint16_t> ref(static_cast<size_t>(count * n));
  parallelChunks(count, [&](int64_t begin, int64_t end) {
    quant::referenceGemm(x.data() + begin * k, end - begin, q,
                         sx.data() + begin, acc.data() + begin * n,
                         ref.data() + begin * n);
  });

  std::vector<double> exact(acc.size());
  double maxAbs = 0;
  for (int64_t i = 0; i < count; ++i)
    for (int64_t col = 0; col < n; ++col) {
      double v = double(acc[i * n + col]) * double(sx[i]) *
                 double(q.channelScales[col]);
      exact[i * n + col] = v;
      maxAbs = std::max(maxAbs, std::fabs(v));
    }
  const double floor = std::max(1e-6 * maxAbs, kHalfMinNormal);

  CheckResult r;
  double worst = -1;
  r.rowsChecked = count;
  r.elements = count * n;
  for (int64_t i = 0; i < count; ++i)
    for (int64_t col = 0; col < n; ++col) {
      uint16_t got = y[rows[i] * n + col];
      uint16_t want = ref[i * n + col];
      double target = exact[i * n + col];
      double denom = std::max(std::fabs(target), floor);
      if (got == want)
        ++r.exact;
      else
        ++r.bitwiseMismatches;
      if (got == 0xFFFF)
        ++r.unwritten;
      double value = quant::halfToFloat(got);
      double err = std::isfinite(value)
                       ? std::fabs(value - target) / denom
                       : std::numeric_limits<double>::infinity();
      if (!std::isfinite(value))
        ++r.nonFinite;
      if (err > worst) {
        worst = err;
        r.worstRow = rows[i];
        r.worstCol = col;
        r.worstGot = value;
        r.worstRef = target;
      }
      double refErr =
          std::fabs(double(quant::halfToFloat(want)) - target) / denom;
      r.referenceMaxRelErr = std::max(r.referenceMaxRelErr, refErr);
    }
  r.maxRelErr = std::max(worst, 0.0);
  r.passed = r.elements > 0 && r.nonFinite == 0 && r.maxRelErr <= kMaxRelErr;
  return r;
}
