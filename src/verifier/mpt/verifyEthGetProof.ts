import { bigintToBytes32, bytesToHex, equalBytes } from '../encoding/hex'
import { ReportBuilder, type FactValue, type Report } from '../report'
import type { EthGetProof } from './parseEthGetProof'
import { isEmptyCodeHash, isEmptyStorageHash, verifyAccountProof, type Account } from './verifyAccountProof'
import { verifyStorageProof } from './verifyStorageProof'

/**
 * The report for `lightproof verify l1-proof` (DESIGN.md §4): an eth_getProof result checked against a trusted
 * state root. Facts come only from what the proofs establish, never from the endpoint's claims; a claim that
 * disagrees with the proof (a different balance, a different slot value) fails its check.
 *
 * Checks (all required):
 * - `mpt.account.proof`      the account proof walks from the state root to the account or to its absence
 * - `mpt.account.fields`     claimed nonce, balance, storageHash, codeHash equal the proven ones
 * - `mpt.storage[i].proof`   storage proof i walks from the proven storage root to the slot or its absence
 * - `mpt.storage[i].value`   claimed value i equals the proven one
 *
 * @example
 *   const report = verifyEthGetProof(parseEthGetProof(json), trustedStateRoot)
 */
export function verifyEthGetProof(proof: EthGetProof, stateRoot: Uint8Array): Report {
  const address = bytesToHex(proof.address)
  const b = new ReportBuilder({
    kind: 'mpt-proof',
    description: `eth_getProof of ${address} (${proof.storageProof.length} storage slot(s))`,
    trustRoot: { kind: 'state-root', value: bytesToHex(stateRoot) },
  })

  const acc = verifyAccountProof(stateRoot, proof.address, proof.accountProof)
  let proven: Account | undefined
  if (acc.status === 'invalid') {
    b.fail('mpt.account.proof', 'Account proof', `${acc.reason}: ${acc.detail}`)
  } else {
    proven = acc.account
    b.pass(
      'mpt.account.proof',
      'Account proof',
      acc.status === 'present'
        ? `account found under keccak256(address) in state root ${bytesToHex(stateRoot)}`
        : `account proven absent from state root ${bytesToHex(stateRoot)}`,
    )
    const mismatches = accountMismatches(proof, acc.account, acc.status === 'absent')
    b.expect(
      'mpt.account.fields',
      'Claimed account fields equal the proven ones',
      mismatches.length === 0,
      'nonce, balance, storageHash and codeHash as claimed',
      `the response claims ${mismatches.join('; ')}`,
    )
    b.fact('account', {
      address,
      balance: proven.balance.toString(),
      nonce: proven.nonce.toString(),
      codeHash: bytesToHex(proven.codeHash),
      storageHash: bytesToHex(proven.storageRoot),
    })
    b.fact('accountExists', acc.status === 'present')
  }

  const storageFacts: FactValue[] = []
  proof.storageProof.forEach((entry, i) => {
    const id = `mpt.storage[${i}]`
    const slot = bytesToHex(entry.key)
    if (proven === undefined) {
      b.skip(
        `${id}.proof`,
        `Storage proof for slot ${slot}`,
        'the account is not proven, so its storage root is unknown',
      )
      return
    }
    const r = verifyStorageProof(proven.storageRoot, entry.key, entry.proof)
    if (r.status === 'invalid') {
      b.fail(`${id}.proof`, `Storage proof for slot ${slot}`, `${r.reason}: ${r.detail}`)
      return
    }
    b.pass(
      `${id}.proof`,
      `Storage proof for slot ${slot}`,
      r.status === 'present' ? 'slot found in the storage trie' : 'slot proven empty (reads as 0)',
    )
    b.expect(
      `${id}.value`,
      `Claimed value of slot ${slot}`,
      entry.value === r.value,
      `value ${r.value} as claimed`,
      `the response claims ${entry.value}, the proof gives ${r.value}`,
    )
    storageFacts.push({ key: slot, value: bytesToHex(bigintToBytes32(r.value)) })
  })
  b.fact('storage', storageFacts)
  return b.build()
}

function accountMismatches(claim: EthGetProof, proven: Account, absent: boolean): string[] {
  const out: string[] = []
  if (claim.nonce !== proven.nonce) out.push(`nonce ${claim.nonce} but the proof gives ${proven.nonce}`)
  if (claim.balance !== proven.balance)
    out.push(`balance ${claim.balance} but the proof gives ${proven.balance}`)
  const storageOk = absent
    ? isEmptyStorageHash(claim.storageHash)
    : equalBytes(claim.storageHash, proven.storageRoot)
  if (!storageOk) {
    out.push(
      `storageHash ${bytesToHex(claim.storageHash)} but the proof gives ${bytesToHex(proven.storageRoot)}`,
    )
  }
  const codeOk = absent ? isEmptyCodeHash(claim.codeHash) : equalBytes(claim.codeHash, proven.codeHash)
  if (!codeOk)
    out.push(`codeHash ${bytesToHex(claim.codeHash)} but the proof gives ${bytesToHex(proven.codeHash)}`)
  return out
}
