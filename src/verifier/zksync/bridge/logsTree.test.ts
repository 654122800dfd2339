import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { keccak_256 } from '../../crypto/backends'
import { bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import { DEFAULT_LOG_LEAF, l2ToL1LogLeaf, type L2ToL1Log } from './l2ToL1Log'
import { foldMerklePath, logsTreeRootAndPath, logsTreeShapeOf, versionsOf } from './logsTree'

const item = (byte: number) => keccak_256(new Uint8Array(88).fill(byte))
const hexes = (xs: Uint8Array[]) => xs.map(bytesToHex)

/** zksync-era `core/lib/mini_merkle_tree/src/tests.rs` (@ 07bb18b9): the snapshot tests' roots and paths. */
describe('logs tree against zksync-era MiniMerkleTree snapshots', () => {
  it('single_item_tree_snapshot: [1; 88] in a 32-leaf tree', () => {
    const { root, path } = logsTreeRootAndPath([item(1)], 5, 0)
    expect(bytesToHex(root)).toBe('0x45e2793110bf02d81fc72bc11ed257c79251816f4187fa95f2e4d7cded1efad9')
    expect(hexes(path)).toEqual([
      '0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba',
      '0xc3d03eebfd83049991ea3d3e358b6712e7aa2e2e63dc2d4b438987cec28ac8d0',
      '0xe3697c7f33c31a9b0f0aeb8542287d0d21e8c4cf82163d0c44c7a98aa11aa111',
      '0x199cc5812543ddceeddd0fc82807646a4899444240db2c0d2f20c3cceb5f51fa',
      '0xe4733f281f18ba3ea8775dd62d2fcd84011c8c938f16ea5790fd29a03bf8db89',
    ])
    expect(bytesToHex(foldMerklePath(item(1), 0n, path))).toBe(bytesToHex(root))
    // The first sibling of a lone leaf is the default leaf: keccak of 88 zero bytes.
    expect(bytesToHex(DEFAULT_LOG_LEAF)).toBe(hexes(path)[0])
  })

  it('full_tree_snapshot: leaves [1..=32; 88], index 2', () => {
    const leaves = Array.from({ length: 32 }, (_, i) => item(i + 1))
    const { root, path } = logsTreeRootAndPath(leaves, 5, 2)
    expect(bytesToHex(root)).toBe('0x29694afc5d76ad6ee48e9382b1cf724c503c5742aa905700e290845c56d1b488')
    expect(hexes(path)).toEqual([
      '0x14c175b8872f2d5fdc604a7815e3db795e1922e6ba3665a252e0039af266761b',
      '0xfa962a43efca9e02922feaac4d164933e4e1eba2019944698cc46f793c2a8733',
      '0xc0ae660cf922e2bff20d24a77f31e5580fbdc28201b496bae5eb1803bf7e96c4',
      '0x7f4f800d9522a26ed963ea2246d34d96eaa0f336272c33d96aaceb2ad8930a48',
      '0x149d20e7d6506f8ce6379b42d4188789564e62127b60f3213d598fb5daeb8f71',
    ])
    expect(bytesToHex(foldMerklePath(leaves[2]!, 2n, path))).toBe(bytesToHex(root))
  })

  it('partial_tree_snapshot: leaves [1..=50; 88] (64-leaf tree), indices 10 and 49', () => {
    const leaves = Array.from({ length: 50 }, (_, i) => item(i + 1))
    const root = '0x2da23c4270b612710106f3e02e9db9fa42663751869f48d952fa7a0eaaa92475'
    const at10 = logsTreeRootAndPath(leaves, 6, 10)
    expect(bytesToHex(at10.root)).toBe(root)
    expect(hexes(at10.path)).toEqual([
      '0xd2f9d641c8456399c31f33bc0a0bfcce4afca53fa1938f309943b396b26a0199',
      '0xedc4ba9f1c4c28c60293177da454580680d3affc1f10e2ce6248612e66c2f214',
      '0x792b07f0a0e4a0e59fb01767855a90417b4ab8d7beba12619925aa61ec7f02dd',
      '0xca0753b052ffcfec8241499af88d7983e2e30a5ecf2754d5147f560e8cda9a58',
      '0x149d20e7d6506f8ce6379b42d4188789564e62127b60f3213d598fb5daeb8f71',
      '0xc12232b0d6558a3672bc22d484f29f5584683c002df73c9389e83ec929dfed3a',
    ])
    const at49 = logsTreeRootAndPath(leaves, 6, 49)
    expect(hexes(at49.path)).toEqual([
      '0x39f19437665159060317aab8b417352df18779f50b68a6bf6bc9c94dff8c98ca',
      '0xc3d03eebfd83049991ea3d3e358b6712e7aa2e2e63dc2d4b438987cec28ac8d0',
      '0xe3697c7f33c31a9b0f0aeb8542287d0d21e8c4cf82163d0c44c7a98aa11aa111',
      '0x199cc5812543ddceeddd0fc82807646a4899444240db2c0d2f20c3cceb5f51fa',
      '0x6edd774c0492cb4c825e4684330fd1c3259866606d47241ebf2a29af0190b5b1',
      '0x29694afc5d76ad6ee48e9382b1cf724c503c5742aa905700e290845c56d1b488',
    ])
    for (const i of [0, 10, 31, 49])
      expect(bytesToHex(foldMerklePath(leaves[i]!, BigInt(i), logsTreeRootAndPath(leaves, 6, i).path))).toBe(
        root,
      )
  })

  it('a fold refuses an index outside the path and an empty path', () => {
    expect(() => foldMerklePath(item(1), 32n, logsTreeRootAndPath([item(1)], 5, 0).path)).toThrow(/index/)
    expect(() => foldMerklePath(item(1), 0n, [])).toThrow(/siblings/)
  })
})

interface FixtureLog {
  shard_id: number
  is_service: boolean
  tx_number_in_block: number
  sender: string
  key: string
  value: string
}

function commitmentCase(file: string) {
  const j = readFixtureJson<{
    input: Record<string, { common: { l2_to_l1_logs: FixtureLog[]; protocol_version: string } }>
    auxiliary_output: Record<
      string,
      { common: { l2_l1_logs_merkle_root: string }; local_root?: string; aggregation_root?: string }
    >
  }>(`zksync/zksync-era/commitment/${file}`)
  const input = Object.values(j.input)[0]!.common
  const aux = Object.values(j.auxiliary_output)[0]!
  const logs: L2ToL1Log[] = input.l2_to_l1_logs.map((l) => ({
    shardId: l.shard_id,
    isService: l.is_service,
    txNumberInBatch: l.tx_number_in_block,
    sender: hexToBytes(l.sender),
    key: hexToBytes(l.key),
    value: hexToBytes(l.value),
  }))
  return { version: Number(input.protocol_version.replace('Version', '')), logs, aux }
}

/**
 * zksync-era's commitment test vectors (`core/lib/types/src/commitment/tests/*.json`, shared/fixtures PROVENANCE):
 * each batch's user logs and the logs root the commitment uses, one per tree shape: v17 (512 leaves), v20
 * (2048), v21 (4096), v23 (16384) and v27 (16384 hashed with the aggregation root).
 */
describe('logs tree shapes per protocol version against zksync-era commitment vectors', () => {
  for (const file of [
    'pre_boojum_test.json',
    'post_boojum_1_4_1_test.json',
    'post_boojum_1_4_2_test.json',
    'post_boojum_1_5_0_test.json',
    'post_gateway_test.json',
  ])
    it(file, () => {
      const c = commitmentCase(file)
      const shape = logsTreeShapeOf(c.version)
      const leaves = c.logs.map(l2ToL1LogLeaf)
      const local = logsTreeRootAndPath(leaves, shape.depth).root
      const root = shape.aggregatedRoot
        ? keccak_256(concatBytes(local, hexToBytes(c.aux.aggregation_root!)))
        : local
      expect(bytesToHex(root)).toBe(c.aux.common.l2_l1_logs_merkle_root)
      if (c.aux.local_root) expect(bytesToHex(local)).toBe(c.aux.local_root)
      // Every leaf folds to the local root from its own path, and one depth less or more does not.
      for (const i of [0, leaves.length - 1]) {
        const { path } = logsTreeRootAndPath(leaves, shape.depth, i)
        expect(bytesToHex(foldMerklePath(leaves[i]!, BigInt(i), path))).toBe(bytesToHex(local))
        expect(bytesToHex(foldMerklePath(leaves[i]!, BigInt(i), path.slice(1)))).not.toBe(bytesToHex(local))
      }
    })

  it('the table: one row per change, keyed by the first version', () => {
    expect([17, 18, 20, 21, 22, 23, 25, 26, 31].map((v) => logsTreeShapeOf(v).leaves)).toEqual([
      512, 2048, 2048, 4096, 4096, 16384, 16384, 16384, 16384,
    ])
    expect(logsTreeShapeOf(25).aggregatedRoot).toBe(false)
    expect(logsTreeShapeOf(26).aggregatedRoot).toBe(true)
    expect(versionsOf(logsTreeShapeOf(24))).toBe('v23–v25')
    expect(versionsOf(logsTreeShapeOf(29))).toBe('v26+')
    // research next-wave.md §1.2: the empty 16384-leaf local root.
    expect(bytesToHex(logsTreeRootAndPath([], 14).root)).toBe(
      '0x375a5bf909cb02143e3695ca658e0641e739aa590f0004dba93572c44cdb9d2d',
    )
  })
})
