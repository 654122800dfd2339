import { open, stat } from 'node:fs/promises'
import { InputError } from '../shared/errors'

export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024

/** Reads at most maxBytes from a file or stdin; a larger input is refused before it is read whole. */
export async function readBoundedFile(path: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): Promise<Uint8Array> {
  if (path === '-') return readBoundedStream(process.stdin, maxBytes, 'standard input')
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new InputError(`${path}: not a regular file`, 'input.not-file')
    size = info.size
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(
      `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      'input.unreadable',
    )
  }
  // No command takes an empty file: say so, rather than what a parser makes of nothing.
  if (size === 0) throw new InputError(`${path}: empty file (0 bytes)`, 'input.empty')
  if (size > maxBytes)
    throw new InputError(`${path}: ${size} bytes is over the ${maxBytes}-byte limit`, 'input.too-large')
  const handle = await open(path, 'r')
  try {
    const buf = new Uint8Array(size)
    let offset = 0
    while (offset < size) {
      const { bytesRead } = await handle.read(buf, offset, size - offset, offset)
      if (bytesRead === 0) break
      offset += bytesRead
    }
    return buf.subarray(0, offset)
  } finally {
    await handle.close()
  }
}

export async function readBoundedStream(
  stream: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  what: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
    total += bytes.length
    if (total > maxBytes) throw new InputError(`${what}: over the ${maxBytes}-byte limit`, 'input.too-large')
    chunks.push(bytes)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}
