import { UsageError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../../verifier/encoding/hex'
import type { LeafLayout } from '../../verifier/verkle/constants'
import { verkleKind } from '../../verifier/kinds/verkleKind'
import { stringList, stringOption, type CommandSpec } from '../command'
import { fileEvidence, SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'
import { requireOption, rootOption } from '../inputs'

const COMMAND = 'verify verkle'
const LAYOUTS: readonly LeafLayout[] = ['basic-data', 'legacy-per-field']

/**
 * `lightproof verify verkle --witness F --pre-state-root R` (DESIGN.md §4): an EIP-6800 execution witness, or
 * a block JSON holding one, checked against a pre-state root the user trusts (the parent block's state root).
 * Malformed witness: exit 2. Witness that does not prove its pre-state values: exit 1. With `--address`, the
 * account's header fields are read from the witness (proven only when it verified).
 */
export const verifyVerkleCommand: CommandSpec = {
  usage: '--witness F --pre-state-root R [--address A]… [--layout basic-data|legacy-per-field] [--save FILE]',
  options: {
    witness: {
      type: 'string',
      help: 'F  execution witness, or a block / payload JSON holding one (JSON file, - for stdin)',
    },
    'pre-state-root': {
      type: 'string',
      help: "R  trusted 32-byte state root (0x-hex) of the parent block: the witness's pre-state",
    },
    address: {
      type: 'string',
      multiple: true,
      help: 'A  read this account (20-byte 0x-hex) from the witness; repeatable',
    },
    layout: {
      type: 'string',
      help: 'account leaf layout: basic-data (current EIP-6800) or legacy-per-field (Kaustinen ≤ 6); default: detected',
    },
    ...SAVE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const preStateRoot = rootOption(values, 'pre-state-root', COMMAND)
    const file = requireOption(values, 'witness', COMMAND)
    const layoutOption = stringOption(values, 'layout')
    if (layoutOption !== undefined && !LAYOUTS.includes(layoutOption as LeafLayout))
      throw new UsageError(`${COMMAND}: --layout must be one of ${LAYOUTS.join(', ')}`)
    const addresses = stringList(values, 'address').map((a) => {
      try {
        return hexToBytes(a, '--address', 20)
      } catch (err) {
        throw new UsageError(`${COMMAND}: ${(err as Error).message}`)
      }
    })

    const evidence = fileEvidence({
      kind: verkleKind.kind,
      trust: { kind: 'pre-state-root', value: bytesToHex(preStateRoot) },
      files: { witness: { path: file, bytes: await ctx.readInput(file), text: true } },
      question: {
        ...(addresses.length > 0 ? { addresses: addresses.map((a) => bytesToHex(a)) } : {}),
        ...(layoutOption ? { layout: layoutOption } : {}),
      },
    })
    const report = await verifyAndMaybeSave(evidence, values, ctx)
    return report
  },
}
