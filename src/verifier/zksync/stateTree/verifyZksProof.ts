import { bytesToHex, equalBytes } from '../../encoding/hex'
import type { FactValue } from '../../report'
import { ReportBuilder, type Report } from '../../report'
import { verifyZksStorageProof } from './verifyZksStorageProof'
import type { ZksProof } from './types'

export interface ZksProofRequest {
  /** The account asked about; the answer's `address` must equal it. */
  address: Uint8Array
  /** The storage slots asked about, in request order; the answer's keys must equal them one for one. */
  keys: Uint8Array[]
}

export interface VerifyZksProofOptions {
  /**
   * What was asked. Without it (a bare proof file) the slots are the ones the answer names: each proof is still
   * checked against the root, but nothing shows that those are the slots the user wanted.
   */
  request?: ZksProofRequest
  /** `StoredBatchInfo.indexRepeatedStorageChanges` of the batch, when the root came from one. */
  maxIndex?: bigint
}

/**
 * The report for a whole `zks_getProof` answer against a trusted ZKsync Era tree root (for a final answer: the
 * `batchHash` of an executed batch). Checks: `zks.address`, `zks.storage`, then per entry
 * `zks.storage[<i>].key`, `.length`, `.index`, `.proof`. Facts (DESIGN.md §4): `address`, and
 * `storage: [{ key, value, index }]` with the index as a decimal string.
 *
 * @example
 * const report = verifyZksProof(parseZksProofFile(json), batchRoot)
 * report.verdict // 'verified'
 */
export function verifyZksProof(
  proof: ZksProof,
  root: Uint8Array,
  options: VerifyZksProofOptions = {},
): Report {
  const address = bytesToHex(proof.address)
  const n = proof.storageProof.length
  const b = new ReportBuilder({
    kind: 'zks-tree-proof',
    description: `ZKsync Era storage proof: ${n} slot${n === 1 ? '' : 's'} of ${address}`,
    trustRoot: { kind: 'zksync-tree-root', value: bytesToHex(root) },
  })
  const { request } = options

  if (request) {
    b.expect(
      'zks.address',
      'Answer is for the requested account',
      equalBytes(proof.address, request.address),
      `account ${address}`,
      `answer is for ${address}, requested ${bytesToHex(request.address)}`,
    )
  } else {
    b.skip(
      'zks.address',
      'Answer is for the requested account',
      'no request given: account taken from the answer',
      {
        required: false,
      },
    )
  }

  if (n === 0) {
    b.error(
      'zks.storage',
      'Answer holds storage proofs',
      'the answer holds no storage proofs: nothing is proven',
    )
  } else if (request && request.keys.length !== n) {
    b.fail(
      'zks.storage',
      'Answer holds storage proofs',
      `${n} storage proofs for ${request.keys.length} requested slots`,
    )
  } else {
    b.pass('zks.storage', 'Answer holds storage proofs', `${n} storage proof${n === 1 ? '' : 's'}`)
  }

  const TITLES = {
    key: 'Entry is for the requested slot',
    length: 'Proof has at most 256 siblings',
    index: 'Index and value are consistent',
    proof: 'Merkle path folds to the trusted root',
  } as const

  const facts: FactValue[] = []
  proof.storageProof.forEach((entry, i) => {
    const requestedKey = request?.keys[i] ?? entry.key
    const result = verifyZksStorageProof(root, proof.address, requestedKey, entry, {
      ...(options.maxIndex !== undefined ? { maxIndex: options.maxIndex } : {}),
    })
    for (const c of result.checks) {
      const id = `zks.storage[${i}].${c.check}`
      if (c.check === 'key' && !request) {
        b.skip(id, TITLES.key, 'no request given: the slot is the one the answer names', { required: false })
      } else {
        b.add(id, TITLES[c.check], c.status, c.detail)
      }
    }
    facts.push({ key: bytesToHex(entry.key), value: bytesToHex(entry.value), index: entry.index.toString() })
  })

  b.fact('address', address)
  b.fact('storage', facts)
  return b.build()
}
