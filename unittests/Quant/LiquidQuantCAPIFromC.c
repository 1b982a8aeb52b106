/*===- LiquidQuantCAPIFromC.c - The C API header, compiled as C ----------===*\
|*                                                                            *|
|* Part of the liquid project.                                                *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* Proves that liquid-c/LiquidQuant.h is valid C and that its functions link  *|
|* from a C translation unit; LiquidQuantCAPITest.cpp calls this function.    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "liquid-c/LiquidQuant.h"

#include <string.h>

/* Quantizes a 64 x 64 ramp and packs it; returns 0 when both calls succeed
 * and a bad call fails with a message, non-zero otherwise. */
int liquidQuantCAPIRoundTripFromC(void) {
  enum { N = 64, K = 64, G = 64 };
  static float w[N * K];
  static uint8_t codes[N * K], packed[N * K / 2], unpacked[N * K];
  uint8_t scales[N], offsets[N];
  float channelScales[N];
  int i;
  for (i = 0; i < N * K; ++i)
    w[i] = (float)(i % 97) - 48.0f;
  if (liquidQuantQuantizeF32(w, N, K, G, codes, scales, offsets,
                             channelScales) != 0)
    return 1;
  if (liquidQuantPackDualMma(codes, N, K, packed) != 0)
    return 2;
  if (liquidQuantUnpackDualMma(packed, N, K, unpacked) != 0)
    return 3;
  if (memcmp(codes, unpacked, sizeof(codes)) != 0)
    return 4;
  if (liquidQuantPackDualMma(codes, N, K + 1, packed) == 0)
    return 5;
  if (strlen(liquidQuantLastError()) == 0)
    return 6;
  return 0;
}
