import { AbiCoder } from 'ethers'
import { describe, expect, it } from 'vitest'
import { buildL1World } from '../../../../devnet/l1/buildL1World'
import { readFixtureJson, readFixtureText, readRepoText } from '../../../../tests/support/fixtures'
import { V5_E2E, V5_PROVE_CALLDATA, type V5EndToEnd } from '../../../../tests/support/snarkVectors'
import { encodeAbi } from '../../encoding/abi'
import { bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import type { Report } from '../../report'
import { evmDeploy } from '../../snark/evm/evmVerifier'
import { storedBatchInfoAbi, storedBatchInfoValues } from '../batches/executorStructs'
import { checkBatchProofWithCode, type BatchProofWithCodeInput } from './checkBatchProof'
import { decodeProveCalldata } from './decodeProveCalldata'

/**
 * The key follows from L1 (issue 16) on real data: the real v5 batch proof (era-boojum-validator-cli
 * example_proofs/snark_wrapper/v5, protocol v19) checked against a local L1 whose verifier account holds
 * era-contracts' L1VerifierPlonk with the v19 key (tests/fixtures/verifier-bytecode/PROVENANCE.md). The verifier
 * account is proven by eth_getProof against the state root, its code by its codeHash, and the key and a second
 * verdict come from running that code.
 */
const compiled = JSON.parse(readRepoText('tests/fixtures/verifier-bytecode/era-verifiers.json')) as {
  contracts: { name: string; creationBytecode: string; runtimeBytecode: string }[]
}
const code = (name: string) => compiled.contracts.find((c) => c.name === name)!
const e2e = readFixtureJson<V5EndToEnd>(V5_E2E)
const calldata = readFixtureText(V5_PROVE_CALLDATA).trim()

const V19 = '0x00000000000000000000000000000000000c0019'
const MAIN_PLONK = '0x00000000000000000000000000000000000c0001'
const MAIN_FFLONK = '0x00000000000000000000000000000000000c0000'
const DUAL = '0x00000000000000000000000000000000000c00d0'

function l1With(contracts: { address: string; code: string }[]) {
  return buildL1World({
    seed: 'verifier-code-test',
    accounts: [],
    contracts: contracts.map((c) => ({ ...c, storage: new Map() })),
    transactions: [],
    erc20: false,
  })
}
const world = l1With([
  { address: V19, code: code('era-main-plonk-v19-key').runtimeBytecode },
  { address: MAIN_PLONK, code: code('era-main-plonk').runtimeBytecode },
])
const state = world.head.state
const account = (address: string, served?: string) => ({
  proof: state.getProof(address, []) as never,
  code: served ?? bytesToHex(state.code(address)),
})

const v5: BatchProofWithCodeInput = {
  batchNumber: 1n,
  protocolVersion: 19,
  prev: { storedBatchHash: hexToBytes(e2e.prevBatch.storedBatchHash) },
  curr: { storedBatchHash: hexToBytes(e2e.provedBatch.storedBatchHash) },
  proveCalldata: calldata,
  verifierCode: { stateRoot: state.root, verifier: V19, accounts: [account(V19)] },
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)
const failed = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)

describe('the batch proof with the key from L1’s proven verifier code', () => {
  it('the real v5 batch verifies in both lanes, with the key the proven code reports', async () => {
    const r = await checkBatchProofWithCode(v5)
    expect(failed(r)).toEqual([])
    expect(r.verdict).toBe('verified')
    expect(check(r, 'zksync.verifier.codeHash')!.status).toBe('pass')
    expect(check(r, 'zksync.verifier.evm.vkHash')!.detail).toMatch(
      /= 0x750d8e21be7555a6841472a5cacd24c75a7ceb34261aea61e72bb7423a7d30fc \(Era PLONK v19\)/,
    )
    expect(check(r, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'pass', required: true })
    expect(check(r, 'zksync.proof.vkOnChain')!.detail).toMatch(/returned by the proven verifier code/)
    expect(check(r, 'zksync.proof.vk')!.detail).toMatch(/the key L1’s verifier reports/)
    expect(check(r, 'zksync.verifier.evm.verify')).toMatchObject({ status: 'pass', required: true })
    expect(r.facts.verifierKey).toMatchObject({ name: 'Era PLONK v19', verifier: V19 })
    expect((r.facts.evmLane as { accepted: boolean }).accepted).toBe(true)
  })

  it('a lying L1 node serving other bytecode is caught by zksync.verifier.codeHash', async () => {
    const lie = {
      ...v5,
      verifierCode: { ...v5.verifierCode, accounts: [account(V19, code('era-main-plonk').runtimeBytecode)] },
    }
    const r = await checkBatchProofWithCode(lie)
    expect(r.verdict).toBe('failed')
    expect(failed(r)).toContain('zksync.verifier.codeHash')
    expect(check(r, 'zksync.verifier.codeHash')!.detail).toMatch(
      /hashes to 0x[0-9a-f]{64}, but the proven codeHash is/,
    )
    expect(check(r, 'zksync.verifier.evm.verify')!.status).toBe('skip')
  })

  it('an account proof of another state, or none for the stored verifier, is never verified', async () => {
    const other = l1With([{ address: V19, code: code('era-main-plonk').runtimeBytecode }])
    const foreign = {
      proof: other.head.state.getProof(V19, []) as never,
      code: code('era-main-plonk').runtimeBytecode,
    }
    const r = await checkBatchProofWithCode({
      ...v5,
      verifierCode: { ...v5.verifierCode, accounts: [foreign] },
    })
    expect(failed(r)).toContain('zksync.verifier.codeHash')
    const missing = await checkBatchProofWithCode({
      ...v5,
      verifierCode: { ...v5.verifierCode, accounts: [account(MAIN_PLONK)] },
    })
    expect(check(missing, 'zksync.verifier.codeHash')!.status).toBe('error')
    expect(missing.verdict).toBe('incomplete')
  })

  it('a verifier whose code carries another key: the proof is checked with that key and both lanes refuse it', async () => {
    // The diamond's verifier is main's PLONK verifier (v29–v31 key): proven, run, and it names its own key.
    const r = await checkBatchProofWithCode({
      ...v5,
      verifierCode: { stateRoot: state.root, verifier: MAIN_PLONK, accounts: [account(MAIN_PLONK)] },
    })
    expect(check(r, 'zksync.verifier.evm.vkHash')!.detail).toMatch(/Era PLONK v29–v31/)
    expect(check(r, 'zksync.proof.vk')!.detail).toMatch(/0xb2f50340/)
    expect(check(r, 'zksync.verifier.evm.verify')).toMatchObject({ status: 'fail' })
    expect(check(r, 'zksync.verifier.evm.verify')!.detail).toMatch(/refuses too/)
    expect(r.verdict).toBe('failed')
  })

  it('a changed proof word: the TypeScript and the EVM lane both refuse', async () => {
    const proof = [...decodeProveCalldata(calldata).proof]
    proof[10] = proof[10]! ^ 1n
    const r = await checkBatchProofWithCode({ ...v5, proveCalldata: v5CallWith(proof) })
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zksync.verifier.evm.verify')!.detail).toMatch(
      /L1’s code refuses .*; the TypeScript verifier refuses too/,
    )
  })
})

/** The v5 prove call re-encoded with other proof words. */
function v5CallWith(proof: bigint[]): string {
  const decoded = decodeProveCalldata(calldata)
  const SBI8 = storedBatchInfoAbi(8)
  const args = AbiCoder.defaultAbiCoder().encode(
    [SBI8, `${SBI8}[]`, 'tuple(uint256[],uint256[])'],
    [
      storedBatchInfoValues(decoded.prevBatch, 8),
      [storedBatchInfoValues(decoded.provedBatches[0]!, 8)],
      [[], proof],
    ],
  )
  return '0x7f61885c' + args.slice(2)
}

describe('when the lanes disagree', () => {
  it('an evaluation word + r: L1’s code reduces it and accepts, Lightproof refuses; both answers are shown', async () => {
    const R = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n
    const proof = [...decodeProveCalldata(calldata).proof]
    proof[30] = proof[30]! + R
    const r = await checkBatchProofWithCode({ ...v5, proveCalldata: v5CallWith(proof) })
    expect(check(r, 'snark.proof.encoding')!.status).toBe('fail')
    expect(check(r, 'zksync.verifier.evm.verify')!.status).toBe('fail')
    expect(check(r, 'zksync.verifier.evm.verify')!.detail).toMatch(
      /the lanes disagree: L1’s code accepts \(\d+ gas\), the TypeScript verifier refuses/,
    )
    expect(r.verdict).toBe('failed')
  })
})

describe('behind a DualVerifier', () => {
  it('its FFLONK and PLONK verifiers must be proven too; then verificationKeyHash(type) names the key', async () => {
    const creation = concatBytes(
      hexToBytes(code('era-main-dual').creationBytecode),
      encodeAbi(['address', 'address'], [MAIN_FFLONK, MAIN_PLONK]),
    )
    const dualCode = bytesToHex(await evmDeploy(creation))
    const l1 = l1With([
      { address: DUAL, code: dualCode },
      { address: MAIN_FFLONK, code: code('era-main-fflonk').runtimeBytecode },
      { address: MAIN_PLONK, code: code('era-main-plonk').runtimeBytecode },
    ])
    const s = l1.head.state
    const acct = (a: string) => ({ proof: s.getProof(a, []) as never, code: bytesToHex(s.code(a)) })
    // The v5 batch as a v29 DualVerifier call of type 1 (PLONK): the key is the PLONK verifier's.
    const decoded = decodeProveCalldata(calldata)
    const SBI9 = storedBatchInfoAbi(9)
    const sbi9 = (x: typeof decoded.prevBatch) =>
      storedBatchInfoValues({ ...x, dependencyRootsRollingHash: undefined }, 9)
    const data = AbiCoder.defaultAbiCoder().encode(
      [SBI9, `${SBI9}[]`, 'uint256[]'],
      [sbi9(decoded.prevBatch), [sbi9(decoded.provedBatches[0]!)], [1n, ...decoded.proof]],
    )
    const call =
      '0x9271e450' +
      AbiCoder.defaultAbiCoder()
        .encode(['address', 'uint256', 'uint256', 'bytes'], [DUAL, 1n, 1n, '0x01' + data.slice(2)])
        .slice(2)
    const input = { ...v5, protocolVersion: 29, proveCalldata: call, prev: {}, curr: {} }
    const bound = {
      prev: { commitment: decoded.prevBatch.commitment },
      curr: { commitment: decoded.provedBatches[0]!.commitment },
    }
    const onlyDual = await checkBatchProofWithCode({
      ...input,
      ...bound,
      verifierCode: { stateRoot: s.root, verifier: DUAL, accounts: [acct(DUAL)] },
    })
    expect(check(onlyDual, 'zksync.verifier.evm.vkHash')!.status).toBe('error')
    expect(check(onlyDual, 'zksync.verifier.evm.vkHash')!.detail).toMatch(/whose code was not proven/)
    expect(onlyDual.verdict).not.toBe('verified')

    const all = await checkBatchProofWithCode({
      ...input,
      ...bound,
      verifierCode: {
        stateRoot: s.root,
        verifier: DUAL,
        accounts: [acct(DUAL), acct(MAIN_FFLONK), acct(MAIN_PLONK)],
      },
    })
    expect(check(all, 'zksync.verifier.codeHash')!.status).toBe('pass')
    expect(check(all, 'zksync.verifier.evm.vkHash')!.detail).toMatch(
      /verificationKeyHash\(1\) .* \(Era PLONK v29–v31\); DualVerifier over FFLONK/,
    )
    // The v19 proof under the v29 public-input rule and key: refused, by both lanes.
    expect(check(all, 'zksync.verifier.evm.verify')!.detail).toMatch(/refuses too/)
  })
})
