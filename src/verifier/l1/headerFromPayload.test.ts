import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { bytesToHex } from '../encoding/hex'
import { COLIBRI_BALANCE, COLIBRI_STORAGE } from '../../../tests/support/colibriCases'
import { payloadHeaderHash } from './headerFromPayload'

/**
 * The EL header rebuilt from a signed Electra block's execution payload (colibri's recorded mainnet blocks,
 * fixtures l1/PROVENANCE.md set C) hashes to the payload's block_hash; any changed field does not.
 */
function rebuild(file: string, edit?: (m: ReturnType<typeof ssz.electra.BeaconBlock.deserialize>) => void) {
  const m = ssz.electra.SignedBeaconBlock.deserialize(readFixture(file)).message
  edit?.(m)
  const r = m.body.executionRequests
  const requests = {
    deposits: ssz.electra.DepositRequests.serialize(r.deposits),
    withdrawals: ssz.electra.WithdrawalRequests.serialize(r.withdrawals),
    consolidations: ssz.electra.ConsolidationRequests.serialize(r.consolidations),
  }
  return { hash: bytesToHex(payloadHeaderHash(m.body.executionPayload, m.parentRoot, requests)), m }
}

describe('payloadHeaderHash', () => {
  it.each([COLIBRI_BALANCE, COLIBRI_STORAGE])('$name: rebuilt header hash = payload block_hash', (c) => {
    const { hash, m } = rebuild(c.headBlock)
    expect(hash).toBe(bytesToHex(m.body.executionPayload.blockHash))
  })

  it.each([
    [
      'extraData',
      (m: ReturnType<typeof ssz.electra.BeaconBlock.deserialize>) => {
        m.body.executionPayload.extraData = Uint8Array.of(1, 2, 3)
      },
    ],
    [
      'a transaction dropped (transactionsRoot)',
      (m: ReturnType<typeof ssz.electra.BeaconBlock.deserialize>) => {
        m.body.executionPayload.transactions = m.body.executionPayload.transactions.slice(1)
      },
    ],
    [
      'a withdrawal amount (withdrawalsRoot)',
      (m: ReturnType<typeof ssz.electra.BeaconBlock.deserialize>) => {
        m.body.executionPayload.withdrawals[0]!.amount += 1n
      },
    ],
    [
      'parent_root (parentBeaconBlockRoot)',
      (m: ReturnType<typeof ssz.electra.BeaconBlock.deserialize>) => {
        m.parentRoot = new Uint8Array(32)
      },
    ],
  ])('%s changed: the hash no longer matches', (_name, edit) => {
    const { hash, m } = rebuild(COLIBRI_BALANCE.headBlock, edit)
    expect(hash).not.toBe(bytesToHex(m.body.executionPayload.blockHash))
  })
})
