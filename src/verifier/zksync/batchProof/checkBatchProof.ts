import { InputError, LightproofError } from '../../../shared/errors'
import { bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import { ReportBuilder, type Report } from '../../report'
import { bindStoredBatchInfo } from '../batches/storedBatchInfo'
import type { StoredBatchInfo } from '../batches/types'
import { batchPublicInput, publicInputRule } from './batchPublicInput'
import { decodeProveCalldata, proofForVerifier, type DecodedProveCalldata } from './decodeProveCalldata'
import {
  KNOWN_VERIFICATION_KEYS,
  knownVerificationKey,
  shippedVerificationKey,
  UNLISTED_KEY_NAME,
} from '../../snark/knownVerificationKeys'
import { routeProof } from '../../snark/routeProof'
import type { ProofSystem, VerificationKey } from '../../snark/verificationKey'
import { verifySnark } from '../../snark/verifySnark'
import {
  addEvmVerifyLane,
  evmKeyHashOfProvenCode,
  proveVerifierCode,
  type VerifierCodeInput,
} from './checkVerifierCode'

/**
 * What L1 storage says about a batch, as the caller proved it (eth_getProof of the diamond against a trusted
 * state root): per batch either its `storedBatchHashes[k]` word — then the prove call's StoredBatchInfo must hash
 * to it, as `Executor._proveBatches` requires — or a commitment taken from an already bound StoredBatchInfo.
 */
export interface BoundBatch {
  storedBatchHash?: Uint8Array
  commitment?: Uint8Array
}

/** `verificationKeyHash()` of L1's verifier, and how it was learned. */
export interface OnChainVerificationKeyHash {
  hash: string
  /**
   * `storage-proof`: proven against the trusted state root. `proven-code`: returned by the verifier's own code,
   * proven by its codeHash and run locally (checkVerifierCode.ts). `eth_call`: an endpoint's answer, not proven —
   * the check says so and is not required.
   */
  source: 'storage-proof' | 'proven-code' | 'eth_call'
  endpoint?: string
}

export interface BatchProofInput {
  batchNumber: bigint
  /** Minor protocol version of the batch (the diamond's `protocolVersion` at commit time). */
  protocolVersion: number
  prev: BoundBatch
  curr: BoundBatch
  /** `proveBatches…` transaction input: hex text or bytes. Untrusted: a proof verifies or it does not. */
  proveCalldata: string | Uint8Array
  /** ≤ v22 only: the diamond's `__DEPRECATED_verifierParams`; default: the pinned table below. */
  recursionVkHashes?: { node: Uint8Array; leaf: Uint8Array; source: string }
  onChainVkHash?: OnChainVerificationKeyHash
}

/**
 * Recursion-layer VK hashes the ≤ v22 public input includes (zksync.md §2.1), pinned per version. A wrong entry
 * can only make a valid proof fail, never let a bad one pass: the SNARK binds them.
 */
export const RECURSION_VK_HASHES: readonly {
  versions: readonly number[]
  node: string
  leaf: string
  source: string
}[] = [
  {
    versions: [18, 19],
    node: '0x5a3ef282b21e12fe1f4438e5bb158fc5060b160559c5158c6389d62d9fe3d080',
    leaf: '0x14628525c227822148e718ca1138acfc6d25e759e19452455d89f7f610c3dcb8',
    source: 'zksync-era prover/data/historical_data/19/commitments.json',
  },
]

/** "29–31", "19", "24–26" → whether `v` is in it; labels such as "experimental" match nothing. */
function coversVersion(label: string, v: number): boolean {
  const m = /^(\d+)(?:[–-](\d+))?$/.exec(label)
  if (!m) return false
  const from = Number(m[1])
  const to = m[2] ? Number(m[2]) : from
  return v >= from && v <= to
}

/** The shipped Era key for a protocol version and proof system, if Lightproof has one. */
export function pinnedKeyFor(
  protocolVersion: number,
  system: ProofSystem,
): { hash: string; key: VerificationKey } | undefined {
  for (const k of KNOWN_VERIFICATION_KEYS) {
    if (!k.pinned || k.system !== system || !k.words || !coversVersion(k.protocolVersions, protocolVersion))
      continue
    const key = shippedVerificationKey(k.hash)
    if (key) return { hash: k.hash, key }
  }
  return undefined
}

const hex = bytesToHex

/**
 * The batch proof check (DESIGN.md §1: "SNARK verified with the verification key whose hash the on-chain
 * verifier reports"): from the prove transaction's calldata, the batch's proof is found and bound to the batch
 * L1 stores, its public input is derived from the bound commitments with the protocol version's rule, the
 * verification key is chosen (the one L1's verifier reports, else the one pinned for the version) and the SNARK
 * is verified as L1's verifier checks it. Adds `zksync.proof.*` checks and the `snark.*` checks to `r`.
 *
 * Where the proof came from does not matter: it is checked against a public input derived from what L1 storage
 * binds, with a pinned key, so a wrong or foreign proof fails. Returns whether the SNARK was verified.
 */
export function addBatchProofChecks(
  r: ReportBuilder,
  input: BatchProofInput,
  out: BatchProofLaneInputs = {},
): boolean {
  const n = input.batchNumber
  r.fact('protocolVersion', String(input.protocolVersion))

  // ---- calldata ----
  let decoded: DecodedProveCalldata
  const decodeTitle = 'Prove calldata decodes (supported selector and encoding)'
  try {
    decoded = decodeProveCalldata(input.proveCalldata)
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
    if (err.code === 'zksync.calldata.unsupported') r.error('zksync.proof.calldata', decodeTitle, err.message)
    else r.fail('zksync.proof.calldata', decodeTitle, err.message)
    return false
  }
  r.pass(
    'zksync.proof.calldata',
    decodeTitle,
    `${decoded.selector} (${decoded.encoding.protocols})${decoded.canonical ? '' : ', non-canonical ABI encoding'}`,
  )
  r.fact('proveSelector', decoded.selector)

  // ---- which batch ----
  const numbers = decoded.provedBatches.map((b) => b.batchNumber)
  const at = numbers.indexOf(n)
  const batchTitle = 'Prove call proves this batch'
  if (at < 0) {
    r.fail(
      'zksync.proof.batch',
      batchTitle,
      `the call proves batch(es) ${numbers.join(', ') || 'none'}, not ${n}`,
    )
    return false
  }
  if (numbers.length !== 1) {
    // One public input per proof since Boojum; a multi-batch call is not something we can check as one SNARK.
    r.error(
      'zksync.proof.batch',
      batchTitle,
      `the call proves ${numbers.length} batches (${numbers.join(', ')}); Lightproof checks single-batch proofs`,
    )
    return false
  }
  const prevSbi: StoredBatchInfo = decoded.prevBatch
  const currSbi = decoded.provedBatches[0]!
  if (prevSbi.batchNumber !== n - 1n) {
    r.fail('zksync.proof.batch', batchTitle, `prevBatch is batch ${prevSbi.batchNumber}, not ${n - 1n}`)
    return false
  }
  r.pass('zksync.proof.batch', batchTitle, `proves batch ${n} on top of batch ${n - 1n}`)

  // ---- bind the call's StoredBatchInfos to L1 ----
  const prevCommitment = bindOne(r, 'prev', prevSbi, input.prev)
  const currCommitment = bindOne(r, 'curr', currSbi, input.curr)
  if (!prevCommitment || !currCommitment) return false

  // ---- public input ----
  const piTitle = 'Public input derived from the bound commitments'
  let publicInput: bigint
  try {
    const rule = publicInputRule(input.protocolVersion)
    const legacy = rule.words.includes('recursionNodeLevelVkHash')
    const recursion = legacy ? recursionHashes(input) : undefined
    if (legacy && !recursion) {
      r.error(
        'zksync.proof.publicInput',
        piTitle,
        `protocol v${input.protocolVersion} hashes the recursion VK hashes into the input, and none are known for it`,
      )
      return false
    }
    publicInput = batchPublicInput({
      protocolVersion: input.protocolVersion,
      prevCommitment,
      currCommitment,
      ...(recursion
        ? { recursionNodeLevelVkHash: recursion.node, recursionLeafLevelVkHash: recursion.leaf }
        : {}),
    })
    r.pass(
      'zksync.proof.publicInput',
      piTitle,
      `keccak(${rule.words.join(' ‖ ')}) >> 32 (${rule.source})` +
        (recursion ? `; recursion VK hashes from ${recursion.source}` : ''),
    )
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    r.error('zksync.proof.publicInput', piTitle, err.message)
    return false
  }

  // ---- the words the verifier gets, and the key ----
  const forVerifier = proofForVerifier(decoded, input.protocolVersion)
  if (!forVerifier.ok) {
    r.fail('zksync.proof.layout', 'Proof words as the verifier receives them', forVerifier.reason)
    return false
  }
  const route = routeProof(forVerifier.words, forVerifier.layout, 'plonk')
  let key: ChosenKey | undefined
  if (route.ok) {
    key = chooseKey(r, input, route.system)
    // chooseKey said why there is none; the snark checks would only repeat "no key".
    if (!key) return false
  }
  // An unroutable proof (e.g. "unsupported verifier type 2") is reported by verifySnark's route check.
  const report = verifySnark({
    verificationKeys: key ? [key.key] : [],
    proof: forVerifier.words,
    publicInput,
    layout: forVerifier.layout,
  })
  // Against a key only an eth_call names, the SNARK's outcome is information: it neither verifies nor fails
  // the batch (zksync.proof.vk, skipped, keeps the verdict incomplete and says why).
  const informational = key?.unprovenOnly !== undefined
  for (const c of report.checks)
    r.add(c.id, c.title, c.status, c.detail, { required: informational ? false : c.required })
  for (const [k, v] of Object.entries(report.facts)) r.fact(k, v)
  if (route.ok) {
    out.publicInput = publicInput
    out.verifierWords = forVerifier.words
    out.typescriptAccepted = report.verdict === 'verified'
  }
  return report.verdict === 'verified' && !informational
}

/** What addBatchProofChecks hands a second lane: the verifier's inputs, exactly as the Executor passes them. */
export interface BatchProofLaneInputs {
  publicInput?: bigint
  verifierWords?: bigint[]
  typescriptAccepted?: boolean
}

/** The DualVerifier type word of the prove call's proof, when it has one (decoding errors are reported later). */
function verifierTypeOf(input: BatchProofInput): bigint | undefined {
  try {
    const words = proofForVerifier(decodeProveCalldata(input.proveCalldata), input.protocolVersion)
    if (!words.ok) return undefined
    const route = routeProof(words.words, words.layout, 'plonk')
    return route.ok ? route.verifierType : undefined
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return undefined
    throw err
  }
}

export interface BatchProofWithCodeInput extends Omit<BatchProofInput, 'onChainVkHash'> {
  verifierCode: VerifierCodeInput
}

/**
 * The batch proof check with the key taken from L1 itself (issue 16): the verifier's code is proven
 * (`zksync.verifier.codeHash`), its own `verificationKeyHash(…)` run locally names the key
 * (`zksync.verifier.evm.vkHash`, then `zksync.proof.vkOnChain` with source `proven-code`), the TypeScript verifier
 * checks the proof with that key, and the same code's `verify(…)` judges it as a second lane
 * (`zksync.verifier.evm.verify`). Verified only when all of them pass.
 */
export async function addBatchProofChecksWithCode(
  r: ReportBuilder,
  input: BatchProofWithCodeInput,
): Promise<boolean> {
  const proven = proveVerifierCode(r, input.verifierCode)
  const keyHash = proven ? await evmKeyHashOfProvenCode(r, proven, verifierTypeOf(input)) : undefined
  const lane: BatchProofLaneInputs = {}
  const typescript = addBatchProofChecks(
    r,
    { ...input, ...(keyHash ? { onChainVkHash: { hash: keyHash, source: 'proven-code' as const } } : {}) },
    lane,
  )
  const title = 'L1’s verifier code accepts the proof, as the TypeScript verifier does (EVM lane)'
  if (!proven || lane.publicInput === undefined || !lane.verifierWords) {
    r.skip(
      'zksync.verifier.evm.verify',
      title,
      proven
        ? 'not run: the proof did not reach a verifier (see the checks above)'
        : 'not run: the verifier code is not proven',
    )
    return false
  }
  const evm = await addEvmVerifyLane(
    r,
    proven,
    lane.publicInput,
    lane.verifierWords,
    lane.typescriptAccepted ?? false,
  )
  return typescript && evm && keyHash !== undefined
}

/** addBatchProofChecksWithCode as a report of its own (subject `zksync-batch-proof`). */
export async function checkBatchProofWithCode(input: BatchProofWithCodeInput): Promise<Report> {
  const r = new ReportBuilder({
    kind: 'zksync-batch-proof',
    description: `ZKsync Era batch ${input.batchNumber}: validity proof checked with L1's own verifier code`,
  })
  r.fact('batchNumber', input.batchNumber.toString())
  await addBatchProofChecksWithCode(r, input)
  return r.build()
}

/** The same checks as a report of their own (subject `zksync-batch-proof`). */
export function checkBatchProof(input: BatchProofInput): Report {
  const r = new ReportBuilder({
    kind: 'zksync-batch-proof',
    description: `ZKsync Era batch ${input.batchNumber}: validity proof (SNARK) checked locally`,
  })
  r.fact('batchNumber', input.batchNumber.toString())
  addBatchProofChecks(r, input)
  return r.build()
}

function bindOne(
  r: ReportBuilder,
  which: 'prev' | 'curr',
  sbi: StoredBatchInfo,
  bound: BoundBatch,
): Uint8Array | undefined {
  const id = which === 'prev' ? 'zksync.proof.prevBatchBound' : 'zksync.proof.batchBound'
  const title =
    which === 'prev'
      ? 'Prove call’s previous StoredBatchInfo is the one L1 stores'
      : 'Prove call’s StoredBatchInfo is the one L1 stores'
  const k = sbi.batchNumber
  if (bound.storedBatchHash) {
    const binding = bindStoredBatchInfo(sbi, bound.storedBatchHash)
    if (!binding.bound) {
      r.fail(
        id,
        title,
        `keccak(abi.encode(StoredBatchInfo ${k})) ≠ storedBatchHashes[${k}] ${hex(bound.storedBatchHash)}`,
      )
      return undefined
    }
    if (bound.commitment && !equalBytes(bound.commitment, sbi.commitment)) {
      r.fail(id, title, `commitment ${hex(sbi.commitment)} ≠ bound ${hex(bound.commitment)}`)
      return undefined
    }
    r.pass(
      id,
      title,
      `hashes to storedBatchHashes[${k}] (${binding.layout}-field layout); commitment ${hex(sbi.commitment)}`,
    )
    return sbi.commitment
  }
  if (bound.commitment) {
    // The public input uses the bound commitment either way; a differing call is named here, before the SNARK.
    if (!equalBytes(bound.commitment, sbi.commitment)) {
      r.fail(
        id,
        title,
        `the call’s batch ${k} commitment ${hex(sbi.commitment)} ≠ the bound commitment ${hex(bound.commitment)}`,
      )
      return undefined
    }
    r.pass(id, title, `commitment ${hex(bound.commitment)} equals the bound one`)
    return bound.commitment
  }
  r.error(id, title, `nothing bound for batch ${k}: no storedBatchHash and no commitment was given`)
  return undefined
}

function recursionHashes(
  input: BatchProofInput,
): { node: Uint8Array; leaf: Uint8Array; source: string } | undefined {
  if (input.recursionVkHashes) return input.recursionVkHashes
  const row = RECURSION_VK_HASHES.find((x) => x.versions.includes(input.protocolVersion))
  if (!row) return undefined
  return {
    node: hexToBytes(row.node, 'recursion node VK hash', 32),
    leaf: hexToBytes(row.leaf, 'recursion leaf VK hash', 32),
    source: `pinned (${row.source})`,
  }
}

interface ChosenKey {
  hash: string
  key: VerificationKey
  /**
   * Set when nothing but an unproven eth_call answer names this key (no key is pinned for the protocol version):
   * the SNARK is checked against it for information only, and the reason says why that cannot verify the batch.
   */
  unprovenOnly?: string
}

/**
 * The key. A key hash proven against the L1 state root decides. Otherwise the key pinned for the protocol
 * version is used, and an eth_call answer is only compared with it: an endpoint's lie can then neither make a
 * valid proof fail nor pick the key a proof is checked against. With no pinned key, a shipped key that only an
 * eth_call names is used for information: `zksync.proof.vk` is skipped (required), so the verdict is at most
 * incomplete. `zksync.proof.vkOnChain` is required only when the on-chain hash was proven.
 */
function chooseKey(r: ReportBuilder, input: BatchProofInput, system: ProofSystem): ChosenKey | undefined {
  const vkTitle = 'Verification key for the batch'
  const onChain = input.onChainVkHash
  const v = input.protocolVersion
  const SYSTEM = system.toUpperCase()
  const pinned = pinnedKeyFor(v, system)
  const title = 'Key hash matches the one L1’s verifier reports'
  const proven = onChain?.source === 'storage-proof' || onChain?.source === 'proven-code'
  const how = onChain
    ? proven
      ? onChain.source === 'proven-code'
        ? 'returned by the proven verifier code, run locally'
        : 'proven against the L1 state root'
      : `unverified: an eth_call answer${onChain.endpoint ? ` from ${onChain.endpoint}` : ''}, not proven against the L1 state root`
    : ''
  if (onChain)
    r.fact('onChainVerificationKeyHash', { hash: onChain.hash.toLowerCase(), source: onChain.source })

  let chosen: (ChosenKey & { why: string }) | undefined
  if (onChain) {
    const h = onChain.hash.toLowerCase()
    const key = shippedVerificationKey(h)
    const known = knownVerificationKey(h)
    const usable = key !== undefined && known?.system === system
    if (proven) {
      if (!usable) {
        const what = known
          ? known.system !== system
            ? `${known.name}, a ${known.system.toUpperCase()} key, while the proof is ${SYSTEM}`
            : `${known.name}, which Lightproof knows by hash only`
          : `${UNLISTED_KEY_NAME} (not in Lightproof's name book)`
        r.error('zksync.proof.vkOnChain', title, `verificationKeyHash() = ${h} is ${what} (${how})`)
        r.error('zksync.proof.vk', vkTitle, `no shipped key for the verifier L1 uses (${h})`)
        return undefined
      }
      r.pass('zksync.proof.vkOnChain', title, `verificationKeyHash() = ${h} (${how})`)
      chosen = { hash: h, key, why: `${known.name}, the key L1’s verifier reports` }
    } else if (pinned) {
      const same = pinned.hash === h
      r.add(
        'zksync.proof.vkOnChain',
        title,
        same ? 'pass' : 'fail',
        same
          ? `verificationKeyHash() = ${h}, the key pinned for v${v} (${how})`
          : `the endpoint reports ${h} (${known ? known.name : UNLISTED_KEY_NAME}), not ${pinned.hash}, the key pinned for ` +
              `v${v} (${how}); the proof is checked against the pinned key`,
        { required: false },
      )
    } else if (usable) {
      r.pass('zksync.proof.vkOnChain', title, `verificationKeyHash() = ${h} (${how})`, { required: false })
      chosen = {
        hash: h,
        key,
        why: `${known.name}, named by the endpoint`,
        unprovenOnly:
          `Lightproof pins no ${SYSTEM} key for protocol v${v}, and only an unverified eth_call answer names ` +
          'this one; the SNARK checks below use it for information and cannot verify the batch',
      }
    } else {
      r.fail(
        'zksync.proof.vkOnChain',
        title,
        `the endpoint reports ${h}, ${known ? `${known.name}, which cannot be used for this ${SYSTEM} proof` : `${UNLISTED_KEY_NAME} (not a key Lightproof knows)`} (${how})`,
        { required: false },
      )
    }
  } else {
    r.skip(
      'zksync.proof.vkOnChain',
      title,
      `L1's verificationKeyHash() was not read; the key pinned for protocol v${v} is used`,
      { required: false },
    )
  }
  if (!chosen && pinned) {
    chosen = { ...pinned, why: `${knownVerificationKey(pinned.hash)!.name}, pinned for v${v}` }
  }
  if (!chosen) {
    r.error('zksync.proof.vk', vkTitle, `Lightproof ships no ${SYSTEM} key for protocol v${v}`)
    return undefined
  }
  if (chosen.unprovenOnly)
    r.skip('zksync.proof.vk', vkTitle, `${chosen.why}: ${chosen.hash}. ${chosen.unprovenOnly}`)
  else r.pass('zksync.proof.vk', vkTitle, `${chosen.why}: ${chosen.hash}`)
  return chosen
}
