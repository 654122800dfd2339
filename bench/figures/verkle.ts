import { existsSync } from 'node:fs'
import { fixturePath, readFixtureText } from '../../tests/support/fixtures'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import { parseJsonLossless } from '../../src/verifier/encoding/json'
import { describeWitness } from '../../src/verifier/verkle/describeWitness'
import { parseExecutionWitness } from '../../src/verifier/verkle/parseWitness'
import { verifyVerkleWitness } from '../../src/verifier/verkle/verifyVerkleWitness'
import { loadVerkleWasmBackend } from '../../src/verifier/verkle/wasmBackend'
import type { Figure } from '../figure'

/**
 * EIP-6800 witness verification end to end — lossless JSON parse of the file, zod validation and
 * normalisation, the structure checks, the WASM multiproof check, facts, and the inspector's decoded view —
 * against the floor: the same rust-verkle WASM call on the same witness JSON, with nothing around it. The
 * ratio is the price of never handing the WASM unvalidated input. Witnesses: research/verkle.md §2, each key
 * on its own stem (the worst case per key). That WASM call is both today's baseline and the floor: it is the
 * fastest multiproof verifier there is for Node and the renderer, so `ratio` and `floorRatio` are one number.
 */
const SIZES = [
  { keys: 1, repetitions: 30 },
  { keys: 100, repetitions: 15 },
  { keys: 1000, repetitions: 7 },
] as const

function fixtureFor(keys: number): string {
  return `verkle/synthetic/synthetic-witness-${keys}.json`
}

function figure(keys: number, repetitions: number): Figure {
  return {
    id: `verkle-${keys}`,
    what: `EIP-6800 witness verification, synthetic ${keys}-key witness (${keys} stem${keys === 1 ? '' : 's'}), from file text`,
    unit: 'ms',
    baseline: 'verkle-cryptography-wasm verifyExecutionWitnessPreState on the same witness JSON',
    floor: 'the same verkle-cryptography-wasm call (the fastest multiproof verifier available)',
    goal: 'ratio <= 1.2',
    async setup() {
      const text = readFixtureText(fixtureFor(keys))
      const file = JSON.parse(text) as { preStateRoot: string; executionWitness: unknown }
      const rootHex = file.preStateRoot
      const root = hexToBytes(rootHex)
      const witnessJson = JSON.stringify(file.executionWitness)
      const backend = await loadVerkleWasmBackend()
      const ours = () => {
        const parsed = parseExecutionWitness(parseJsonLossless(text))
        const report = verifyVerkleWitness(parsed, root, backend)
        return [report, describeWitness(parsed)] as const
      }
      if (ours()[0].verdict !== 'verified') throw new Error(`verkle-${keys} bench: witness does not verify`)
      if (!backend.verifyExecutionWitnessPreState(rootHex, witnessJson))
        throw new Error(`verkle-${keys} bench: baseline rejects the witness`)
      let sink = 0
      const raw = () => {
        sink ^= backend.verifyExecutionWitnessPreState(rootHex, witnessJson) ? 1 : 0
        return sink
      }
      return {
        repetitions,
        backends: {
          ours: 'verkle-cryptography-wasm 0.4.8 + our validation',
          baseline: 'verkle-cryptography-wasm 0.4.8',
          floor: 'verkle-cryptography-wasm 0.4.8',
        },
        floor: raw,
        ours() {
          const [report, description] = ours()
          sink ^= report.checks.length ^ description.counts.keys
          return sink
        },
        baseline: raw,
      }
    },
  }
}

/** One figure per synthetic witness present in the fixtures: verkle-1, verkle-100, verkle-1000. */
export const verkleFigures: Figure[] = SIZES.filter(({ keys }) =>
  existsSync(fixturePath(fixtureFor(keys))),
).map(({ keys, repetitions }) => figure(keys, repetitions))
