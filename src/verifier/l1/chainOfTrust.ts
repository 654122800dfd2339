import type { TrustedExecutionHead } from '../beacon/lightClientHeader'
import { bytesToHex } from '../encoding/hex'
import type { CheckStatus, FactValue, Report } from '../report'
import { formatAmount, type BalanceTarget } from './balanceQuestion'

/**
 * The chain of trust of an L1 balance report as ordered steps, for the CLI's facts and the L1 page's
 * expandable list (DESIGN.md §1): checkpoint → head → state root → account → storage slot → value. Each
 * step names the checks behind it; its status is `fail` if any of them failed, `pass` if there were some and
 * all passed, else `skip` (not reached).
 */
export type ChainStepName = 'checkpoint' | 'head' | 'state-root' | 'account' | 'storage-slot' | 'value'

export interface ChainStep {
  step: ChainStepName
  title: string
  status: Exclude<CheckStatus, 'error'>
  /** The value this step establishes (hex or a decimal string), empty when not established. */
  value: string
  detail: string
  checks: string[]
}

/** Which checks belong to which step, by id: one table, read in order. */
const STEP_CHECKS: readonly { step: ChainStepName; match: RegExp }[] = [
  { step: 'checkpoint', match: /^beacon\.(bootstrap|checkpoint)/ },
  { step: 'state-root', match: /^(l1\.head\.(finalized|execution)$|l1\.el-header)/ },
  { step: 'head', match: /^(beacon\.|l1\.head)/ },
  { step: 'account', match: /^l1\.proof($|\[\d+\]\.(block|parse|address|chain-id|mpt$|mpt\.account))/ },
  { step: 'storage-slot', match: /^(l1\.token\.table|l1\.proof\[\d+\]\.(storage-key|mpt\.storage))/ },
  { step: 'value', match: /^l1\.(endpoints\.agree|value)$/ },
]

export interface ChainInput {
  target: BalanceTarget
  checkpoint: string
  head: (TrustedExecutionHead & { source: string; signers?: number }) | null
  stateRoot: Uint8Array | null
  account: { [key: string]: FactValue } | null
  /** The proven value, only when the whole report verified. */
  value: bigint | null
}

export function chainOfTrust(report: Report, c: ChainInput): FactValue {
  const byStep = new Map<ChainStepName, Report['checks']>()
  for (const check of report.checks) {
    const row = STEP_CHECKS.find((r) => r.match.test(check.id))
    if (!row) continue
    byStep.set(row.step, [...(byStep.get(row.step) ?? []), check])
  }
  const status = (name: ChainStepName): ChainStep['status'] => {
    const checks = (byStep.get(name) ?? []).filter((x) => x.required)
    if (checks.some((x) => x.status === 'fail' || x.status === 'error')) return 'fail'
    return checks.length > 0 && checks.every((x) => x.status === 'pass') ? 'pass' : 'skip'
  }
  const step = (name: ChainStepName, title: string, value: string, detail: string): ChainStep => ({
    step: name,
    title,
    status: status(name),
    value: status(name) === 'pass' ? value : '',
    detail,
    checks: (byStep.get(name) ?? []).map((x) => x.id),
  })

  const t = c.target
  const h = c.head
  const steps: ChainStep[] = [
    step(
      'checkpoint',
      'Trusted checkpoint',
      c.checkpoint,
      'beacon block root the user trusts; the bootstrap header hashes to it and proves the sync committee',
    ),
    step(
      'head',
      'Beacon head',
      h ? `slot ${h.slot} (${bytesToHex(h.beaconRoot)})` : '',
      !h
        ? 'not reached'
        : h.source === 'finalized'
          ? 'finalized header, signed by a 2/3 supermajority of the sync committee'
          : `block signed by ${h.signers}/512 of the sync committee in its child block (attested, not finalized)`,
    ),
    step(
      'state-root',
      'Execution state root',
      c.stateRoot ? bytesToHex(c.stateRoot) : '',
      h ? `EL block ${h.blockNumber} (hash ${bytesToHex(h.blockHash)})` : 'not reached',
    ),
    step(
      'account',
      t.mode === 'erc20' ? 'Token contract account' : 'Account',
      bytesToHex(t.account),
      c.account
        ? `nonce ${String(c.account.nonce)}, balance ${String(c.account.balance)} wei, storage root ${String(c.account.storageHash)}`
        : 'eth_getProof account proof against the state root',
    ),
  ]
  if (t.storageKey) {
    steps.push(
      step(
        'storage-slot',
        'Storage slot',
        bytesToHex(t.storageKey),
        t.mode === 'erc20'
          ? `keccak256(pad32(${bytesToHex(t.address)}) ‖ pad32(${t.token!.slot})): the holder's entry of ${t.token!.symbol}'s balance mapping`
          : 'the raw slot asked for',
      ),
    )
  }
  steps.push(
    step(
      'value',
      t.mode === 'slot' ? 'Value' : 'Balance',
      c.value !== null ? (t.mode === 'slot' ? formatAmount(t, c.value) : c.value.toString()) : '',
      c.value !== null ? formatAmount(t, c.value) : 'not established',
    ),
  )
  return steps as unknown as FactValue
}
