import { InputError } from '../../../shared/errors'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { parseBeaconSection, verifyBeaconSection } from '../../evidence/beaconSection'
import type { Evidence } from '../../evidence/schema'
import type { ReportBuilder } from '../../report'

/** The trusted L1 execution head a ZKsync answer hangs from. */
export interface L1Anchor {
  stateRoot: Uint8Array
  /** Null when the trust root is a bare state root (its block number is then not proven). */
  blockNumber: bigint | null
  blockHash: Uint8Array | null
}

/**
 * The top of the chain of trust for the ZKsync kinds (DESIGN.md §1). With a `beacon-checkpoint` trust root the
 * evidence's beacon section is verified from the checkpoint (its checks join the report with their own ids) and
 * the finalized execution payload gives the state root. With a `state-root` trust root (an L1 state root the user
 * trusts, e.g. from their own node) that root is used as it is.
 *
 * Check: `zksync.l1.head`.
 */
export function anchorL1(r: ReportBuilder, evidence: Evidence): L1Anchor | undefined {
  const title = 'Trusted L1 execution head'
  if (evidence.trust.kind === 'state-root') {
    const stateRoot = hexToBytes(evidence.trust.value, 'trust.state-root', 32)
    r.pass('zksync.l1.head', title, `L1 state root ${bytesToHex(stateRoot)}, trusted as given`)
    r.fact('l1Head', { stateRoot: bytesToHex(stateRoot) })
    return { stateRoot, blockNumber: null, blockHash: null }
  }
  if (evidence.trust.kind !== 'beacon-checkpoint')
    throw new InputError(
      `evidence of kind ${evidence.kind} must rest on a beacon-checkpoint or a state-root, not a ${evidence.trust.kind}`,
      'evidence.trust',
    )
  hexToBytes(evidence.trust.value, 'trust.beacon-checkpoint', 32)
  const section = parseBeaconSection(evidence.data.beacon)
  const beacon = verifyBeaconSection(section, evidence.trust.value, evidence.createdAt)
  for (const c of beacon.report.checks) r.add(c.id, c.title, c.status, c.detail, { required: c.required })
  const head = beacon.finalized
  if (!head) {
    r.fail('zksync.l1.head', title, 'the beacon chain did not verify to a finalized head')
    return undefined
  }
  r.pass(
    'zksync.l1.head',
    title,
    `finalized slot ${head.slot}: L1 block ${head.blockNumber} ${bytesToHex(head.blockHash)}, state root ${bytesToHex(head.stateRoot)}`,
  )
  r.fact('l1Head', {
    slot: head.slot.toString(),
    blockNumber: head.blockNumber.toString(),
    blockHash: bytesToHex(head.blockHash),
    stateRoot: bytesToHex(head.stateRoot),
  })
  return { stateRoot: head.stateRoot, blockNumber: head.blockNumber, blockHash: head.blockHash }
}
