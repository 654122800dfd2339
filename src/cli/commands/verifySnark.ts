import { UsageError } from '../../shared/errors'
import { rawFromBytes } from '../../verifier/evidence/schema'
import { parsePublicInput } from '../../verifier/snark/parseSnarkProof'
import type { ProofLayout } from '../../verifier/snark/routeProof'
import { createSnarkEvidence } from '../../verifier/kinds/snarkKind'
import { stringList, stringOption, type CommandSpec } from '../command'
import { SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'
import { requireOption } from '../inputs'

const COMMAND = 'verify snark'
const LAYOUTS: readonly ProofLayout[] = ['auto', 'bare', 'dual']
/** Keys are a few kilobytes; proofs are at most 69 words (the v33 envelope). Anything far larger is not one of them. */
const MAX_FILE_BYTES = 1024 * 1024

/**
 * `lightproof verify snark --vk F --proof F --public-input H` (DESIGN.md §4): a ZKsync Era batch SNARK checked
 * locally, as L1's PLONK or FFLONK verifier checks it. Exit 0 valid, 1 invalid or unsupported verifier type,
 * 2 malformed files or options. The inputs become SNARK evidence and are verified as evidence (one code path),
 * so `--save F` writes a file that `lightproof verify F` re-verifies to the same report.
 */
export const verifySnarkCommand: CommandSpec = {
  usage: '--vk F --proof F --public-input H [--expected-vk-hash H] [--layout auto|bare|dual] [--save FILE]',
  options: {
    vk: {
      type: 'string',
      multiple: true,
      help: 'F  verification key: prover JSON, or JSON array of flat verifier-contract words (repeatable)',
    },
    proof: {
      type: 'string',
      help: 'F  proof as a JSON array of 32-byte words, with or without the DualVerifier type word',
    },
    'public-input': { type: 'string', help: 'H  the public input word (0x-hex, up to 32 bytes)' },
    'expected-vk-hash': {
      type: 'string',
      help: 'H  the key hash the L1 verifier reports (verificationKeyHash()); the key must match it',
    },
    layout: {
      type: 'string',
      help: 'auto (default), bare (no type word) or dual (proof[0] is the verifier type)',
    },
    ...SAVE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const vkFiles = stringList(values, 'vk')
    if (vkFiles.length === 0) throw new UsageError(`${COMMAND}: --vk is required`)
    const proofFile = requireOption(values, 'proof', COMMAND)
    const rawInput = requireOption(values, 'public-input', COMMAND)
    const layout = (stringOption(values, 'layout') ?? 'auto') as ProofLayout
    if (!LAYOUTS.includes(layout)) throw new UsageError(`${COMMAND}: --layout must be auto, bare or dual`)
    const expected = stringOption(values, 'expected-vk-hash')
    if (expected !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(expected)) {
      throw new UsageError(`${COMMAND}: --expected-vk-hash must be 32 bytes of 0x-hex`)
    }
    let publicInput: bigint
    try {
      publicInput = parsePublicInput(rawInput)
    } catch (err) {
      throw new UsageError(`${COMMAND}: --public-input: ${(err as Error).message}`)
    }
    const vkBytes: Uint8Array[] = []
    for (const file of vkFiles) vkBytes.push(await ctx.readInput(file, MAX_FILE_BYTES))
    const proofBytes = await ctx.readInput(proofFile, MAX_FILE_BYTES)
    // createSnarkEvidence parses every file, so a malformed one is bad input (exit 2), never a failed report.
    const evidence = createSnarkEvidence({
      vks: vkBytes.map((b) => rawFromBytes(b, true)),
      proof: rawFromBytes(proofBytes, true),
      publicInput,
      layout,
      ...(expected !== undefined ? { expectedVkHash: expected } : {}),
      createdAt: new Date().toISOString(),
      question: { vk: vkFiles, proof: proofFile, publicInput: rawInput },
      sources: [...vkFiles, proofFile].map((f) => ({ role: 'file', request: f })),
    })
    return verifyAndMaybeSave(evidence, values, ctx)
  },
}
