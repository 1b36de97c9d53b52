import type { InferenceDevice } from './transformers-env';
import { probeGpuAdapter } from './webgpu';

/** Where a Hub model runs here, with which weights, and why. */
export interface HubDevicePlan {
  device: InferenceDevice;
  /** transformers.js dtype: picks `onnx/model_quantized.onnx` (q8), `model_fp16.onnx` or `model.onnx` (fp32). */
  dtype: 'q8' | 'fp16' | 'fp32';
  /**
   * `webgpu-gpu`: a hardware adapter is there, and large models run faster on it than on WASM.
   * `no-webgpu`: no adapter. `software-gpu`: only a software adapter (SwiftShader), slower than WASM.
   * `node`: scripts and tests (ONNX Runtime's CPU build).
   */
  reason: 'webgpu-gpu' | 'no-webgpu' | 'software-gpu' | 'node';
}

/** The weights a device gets: 8-bit on WASM and CPU (4× smaller, faster there); float on WebGPU, which has no int8 kernels. */
export function dtypeFor(device: InferenceDevice, hasShaderF16: boolean): HubDevicePlan['dtype'] {
  if (device !== 'webgpu') return 'q8';
  return hasShaderF16 ? 'fp16' : 'fp32';
}

/** The parts of a WebGPU entry point the plan uses; structural so tests pass stubs. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<unknown>;
}

function isGpuLike(value: unknown): value is GpuLike {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'requestAdapter') === 'function';
}

/** The WebGPU entry point of a `navigator` (window or worker), when it has one. */
export function readNavigatorGpu(nav: unknown): GpuLike | undefined {
  const gpu = typeof nav === 'object' && nav !== null ? Reflect.get(nav, 'gpu') : undefined;
  // The navigator's own object, not a wrapper: the probe is cached per entry point, shared with the drafting model.
  return isGpuLike(gpu) ? gpu : undefined;
}

/**
 * Decides where a Hub model runs, from the one WebGPU probe (`probeGpuAdapter`). Large Hub models (100 MB+) run
 * faster on a hardware GPU than on single-threaded WASM; a software adapter (SwiftShader, `isFallbackAdapter`) is
 * slower than WASM, so it is not used. Never throws.
 */
export async function planHubDevice(gpu: GpuLike | undefined): Promise<HubDevicePlan> {
  const report = await probeGpuAdapter(gpu);
  // A refused adapter is the same as none for this decision.
  if (report.state !== 'found') return { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' };
  if (report.isSoftware) return { device: 'wasm', dtype: 'q8', reason: 'software-gpu' };
  return { device: 'webgpu', dtype: dtypeFor('webgpu', report.hasShaderF16), reason: 'webgpu-gpu' };
}
