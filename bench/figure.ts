/**
 * A benchmark figure: median times for our code, for a named baseline (today's reference: another project's
 * verifier, or our own code on the noble lane) and for the floor (the raw fastest primitive on the same data,
 * with nothing around it), all measured in the same run, so both ratios hold across machines.
 */
export interface Figure {
  id: string
  /** What is measured, e.g. `eth_getProof verification, 24 real proofs`. */
  what: string
  unit: 'ms' | 'us'
  /** The baseline's name, e.g. `@ethereumjs/mpt verifyMerkleProof`. */
  baseline: string
  /** The floor's name, e.g. `hash-wasm keccak-256 of exactly the proof nodes the walks hash`. */
  floor: string
  /**
   * The goal, as `ratio <= 0.2`, `floorRatio <= 1.5` or both joined by ` and ` (the harness evaluates it;
   * anything else is reported as text only).
   */
  goal: string
  /** Builds the runner; called once, after the host chose its backends (initBackends). */
  setup(): Promise<FigureRunner>
}

export interface FigureRunner {
  /** One repetition of our side; returns nothing, the harness times it. */
  ours(): unknown | Promise<unknown>
  /** One repetition of the baseline on the same data. */
  baseline(): unknown | Promise<unknown>
  /** One repetition of the floor on the same data; when absent the floor is derived from the baseline. */
  floor?(): unknown | Promise<unknown>
  /**
   * A factor applied to the floor's median, or to the baseline's when there is no floor function (½: the
   * ideal time on two workers is half the time on one).
   */
  floorScale?: number
  /** Optional: releases what setup started (a local test world). */
  teardown?(): unknown | Promise<unknown>
  /** Which implementation each side ran on, e.g. `{ ours: 'hash-wasm keccak-256', … }`. */
  backends: { ours: string; baseline: string; floor: string }
  /** Optional: how many repetitions give a stable median (default 30). */
  repetitions?: number
}
