import { bytesToBigint, bytesToHex, equalBytes } from '../../encoding/hex'
import type { FactValue, ReportBuilder } from '../../report'
import {
  balanceFromWord,
  decomposeNonce,
  erc20BalanceLocation,
  ethBalanceLocation,
  formatUnits,
  nonceLocation,
  type L2StorageLocation,
} from '../stateTree/l2Balances'
import { findL2Token } from '../stateTree/l2Tokens'
import type { ZksProof } from '../stateTree/types'
import { verifyZksStorageProof } from '../stateTree/verifyZksStorageProof'
import { treePathFact, treePathSummary } from './treePathSummary'

/** A token whose balance is asked for: where its balances live and how to show them. */
export interface L2TokenQuery {
  address: Uint8Array
  /** Slot of the `mapping(address => uint256)` of balances (51 for bridged tokens). */
  balanceSlot: bigint
  decimals: number
  symbol: string
  /** Low bits of the word that hold the balance (256 unless the token packs flags). */
  balanceBits: number
}

export interface L2BalanceInput {
  /** SBI.batchHash of a bound StoredBatchInfo. */
  root: Uint8Array
  /** SBI.indexRepeatedStorageChanges of the same batch. */
  maxIndex: bigint
  account: Uint8Array
  token: L2TokenQuery | null
  /** zks_getProof answers, one per contract (L2BaseToken, NonceHolder, the token). */
  proofs: readonly ZksProof[]
}

export interface L2BalanceResult {
  ok: boolean
  eth?: bigint
  token?: bigint
  nonce?: { minNonce: bigint; deploymentNonce: bigint }
}

const TITLES = {
  key: 'Entry is for the derived slot',
  length: 'Proof has at most 256 siblings',
  index: 'Index and value are consistent (≤ the batch’s last enumeration index)',
  proof: 'Merkle path folds to the batch’s state root',
} as const

/**
 * The L2 half of a ZKsync balance: the storage slots are derived here from the account (ETH at L2BaseToken
 * `balance[account]`, the nonce at NonceHolder `rawNonces[account]`, a token's `_balances[account]`), never taken
 * from the answer, and each zks_getProof entry must fold to the bound batch root (zksync.md §3.2).
 *
 * Checks per location (`eth`, `nonce`, `token`): `zks.<loc>.answer`, `.key`, `.length`, `.index`, `.proof`.
 */
export function verifyL2Balance(r: ReportBuilder, input: L2BalanceInput): L2BalanceResult {
  const locations: { name: 'eth' | 'nonce' | 'token'; what: string; loc: L2StorageLocation }[] = [
    { name: 'eth', what: 'ETH balance (L2BaseToken 0x…800a)', loc: ethBalanceLocation(input.account) },
    { name: 'nonce', what: 'nonce (NonceHolder 0x…8003)', loc: nonceLocation(input.account) },
  ]
  if (input.token)
    locations.push({
      name: 'token',
      what: `${input.token.symbol} balance (${bytesToHex(input.token.address)})`,
      loc: erc20BalanceLocation(input.token.address, input.account, input.token.balanceSlot),
    })
  const values = new Map<string, Uint8Array>()
  const paths: Record<string, FactValue> = {}
  let ok = true
  for (const { name, what, loc } of locations) {
    const id = `zks.${name}`
    const answer = input.proofs.find((p) => equalBytes(p.address, loc.contract))
    const entry = answer?.storageProof.find((e) => equalBytes(e.key, loc.slot))
    if (!entry) {
      r.fail(
        `${id}.answer`,
        `zks_getProof answer holds the ${what}`,
        `no entry for slot ${bytesToHex(loc.slot)} of ${bytesToHex(loc.contract)}`,
      )
      ok = false
      continue
    }
    r.pass(`${id}.answer`, `zks_getProof answer holds the ${what}`, `slot ${bytesToHex(loc.slot)}`)
    const res = verifyZksStorageProof(input.root, loc.contract, loc.slot, entry, { maxIndex: input.maxIndex })
    for (const c of res.checks) r.add(`${id}.${c.check}`, TITLES[c.check], c.status, c.detail)
    if (!res.ok) {
      ok = false
      continue
    }
    values.set(name, entry.value)
    paths[name] = {
      ...(treePathFact(treePathSummary(entry.proof)) as Record<string, FactValue>),
      index: entry.index.toString(),
    }
  }
  if (!ok) return { ok: false }
  const eth = bytesToBigint(values.get('eth')!)
  const nonce = decomposeNonce(values.get('nonce')!)
  r.fact('eth', { wei: eth.toString(), formatted: `${formatUnits(eth, 18)} ETH` })
  r.fact('nonce', { minNonce: nonce.minNonce.toString(), deploymentNonce: nonce.deploymentNonce.toString() })
  let token: bigint | undefined
  if (input.token) {
    token = balanceFromWord(values.get('token')!, input.token.balanceBits)
    const listed = checkTokenTable(r, input.token)
    if (!listed.ok) return { ok: false }
    r.fact('token', {
      symbol: input.token.symbol,
      address: bytesToHex(input.token.address),
      balanceSlot: input.token.balanceSlot.toString(),
      raw: token.toString(),
      decimals: input.token.decimals,
      formatted: `${formatUnits(token, input.token.decimals)} ${input.token.symbol}`,
      // A token outside the built-in table: its symbol and decimals are what the question says, shown as
      // given; only the raw amount is proven.
      ...(listed.inTable ? {} : { unproven: ['symbol', 'decimals', 'formatted'] }),
    })
  }
  r.fact('treePath', paths)
  return { ok: true, eth, nonce, ...(token !== undefined ? { token } : {}) }
}

/**
 * A token the built-in table lists (l2Tokens.ts) must be asked for with the table's slot, bits, symbol and
 * decimals: a file calling USDC's decimals 18 would show a wrong amount from a correct proof. Check
 * `zksync.token.table`; a token outside the table is reported with its metadata marked unproven.
 */
function checkTokenTable(r: ReportBuilder, t: L2TokenQuery): { ok: boolean; inTable: boolean } {
  const known = findL2Token(bytesToHex(t.address))
  if (!known) {
    r.skip(
      'zksync.token.table',
      'Token metadata agrees with the built-in table',
      `${bytesToHex(t.address)} is not in the built-in table: symbol ${t.symbol} and ${t.decimals} decimals are as the question gives them, not proven (the raw amount is)`,
      { required: false },
    )
    return { ok: true, inTable: false }
  }
  const problems: string[] = []
  if (t.symbol.toLowerCase() !== known.symbol.toLowerCase())
    problems.push(`symbol ${t.symbol}, the table says ${known.symbol}`)
  if (t.decimals !== known.decimals) problems.push(`decimals ${t.decimals}, the table says ${known.decimals}`)
  if (t.balanceSlot !== known.balanceMappingSlot)
    problems.push(`balance slot ${t.balanceSlot}, the table says ${known.balanceMappingSlot}`)
  if (t.balanceBits !== known.balanceBits)
    problems.push(`balance bits ${t.balanceBits}, the table says ${known.balanceBits}`)
  const ok = r.expect(
    'zksync.token.table',
    `Token metadata agrees with the built-in table (${known.symbol})`,
    problems.length === 0,
    `${known.symbol} at ${known.address}: slot ${known.balanceMappingSlot}, ${known.decimals} decimals, as listed`,
    problems.join('; '),
  )
  return { ok, inTable: true }
}
