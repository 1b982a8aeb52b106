//===- ManifestExample.h - The example of docs/Manifest.md ------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The manifest example of docs/Manifest.md, verbatim: the runtime must read
// what the format document shows.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H
#define LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H

namespace liquid::runtime::testing {

inline constexpr const char *kManifestExample = R"json({
  "schema": 1,
  "kernel": "liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8",
  "compiler": {"name": "liquid", "version": "0.1.0", "ptxas": "13.0"},
  "problem": {"n": 4096, "k": 4096, "group_size": 64, "mode": "xor",
              "m_max": 64, "out_type": "f16", "weight_layout": "dual_mma"},
  "config": {"token_tile": 64, "consumers": 2, "stages": 8,
             "rows_per_cta": 128, "k_per_stage": 64},
  "launch": {"block": [384, 1, 1],
             "grid": [32, "ceil(M/64)", 1],
             "dynamic_shared_memory": 99328},
  "resources": {"registers": 168, "spill_bytes": 0},
  "tensor_maps": [
    {"name": "weights", "operand": "weights", "dtype": "u8",
     "dims": [256, 8, 64, 64], "strides": [256, 2048, 131072],
     "box": [256, 8, 1, 2], "swizzle": "none", "oob_fill": "zero"},
    {"name": "activations", "operand": "activations", "dtype": "u8",
     "dims": [16, "M", 256], "strides": [4096, 16],
     "box": [16, 64, 4], "swizzle": "none", "oob_fill": "zero"}
  ],
  "params": [
    {"name": "weights_map", "kind": "tensor_map", "tensor_map": "weights"},
    {"name": "activations_map", "kind": "tensor_map", "tensor_map": "activations"},
    {"name": "group_scales", "kind": "pointer", "operand": "group_scales"},
    {"name": "group_offsets", "kind": "pointer", "operand": "group_offsets"},
    {"name": "channel_scales", "kind": "pointer", "operand": "channel_scales"},
    {"name": "token_scales", "kind": "pointer", "operand": "token_scales"},
    {"name": "xsum", "kind": "pointer", "operand": "xsum"},
    {"name": "out", "kind": "pointer", "operand": "out"},
    {"name": "m", "kind": "i32", "value": "M"}
  ],
  "operands": {
    "activations":    {"dtype": "i8",  "shape": ["M", 4096]},
    "weights":        {"dtype": "u8",  "shape": [4096, 2048]},
    "group_scales":   {"dtype": "u8",  "shape": [4096, 64]},
    "group_offsets":  {"dtype": "u8",  "shape": [4096, 64]},
    "channel_scales": {"dtype": "f32", "shape": [4096]},
    "token_scales":   {"dtype": "f32", "shape": ["M"]},
    "xsum":           {"dtype": "i32", "shape": ["M"]},
    "out":            {"dtype": "f16", "shape": ["M", 4096]}
  }
})json";

} // namespace liquid::runtime::testing

#endif // LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H
