import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { keccak_256 } from '../../crypto/backends'
import { encodeAbi } from '../../encoding/abi'
import { bigintToBytes32, bytesToHex, concatBytes, equalBytes, hexToBytes } from '../../encoding/hex'
import { decodePubdata } from '../da/pubdataFormat'
import { l2ToL1LogLeaf, messageLog, serializeL2ToL1Log } from './l2ToL1Log'
import { decodeWithdrawalMessage, L2_BASE_TOKEN_ADDRESS, requiredSender } from './withdrawalMessage'

const sel = (s: string) => bytesToHex(keccak_256(new TextEncoder().encode(s)).subarray(0, 4))

describe('withdrawal messages', () => {
  it('the selectors are the L1 functions the bridge dispatches on', () => {
    expect(sel('finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[])')).toBe('0x6c0960f9')
    expect(sel('finalizeWithdrawal(uint256,uint256,uint16,bytes,bytes32[])')).toBe('0x11a2ccc1')
    expect(sel('finalizeDeposit(uint256,bytes32,bytes)')).toBe('0x9c884fd1')
    expect(bytesToHex(keccak_256(new TextEncoder().encode('L1MessageSent(address,bytes32,bytes)')))).toBe(
      '0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241',
    )
  })

  /**
   * Real data: the pubdata of zksync-era's kzg_test_0.json (a real batch: four ETH withdrawals and one legacy
   * ERC-20 withdrawal, shared/fixtures PROVENANCE). Each message, decoded here and turned back into a log by
   * messageLog with the sender its kind requires, must give byte for byte the 88-byte log the batch published —
   * the leaf the verifier builds is the leaf L1 proves.
   */
  it('rebuilds the real batch’s L2→L1 logs from its messages (kzg_test_0 pubdata)', () => {
    const v = readFixtureJson<{ pubdata: string }>('zksync/zksync-era/kzg/kzg_test_0.json')
    const pubdata = decodePubdata(hexToBytes(`0x${v.pubdata}`))
    expect(pubdata.messages).toHaveLength(5)
    const kinds: string[] = []
    for (const m of pubdata.messages) {
      const d = decodeWithdrawalMessage(m.data)
      expect(d.ok).toBe(true)
      if (!d.ok) continue
      kinds.push(d.message.kind)
      const published = pubdata.logs.find((l) => equalBytes(l.value, keccak_256(m.data)))!
      const sender =
        d.message.kind === 'erc20-legacy'
          ? published.key.slice(12) // the legacy bridge: the chain's own address
          : requiredSender(d.message.kind, null)!
      if (d.message.kind === 'eth') expect(equalBytes(sender, L2_BASE_TOKEN_ADDRESS)).toBe(true)
      const rebuilt = messageLog(sender, published.txNumberInBatch, m.data)
      expect(bytesToHex(serializeL2ToL1Log(rebuilt))).toBe(bytesToHex(serializeL2ToL1Log(published)))
      expect(bytesToHex(l2ToL1LogLeaf(rebuilt))).toBe(bytesToHex(keccak_256(serializeL2ToL1Log(published))))
    }
    expect(kinds.sort()).toEqual(['erc20-legacy', 'eth', 'eth', 'eth', 'eth'])
  })

  it('decodes each kind, and refuses what L1 refuses', () => {
    const receiver = hexToBytes(`0x${'11'.repeat(20)}`)
    const token = hexToBytes(`0x${'22'.repeat(20)}`)
    const eth = concatBytes(hexToBytes('0x6c0960f9'), receiver, bigintToBytes32(5n))
    expect(decodeWithdrawalMessage(eth)).toEqual({
      ok: true,
      message: { kind: 'eth', receiver: bytesToHex(receiver), amount: 5n },
    })
    // The extended ETH message appends sender ‖ data, which L1 does not read.
    expect(decodeWithdrawalMessage(concatBytes(eth, receiver, Uint8Array.of(1, 2))).ok).toBe(true)
    expect(decodeWithdrawalMessage(eth.subarray(0, 55))).toMatchObject({ ok: false })
    const legacy = concatBytes(hexToBytes('0x11a2ccc1'), receiver, token, bigintToBytes32(7n))
    expect(decodeWithdrawalMessage(legacy)).toMatchObject({
      ok: true,
      message: { kind: 'erc20-legacy', amount: 7n },
    })
    expect(decodeWithdrawalMessage(concatBytes(legacy, Uint8Array.of(0)))).toMatchObject({ ok: false })
    const mint = encodeAbi(
      ['address', 'address', 'address', 'uint256', 'bytes'],
      [bytesToHex(receiver), bytesToHex(receiver), bytesToHex(token), 9n, '0x'],
    )
    const router = concatBytes(
      hexToBytes('0x9c884fd1'),
      bigintToBytes32(324n),
      new Uint8Array(32).fill(3),
      mint,
    )
    expect(decodeWithdrawalMessage(router)).toMatchObject({
      ok: true,
      message: {
        kind: 'asset-router',
        receiver: bytesToHex(receiver),
        originToken: bytesToHex(token),
        amount: 9n,
      },
    })
    expect(decodeWithdrawalMessage(router.subarray(0, 67))).toMatchObject({ ok: false })
    expect(decodeWithdrawalMessage(hexToBytes('0xdeadbeef00'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a withdrawal/),
    })
  })
})
