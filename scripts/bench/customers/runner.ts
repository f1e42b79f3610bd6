import { performance } from 'node:perf_hooks';

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests per second over the measured run. */
  throughput: number;
}

/**
 * Runs `warmup` then `requests` calls of `call(i)` with `concurrency` in flight and returns the
 * latency percentiles (milliseconds) of the measured ones. A failed call stops the run.
 */
export async function measure(
  call: (i: number) => Promise<void>,
  settings: { requests: number; warmup: number; concurrency: number },
): Promise<Latency> {
  const run = async (total: number, record?: Float64Array): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < total; i = next++) {
        const start = performance.now();
        await call(i);
        if (record) {
          record[i] = performance.now() - start;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, total) }, worker));
  };
  await run(settings.warmup);
  const samples = new Float64Array(settings.requests);
  const start = performance.now();
  await run(settings.requests, samples);
  const seconds = (performance.now() - start) / 1000;
  samples.sort();
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(q * samples.length) - 1))];
  return { count: samples.length, p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1], throughput: samples.length / seconds };
}
