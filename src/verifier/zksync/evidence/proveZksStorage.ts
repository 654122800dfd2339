import { bigintToBytes32, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import type { ReportBuilder } from '../../report'
import type { DiamondSlotRequest } from './proveDiamondStorage'
import type { ZksProof } from '../stateTree/types'
import { verifyZksStorageProof } from '../stateTree/verifyZksStorageProof'

/**
 * proveDiamondStorage's twin for a contract on a ZKsync chain (here: Gateway): storage words of one contract
 * proven by one `zks_getProof` answer against a trusted Blake2s state root (a bound StoredBatchInfo's batchHash).
 * The answer must be for the contract, and every requested slot must be in it, at the derived key, with a path
 * that folds to the root (verifyZksStorageProof: key, length, index ≤ maxIndex, proof). Values come from proven
 * entries only.
 *
 * Checks: `<prefix>.address`, `<prefix>.storage.<name>` per slot (optional slots that are absent: none).
 */
export function proveZksStorage(
  r: ReportBuilder,
  prefix: string,
  what: string,
  answer: ZksProof | null,
  root: Uint8Array,
  maxIndex: bigint,
  address: string,
  requests: readonly DiamondSlotRequest[],
): Map<string, Uint8Array> | undefined {
  const want = hexToBytes(address, 'address', 20)
  if (!answer) {
    r.fail(
      `${prefix}.address`,
      `zks_getProof answer is for ${what}`,
      'the evidence holds no zks_getProof answer',
    )
    return undefined
  }
  if (
    !r.expect(
      `${prefix}.address`,
      `zks_getProof answer is for ${what}`,
      equalBytes(answer.address, want),
      address,
      `the answer is for ${bytesToHex(answer.address)}, not ${address}`,
    )
  )
    return undefined
  const words = new Map<string, Uint8Array>()
  let complete = true
  for (const req of requests) {
    const id = `${prefix}.storage.${req.name}`
    const title = `${what}: ${req.name} proven from the state root`
    const entry = answer.storageProof.find((e) => equalBytes(e.key, req.key))
    if (!entry && req.optional) continue
    if (!entry) {
      r.fail(id, title, `the answer has no entry for slot ${bytesToHex(req.key)}`)
      complete = false
      continue
    }
    const res = verifyZksStorageProof(root, want, req.key, entry, { maxIndex })
    if (!res.ok) {
      const bad = res.checks.find((c) => c.status === 'fail') ?? res.checks[res.checks.length - 1]!
      r.fail(id, title, `slot ${bytesToHex(req.key)}: ${bad.check}: ${bad.detail}`)
      complete = false
      continue
    }
    r.pass(id, title, `slot ${bytesToHex(req.key)} = ${bytesToHex(entry.value)} (index ${entry.index})`)
    words.set(req.name, entry.value.length === 32 ? entry.value : bigintToBytes32(0n))
  }
  return complete ? words : undefined
}
