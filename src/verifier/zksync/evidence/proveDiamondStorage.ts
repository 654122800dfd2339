import { bigintToBytes32, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import type { EthGetProof } from '../../mpt/parseEthGetProof'
import { verifyAccountProof } from '../../mpt/verifyAccountProof'
import { verifyStorageProof } from '../../mpt/verifyStorageProof'
import type { ReportBuilder } from '../../report'
import {
  decodeDiamondState,
  diamondSlots,
  mappingSlot,
  DIAMOND_BRIDGEHUB_SLOT,
  DIAMOND_STORAGE_SLOTS,
  type BatchSlotKeys,
  type DiamondState,
} from '../batches/diamondSlots'

/** The Era diamond proxy on L1 mainnet (zksync.md §0); the test world puts its diamond at the same address. */
export const ERA_DIAMOND_ADDRESS = '0x32400084c286cf3e17e7b677ea9583e60a000324'

export interface DiamondSlotRequest {
  /** Names the check: `zksync.diamond.storage.<name>`. */
  name: string
  key: Uint8Array
  /**
   * Asked for, but evidence made before it was asked may lack it: a missing proof is then no check and no word
   * (the caller reads the word as unknown). A proof that is present is checked like any other.
   */
  optional?: boolean
}

/**
 * The slots a batch question needs: BatchSlotKeys for n, plus storedBatchHashes[n−1] to bind lastCommitted, and
 * (optional, so older evidence still verifies) l2LogsRootHashes[n], the chain id and Bridgehub: a zero stored hash with a
 * zero logs root below the executed counter is the footprint of a batch that settled on another layer
 * (checkBatchOnDiamond, `zksync.batch.settledElsewhere`).
 */
export function batchSlotRequests(batchNumber: bigint): DiamondSlotRequest[] {
  const keys = diamondSlots(batchNumber)
  const out: DiamondSlotRequest[] = (Object.keys(keys) as (keyof BatchSlotKeys)[]).map((name) => ({
    name,
    key: keys[name],
  }))
  if (batchNumber >= 1n)
    out.push({
      name: 'previousStoredBatchHash',
      key: mappingSlot(batchNumber - 1n, DIAMOND_STORAGE_SLOTS.storedBatchHashes),
    })
  out.push(
    {
      name: 'l2LogsRootHash',
      key: mappingSlot(batchNumber, DIAMOND_STORAGE_SLOTS.l2LogsRootHashes),
      optional: true,
    },
    { name: 'chainId', key: bigintToBytes32(DIAMOND_STORAGE_SLOTS.chainId), optional: true },
    // The Bridgehub (slot 41): where the Gateway hop finds the settlement layer's diamond on L1.
    { name: 'bridgehub', key: bigintToBytes32(DIAMOND_BRIDGEHUB_SLOT), optional: true },
  )
  return out
}

/** The slots the counters overview needs (no batch): counters, verifier, protocol version, settlement layer. */
export function counterSlotRequests(): DiamondSlotRequest[] {
  const s = DIAMOND_STORAGE_SLOTS
  return (
    [
      'verifier',
      'totalBatchesExecuted',
      'totalBatchesVerified',
      'totalBatchesCommitted',
      'protocolVersion',
      'settlementLayer',
    ] as const
  ).map((name) => ({ name, key: bigintToBytes32(s[name]) }))
}

/** How the checks of one contract's storage proof are named: `<prefix>.address`, `.account`, `.storage.<name>`. */
export interface StorageProofLabels {
  prefix: string
  /** The contract in words (`the diamond`), for the details. */
  noun: string
  addressTitle: string
  accountTitle: string
  storageTitle: (name: string) => string
}

const DIAMOND_LABELS: StorageProofLabels = {
  prefix: 'zksync.diamond',
  noun: 'the diamond',
  addressTitle: 'Proof is for the ZKsync diamond proxy',
  accountTitle: 'Diamond account proven from the trusted L1 state root',
  storageTitle: (name) => `Diamond storage ${name} proven`,
}

/**
 * Proves diamond storage words from a trusted L1 state root with one eth_getProof answer: the answer is for the
 * diamond, its account proof walks from the state root, and every requested slot is in the answer with a proof
 * from the proven storage root and a claimed value equal to the proven one. Values come from the proofs only.
 *
 * Checks: `zksync.diamond.address`, `zksync.diamond.account`, `zksync.diamond.storage.<name>` per slot.
 * Returns the proven 32-byte words by name, or undefined when any of them could not be proven.
 */
export function proveDiamondStorage(
  r: ReportBuilder,
  proof: EthGetProof,
  stateRoot: Uint8Array,
  requests: readonly DiamondSlotRequest[],
  /** Fixed by the network (diamondAddress.ts), never taken from the evidence. */
  diamond: string,
): Map<string, Uint8Array> | undefined {
  return proveContractStorage(r, DIAMOND_LABELS, proof, stateRoot, requests, diamond)
}

/**
 * proveDiamondStorage for any contract whose address the caller fixed (a trust anchor: from the network's
 * definition or from proven storage, never from the evidence), with the checks named by `labels`.
 */
export function proveContractStorage(
  r: ReportBuilder,
  labels: StorageProofLabels,
  proof: EthGetProof,
  stateRoot: Uint8Array,
  requests: readonly DiamondSlotRequest[],
  address: string,
): Map<string, Uint8Array> | undefined {
  const want = hexToBytes(address, 'contract address', 20)
  if (
    !r.expect(
      `${labels.prefix}.address`,
      labels.addressTitle,
      equalBytes(proof.address, want),
      address,
      `proof is for ${bytesToHex(proof.address)}, not ${labels.noun} ${address}`,
    )
  )
    return undefined
  const acc = verifyAccountProof(stateRoot, proof.address, proof.accountProof)
  if (acc.status !== 'present') {
    r.fail(
      `${labels.prefix}.account`,
      labels.accountTitle,
      acc.status === 'absent'
        ? `${labels.noun} is proven absent from state root ${bytesToHex(stateRoot)}`
        : `${acc.reason}: ${acc.detail}`,
    )
    return undefined
  }
  const storageOk = equalBytes(proof.storageHash, acc.account.storageRoot)
  r.expect(
    `${labels.prefix}.account`,
    labels.accountTitle,
    storageOk,
    `storage root ${bytesToHex(acc.account.storageRoot)} under state root ${bytesToHex(stateRoot)}`,
    `the answer claims storageHash ${bytesToHex(proof.storageHash)}, the proof gives ${bytesToHex(acc.account.storageRoot)}`,
  )
  const words = new Map<string, Uint8Array>()
  let complete = storageOk
  for (const req of requests) {
    const id = `${labels.prefix}.storage.${req.name}`
    const title = labels.storageTitle(req.name)
    const entry = proof.storageProof.find((e) => equalBytes(e.key, req.key))
    if (!entry && req.optional) continue
    if (!entry) {
      r.fail(id, title, `the answer has no proof for slot ${bytesToHex(req.key)}`)
      complete = false
      continue
    }
    const res = verifyStorageProof(acc.account.storageRoot, req.key, entry.proof)
    if (res.status === 'invalid') {
      r.fail(id, title, `slot ${bytesToHex(req.key)}: ${res.reason}: ${res.detail}`)
      complete = false
      continue
    }
    if (entry.value !== res.value) {
      r.fail(id, title, `the answer claims ${entry.value}, the proof gives ${res.value}`)
      complete = false
      continue
    }
    const word = bigintToBytes32(res.value)
    r.pass(id, title, `slot ${bytesToHex(req.key)} = ${bytesToHex(word)}`)
    words.set(req.name, word)
  }
  return complete ? words : undefined
}

/** DiamondState from the words of batchSlotRequests. */
export function diamondStateOf(words: Map<string, Uint8Array>): DiamondState {
  const get = (k: keyof BatchSlotKeys) => words.get(k) ?? new Uint8Array(32)
  return decodeDiamondState({
    verifier: get('verifier'),
    totalBatchesExecuted: get('totalBatchesExecuted'),
    totalBatchesVerified: get('totalBatchesVerified'),
    totalBatchesCommitted: get('totalBatchesCommitted'),
    storedBatchHash: get('storedBatchHash'),
    protocolVersion: get('protocolVersion'),
    settlementLayer: get('settlementLayer'),
    zkPorterIsAvailable: get('zkPorterIsAvailable'),
    l2BootloaderBytecodeHash: get('l2BootloaderBytecodeHash'),
    l2DefaultAccountBytecodeHash: get('l2DefaultAccountBytecodeHash'),
    l2EvmEmulatorBytecodeHash: get('l2EvmEmulatorBytecodeHash'),
  })
}
