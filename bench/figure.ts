/**
 * A benchmark figure: a median time for our code and for a named baseline measured in the same run, so the
 * ratio holds across machines. `value` and `baselineValue` are medians in `unit`.
 */
export interface Figure {
  id: string
  /** What is measured, e.g. `eth_getProof verification, 24 real proofs`. */
  what: string
  unit: 'ms' | 'us'
  /** The baseline's name, e.g. `@ethereumjs/mpt verifyMerkleProof`. */
  baseline: string
  /** The goal as text, e.g. `ratio <= 0.33`. */
  goal: string
  /** Returns one timing sample of each side (same unit), called repeatedly by the harness. */
  setup(): Promise<FigureRunner>
}

export interface FigureRunner {
  /** One repetition of our side; returns nothing, the harness times it. */
  ours(): unknown | Promise<unknown>
  /** One repetition of the baseline on the same data. */
  baseline(): unknown | Promise<unknown>
  /** Optional: how many repetitions give a stable median (default 30). */
  repetitions?: number
}
