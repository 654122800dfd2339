import { LightproofError } from '../../../shared/errors'
import { bigintToBytes32, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import { rawJson, type RawItem } from '../../evidence/schema'
import { parseEthGetProof, type EthGetProof } from '../../mpt/parseEthGetProof'
import { verifyAccountProof, type Account } from '../../mpt/verifyAccountProof'
import { verifyStorageProof } from '../../mpt/verifyStorageProof'
import type { ReportBuilder } from '../../report'
import type { SlotRequest } from './watchSlots'

/** One storage word read from a proven account: proven, not in the answer, or contradicted by its proof. */
export type WordRead =
  | { status: 'proven'; value: bigint }
  | { status: 'missing'; detail: string }
  | { status: 'invalid'; detail: string }

/** An account whose eth_getProof answer was proven against the trusted state root. */
export interface ProvenAccount {
  address: string
  account: Account
  read(req: SlotRequest): WordRead
}

/**
 * Proves one eth_getProof answer of `address` (fixed by the caller: the network's diamond, or an address read
 * from proven storage — never from the answer) against the trusted state root, as one check `id`: the answer is
 * for that address, its account proof walks from the state root to an existing account, and the storageHash and
 * codeHash it claims are the proven ones. Absent evidence is a skip (withholding contradicts nothing); anything
 * the proof contradicts is a fail.
 */
export function proveAccount(
  r: ReportBuilder,
  id: string,
  title: string,
  item: RawItem | null | undefined,
  stateRoot: Uint8Array,
  address: string,
  noun: string,
): ProvenAccount | undefined {
  if (!item) {
    r.skip(id, title, `the evidence holds no eth_getProof answer of ${noun} ${address}`)
    return undefined
  }
  let proof: EthGetProof
  try {
    proof = parseEthGetProof(rawJson(item))
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
    r.fail(id, title, `the eth_getProof answer of ${noun} does not parse: ${err.message}`)
    return undefined
  }
  const want = hexToBytes(address, 'address', 20)
  if (!equalBytes(proof.address, want)) {
    r.fail(id, title, `the answer is for ${bytesToHex(proof.address)}, not ${noun} ${address}`)
    return undefined
  }
  const acc = verifyAccountProof(stateRoot, want, proof.accountProof)
  if (acc.status !== 'present') {
    r.fail(
      id,
      title,
      acc.status === 'absent'
        ? `${noun} ${address} is proven absent from state root ${bytesToHex(stateRoot)}`
        : `${noun} ${address}: ${acc.reason}: ${acc.detail}`,
    )
    return undefined
  }
  const a = acc.account
  if (!equalBytes(proof.storageHash, a.storageRoot)) {
    r.fail(
      id,
      title,
      `the answer claims storageHash ${bytesToHex(proof.storageHash)}, the proof gives ${bytesToHex(a.storageRoot)}`,
    )
    return undefined
  }
  if (!equalBytes(proof.codeHash, a.codeHash)) {
    r.fail(
      id,
      title,
      `the answer claims codeHash ${bytesToHex(proof.codeHash)}, the proof gives ${bytesToHex(a.codeHash)}`,
    )
    return undefined
  }
  r.pass(
    id,
    title,
    `${address}: codeHash ${bytesToHex(a.codeHash)}, storage root ${bytesToHex(a.storageRoot)}, under state root ${bytesToHex(stateRoot)}`,
  )
  return {
    address,
    account: a,
    read(req: SlotRequest): WordRead {
      const entry = proof.storageProof.find((e) => equalBytes(e.key, req.key))
      if (!entry)
        return { status: 'missing', detail: `the answer has no proof for slot ${bytesToHex(req.key)}` }
      const res = verifyStorageProof(a.storageRoot, req.key, entry.proof)
      if (res.status === 'invalid')
        return { status: 'invalid', detail: `slot ${bytesToHex(req.key)}: ${res.reason}: ${res.detail}` }
      if (entry.value !== res.value)
        return {
          status: 'invalid',
          detail: `slot ${bytesToHex(req.key)}: the answer claims ${bytesToHex(bigintToBytes32(entry.value))}, the proof gives ${bytesToHex(bigintToBytes32(res.value))}`,
        }
      return { status: 'proven', value: res.value }
    },
  }
}

/**
 * One proven field as one check: pass with what it holds, fail when the proof contradicts the answer, skip when
 * the answer lacks it. Returns the proven word, or undefined.
 */
export function proveField(
  r: ReportBuilder,
  acct: ProvenAccount,
  id: string,
  title: string,
  req: SlotRequest,
  describe: (value: bigint) => string,
): bigint | undefined {
  const w = acct.read(req)
  if (w.status === 'proven') {
    r.pass(id, title, `slot ${bytesToHex(req.key)}: ${describe(w.value)}`)
    return w.value
  }
  if (w.status === 'invalid') r.fail(id, title, w.detail)
  else r.skip(id, title, w.detail)
  return undefined
}
