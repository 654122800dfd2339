/**
 * Snappy *block* format decoder (google/snappy `format_description.txt`), for the consensus-spec-tests
 * `.ssz_snappy` vectors only. Bounds-checked; throws on malformed input. Not used by the verifier itself.
 */
export function snappyUncompress(input: Uint8Array, maxLength = 16 * 1024 * 1024): Uint8Array {
  let pos = 0
  let length = 0
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('snappy: bad length preamble')
    const b = input[pos++]!
    length += (b & 0x7f) * 2 ** shift
    if (b < 0x80) break
  }
  if (length > maxLength) throw new Error('snappy: output too large')
  const out = new Uint8Array(length)
  let o = 0
  const readLe = (n: number): number => {
    if (pos + n > input.length) throw new Error('snappy: truncated')
    let v = 0
    for (let i = 0; i < n; i++) v += input[pos++]! * 2 ** (8 * i)
    return v
  }
  while (pos < input.length) {
    const tag = input[pos++]!
    const type = tag & 3
    if (type === 0) {
      let len = tag >> 2
      if (len >= 60) len = readLe(len - 59)
      len += 1
      if (pos + len > input.length || o + len > length) throw new Error('snappy: literal out of range')
      out.set(input.subarray(pos, pos + len), o)
      pos += len
      o += len
      continue
    }
    let len: number
    let offset: number
    if (type === 1) {
      len = ((tag >> 2) & 7) + 4
      offset = ((tag >> 5) << 8) | readLe(1)
    } else {
      len = (tag >> 2) + 1
      offset = readLe(type === 2 ? 2 : 4)
    }
    if (offset === 0 || offset > o || o + len > length) throw new Error('snappy: copy out of range')
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset]!
  }
  if (o !== length) throw new Error('snappy: length mismatch')
  return out
}
