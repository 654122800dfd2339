/**
 * Nibble paths and the hex-prefix encoding of trie paths (Yellow Paper appendix C). A path byte 0xab is the
 * nibbles a, b; leaf and extension nodes store their partial path with a flag nibble in front:
 * 0 = extension/even, 1 = extension/odd, 2 = leaf/even, 3 = leaf/odd; even paths pad the flag with a 0 nibble.
 */
export function bytesToNibbles(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 2)
  for (let i = 0; i < bytes.length; i++) {
    out[2 * i] = bytes[i]! >> 4
    out[2 * i + 1] = bytes[i]! & 0x0f
  }
  return out
}

export interface HexPrefixPath {
  isLeaf: boolean
  nibbles: Uint8Array
}

/** Decodes a hex-prefix path, or returns undefined for a flag above 3, a nonzero pad nibble, or no bytes. */
export function decodeHexPrefix(encoded: Uint8Array): HexPrefixPath | undefined {
  if (encoded.length === 0) return undefined
  const first = encoded[0]!
  const flag = first >> 4
  if (flag > 3) return undefined
  const odd = (flag & 1) === 1
  if (!odd && (first & 0x0f) !== 0) return undefined
  const nibbles = new Uint8Array((encoded.length - 1) * 2 + (odd ? 1 : 0))
  let n = 0
  if (odd) nibbles[n++] = first & 0x0f
  for (let i = 1; i < encoded.length; i++) {
    nibbles[n++] = encoded[i]! >> 4
    nibbles[n++] = encoded[i]! & 0x0f
  }
  return { isLeaf: (flag & 2) === 2, nibbles }
}

export function encodeHexPrefix(nibbles: Uint8Array, isLeaf: boolean): Uint8Array {
  const odd = nibbles.length % 2 === 1
  const out = new Uint8Array(Math.floor(nibbles.length / 2) + 1)
  const flag = (isLeaf ? 2 : 0) + (odd ? 1 : 0)
  let i = 0
  if (odd) {
    out[0] = (flag << 4) | nibbles[0]!
    i = 1
  } else {
    out[0] = flag << 4
  }
  for (let o = 1; i < nibbles.length; i += 2, o++) out[o] = (nibbles[i]! << 4) | nibbles[i + 1]!
  return out
}
