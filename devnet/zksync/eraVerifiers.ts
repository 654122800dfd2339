import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'

/**
 * The test world's L1 verifier: era-contracts' DualVerifier over its L1VerifierFflonk and L1VerifierPlonk
 * (main 5e7d0b40, compiled from source: tests/fixtures/verifier-bytecode/PROVENANCE.md), deployed as runtime code
 * at seed-derived addresses, so the key a batch proof is checked with is read from L1's code like on mainnet.
 */
interface CompiledContract {
  name: string
  runtimeBytecode: string
  immutables?: Record<string, number[]>
}

const FIXTURE = fileURLToPath(
  new URL('../../tests/fixtures/verifier-bytecode/era-verifiers.json', import.meta.url),
)

let compiled: CompiledContract[] | undefined
function contract(name: string): CompiledContract {
  compiled ??= (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { contracts: CompiledContract[] }).contracts
  const c = compiled.find((x) => x.name === name)
  if (!c) throw new Error(`verifier fixture: no ${name}`)
  return c
}

/** Runtime code with each immutable address written where solc's immutableReferences put it (a 32-byte word). */
function withImmutables(c: CompiledContract, values: Record<string, string>): string {
  const code = hexToBytes(c.runtimeBytecode)
  for (const [name, offsets] of Object.entries(c.immutables ?? {})) {
    const word = hexToBytes('0x' + values[name]!.slice(2).toLowerCase().padStart(64, '0'))
    for (const at of offsets) code.set(word, at)
  }
  return bytesToHex(code)
}

export interface EraVerifierContracts {
  /** The address the diamond stores in slot 10: the DualVerifier. */
  verifier: string
  fflonk: string
  plonk: string
  contracts: { address: string; code: string }[]
}

export function eraVerifierContracts(addresses: {
  verifier: string
  fflonk: string
  plonk: string
}): EraVerifierContracts {
  const { verifier, fflonk, plonk } = addresses
  return {
    ...addresses,
    contracts: [
      {
        address: verifier,
        code: withImmutables(contract('era-main-dual'), { FFLONK_VERIFIER: fflonk, PLONK_VERIFIER: plonk }),
      },
      { address: fflonk, code: contract('era-main-fflonk').runtimeBytecode },
      { address: plonk, code: contract('era-main-plonk').runtimeBytecode },
    ],
  }
}

/**
 * The verifier the world's upgrade step deploys (issue 21): a DualVerifier over the same FFLONK verifier and
 * era-contracts' Airbender-branch L1VerifierPlonk (another key), at new addresses.
 */
export function upgradedVerifierContracts(addresses: {
  verifier: string
  fflonk: string
  plonk: string
}): EraVerifierContracts {
  const { verifier, fflonk, plonk } = addresses
  return {
    ...addresses,
    contracts: [
      {
        address: verifier,
        code: withImmutables(contract('era-main-dual'), { FFLONK_VERIFIER: fflonk, PLONK_VERIFIER: plonk }),
      },
      { address: fflonk, code: contract('era-main-fflonk').runtimeBytecode },
      { address: plonk, code: contract('airbender-branch-plonk').runtimeBytecode },
    ],
  }
}
