import { InputError } from '../../../shared/errors'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { parseBeaconSection, verifyBeaconSection } from '../../evidence/beaconSection'
import type { Evidence } from '../../evidence/schema'
import { checkChainId } from '../../evidence/endpointAnswers'
import type { ReportBuilder } from '../../report'
import { anchorAnswersOf, checkL1Header, type AnchorAnswers } from './endpointChecks'

/** The trusted L1 execution head a ZKsync answer hangs from. */
export interface L1Anchor {
  stateRoot: Uint8Array
  /** Null when the trust root is a bare state root (its block number is then not proven). */
  blockNumber: bigint | null
  blockHash: Uint8Array | null
  /** The built-in network the answer is on (the beacon section's, or a state-root evidence's `network`). */
  network: string | null
  /** The endpoints' eth_chainId answers and header, checked here (L1) and by the kinds (ZKsync). */
  answers: AnchorAnswers
}

/**
 * The top of the chain of trust for the ZKsync kinds (DESIGN.md §1). With a `beacon-checkpoint` trust root the
 * evidence's beacon section is verified from the checkpoint (its checks join the report with their own ids) and
 * the finalized execution payload gives the state root. With a `state-root` trust root (an L1 state root the user
 * trusts, e.g. from their own node) that root is used as it is.
 *
 * The L1 endpoint is then held to that head: its eth_getBlockByNumber(head) answer must hash to the verified
 * block hash (`zksync.l1.header`) and its eth_chainId must be the network's (`zksync.l1.chainId`). With a
 * state-root trust root there is no verified block hash to bind a header to, so the header check is skipped
 * and not required: the root is the user's word, and every proof is held to it.
 *
 * Checks: `zksync.l1.head`, `zksync.l1.header`, `zksync.l1.chainId`.
 */
export function anchorL1(r: ReportBuilder, evidence: Evidence): L1Anchor | undefined {
  const title = 'Trusted L1 execution head'
  const answers = anchorAnswersOf(evidence.data)
  if (evidence.trust.kind === 'state-root') {
    const stateRoot = hexToBytes(evidence.trust.value, 'trust.state-root', 32)
    r.pass('zksync.l1.head', title, `L1 state root ${bytesToHex(stateRoot)}, trusted as given`)
    r.fact('l1Head', { stateRoot: bytesToHex(stateRoot) })
    r.skip(
      'zksync.l1.header',
      'L1 endpoint’s header of the trusted head hashes to the verified block hash',
      'the L1 state root is trusted as given: there is no verified block hash to bind a header to',
      { required: false },
    )
    const network = answers.network ?? null
    checkChainId(r, 'zksync.l1.chainId', 'l1', answers.chainIds?.l1, network)
    return { stateRoot, blockNumber: null, blockHash: null, network, answers }
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
  // A beacon section names its network (a custom definition has no chain ids in the table).
  const network = typeof section.network === 'string' ? section.network : null
  checkL1Header(r, answers.l1Header, head)
  checkChainId(r, 'zksync.l1.chainId', 'l1', answers.chainIds?.l1, network)
  return {
    stateRoot: head.stateRoot,
    blockNumber: head.blockNumber,
    blockHash: head.blockHash,
    network,
    answers,
  }
}
