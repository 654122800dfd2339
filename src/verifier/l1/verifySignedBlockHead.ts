import { InputError } from '../../shared/errors'
import { countBits, defaultBls, type BlsBackend } from '../beacon/blsBackend'
import { isLightClientFork, type LightClientFork } from '../beacon/forks'
import type { TrustedExecutionHead } from '../beacon/lightClientHeader'
import { epochAtSlot, forkAtEpoch, syncCommitteePeriodAtSlot, type Network } from '../beacon/networks'
import { syncCommitteeSigningRoot } from '../beacon/signingRoot'
import type { LightClientStore } from '../beacon/store'
import { bytesToHex, equalBytes } from '../encoding/hex'
import type { Check } from '../report'
import { payloadHeaderHash } from './headerFromPayload'

/**
 * The head as Colibri proves it (research/l1-light-client.md §2.7; fixtures PROVENANCE.md set C): a beacon
 * block N is authenticated by the sync committee's aggregate signature that block N+1 carries in its
 * sync_aggregate (the committee of N+1's period signs N's root, with signature_slot = N+1). The full block N
 * hashes to that root, and its execution payload — EL block number, hash and state root — is part of it, so
 * no execution branch is needed. The committee comes from a light-client store verified from the checkpoint.
 *
 * This is an *attested* head, not a finalized one: it needs the same 2/3 supermajority a finality update
 * needs, but a signed block can still be reorged out. The report says so.
 *
 * Checks: l1.head.blocks (both decode), l1.head.parent (N+1 builds on N), l1.head.period (the store knows
 * the signing committee), l1.head.participation (≥ 2/3), l1.head.signature (BLS), l1.head.execution.
 */
export interface SignedHeadResult {
  checks: Check[]
  head: (TrustedExecutionHead & { rebuiltHeader: RebuiltHeader }) | null
  signers: number
}

/**
 * keccak256(RLP(header)) of the EL header rebuilt from the signed block's execution payload
 * (headerFromPayload.ts), against the payload's block_hash: the EL header of the head, without asking an
 * endpoint for it. Used by l1.el-header.hash when the evidence holds no endpoint header (older evidence).
 */
export interface RebuiltHeader {
  ok: boolean
  detail: string
}

/** A beacon block is at most MAX_PAYLOAD_SIZE (10 MiB, p2p-interface.md) plus its envelope. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024
/** SignedBeaconBlock = { message (offset), signature: 96 bytes }: the message starts at byte 100 (4 + 96). */
const MESSAGE_OFFSET = 100

interface DecodedBlock {
  fork: LightClientFork
  slot: bigint
  root: Uint8Array
  parentRoot: Uint8Array
  syncBits: Uint8Array
  syncSignature: Uint8Array
  execution: {
    blockNumber: bigint
    blockHash: Uint8Array
    stateRoot: Uint8Array
    receiptsRoot: Uint8Array
    timestamp: bigint
  }
  rebuiltHeader: RebuiltHeader
}

/**
 * The slot and parent root of a SignedBeaconBlock in SSZ, read from its fixed-size prefix (every fork: message
 * offset, then slot, proposer index, parent root): enough to locate its parent, not to trust anything.
 */
export function signedBlockLocator(bytes: Uint8Array, what: string): { slot: bigint; parentRoot: string } {
  const slot = slotOfSignedBlock(bytes, what)
  const at = MESSAGE_OFFSET + 16
  if (bytes.length < at + 32) throw new InputError(`${what}: too short for a parent root`, 'input.ssz')
  return { slot, parentRoot: bytesToHex(bytes.subarray(at, at + 32)) }
}

function slotOfSignedBlock(bytes: Uint8Array, what: string): bigint {
  if (bytes.length < MESSAGE_OFFSET + 8 || bytes.length > MAX_BLOCK_BYTES)
    throw new InputError(`${what}: ${bytes.length} bytes is not a SignedBeaconBlock`, 'input.ssz')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== MESSAGE_OFFSET)
    throw new InputError(`${what}: not a SignedBeaconBlock in SSZ (message offset)`, 'input.ssz')
  return view.getBigUint64(MESSAGE_OFFSET, true)
}

/**
 * Decodes a SignedBeaconBlock with the SSZ types of the fork at its slot. @lodestar/types is used as an SSZ
 * schema library (the BeaconBlockBody of each fork), loaded on first use: only this path needs it.
 */
async function decodeSignedBlock(network: Network, bytes: Uint8Array, what: string): Promise<DecodedBlock> {
  if (network.preset.syncCommitteeSize !== 512 || network.preset.slotsPerEpoch !== 32)
    throw new InputError(
      `${what}: signed-block heads are supported on mainnet-preset networks only`,
      'input.ssz',
    )
  const slot = slotOfSignedBlock(bytes, what)
  const forkName = forkAtEpoch(network, epochAtSlot(network, slot)).name
  if (!isLightClientFork(forkName) || forkName === 'capella')
    throw new InputError(
      `${what}: slot ${slot} is in ${forkName}; Deneb, Electra or Fulu blocks are read`,
      'input.fork',
    )
  const { ssz } = await import('@lodestar/types')
  // The fields read below exist with the same names and types in every fork from Deneb to Fulu.
  const types = ssz[forkName] as unknown as typeof ssz.electra
  let block
  try {
    block = types.SignedBeaconBlock.deserialize(bytes)
  } catch (err) {
    throw new InputError(
      `${what}: not a ${forkName} SignedBeaconBlock: ${(err as Error).message}`,
      'input.ssz',
    )
  }
  const m = block.message
  const p = m.body.executionPayload
  return {
    rebuiltHeader: rebuildHeader(types, m, forkName),
    fork: forkName,
    slot: BigInt(m.slot),
    root: types.BeaconBlock.hashTreeRoot(m),
    parentRoot: m.parentRoot,
    syncBits: m.body.syncAggregate.syncCommitteeBits.uint8Array,
    syncSignature: m.body.syncAggregate.syncCommitteeSignature,
    execution: {
      blockNumber: BigInt(p.blockNumber),
      blockHash: p.blockHash,
      stateRoot: p.stateRoot,
      receiptsRoot: p.receiptsRoot,
      timestamp: BigInt(p.timestamp),
    },
  }
}

function rebuildHeader(
  types: typeof import('@lodestar/types').ssz.electra,
  m: ReturnType<typeof import('@lodestar/types').ssz.electra.BeaconBlock.deserialize>,
  fork: LightClientFork,
): RebuiltHeader {
  const p = m.body.executionPayload
  // Deneb bodies have no execution_requests (and Deneb headers no requestsHash).
  const requests =
    fork === 'deneb'
      ? null
      : {
          deposits: types.DepositRequests.serialize(m.body.executionRequests.deposits),
          withdrawals: types.WithdrawalRequests.serialize(m.body.executionRequests.withdrawals),
          consolidations: types.ConsolidationRequests.serialize(m.body.executionRequests.consolidations),
        }
  try {
    const hash = payloadHeaderHash(p, m.parentRoot, requests)
    const ok = equalBytes(hash, p.blockHash)
    return {
      ok,
      detail: ok
        ? `keccak256(RLP(header of EL block ${p.blockNumber})) = ${bytesToHex(hash)} = the payload's block_hash`
        : `the payload's fields hash to ${bytesToHex(hash)}, not to its block_hash ${bytesToHex(p.blockHash)}`,
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    return { ok: false, detail: `the payload does not make a header: ${err.message}` }
  }
}

export async function verifySignedBlockHead(
  network: Network,
  store: LightClientStore,
  blockBytes: Uint8Array,
  childBytes: Uint8Array,
  options: { bls?: BlsBackend; currentSlot?: bigint } = {},
): Promise<SignedHeadResult> {
  const bls = options.bls ?? defaultBls()
  const checks: Check[] = []
  const add = (id: string, title: string, ok: boolean, detail: string) => {
    checks.push({ id, title, status: ok ? 'pass' : 'fail', detail, required: true })
    return ok
  }
  const none = (signers = 0): SignedHeadResult => ({ checks, head: null, signers })

  let block: DecodedBlock
  let child: DecodedBlock
  try {
    block = await decodeSignedBlock(network, blockBytes, 'head block')
    child = await decodeSignedBlock(network, childBytes, 'child block')
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    add('l1.head.blocks', 'Head block and its child decode', false, err.message)
    return none()
  }
  add(
    'l1.head.blocks',
    'Head block and its child decode',
    true,
    `${block.fork} block at slot ${block.slot}, child at slot ${child.slot}`,
  )

  const late = options.currentSlot !== undefined && options.currentSlot < child.slot
  const parentOk = equalBytes(child.parentRoot, block.root) && child.slot > block.slot && !late
  if (
    !add(
      'l1.head.parent',
      'The child block builds on the head block',
      parentOk,
      parentOk
        ? `child slot ${child.slot} has parent_root ${bytesToHex(child.parentRoot)} = hash_tree_root(head block at slot ${block.slot})`
        : `child slot ${child.slot}, parent_root ${bytesToHex(child.parentRoot)}; the head block at slot ${block.slot} ` +
            `hashes to ${bytesToHex(block.root)}` +
            (late
              ? ` (and slot ${child.slot} is after the evidence's time, slot ${options.currentSlot})`
              : ''),
    )
  ) {
    return none()
  }

  // The signing committee: the store's current one for its own period, the next one for the period after.
  const storePeriod = syncCommitteePeriodAtSlot(network, store.finalizedHeader.beacon.slot)
  const signaturePeriod = syncCommitteePeriodAtSlot(network, child.slot)
  const committee =
    signaturePeriod === storePeriod
      ? store.currentSyncCommittee
      : signaturePeriod === storePeriod + 1n
        ? store.nextSyncCommittee
        : null
  if (
    !add(
      'l1.head.period',
      'Signed by a committee the store knows',
      committee !== null,
      committee !== null
        ? `signature period ${signaturePeriod}, store period ${storePeriod}`
        : `signature period ${signaturePeriod} is not reachable from store period ${storePeriod}` +
            (store.nextSyncCommittee === null ? ' (next committee not known)' : ''),
    ) ||
    committee === null
  ) {
    return none()
  }

  const size = network.preset.syncCommitteeSize
  const signers = countBits(child.syncBits)
  if (
    !add(
      'l1.head.participation',
      'Sync committee supermajority (2/3)',
      signers * 3 >= size * 2,
      signers * 3 >= size * 2
        ? `${signers}/${size} signed`
        : `${signers}/${size} signed, below the 2/3 supermajority this head needs`,
    )
  ) {
    return none(signers)
  }

  const { fork, signingRoot } = syncCommitteeSigningRoot(network, block.root, child.slot)
  const ok = bls.verifySyncAggregate(
    store.committeeKeys.get(committee, bls),
    child.syncBits,
    signingRoot,
    child.syncSignature,
  )
  if (
    !add(
      'l1.head.signature',
      'Sync committee signature over the head block',
      ok,
      ok
        ? `${signers}/${size} of the period-${signaturePeriod} committee signed block ${bytesToHex(block.root)} (${fork.name} domain, ${bls.name})`
        : `the aggregate signature in the child block does not verify for block ${bytesToHex(block.root)} with the period-${signaturePeriod} committee in the ${fork.name} domain`,
    )
  ) {
    return none(signers)
  }

  const e = block.execution
  add(
    'l1.head.execution',
    'Execution payload of the signed block',
    true,
    `EL block ${e.blockNumber}, hash ${bytesToHex(e.blockHash)}, state root ${bytesToHex(e.stateRoot)} ` +
      '(part of the block that hashes to the signed root)',
  )
  return {
    checks,
    signers,
    head: {
      slot: block.slot,
      beaconRoot: block.root,
      blockNumber: e.blockNumber,
      blockHash: e.blockHash,
      stateRoot: e.stateRoot,
      receiptsRoot: e.receiptsRoot,
      timestamp: e.timestamp,
      rebuiltHeader: block.rebuiltHeader,
    },
  }
}
