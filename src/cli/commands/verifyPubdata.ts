import { UsageError } from '../../shared/errors'
import { hexToBytes } from '../../verifier/encoding/hex'
import { parseEvidence, rawFromBytes, type Evidence } from '../../verifier/evidence/schema'
import { zksyncBatchKind } from '../../verifier/kinds/zksyncKinds'
import { zksyncPubdataKind } from '../../verifier/kinds/zksyncPubdataKind'
import { BLOB_BYTES, MAX_BLOBS_PER_BATCH, ZK_BLOB_BYTES } from '../../verifier/zksync/da/blobEncoding'
import type { DaSection } from '../../verifier/zksync/evidence/pubdataEvidence'
import { stringOption, type CommandSpec } from '../command'
import { SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'

const COMMAND = 'verify pubdata'

/** Raw bytes, or hex text (0x optional, whitespace ignored) when the file is nothing but hex. */
function bytesOrHex(bytes: Uint8Array, what: string): Uint8Array {
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trim()
  if (!/^(0x)?[0-9a-fA-F]*$/.test(text) || bytes.length === 0) return bytes
  const all = new TextDecoder().decode(bytes).replace(/\s+/g, '')
  if (!/^(0x)?[0-9a-fA-F]*$/.test(all)) return bytes
  return hexToBytes(all.startsWith('0x') ? all : `0x${all}`, what)
}

/**
 * `lightproof verify pubdata --pubdata FILE --batch-evidence FILE` (offline): a batch's data from anywhere — an
 * archive, a friend, Blobscan — checked against a saved `zksync batch N` evidence file. The batch chain is
 * re-verified from the evidence (its StoredBatchInfo bound to storedBatchHashes[N] fixes the linear hashes and
 * versioned hashes), then the pubdata's 126,976-byte chunks must hash to the bound linear hashes, rebuilt as
 * EIP-4844 blobs they must commit to the bound versioned hashes, and the pubdata is decoded. `--blob F` (repeatable)
 * gives EIP-4844 blobs instead, in the commit's order. Same exit codes as everywhere.
 */
export const verifyPubdataCommand: CommandSpec = {
  usage: '(--pubdata F | --blob F…) --batch-evidence F [--save FILE]',
  options: {
    pubdata: { type: 'string', help: 'F  the batch’s pubdata: raw bytes or hex text' },
    blob: {
      type: 'string',
      multiple: true,
      help: 'F  an EIP-4844 blob (131,072 bytes, raw or hex); repeatable',
    },
    'batch-evidence': { type: 'string', help: 'F  evidence saved by `lightproof zksync batch N --save F`' },
    ...SAVE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const batchPath = stringOption(values, 'batch-evidence')
    if (!batchPath) throw new UsageError(`${COMMAND}: --batch-evidence F is required`)
    const pubdataPath = stringOption(values, 'pubdata')
    const blobPaths = (values.blob as string[] | undefined) ?? []
    if (!pubdataPath === (blobPaths.length === 0))
      throw new UsageError(`${COMMAND}: give the data as --pubdata F or as --blob F…, one of the two`)
    const batch = parseEvidence(await ctx.readInput(batchPath))
    if (batch.kind !== zksyncBatchKind.kind)
      throw new UsageError(
        `${COMMAND}: ${batchPath} is ${batch.kind} evidence; give the file \`lightproof zksync batch N --save F\` writes`,
      )
    let da: DaSection
    if (pubdataPath) {
      const pubdata = bytesOrHex(
        await ctx.readInput(pubdataPath, 2 * MAX_BLOBS_PER_BATCH * ZK_BLOB_BYTES + 4096),
        '--pubdata',
      )
      da = { offered: 'pubdata', pubdata: rawFromBytes(pubdata, false) }
    } else {
      if (blobPaths.length > MAX_BLOBS_PER_BATCH)
        throw new UsageError(`${COMMAND}: at most ${MAX_BLOBS_PER_BATCH} blobs`)
      const blobs = []
      for (const p of blobPaths) {
        const blob = bytesOrHex(await ctx.readInput(p, 2 * BLOB_BYTES + 4096), `--blob ${p}`)
        if (blob.length !== BLOB_BYTES)
          throw new UsageError(`${COMMAND}: --blob ${p} is ${blob.length} bytes, a blob is ${BLOB_BYTES}`)
        blobs.push(rawFromBytes(blob, false))
      }
      da = { offered: 'blobs', blobs }
    }
    // The batch part as saved; a --proof section is left out (this kind checks the data, not the SNARK).
    const { proof: _proof, ...batchData } = batch.data
    const evidence: Evidence = {
      ...batch,
      kind: zksyncPubdataKind.kind,
      createdAt: new Date().toISOString(),
      question: { ...batch.question, pubdataFile: pubdataPath ?? blobPaths.join(', ') },
      data: { ...batchData, da },
      sources: [...batch.sources, { role: 'file', request: pubdataPath ?? blobPaths.join(', ') }],
    }
    return verifyAndMaybeSave(evidence, values, ctx)
  },
}
