"""GPU tests: a compiled kernel and LiquidLinear against the CPU reference,
bit for bit. Need torch, a CUDA device (Hopper), libLiquidRuntimeC.so and
liquid-compile (or a cache directory with the kernels: LIQUID_CACHE_DIR)."""

import json

import numpy as np
import pytest

import liquid

pytestmark = pytest.mark.gpu

torch = pytest.importorskip("torch", reason="the GPU tests need PyTorch")
if not torch.cuda.is_available():
    pytest.skip("the GPU tests need a CUDA device", allow_module_level=True)

N, K, G = 256, 256, 64


@pytest.fixture(scope="module", autouse=True)
def runtime_library():
    from liquid import _runtime

    try:
        _runtime.load()
    except _runtime.RuntimeUnavailable as error:
        pytest.skip(f"the GPU tests need libLiquidRuntimeC.so: {error}")


def quantized(seed, n=N, k=K, group=G):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n, k)).astype(np.float32)
    return liquid.quantize_weights(w, group)


@pytest.mark.parametrize("mode", ["xor", "offset"])
@pytest.mark.parametrize("m", [1, 16, 100])
def test_kernel_matches_reference(mode, m):
    kernel = liquid.compile(N, K, G, mode=mode)
    q = quantized(1)
    weights = liquid.PackedWeights.from_quantized(q, "cuda")
    rng = np.random.default_rng(m)
    x = rng.integers(-127, 128, size=(m, K), dtype=np.int8)
    sx = (rng.random(m, dtype=np.float32) * 0.01 + 1e-4).astype(np.float32)
    xsum = x.astype(np.int32).sum(axis=1, dtype=np.int32)
    out = kernel(torch.from_numpy(x).cuda(), torch.from_numpy(sx).cuda(), weights,
                 xsum=torch.from_numpy(xsum).cuda())
    torch.cuda.synchronize()
    _, expected = liquid.reference_gemm(x, q, sx)
    got = out.cpu().numpy()
    assert got.dtype == np.float16 and got.shape == (m, N)
    np.testing.assert_array_equal(got.view(np.uint16), expected.view(np.uint16))


def test_out_buffer_and_repeated_launches():
    kernel = liquid.compile(N, K, G)
    q = quantized(2)
    weights = liquid.PackedWeights.from_quantized(q, "cuda")
    x = torch.randint(-127, 128, (16, K), dtype=torch.int8, device="cuda")
    sx = torch.full((16,), 0.003, dtype=torch.float32, device="cuda")
    out = torch.empty((16, N), dtype=torch.float16, device="cuda")
    for _ in range(3):
        assert kernel(x, sx, weights, out=out) is out
    _, expected = liquid.reference_gemm(x.cpu().numpy(), q, sx.cpu().numpy())
    np.testing.assert_array_equal(out.cpu().numpy().view(np.uint16),
                                  expected.view(np.uint16))


@pytest.mark.parametrize("n,k,m_max", [(N, K, 256), (512, 4096, 16)])
def test_cuda_graph_capture(n, k, m_max):
    """A launch is capturable in a CUDA graph once the kernel has run with the
    same buffers (descriptors uploaded, split-K workspace reserved); each
    replay recomputes from the current contents of the captured buffers. The
    second problem is split along K (its workspace must be clean after every
    replay)."""
    kernel = liquid.compile(n, k, G, m_max=m_max)
    q = quantized(4, n=n, k=k)
    weights = liquid.PackedWeights.from_quantized(q, "cuda")
    m = 12
    x = torch.empty((m, k), dtype=torch.int8, device="cuda")
    sx = torch.empty((m,), dtype=torch.float32, device="cuda")
    out = torch.empty((m, n), dtype=torch.float16, device="cuda")
    stream = torch.cuda.Stream()
    with torch.cuda.stream(stream):
        kernel(x.zero_(), sx.fill_(1.0), weights, out=out)
        stream.synchronize()
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph, stream=stream):
            kernel(x, sx, weights, out=out)
    for seed in range(3):
        rng = np.random.default_rng(100 + seed)
        x_host = rng.integers(-127, 128, size=(m, k), dtype=np.int8)
        sx_host = (rng.random(m, dtype=np.float32) * 0.01 + 1e-4).astype(np.float32)
        x.copy_(torch.from_numpy(x_host))
        sx.copy_(torch.from_numpy(sx_host))
        out.fill_(float("nan"))
        graph.replay()
        torch.cuda.synchronize()
        _, expected = liquid.reference_gemm(x_host, q, sx_host)
        np.testing.assert_array_equal(out.cpu().numpy().view(np.uint16),
                                      expected.view(np.uint16))


def test_argument_checks():
    kernel = liquid.compile(N, K, G, mode="offset")
    weights = liquid.PackedWeights.from_quantized(quantized(3), "cuda")
    x = torch.zeros((4, K), dtype=torch.int8, device="cuda")
    sx = torch.ones(4, dtype=torch.float32, device="cuda")
    with pytest.raises(ValueError, match="xsum"):
        kernel(x, sx, weights)
    xsum = torch.zeros(4, dtype=torch.int32, device="cuda")
    with pytest.raises(TypeError, match="x_scale"):
        kernel(x, sx.half(), weights, xsum=xsum)
    with pytest.raises(ValueError, match="x_q"):
        kernel(x[:, :128], sx, weights, xsum=xsum)
    with pytest.raises(ValueError, match="x_q must be on a CUDA device"):
        kernel(x.cpu(), sx, weights, xsum=xsum)
    with pytest.raises(ValueError, match="contiguous"):
        kernel(torch.zeros((K, 4), dtype=torch.int8, device="cuda").t(), sx, weights,
               xsum=xsum)
    with pytest.raises(ValueError, match="out"):
        kernel(x, sx, weights, xsum=xsum,
               out=torch.empty((4, N + 1), dtype=torch.float16, device="cuda"))


def test_misaligned_tensor_is_refused():
    kernel = liquid.compile(N, K, G)
    weights = liquid.PackedWeights.from_quantized(quantized(3), "cuda")
    sx = torch.ones(4, dtype=torch.float32, device="cuda")
    flat = torch.zeros(4 * K + 1, dtype=torch.int8, device="cuda")
    x = flat[1:].view(4, K)
    with pytest.raises(ValueError, match=r"x_q must be 16-byte aligned"):
        kernel(x, sx, weights)


def test_tensors_on_two_devices_are_refused():
    if torch.cuda.device_count() < 2:
        pytest.skip("needs two CUDA devices")
    kernel = liquid.compile(N, K, G)
    weights = liquid.PackedWeights.from_quantized(quantized(3), "cuda:1")
    x = torch.zeros((4, K), dtype=torch.int8, device="cuda:0")
    sx = torch.ones(4, dtype=torch.float32, device="cuda:0")
    with pytest.raises(ValueError, match=r"weights.packed is on cuda:1, expected cuda:0"):
        kernel(x, sx, weights)

    # The C++ runtime refuses it too, for callers that pass addresses.
    from liquid import _runtime

    out = torch.empty((4, N), dtype=torch.float16, device="cuda:0")
    tensors = [x, weights.packed, weights.scales, weights.offsets,
               weights.channel_scales, sx, None, out]
    addresses = [0 if t is None else t.data_ptr() for t in tensors]
    sizes = [0 if t is None else t.numel() * t.element_size() for t in tensors]
    with pytest.raises(_runtime.RuntimeCallError,
                       match=rf"^operand 'weights' at {hex(addresses[1])} is memory of "
                             rf"device 1, but kernel '{kernel.name}' runs on device 0$"):
        _runtime.launch(kernel._handle(x.device), addresses, sizes, 4,
                        torch.cuda.current_stream(0).cuda_stream)


def test_runtime_refusals_reach_python(tmp_path):
    """The C++ runtime's own refusals (LaunchPlan.cpp, Kernel.cpp, the C API)
    arrive as RuntimeCallError with liquidRuntimeLastError's message, and
    launch nothing: the kernel still computes the right result afterwards."""
    from liquid import _runtime

    kernel = liquid.compile(N, K, G)
    q = quantized(5)
    weights = liquid.PackedWeights.from_quantized(q, "cuda")
    m = 4
    x = torch.randint(-127, 128, (m, K), dtype=torch.int8, device="cuda")
    sx = torch.full((m,), 0.002, dtype=torch.float32, device="cuda")
    out = torch.empty((m, N), dtype=torch.float16, device="cuda")
    tensors = {"activations": x, "weights": weights.packed,
               "group_scales": weights.scales, "group_offsets": weights.offsets,
               "channel_scales": weights.channel_scales, "token_scales": sx,
               "xsum": None, "out": out}
    addresses = [0 if t is None else t.data_ptr() for t in tensors.values()]
    sizes = [0 if t is None else t.numel() * t.element_size() for t in tensors.values()]
    handle = kernel._handle(x.device)
    stream = torch.cuda.current_stream().cuda_stream

    def refused(addr, size, tokens, message, h=handle):
        with pytest.raises(_runtime.RuntimeCallError, match=message):
            _runtime.launch(h, addr, size, tokens, stream)

    refused(addresses, sizes, 0, r"^M must be >= 1, got 0$")
    refused(addresses, sizes, 2**31, r"^M = 2147483648 exceeds the kernel's i32 token count$")
    refused([0] + addresses[1:], sizes, m, r"^operand 'activations' is a null pointer$")
    refused([addresses[0] + 8] + addresses[1:], sizes, m,
            r"^operand 'activations' at 0x[0-9a-f]+ is not 16-byte aligned$")
    short = sizes[:7] + [sizes[7] - 1]
    refused(addresses, short, m,
            rf"^operand 'out' has {sizes[7] - 1} bytes but f16 \[M, {N}\] at M = {m} "
            rf"needs {sizes[7]} bytes$")
    refused(addresses, sizes, m, r"^kernel must be a handle from liquidRuntimeLoad$", h=0)

    # Memory the GPU cannot read (the kernel would fault on it and poison the
    # context): a numpy array (malloc'ed host memory), page-locked host memory.
    host = np.zeros(sizes[0] + 16, dtype=np.int8)
    host_address = (host.ctypes.data + 15) // 16 * 16
    refused([host_address] + addresses[1:], sizes, m,
            rf"^operand 'activations' at {hex(host_address)} is not device memory: "
            r"no CUDA allocation covers it \(a host pointer\?\)$")
    pinned = x.cpu().pin_memory()
    refused([pinned.data_ptr()] + addresses[1:], sizes, m,
            rf"^operand 'activations' at {hex(pinned.data_ptr())} is page-locked host "
            rf"memory; kernel '{kernel.name}' reads its operands from device memory$")

    # Loading: a missing or empty cubin, a manifest naming another kernel.
    with pytest.raises(_runtime.RuntimeCallError, match=r"^cannot open cubin '.*missing\.cubin'"):
        _runtime.load_kernel(tmp_path / "missing.cubin", kernel.manifest_path)
    empty = tmp_path / "empty.cubin"
    empty.write_bytes(b"")
    with pytest.raises(_runtime.RuntimeCallError, match=r"^cubin '.*empty\.cubin' is empty$"):
        _runtime.load_kernel(empty, kernel.manifest_path)
    renamed = dict(kernel.manifest, kernel="liquid_no_such_kernel")
    renamed_path = tmp_path / "renamed.json"
    renamed_path.write_text(json.dumps(renamed))
    with pytest.raises(_runtime.RuntimeCallError,
                       match=r"^the cubin has no kernel named 'liquid_no_such_kernel'$"):
        _runtime.load_kernel(kernel.cubin_path, renamed_path)

    corrupt = tmp_path / "corrupt.cubin"
    corrupt.write_bytes(b".version 8.4\n.target sm_90a\n")  # PTX text, no NUL
    with pytest.raises(_runtime.RuntimeCallError,
                       match=r"^the cubin of kernel '.*' is not an ELF image"):
        _runtime.load_kernel(corrupt, kernel.manifest_path)
    wide = dict(kernel.manifest, launch=dict(kernel.manifest["launch"], block=[512, 1, 1]))
    wide_path = tmp_path / "wide.json"
    wide_path.write_text(json.dumps(wide))
    with pytest.raises(_runtime.RuntimeCallError,
                       match=r"^the manifest launches 512 threads per block but kernel "
                             r"'.*' allows \d+$"):
        _runtime.load_kernel(kernel.cubin_path, wide_path)

    # The C API's own argument checks.
    import ctypes

    lib = _runtime.load()
    out_handle = ctypes.c_void_p()
    cubin = bytes(kernel.cubin_path)
    manifest = bytes(kernel.manifest_path)
    for args, message in [((cubin, manifest, None), "kernelOut must not be null"),
                          ((None, manifest, ctypes.byref(out_handle)), "cubinPath must not be null"),
                          ((cubin, None, ctypes.byref(out_handle)), "manifestPath must not be null")]:
        assert lib.liquidRuntimeLoad(*args) != 0
        assert lib.liquidRuntimeLastError().decode() == message
    addr = (ctypes.c_uint64 * 8)(*addresses)
    size = (ctypes.c_uint64 * 8)(*sizes)
    assert lib.liquidRuntimeLaunch(ctypes.c_void_p(handle), None, size, m, None) != 0
    assert lib.liquidRuntimeLastError().decode() == "operandAddresses must not be null"
    assert lib.liquidRuntimeLaunch(ctypes.c_void_p(handle), addr, None, m, None) != 0
    assert lib.liquidRuntimeLastError().decode() == "operandBytes must not be null"
    assert lib.liquidRuntimeGetProblem(None, None, None, None, None) != 0
    assert (lib.liquidRuntimeLastError().decode()
            == "kernel must be a handle from liquidRuntimeLoad")

    # Nothing was launched: the same handle still computes the product.
    kernel(x, sx, weights, out=out)
    torch.cuda.synchronize()
    _, expected = liquid.reference_gemm(x.cpu().numpy(), q, sx.cpu().numpy())
    np.testing.assert_array_equal(out.cpu().numpy().view(np.uint16), expected.view(np.uint16))


def test_python_argument_refusals():
    kernel = liquid.compile(N, K, G)
    weights = liquid.PackedWeights.from_quantized(quantized(3), "cuda")
    x = torch.zeros((4, K), dtype=torch.int8, device="cuda")
    sx = torch.ones(4, dtype=torch.float32, device="cuda")
    with pytest.raises(ValueError, match=r"x_q must have at least one row \(M >= 1\)"):
        kernel(x[:0], sx[:0], weights)
    with pytest.raises(TypeError, match=r"weights must be PackedWeights, got tuple"):
        kernel(x, sx, (weights.packed, weights.scales))
    other = liquid.PackedWeights.from_quantized(quantized(3, n=2 * N), "cuda")
    with pytest.raises(ValueError, match=rf"weights are for n={2 * N} k={K} group={G}, "
                                         rf"the kernel for n={N} k={K} group={G}"):
        kernel(x, sx, other)
    with pytest.raises(ValueError, match=r"x must be a 2-D floating-point torch.Tensor"):
        liquid.quantize_activations(torch.zeros(4, K, dtype=torch.int8, device="cuda"))


def test_quantize_activations_matches_numpy():
    x = torch.randn(37, K, dtype=torch.float16, device="cuda")
    x[3] = 0
    x_q, scale, xsum = liquid.quantize_activations(x)
    r_q, r_scale, r_sum = liquid.quantize_activations_reference(x.float().cpu().numpy())
    np.testing.assert_array_equal(x_q.cpu().numpy(), r_q)
    np.testing.assert_array_equal(scale.cpu().numpy(), r_scale)
    np.testing.assert_array_equal(xsum.cpu().numpy(), r_sum)


@pytest.mark.parametrize("mode", ["xor", "offset"])
@pytest.mark.parametrize("bias", [False, True])
def test_liquid_linear_matches_reference(mode, bias):
    torch.manual_seed(0)
    linear = torch.nn.Linear(K, N, bias=bias).cuda().half()
    layer = liquid.LiquidLinear.from_linear(linear, group=G, mode=mode)
    x = torch.randn(2, 50, K, dtype=torch.float16, device="cuda")
    y = layer(x)
    assert y.shape == (2, 50, N) and y.dtype == torch.float16
    expected = layer.forward_reference(x)
    assert expected.device == y.device
    np.testing.assert_array_equal(y.cpu().numpy().view(np.uint16),
                                  expected.cpu().numpy().view(np.uint16))
    # And close to the float layer it replaces.
    ref = linear(x).float()
    error = (y.float() - ref).norm() / ref.norm()
    assert error < 0.1
